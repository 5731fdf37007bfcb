package fleetapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// GetMachine asks for one machine UserID owns or operates.
type GetMachine struct {
	UserID    string
	MachineID string
}

// GetMachineHandler runs GetMachine.
type GetMachineHandler struct{ d *Deps }

// NewGetMachineHandler builds the handler.
func NewGetMachineHandler(d *Deps) *GetMachineHandler { return &GetMachineHandler{d: d} }

// Handle returns it; anyone else gets machine.ErrNotFound.
func (h *GetMachineHandler) Handle(ctx context.Context, cmd GetMachine) (machine.Machine, error) {
	m, _, err := h.d.access(ctx, cmd.UserID, cmd.MachineID)
	return m, err
}
