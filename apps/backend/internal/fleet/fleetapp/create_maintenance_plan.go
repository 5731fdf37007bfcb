package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// CreateMaintenancePlan adds a maintenance plan to a machine (owner only).
type CreateMaintenancePlan struct {
	UserID    string
	MachineID string
	Spec      maintenance.Spec
}

// CreateMaintenancePlanHandler runs CreateMaintenancePlan.
type CreateMaintenancePlanHandler struct{ d *Deps }

// NewCreateMaintenancePlanHandler builds the handler.
func NewCreateMaintenancePlanHandler(d *Deps) *CreateMaintenancePlanHandler {
	return &CreateMaintenancePlanHandler{d: d}
}

// Handle stores the plan and answers it evaluated now.
func (h *CreateMaintenancePlanHandler) Handle(ctx context.Context, cmd CreateMaintenancePlan) (PlanView, error) {
	m, err := h.d.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionCreatePlan)
	if err != nil {
		return PlanView{}, err
	}
	now := h.d.clock.Now()
	p, err := maintenance.New(m.ID(), m.OwnerID(), cmd.Spec, m.OperatingHours(), now)
	if err != nil {
		return PlanView{}, err
	}
	if err := h.d.plans.Create(ctx, p); err != nil {
		return PlanView{}, fmt.Errorf("create plan: %w", err)
	}
	h.d.changes.machine(ctx, m, ChangePlanCreated)
	return PlanView{Plan: p, Evaluation: p.Evaluate(m.OperatingHours(), now, h.d.dailyUse(ctx, m.ID())), Role: machine.RoleOwner}, nil
}
