// Package session holds the Session aggregate (one signed-in device or
// client) and its repository port. A token names its session; ending the
// session ends the token before its expiry.
package session

import (
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// ErrNotFound is returned for an unknown session id.
var ErrNotFound = domain.NewError(domain.ErrNotFound, "session not found")

// Session is one sign-in of a user.
type Session struct {
	id        string
	userID    string
	createdAt time.Time
	expiresAt time.Time
	endedAt   time.Time // zero while the session lasts
}

// New opens a session of userID lasting ttl from now.
func New(userID string, now time.Time, ttl time.Duration) (Session, error) {
	if !domain.ValidID(userID) {
		return Session{}, domain.Invalid("userId", "must be a user id")
	}
	if ttl <= 0 {
		return Session{}, domain.Invalid("ttl", "must be positive")
	}
	now = now.UTC().Truncate(time.Millisecond)
	return Session{id: domain.NewID(), userID: userID, createdAt: now, expiresAt: now.Add(ttl)}, nil
}

// FromStore rebuilds a session read from a store; endedAt is zero for a live one.
func FromStore(id, userID string, createdAt, expiresAt, endedAt time.Time) Session {
	s := Session{id: id, userID: userID, createdAt: createdAt.UTC(), expiresAt: expiresAt.UTC()}
	if !endedAt.IsZero() {
		s.endedAt = endedAt.UTC()
	}
	return s
}

// ID returns the session id (the token's sid claim).
func (s Session) ID() string { return s.id }

// UserID returns whose session it is.
func (s Session) UserID() string { return s.userID }

// CreatedAt returns when the user signed in.
func (s Session) CreatedAt() time.Time { return s.createdAt }

// ExpiresAt returns when the session ends by itself.
func (s Session) ExpiresAt() time.Time { return s.expiresAt }

// EndedAt returns when the session was ended (zero while it lasts).
func (s Session) EndedAt() time.Time { return s.endedAt }

// Live reports whether the session may still authenticate at now.
func (s Session) Live(now time.Time) bool { return s.endedAt.IsZero() && now.Before(s.expiresAt) }
