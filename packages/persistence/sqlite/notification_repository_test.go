package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestNotificationRepository(t *testing.T) {
	repotest.Notifications(t, func(t *testing.T) notification.Repository { return NewNotificationRepository(openTestDB(t)) })
}
