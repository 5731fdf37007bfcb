package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// ListWorkOrders selects a page of work orders of one machine or the caller's fleet.
type ListWorkOrders struct {
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

// ListWorkOrdersHandler lists work orders newest first.
type ListWorkOrdersHandler struct{ d *workOrderDeps }

// Handle validates the filters and returns one page.
func (uc *ListWorkOrdersHandler) Handle(ctx context.Context, q ListWorkOrders) (WorkOrderPage, error) {
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
