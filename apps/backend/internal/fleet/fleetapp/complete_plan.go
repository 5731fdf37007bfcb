package fleetapp

import (
	"context"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// CompletePlan records a performed maintenance. Nil hours mean the machine's
// current hours; hours above them are recorded as a reading first. A nil
// performedAt means now.
type CompletePlan struct {
	UserID, MachineID, PlanID string
	OperatingHours            *float64
	PerformedAt               *time.Time
	Notes                     string
}

// CompletedPlan is a plan's stored completion and the plan as it is after it.
type CompletedPlan struct {
	Completion maintenance.Completion
	Plan       PlanView
}

// CompletePlanHandler runs CompletePlan.
type CompletePlanHandler struct{ d *Deps }

// NewCompletePlanHandler builds the handler.
func NewCompletePlanHandler(d *Deps) *CompletePlanHandler { return &CompletePlanHandler{d: d} }

// Handle records who did the maintenance, when and at what hours, and restarts the plan (owner only).
func (h *CompletePlanHandler) Handle(ctx context.Context, cmd CompletePlan) (CompletedPlan, error) {
	m, err := h.d.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionCompletePlan)
	if err != nil {
		return CompletedPlan{}, err
	}
	if !domain.ValidID(cmd.PlanID) {
		return CompletedPlan{}, maintenance.ErrNotFound
	}
	p, err := h.d.plans.ByID(ctx, cmd.PlanID)
	if err != nil {
		return CompletedPlan{}, err
	}
	if p.MachineID() != m.ID() {
		return CompletedPlan{}, maintenance.ErrNotFound
	}
	now := h.d.clock.Now()
	hours := m.OperatingHours()
	if cmd.OperatingHours != nil {
		hours = *cmd.OperatingHours
	}
	at := now
	if cmd.PerformedAt != nil {
		at = *cmd.PerformedAt
	}
	c, done, err := h.d.completeCycle(ctx, cmd.UserID, p, hours, at, cmd.Notes)
	if err != nil {
		return CompletedPlan{}, err
	}
	if m, err = h.d.meterAtLeast(ctx, cmd.UserID, m, hours); err != nil {
		return CompletedPlan{}, err
	}
	h.d.changes.machine(ctx, m, ChangePlanCompleted)
	return CompletedPlan{Completion: c, Plan: PlanView{Plan: done, Evaluation: done.Evaluate(m.OperatingHours(), now, h.d.dailyUse(ctx, m.ID())), Role: machine.RoleOwner}}, nil
}
