package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
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
	// Each row returns its user's count right after it.
	wantAlice, wantBob := 60-2, 30
	running := map[string]int{}
	for i, req := range batch {
		if i == 70 {
			continue
		}
		if !req.n.Read() {
			running[req.n.UserID()]++
		}
		if req.unread != running[req.n.UserID()] {
			t.Fatalf("row %d returned unread %d, want %d", i, req.unread, running[req.n.UserID()])
		}
	}
	if running[alice] != wantAlice || running[bob] != wantBob {
		t.Fatalf("counted %d and %d", running[alice], running[bob])
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

// On the embedded store seqs have no holes: concurrent creates for one user,
// gathered in group-commit batches, get 1..n.
func TestConcurrentCreatesGetGapFreeSeqs(t *testing.T) {
	ctx := context.Background()
	repo := NewNotificationRepository(openTestDB(t))
	user := domain.NewID()
	const n = 64
	seqs := make([]int64, n)
	var wg sync.WaitGroup
	for i := range seqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := repo.Create(ctx, repotest.NewNotification(t, user, notification.TypeSystem, nil))
			if err != nil {
				t.Error(err)
			}
			seqs[i] = c.Notification.Seq()
		}()
	}
	wg.Wait()
	slices.Sort(seqs)
	for i, s := range seqs {
		if s != int64(i+1) {
			t.Fatalf("seqs %v", seqs)
		}
	}
	if h, err := repo.Head(ctx, user); err != nil || h.Seq != n || h.Unread != n {
		t.Fatalf("head %+v, %v", h, err)
	}
}

// In one batch, a reused request key fails only its insert, which takes no
// seq; a keyed insert whose id is moved keeps its key pointing at the final id.
func TestABatchWithRequestKeys(t *testing.T) {
	ctx := context.Background()
	repo := NewNotificationRepository(openTestDB(t))
	user := domain.NewID()
	used := domain.RequestKey{Scope: "notification:x", Key: "used", Hash: "h"}
	if _, err := repo.Create(ctx, repotest.NewNotification(t, user, notification.TypeSystem, nil).WithRequest(used)); err != nil {
		t.Fatal(err)
	}
	older := repotest.NewNotification(t, user, notification.TypeSystem, nil) // made before the batch's first: moved
	fresh := domain.RequestKey{Scope: "notification:x", Key: "fresh", Hash: "h2"}
	batch := []*insertReq{
		{n: repotest.NewNotification(t, user, notification.TypeSystem, nil)},
		{n: repotest.NewNotification(t, user, notification.TypeSystem, nil).WithRequest(used)},
		{n: older.WithRequest(fresh)},
	}
	repo.insertBatch(batch)
	if !errors.Is(batch[1].err, domain.ErrRequestExists) || batch[0].err != nil || batch[2].err != nil {
		t.Fatalf("errors %v, %v, %v", batch[0].err, batch[1].err, batch[2].err)
	}
	if batch[0].n.Seq() != 2 || batch[2].n.Seq() != 3 || batch[2].n.ID() <= batch[0].n.ID() || batch[2].n.ID() == older.ID() {
		t.Fatalf("seqs %d %d, ids %s %s", batch[0].n.Seq(), batch[2].n.Seq(), batch[0].n.ID(), batch[2].n.ID())
	}
	got, hash, err := repo.ByRequest(ctx, fresh.Scope, fresh.Key)
	if err != nil || got.ID() != batch[2].n.ID() || got.Seq() != 3 || hash != "h2" {
		t.Fatalf("by request: %s %d %q, %v", got.ID(), got.Seq(), hash, err)
	}
	if h, _ := repo.Head(ctx, user); h != (notification.Head{Unread: 3, Seq: 3, LastID: batch[2].n.ID(), Exact: true}) {
		t.Fatalf("head %+v", h)
	}
}

