package notificationapp_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/account/knownusers"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// publishFixture is a real SQLite store with one account (Ana), and the
// notification Service over it publishing to a recorder.
type publishFixture struct {
	users *sqlite.UserRepository
	repo  *sqlite.NotificationRepository
	rec   *recorder
	svc   *notificationapp.Service
	ana   user.User
}

func newPublishFixture(t *testing.T) publishFixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := publishFixture{users: sqlite.NewUserRepository(db), repo: sqlite.NewNotificationRepository(db), rec: &recorder{}}
	f.svc = notificationapp.NewService(f.repo, f.rec, notificationapp.Options{})
	if f.ana, err = user.New("ana@example.com", "Ana", "Ana Ltd", "hash", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.users.Create(ctx, f.ana); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestPublishNotification(t *testing.T) {
	ctx := context.Background()
	f := newPublishFixture(t)
	users, repo, rec, svc, ana := f.users, f.repo, f.rec, f.svc, f.ana
	publish := notificationapp.NewPublishNotificationHandler(knownusers.Store{Users: users}, svc)
	cmd := func(userID, key string) notificationapp.PublishNotification {
		d := draft(userID)
		d.Type, d.Source = notification.TypeSystem, "someone else"
		return notificationapp.PublishNotification{Draft: d, RequestKey: domain.RequestKey{Scope: "notification:admin", Key: key, Hash: "h"}}
	}

	tests := []struct {
		name     string
		cmd      notificationapp.PublishNotification
		want     error
		replayed bool
	}{
		{"not an id", cmd("nope", ""), domain.ErrInvalid, false},
		{"no such account", cmd(domain.NewID(), ""), user.ErrNotFound, false},
		{"published", cmd(ana.ID(), ""), nil, false},
		{"with a key", cmd(ana.ID(), "k"), nil, false},
		{"a retry under the key", cmd(ana.ID(), "k"), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := publish.Handle(ctx, tt.cmd)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if err != nil {
				return
			}
			if res.Replayed != tt.replayed || res.Notification.Record().Source != "admin" || res.Notification.UserID() != ana.ID() {
				t.Fatalf("%+v", res)
			}
		})
	}
	// Refused publishes wrote nothing: two created, the retry returned the second.
	if n, err := repo.UnreadCount(ctx, ana.ID()); err != nil || n != 2 {
		t.Fatalf("unread %d, %v", n, err)
	}
	if got := len(rec.kinds()); got != 2 {
		t.Fatalf("%d events published, want 2: %v", got, rec.kinds())
	}
}

func TestPublishNotificationBatchChecksEachTarget(t *testing.T) {
	ctx := context.Background()
	f := newPublishFixture(t)
	users, repo, rec, svc, ana := f.users, f.repo, f.rec, f.svc, f.ana
	batch := notificationapp.NewPublishNotificationBatchHandler(knownusers.Store{Users: users}, svc)

	unknown := domain.NewID()
	drafts := []notification.Draft{draft(ana.ID()), draft(unknown), draft("nope"), draft(ana.ID())}
	res, err := batch.Handle(ctx, notificationapp.PublishNotificationBatch{Drafts: drafts})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(drafts) {
		t.Fatalf("%d results for %d drafts", len(res), len(drafts))
	}
	if !errors.Is(res[1].Err, user.ErrNotFound) {
		t.Fatalf("unknown target: %v", res[1].Err)
	}
	if !isField(res[2].Err, "userId") {
		t.Fatalf("malformed target: %v", res[2].Err)
	}
	for _, i := range []int{0, 3} {
		r := res[i]
		if r.Err != nil || r.Notification.UserID() != ana.ID() || r.Notification.Record().Source != "admin" {
			t.Fatalf("item %d: %+v", i, r)
		}
	}
	if res[0].Notification.ID() >= res[3].Notification.ID() {
		t.Fatalf("items stored out of order: %s, %s", res[0].Notification.ID(), res[3].Notification.ID())
	}
	// The refused items wrote and published nothing.
	if n, err := repo.UnreadCount(ctx, ana.ID()); err != nil || n != 2 {
		t.Fatalf("unread %d, %v", n, err)
	}
	if n, _ := repo.UnreadCount(ctx, unknown); n != 0 {
		t.Fatalf("the unknown target has %d", n)
	}
	if got := len(rec.kinds()); got != 2 {
		t.Fatalf("%d events published, want 2: %v", got, rec.kinds())
	}

	// Every target unknown: nothing reaches the NotificationService.
	res, err = batch.Handle(ctx, notificationapp.PublishNotificationBatch{Drafts: []notification.Draft{draft(unknown)}})
	if err != nil || len(res) != 1 || !errors.Is(res[0].Err, user.ErrNotFound) {
		t.Fatalf("%+v, %v", res, err)
	}
}
