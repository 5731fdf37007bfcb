package sqlite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// seedSet is n notifications for users, round robin, created a second
// apart from start (ids rising with them), every readEvery-th one read.
func seedSet(t testing.TB, users []string, n, readEvery int, start time.Time) []notification.Notification {
	t.Helper()
	out := make([]notification.Notification, 0, n)
	for i := range n {
		at := start.Add(time.Duration(i) * time.Second)
		d := notification.Draft{UserID: users[i%len(users)], Type: notification.TypeSystem, Title: "seed.title",
			Message: fmt.Sprintf("seed %d", i), Metadata: map[string]any{"i": float64(i)}, Source: "test"}
		made, err := notification.New(d, at)
		if err != nil {
			t.Fatal(err)
		}
		rec := made.Record()
		if readEvery > 0 && i%readEvery == 0 {
			readAt := at.Add(time.Minute).UTC().Truncate(time.Millisecond)
			rec.Read, rec.ReadAt = true, &readAt
		}
		out = append(out, notification.FromStore(rec))
	}
	return out
}

// fillThroughCreate stores ns as the API does: Create (unread), then
// MarkRead for the read ones.
func fillThroughCreate(t *testing.T, repo *NotificationRepository, ns []notification.Notification) {
	t.Helper()
	ctx := context.Background()
	for _, n := range ns {
		rec := n.Record()
		rec.Read, rec.ReadAt = false, nil
		if _, err := repo.Create(ctx, notification.FromStore(rec)); err != nil {
			t.Fatal(err)
		}
		if n.Read() {
			if _, err := repo.MarkRead(ctx, n.UserID(), n.ID(), *n.Record().ReadAt); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// storeView is everything a client can read of users' notifications: every
// inbox page (all, and unread only), the unread counts, the heads and the
// replay after each of a user's ids.
func storeView(t *testing.T, repo *NotificationRepository, users []string) map[string]any {
	t.Helper()
	ctx := context.Background()
	view := map[string]any{}
	for _, u := range users {
		for _, status := range []notification.Status{"", notification.StatusUnread} {
			var pages [][]notification.StoreRecord
			cursor := ""
			for {
				p, err := repo.List(ctx, notification.ListQuery{UserID: u, Status: status, Limit: 20, Cursor: cursor})
				if err != nil {
					t.Fatal(err)
				}
				pages = append(pages, records(p.Items))
				if cursor = p.NextCursor; cursor == "" {
					break
				}
			}
			view[u+" pages "+string(status)] = pages
		}
		count, err := repo.UnreadCount(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		head, err := repo.Head(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		view[u+" count"], view[u+" head"] = count, head
		all, err := repo.After(ctx, u, "", 10_000)
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range all {
			if i%7 != 0 {
				continue
			}
			after, err := repo.After(ctx, u, n.ID(), 5)
			if err != nil {
				t.Fatal(err)
			}
			view[u+" after "+n.ID()] = records(after)
		}
	}
	return view
}

func records(ns []notification.Notification) []notification.StoreRecord {
	out := make([]notification.StoreRecord, len(ns))
	for i, n := range ns {
		out[i] = n.Record()
	}
	return out
}

// schema is the store's schema as SQLite keeps it.
func schema(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.w.Query(`SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_schema ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// A seeded store answers every inbox page, unread count, head and replay as
// one filled through Create and MarkRead does, has the same schema, and
// purges the same; several transactions and a short last statement included.
func TestSeedLeavesTheStoreThatCreateAndMarkReadWould(t *testing.T) {
	ctx := context.Background()
	users := []string{domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()}
	cutoff := time.Now().Add(-24 * time.Hour)
	// Before the seed, both stores hold the same few of users[0]'s and
	// users[1]'s: the seed goes on from their heads.
	before := seedSet(t, users[:2], 5, 2, cutoff.Add(-48*time.Hour))
	// 700 more: the first 300 older than the cutoff; every third read.
	ns := append(seedSet(t, users[:3], 300, 3, cutoff.Add(-10*time.Hour)), seedSet(t, users, 400, 3, cutoff.Add(time.Hour))...)

	apiDB, seedDB := openTestDB(t), openTestDB(t)
	api, seeded := NewNotificationRepository(apiDB), NewNotificationRepository(seedDB)
	fillThroughCreate(t, api, before)
	fillThroughCreate(t, seeded, before)
	fillThroughCreate(t, api, ns)
	n, err := seeded.seed(ctx, slices.Values(ns), 250) // three transactions; statements of 256 and a tail
	if err != nil || n != len(ns) {
		t.Fatalf("seeded %d of %d, %v", n, len(ns), err)
	}

	if got, want := storeView(t, seeded, users), storeView(t, api, users); !reflect.DeepEqual(got, want) {
		for k, v := range want {
			if !reflect.DeepEqual(got[k], v) {
				t.Errorf("%s: seeded %v\nwant %v", k, got[k], v)
			}
		}
		t.FailNow()
	}
	if got, want := schema(t, seedDB), schema(t, apiDB); !slices.Equal(got, want) {
		t.Fatalf("schema after the seed:\n%v\nwant\n%v", got, want)
	}

	// The purge removes the same rows and leaves the same counts.
	for _, repo := range []*NotificationRepository{api, seeded} {
		if n, err := repo.DeleteOlderThan(ctx, cutoff); err != nil || n != 305 {
			t.Fatalf("purged %d, %v (want 305)", n, err)
		}
	}
	if got, want := storeView(t, seeded, users), storeView(t, api, users); !reflect.DeepEqual(got, want) {
		t.Fatal("after the purge the seeded store answers differently")
	}

	// A duplicate id (another user's) fails the seed; the indexes are back
	// all the same.
	dup := ns[len(ns)-2].Record()
	dup.UserID = domain.NewID()
	if _, err := seeded.Seed(ctx, slices.Values([]notification.Notification{notification.FromStore(dup)})); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("seeding an id again = %v, want ErrConflict", err)
	}
	if got, want := schema(t, seedDB), schema(t, apiDB); !slices.Equal(got, want) {
		t.Fatalf("schema after a failed seed:\n%v\nwant\n%v", got, want)
	}
}

// The purge goes chunk by chunk (purgeChunk rows each) and its count is
// every row it removed; the unread counts follow each chunk.
func TestPurgeDeletesInChunksAndKeepsTheCounts(t *testing.T) {
	ctx := context.Background()
	users := []string{domain.NewID(), domain.NewID(), domain.NewID()}
	cutoff := time.Now().Add(-time.Hour)
	old := seedSet(t, users, 2*purgeChunk+37, 4, cutoff.Add(-2*time.Hour)) // three chunks
	fresh := seedSet(t, users[:2], 30, 5, cutoff.Add(10*time.Minute))      // kept
	repo := NewNotificationRepository(openTestDB(t))
	if _, err := repo.Seed(ctx, slices.Values(append(old, fresh...))); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	n, err := repo.DeleteOlderThan(ctx, cutoff)
	if err != nil || n != len(old) {
		t.Fatalf("purged %d, %v (want %d)", n, err, len(old))
	}
	if took, least := time.Since(start), 2*purgeWait(purgeChunk, 0); took < least {
		t.Errorf("three chunks took %v: less than the two pauses between them (%v)", took, least)
	}
	for _, u := range users {
		want := 0
		for _, f := range fresh {
			if f.UserID() == u && !f.Read() {
				want++
			}
		}
		if got, err := repo.UnreadCount(ctx, u); err != nil || got != want {
			t.Errorf("unread after the purge: %d, %v (want %d)", got, err, want)
		}
	}
	if n, err := repo.DeleteOlderThan(ctx, cutoff); err != nil || n != 0 {
		t.Fatalf("a second purge: %d, %v", n, err)
	}
}

// A purge whose context ends stops between chunks and says so.
func TestPurgeStopsWhenItsContextEnds(t *testing.T) {
	users := []string{domain.NewID()}
	cutoff := time.Now().Add(-time.Hour)
	repo := NewNotificationRepository(openTestDB(t))
	if _, err := repo.Seed(context.Background(), slices.Values(seedSet(t, users, 3*purgeChunk, 0, cutoff.Add(-2*time.Hour)))); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), purgePause/2)
	defer cancel()
	n, err := repo.DeleteOlderThan(ctx, cutoff)
	if err == nil || n >= 3*purgeChunk {
		t.Fatalf("purge under an ended context: %d, %v", n, err)
	}
}

// The purge's pause after a chunk: the rate bound for a quick full chunk,
// twice the chunk's time for a slow one, never less than purgePause.
func TestPurgeWait(t *testing.T) {
	full := time.Duration(purgeChunk) * time.Second / purgeRate
	for _, tc := range []struct {
		name string
		n    int
		took time.Duration
		want time.Duration
	}{
		{"quick full chunk: the rest of its share of a second", purgeChunk, time.Millisecond, max(purgePause, full-time.Millisecond)},
		{"slow chunk: twice its time", purgeChunk, full, purgeRest * full},
		{"a few rows: the least pause", 1, 0, purgePause},
	} {
		if got := purgeWait(tc.n, tc.took); got != tc.want {
			t.Errorf("%s: purgeWait(%d, %v) = %v, want %v", tc.name, tc.n, tc.took, got, tc.want)
		}
	}
	if full <= purgePause {
		t.Errorf("a chunk's share of a second (%v) is under the least pause (%v): purgeRate binds nothing", full, purgePause)
	}
}
