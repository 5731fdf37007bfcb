package notificationapp

import (
	"context"
)

// MarkNotificationRead marks one of a user's notifications read.
type MarkNotificationRead struct {
	UserID string
	ID     string // the notification's
}

// ReadMarker marks one notification read and publishes the change (the
// NotificationService).
type ReadMarker interface {
	MarkRead(ctx context.Context, userID, id string) error
}

// MarkNotificationReadHandler runs MarkNotificationRead.
type MarkNotificationReadHandler struct{ notifications ReadMarker }

// NewMarkNotificationReadHandler builds the handler on the NotificationService.
func NewMarkNotificationReadHandler(notifications ReadMarker) *MarkNotificationReadHandler {
	return &MarkNotificationReadHandler{notifications: notifications}
}

// Handle marks it read through the NotificationService; ErrNotFound when it is
// not the user's. A change publishes notification.read and the unread count.
func (h *MarkNotificationReadHandler) Handle(ctx context.Context, cmd MarkNotificationRead) error {
	return h.notifications.MarkRead(ctx, cmd.UserID, cmd.ID)
}
