package repotest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// notificationBatches is the CreateMany part of the notification.Repository contract.
func notificationBatches(t *testing.T, newRepo func(t *testing.T) notification.Repository) {
	ctx := context.Background()

	t.Run("CreateMany stores each in order, with per-user seqs and counts", func(t *testing.T) {
		repo := newRepo(t)
		users := []string{domain.NewID(), domain.NewID(), domain.NewID()}
		// One stored before: the batch continues its user's seqs and count.
		if _, err := repo.Create(ctx, NewNotification(t, users[0], notification.TypeSystem, nil)); err != nil {
			t.Fatal(err)
		}
		ns := make([]notification.Notification, notification.MaxBatch)
		for i := range ns {
			ns[i] = NewNotification(t, users[i%len(users)], notification.TypeSystem, map[string]any{"i": i})
		}
		res := repo.CreateMany(ctx, ns)
		if len(res) != len(ns) {
			t.Fatalf("%d results for %d", len(res), len(ns))
		}
		seq := map[string]int64{users[0]: 1}
		unread := map[string]int{users[0]: 1}
		last := map[string]string{}
		for i, r := range res {
			if r.Err != nil {
				t.Fatalf("item %d: %v", i, r.Err)
			}
			u := users[i%len(users)]
			seq[u]++
			unread[u]++
			n := r.Notification
			if n.UserID() != u || n.Metadata()["i"] != i || n.Seq() != seq[u] || r.Unread != unread[u] || n.ID() <= last[u] {
				t.Fatalf("item %d: user %s seq %d (want %d) unread %d (want %d) id %s after %s",
					i, n.UserID(), n.Seq(), seq[u], r.Unread, unread[u], n.ID(), last[u])
			}
			last[u] = n.ID()
		}
		for _, u := range users {
			h, err := repo.Head(ctx, u)
			if err != nil || position(h) != (notification.Head{Unread: unread[u], Seq: seq[u], LastID: last[u]}) {
				t.Fatalf("head of %s: %+v, %v", u, h, err)
			}
			items, err := repo.After(ctx, u, "", notification.MaxBatch)
			if err != nil || len(items) != unread[u] || items[len(items)-1].ID() != last[u] {
				t.Fatalf("replay of %s: %d items, %v", u, len(items), err)
			}
		}
		if res := repo.CreateMany(ctx, nil); len(res) != 0 {
			t.Fatalf("an empty call returned %d results", len(res))
		}
	})

	t.Run("CreateMany: one that fails fails alone", func(t *testing.T) {
		repo := newRepo(t)
		user := domain.NewID()
		key := domain.RequestKey{Scope: "notification-batch:" + domain.NewID(), Key: "k#1", Hash: "h"}
		if _, err := repo.Create(ctx, NewNotification(t, user, notification.TypeSystem, nil).WithRequest(key)); err != nil {
			t.Fatal(err)
		}
		// An id another user's notification has, newer than the user's own
		// (an older one would be moved past the user's newest: see "seqs").
		taken, err := repo.Create(ctx, NewNotification(t, domain.NewID(), notification.TypeSystem, nil))
		if err != nil {
			t.Fatal(err)
		}
		dup := NewNotification(t, user, notification.TypeSystem, nil).Record()
		dup.ID = taken.Notification.ID()
		fresh := key
		fresh.Key = "k#3"
		ns := []notification.Notification{
			notification.FromStore(dup),
			NewNotification(t, user, notification.TypeSystem, nil),
			NewNotification(t, user, notification.TypeSystem, nil).WithRequest(key), // key already stored
			NewNotification(t, user, notification.TypeSystem, nil).WithRequest(fresh),
		}
		res := repo.CreateMany(ctx, ns)
		if res[1].Err != nil || res[3].Err != nil {
			t.Fatalf("good items failed: %v, %v", res[1].Err, res[3].Err)
		}
		if !errors.Is(res[0].Err, domain.ErrConflict) || errors.Is(res[0].Err, domain.ErrRequestExists) {
			t.Fatalf("a taken id: %v", res[0].Err)
		}
		if !errors.Is(res[2].Err, domain.ErrRequestExists) {
			t.Fatalf("a stored key: %v", res[2].Err)
		}
		if res[1].Unread != 2 || res[3].Unread != 3 || res[3].Notification.ID() <= res[1].Notification.ID() {
			t.Fatalf("unread %d then %d; id %s after %s", res[1].Unread, res[3].Unread, res[3].Notification.ID(), res[1].Notification.ID())
		}
		got, hash, err := repo.ByRequest(ctx, fresh.Scope, fresh.Key)
		if err != nil || got.ID() != res[3].Notification.ID() || hash != "h" {
			t.Fatalf("the batch item's key: %s %q %v", got.ID(), hash, err)
		}
		if n, _ := repo.UnreadCount(ctx, user); n != 3 {
			t.Fatalf("%d stored, want 3", n)
		}
	})

	t.Run("CreateMany alongside Create: distinct seqs in store order", func(t *testing.T) {
		repo := newRepo(t)
		user := domain.NewID()
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for g := range 4 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				ns := make([]notification.Notification, 10)
				for i := range ns {
					ns[i] = NewNotification(t, user, notification.TypeSystem, nil)
				}
				for i, r := range repo.CreateMany(ctx, ns) {
					if r.Err != nil {
						errs <- fmt.Errorf("batch %d item %d: %w", g, i, r.Err)
					}
				}
			}()
			go func() {
				defer wg.Done()
				if _, err := repo.Create(ctx, NewNotification(t, user, notification.TypeSystem, nil)); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		items, err := repo.After(ctx, user, "", 100)
		if err != nil || len(items) != 44 {
			t.Fatalf("%d stored, %v", len(items), err)
		}
		for i := 1; i < len(items); i++ {
			if items[i].Seq() <= items[i-1].Seq() {
				t.Fatalf("id order and seq order differ at %d", i)
			}
		}
	})
}
