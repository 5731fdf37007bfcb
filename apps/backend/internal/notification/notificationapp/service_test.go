package notificationapp_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// recorder is a Publisher that keeps what it was given.
type recorder struct {
	mu     sync.Mutex
	events []notificationapp.Event
}

func (r *recorder) Publish(_ context.Context, e notificationapp.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

func (r *recorder) kinds() []notificationapp.EventKind {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []notificationapp.EventKind
	for _, e := range r.events {
		out = append(out, e.Kind)
	}
	return out
}

func (r *recorder) last(kind notificationapp.EventKind) (notificationapp.Event, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.events) - 1; i >= 0; i-- {
		if r.events[i].Kind == kind {
			return r.events[i], true
		}
	}
	return notificationapp.Event{}, false
}

// lastCount is the unread count announced last: by an unread-count event or
// with a change.
func (r *recorder) lastCount() (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.events) - 1; i >= 0; i-- {
		switch e := r.events[i]; {
		case e.Kind == notificationapp.KindUnreadCount:
			return e.Count, true
		case e.Unread != nil:
			return *e.Unread, true
		}
	}
	return 0, false
}

// failingRepo fails every Create.
type failingRepo struct{ notification.Repository }

func (failingRepo) Create(context.Context, notification.Notification) (notification.Created, error) {
	return notification.Created{}, errors.New("disk full")
}

func newRepo(t testing.TB) notification.Repository {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return sqlite.NewNotificationRepository(db)
}

func draft(user string) notification.Draft {
	return notification.Draft{UserID: user, Type: notification.TypeNewMessage, Title: "notification.newMessage.title",
		Message: "notification.newMessage.body", Metadata: map[string]any{"conversationWith": "peer"}, Source: "messaging"}
}

func TestCreatePersistsThenPublishesItAndTheCount(t *testing.T) {
	rec := &recorder{}
	repo := newRepo(t)
	svc := notificationapp.NewService(repo, rec, notificationapp.Options{})
	user := domain.NewID()
	n, err := svc.Create(context.Background(), draft(user))
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.kinds(); !slices.Equal(got, []notificationapp.EventKind{notificationapp.KindNotification}) {
		t.Fatalf("published %v", got)
	}
	e, _ := rec.last(notificationapp.KindNotification)
	if e.UserID != user || e.Notification.ID() != n.ID() {
		t.Fatalf("%+v", e)
	}
	if e.Unread == nil || *e.Unread != 1 {
		t.Fatalf("the notification's event carries the count %v, want 1", e.Unread)
	}
	if page, _ := repo.List(context.Background(), notification.ListQuery{UserID: user, Limit: 5}); len(page.Items) != 1 {
		t.Fatal("not stored")
	}
}

func TestWhatFailedToPersistIsNeverPublished(t *testing.T) {
	rec := &recorder{}
	svc := notificationapp.NewService(failingRepo{}, rec, notificationapp.Options{})
	if _, err := svc.Create(context.Background(), draft(domain.NewID())); err == nil {
		t.Fatal("no error")
	}
	if _, err := svc.Create(context.Background(), notification.Draft{UserID: "x"}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("invalid draft: %v", err)
	}
	if len(rec.kinds()) != 0 {
		t.Fatalf("published %v", rec.kinds())
	}
}

