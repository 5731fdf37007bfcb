package fleetapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// MachinePlans is one machine of the caller's fleet with its plans' standing.
type MachinePlans struct {
	Machine machine.Machine
	Plans   []PlanView
}

// ListFleetPlans asks for the plans of every machine a user owns or operates.
type ListFleetPlans struct {
	UserID string
}

// ListFleetPlansHandler runs ListFleetPlans.
type ListFleetPlansHandler struct{ d *Deps }

// NewListFleetPlansHandler builds the handler.
func NewListFleetPlansHandler(d *Deps) *ListFleetPlansHandler { return &ListFleetPlansHandler{d: d} }

// Handle returns them machine by machine.
func (h *ListFleetPlansHandler) Handle(ctx context.Context, cmd ListFleetPlans) ([]MachinePlans, error) {
	ms, err := h.d.listMachines(ctx, cmd.UserID)
	if err != nil {
		return nil, err
	}
	out := make([]MachinePlans, len(ms))
	for i, m := range ms {
		vs, err := h.d.views(ctx, m, m.RoleOf(cmd.UserID))
		if err != nil {
			return nil, err
		}
		out[i] = MachinePlans{Machine: m, Plans: vs}
	}
	return out, nil
}
