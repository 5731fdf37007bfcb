package notificationapp

import (
	"context"
)

// MarkAllNotificationsRead marks every unread notification of a user read.
type MarkAllNotificationsRead struct {
	UserID string
}

// AllReadMarker marks every notification of a user read and publishes the
// change (the NotificationService).
type AllReadMarker interface {
	MarkAllRead(ctx context.Context, userID string) error
}

// MarkAllNotificationsReadHandler runs MarkAllNotificationsRead.
type MarkAllNotificationsReadHandler struct{ notifications AllReadMarker }

// NewMarkAllNotificationsReadHandler builds the handler on the NotificationService.
func NewMarkAllNotificationsReadHandler(notifications AllReadMarker) *MarkAllNotificationsReadHandler {
	return &MarkAllNotificationsReadHandler{notifications: notifications}
}

// Handle marks them read through the NotificationService; a change publishes
// notification.read (all) and the unread count.
func (h *MarkAllNotificationsReadHandler) Handle(ctx context.Context, cmd MarkAllNotificationsRead) error {
	return h.notifications.MarkAllRead(ctx, cmd.UserID)
}
