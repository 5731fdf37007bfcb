package notificationapp_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// countingRepo counts the writes of a real store.
type countingRepo struct {
	notification.Repository
	creates atomic.Int64
}

func (r *countingRepo) Create(ctx context.Context, n notification.Notification) (notification.Created, error) {
	r.creates.Add(1)
	return r.Repository.Create(ctx, n)
}

// countingPrefs counts the reads of a real preference store.
type countingPrefs struct {
	notification.PreferenceRepository
	reads atomic.Int64
}

func (r *countingPrefs) Preferences(ctx context.Context, userID string) (notification.Preferences, error) {
	r.reads.Add(1)
	return r.PreferenceRepository.Preferences(ctx, userID)
}

func openStores(t testing.TB) (*countingRepo, *countingPrefs) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &countingRepo{Repository: sqlite.NewNotificationRepository(db)},
		&countingPrefs{PreferenceRepository: sqlite.NewNotificationPreferenceRepository(db)}
}

func mute(t testing.TB, prefs notification.PreferenceRepository, userID string, typ notification.Type) {
	t.Helper()
	p, err := notification.NewPreferences(userID, map[notification.Type]notification.TypePreference{typ: {Desktop: true}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := prefs.SavePreferences(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

func TestAMutedTypeIsNeitherWrittenNorPublished(t *testing.T) {
	repo, prefs := openStores(t)
	rec := &recorder{}
	svc := notificationapp.NewService(repo, rec, notificationapp.Options{Preferences: notificationapp.NewPreferenceCache(prefs, time.Minute, 0)})
	user := domain.NewID()
	mute(t, prefs, user, notification.TypeNewMessage)

	cases := []struct {
		name    string
		typ     notification.Type
		prio    notification.Priority
		created bool
	}{
		{"muted NORMAL", notification.TypeNewMessage, notification.PriorityNormal, false},
		{"muted, default priority", notification.TypeNewMessage, "", false},
		{"muted LOW", notification.TypeNewMessage, notification.PriorityLow, false},
		{"muted but HIGH", notification.TypeNewMessage, notification.PriorityHigh, true},
		{"muted but URGENT", notification.TypeNewMessage, notification.PriorityUrgent, true},
		{"another type", notification.TypeContactRequest, notification.PriorityNormal, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, published := repo.creates.Load(), len(rec.kinds())
			d := draft(user)
			d.Type, d.Priority = c.typ, c.prio
			n, err := svc.Create(context.Background(), d)
			if err != nil {
				t.Fatal(err)
			}
			wrote, heard := repo.creates.Load()-before, len(rec.kinds())-published
			if c.created && (n.ID() == "" || wrote != 1 || heard != 1) {
				t.Fatalf("id %q, %d writes, %d events; want it created and published", n.ID(), wrote, heard)
			}
			if !c.created && (n.ID() != "" || wrote != 0 || heard != 0) {
				t.Fatalf("id %q, %d writes, %d events; want nothing", n.ID(), wrote, heard)
			}
		})
	}
	if got := prefs.reads.Load(); got != 1 {
		t.Fatalf("%d preference reads for %d notifications, want 1 (cached)", got, len(cases))
	}
}

func TestCreateOnceRespectsPreferences(t *testing.T) {
	repo, prefs := openStores(t)
	svc := notificationapp.NewService(repo, nopPublisher{}, notificationapp.Options{Preferences: notificationapp.NewPreferenceCache(prefs, time.Minute, 0)})
	user := domain.NewID()
	mute(t, prefs, user, notification.TypeNewMessage)
	n, replayed, err := svc.CreateOnce(context.Background(), draft(user), domain.RequestKey{Scope: "s", Key: "k", Hash: "h"})
	if err != nil || replayed || n.ID() != "" || repo.creates.Load() != 0 {
		t.Fatalf("id %q replayed %v err %v writes %d", n.ID(), replayed, err, repo.creates.Load())
	}
}

// BenchmarkCreateOnSQLiteWithPreferences is BenchmarkCreateOnSQLite with the
// preference check on the path (every user has stored preferences, the type
// is not muted, the cache is warm as it is in steady state): compare the two
// in one sitting.
func BenchmarkCreateOnSQLiteWithPreferences(b *testing.B) {
	repo, prefs := openStores(b)
	svc := notificationapp.NewService(repo, nopPublisher{}, notificationapp.Options{Preferences: notificationapp.NewPreferenceCache(prefs, time.Minute, 0)})
	users := benchUsers()
	for _, u := range users {
		mute(b, prefs, u, notification.TypeContactRequest)
		n, err := notification.New(draft(u), time.Now())
		if err != nil {
			b.Fatal(err)
		}
		svc.Delivers(context.Background(), n) // warm: the steady state reads the store once per user per TTL
	}
	benchCreate(b, svc, users)
}

// BenchmarkDelivers is the preference check alone on a cache hit: what the
// publish path adds per notification.
func BenchmarkDelivers(b *testing.B) {
	_, prefs := openStores(b)
	svc := notificationapp.NewService(nil, nopPublisher{}, notificationapp.Options{Preferences: notificationapp.NewPreferenceCache(prefs, time.Hour, 0)})
	user := domain.NewID()
	mute(b, prefs, user, notification.TypeContactRequest)
	n, err := notification.New(draft(user), time.Now())
	if err != nil {
		b.Fatal(err)
	}
	svc.Delivers(context.Background(), n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !svc.Delivers(context.Background(), n) {
			b.Fatal("muted")
		}
	}
}
