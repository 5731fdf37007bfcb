package notificationapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// CountUnreadNotifications asks how many of a user's notifications are unread.
type CountUnreadNotifications struct {
	UserID string
}

// CountUnreadNotificationsHandler runs CountUnreadNotifications.
type CountUnreadNotificationsHandler struct{ repo notification.Repository }

// NewCountUnreadNotificationsHandler builds the handler on the notification store.
func NewCountUnreadNotificationsHandler(repo notification.Repository) *CountUnreadNotificationsHandler {
	return &CountUnreadNotificationsHandler{repo: repo}
}

// Handle returns the count (the stores keep it: one read).
func (h *CountUnreadNotificationsHandler) Handle(ctx context.Context, q CountUnreadNotifications) (int, error) {
	n, err := h.repo.UnreadCount(ctx, q.UserID)
	if err != nil {
		return 0, fmt.Errorf("unread count: %w", err)
	}
	return n, nil
}
