package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestNotificationPreferenceRepository(t *testing.T) {
	repotest.NotificationPreferences(t, func(t *testing.T) notification.PreferenceRepository {
		return NewNotificationPreferenceRepository(openTestDB(t))
	})
}
