package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// CreateWorkOrder is a new work order of a machine.
type CreateWorkOrder struct {
	UserID, MachineID string
	Spec              workorder.Spec
}

// CreateWorkOrderHandler opens a work order (owner only): from a plan, from issues, or ad hoc.
type CreateWorkOrderHandler struct{ d *workOrderDeps }

// Handle validates everything, including the links, before storing.
func (uc *CreateWorkOrderHandler) Handle(ctx context.Context, cmd CreateWorkOrder) (workorder.WorkOrder, error) {
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
