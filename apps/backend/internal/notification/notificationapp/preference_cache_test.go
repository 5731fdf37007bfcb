package notificationapp_test

import (
	"context"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain"
)

func TestPreferenceCacheIsBoundedExpiresAndForgets(t *testing.T) {
	ctx := context.Background()
	read := func(t *testing.T, c *notificationapp.PreferenceCache, user string) {
		t.Helper()
		if _, err := c.Preferences(ctx, user); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("a hit reads the store once", func(t *testing.T) {
		_, prefs := openStores(t)
		c := notificationapp.NewPreferenceCache(prefs, time.Minute, 0)
		u := domain.NewID()
		read(t, c, u)
		read(t, c, u)
		if got := prefs.reads.Load(); got != 1 {
			t.Fatalf("%d store reads, want 1", got)
		}
	})
	t.Run("at most maxEntries users, the least recently used go first", func(t *testing.T) {
		_, prefs := openStores(t)
		c := notificationapp.NewPreferenceCache(prefs, time.Minute, 2)
		a, b, d := domain.NewID(), domain.NewID(), domain.NewID()
		read(t, c, a)
		read(t, c, b)
		read(t, c, a) // a is now the most recently used
		read(t, c, d) // evicts b, not a
		if c.Len() != 2 || prefs.reads.Load() != 3 {
			t.Fatalf("len %d, %d reads; want 2, 3", c.Len(), prefs.reads.Load())
		}
		read(t, c, a)
		if got := prefs.reads.Load(); got != 3 {
			t.Fatalf("a was evicted: %d reads", got)
		}
		read(t, c, b)
		if got := prefs.reads.Load(); got != 4 {
			t.Fatalf("b was kept: %d reads", got)
		}
	})
	t.Run("an entry lives at most TTL", func(t *testing.T) {
		_, prefs := openStores(t)
		c := notificationapp.NewPreferenceCache(prefs, 50*time.Millisecond, 0)
		u := domain.NewID()
		read(t, c, u)
		time.Sleep(120 * time.Millisecond)
		read(t, c, u)
		if got := prefs.reads.Load(); got != 2 {
			t.Fatalf("%d store reads after the TTL, want 2", got)
		}
	})
	t.Run("Forget makes the next read go to the store", func(t *testing.T) {
		_, prefs := openStores(t)
		c := notificationapp.NewPreferenceCache(prefs, time.Minute, 0)
		u := domain.NewID()
		read(t, c, u)
		c.Forget(u)
		read(t, c, u)
		if got := prefs.reads.Load(); got != 2 {
			t.Fatalf("%d store reads, want 2", got)
		}
	})
}
