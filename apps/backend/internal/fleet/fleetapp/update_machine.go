package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// DetailsPatch changes some descriptive fields; nil ones stay.
type DetailsPatch struct {
	SerialNumber, Name, Brand, Model, Type *string
}

// UpdateMachine edits a machine's details (owner only).
type UpdateMachine struct {
	UserID    string
	MachineID string
	Patch     DetailsPatch
}

// UpdateMachineHandler runs UpdateMachine.
type UpdateMachineHandler struct{ d *Deps }

// NewUpdateMachineHandler builds the handler.
func NewUpdateMachineHandler(d *Deps) *UpdateMachineHandler { return &UpdateMachineHandler{d: d} }

// Handle applies the patch.
func (h *UpdateMachineHandler) Handle(ctx context.Context, cmd UpdateMachine) (machine.Machine, error) {
	m, err := h.d.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionEdit)
	if err != nil {
		return machine.Machine{}, err
	}
	d := m.Details()
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&d.SerialNumber, cmd.Patch.SerialNumber)
	set(&d.Name, cmd.Patch.Name)
	set(&d.Brand, cmd.Patch.Brand)
	set(&d.Model, cmd.Patch.Model)
	set(&d.Type, cmd.Patch.Type)
	upd, err := m.WithDetails(d, h.d.clock.Now())
	if err != nil {
		return machine.Machine{}, err
	}
	if err := h.d.machines.UpdateDetails(ctx, upd); err != nil {
		return machine.Machine{}, fmt.Errorf("update machine: %w", err)
	}
	h.d.changes.machine(ctx, upd, ChangeMachineUpdated)
	return upd, nil
}
