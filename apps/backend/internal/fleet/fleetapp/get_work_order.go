package fleetapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// GetWorkOrder asks for one work order.
type GetWorkOrder struct {
	UserID, ID string
}

// WorkOrderView is a work order with its machine and the caller's role.
type WorkOrderView struct {
	WorkOrder workorder.WorkOrder
	Machine   machine.Machine
	Role      machine.Role
}

// GetWorkOrderHandler returns one work order to its machine's owner and operators.
type GetWorkOrderHandler struct{ d *workOrderDeps }

// Handle loads it.
func (uc *GetWorkOrderHandler) Handle(ctx context.Context, q GetWorkOrder) (WorkOrderView, error) {
	w, m, role, err := uc.d.load(ctx, q.UserID, q.ID)
	if err != nil {
		return WorkOrderView{}, err
	}
	return WorkOrderView{WorkOrder: w, Machine: m, Role: role}, nil
}
