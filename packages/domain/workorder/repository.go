package workorder

import "context"

// ListQuery selects one page of work orders, newest first.
type ListQuery struct {
	// MachineIDs: only work orders of these machines (required; the caller's visible machines).
	MachineIDs []string
	Status     Status // "" for any
	Before     string // the last id of the previous page ("" for the first)
	Limit      int    // 1..1000
}

// Repository stores work orders.
type Repository interface {
	Create(ctx context.Context, w WorkOrder) error
	// ByID returns ErrNotFound when there is no such work order.
	ByID(ctx context.Context, id string) (WorkOrder, error)
	// List returns up to q.Limit work orders matching q, ids descending.
	List(ctx context.Context, q ListQuery) ([]WorkOrder, error)
	// Update stores w (as a transition returned it), provided the stored one
	// is still at revision w.Rev()-1; else ErrStale (ErrNotFound when gone).
	Update(ctx context.Context, w WorkOrder) error
	// DeleteByMachine removes every work order of a machine (idempotent: none left is no error).
	DeleteByMachine(ctx context.Context, machineID string) error
}
