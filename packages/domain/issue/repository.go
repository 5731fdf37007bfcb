package issue

import "context"

// ListQuery selects one page of issues, newest first.
type ListQuery struct {
	// MachineIDs: only issues of these machines (required; the caller's visible machines).
	MachineIDs []string
	Status     Status   // "" for any
	Severity   Severity // "" for any
	// Before is the last id of the previous page ("" for the first).
	Before string
	Limit  int // 1..200
}

// Repository stores issues, their comments and the owners' resolve policy.
type Repository interface {
	// Create stores a new issue; ErrDuplicate when its check item already opened one.
	Create(ctx context.Context, i Issue) error
	// ByID returns ErrNotFound when there is no such issue.
	ByID(ctx context.Context, id string) (Issue, error)
	// List returns up to q.Limit issues matching q, ids descending.
	List(ctx context.Context, q ListQuery) ([]Issue, error)
	// CountOpen counts the OPEN and ACKNOWLEDGED issues of the machines.
	CountOpen(ctx context.Context, machineIDs []string) (int, error)
	// Update stores i (as a transition returned it), provided the stored issue
	// is still at revision i.Rev()-1; else ErrStale (ErrNotFound when gone).
	Update(ctx context.Context, i Issue) error
	// AddComment stores a comment; Comments returns up to limit, oldest first.
	AddComment(ctx context.Context, c Comment) error
	Comments(ctx context.Context, issueID string, limit int) ([]Comment, error)
	// SetResolvePolicy records whether operators may acknowledge and close the
	// issues of one machine (machineID) or of the owner's whole fleet (machineID
	// ""); nil removes the setting. ResolvePolicy answers for one machine: its
	// own setting, else the fleet's, else false.
	SetResolvePolicy(ctx context.Context, ownerID, machineID string, allow *bool) error
	ResolvePolicy(ctx context.Context, ownerID, machineID string) (bool, error)
	// DeleteByMachine removes every issue of a machine with their comments,
	// and the machine's own resolve policy (idempotent: none left is no error).
	DeleteByMachine(ctx context.Context, machineID string) error
}
