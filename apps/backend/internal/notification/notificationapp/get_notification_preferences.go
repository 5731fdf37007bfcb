package notificationapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// GetNotificationPreferences asks for one user's notification preferences.
type GetNotificationPreferences struct {
	UserID string
}

// GetNotificationPreferencesHandler runs GetNotificationPreferences.
type GetNotificationPreferencesHandler struct {
	repo notification.PreferenceRepository
}

// NewGetNotificationPreferencesHandler builds the handler.
func NewGetNotificationPreferencesHandler(repo notification.PreferenceRepository) *GetNotificationPreferencesHandler {
	return &GetNotificationPreferencesHandler{repo: repo}
}

// Handle returns the user's preferences as stored (the defaults for a type never set).
func (h *GetNotificationPreferencesHandler) Handle(ctx context.Context, q GetNotificationPreferences) (notification.Preferences, error) {
	p, err := h.repo.Preferences(ctx, q.UserID)
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("notification preferences: %w", err)
	}
	return p, nil
}
