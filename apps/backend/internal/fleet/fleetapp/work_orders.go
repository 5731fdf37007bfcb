package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// maxStaleRetries bounds how often a step re-reads a record that changed under it.
const maxStaleRetries = 5

// workOrderDeps is what every work order use case works with.
type workOrderDeps struct {
	issueDeps *issueDeps
	plans     *MaintenancePlans
	orders    workorder.Repository
}

// WorkOrderUseCases are the work order use cases, built together on the same stores.
type WorkOrderUseCases struct {
	Create   *CreateWorkOrder
	Update   *UpdateWorkOrder
	Complete *CompleteWorkOrder
	Get      *GetWorkOrder
	List     *ListWorkOrders
	MarkDone *MarkPlanDone
	History  *ServiceHistory
}

// NewWorkOrderUseCases builds the work order use cases on the issue and plan ones.
func NewWorkOrderUseCases(issues IssueUseCases, plans *MaintenancePlans, orders workorder.Repository) WorkOrderUseCases {
	d := &workOrderDeps{issueDeps: issues.Open.d, plans: plans, orders: orders}
	return WorkOrderUseCases{Create: &CreateWorkOrder{d}, Update: &UpdateWorkOrder{d}, Complete: &CompleteWorkOrder{d},
		Get: &GetWorkOrder{d}, List: &ListWorkOrders{d}, MarkDone: &MarkPlanDone{d}, History: &ServiceHistory{d}}
}

func (d *workOrderDeps) machines() *Machines { return d.issueDeps.machines }
func (d *workOrderDeps) now() time.Time      { return d.issueDeps.clock.Now() }

// load returns a work order userID may see, its machine and the caller's role;
// a stranger gets workorder.ErrNotFound.
func (d *workOrderDeps) load(ctx context.Context, userID, id string) (workorder.WorkOrder, machine.Machine, machine.Role, error) {
	if !domain.ValidID(id) {
		return workorder.WorkOrder{}, machine.Machine{}, machine.RoleNone, workorder.ErrNotFound
	}
	w, err := d.orders.ByID(ctx, id)
	if err != nil {
		return workorder.WorkOrder{}, machine.Machine{}, machine.RoleNone, err
	}
	m, role, err := d.machines().access(ctx, userID, w.MachineID())
	if errors.Is(err, machine.ErrNotFound) {
		return workorder.WorkOrder{}, machine.Machine{}, machine.RoleNone, workorder.ErrNotFound
	}
	if err != nil {
		return workorder.WorkOrder{}, machine.Machine{}, machine.RoleNone, err
	}
	return w, m, role, nil
}

// checkLinks validates what a spec refers to: the plan and the issues must be
// m's (the issues still open), the assignee its owner or an operator.
func (d *workOrderDeps) checkLinks(ctx context.Context, m machine.Machine, s workorder.Spec, known []string) error {
	if s.PlanID != "" {
		p, err := d.plans.plans.ByID(ctx, s.PlanID)
		if errors.Is(err, maintenance.ErrNotFound) || err == nil && p.MachineID() != m.ID() {
			return domain.Invalid("planId", "must be a maintenance plan of this machine")
		}
		if err != nil {
			return fmt.Errorf("work order plan: %w", err)
		}
	}
	for n, id := range s.IssueIDs {
		if slices.Contains(known, id) {
			continue // already linked (it may have closed since)
		}
		i, err := d.issueDeps.issues.ByID(ctx, id)
		if errors.Is(err, issue.ErrNotFound) || err == nil && i.MachineID() != m.ID() {
			return domain.Invalid(fmt.Sprintf("issueIds[%d]", n), "must be an issue of this machine")
		}
		if err != nil {
			return fmt.Errorf("work order issue: %w", err)
		}
		if i.Status().Closed() {
			return domain.Invalid(fmt.Sprintf("issueIds[%d]", n), "is closed already")
		}
	}
	if s.AssigneeID != "" && m.RoleOf(s.AssigneeID) == machine.RoleNone {
		return domain.Invalid("assigneeId", "must be the owner or an operator of this machine")
	}
	return nil
}

