package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// RemoveOperator unassigns an operator (owner only; idempotent).
type RemoveOperator struct {
	UserID     string
	MachineID  string
	OperatorID string
}

// RemoveOperatorHandler runs RemoveOperator.
type RemoveOperatorHandler struct{ d *Deps }

// NewRemoveOperatorHandler builds the handler.
func NewRemoveOperatorHandler(d *Deps) *RemoveOperatorHandler { return &RemoveOperatorHandler{d: d} }

// Handle removes the operator.
func (h *RemoveOperatorHandler) Handle(ctx context.Context, cmd RemoveOperator) error {
	m, err := h.d.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionManageOperators)
	if err != nil {
		return err
	}
	if err := h.d.machines.RemoveOperator(ctx, m.ID(), cmd.OperatorID); err != nil {
		return fmt.Errorf("remove operator: %w", err)
	}
	h.d.changes.machine(ctx, m, ChangeOperatorsChanged, cmd.OperatorID)
	return nil
}
