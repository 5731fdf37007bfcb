package repotest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// Sessions runs the session.Repository contract against a fresh repository from newRepo.
func Sessions(t *testing.T, newRepo func(t *testing.T) session.Repository) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	newSession := func(t *testing.T, userID string, ttl time.Duration) session.Session {
		t.Helper()
		s, err := session.New(userID, now, ttl)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	t.Run("create, read back, end once", func(t *testing.T) {
		repo := newRepo(t)
		s := newSession(t, domain.NewID(), time.Hour)
		if err := repo.Create(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, err := repo.ByID(ctx, s.ID())
		if err != nil {
			t.Fatal(err)
		}
		if got.ID() != s.ID() || got.UserID() != s.UserID() || !got.CreatedAt().Equal(s.CreatedAt()) ||
			!got.ExpiresAt().Equal(s.ExpiresAt()) || !got.EndedAt().IsZero() || !got.Live(now) {
			t.Fatalf("read back %+v, stored %+v", got, s)
		}
		first := now.Add(time.Minute)
		if err := repo.End(ctx, s.ID(), first); err != nil {
			t.Fatal(err)
		}
		if err := repo.End(ctx, s.ID(), first.Add(time.Minute)); err != nil {
			t.Fatalf("ending twice: %v", err)
		}
		got, err = repo.ByID(ctx, s.ID())
		if err != nil || got.Live(now) || !got.EndedAt().Equal(first) {
			t.Fatalf("after End: %+v, %v", got, err)
		}
	})

	t.Run("unknown ids are ErrNotFound", func(t *testing.T) {
		repo := newRepo(t)
		if _, err := repo.ByID(ctx, domain.NewID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("ByID: %v", err)
		}
		if err := repo.End(ctx, domain.NewID(), now); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("End: %v", err)
		}
	})

	t.Run("ByIDs returns the sessions that exist, ended ones as they are", func(t *testing.T) {
		repo := newRepo(t)
		if got, err := repo.ByIDs(ctx, nil); err != nil || len(got) != 0 {
			t.Fatalf("ByIDs(nil) = %v, %v", got, err)
		}
		want := map[string]session.Session{}
		ids := []string{domain.NewID()} // one that does not exist
		for range 3 {
			s := newSession(t, domain.NewID(), time.Hour)
			if err := repo.Create(ctx, s); err != nil {
				t.Fatal(err)
			}
			want[s.ID()] = s
			ids = append(ids, s.ID())
		}
		ended := ids[2]
		if err := repo.End(ctx, ended, now); err != nil {
			t.Fatal(err)
		}
		got, err := repo.ByIDs(ctx, ids)
		if err != nil || len(got) != len(want) {
			t.Fatalf("ByIDs: %d sessions, %v; want %d", len(got), err, len(want))
		}
		for _, g := range got {
			w, ok := want[g.ID()]
			if !ok || g.UserID() != w.UserID() || !g.ExpiresAt().Equal(w.ExpiresAt()) {
				t.Fatalf("ByIDs returned %+v, stored %+v", g, w)
			}
			if live := g.ID() != ended; g.Live(now) != live {
				t.Fatalf("session %s: live %v, want %v", g.ID(), g.Live(now), live)
			}
		}
	})

	t.Run("EndAllOf ends only that user's live sessions", func(t *testing.T) {
		repo := newRepo(t)
		ana, bo := domain.NewID(), domain.NewID()
		a1, a2, b1 := newSession(t, ana, time.Hour), newSession(t, ana, time.Hour), newSession(t, bo, time.Hour)
		for _, s := range []session.Session{a1, a2, b1} {
			if err := repo.Create(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if err := repo.End(ctx, a2.ID(), now); err != nil {
			t.Fatal(err)
		}
		n, err := repo.EndAllOf(ctx, ana, now.Add(time.Second))
		if err != nil || n != 1 {
			t.Fatalf("EndAllOf: %d, %v", n, err)
		}
		for _, c := range []struct {
			s    session.Session
			live bool
		}{{a1, false}, {a2, false}, {b1, true}} {
			got, err := repo.ByID(ctx, c.s.ID())
			if err != nil || got.Live(now.Add(2*time.Second)) != c.live {
				t.Fatalf("%s: %+v, %v, want live=%v", c.s.ID(), got, err, c.live)
			}
		}
	})

	t.Run("Purge removes expired and long-ended sessions", func(t *testing.T) {
		repo := newRepo(t)
		short, long, ended := newSession(t, domain.NewID(), time.Minute), newSession(t, domain.NewID(), 48*time.Hour),
			newSession(t, domain.NewID(), 48*time.Hour)
		for _, s := range []session.Session{short, long, ended} {
			if err := repo.Create(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if err := repo.End(ctx, ended.ID(), now); err != nil {
			t.Fatal(err)
		}
		n, err := repo.Purge(ctx, now.Add(time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("Purge: %d, %v", n, err)
		}
		if _, err := repo.ByID(ctx, long.ID()); err != nil {
			t.Fatalf("a live session was purged: %v", err)
		}
	})
}

// UserCredentials runs the user.Credentials contract (and the roles a user
// is stored with) against a fresh repository from newRepo.
func UserCredentials(t *testing.T, newRepo func(t *testing.T) (user.Repository, user.Credentials)) {
	ctx := context.Background()

	t.Run("roles are stored with the account", func(t *testing.T) {
		users, _ := newRepo(t)
		admin := NewUser(t, "boss").WithRoles(user.RoleAdmin)
		plain := NewUser(t, "ana")
		for _, u := range []user.User{admin, plain} {
			if err := users.Create(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		got, err := users.ByEmail(ctx, admin.Email())
		if err != nil || !got.HasRole(user.RoleAdmin) {
			t.Fatalf("admin read back: %v, %v", got.Roles(), err)
		}
		got, err = users.ByID(ctx, plain.ID())
		if err != nil || got.HasRole(user.RoleAdmin) || len(got.Roles()) != 0 {
			t.Fatalf("user read back: %v, %v", got.Roles(), err)
		}
	})

	t.Run("password and active flag change", func(t *testing.T) {
		users, creds := newRepo(t)
		u := NewUser(t, "ana")
		if err := users.Create(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := creds.SetPassword(ctx, u.ID(), "hash:new"); err != nil {
			t.Fatal(err)
		}
		if err := creds.SetActive(ctx, u.ID(), false); err != nil {
			t.Fatal(err)
		}
		got, err := users.ByID(ctx, u.ID())
		if err != nil || got.PasswordHash() != "hash:new" || got.Active() {
			t.Fatalf("after changes: %+v, %v", got, err)
		}
		if err := creds.SetActive(ctx, u.ID(), false); err != nil {
			t.Fatalf("setting the same value again: %v", err)
		}
		if err := creds.SetPassword(ctx, domain.NewID(), "x"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown user: %v", err)
		}
		if err := creds.SetActive(ctx, domain.NewID(), true); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown user: %v", err)
		}
	})
}
