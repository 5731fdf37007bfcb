package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// CompleteWorkOrder completes a work order: at the hour meter
// (nil: the machine's hours) and time (nil: now).
type CompleteWorkOrder struct {
	UserID, ID     string
	OperatingHours *float64
	PerformedAt    *time.Time
}

// CompletionOutcome is a completed work order and, when this call completed
// its plan's cycle, that completion and the restarted plan.
type CompletionOutcome struct {
	WorkOrder      workorder.WorkOrder
	Machine        machine.Machine
	PlanCompletion *maintenance.Completion
	Plan           *maintenance.Plan
}

// CompleteWorkOrderHandler completes a work order (owner only) in idempotent steps,
// without a transaction (a standalone MongoDB has none):
//
//  1. the completion record (who, when, hours, the plan's cycle) is stored on
//     the work order — every later step takes its values from it;
//  2. the plan's cycle recorded there is completed, unless the plan has moved
//     past it already; the hours are recorded as a reading when above the meter;
//  3. each linked issue still open is resolved by the work order;
//  4. the work order becomes COMPLETED.
//
// A call that fails part-way leaves the record; calling again (by anyone
// allowed) resumes at the first step not done, so nothing happens twice.
type CompleteWorkOrderHandler struct{ d *workOrderDeps }

// Handle authorizes and runs the steps.
func (uc *CompleteWorkOrderHandler) Handle(ctx context.Context, cmd CompleteWorkOrder) (CompletionOutcome, error) {
	w, m, role, err := uc.d.load(ctx, cmd.UserID, cmd.ID)
	if err != nil {
		return CompletionOutcome{}, err
	}
	if role != machine.RoleOwner {
		return CompletionOutcome{}, machine.ErrNotOwner
	}
	return uc.d.complete(ctx, m, w, cmd)
}

func (d *workOrderDeps) complete(ctx context.Context, m machine.Machine, w workorder.WorkOrder, cmd CompleteWorkOrder) (CompletionOutcome, error) {
	out := CompletionOutcome{Machine: m}
	var err error
	// 1. The completion record.
	for attempt := 0; w.Completion() == nil; attempt++ {
		if w.Status() == workorder.StatusCompleted || !w.Status().Active() || attempt > maxStaleRetries {
			return CompletionOutcome{}, workorder.ErrTransition
		}
		rec, err := d.completionRecord(ctx, m, w, cmd)
		if err != nil {
			return CompletionOutcome{}, err
		}
		begun, err := w.BeginCompletion(rec, d.now())
		if err != nil {
			return CompletionOutcome{}, err
		}
		if w, err = d.save(ctx, w, begun); err != nil {
			return CompletionOutcome{}, err
		}
	}
	if w.Status() == workorder.StatusCompleted {
		out.WorkOrder = w
		return out, nil // done before: a retry changes nothing
	}
	rec := *w.Completion()
	spec := w.Spec()
	// 2. The plan's cycle, then the meter.
	if spec.PlanID != "" && rec.PlanCompletionID == "" {
		if w, err = d.planStep(ctx, w, rec, &out); err != nil {
			return CompletionOutcome{}, err
		}
	}
	if m, err = d.machines().meterAtLeast(ctx, rec.By, m, rec.OperatingHours); err != nil {
		return CompletionOutcome{}, err
	}
	out.Machine = m
	// 3. The linked issues.
	for _, id := range spec.IssueIDs {
		if err := d.resolveIssue(ctx, m, id, w.ID(), rec); err != nil {
			return CompletionOutcome{}, err
		}
	}
	// 4. Completed.
	for attempt := 0; w.Status() != workorder.StatusCompleted; attempt++ {
		if attempt > maxStaleRetries {
			return CompletionOutcome{}, workorder.ErrStale
		}
		fin, err := w.Finish(d.now())
		if err != nil {
			return CompletionOutcome{}, err
		}
		if w, err = d.save(ctx, w, fin); err != nil {
			return CompletionOutcome{}, err
		}
	}
	out.WorkOrder = w
	d.machines().changes.machine(ctx, m, ChangeWorkOrderCompleted)
	return out, nil
}

// save stores next (a step from w) and returns it; when w changed meanwhile
// it returns the work order as stored now, for the caller to look again.
func (d *workOrderDeps) save(ctx context.Context, w, next workorder.WorkOrder) (workorder.WorkOrder, error) {
	switch err := d.orders.Update(ctx, next); {
	case errors.Is(err, workorder.ErrStale):
		fresh, err := d.orders.ByID(ctx, w.ID())
		if err != nil {
			return w, fmt.Errorf("complete work order: %w", err)
		}
		return fresh, nil
	case err != nil:
		return w, fmt.Errorf("complete work order: %w", err)
	}
	return next, nil
}

