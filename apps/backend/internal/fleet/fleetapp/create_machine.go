package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// CreateMachine is a new machine's input.
type CreateMachine struct {
	OwnerID        string
	Details        machine.Details
	OperatingHours float64
}

// CreateMachineHandler runs CreateMachine.
type CreateMachineHandler struct{ d *Deps }

// NewCreateMachineHandler builds the handler.
func NewCreateMachineHandler(d *Deps) *CreateMachineHandler { return &CreateMachineHandler{d: d} }

// Handle registers the machine; its initial hours are its first reading.
func (h *CreateMachineHandler) Handle(ctx context.Context, cmd CreateMachine) (machine.Machine, error) {
	now := h.d.clock.Now()
	m, err := machine.New(cmd.OwnerID, cmd.Details, cmd.OperatingHours, now)
	if err != nil {
		return machine.Machine{}, err
	}
	if err := h.d.machines.Create(ctx, m); err != nil {
		return machine.Machine{}, fmt.Errorf("create machine: %w", err)
	}
	r, err := machine.NewReading(m.ID(), cmd.OwnerID, cmd.OperatingHours, now)
	if err != nil {
		return machine.Machine{}, err
	}
	if m, err = h.d.machines.RecordReading(ctx, r); err != nil {
		return machine.Machine{}, fmt.Errorf("create machine: first reading: %w", err)
	}
	h.d.changes.machine(ctx, m, ChangeMachineCreated)
	return m, nil
}
