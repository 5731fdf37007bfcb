package notificationapp

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/schedule"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// PurgeNotifications asks to remove the notifications older than the TTL
// (the embedded store's stand-in for MongoDB's TTL index; harmless where that
// index exists). Bootstrap runs it on a timer.
type PurgeNotifications struct{}

// PurgeNotificationsHandler runs PurgeNotifications.
type PurgeNotificationsHandler struct {
	repo notification.Repository
	ttl  time.Duration
	now  func() time.Time
}

// NewPurgeNotificationsHandler builds the handler: ttl is how long
// notifications are kept (0: forever), now the clock (time.Now when nil).
func NewPurgeNotificationsHandler(repo notification.Repository, ttl time.Duration, now func() time.Time) *PurgeNotificationsHandler {
	if now == nil {
		now = time.Now
	}
	return &PurgeNotificationsHandler{repo: repo, ttl: ttl, now: now}
}

// Handle removes them and returns how many went.
func (h *PurgeNotificationsHandler) Handle(ctx context.Context, _ PurgeNotifications) (int, error) {
	cutoff := time.Time{} // notifications kept forever: the store still purges its old request keys
	if h.ttl > 0 {
		cutoff = h.now().Add(-h.ttl)
	}
	n, err := h.repo.DeleteOlderThan(ctx, cutoff)
	if err != nil {
		return n, fmt.Errorf("purge notifications: %w", err)
	}
	return n, nil
}

// Schedule runs a purge after delay (0: at once) and then every interval
// until ctx ends, logging each pass that removed something or failed with
// its count and how long it took.
func (h *PurgeNotificationsHandler) Schedule(ctx context.Context, delay, interval time.Duration, log *slog.Logger) {
	run := func() {
		start := time.Now()
		n, err := h.Handle(ctx, PurgeNotifications{})
		took := time.Since(start).Milliseconds()
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("notification purge failed", "err", err, "count", n, "took_ms", took)
		case n > 0:
			log.Info("notifications purged", "count", n, "took_ms", took)
		}
	}
	schedule.Run(ctx, delay, interval, run)
}
