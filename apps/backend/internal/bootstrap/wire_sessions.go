package bootstrap

import (
	"context"
	"errors"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/account/sessions"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/hub"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/schedule"
	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// wireSessions builds the user and session stores, the session events
// (Redis channel fleetman:sessions:v1 when REDIS_URL is set, else in-process)
// and the cache every authenticated request asks (a.sessionCache). It runs
// before the routes: auth.Required needs the cache. The hub, built later,
// becomes the cache's stream closer (wire_notifications.go).
func (a *App) wireSessions(ctx context.Context) error {
	type stores struct {
		users    user.Repository
		creds    user.Credentials
		sessions session.Repository
	}
	st, err := pick(ctx, a.store,
		func(db *sqlite.DB) stores {
			u := sqlite.NewUserRepository(db)
			return stores{u, u, sqlite.NewSessionRepository(db)}
		},
		func(ctx context.Context, s *mongostore.Store) (stores, error) {
			u, err := mongostore.NewUserRepository(ctx, s)
			if err != nil {
				return stores{}, err
			}
			sr, err := mongostore.NewSessionRepository(ctx, s)
			if err != nil {
				return stores{}, err
			}
			return stores{u, u, sr}, nil
		})
	if err != nil {
		return err
	}
	a.users, a.credentials, a.sessionStore = st.users, st.creds, st.sessions

	var events sessions.Events = sessions.NewInProcess()
	if a.cfg.RedisURL != "" {
		re, err := sessions.NewRedis(ctx, a.cfg.RedisURL, a.log)
		if err != nil {
			return err
		}
		events = re
		a.background = append(a.background, re.Run)
		a.closers = append(a.closers, func(context.Context) error { return re.Close() })
	}
	a.sessionEvents = events
	a.sessionCache = sessions.NewCache(st.sessions, st.users, sessions.Options{
		TTL: a.cfg.SessionCacheTTL, Roles: accountapp.RolesFor(a.cfg.AdminEmails)})
	events.Subscribe(a.sessionCache.Ended)
	a.background = append(a.background, a.purgeSessions)
	return nil
}

// purgeSessions removes sessions that ended or expired a day ago, hourly.
func (a *App) purgeSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if _, err := a.sessionStore.Purge(ctx, time.Now().Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			a.log.Warn("session purge failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sessionSweepTTLs is how many SESSION_CACHE_TTLs pass between two sweeps;
// sweepChunk is how many sessions one CheckMany of a sweep asks about.
const (
	sessionSweepTTLs = 3
	sweepChunk       = 512
)

// sweepSessions checks, every 3 × SESSION_CACHE_TTL (15 s by default), the
// session of every open stream of this instance and closes the streams of
// those that ended. An ended session's streams normally close at once (the
// Ended message); the sweep bounds how long one stays open when that message
// was lost (Redis down at the logout, or the store changed by hand). The
// checks are batched (MaxBatch per query), so 10,000 streams cost about 40
// queries a sweep. A store fault closes nothing.
func (a *App) sweepSessions(ctx context.Context, h *hub.Hub) {
	every := sessionSweepTTLs * a.sessionCache.TTL()
	schedule.Run(ctx, every, every, func() { a.sweepOnce(ctx, h) })
}

// sweepOnce is one sweep of sweepSessions.
func (a *App) sweepOnce(ctx context.Context, h *hub.Hub) {
	closed := 0
	open := h.OpenSessions()
	// A chunk at a time: the sweep's own garbage stays one batch's
	// worth, not one entry per open stream (it would lift the heap goal,
	// and so the idle RSS per stream).
	keys := make([]sessions.Key, 0, sweepChunk)
	for start := 0; start < len(open) && ctx.Err() == nil; start += sweepChunk {
		keys = keys[:0]
		for _, k := range open[start:min(start+sweepChunk, len(open))] {
			keys = append(keys, sessions.Key{UserID: k.UserID, SessionID: k.SessionID})
		}
		errs, err := a.sessionCache.CheckMany(ctx, keys)
		if err != nil {
			if ctx.Err() == nil {
				a.log.Warn("session sweep: store unavailable; streams kept", "err", err)
			}
			break
		}
		for i, err := range errs {
			if errors.Is(err, sessions.ErrSessionEnded) {
				closed += h.CloseSession(keys[i].UserID, keys[i].SessionID)
			}
		}
	}
	if closed > 0 {
		a.log.Info("session sweep closed streams of ended sessions", "streams", closed)
	}
}
