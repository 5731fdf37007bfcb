package notificationapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// CountUnreadNotifications asks how many of a user's notifications are unread.
type CountUnreadNotifications struct {
	UserID string
}

// CountUnreadNotificationsHandler runs CountUnreadNotifications.
type CountUnreadNotificationsHandler struct{ reads StreamReader }

// NewCountUnreadNotificationsHandler builds the handler on the notification store.
func NewCountUnreadNotificationsHandler(repo notification.Repository) *CountUnreadNotificationsHandler {
	return &CountUnreadNotificationsHandler{reads: NewStreamReader(repo)}
}

// Handle returns the count (the stores keep it: one read), as a stream reads it.
func (h *CountUnreadNotificationsHandler) Handle(ctx context.Context, q CountUnreadNotifications) (int, error) {
	return h.reads.UnreadCount(ctx, q.UserID)
}
