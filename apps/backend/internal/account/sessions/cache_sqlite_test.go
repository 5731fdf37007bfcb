package sessions

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// closed records what Ended asked to close.
type closed struct{ sessions, users []string }

func (c *closed) CloseSession(_, sessionID string) int {
	c.sessions = append(c.sessions, sessionID)
	return 1
}
func (c *closed) CloseUser(userID string) int { c.users = append(c.users, userID); return 1 }

func TestCacheOnSQLiteAnswersFromMemoryDropsEndedVerdictsAndStaysBounded(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	users, store := sqlite.NewUserRepository(db), sqlite.NewSessionRepository(db)
	now := time.Now()
	newSession := func(u user.User) string {
		s, err := session.New(u.ID(), now, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.Create(ctx, s); err != nil {
			t.Fatal(err)
		}
		return s.ID()
	}
	var people []user.User
	for _, name := range []string{"ana", "ben"} {
		u, err := user.New(name+"@example.com", name, name+" Ltd", "hash", now)
		if err != nil {
			t.Fatal(err)
		}
		if err := users.Create(ctx, u); err != nil {
			t.Fatal(err)
		}
		people = append(people, u)
	}
	ana, ben := people[0], people[1]
	anaOne, anaTwo, benOne := newSession(ana), newSession(ana), newSession(ben)

	c := NewCache(store, users, Options{TTL: time.Hour, MaxEntries: 2})
	closer := &closed{}
	c.SetCloser(closer)
	for _, sid := range []string{anaOne, anaTwo} {
		if roles, err := c.Check(ctx, ana.ID(), sid); err != nil || len(roles) != 1 {
			t.Fatalf("check %s: %v %v", sid, roles, err)
		}
	}
	// Ended in the store behind the cache's back: the verdict in memory holds (for TTL).
	if err := store.End(ctx, anaOne, now); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Check(ctx, ana.ID(), anaOne); err != nil {
		t.Fatalf("a remembered verdict was read again: %v", err)
	}
	// The announcement drops it at once and closes the session's streams.
	c.Ended(Ended{UserID: ana.ID(), SessionID: anaOne})
	if _, err := c.Check(ctx, ana.ID(), anaOne); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("after Ended: %v", err)
	}
	if _, err := c.Check(ctx, ana.ID(), anaTwo); err != nil {
		t.Fatalf("the other session of the user: %v", err)
	}
	// A session of another user, a token naming the wrong user.
	if _, err := c.Check(ctx, ben.ID(), benOne); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Check(ctx, ana.ID(), benOne); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("ben's session for ana: %v", err)
	}
	if c.bySession.Len() > 2 || c.byUser.Len() > 2 {
		t.Fatalf("bound 2: %d sessions, %d users remembered", c.bySession.Len(), c.byUser.Len())
	}
	// A user-wide end (sign out everywhere) drops every verdict of that user only.
	if _, err := store.EndAllOf(ctx, ana.ID(), now); err != nil {
		t.Fatal(err)
	}
	c.Ended(Ended{UserID: ana.ID()})
	if _, err := c.Check(ctx, ana.ID(), anaTwo); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("after a user-wide end: %v", err)
	}
	if _, err := c.Check(ctx, ben.ID(), benOne); err != nil {
		t.Fatalf("another user's session: %v", err)
	}
	if len(closer.sessions) != 1 || closer.sessions[0] != anaOne || len(closer.users) != 1 || closer.users[0] != ana.ID() {
		t.Fatalf("closed %+v", closer)
	}
}
