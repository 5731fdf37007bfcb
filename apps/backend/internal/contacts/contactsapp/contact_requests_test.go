package contactsapp_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/contacts/contactsapp"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

type fakeNotifier struct {
	mu     sync.Mutex
	drafts []notification.Draft
	err    error
}

func (f *fakeNotifier) Create(_ context.Context, d notification.Draft) (notification.Notification, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.drafts = append(f.drafts, d)
	if f.err != nil {
		return notification.Notification{}, f.err
	}
	return notification.New(d, time.Now())
}

func (f *fakeNotifier) count(typ notification.Type) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, d := range f.drafts {
		if d.Type == typ {
			n++
		}
	}
	return n
}

type failingReader struct{ calls int }

func (f *failingReader) MarkMatchingRead(context.Context, notification.Match) ([]string, error) {
	f.calls++
	return nil, errors.New("notification store down")
}

type fixture struct {
	send     *contactsapp.SendContactRequestHandler
	accept   *contactsapp.AcceptContactRequestHandler
	notifier *fakeNotifier
	reader   *failingReader
	users    *sqlite.UserRepository
	contacts *sqlite.ContactRepository
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{notifier: &fakeNotifier{}, reader: &failingReader{},
		users: sqlite.NewUserRepository(db), contacts: sqlite.NewContactRepository(db)}
	d := contactsapp.NewDeps(f.contacts, f.users, f.notifier, f.reader, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f.send, f.accept = contactsapp.NewSendContactRequestHandler(d), contactsapp.NewAcceptContactRequestHandler(d)
	return f
}

func (f *fixture) user(t *testing.T, name string) user.User {
	t.Helper()
	u := repotest.NewUser(t, name)
	if err := f.users.Create(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestNotificationFailuresNeverUndoTheChange(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ana, ben := f.user(t, "ana"), f.user(t, "ben")
	f.notifier.err = errors.New("notification store down")

	v, err := f.send.Handle(ctx, contactsapp.SendContactRequest{RequesterID: ana.ID(), Email: ben.Email()})
	if err != nil {
		t.Fatalf("a failed notification failed the request: %v", err)
	}
	if stored, err := f.contacts.RequestByID(ctx, v.Request.ID()); err != nil || stored.Status() != contact.StatusPending {
		t.Fatalf("request not stored: %v", err)
	}
	acc, err := f.accept.Handle(ctx, contactsapp.AcceptContactRequest{UserID: ben.ID(), RequestID: v.Request.ID()})
	if err != nil || acc.Request.Status() != contact.StatusAccepted || acc.Request.RespondedAt() == nil {
		t.Fatalf("accept with failing notifications: %+v, %v", acc.Request.Record(), err)
	}
	if ok, _ := f.contacts.AreContacts(ctx, ana.ID(), ben.ID()); !ok {
		t.Fatal("not contacts after accepting")
	}
	if f.notifier.count(notification.TypeContactRequest) != 1 || f.notifier.count(notification.TypeContactAccepted) != 1 || f.reader.calls != 1 {
		t.Fatalf("notifications tried: %+v, reader calls %d", f.notifier.drafts, f.reader.calls)
	}
}

func TestConcurrentAcceptsNotifyOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ana, ben := f.user(t, "ana"), f.user(t, "ben")
	v, err := f.send.Handle(ctx, contactsapp.SendContactRequest{RequesterID: ana.ID(), Email: ben.Email()})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.accept.Handle(ctx, contactsapp.AcceptContactRequest{UserID: ben.ID(), RequestID: v.Request.ID()}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := f.notifier.count(notification.TypeContactAccepted); n != 1 {
		t.Fatalf("%d CONTACT_ACCEPTED notifications", n)
	}
}

func TestInactiveAndUnknownAccountsLookTheSame(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ana := f.user(t, "ana")
	u := repotest.NewUser(t, "gone")
	gone := user.FromStore(u.ID(), u.Email(), u.Name(), "", "hash", false, u.CreatedAt())
	if err := f.users.Create(ctx, gone); err != nil {
		t.Fatal(err)
	}
	_, errInactive := f.send.Handle(ctx, contactsapp.SendContactRequest{RequesterID: ana.ID(), Email: gone.Email()})
	_, errUnknown := f.send.Handle(ctx, contactsapp.SendContactRequest{RequesterID: ana.ID(), Email: "nobody@example.com"})
	if !errors.Is(errInactive, domain.ErrNotFound) || errInactive.Error() != errUnknown.Error() {
		t.Fatalf("inactive: %v; unknown: %v", errInactive, errUnknown)
	}
	if len(f.notifier.drafts) != 0 {
		t.Fatal("notified about a refused request")
	}
}
