package notificationapp

import (
	"context"
)

// MarkNotificationUnread marks one of a user's notifications unread again (an
// archived one returns to the inbox).
type MarkNotificationUnread struct {
	UserID string
	ID     string // the notification's
}

// UnreadMarker marks one notification unread and publishes the change (the
// NotificationService).
type UnreadMarker interface {
	MarkUnread(ctx context.Context, userID, id string) error
}

// MarkNotificationUnreadHandler runs MarkNotificationUnread.
type MarkNotificationUnreadHandler struct{ notifications UnreadMarker }

// NewMarkNotificationUnreadHandler builds the handler on the NotificationService.
func NewMarkNotificationUnreadHandler(notifications UnreadMarker) *MarkNotificationUnreadHandler {
	return &MarkNotificationUnreadHandler{notifications: notifications}
}

// Handle marks it unread through the NotificationService; ErrNotFound when it
// is not the user's. A change publishes notification.unread and the unread count.
func (h *MarkNotificationUnreadHandler) Handle(ctx context.Context, cmd MarkNotificationUnread) error {
	return h.notifications.MarkUnread(ctx, cmd.UserID, cmd.ID)
}
