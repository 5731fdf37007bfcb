package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// DeleteMachine removes a machine with everything of it (owner only).
type DeleteMachine struct {
	UserID    string
	MachineID string
}

// DeleteMachineHandler runs DeleteMachine.
type DeleteMachineHandler struct{ d *Deps }

// NewDeleteMachineHandler builds the handler.
func NewDeleteMachineHandler(d *Deps) *DeleteMachineHandler { return &DeleteMachineHandler{d: d} }

// Handle removes the machine with everything of it (owner only): its work
// orders, issues (and their comments), documents (and their reminder claims),
// document files, plans (and completions), quick checks, and last the machine
// itself (with its operators and readings). There is no transaction (MongoDB
// standalone): each step is idempotent and the machine goes last, so a delete
// that fails half-way is finished by running it again, and until then every
// record left is still reached only through its machine, as before. Records go
// before what they point at (work orders before the issues and plans they
// name, documents before their files).
func (h *DeleteMachineHandler) Handle(ctx context.Context, cmd DeleteMachine) error {
	m, err := h.d.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionDelete)
	if err != nil {
		return err
	}
	for _, step := range []struct {
		what string
		d    MachineDependents
	}{
		{"work orders", h.d.cascade.WorkOrders}, {"issues", h.d.cascade.Issues},
		{"documents", h.d.cascade.Documents}, {"document files", h.d.cascade.DocumentFiles},
	} {
		if step.d == nil {
			continue
		}
		if err := step.d.DeleteByMachine(ctx, m.ID()); err != nil {
			return fmt.Errorf("delete machine: %s: %w", step.what, err)
		}
	}
	if err := h.d.plans.DeleteByMachine(ctx, m.ID()); err != nil {
		return fmt.Errorf("delete machine: %w", err)
	}
	if err := h.d.checks.DeleteByMachine(ctx, m.ID()); err != nil {
		return fmt.Errorf("delete machine: %w", err)
	}
	if err := h.d.machines.Delete(ctx, m.ID()); err != nil {
		return fmt.Errorf("delete machine: %w", err)
	}
	h.d.changes.machine(ctx, m, ChangeMachineDeleted)
	return nil
}
