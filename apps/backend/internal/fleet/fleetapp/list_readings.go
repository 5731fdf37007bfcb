package fleetapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// ListReadings asks for a machine's readings, newest first (at most Limit, MaxListed).
type ListReadings struct {
	UserID    string
	MachineID string
	Limit     int
}

// ListReadingsHandler runs ListReadings.
type ListReadingsHandler struct{ d *Deps }

// NewListReadingsHandler builds the handler.
func NewListReadingsHandler(d *Deps) *ListReadingsHandler { return &ListReadingsHandler{d: d} }

// Handle returns them.
func (h *ListReadingsHandler) Handle(ctx context.Context, cmd ListReadings) ([]machine.Reading, error) {
	if _, _, err := h.d.access(ctx, cmd.UserID, cmd.MachineID); err != nil {
		return nil, err
	}
	return h.d.machines.Readings(ctx, cmd.MachineID, clampLimit(cmd.Limit))
}
