package notificationapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// StreamReader is what a user's stream reads of the store: where a new
// stream starts (Head), whether a reconnecting client's Last-Event-ID is
// still held (Has), the unread count, and what a reconnecting stream missed
// (Replay; the hub's catch-up reads it too). Reads only: nothing here is
// published, so it is not the NotificationService's.
type StreamReader struct{ repo notification.Repository }

// NewStreamReader builds the reader on the notification store.
func NewStreamReader(repo notification.Repository) StreamReader { return StreamReader{repo: repo} }

// UnreadCount returns how many of the user's notifications are unread.
func (r StreamReader) UnreadCount(ctx context.Context, userID string) (int, error) {
	n, err := r.repo.UnreadCount(ctx, userID)
	if err != nil {
		return 0, fmt.Errorf("unread count: %w", err)
	}
	return n, nil
}

// Head returns the user's unread count and newest seq and id, read together
// (where a new stream starts).
func (r StreamReader) Head(ctx context.Context, userID string) (notification.Head, error) {
	h, err := r.repo.Head(ctx, userID)
	if err != nil {
		return notification.Head{}, fmt.Errorf("notification head: %w", err)
	}
	return h, nil
}

// Has reports whether the user still has the notification id.
func (r StreamReader) Has(ctx context.Context, userID, id string) (bool, error) {
	ok, err := r.repo.Has(ctx, userID, id)
	if err != nil {
		return false, fmt.Errorf("notification lookup: %w", err)
	}
	return ok, nil
}

// Replay returns up to limit of the user's notifications created after
// afterID, oldest first: what a reconnecting stream missed.
func (r StreamReader) Replay(ctx context.Context, userID, afterID string, limit int) ([]notification.Notification, error) {
	items, err := r.repo.After(ctx, userID, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("replay notifications: %w", err)
	}
	return items, nil
}
