package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

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

// UpdateWorkOrder edits a work order's content (Patch) and/or moves it
// to IN_PROGRESS or CANCELLED (Status).
type UpdateWorkOrder struct {
	UserID, ID string
	Patch      WorkOrderPatch
	Status     workorder.Status // "" keeps it
}

// UpdateWorkOrderHandler is the owner's edit; the assignee may also start it.
type UpdateWorkOrderHandler struct{ d *workOrderDeps }

// Handle applies the edit, then the status step, and stores them at once.
func (uc *UpdateWorkOrderHandler) Handle(ctx context.Context, cmd UpdateWorkOrder) (workorder.WorkOrder, error) {
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