func TestReadChangesPublishReadAndCount(t *testing.T) {
	ctx := context.Background()
	rec := &recorder{}
	svc := notificationapp.NewService(newRepo(t), rec, notificationapp.Options{})
	user := domain.NewID()
	a, _ := svc.Create(ctx, draft(user))
	b, _ := svc.Create(ctx, draft(user))
	other := draft(user)
	other.Metadata = map[string]any{"conversationWith": "someone else"}
	c, _ := svc.Create(ctx, other)
	rec.events = nil

	if err := svc.MarkRead(ctx, user, a.ID()); err != nil {
		t.Fatal(err)
	}
	if e, _ := rec.last(notificationapp.KindRead); !slices.Equal(e.ReadIDs, []string{a.ID()}) {
		t.Fatalf("read %+v", e)
	}
	if n, ok := rec.lastCount(); !ok || n != 2 {
		t.Fatalf("count %d, %v", n, ok)
	}
	rec.events = nil
	if err := svc.MarkRead(ctx, user, a.ID()); err != nil { // no change: nothing published
		t.Fatal(err)
	}
	if err := svc.MarkRead(ctx, domain.NewID(), b.ID()); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("another user's: %v", err)
	}
	if len(rec.kinds()) != 0 {
		t.Fatalf("published %v", rec.kinds())
	}

	ids, err := svc.MarkMatchingRead(ctx, notification.Match{UserID: user, Type: notification.TypeNewMessage,
		MetadataKey: "conversationWith", Value: "peer"})
	if err != nil || !slices.Equal(ids, []string{b.ID()}) {
		t.Fatalf("matching %v %v", ids, err)
	}
	if e, _ := rec.last(notificationapp.KindRead); !slices.Equal(e.ReadIDs, []string{b.ID()}) {
		t.Fatalf("read %+v", e)
	}
	if n, ok := rec.lastCount(); !ok || n != 1 {
		t.Fatalf("count %d, %v", n, ok)
	}
	if err := svc.MarkAllRead(ctx, user); err != nil {
		t.Fatal(err)
	}
	if e, _ := rec.last(notificationapp.KindRead); !e.ReadAll {
		t.Fatalf("read-all %+v", e)
	}
	if n, ok := rec.lastCount(); !ok || n != 0 {
		t.Fatalf("count %d, %v", n, ok)
	}
	if err := svc.Delete(ctx, user, c.ID()); err != nil {
		t.Fatal(err)
	}
	if e, ok := rec.last(notificationapp.KindDeleted); !ok || !slices.Equal(e.DeletedIDs, []string{c.ID()}) || e.Unread == nil || *e.Unread != 0 {
		t.Fatalf("delete event %+v", e)
	}
}

// TestPublishOrderFollowsIDOrderPerUser: concurrent creates for one user are
// published in id order, which makes Last-Event-ID a safe replay point.
func TestPublishOrderFollowsIDOrderPerUser(t *testing.T) {
	rec := &recorder{}
	svc := notificationapp.NewService(newRepo(t), rec, notificationapp.Options{})
	user := domain.NewID()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := svc.Create(context.Background(), draft(user)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var ids []string
	for _, e := range rec.events {
		if e.Kind == notificationapp.KindNotification {
			ids = append(ids, e.Notification.ID())
		}
	}
	if len(ids) != 50 || !slices.IsSorted(ids) {
		t.Fatalf("published out of order: %v", ids)
	}
	if n, _ := rec.lastCount(); n != 50 {
		t.Fatalf("the last count published is %d", n)
	}
}

func TestPurgeRemovesWhatIsOlderThanTheTTL(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	repo := newRepo(t)
	clock := func() time.Time { return now }
	svc := notificationapp.NewService(repo, &recorder{}, notificationapp.Options{Now: clock})
	purge := notificationapp.NewPurgeNotificationsHandler(repo, time.Hour, clock)
	user := domain.NewID()
	if _, err := svc.Create(ctx, draft(user)); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Hour)
	fresh, _ := svc.Create(ctx, draft(user))
	if n, err := purge.Handle(ctx, notificationapp.PurgeNotifications{}); err != nil || n != 1 {
		t.Fatalf("purged %d, %v", n, err)
	}
	page, _ := notificationapp.NewListNotificationsHandler(repo).Handle(ctx, notificationapp.ListNotifications{Query: notification.ListQuery{UserID: user}})
	if len(page.Items) != 1 || page.Items[0].ID() != fresh.ID() {
		t.Fatal("the wrong one was purged")
	}
}

// BenchmarkCreateOnSQLite is Create with persistence on the embedded store
// (group commit) from 64 concurrent callers, as the messaging and alarm use
// cases call it.
func BenchmarkCreateOnSQLite(b *testing.B) {
	benchCreate(b, notificationapp.NewService(newRepo(b), nopPublisher{}, notificationapp.Options{}), benchUsers())
}

func benchUsers() []string {
	users := make([]string, 1000)
	for i := range users {
		users[i] = domain.NewID()
	}
	return users
}

func benchCreate(b *testing.B, svc *notificationapp.Service, users []string) {
	b.SetParallelism(32) // × GOMAXPROCS callers
	b.ResetTimer()
	var i atomicCounter
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := svc.Create(context.Background(), draft(users[i.next()%len(users)])); err != nil {
				b.Error(err)
			}
		}
	})
	b.StopTimer()
}

type nopPublisher struct{}

func (nopPublisher) Publish(context.Context, notificationapp.Event) error { return nil }

type atomicCounter struct {
	mu sync.Mutex
	n  int
}

func (c *atomicCounter) next() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return c.n
}
