package notificationapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
)

// CheckPublishTarget asks whether UserID may receive a published
// notification: the user id of an existing account. PublishNotification
// checks its target with it, and the batch publish each item's (a bad item
// fails alone, before anything is written).
type CheckPublishTarget struct {
	UserID string
}

// CheckPublishTargetHandler runs CheckPublishTarget.
type CheckPublishTargetHandler struct{ users KnownUsers }

// NewCheckPublishTargetHandler builds the handler.
func NewCheckPublishTargetHandler(users KnownUsers) *CheckPublishTargetHandler {
	return &CheckPublishTargetHandler{users: users}
}

// Handle answers nil, a field error for a malformed id, or an error wrapping
// domain.ErrNotFound for an unknown account.
func (h *CheckPublishTargetHandler) Handle(ctx context.Context, q CheckPublishTarget) error {
	if !domain.ValidID(q.UserID) {
		return domain.Invalid("userId", "must be a user id")
	}
	if err := h.users.Exists(ctx, q.UserID); err != nil {
		return fmt.Errorf("publish to %s: %w", q.UserID, err)
	}
	return nil
}
