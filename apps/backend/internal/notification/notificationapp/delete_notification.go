package notificationapp

import (
	"context"
)

// DeleteNotification removes one of a user's notifications.
type DeleteNotification struct {
	UserID string
	ID     string // the notification's
}

// Deleter deletes one notification and publishes the change (the
// NotificationService).
type Deleter interface {
	Delete(ctx context.Context, userID, id string) error
}

// DeleteNotificationHandler runs DeleteNotification.
type DeleteNotificationHandler struct{ notifications Deleter }

// NewDeleteNotificationHandler builds the handler on the NotificationService.
func NewDeleteNotificationHandler(notifications Deleter) *DeleteNotificationHandler {
	return &DeleteNotificationHandler{notifications: notifications}
}

// Handle deletes it through the NotificationService; ErrNotFound when it is not
// the user's. It publishes notification.deleted with the unread count after it.
func (h *DeleteNotificationHandler) Handle(ctx context.Context, cmd DeleteNotification) error {
	return h.notifications.Delete(ctx, cmd.UserID, cmd.ID)
}
