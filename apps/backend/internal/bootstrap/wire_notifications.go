package bootstrap

import (
	"context"
	"errors"

	notificationapp "github.com/fleetman/fleetman/apps/backend/internal/notification/app"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/bus"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/packages/domain/notification"
	mongostore "github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// wireNotifications builds the notification store, the bus, the hub of open
// streams and the one NotificationService (a.notifications) that every other
// module's use cases are given.
func (a *App) wireNotifications(ctx context.Context) error {
	repo, err := pick(ctx, a.store,
		func(db *sqlite.DB) notification.Repository { return sqlite.NewNotificationRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (notification.Repository, error) {
			return nil, errors.New("notifications: the MongoDB adapter is not built yet")
		})
	if err != nil {
		return err
	}
	b := bus.NewInProcess(func(events.Message) {})
	a.notifications = notificationapp.NewService(repo, events.Publisher{Bus: b}, notificationapp.Options{
		TTL: a.cfg.NotificationTTL, Log: a.log})
	a.closers = append(a.closers, func(context.Context) error {
		a.notifications.Close()
		return b.Close()
	})
	return nil
}
