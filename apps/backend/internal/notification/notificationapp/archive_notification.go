package notificationapp

import (
	"context"
)

// ArchiveNotification moves one of a user's notifications out of the inbox (kept,
// listed with ListQuery.Archived, read).
type ArchiveNotification struct {
	UserID string
	ID     string // the notification's
}

// Archiver archives one notification and publishes the change (the
// NotificationService).
type Archiver interface {
	Archive(ctx context.Context, userID, id string) error
}

// ArchiveNotificationHandler runs ArchiveNotification.
type ArchiveNotificationHandler struct{ notifications Archiver }

// NewArchiveNotificationHandler builds the handler on the NotificationService.
func NewArchiveNotificationHandler(notifications Archiver) *ArchiveNotificationHandler {
	return &ArchiveNotificationHandler{notifications: notifications}
}

// Handle archives it through the NotificationService; ErrNotFound when it is
// not the user's. A change publishes notification.archived and the unread count.
func (h *ArchiveNotificationHandler) Handle(ctx context.Context, cmd ArchiveNotification) error {
	return h.notifications.Archive(ctx, cmd.UserID, cmd.ID)
}
