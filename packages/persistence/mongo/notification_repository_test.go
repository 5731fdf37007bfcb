package mongostore

import (
	"context"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestNotificationRepository(t *testing.T) {
	repotest.Notifications(t, func(t *testing.T) notification.Repository {
		r, err := NewNotificationRepository(context.Background(), openTestStore(t), 90*24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}
