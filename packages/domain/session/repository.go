package session

import (
	"context"
	"time"
)

// Repository stores sessions.
type Repository interface {
	// Create stores a new session.
	Create(ctx context.Context, s Session) error
	// ByID returns ErrNotFound when there is no such session.
	ByID(ctx context.Context, id string) (Session, error)
	// ByIDs returns the sessions of ids that exist, in any order (the
	// session check's batched read).
	ByIDs(ctx context.Context, ids []string) ([]Session, error)
	// End ends one session at `at` (ErrNotFound when there is none; ending
	// an ended session keeps its first end time).
	End(ctx context.Context, id string, at time.Time) error
	// EndAllOf ends every live session of userID and says how many it ended.
	EndAllOf(ctx context.Context, userID string, at time.Time) (int, error)
	// Purge removes sessions that expired or ended before `before`.
	Purge(ctx context.Context, before time.Time) (int, error)
}
