package notificationapp

import (
	"context"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// UpdateNotificationPreferences replaces one user's notification
// preferences; types left out go back to the default.
type UpdateNotificationPreferences struct {
	UserID string
	Types  map[notification.Type]notification.TypePreference
}

// PreferencesChanged is the data of the notification.preferences stream event.
type PreferencesChanged struct {
	UpdatedAt time.Time `json:"updatedAt"`
}

// PreferenceForgetter drops a user's cached preferences (PreferenceCache).
type PreferenceForgetter interface {
	Forget(userID string)
}

// Announcer tells a user's open streams, on every instance, about a change
// (the NotificationService's Announce).
type Announcer interface {
	Announce(ctx context.Context, userID string, kind EventKind, payload any) error
}

// UpdateNotificationPreferencesHandler runs UpdateNotificationPreferences.
type UpdateNotificationPreferencesHandler struct {
	repo     notification.PreferenceRepository
	cache    PreferenceForgetter
	announce Announcer
	now      func() time.Time
}

// NewUpdateNotificationPreferencesHandler builds the handler.
func NewUpdateNotificationPreferencesHandler(repo notification.PreferenceRepository, cache PreferenceForgetter,
	announce Announcer) *UpdateNotificationPreferencesHandler {
	return &UpdateNotificationPreferencesHandler{repo: repo, cache: cache, announce: announce, now: time.Now}
}

// Handle validates the preferences (400 naming the type), stores them,
// forgets this instance's cached copy at once and announces
// notification.preferences to the user's streams, whose delivery on every
// other instance forgets theirs (bounded by the cache's TTL when that
// announcement is lost).
func (h *UpdateNotificationPreferencesHandler) Handle(ctx context.Context, cmd UpdateNotificationPreferences) (notification.Preferences, error) {
	p, err := notification.NewPreferences(cmd.UserID, cmd.Types, h.now())
	if err != nil {
		return notification.Preferences{}, err
	}
	if err := h.repo.SavePreferences(ctx, p); err != nil {
		return notification.Preferences{}, fmt.Errorf("save notification preferences: %w", err)
	}
	h.cache.Forget(cmd.UserID)
	if err := h.announce.Announce(ctx, cmd.UserID, KindPreferencesChanged, PreferencesChanged{UpdatedAt: p.UpdatedAt()}); err != nil {
		return notification.Preferences{}, fmt.Errorf("announce notification preferences: %w", err)
	}
	return p, nil
}
