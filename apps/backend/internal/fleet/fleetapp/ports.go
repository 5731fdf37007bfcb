// Package fleetapp holds the fleet use cases: machines and their operators,
// hour-meter readings, maintenance plans, CheckMaintenanceAlarms and AddQuickCheck.
package fleetapp

import (
	"context"
	"time"

	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// Notifier persists a notification and pushes it to its user's open streams
// (the NotificationService).
type Notifier interface {
	Create(ctx context.Context, d notification.Draft) (notification.Notification, error)
	// CreateMany creates many at once (one batch of the service), each on
	// its own; one error per draft, nil when it was created.
	CreateMany(ctx context.Context, ds []notification.Draft) []error
}

// ContactChecker says whether two users are contacts.
type ContactChecker interface {
	AreContacts(ctx context.Context, a, b string) (bool, error)
}

// UserReader looks a user up (for names in notification metadata).
type UserReader interface {
	ByID(ctx context.Context, id string) (user.User, error)
}

// Clock tells the time; tests inject a fixed one.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// Notification sources and i18n keys (docs/api-shapes.md).
const (
	sourceMaintenance = "maintenance"
	sourceQuickCheck  = "quickcheck"
)

// notifyTimeout bounds work that runs detached from a request (alerts after a claim).
const notifyTimeout = 10 * time.Second

func machineURL(id string) string { return "/machines/" + id }
