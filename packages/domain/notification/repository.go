package notification

import (
	"context"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// Status filters a listing by read state.
type Status string

// The listing filters.
const (
	StatusUnread Status = "unread"
	StatusAll    Status = "all"
)

// ListQuery selects one page of a user's notifications, newest first.
type ListQuery struct {
	UserID string
	Status Status // unread or all (all when empty)
	Type   Type   // any when empty
	// Priorities keeps only these priorities; any when empty.
	Priorities []Priority
	Limit      int    // 1..100
	Cursor     string // the id of the last item of the previous page; empty for the first
	// Archived lists the archived notifications instead of the inbox.
	Archived bool
}

// Page is one page of notifications and the cursor of the next (empty when none).
type Page struct {
	Items      []Notification
	NextCursor string
}

// Match selects unread notifications of one user by type and one metadata value.
type Match struct {
	UserID      string
	Type        Type
	MetadataKey string
	Value       string
}

// Created is what Create returns: the notification as stored (its final id
// and seq) and the user's unread count right after it.
type Created struct {
	Notification Notification
	Unread       int
}

// CreateResult is what CreateMany returns for one notification: what Create
// would have returned for it alone.
type CreateResult struct {
	Created
	Err error
}

// MaxBatch is the most notifications one CreateMany (and one batch publish) takes.
const MaxBatch = 1000

// Head is where a user's notifications stand: the unread count, and the seq
// and id of the newest one stored (0 and "" when none), read together.
type Head struct {
	Unread int
	Seq    int64
	LastID string
	// Exact: Unread is the count at exactly Seq (one atomic read). A store
	// that reads them apart (MongoDB: the head, then a count) leaves it
	// false, and a caller that needs the count at Seq reads it again.
	Exact bool
}

// Repository stores notifications. Every method is scoped to one user: a
// notification of another user behaves as if it did not exist.
type Repository interface {
	// Create stores n and returns it as stored with the user's unread count
	// right after it (n included), so that the caller can announce both
	// without another read. The store gives it the next seq of its user and,
	// if n's id does not sort after the user's newest id (another instance
	// stored one meanwhile), an id just after that one: a user's ids, seqs
	// and store order always agree. ErrConflict on a duplicate id;
	// domain.ErrRequestExists when n's request key is already stored.
	Create(ctx context.Context, n Notification) (Created, error)
	// CreateMany stores ns, each on its own exactly as Create would (a
	// notification that fails does not stop the others: atomic per
	// notification, not per call), with as few writes as the store allows,
	// and returns one result per notification, in order. A user's
	// notifications of one call take their seqs in call order, and each
	// result's Unread is the user's count right after that notification.
	CreateMany(ctx context.Context, ns []Notification) []CreateResult
	// Head returns the user's unread count and newest seq and id, in one read.
	Head(ctx context.Context, userID string) (Head, error)
	// Has reports whether userID has the notification id (for a stream's
	// Last-Event-ID: one no longer held means history was lost).
	Has(ctx context.Context, userID, id string) (bool, error)
	// ByRequest returns the notification created under the request key
	// (scope, key) and that request's hash; ErrNotFound when none. Keys are
	// kept at least 24 hours.
	ByRequest(ctx context.Context, scope, key string) (Notification, string, error)
	// List returns a page, newest first.
	List(ctx context.Context, q ListQuery) (Page, error)
	// After returns up to limit notifications of userID created after the one
	// with id afterID, oldest first (for stream replay). An unknown afterID
	// (deleted, purged or another user's) is treated by its time order: ids sort by creation.
	After(ctx context.Context, userID, afterID string, limit int) ([]Notification, error)
	// UnreadCount returns how many of userID's notifications are unread. It
	// is read after every change of the user's notifications, so it must not
	// cost more with a larger backlog.
	UnreadCount(ctx context.Context, userID string) (int, error)
	// MarkRead marks one notification read; changed is false when it already was.
	// ErrNotFound when it is not userID's.
	MarkRead(ctx context.Context, userID, id string, at time.Time) (changed bool, err error)
	// MarkAllRead marks every unread notification of userID read and returns how many changed.
	MarkAllRead(ctx context.Context, userID string, at time.Time) (int, error)
	// MarkMatchingRead marks the unread notifications that match read and returns their ids.
	MarkMatchingRead(ctx context.Context, m Match, at time.Time) ([]string, error)
	// MarkUnread marks one notification unread again (and returns an
	// archived one to the inbox); changed is false when it already was
	// unread in the inbox. ErrNotFound when it is not userID's.
	MarkUnread(ctx context.Context, userID, id string) (changed bool, err error)
	// Archive takes one notification out of the inbox, kept and listed with
	// ListQuery.Archived, and marks it read (an archived notification is
	// never counted unread); changed is false when it already was archived.
	// ErrNotFound when it is not userID's.
	Archive(ctx context.Context, userID, id string, at time.Time) (changed bool, err error)
	// Delete removes one; ErrNotFound when it is not userID's.
	Delete(ctx context.Context, userID, id string) error
	// DeleteOlderThan removes notifications created before cutoff (the TTL purge).
	DeleteOlderThan(ctx context.Context, cutoff time.Time) (int, error)
}

// Validate checks a Match before any query: a user, a type, and a metadata key
// that is a plain name (letters, digits, underscore), so that stores can use it in a path.
func (m Match) Validate() error {
	if !domain.ValidID(m.UserID) {
		return domain.Invalid("userId", "must be a user id")
	}
	if !m.Type.Valid() {
		return domain.Invalid("type", "must be a notification type")
	}
	if m.MetadataKey == "" || len(m.MetadataKey) > 64 {
		return domain.Invalid("metadataKey", "must be 1 to 64 characters")
	}
	for _, c := range m.MetadataKey {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return domain.Invalid("metadataKey", "must be letters, digits or _")
		}
	}
	return nil
}
