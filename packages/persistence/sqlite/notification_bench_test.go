package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

// seedNotifications stores perUser notifications for each of users users.
func seedNotifications(b *testing.B, repo *NotificationRepository, users, perUser int) []string {
	b.Helper()
	ids := make([]string, users)
	var wg sync.WaitGroup
	for u := range ids {
		ids[u] = domain.NewID()
	}
	for u := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perUser; i++ {
				if _, err := repo.Create(context.Background(), repotest.NewNotification(b, ids[u], notification.TypeSystem, map[string]any{"i": i})); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	return ids
}

// BenchmarkReplayQuery is the stream's replay: a page of 50 notifications
// after a given id, in a store of 200 users × 200 notifications.
func BenchmarkReplayQuery(b *testing.B) {
	repo := NewNotificationRepository(openBenchDB(b))
	users := seedNotifications(b, repo, 200, 200)
	page, err := repo.List(context.Background(), notification.ListQuery{UserID: users[7], Limit: 51})
	if err != nil {
		b.Fatal(err)
	}
	after := page.Items[50].ID()
	b.ReportAllocs()
	for b.Loop() {
		items, err := repo.After(context.Background(), users[7], after, 256)
		if err != nil || len(items) != 50 {
			b.Fatalf("%d items, %v", len(items), err)
		}
	}
}

// BenchmarkCreateGroupCommit is Create from 64 concurrent callers.
func BenchmarkCreateGroupCommit(b *testing.B) {
	repo := NewNotificationRepository(openBenchDB(b))
	user := domain.NewID()
	b.SetParallelism(32)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := repo.Create(context.Background(), repotest.NewNotification(b, user, notification.TypeSystem, nil)); err != nil {
				b.Error(err)
			}
		}
	})
}

// BenchmarkUnreadCount reads one user's unread count in a store of 200
// users × 200 unread notifications.
func BenchmarkUnreadCount(b *testing.B) {
	repo := NewNotificationRepository(openBenchDB(b))
	users := seedNotifications(b, repo, 200, 200)
	b.ReportAllocs()
	for b.Loop() {
		if n, err := repo.UnreadCount(context.Background(), users[7]); err != nil || n != 200 {
			b.Fatalf("%d, %v", n, err)
		}
	}
}

func openBenchDB(b *testing.B) *DB {
	b.Helper()
	db, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkCreateMany is one batch of 500 notifications for 500 users (the
// batch publish path); ns/op is per batch, ns/event = that / 500.
func BenchmarkCreateMany(b *testing.B) {
	repo := NewNotificationRepository(openBenchDB(b))
	users := make([]string, 500)
	for i := range users {
		users[i] = domain.NewID()
	}
	b.ReportAllocs()
	for b.Loop() {
		ns := make([]notification.Notification, len(users))
		for i, u := range users {
			ns[i] = repotest.NewNotification(b, u, notification.TypeSystem, map[string]any{"i": i})
		}
		for _, r := range repo.CreateMany(context.Background(), ns) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
}

// BenchmarkSeed is the bulk load of fleetseed -notifications: b.N
// notifications for 1,000 users (a third read) in one Seed into an empty
// store, the index rebuild included; ns/op is per notification.
func BenchmarkSeed(b *testing.B) {
	users := make([]string, 1000)
	for i := range users {
		users[i] = domain.NewID()
	}
	ns := seedSet(b, users, b.N, 3, time.Now().Add(-time.Hour))
	repo := NewNotificationRepository(openBenchDB(b))
	b.ResetTimer()
	if n, err := repo.Seed(context.Background(), slices.Values(ns)); err != nil || n != len(ns) {
		b.Fatalf("seeded %d, %v", n, err)
	}
}

// BenchmarkPurgeChunk is one chunk of the TTL purge (purgeChunk rows, a
// quarter of them unread, the delete trigger included) from a store of
// 100,000 notifications of 1,000 users, all expired; the store is seeded
// again when the purge has emptied it.
func BenchmarkPurgeChunk(b *testing.B) {
	users := make([]string, 1000)
	for i := range users {
		users[i] = domain.NewID()
	}
	cutoff := time.Now()
	var repo *NotificationRepository
	left := 0
	for b.Loop() {
		if left < purgeChunk {
			b.StopTimer()
			repo = NewNotificationRepository(openBenchDB(b))
			ns := seedSet(b, users, 100_000, 4, cutoff.Add(-72*time.Hour))
			if _, err := repo.Seed(context.Background(), slices.Values(ns)); err != nil {
				b.Fatal(err)
			}
			left = len(ns)
			b.StartTimer()
		}
		n, err := repo.purgeChunk(context.Background(), cutoff, purgeChunk)
		if err != nil || n != purgeChunk {
			b.Fatalf("purged %d, %v", n, err)
		}
		left -= n
	}
}
