package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// AssignOperator lets one of the owner's contacts operate the machine (owner only).
type AssignOperator struct {
	UserID     string
	MachineID  string
	OperatorID string
}

// AssignOperatorHandler runs AssignOperator.
type AssignOperatorHandler struct{ d *Deps }

// NewAssignOperatorHandler builds the handler.
func NewAssignOperatorHandler(d *Deps) *AssignOperatorHandler { return &AssignOperatorHandler{d: d} }

// Handle assigns the operator.
func (h *AssignOperatorHandler) Handle(ctx context.Context, cmd AssignOperator) error {
	m, err := h.d.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionManageOperators)
	if err != nil {
		return err
	}
	if cmd.OperatorID == m.OwnerID() {
		return domain.Invalid("userId", "the owner cannot be an operator of their own machine")
	}
	if !domain.ValidID(cmd.OperatorID) {
		return domain.Invalid("userId", "must be a user id")
	}
	if len(m.OperatorIDs()) >= machine.MaxOperators && m.RoleOf(cmd.OperatorID) != machine.RoleOperator {
		return domain.Invalid("userId", fmt.Sprintf("a machine has at most %d operators", machine.MaxOperators))
	}
	ok, err := h.d.contacts.AreContacts(ctx, m.OwnerID(), cmd.OperatorID)
	if err != nil {
		return fmt.Errorf("assign operator: %w", err)
	}
	if !ok {
		return ErrNotContact
	}
	if err := h.d.machines.AddOperator(ctx, m.ID(), cmd.OperatorID); err != nil {
		return fmt.Errorf("assign operator: %w", err)
	}
	h.d.changes.machine(ctx, m, ChangeOperatorsChanged, cmd.OperatorID)
	return nil
}
