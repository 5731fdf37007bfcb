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
	orders    workorder.Repository
}

// WorkOrderUseCases are the work order use cases, built together on the same stores.
type WorkOrderUseCases struct {
	Create   *CreateWorkOrderHandler
	Update   *UpdateWorkOrderHandler
	Complete *CompleteWorkOrderHandler
	Get      *GetWorkOrderHandler
	List     *ListWorkOrdersHandler
	MarkDone *MarkPlanDoneHandler
	History  *GetServiceHistoryHandler
	Export   *ExportServiceHistoryHandler
}

// NewWorkOrderUseCases builds the work order use cases on the issue ones.
func NewWorkOrderUseCases(issues IssueUseCases, orders workorder.Repository) WorkOrderUseCases {
	d := &workOrderDeps{issueDeps: issues.Open.d, orders: orders}
	return WorkOrderUseCases{Create: &CreateWorkOrderHandler{d}, Update: &UpdateWorkOrderHandler{d}, Complete: &CompleteWorkOrderHandler{d},
		Get: &GetWorkOrderHandler{d}, List: &ListWorkOrdersHandler{d}, MarkDone: &MarkPlanDoneHandler{d}, History: &GetServiceHistoryHandler{d},
		Export: &ExportServiceHistoryHandler{d}}
}

func (d *workOrderDeps) machines() *Deps { return d.issueDeps.machines }
func (d *workOrderDeps) now() time.Time  { return d.issueDeps.clock.Now() }

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
		p, err := d.machines().plans.ByID(ctx, s.PlanID)
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
