package bootstrap

import (
	"context"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/account/knownusers"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/bus"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/hub"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationhttp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
	"github.com/prometheus/client_golang/prometheus"
)

// The bound of the known-users cache of the admin publish: this many
// recently seen accounts, each remembered at most this long.
const (
	knownUsers   = 100_000
	knownUserTTL = time.Hour
)

// wireNotifications builds the notification store, the hub of this
// instance's open streams, the bus between instances (Redis when REDIS_URL is
// set), the one NotificationService (a.notifications) that every other
// module's use cases are given, and the inbox and stream handlers.
func (a *App) wireNotifications(ctx context.Context) error {
	var purgeOnTimer bool
	repo, err := pick(ctx, a.store,
		func(db *sqlite.DB) notification.Repository {
			purgeOnTimer = true // SQLite has no TTL index
			return sqlite.NewNotificationRepository(db)
		},
		func(ctx context.Context, s *mongostore.Store) (notification.Repository, error) {
			r, err := mongostore.NewNotificationRepository(ctx, s, a.cfg.NotificationTTL)
			if err != nil {
				return nil, err
			}
			purgeOnTimer = !r.HasTTLIndex() // the server refused the TTL index
			return r, nil
		})
	if err != nil {
		return err
	}

	prefs, err := a.notificationPreferences(ctx)
	if err != nil {
		return err
	}

	h := hub.New(hub.Config{MaxStreamsPerUser: a.cfg.SSEMaxStreamsPerUser, QueueSize: a.cfg.SSEQueueSize,
		Heartbeat: a.cfg.SSEHeartbeat}, hub.NewMetrics(a.metrics))
	a.sessionCache.SetCloser(h) // an ended session's streams close (wire_sessions.go)
	a.background = append(a.background, func(ctx context.Context) { a.sweepSessions(ctx, h) })
	deliver := prefs.forgetOnChange(h.Deliver)
	// This instance's streams hear its own events at once (Local); the bus
	// only tells the other instances, and never makes a request wait.
	pub := events.Publisher{Local: deliver}
	if a.cfg.RedisURL != "" {
		rb, err := bus.NewRedis(ctx, a.cfg.RedisURL, deliver, bus.Options{Log: a.log,
			Metrics: bus.NewMetrics(a.metrics), OnGap: h.CatchUpAll})
		if err != nil {
			return err
		}
		pub.Bus = rb
		a.bus = rb
		a.closers = append(a.closers, func(context.Context) error {
			return rb.Close() // no more deliveries
		})
	}
	publishErrors := prometheus.NewCounter(prometheus.CounterOpts{Name: "fleetman_notification_publish_errors_total",
		Help: "Stored notifications (or read changes) that could not be encoded for their streams."})
	a.metrics.MustRegister(publishErrors)
	a.notifications = notificationapp.NewService(repo, pub, notificationapp.Options{
		Log: a.log, OnPublishError: func(error) { publishErrors.Inc() },
		Preferences: prefs.cache})
	reads := notificationapp.NewStreamReader(repo)
	h.SetSource(events.Source{Store: reads}, a.log)

	known := knownusers.NewCached(knownusers.Store{Users: a.users}, knownUsers, knownUserTTL)
	uc := notificationhttp.UseCases{
		List:         notificationapp.NewListNotificationsHandler(repo),
		CountUnread:  notificationapp.NewCountUnreadNotificationsHandler(repo),
		MarkRead:     notificationapp.NewMarkNotificationReadHandler(a.notifications),
		MarkAllRead:  notificationapp.NewMarkAllNotificationsReadHandler(a.notifications),
		MarkUnread:   notificationapp.NewMarkNotificationUnreadHandler(a.notifications),
		Archive:      notificationapp.NewArchiveNotificationHandler(a.notifications),
		Delete:       notificationapp.NewDeleteNotificationHandler(a.notifications),
		Publish:      notificationapp.NewPublishNotificationHandler(known, a.notifications),
		PublishBatch: notificationapp.NewPublishNotificationBatchHandler(known, a.notifications),
	}
	notificationhttp.NewHandler(uc, reads, h, notificationhttp.StreamConfig{Retry: a.cfg.SSERetry}, a.log).
		Register(a.priv, auth.Admin())
	notificationhttp.NewPreferencesHandler(notificationhttp.PreferenceUseCases{
		Get:    notificationapp.NewGetNotificationPreferencesHandler(prefs.repo),
		Update: notificationapp.NewUpdateNotificationPreferencesHandler(prefs.repo, prefs.cache, a.notifications),
	}).Register(a.priv)

	a.background = append(a.background, h.Run)
	if purgeOnTimer {
		purge := notificationapp.NewPurgeNotificationsHandler(repo, a.cfg.NotificationTTL, nil)
		a.background = append(a.background, func(ctx context.Context) { a.purgeNotifications(ctx, purge) })
	}
	a.onShutdown = append(a.onShutdown, h.Shutdown)
	return nil
}

// purgeNotifications removes notifications older than NOTIFICATION_TTL
// NOTIFICATION_PURGE_DELAY after start (0: at once) and then every hour (or
// every tenth of the TTL, when shorter).
func (a *App) purgeNotifications(ctx context.Context, purge *notificationapp.PurgeNotificationsHandler) {
	every := min(time.Hour, max(a.cfg.NotificationTTL/10, time.Second))
	purge.Schedule(ctx, a.cfg.NotificationPurgeDelay, every, a.log)
}
