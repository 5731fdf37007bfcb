package notificationapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// PublishNotificationBatch is PublishNotification for many notifications at
// once (POST /notifications/batch). RequestKey, when set, is the whole
// request's Idempotency-Key.
type PublishNotificationBatch struct {
	Drafts     []notification.Draft
	RequestKey *domain.RequestKey
}

// batchCreator is what the batch publish needs of the NotificationService.
type batchCreator interface {
	CreateBatch(ctx context.Context, drafts []notification.Draft, req *domain.RequestKey) ([]BatchResult, error)
}

// PublishNotificationBatchHandler runs PublishNotificationBatch.
type PublishNotificationBatchHandler struct {
	target        *CheckPublishTargetHandler
	notifications batchCreator
}

// NewPublishNotificationBatchHandler builds the handler on the one NotificationService.
func NewPublishNotificationBatchHandler(users KnownUsers, notifications batchCreator) *PublishNotificationBatchHandler {
	return &PublishNotificationBatchHandler{target: NewCheckPublishTargetHandler(users), notifications: notifications}
}

// Handle checks each draft's target as PublishNotification does (a malformed
// id or an unknown account fails that draft alone, before anything is
// written), gives the others the publish Source and sends them through the
// NotificationService's batch path. The results are one per draft, in the
// drafts' order; the error is the whole request's (a reused Idempotency-Key).
func (h *PublishNotificationBatchHandler) Handle(ctx context.Context, cmd PublishNotificationBatch) ([]BatchResult, error) {
	out := make([]BatchResult, len(cmd.Drafts))
	pass := make([]notification.Draft, 0, len(cmd.Drafts))
	at := make([]int, 0, len(cmd.Drafts)) // pass[j] is cmd.Drafts[at[j]]
	for i, d := range cmd.Drafts {
		if err := h.target.Handle(ctx, CheckPublishTarget{UserID: d.UserID}); err != nil {
			out[i].Err = err
			continue
		}
		d.Source = publishSource
		pass = append(pass, d)
		at = append(at, i)
	}
	if len(pass) == 0 {
		return out, nil
	}
	res, err := h.notifications.CreateBatch(ctx, pass, cmd.RequestKey)
	if err != nil {
		return nil, err
	}
	for j, r := range res {
		out[at[j]] = r
	}
	return out, nil
}