// CreateWorkOrderCommand is a new work order of a machine.
type CreateWorkOrderCommand struct {
	UserID, MachineID string
	Spec              workorder.Spec
}

// CreateWorkOrder opens a work order (owner only): from a plan, from issues, or ad hoc.
type CreateWorkOrder struct{ d *workOrderDeps }

// Handle validates everything, including the links, before storing.
func (uc *CreateWorkOrder) Handle(ctx context.Context, cmd CreateWorkOrderCommand) (workorder.WorkOrder, error) {
	m, role, err := uc.d.machines().access(ctx, cmd.UserID, cmd.MachineID)
	if err != nil {
		return workorder.WorkOrder{}, err
	}
	if role != machine.RoleOwner {
		return workorder.WorkOrder{}, machine.ErrNotOwner
	}
	w, err := workorder.New(m.ID(), m.OwnerID(), cmd.UserID, cmd.Spec, uc.d.now())
	if err != nil {
		return workorder.WorkOrder{}, err
	}
	if err := uc.d.checkLinks(ctx, m, w.Spec(), nil); err != nil {
		return workorder.WorkOrder{}, err
	}
	if err := uc.d.orders.Create(ctx, w); err != nil {
		return workorder.WorkOrder{}, fmt.Errorf("create work order: %w", err)
	}
	uc.d.machines().changes.machine(ctx, m, ChangeWorkOrderChanged)
	return w, nil
}

// WorkOrderPatch changes some of a work order's content; nil fields stay.
type WorkOrderPatch struct {
	Title, Notes, PlanID, AssigneeID *string
	IssueIDs                         *[]string
	Lines                            *[]workorder.Line
}

func (p WorkOrderPatch) empty() bool {
	return p.Title == nil && p.Notes == nil && p.PlanID == nil && p.AssigneeID == nil && p.IssueIDs == nil && p.Lines == nil
}

func (p WorkOrderPatch) apply(s workorder.Spec) workorder.Spec {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&s.Title, p.Title)
	set(&s.Notes, p.Notes)
	set(&s.PlanID, p.PlanID)
	set(&s.AssigneeID, p.AssigneeID)
	if p.IssueIDs != nil {
		s.IssueIDs = *p.IssueIDs
	}
	if p.Lines != nil {
		s.Lines = *p.Lines
	}
	return s
}

// UpdateWorkOrderCommand edits a work order's content (Patch) and/or moves it
// to IN_PROGRESS or CANCELLED (Status).
type UpdateWorkOrderCommand struct {
	UserID, ID string
	Patch      WorkOrderPatch
	Status     workorder.Status // "" keeps it
}

// UpdateWorkOrder is the owner's edit; the assignee may also start it.
type UpdateWorkOrder struct{ d *workOrderDeps }

// Handle applies the edit, then the status step, and stores them at once.
func (uc *UpdateWorkOrder) Handle(ctx context.Context, cmd UpdateWorkOrderCommand) (workorder.WorkOrder, error) {
	if cmd.Status != "" && cmd.Status != workorder.StatusInProgress && cmd.Status != workorder.StatusCancelled {
		return workorder.WorkOrder{}, domain.Invalid("status", "must be IN_PROGRESS or CANCELLED (complete it with /complete)")
	}
	w, m, role, err := uc.d.load(ctx, cmd.UserID, cmd.ID)
	if err != nil {
		return workorder.WorkOrder{}, err
	}
	startOnly := cmd.Patch.empty() && cmd.Status == workorder.StatusInProgress
	if role != machine.RoleOwner && !(startOnly && w.Spec().AssigneeID == cmd.UserID) {
		return workorder.WorkOrder{}, machine.ErrNotOwner
	}
	now := uc.d.now()
	next := w
	if !cmd.Patch.empty() {
		if next, err = next.Edit(cmd.Patch.apply(w.Spec()), now); err != nil {
			return workorder.WorkOrder{}, err
		}
		if err := uc.d.checkLinks(ctx, m, next.Spec(), w.Spec().IssueIDs); err != nil {
			return workorder.WorkOrder{}, err
		}
	}
	switch cmd.Status {
	case workorder.StatusInProgress:
		next, err = next.Start(now)
	case workorder.StatusCancelled:
		next, err = next.Cancel(now)
	}
	if err != nil {
		return workorder.WorkOrder{}, err
	}
	if next.Rev() == w.Rev() {
		return w, nil
	}
	// Several steps at once count as one revision.
	next = workorder.FromStore(withRev(next.Record(), w.Rev()+1))
	if err := uc.d.orders.Update(ctx, next); err != nil {
		return workorder.WorkOrder{}, fmt.Errorf("update work order: %w", err)
	}
	uc.d.machines().changes.machine(ctx, m, ChangeWorkOrderChanged)
	return next, nil
}

