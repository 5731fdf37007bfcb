package maintenance

import "context"

// PageQuery selects one page of plans, ordered by id.
type PageQuery struct {
	OwnerID string // only plans of this owner's machines; all when empty
	AfterID string // the last id of the previous page; empty for the first
	Limit   int    // 1..1000
}

// Repository stores maintenance plans and their completions.
type Repository interface {
	Create(ctx context.Context, p Plan) error
	// ByID returns ErrNotFound when there is no such plan.
	ByID(ctx context.Context, id string) (Plan, error)
	// ByMachine returns the machine's plans, ordered by id.
	ByMachine(ctx context.Context, machineID string) ([]Plan, error)
	// ByMachines returns the plans of all those machines, ordered by id (one
	// read however many machines).
	ByMachines(ctx context.Context, machineIDs []string) ([]Plan, error)
	// Page returns up to q.Limit plans with ids after q.AfterID, ordered by id.
	Page(ctx context.Context, q PageQuery) ([]Plan, error)
	// Complete stores the completed plan (as Plan.Complete returned it) and its
	// completion, provided the stored plan is still in the cycle before; else ErrStale.
	Complete(ctx context.Context, completed Plan, c Completion) error
	// Completions returns up to limit completions of a plan, newest first.
	Completions(ctx context.Context, planID string, limit int) ([]Completion, error)
	// ClaimAlert atomically records that state was announced in cycle, and
	// reports whether this call did it: false when the plan is no longer in
	// cycle, or that state (or a higher one) of cycle was already claimed. Of
	// several concurrent callers, at most one gets true.
	ClaimAlert(ctx context.Context, planID string, cycle int, state Status) (bool, error)
	// DeleteByMachine removes every plan (and completion) of a machine.
	DeleteByMachine(ctx context.Context, machineID string) error
}
