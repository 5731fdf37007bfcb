package fleetapp

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fakeNotifier records drafts and makes notifications of them.
type fakeNotifier struct {
	mu      sync.Mutex
	drafts  []notification.Draft
	batches int // CreateMany calls
}

func (n *fakeNotifier) Create(_ context.Context, d notification.Draft) (notification.Notification, error) {
	nt, err := notification.New(d, time.Now())
	if err != nil {
		return notification.Notification{}, err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.drafts = append(n.drafts, d)
	return nt, nil
}

// CreateMany records each draft as Create does, and counts the batches.
func (n *fakeNotifier) CreateMany(ctx context.Context, ds []notification.Draft) []error {
	errs := make([]error, len(ds))
	for i, d := range ds {
		_, errs[i] = n.Create(ctx, d)
	}
	n.mu.Lock()
	n.batches++
	n.mu.Unlock()
	return errs
}

func (n *fakeNotifier) all() []notification.Draft {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]notification.Draft(nil), n.drafts...)
}

func (n *fakeNotifier) reset() { n.mu.Lock(); n.drafts = nil; n.mu.Unlock() }

// fakeContacts holds symmetric pairs.
type fakeContacts map[[2]string]bool

func (f fakeContacts) add(a, b string) { f[[2]string{a, b}] = true; f[[2]string{b, a}] = true }
func (f fakeContacts) AreContacts(_ context.Context, a, b string) (bool, error) {
	return f[[2]string{a, b}], nil
}

// fakeUsers knows users by id.
type fakeUsers map[string]user.User

func (f fakeUsers) ByID(_ context.Context, id string) (user.User, error) {
	u, ok := f[id]
	if !ok {
		return user.User{}, user.ErrNotFound
	}
	return u, nil
}

// fixture is the fleet use cases on a real SQLite store, with fake ports.
type fixture struct {
	db       *sqlite.DB
	clock    *fakeClock
	notifier *fakeNotifier
	contacts fakeContacts
	users    fakeUsers
	alarms   *CheckMaintenanceAlarmsHandler
	machines *Deps
	plans    *Deps
	checks   *AddQuickCheckHandler
}

var t0 = time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "fleet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{db: db, clock: &fakeClock{now: t0}, notifier: &fakeNotifier{}, contacts: fakeContacts{}, users: fakeUsers{}}
	f.alarms = f.newAlarms(2) // tiny pages: every walk crosses page boundaries
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.machines = NewDeps(sqlite.NewMachineRepository(db), sqlite.NewMaintenanceRepository(db),
		sqlite.NewQuickCheckRepository(db), f.contacts, f.alarms, f.clock, log)
	f.plans = f.machines // the plan use cases share the fleet Deps
	f.checks = NewAddQuickCheckHandler(f.machines, sqlite.NewQuickCheckRepository(db), f.users, f.notifier, f.clock, log)
	return f
}

// newAlarms builds another CheckMaintenanceAlarmsHandler instance on the same store
// (as a second server process would).
func (f *fixture) newAlarms(pageSize int) *CheckMaintenanceAlarmsHandler {
	return NewCheckMaintenanceAlarmsHandler(sqlite.NewMaintenanceRepository(f.db), sqlite.NewMachineRepository(f.db), f.notifier,
		f.contacts, f.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), pageSize)
}

func (f *fixture) user(t testing.TB, name string) string {
	t.Helper()
	u, err := user.New(name+"."+domain.NewID()[24:]+"@example.com", name, "", "hash", t0)
	if err != nil {
		t.Fatal(err)
	}
	f.users[u.ID()] = u
	return u.ID()
}
