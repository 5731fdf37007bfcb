package notificationapp_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

func TestCreateBatchPersistsEachThenPublishesInOrder(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	repo := newRepo(t)
	svc := notificationapp.NewService(repo, rec, notificationapp.Options{})
	ana, bea := domain.NewID(), domain.NewID()
	bad := draft(ana)
	bad.Title = " "
	drafts := []notification.Draft{draft(ana), draft(bea), bad, draft(ana), {UserID: "nobody"}, draft(ana)}
	res, err := svc.CreateBatch(ctx, drafts, nil)
	if err != nil {
		t.Fatal(err)
	}
	var fe *domain.FieldError
	if !errors.As(res[2].Err, &fe) || fe.Field != "title" {
		t.Fatalf("blank title: %v", res[2].Err)
	}
	if !errors.As(res[4].Err, &fe) || fe.Field != "userId" {
		t.Fatalf("bad user: %v", res[4].Err)
	}
	stored := []int{0, 1, 3, 5}
	rec.mu.Lock()
	events := rec.events
	rec.mu.Unlock()
	if len(events) != len(stored) {
		t.Fatalf("%d events for %d stored", len(events), len(stored))
	}
	wantUnread := []int{1, 1, 2, 3}
	for k, i := range stored {
		r, e := res[i], events[k]
		if r.Err != nil || r.Replayed {
			t.Fatalf("item %d: %v replayed %v", i, r.Err, r.Replayed)
		}
		if e.Kind != notificationapp.KindNotification || e.Notification.ID() != r.Notification.ID() || e.UserID != drafts[i].UserID ||
			e.Unread == nil || *e.Unread != wantUnread[k] {
			t.Fatalf("event %d: %+v (unread %v, want %d)", k, e, e.Unread, wantUnread[k])
		}
	}
	if n, _ := repo.UnreadCount(ctx, ana); n != 3 {
		t.Fatalf("ana has %d stored", n)
	}
	if _, err := svc.CreateBatch(ctx, make([]notification.Draft, notification.MaxBatch+1), nil); !isField(err, "items") {
		t.Fatalf("too many: %v", err)
	}
	if _, err := svc.CreateBatch(ctx, nil, nil); !isField(err, "items") {
		t.Fatalf("none: %v", err)
	}
}

func TestCreateBatchUnderAKeyCreatesOnce(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	repo := newRepo(t)
	svc := notificationapp.NewService(repo, rec, notificationapp.Options{})
	user := domain.NewID()
	key := domain.RequestKey{Scope: "notification-batch:" + domain.NewID(), Key: "run-7", Hash: "h1"}
	bad := draft(user)
	bad.Type = "NOPE"
	drafts := []notification.Draft{bad, draft(user), draft(user)}
	first, err := svc.CreateBatch(ctx, drafts, &key)
	if err != nil || first[1].Err != nil || first[2].Err != nil || first[0].Err == nil {
		t.Fatalf("first: %+v, %v", first, err)
	}
	published := len(rec.kinds())
	again, err := svc.CreateBatch(ctx, drafts, &key)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 3; i++ {
		if again[i].Err != nil || !again[i].Replayed || again[i].Notification.ID() != first[i].Notification.ID() {
			t.Fatalf("retry item %d: %+v", i, again[i])
		}
	}
	if !isField(again[0].Err, "type") || again[0].Replayed {
		t.Fatalf("the invalid item on retry: %+v", again[0])
	}
	if len(rec.kinds()) != published {
		t.Fatal("a retry published again")
	}
	other := key
	other.Hash = "h2"
	if _, err := svc.CreateBatch(ctx, drafts, &other); !errors.Is(err, notificationapp.ErrRequestKeyReused) {
		t.Fatalf("another request under the key: %v", err)
	}
	if n, _ := repo.UnreadCount(ctx, user); n != 2 {
		t.Fatalf("%d stored, want 2", n)
	}
	long := key
	long.Key = string(make([]byte, 201))
	if _, err := svc.CreateBatch(ctx, drafts, &long); !isField(err, "Idempotency-Key") {
		t.Fatalf("a bad key: %v", err)
	}
}

func TestCreateManySplitsIntoBatches(t *testing.T) {
	rec := &recorder{}
	svc := notificationapp.NewService(newRepo(t), rec, notificationapp.Options{})
	drafts := make([]notification.Draft, notification.MaxBatch+3)
	for i := range drafts {
		drafts[i] = draft(domain.NewID())
	}
	drafts[notification.MaxBatch+1].Type = ""
	errs := svc.CreateMany(context.Background(), drafts)
	for i, err := range errs {
		if (err != nil) != (i == notification.MaxBatch+1) {
			t.Fatalf("draft %d: %v", i, err)
		}
	}
	if got := len(rec.kinds()); got != len(drafts)-1 {
		t.Fatalf("%d published", got)
	}
}

func isField(err error, field string) bool {
	var fe *domain.FieldError
	return errors.As(err, &fe) && fe.Field == field
}

// BenchmarkCreateBatchOnSQLite is the batch path for 500 drafts to 500
// users: validation, one CreateMany, 500 publishes (to a publisher that
// drops them); ns/op is per batch.
func BenchmarkCreateBatchOnSQLite(b *testing.B) {
	svc := notificationapp.NewService(newRepo(b), nopPublisher{}, notificationapp.Options{})
	drafts := make([]notification.Draft, 500)
	for i := range drafts {
		drafts[i] = draft(domain.NewID())
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := svc.CreateBatch(context.Background(), drafts, nil)
		if err != nil || res[len(res)-1].Err != nil {
			b.Fatal(err)
		}
	}
}
