package bootstrap

import (
	"context"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// notificationPrefs is the preference store and the cache the
// NotificationService reads on its publish path.
type notificationPrefs struct {
	repo  notification.PreferenceRepository
	cache *notificationapp.PreferenceCache
}

// notificationPreferences builds the preference store and its cache
// (NOTIFICATION_PREFERENCES_CACHE_TTL bounds its staleness).
func (a *App) notificationPreferences(ctx context.Context) (notificationPrefs, error) {
	repo, err := pick(ctx, a.store,
		func(db *sqlite.DB) notification.PreferenceRepository {
			return sqlite.NewNotificationPreferenceRepository(db)
		},
		func(ctx context.Context, s *mongostore.Store) (notification.PreferenceRepository, error) {
			return mongostore.NewNotificationPreferenceRepository(ctx, s)
		})
	if err != nil {
		return notificationPrefs{}, err
	}
	return notificationPrefs{repo: repo, cache: notificationapp.NewPreferenceCache(repo, a.cfg.PreferenceCacheTTL, 0)}, nil
}

// forgetOnChange wraps the hub's delivery: a notification.preferences event,
// whether published here or received from another instance over the bus,
// first drops the user's cached preferences on this instance.
func (p notificationPrefs) forgetOnChange(deliver func(events.Message)) func(events.Message) {
	return func(m events.Message) {
		if m.Event == events.PreferencesChanged {
			p.cache.Forget(m.UserID)
		}
		deliver(m)
	}
}