// completionRecord derives and validates the record before anything is written:
// bad hours or a bad time are a 400 that leaves the work order as it was.
func (d *workOrderDeps) completionRecord(ctx context.Context, m machine.Machine, w workorder.WorkOrder, cmd CompleteWorkOrder) (workorder.Completion, error) {
	now := d.now()
	rec := workorder.Completion{By: cmd.UserID, At: now, OperatingHours: m.OperatingHours(), PlanCycle: -1}
	if cmd.OperatingHours != nil {
		rec.OperatingHours = *cmd.OperatingHours
	}
	if err := machine.ValidateHours("operatingHours", rec.OperatingHours); err != nil {
		return workorder.Completion{}, err
	}
	if cmd.PerformedAt != nil {
		rec.At = cmd.PerformedAt.UTC()
		if rec.At.Sub(now) > 24*time.Hour {
			return workorder.Completion{}, domain.Invalid("performedAt", "must not be in the future")
		}
		if rec.At.After(now) {
			rec.At = now // a date picked in a form may lie a few hours ahead
		}
	}
	if id := w.Spec().PlanID; id != "" {
		p, err := d.machines().plans.ByID(ctx, id)
		if err != nil {
			return workorder.Completion{}, fmt.Errorf("work order plan: %w", err)
		}
		// The same checks the plan step will make, so that it cannot fail on input.
		if _, _, err := p.Complete(rec.By, rec.OperatingHours, rec.At, w.Spec().Notes, now); err != nil {
			return workorder.Completion{}, err
		}
		rec.PlanCycle = p.Cycle()
	}
	return rec, nil
}

// planStep completes the plan's recorded cycle (or finds that it was
// completed already) and notes the plan completion on the work order.
func (d *workOrderDeps) planStep(ctx context.Context, w workorder.WorkOrder, rec workorder.Completion, out *CompletionOutcome) (workorder.WorkOrder, error) {
	planID := w.Spec().PlanID
	p, err := d.machines().plans.ByID(ctx, planID)
	if err != nil {
		return w, fmt.Errorf("work order plan: %w", err)
	}
	completionID := ""
	if p.Cycle() == rec.PlanCycle {
		c, done, err := d.machines().completeCycle(ctx, rec.By, p, rec.OperatingHours, rec.At, w.Spec().Notes)
		switch {
		case err == nil:
			completionID, out.PlanCompletion, out.Plan = c.ID(), &c, &done
		case !errors.Is(err, maintenance.ErrStale):
			return w, err
		}
	}
	if completionID == "" {
		// Completed before (by an earlier try of this work order, or by hand): find the cycle's completion.
		cs, err := d.machines().plans.Completions(ctx, planID, 100)
		if err != nil {
			return w, fmt.Errorf("work order plan: %w", err)
		}
		for _, c := range cs {
			if c.Cycle() == rec.PlanCycle+1 {
				completionID = c.ID()
			}
		}
		if completionID == "" {
			completionID = "unknown"
		}
	}
	for attempt := 0; ; attempt++ {
		if c := w.Completion(); c == nil || c.PlanCompletionID != "" || !w.Status().Active() {
			return w, nil // noted meanwhile by another try
		}
		if attempt > maxStaleRetries {
			return w, workorder.ErrStale
		}
		next, err := w.PlanDone(completionID, d.now())
		if err != nil {
			return w, err
		}
		if w, err = d.save(ctx, w, next); err != nil {
			return w, err
		}
	}
}

// resolveIssue resolves one linked issue by the work order unless it is closed
// already, and tells its reporter.
func (d *workOrderDeps) resolveIssue(ctx context.Context, m machine.Machine, id, workOrderID string, rec workorder.Completion) error {
	for attempt := 0; attempt <= maxStaleRetries; attempt++ {
		i, err := d.issueDeps.issues.ByID(ctx, id)
		if errors.Is(err, issue.ErrNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("resolve issue: %w", err)
		}
		if i.Status().Closed() {
			return nil
		}
		next, err := i.Close(rec.By, issue.StatusResolved, workOrderID, rec.At)
		if err != nil {
			return err
		}
		switch err := d.issueDeps.issues.Update(ctx, next); {
		case err == nil:
			d.issueDeps.notifyStatus(ctx, m, next, rec.By)
			return nil
		case !errors.Is(err, issue.ErrStale):
			return fmt.Errorf("resolve issue: %w", err)
		}
	}
	return issue.ErrStale
}
