package notificationapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// PublishNotification is an integration's notification (telematics, back
// office) for one user, sent by an admin. RequestKey, when its Key is set (an
// Idempotency-Key), makes a retry return the first answer and create nothing.
type PublishNotification struct {
	Draft      notification.Draft
	RequestKey domain.RequestKey
}

// Published is the outcome of PublishNotification.
type Published struct {
	Notification notification.Notification
	Replayed     bool // a retry under the same request key: nothing was created
}

// KnownUsers says whether an account exists: nil, or an error wrapping
// domain.ErrNotFound (user.ErrNotFound). The composition root gives it a
// cache (accounts are never deleted).
type KnownUsers interface {
	Exists(ctx context.Context, userID string) error
}

// notificationCreator is what publishing needs of the NotificationService.
type notificationCreator interface {
	Create(ctx context.Context, d notification.Draft) (notification.Notification, error)
	CreateOnce(ctx context.Context, d notification.Draft, req domain.RequestKey) (notification.Notification, bool, error)
}

// publishSource is the Source of every published notification.
const publishSource = "admin"

// PublishNotificationHandler runs PublishNotification.
type PublishNotificationHandler struct {
	target        *CheckPublishTargetHandler
	notifications notificationCreator
}

// NewPublishNotificationHandler builds the handler on the one NotificationService.
func NewPublishNotificationHandler(users KnownUsers, notifications notificationCreator) *PublishNotificationHandler {
	return &PublishNotificationHandler{target: NewCheckPublishTargetHandler(users), notifications: notifications}
}

// Handle refuses a target that is not an account before anything is written,
// then creates the notification (persisted, then published).
func (h *PublishNotificationHandler) Handle(ctx context.Context, cmd PublishNotification) (Published, error) {
	d := cmd.Draft
	if err := h.target.Handle(ctx, CheckPublishTarget{UserID: d.UserID}); err != nil {
		return Published{}, err
	}
	d.Source = publishSource
	if cmd.RequestKey.Key == "" {
		n, err := h.notifications.Create(ctx, d)
		if err != nil {
			return Published{}, fmt.Errorf("publish: %w", err)
		}
		return Published{Notification: n}, nil
	}
	n, replayed, err := h.notifications.CreateOnce(ctx, d, cmd.RequestKey)
	if err != nil {
		return Published{}, fmt.Errorf("publish once: %w", err)
	}
	return Published{Notification: n, Replayed: replayed}, nil
}
