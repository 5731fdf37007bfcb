package sessions

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// ErrSessionEnded is the answer for an ended, expired or unknown session,
// an unknown user and a deactivated one alike (401).
var ErrSessionEnded = domain.NewError(domain.ErrUnauthorized, "the session has ended: sign in again")

// StreamCloser closes this instance's open streams of a session or a user.
type StreamCloser interface {
	CloseSession(userID, sessionID string) int
	CloseUser(userID string) int
}

// Options tune a Cache.
type Options struct {
	// TTL bounds how stale an answer may be when an Ended message is lost
	// (or when the store was changed behind the servers' back): a verdict
	// read from the store is trusted this long. Default 5 s.
	TTL time.Duration
	// Roles names a user's roles (from the account, never from the token).
	Roles func(user.User) []string
	// MaxEntries bounds each of the two LRUs (sessions, users); a full one
	// drops its least recently used verdict.
	MaxEntries int
}

// Cache is auth.SessionChecker: it answers from memory and reads the store
// (one session read and one user read) only when its verdict is older than
// TTL. Ended messages drop verdicts at once and close the streams.
type Cache struct {
	sessions session.Repository
	users    user.Repository
	closer   StreamCloser
	opts     Options
	now      func() time.Time

	mu        sync.Mutex // guards closer, and orders Ended against itself
	bySession *expirable.LRU[string, sessionVerdict]
	byUser    *expirable.LRU[string, userVerdict]
}

type sessionVerdict struct {
	userID  string
	live    bool
	expires time.Time // the session's own expiry
	until   time.Time // trusted until
}

type userVerdict struct {
	roles  []string // nil: unknown or deactivated
	until  time.Time
	denied bool
}

// NewCache builds the cache; closer may be nil until SetCloser.
func NewCache(sessions session.Repository, users user.Repository, opts Options) *Cache {
	if opts.TTL <= 0 {
		opts.TTL = 5 * time.Second
	}
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = 200_000
	}
	if opts.Roles == nil {
		opts.Roles = func(user.User) []string { return []string{string(user.RoleUser)} }
	}
	return &Cache{sessions: sessions, users: users, opts: opts, now: time.Now,
		bySession: expirable.NewLRU[string, sessionVerdict](opts.MaxEntries, nil, opts.TTL),
		byUser:    expirable.NewLRU[string, userVerdict](opts.MaxEntries, nil, opts.TTL)}
}

// SetCloser names what closes streams (the hub, built after the cache).
func (c *Cache) SetCloser(closer StreamCloser) {
	c.mu.Lock()
	c.closer = closer
	c.mu.Unlock()
}

// TTL returns the staleness bound.
func (c *Cache) TTL() time.Duration { return c.opts.TTL }

// Check implements auth.SessionChecker.
func (c *Cache) Check(ctx context.Context, userID, sessionID string) ([]string, error) {
	now := c.now()
	sv, sok := c.bySession.Get(sessionID)
	uv, uok := c.byUser.Get(userID)
	if !sok || now.After(sv.until) {
		var err error
		if sv, err = c.readSession(ctx, sessionID, now); err != nil {
			return nil, err
		}
	}
	if !sv.live || sv.userID != userID || !now.Before(sv.expires) {
		return nil, ErrSessionEnded
	}
	if !uok || now.After(uv.until) {
		var err error
		if uv, err = c.readUser(ctx, userID, now); err != nil {
			return nil, err
		}
	}
	if uv.denied {
		return nil, ErrSessionEnded
	}
	return uv.roles, nil
}

func (c *Cache) readSession(ctx context.Context, id string, now time.Time) (sessionVerdict, error) {
	s, err := c.sessions.ByID(ctx, id)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return sessionVerdict{}, fmt.Errorf("session check: %w", err)
	}
	v := sessionVerdict{until: now.Add(c.opts.TTL)}
	if err == nil {
		v.userID, v.live, v.expires = s.UserID(), s.Live(now), s.ExpiresAt()
	}
	c.bySession.Add(id, v)
	return v, nil
}

func (c *Cache) readUser(ctx context.Context, id string, now time.Time) (userVerdict, error) {
	u, err := c.users.ByID(ctx, id)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return userVerdict{}, fmt.Errorf("session check: %w", err)
	}
	v := userVerdict{until: now.Add(c.opts.TTL), denied: true}
	if err == nil && u.Active() {
		v.roles, v.denied = c.opts.Roles(u), false
	}
	c.byUser.Add(id, v)
	return v, nil
}

// Ended drops what the message makes stale and closes the matching streams
// of this instance. It is the subscriber of Events.
func (c *Cache) Ended(e Ended) {
	c.mu.Lock()
	if e.SessionID != "" {
		c.bySession.Remove(e.SessionID)
	} else {
		c.byUser.Remove(e.UserID)
		for _, k := range c.bySession.Keys() {
			if v, ok := c.bySession.Peek(k); ok && v.userID == e.UserID {
				c.bySession.Remove(k)
			}
		}
	}
	closer := c.closer
	c.mu.Unlock()
	if closer == nil {
		return
	}
	if e.SessionID != "" {
		closer.CloseSession(e.UserID, e.SessionID)
	} else {
		closer.CloseUser(e.UserID)
	}
}