// Request keys older than 48 hours go with the notifications' purge.
func TestDeleteOlderThanPurgesOldRequestKeys(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	repo := NewNotificationRepository(db)
	key := domain.RequestKey{Scope: "notification:x", Key: "k", Hash: "h"}
	if _, err := repo.Create(ctx, repotest.NewNotification(t, domain.NewID(), notification.TypeSystem, nil).WithRequest(key)); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.DeleteOlderThan(ctx, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := repo.ByRequest(ctx, key.Scope, key.Key); err != nil {
		t.Fatalf("a fresh key was purged: %v", err)
	}
	if _, err := db.w.ExecContext(ctx, `UPDATE request_keys SET created_at = ?`, Millis(time.Now().Add(-49*time.Hour))); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.DeleteOlderThan(ctx, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := repo.ByRequest(ctx, key.Scope, key.Key); !errors.Is(err, notification.ErrNotFound) {
		t.Fatalf("an old key: %v", err)
	}
}

// Migration 0013 on a store with notifications: every user gets a head at
// its newest id with seq 0 (stored ones keep seq 0, unknown), and the next
// notification gets seq 1 and an id after the newest.
func TestMigrationGivesExistingUsersAHead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := openTestDBAt(t, path)
	repo := NewNotificationRepository(db)
	alice, bob := domain.NewID(), domain.NewID()
	var newest string
	for i := 0; i < 3; i++ {
		c, err := repo.Create(ctx, repotest.NewNotification(t, alice, notification.TypeSystem, nil))
		if err != nil {
			t.Fatal(err)
		}
		newest = c.Notification.ID()
	}
	c, err := repo.Create(ctx, repotest.NewNotification(t, bob, notification.TypeSystem, nil))
	if err != nil {
		t.Fatal(err)
	}
	// Back to the store before 0013, Bob with his one notification read and
	// without a count row (as after 0011 for a user with no unread).
	for _, q := range []string{
		`UPDATE notifications SET read = 1, read_at = 1`,
		`DELETE FROM notification_unread WHERE user_id = '` + bob + `'`,
		`DROP TABLE request_keys`,
		`ALTER TABLE notifications DROP COLUMN seq`,
		`ALTER TABLE notification_unread DROP COLUMN seq`,
		`ALTER TABLE notification_unread DROP COLUMN last_id`,
		`DELETE FROM schema_migrations WHERE version = '0013_notification_seq'`,
	} {
		if _, err := db.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db = openTestDBAt(t, path)
	repo = NewNotificationRepository(db)
	for user, want := range map[string]notification.Head{alice: {Unread: 0, LastID: newest, Exact: true}, bob: {LastID: c.Notification.ID(), Exact: true}} {
		if h, err := repo.Head(ctx, user); err != nil || h != want {
			t.Fatalf("head %+v, %v; want %+v", h, err, want)
		}
	}
	items, err := repo.After(ctx, alice, "", 10)
	if err != nil || len(items) != 3 || items[0].Seq() != 0 {
		t.Fatalf("%d stored, %v", len(items), err)
	}
	rec := items[0].Record()
	rec.ID, rec.Read, rec.ReadAt = domain.NewID(), false, nil
	next, err := repo.Create(ctx, notification.FromStore(rec))
	if err != nil || next.Notification.Seq() != 1 || next.Notification.ID() <= newest || next.Unread != 1 {
		t.Fatalf("next: %+v, %v", next, err)
	}
}

// Migration 0072 on a store of the schema before it (primary key id, the
// (user_id, id, read) index): every notification, read mark, archive, count,
// head and request key is where it was, the schema is a fresh store's, and
// the store goes on (a new notification, the purge, a duplicate id refused).
func TestMigrationOrdersNotificationsByUser(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := openTestDBAt(t, path)
	repo := NewNotificationRepository(db)
	users := []string{domain.NewID(), domain.NewID(), domain.NewID()}
	var stored []notification.Notification
	for i := range 30 {
		n := repotest.NewNotification(t, users[i%3], notification.TypeSystem, nil)
		if i == 4 {
			n = n.WithRequest(domain.RequestKey{Scope: "admin", Key: "k-1", Hash: "h-1"})
		}
		c, err := repo.Create(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, c.Notification)
	}
	at := time.Now().UTC().Truncate(time.Millisecond)
	for i, n := range stored {
		var err error
		switch i % 5 {
		case 1:
			_, err = repo.MarkRead(ctx, n.UserID(), n.ID(), at)
		case 2:
			_, err = repo.Archive(ctx, n.UserID(), n.ID(), at)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	archived := func(repo *NotificationRepository) [][]notification.StoreRecord {
		var out [][]notification.StoreRecord
		for _, u := range users {
			p, err := repo.List(ctx, notification.ListQuery{UserID: u, Archived: true, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, records(p.Items))
		}
		return out
	}
	wantView, wantArchived, wantSchema := storeView(t, repo, users), archived(repo), schema(t, db)
	// Back to the schema before 0072.
	for _, q := range []string{
		`CREATE TABLE notifications_old (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, type TEXT NOT NULL,
			title TEXT NOT NULL, message TEXT NOT NULL, metadata TEXT NOT NULL DEFAULT '{}',
			action_url TEXT NOT NULL DEFAULT '', priority TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
			read INTEGER NOT NULL DEFAULT 0, read_at INTEGER, created_at INTEGER NOT NULL,
			seq INTEGER NOT NULL DEFAULT 0, archived_at INTEGER) WITHOUT ROWID`,
		`INSERT INTO notifications_old SELECT id, user_id, type, title, message, metadata, action_url, priority,
			source, read, read_at, created_at, seq, archived_at FROM notifications ORDER BY id`,
		`DROP TABLE notifications`,
		`ALTER TABLE notifications_old RENAME TO notifications`,
		`CREATE INDEX notifications_user_id_read ON notifications (user_id, id, read)`,
		`CREATE INDEX notifications_created_at ON notifications (created_at)`,
		`CREATE TRIGGER notifications_unread_delete AFTER DELETE ON notifications WHEN OLD.read = 0
		BEGIN UPDATE notification_unread SET count = count - 1 WHERE user_id = OLD.user_id; END`,
		`CREATE TRIGGER notifications_unread_update AFTER UPDATE OF read, user_id ON notifications
			WHEN OLD.read <> NEW.read OR OLD.user_id <> NEW.user_id
		BEGIN
			UPDATE notification_unread SET count = count - 1 WHERE user_id = OLD.user_id AND OLD.read = 0;
			INSERT INTO notification_unread (user_id, count) SELECT NEW.user_id, 1 WHERE NEW.read = 0
				ON CONFLICT (user_id) DO UPDATE SET count = count + 1;
		END`,
		`DELETE FROM schema_migrations WHERE version = '0072_notifications_by_user'`,
	} {
		if _, err := db.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if slices.Equal(schema(t, db), wantSchema) {
		t.Fatal("the old schema is the new one")
	}
	db.Close()
	db = openTestDBAt(t, path)
	repo = NewNotificationRepository(db)
	if got := schema(t, db); !slices.Equal(got, wantSchema) {
		t.Fatalf("schema after the migration:\n%v\nwant\n%v", got, wantSchema)
	}
	if got := storeView(t, repo, users); !reflect.DeepEqual(got, wantView) {
		t.Fatal("after the migration the store answers differently")
	}
	if got := archived(repo); !reflect.DeepEqual(got, wantArchived) {
		t.Fatalf("archived after the migration: %v, want %v", got, wantArchived)
	}
	if n, _, err := repo.ByRequest(ctx, "admin", "k-1"); err != nil || n.ID() != stored[4].ID() {
		t.Fatalf("by request: %v, %v", n.ID(), err)
	}
	// The newest id of all, users[2]'s, sorts after users[0]'s newest: Create
	// keeps it for users[0], and the index of ids refuses it.
	dup := stored[29].Record()
	dup.UserID = users[0]
	if _, err := repo.Create(ctx, notification.FromStore(dup)); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("an id stored again = %v, want ErrConflict", err)
	}
	c, err := repo.Create(ctx, repotest.NewNotification(t, users[1], notification.TypeSystem, nil))
	if err != nil || c.Notification.Seq() != 11 {
		t.Fatalf("next: %+v, %v", c, err)
	}
	if n, err := repo.DeleteOlderThan(ctx, time.Now().Add(time.Hour)); err != nil || n != 31 {
		t.Fatalf("purged %d, %v (want 31)", n, err)
	}
	for _, u := range users {
		if got, err := repo.UnreadCount(ctx, u); err != nil || got != 0 {
			t.Fatalf("unread after the purge: %d, %v", got, err)
		}
	}
}

// The fast path writes a batch of one insert per user in one statement
// fewer, and leaves everything unwritten for the general path when an id
// does not sort after its user's newest or a row is refused.
func TestTheFastPathWritesOrLeavesTheBatchWhole(t *testing.T) {
	ctx := context.Background()
	newer := func(t *testing.T, user string) notification.Notification {
		return repotest.NewNotification(t, user, notification.TypeSystem, nil)
	}
	tests := []struct {
		name string
		// batch builds the batch after storing what it needs on repo
		batch  func(t *testing.T, repo *NotificationRepository) []notification.Notification
		fast   bool
		failed int // the index of the insert the general path then fails, or -1
	}{
		{"new users", func(t *testing.T, repo *NotificationRepository) []notification.Notification {
			return []notification.Notification{newer(t, domain.NewID()), newer(t, domain.NewID())}
		}, true, -1},
		{"users with notifications", func(t *testing.T, repo *NotificationRepository) []notification.Notification {
			a, b := domain.NewID(), domain.NewID()
			for _, u := range []string{a, a, b} {
				if _, err := repo.Create(ctx, newer(t, u)); err != nil {
					t.Fatal(err)
				}
			}
			return []notification.Notification{newer(t, a), newer(t, b)}
		}, true, -1},
		{"an id older than its user's newest", func(t *testing.T, repo *NotificationRepository) []notification.Notification {
			a, b := domain.NewID(), domain.NewID()
			early := newer(t, a)
			if _, err := repo.Create(ctx, newer(t, a)); err != nil {
				t.Fatal(err)
			}
			return []notification.Notification{newer(t, b), early}
		}, false, -1},
		{"an id another user's notification has", func(t *testing.T, repo *NotificationRepository) []notification.Notification {
			other := newer(t, domain.NewID())
			if _, err := repo.Create(ctx, other); err != nil {
				t.Fatal(err)
			}
			dup := other.Record()
			dup.UserID = domain.NewID()
			return []notification.Notification{newer(t, domain.NewID()), notification.FromStore(dup)}
		}, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := NewNotificationRepository(openTestDB(t))
			// a first insert prepares the writer's statements
			if _, err := repo.Create(ctx, newer(t, domain.NewID())); err != nil {
				t.Fatal(err)
			}
			ns := tt.batch(t, repo)
			before := make([]notification.Head, len(ns))
			reqs := make([]*insertReq, len(ns))
			for i, n := range ns {
				h, err := repo.Head(ctx, n.UserID())
				if err != nil {
					t.Fatal(err)
				}
				before[i] = h
				reqs[i] = &insertReq{n: n, done: make(chan struct{})}
			}
			if !fastBatch(reqs) {
				t.Fatal("not a fast batch")
			}
			ok, err := repo.insertFast(ctx, reqs)
			if err != nil || ok != tt.fast {
				t.Fatalf("insertFast = %v, %v; want %v", ok, err, tt.fast)
			}
			if !ok {
				for i, n := range ns { // nothing written
					if h, _ := repo.Head(ctx, n.UserID()); h != before[i] {
						t.Fatalf("head of %d moved to %+v from %+v", i, h, before[i])
					}
				}
				repo.insertBatch(reqs) // the general path
			}
			for i, req := range reqs {
				if i == tt.failed {
					if !errors.Is(req.err, domain.ErrConflict) {
						t.Fatalf("insert %d: %v, want a conflict", i, req.err)
					}
					continue
				}
				h, err := repo.Head(ctx, req.n.UserID())
				if err != nil || req.err != nil {
					t.Fatal(err, req.err)
				}
				want := notification.Head{Unread: before[i].Unread + 1, Seq: before[i].Seq + 1, LastID: req.n.ID(), Exact: true}
				if h != want || req.n.Seq() != want.Seq || req.unread != want.Unread || req.n.ID() <= before[i].LastID {
					t.Fatalf("insert %d: head %+v, seq %d, unread %d; want %+v", i, h, req.n.Seq(), req.unread, want)
				}
			}
		})
	}
}

// The writer's load is inserts a second times a batch's mean write time,
// figured once a period: a writer mostly idle does not gather, a busy one
// does, and a period still running keeps the last whole period's figure.
func TestWriterLoad(t *testing.T) {
	for _, tc := range []struct {
		name         string
		every        time.Duration // between batches
		size         int           // inserts a batch
		took         time.Duration // to write a batch
		want         float64
		wantGathered bool
	}{
		{"1,000/s, one at a time, 150 µs each", time.Millisecond, 1, 150 * time.Microsecond, 0.15, false},
		{"2,500/s, one at a time, 150 µs each", 400 * time.Microsecond, 1, 150 * time.Microsecond, 0.375, false},
		{"4,000/s, one at a time, 150 µs each", 250 * time.Microsecond, 1, 150 * time.Microsecond, 0.6, true},
		{"4,000/s in batches of 4, 300 µs each", time.Millisecond, 4, 300 * time.Microsecond, 1.2, true},
	} {
		var l writerLoad
		start := time.Unix(1_700_000_000, 0)
		now := start
		for now.Sub(start) <= loadPeriod {
			now = now.Add(tc.every)
			l.add(now, tc.size, tc.took)
		}
		if d := l.busyNow - tc.want; d > 0.02 || d < -0.02 {
			t.Errorf("%s: load %.3f, want %.2f", tc.name, l.busyNow, tc.want)
		}
		r := &NotificationRepository{load: l, concurrent: now} // callers overlapping just now
		if got := r.gatherWait(now) > 0; got != tc.wantGathered {
			t.Errorf("%s: gathers = %v, want %v", tc.name, got, tc.wantGathered)
		}
		last := l.busyNow
		l.add(now.Add(time.Millisecond), 1000, time.Second) // within the next period
		if l.busyNow != last {
			t.Errorf("%s: a period still running changed the load to %.3f", tc.name, l.busyNow)
		}
	}
}

// A batch gathers only while callers overlap, the writer is busy and the
// batch is small; longer after a large batch.
func TestGatherWait(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	busy := writerLoad{busyNow: gatherBusy}
	idle := writerLoad{busyNow: gatherBusy / 2}
	for _, tc := range []struct {
		name string
		r    *NotificationRepository
		want time.Duration
	}{
		{"busy, overlapping", &NotificationRepository{load: busy, concurrent: now}, gatherWindow},
		{"busy, overlapping, after a large batch", &NotificationRepository{load: busy, concurrent: now, lastBatch: busyBatch}, 2 * gatherWindow},
		{"mostly idle writer", &NotificationRepository{load: idle, concurrent: now}, 0},
		{"no overlap lately", &NotificationRepository{load: busy, concurrent: now.Add(-concurrentFor)}, 0},
		{"batch already large", &NotificationRepository{load: busy, concurrent: now, pending: make([]*insertReq, gatherEnough)}, 0},
	} {
		if got := tc.r.gatherWait(now); got != tc.want {
			t.Errorf("%s: gatherWait = %v, want %v", tc.name, got, tc.want)
		}
	}
}
