package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestNotificationPreferenceRepository(t *testing.T) {
	repotest.NotificationPreferences(t, func(t *testing.T) notification.PreferenceRepository {
		r, err := NewNotificationPreferenceRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}
