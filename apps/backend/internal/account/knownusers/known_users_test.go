package knownusers_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/account/knownusers"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// counting is a Checker that counts the questions it is asked.
type counting struct {
	next  knownusers.Checker
	calls atomic.Int64
}

func (c *counting) Exists(ctx context.Context, id string) error {
	c.calls.Add(1)
	return c.next.Exists(ctx, id)
}

// accounts opens a fresh SQLite store holding one account per name and returns it with their ids.
func accounts(t *testing.T, names ...string) (*sqlite.UserRepository, []string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "u.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	users := sqlite.NewUserRepository(db)
	var ids []string
	for _, name := range names {
		u, err := user.New(name+"@example.com", name, name+" Ltd", "hash", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := users.Create(ctx, u); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID())
	}
	return users, ids
}

func TestCachedRemembersAccountsThatExistAndNothingElse(t *testing.T) {
	ctx := context.Background()
	users, ids := accounts(t, "ana", "ben", "cy")
	store := &counting{next: knownusers.Store{Users: users}}
	cached := knownusers.NewCached(store, 2, time.Hour)

	steps := []struct {
		id    string
		want  error
		calls int64 // store reads so far
	}{
		{ids[0], nil, 1},
		{ids[0], nil, 1}, // remembered
		{ids[1], nil, 2},
		{ids[0], nil, 2},
		{ids[2], nil, 3}, // the bound is 2: ids[1], the least recently used, goes
		{ids[1], nil, 4},
		{"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", domain.ErrNotFound, 5},
		{"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", domain.ErrNotFound, 6}, // a no is never remembered
	}
	for i, s := range steps {
		err := cached.Exists(ctx, s.id)
		if !errors.Is(err, s.want) || (s.want == nil) != (err == nil) {
			t.Fatalf("step %d: %v, want %v", i, err, s.want)
		}
		if store.calls.Load() != s.calls || cached.Len() > 2 {
			t.Fatalf("step %d: %d reads (want %d), %d remembered", i, store.calls.Load(), s.calls, cached.Len())
		}
	}
}

func TestCachedForgetsAfterItsTTL(t *testing.T) {
	ctx := context.Background()
	users, ids := accounts(t, "ana")
	store := &counting{next: knownusers.Store{Users: users}}
	cached := knownusers.NewCached(store, 10, 20*time.Millisecond)
	if err := cached.Exists(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for cached.Len() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := cached.Exists(ctx, ids[0]); err != nil || store.calls.Load() != 2 {
		t.Fatalf("after the TTL: %v, %d reads", err, store.calls.Load())
	}
}