func withRev(r workorder.StoreRecord, rev int) workorder.StoreRecord {
	r.Rev = rev
	return r
}

// CompleteWorkOrderCommand completes a work order: at the hour meter
// (nil: the machine's hours) and time (nil: now).
type CompleteWorkOrderCommand struct {
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

// CompleteWorkOrder completes a work order (owner only) in idempotent steps,
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
type CompleteWorkOrder struct{ d *workOrderDeps }

// Handle authorizes and runs the steps.
func (uc *CompleteWorkOrder) Handle(ctx context.Context, cmd CompleteWorkOrderCommand) (CompletionOutcome, error) {
	w, m, role, err := uc.d.load(ctx, cmd.UserID, cmd.ID)
	if err != nil {
		return CompletionOutcome{}, err
	}
	if role != machine.RoleOwner {
		return CompletionOutcome{}, machine.ErrNotOwner
	}
	return uc.d.complete(ctx, m, w, cmd)
}

func (d *workOrderDeps) complete(ctx context.Context, m machine.Machine, w workorder.WorkOrder, cmd CompleteWorkOrderCommand) (CompletionOutcome, error) {
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
	if m, err = d.plans.meterAtLeast(ctx, rec.By, m, rec.OperatingHours); err != nil {
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
func (d *workOrderDeps) completionRecord(ctx context.Context, m machine.Machine, w workorder.WorkOrder, cmd CompleteWorkOrderCommand) (workorder.Completion, error) {
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
		p, err := d.plans.plans.ByID(ctx, id)
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
	p, err := d.plans.plans.ByID(ctx, planID)
	if err != nil {
		return w, fmt.Errorf("work order plan: %w", err)
	}
	completionID := ""
	if p.Cycle() == rec.PlanCycle {
		c, done, err := d.plans.completeCycle(ctx, rec.By, p, rec.OperatingHours, rec.At, w.Spec().Notes)
		switch {
		case err == nil:
			completionID, out.PlanCompletion, out.Plan = c.ID(), &c, &done
		case !errors.Is(err, maintenance.ErrStale):
			return w, err
		}
	}
	if completionID == "" {
		// Completed before (by an earlier try of this work order, or by hand): find the cycle's completion.
		cs, err := d.plans.plans.Completions(ctx, planID, 100)
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
			d.issueDeps.notifyClosed(ctx, m, next, rec.By)
			return nil
		case !errors.Is(err, issue.ErrStale):
			return fmt.Errorf("resolve issue: %w", err)
		}
	}
	return issue.ErrStale
}

// WorkOrderView is a work order with its machine and the caller's role.
type WorkOrderView struct {
	WorkOrder workorder.WorkOrder
	Machine   machine.Machine
	Role      machine.Role
}

// GetWorkOrder returns one work order to its machine's owner and operators.
type GetWorkOrder struct{ d *workOrderDeps }

// Handle loads it.
func (uc *GetWorkOrder) Handle(ctx context.Context, userID, id string) (WorkOrderView, error) {
	w, m, role, err := uc.d.load(ctx, userID, id)
	if err != nil {
		return WorkOrderView{}, err
	}
	return WorkOrderView{WorkOrder: w, Machine: m, Role: role}, nil
}

// ListWorkOrdersQuery selects a page of work orders of one machine or the caller's fleet.
type ListWorkOrdersQuery struct {
	UserID, MachineID string
	Status            workorder.Status
	Cursor            string
	Limit             int
}

// WorkOrderPage is one page; NextCursor is "" on the last.
type WorkOrderPage struct {
	WorkOrders []workorder.WorkOrder
	Machines   map[string]machine.Machine
	NextCursor string
}

// ListWorkOrders lists work orders newest first.
type ListWorkOrders struct{ d *workOrderDeps }

// Handle validates the filters and returns one page.
func (uc *ListWorkOrders) Handle(ctx context.Context, q ListWorkOrdersQuery) (WorkOrderPage, error) {
	if q.Status != "" && !q.Status.Valid() {
		return WorkOrderPage{}, domain.Invalid("status", "must be OPEN, IN_PROGRESS, COMPLETED or CANCELLED")
	}
	if q.Cursor != "" && !domain.ValidID(q.Cursor) {
		return WorkOrderPage{}, domain.Invalid("cursor", "must be a cursor from a previous page")
	}
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return WorkOrderPage{}, err
	}
	ms, err := uc.d.machines().visible(ctx, q.UserID, q.MachineID)
	if err != nil {
		return WorkOrderPage{}, err
	}
	got, err := uc.d.orders.List(ctx, workorder.ListQuery{MachineIDs: mapKeys(ms), Status: q.Status, Before: q.Cursor, Limit: limit + 1})
	if err != nil {
		return WorkOrderPage{}, fmt.Errorf("list work orders: %w", err)
	}
	page := WorkOrderPage{WorkOrders: got, Machines: ms}
	if len(got) > limit {
		page.WorkOrders = got[:limit]
		page.NextCursor = got[limit-1].ID()
	}
	return page, nil
}

func mapKeys(ms map[string]machine.Machine) []string {
	ids := make([]string, 0, len(ms))
	for id := range ms {
		ids = append(ids, id)
	}
	return ids
}

// MarkPlanDone is "Mark done" on a plan: a shortcut that creates a one-line
// work order of the plan and completes it (so the plan's cycle is completed
// by the same steps as any work order's), owner only.
type MarkPlanDone struct{ d *workOrderDeps }

// Handle validates the input before anything is stored; a plan whose cycle
// was completed concurrently answers maintenance.ErrStale (the work order
// stays, completed, recording the work).
func (uc *MarkPlanDone) Handle(ctx context.Context, cmd CompletePlan) (maintenance.Completion, PlanView, error) {
	m, err := uc.d.machines().authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionCompletePlan)
	if err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	if !domain.ValidID(cmd.PlanID) {
		return maintenance.Completion{}, PlanView{}, maintenance.ErrNotFound
	}
	p, err := uc.d.plans.plans.ByID(ctx, cmd.PlanID)
	if err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	if p.MachineID() != m.ID() {
		return maintenance.Completion{}, PlanView{}, maintenance.ErrNotFound
	}
	w, err := workorder.New(m.ID(), m.OwnerID(), cmd.UserID, workorder.Spec{Title: p.Name(), Notes: cmd.Notes, PlanID: p.ID(),
		Lines: []workorder.Line{{Kind: workorder.KindLabour, Description: p.Name(), Quantity: 1}}}, uc.d.now())
	if err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	ccmd := CompleteWorkOrderCommand{UserID: cmd.UserID, ID: w.ID(), OperatingHours: cmd.OperatingHours, PerformedAt: cmd.PerformedAt}
	if _, err := uc.d.completionRecord(ctx, m, w, ccmd); err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	if err := uc.d.orders.Create(ctx, w); err != nil {
		return maintenance.Completion{}, PlanView{}, fmt.Errorf("mark plan done: %w", err)
	}
	out, err := uc.d.complete(ctx, m, w, ccmd)
	if err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	if out.PlanCompletion == nil {
		return maintenance.Completion{}, PlanView{}, maintenance.ErrStale
	}
	uc.d.machines().changes.machine(ctx, out.Machine, ChangePlanCompleted)
	now := uc.d.now()
	return *out.PlanCompletion, PlanView{Plan: *out.Plan, Role: machine.RoleOwner,
		Evaluation: out.Plan.Evaluate(out.Machine.OperatingHours(), now, uc.d.plans.dailyUse(ctx, m.ID()))}, nil
}
