package notificationapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// PublishNotificationBatch is PublishNotification for many notifications at
// once (POST /notifications/batch): each draft's target was checked with
// CheckPublishTarget (a bad item fails alone, before this). RequestKey, when
// set, is the whole request's Idempotency-Key.
type PublishNotificationBatch struct {
	Drafts     []notification.Draft
	RequestKey *domain.RequestKey
}

// batchCreator is what the batch publish needs of the NotificationService.
type batchCreator interface {
	CreateBatch(ctx context.Context, drafts []notification.Draft, req *domain.RequestKey) ([]BatchResult, error)
}

// PublishNotificationBatchHandler runs PublishNotificationBatch.
type PublishNotificationBatchHandler struct{ notifications batchCreator }

// NewPublishNotificationBatchHandler builds the handler on the one NotificationService.
func NewPublishNotificationBatchHandler(notifications batchCreator) *PublishNotificationBatchHandler {
	return &PublishNotificationBatchHandler{notifications: notifications}
}

// Handle gives every draft the publish Source and sends them through the
// NotificationService's batch path; the results are per item, in order.
func (h *PublishNotificationBatchHandler) Handle(ctx context.Context, cmd PublishNotificationBatch) ([]BatchResult, error) {
	for i := range cmd.Drafts {
		cmd.Drafts[i].Source = publishSource
	}
	return h.notifications.CreateBatch(ctx, cmd.Drafts, cmd.RequestKey)
}
