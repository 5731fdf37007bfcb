package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestNotificationRepository(t *testing.T) {
	repotest.Notifications(t, func(t *testing.T) notification.Repository { return NewNotificationRepository(openTestDB(t)) })
}

// One batch of many rows goes through the multi-row INSERTs; a duplicate id
// in the middle of one fails alone, and the counts cover exactly what was stored.
func TestABatchStoresAllButTheDuplicate(t *testing.T) {
	ctx := context.Background()
	repo := NewNotificationRepository(openTestDB(t))
	alice, bob, dora := domain.NewID(), domain.NewID(), domain.NewID()
	// Dora's: an id of another user's notification is a duplicate (one of
	// Alice's own ids would be moved past her newest instead).
	read, err := notification.New(notification.Draft{UserID: bob, Type: notification.TypeSystem, Title: "t", Message: "m"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	rec := read.Record()
	at := time.Now()
	rec.Read, rec.ReadAt = true, &at
	var batch []*insertReq
	for i := 0; i < 90; i++ { // 64 + 16 + 4 + 4 + 1 + 1
		user := alice
		if i%3 == 0 {
			user = bob
		}
		n := repotest.NewNotification(t, user, notification.TypeSystem, map[string]any{"i": i})
		switch i {
		case 70:
			// made now, its id is newer than Alice's rows before it
			existing := repotest.NewNotification(t, dora, notification.TypeSystem, nil)
			if _, err := repo.Create(ctx, existing); err != nil {
				t.Fatal(err)
			}
			dup := existing.Record()
			dup.UserID = alice
			n = notification.FromStore(dup) // a duplicate inside the 16-row statement
		case 89:
			n = notification.FromStore(rec) // stored read: counted for nobody
		}
		batch = append(batch, &insertReq{n: n, done: make(chan struct{})})
	}
	// Carol has two unread from before and only a read one in the batch: her
	// count comes back unchanged.
	carol := domain.NewID()
	for i := 0; i < 2; i++ {
		if _, err := repo.Create(ctx, repotest.NewNotification(t, carol, notification.TypeSystem, nil)); err != nil {
			t.Fatal(err)
		}
	}
	carols, err := notification.New(notification.Draft{UserID: carol, Type: notification.TypeSystem, Title: "t", Message: "m"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	crec := carols.Record()
	crec.Read, crec.ReadAt = true, &at
	carolReq := &insertReq{n: notification.FromStore(crec), done: make(chan struct{})}
	repo.insertBatch(append(batch, carolReq))
	if carolReq.err != nil || carolReq.unread != 2 {
		t.Fatalf("carol's read one: unread %d, %v (want 2)", carolReq.unread, carolReq.err)
	}

	for i, req := range batch {
		switch {
		case i == 70:
			if !errors.Is(req.err, domain.ErrConflict) {
				t.Fatalf("the duplicate: %v", req.err)
			}
		case req.err != nil:
			t.Fatalf("row %d: %v", i, req.err)
		}
	}
	// Alice: her 60 rows less the duplicate and row
	// 89 (bob's read one). Bob: his 30 rows, unread; the read one is not counted.
	wantAlice, wantBob := 60-2, 30
	for i, req := range batch {
		want := wantAlice
		if req.n.UserID() == bob {
			want = wantBob
		}
		if i != 70 && req.unread != want {
			t.Fatalf("row %d returned unread %d, want %d", i, req.unread, want)
		}
	}
	for user, want := range map[string]int{alice: wantAlice, bob: wantBob} {
		if n, err := repo.UnreadCount(ctx, user); err != nil || n != want {
			t.Fatalf("UnreadCount = %d, %v; want %d", n, err, want)
		}
		page, err := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if user == bob && len(page.Items) != 31 || user == alice && len(page.Items) != 58 {
			t.Fatalf("%d stored for one user", len(page.Items))
		}
	}
}
