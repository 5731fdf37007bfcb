package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// MarkPlanDone is "Mark done" on a plan: what CompletePlan takes, done as a
// one-line work order of the plan, completed.
type MarkPlanDone CompletePlan

// MarkPlanDoneHandler is "Mark done" on a plan: a shortcut that creates a one-line
// work order of the plan and completes it (so the plan's cycle is completed
// by the same steps as any work order's), owner only.
type MarkPlanDoneHandler struct{ d *workOrderDeps }

// Handle validates the input before anything is stored; a plan whose cycle
// was completed concurrently answers maintenance.ErrStale (the work order
// stays, completed, recording the work).
func (uc *MarkPlanDoneHandler) Handle(ctx context.Context, cmd MarkPlanDone) (CompletedPlan, error) {
	m, err := uc.d.machines().authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionCompletePlan)
	if err != nil {
		return CompletedPlan{}, err
	}
	if !domain.ValidID(cmd.PlanID) {
		return CompletedPlan{}, maintenance.ErrNotFound
	}
	p, err := uc.d.machines().plans.ByID(ctx, cmd.PlanID)
	if err != nil {
		return CompletedPlan{}, err
	}
	if p.MachineID() != m.ID() {
		return CompletedPlan{}, maintenance.ErrNotFound
	}
	w, err := workorder.New(m.ID(), m.OwnerID(), cmd.UserID, workorder.Spec{Title: p.Name(), Notes: cmd.Notes, PlanID: p.ID(),
		Lines: []workorder.Line{{Kind: workorder.KindLabour, Description: p.Name(), Quantity: 1}}}, uc.d.now())
	if err != nil {
		return CompletedPlan{}, err
	}
	ccmd := CompleteWorkOrder{UserID: cmd.UserID, ID: w.ID(), OperatingHours: cmd.OperatingHours, PerformedAt: cmd.PerformedAt}
	if _, err := uc.d.completionRecord(ctx, m, w, ccmd); err != nil {
		return CompletedPlan{}, err
	}
	if err := uc.d.orders.Create(ctx, w); err != nil {
		return CompletedPlan{}, fmt.Errorf("mark plan done: %w", err)
	}
	out, err := uc.d.complete(ctx, m, w, ccmd)
	if err != nil {
		return CompletedPlan{}, err
	}
	if out.PlanCompletion == nil {
		return CompletedPlan{}, maintenance.ErrStale
	}
	uc.d.machines().changes.machine(ctx, out.Machine, ChangePlanCompleted)
	now := uc.d.now()
	return CompletedPlan{Completion: *out.PlanCompletion, Plan: PlanView{Plan: *out.Plan, Role: machine.RoleOwner,
		Evaluation: out.Plan.Evaluate(out.Machine.OperatingHours(), now, uc.d.machines().dailyUse(ctx, m.ID()))}}, nil
}
