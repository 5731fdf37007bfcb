package fleetapp

import (
	"context"
)

// ListMaintenancePlans asks for a machine's plans, evaluated now.
type ListMaintenancePlans struct {
	UserID    string
	MachineID string
}

// ListMaintenancePlansHandler runs ListMaintenancePlans.
type ListMaintenancePlansHandler struct{ d *Deps }

// NewListMaintenancePlansHandler builds the handler.
func NewListMaintenancePlansHandler(d *Deps) *ListMaintenancePlansHandler {
	return &ListMaintenancePlansHandler{d: d}
}

// Handle returns them with the caller's role.
func (h *ListMaintenancePlansHandler) Handle(ctx context.Context, cmd ListMaintenancePlans) ([]PlanView, error) {
	m, role, err := h.d.access(ctx, cmd.UserID, cmd.MachineID)
	if err != nil {
		return nil, err
	}
	return h.d.views(ctx, m, role)
}
