package notificationapp

import (
	"context"
)

// CountUnreadNotifications asks how many of a user's notifications are unread.
type CountUnreadNotifications struct {
	UserID string
}

// UnreadCounter counts a user's unread notifications (the NotificationService).
type UnreadCounter interface {
	UnreadCount(ctx context.Context, userID string) (int, error)
}

// CountUnreadNotificationsHandler runs CountUnreadNotifications.
type CountUnreadNotificationsHandler struct{ notifications UnreadCounter }

// NewCountUnreadNotificationsHandler builds the handler.
func NewCountUnreadNotificationsHandler(notifications UnreadCounter) *CountUnreadNotificationsHandler {
	return &CountUnreadNotificationsHandler{notifications: notifications}
}

// Handle returns the count.
func (h *CountUnreadNotificationsHandler) Handle(ctx context.Context, q CountUnreadNotifications) (int, error) {
	return h.notifications.UnreadCount(ctx, q.UserID)
}
