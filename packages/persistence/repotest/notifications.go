package repotest

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// NewNotification makes a valid notification for userID, for suites and tests.
func NewNotification(t testing.TB, userID string, typ notification.Type, meta map[string]any) notification.Notification {
	t.Helper()
	n, err := notification.New(notification.Draft{UserID: userID, Type: typ, Title: "notification.test.title",
		Message: "notification.test.body", Metadata: meta, ActionURL: "/test", Priority: notification.PriorityHigh,
		Source: "test"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Notifications runs the notification.Repository contract against a fresh repository from newRepo.
func Notifications(t *testing.T, newRepo func(t *testing.T) notification.Repository) {
	ctx := context.Background()
	create := func(t *testing.T, repo notification.Repository, n notification.Notification) notification.Notification {
		t.Helper()
		c, err := repo.Create(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		return c.Notification
	}
	ids := func(items []notification.Notification) []string {
		out := make([]string, len(items))
		for i, n := range items {
			out[i] = n.ID()
		}
		return out
	}

	t.Run("create and read back every field", func(t *testing.T) {
		repo := newRepo(t)
		user := domain.NewID()
		n := create(t, repo, NewNotification(t, user, notification.TypeNewMessage,
			map[string]any{"senderName": "Ana «García» 🚜", "preview": "line1\nline2\r\n\x00", "count": 3, "nested": map[string]any{"ok": true}}))
		page, err := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != 1 || page.NextCursor != "" {
			t.Fatalf("page = %+v", page)
		}
		got, want := page.Items[0].Record(), n.Record()
		if got.ID != want.ID || got.UserID != want.UserID || got.Type != want.Type || got.Title != want.Title ||
			got.Message != want.Message || got.ActionURL != want.ActionURL || got.Priority != want.Priority ||
			got.Source != want.Source || got.Read || got.ReadAt != nil || !got.CreatedAt.Equal(want.CreatedAt) {
			t.Fatalf("read back %+v, stored %+v", got, want)
		}
		if got.Metadata["senderName"] != "Ana «García» 🚜" || got.Metadata["preview"] != "line1\nline2\r\n\x00" ||
			got.Metadata["count"] != float64(3) || got.Metadata["nested"].(map[string]any)["ok"] != true {
			t.Fatalf("metadata read back %#v", got.Metadata)
		}
	})

	t.Run("list is newest first with a cursor, and filters by status and type", func(t *testing.T) {
		repo := newRepo(t)
		user, other := domain.NewID(), domain.NewID()
		var all []notification.Notification
		for i := 0; i < 7; i++ {
			typ := notification.TypeSystem
			if i%2 == 0 {
				typ = notification.TypeNewMessage
			}
			all = append(all, create(t, repo, NewNotification(t, user, typ, nil)))
		}
		create(t, repo, NewNotification(t, other, notification.TypeSystem, nil))
		var got []string
		cursor := ""
		for pages := 0; ; pages++ {
			page, err := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 3, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ids(page.Items)...)
			if page.NextCursor == "" {
				if pages != 2 {
					t.Fatalf("%d pages", pages+1)
				}
				break
			}
			cursor = page.NextCursor
		}
		want := ids(all)
		slices.Reverse(want)
		if !slices.Equal(got, want) {
			t.Fatalf("listed %v, want %v", got, want)
		}
		page, err := repo.List(ctx, notification.ListQuery{UserID: user, Type: notification.TypeNewMessage, Limit: 100})
		if err != nil || len(page.Items) != 4 {
			t.Fatalf("type filter: %d items, %v", len(page.Items), err)
		}
		if _, err := repo.MarkRead(ctx, user, all[6].ID(), time.Now()); err != nil {
			t.Fatal(err)
		}
		page, err = repo.List(ctx, notification.ListQuery{UserID: user, Status: notification.StatusUnread, Limit: 100})
		if err != nil || len(page.Items) != 6 || page.Items[0].ID() != all[5].ID() {
			t.Fatalf("unread filter: %v, %v", ids(page.Items), err)
		}
		exact, err := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 7})
		if err != nil || len(exact.Items) != 7 || exact.NextCursor != "" {
			t.Fatalf("a full last page has no next cursor: %d items, cursor %q, %v", len(exact.Items), exact.NextCursor, err)
		}
	})

	t.Run("list filters by priorities and type, with cursor paging", func(t *testing.T) {
		repo := newRepo(t)
		user, other := domain.NewID(), domain.NewID()
		stored := func(u string, typ notification.Type, p notification.Priority) notification.Notification {
			n, err := notification.New(notification.Draft{UserID: u, Type: typ, Title: "notification.test.title",
				Message: "notification.test.body", ActionURL: "/test", Priority: p, Source: "test"}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			return create(t, repo, n)
		}
		var urgentOrHigh, highAlerts []string
		for i, p := range []notification.Priority{notification.PriorityHigh, notification.PriorityLow, notification.PriorityUrgent,
			notification.PriorityNormal, notification.PriorityHigh, notification.PriorityUrgent, notification.PriorityHigh} {
			typ := notification.TypeSystem
			if i%2 == 0 {
				typ = notification.TypeMaintenanceAlert
			}
			n := stored(user, typ, p)
			if p == notification.PriorityHigh || p == notification.PriorityUrgent {
				urgentOrHigh = append(urgentOrHigh, n.ID())
			}
			if p == notification.PriorityHigh && typ == notification.TypeMaintenanceAlert {
				highAlerts = append(highAlerts, n.ID())
			}
		}
		stored(other, notification.TypeMaintenanceAlert, notification.PriorityHigh)
		slices.Reverse(urgentOrHigh)
		slices.Reverse(highAlerts)
		for _, tc := range []struct {
			name string
			q    notification.ListQuery
			want []string
		}{
			{"high or urgent", notification.ListQuery{Priorities: []notification.Priority{notification.PriorityUrgent, notification.PriorityHigh}}, urgentOrHigh},
			{"high alerts", notification.ListQuery{Type: notification.TypeMaintenanceAlert, Priorities: []notification.Priority{notification.PriorityHigh}}, highAlerts},
			{"none of that priority", notification.ListQuery{Type: notification.TypeMaintenanceAlert, Priorities: []notification.Priority{notification.PriorityLow}}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var got []string
				q := tc.q
				q.UserID, q.Limit = user, 2
				for {
					page, err := repo.List(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, ids(page.Items)...)
					if page.NextCursor == "" {
						break
					}
					q.Cursor = page.NextCursor
				}
				if !slices.Equal(got, tc.want) {
					t.Fatalf("listed %v, want %v", got, tc.want)
				}
			})
		}
	})

	t.Run("After replays in id order, from any id", func(t *testing.T) {
		repo := newRepo(t)
		user := domain.NewID()
		var all []notification.Notification
		for i := 0; i < 5; i++ {
			all = append(all, create(t, repo, NewNotification(t, user, notification.TypeSystem, nil)))
			create(t, repo, NewNotification(t, domain.NewID(), notification.TypeSystem, nil))
		}
		got, err := repo.After(ctx, user, all[1].ID(), 100)
		if err != nil || !slices.Equal(ids(got), ids(all[2:])) {
			t.Fatalf("After = %v, %v", ids(got), err)
		}
		got, err = repo.After(ctx, user, all[1].ID(), 2)
		if err != nil || !slices.Equal(ids(got), ids(all[2:4])) {
			t.Fatalf("After with limit = %v, %v", ids(got), err)
		}
		// An id that is not stored (deleted, purged, another user's) counts by its time order.
		if err := repo.Delete(ctx, user, all[2].ID()); err != nil {
			t.Fatal(err)
		}
		got, err = repo.After(ctx, user, all[2].ID(), 100)
		if err != nil || !slices.Equal(ids(got), ids(all[3:])) {
			t.Fatalf("After a deleted id = %v, %v", ids(got), err)
		}
		got, err = repo.After(ctx, user, all[4].ID(), 100)
		if err != nil || len(got) != 0 {
			t.Fatalf("After the newest = %v, %v", ids(got), err)
		}
	})

	t.Run("unread count, mark read, mark all read", func(t *testing.T) {
		repo := newRepo(t)
		user, other := domain.NewID(), domain.NewID()
		a := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		if c, err := repo.Create(ctx, NewNotification(t, user, notification.TypeSystem, nil)); err != nil || c.Unread != 3 {
			t.Fatalf("Create returned the count %d, %v (want 3)", c.Unread, err)
		}
		theirs := NewNotification(t, other, notification.TypeSystem, nil)
		if c, err := repo.Create(ctx, theirs); err != nil || c.Unread != 1 {
			t.Fatalf("Create returned the count %d, %v for another user (want 1)", c.Unread, err)
		}
		count := func(u string) int {
			n, err := repo.UnreadCount(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if count(user) != 3 || count(other) != 1 || count(domain.NewID()) != 0 {
			t.Fatalf("counts %d %d", count(user), count(other))
		}
		changed, err := repo.MarkRead(ctx, user, a.ID(), time.Now())
		if err != nil || !changed || count(user) != 2 {
			t.Fatalf("MarkRead: %v %v, count %d", changed, err, count(user))
		}
		changed, err = repo.MarkRead(ctx, user, a.ID(), time.Now())
		if err != nil || changed {
			t.Fatalf("MarkRead again: %v %v", changed, err)
		}
		page, _ := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 10})
		for _, n := range page.Items {
			if n.ID() == a.ID() && (!n.Read() || n.Record().ReadAt == nil) {
				t.Fatalf("not read: %+v", n.Record())
			}
		}
		if _, err := repo.MarkRead(ctx, user, theirs.ID(), time.Now()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("MarkRead of another user's: %v", err)
		}
		if _, err := repo.MarkRead(ctx, user, "not-an-id", time.Now()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("MarkRead of a malformed id: %v", err)
		}
		if count(other) != 1 {
			t.Fatal("another user's notification changed")
		}
		n, err := repo.MarkAllRead(ctx, user, time.Now())
		if err != nil || n != 2 || count(user) != 0 || count(other) != 1 {
			t.Fatalf("MarkAllRead = %d, %v; counts %d %d", n, err, count(user), count(other))
		}
		if n, err := repo.MarkAllRead(ctx, user, time.Now()); err != nil || n != 0 {
			t.Fatalf("MarkAllRead again = %d, %v", n, err)
		}
	})

	t.Run("mark unread, archive: kept, out of the inbox, listed, never counted unread", func(t *testing.T) {
		repo := newRepo(t)
		user, stranger := domain.NewID(), domain.NewID()
		a := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		b := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		at := time.Now().UTC().Truncate(time.Millisecond)
		count := func(t *testing.T, want int) {
			t.Helper()
			if n, err := repo.UnreadCount(ctx, user); err != nil || n != want {
				t.Fatalf("unread = %d, %v; want %d", n, err, want)
			}
		}
		list := func(t *testing.T, archived bool) []string {
			t.Helper()
			p, err := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 10, Archived: archived})
			if err != nil {
				t.Fatal(err)
			}
			return ids(p.Items)
		}

		if changed, err := repo.MarkUnread(ctx, user, a.ID()); err != nil || changed {
			t.Fatalf("MarkUnread of an unread one = %v, %v", changed, err)
		}
		if _, err := repo.MarkRead(ctx, user, a.ID(), at); err != nil {
			t.Fatal(err)
		}
		count(t, 1)
		if changed, err := repo.MarkUnread(ctx, user, a.ID()); err != nil || !changed {
			t.Fatalf("MarkUnread = %v, %v", changed, err)
		}
		count(t, 2)

		if changed, err := repo.Archive(ctx, user, b.ID(), at); err != nil || !changed {
			t.Fatalf("Archive = %v, %v", changed, err)
		}
		if changed, err := repo.Archive(ctx, user, b.ID(), at.Add(time.Second)); err != nil || changed {
			t.Fatalf("Archive again = %v, %v", changed, err)
		}
		count(t, 1)
		if got := list(t, false); !slices.Equal(got, []string{a.ID()}) {
			t.Fatalf("inbox = %v, want only %s", got, a.ID())
		}
		if got := list(t, true); !slices.Equal(got, []string{b.ID()}) {
			t.Fatalf("archive = %v, want only %s", got, b.ID())
		}
		p, _ := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 10, Archived: true})
		if r := p.Items[0].Record(); !r.Read || r.ReadAt == nil || !r.ReadAt.Equal(at) || r.ArchivedAt == nil || !r.ArchivedAt.Equal(at) {
			t.Fatalf("archived record: read %v at %v, archived at %v; want both at %v", r.Read, r.ReadAt, r.ArchivedAt, at)
		}
		if p, _ := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 10, Status: notification.StatusUnread}); len(p.Items) != 1 {
			t.Fatalf("unread inbox = %v", ids(p.Items))
		}

		// Marking an archived one unread returns it to the inbox.
		if changed, err := repo.MarkUnread(ctx, user, b.ID()); err != nil || !changed {
			t.Fatalf("MarkUnread of an archived one = %v, %v", changed, err)
		}
		count(t, 2)
		if got := list(t, false); !slices.Equal(got, []string{b.ID(), a.ID()}) {
			t.Fatalf("inbox after restoring = %v", got)
		}
		if got := list(t, true); len(got) != 0 {
			t.Fatalf("archive after restoring = %v", got)
		}

		for _, id := range []string{a.ID(), domain.NewID(), "not-an-id"} {
			if _, err := repo.MarkUnread(ctx, stranger, id); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("stranger MarkUnread(%s) = %v", id, err)
			}
			if _, err := repo.Archive(ctx, stranger, id, at); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("stranger Archive(%s) = %v", id, err)
			}
		}
		count(t, 2)
	})

	t.Run("MarkMatchingRead marks only the matching unread ones", func(t *testing.T) {
		repo := newRepo(t)
		user, peer, third := domain.NewID(), domain.NewID(), domain.NewID()
		m1 := create(t, repo, NewNotification(t, user, notification.TypeNewMessage, map[string]any{"conversationWith": peer}))
		create(t, repo, NewNotification(t, user, notification.TypeNewMessage, map[string]any{"conversationWith": third}))
		m3 := create(t, repo, NewNotification(t, user, notification.TypeNewMessage, map[string]any{"conversationWith": peer}))
		create(t, repo, NewNotification(t, user, notification.TypeSystem, map[string]any{"conversationWith": peer}))
		create(t, repo, NewNotification(t, peer, notification.TypeNewMessage, map[string]any{"conversationWith": peer}))
		m := notification.Match{UserID: user, Type: notification.TypeNewMessage, MetadataKey: "conversationWith", Value: peer}
		got, err := repo.MarkMatchingRead(ctx, m, time.Now())
		if err != nil || !slices.Equal(got, []string{m1.ID(), m3.ID()}) {
			t.Fatalf("MarkMatchingRead = %v, %v", got, err)
		}
		if n, _ := repo.UnreadCount(ctx, user); n != 2 {
			t.Fatalf("unread %d", n)
		}
		if n, _ := repo.UnreadCount(ctx, peer); n != 1 {
			t.Fatalf("peer's unread %d", n)
		}
		again, err := repo.MarkMatchingRead(ctx, m, time.Now())
		if err != nil || len(again) != 0 {
			t.Fatalf("again = %v, %v", again, err)
		}
		bad := m
		bad.MetadataKey = `x") OR 1=1 --`
		if _, err := repo.MarkMatchingRead(ctx, bad, time.Now()); !errors.Is(err, domain.ErrInvalid) {
			t.Fatalf("a key that is not a plain name: %v", err)
		}
	})

	t.Run("delete is scoped to the owner", func(t *testing.T) {
		repo := newRepo(t)
		user, other := domain.NewID(), domain.NewID()
		n := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		if err := repo.Delete(ctx, other, n.ID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("Delete by another user: %v", err)
		}
		if err := repo.Delete(ctx, user, n.ID()); err != nil {
			t.Fatal(err)
		}
		if err := repo.Delete(ctx, user, n.ID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("Delete twice: %v", err)
		}
		if c, _ := repo.UnreadCount(ctx, user); c != 0 {
			t.Fatalf("count %d after delete", c)
		}
		read := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		if _, err := repo.MarkRead(ctx, user, read.ID(), time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := repo.Delete(ctx, user, read.ID()); err != nil {
			t.Fatal(err)
		}
		if c, _ := repo.UnreadCount(ctx, user); c != 1 {
			t.Fatalf("count %d after deleting a read one (want 1)", c)
		}
	})

	t.Run("DeleteOlderThan purges by creation time", func(t *testing.T) {
		repo := newRepo(t)
		user := domain.NewID()
		old, err := notification.New(notification.Draft{UserID: user, Type: notification.TypeSystem, Title: "old", Message: "old"},
			time.Now().Add(-100*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		create(t, repo, old)
		fresh := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		n, err := repo.DeleteOlderThan(ctx, time.Now().Add(-90*24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("DeleteOlderThan = %d, %v", n, err)
		}
		page, _ := repo.List(ctx, notification.ListQuery{UserID: user, Limit: 10})
		if len(page.Items) != 1 || page.Items[0].ID() != fresh.ID() {
			t.Fatalf("left %v", ids(page.Items))
		}
		if c, _ := repo.UnreadCount(ctx, user); c != 1 {
			t.Fatalf("unread count %d after the purge (want 1)", c)
		}
	})

	t.Run("concurrent creates are all stored, duplicates refused", func(t *testing.T) {
		repo := newRepo(t)
		user := domain.NewID()
		counts := make([]int, 64)
		for i, c := range createConcurrently(t, repo, user, len(counts)) {
			counts[i] = c.Unread
		}
		// Each count includes its own insert and those before it; the last is all of them.
		if slices.Min(counts) < 1 || slices.Max(counts) != 64 {
			t.Fatalf("counts returned by concurrent creates: %v", counts)
		}
		if n, _ := repo.UnreadCount(ctx, user); n != 64 {
			t.Fatalf("%d stored", n)
		}
		// An id another user's notification has is refused. (One of the
		// same user's own ids is moved past its newest: see "seqs".)
		dup := create(t, repo, NewNotification(t, domain.NewID(), notification.TypeSystem, nil))
		rec := NewNotification(t, user, notification.TypeSystem, nil).Record()
		rec.ID = dup.ID()
		if _, err := repo.Create(ctx, notification.FromStore(rec)); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("duplicate id: %v", err)
		}
		if n, _ := repo.UnreadCount(ctx, user); n != 64 {
			t.Fatalf("unread count %d after a refused duplicate (want 64)", n)
		}
	})

	t.Run("seqs and ids follow store order per user; Head and Has", func(t *testing.T) {
		repo := newRepo(t)
		user, other := domain.NewID(), domain.NewID()
		if h, err := repo.Head(ctx, user); err != nil || position(h) != (notification.Head{}) {
			t.Fatalf("head of a user with none: %+v, %v", h, err)
		}
		early := NewNotification(t, user, notification.TypeSystem, nil) // the smaller id
		late := NewNotification(t, user, notification.TypeSystem, nil)
		a := create(t, repo, late)
		b := create(t, repo, early) // stored second with an older id: moved past the newest
		c := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		o := create(t, repo, NewNotification(t, other, notification.TypeSystem, nil))
		if a.Seq() != 1 || b.Seq() != 2 || c.Seq() != 3 || o.Seq() != 1 {
			t.Fatalf("seqs %d %d %d, other user %d", a.Seq(), b.Seq(), c.Seq(), o.Seq())
		}
		if a.ID() != late.ID() || !(a.ID() < b.ID() && b.ID() < c.ID()) || !domain.ValidID(b.ID()) {
			t.Fatalf("ids not in store order: %s %s %s", a.ID(), b.ID(), c.ID())
		}
		if !b.CreatedAt().Equal(early.CreatedAt()) || b.Record().Title != early.Record().Title {
			t.Fatalf("the moved one changed more than its id: %v", b.CreatedAt())
		}
		if h, err := repo.Head(ctx, user); err != nil || position(h) != (notification.Head{Unread: 3, Seq: 3, LastID: c.ID()}) {
			t.Fatalf("head after three creates: %+v, %v", h, err)
		}
		items, err := repo.After(ctx, user, "", 10)
		if err != nil || len(items) != 3 {
			t.Fatalf("after: %d, %v", len(items), err)
		}
		for i, n := range items {
			if n.Seq() != int64(i+1) || n.ID() != []string{a.ID(), b.ID(), c.ID()}[i] {
				t.Fatalf("stored %d: seq %d id %s", i, n.Seq(), n.ID())
			}
		}
		if ok, err := repo.Has(ctx, user, b.ID()); err != nil || !ok {
			t.Fatalf("Has the moved id: %v %v", ok, err)
		}
		if ok, _ := repo.Has(ctx, user, early.ID()); ok && early.ID() != b.ID() {
			t.Fatal("Has the id before it was moved")
		}
		if ok, _ := repo.Has(ctx, other, a.ID()); ok {
			t.Fatal("Has another user's notification")
		}
		if _, err := repo.MarkRead(ctx, user, a.ID(), time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := repo.Delete(ctx, user, b.ID()); err != nil {
			t.Fatal(err)
		}
		// The head keeps the newest stored seq and id when one is deleted:
		// the next gets seq 4 and an id after c's.
		h, err := repo.Head(ctx, user)
		if err != nil || position(h) != (notification.Head{Unread: 1, Seq: 3, LastID: c.ID()}) {
			t.Fatalf("head after a read and a delete %+v, %v", h, err)
		}
		if err := repo.Delete(ctx, user, c.ID()); err != nil {
			t.Fatal(err)
		}
		d := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil))
		if d.Seq() != 4 || d.ID() <= c.ID() {
			t.Fatalf("after deleting the newest: seq %d id %s", d.Seq(), d.ID())
		}
		if h, err := repo.Head(ctx, other); err != nil || position(h) != (notification.Head{Unread: 1, Seq: 1, LastID: o.ID()}) {
			t.Fatalf("other user's head %+v, %v", h, err)
		}
	})

	t.Run("concurrent creates of one user get distinct seqs", func(t *testing.T) {
		repo := newRepo(t)
		user := domain.NewID()
		seqs := make([]int64, 32)
		for i, c := range createConcurrently(t, repo, user, len(seqs)) {
			seqs[i] = c.Notification.Seq()
		}
		slices.Sort(seqs)
		if seqs[0] < 1 || len(slices.Compact(slices.Clone(seqs))) != len(seqs) {
			t.Fatalf("seqs %v", seqs)
		}
		items, err := repo.After(ctx, user, "", 100)
		if err != nil || len(items) != len(seqs) {
			t.Fatalf("%d stored, %v", len(items), err)
		}
		for i := 1; i < len(items); i++ {
			if items[i].Seq() <= items[i-1].Seq() {
				t.Fatalf("id order and seq order differ at %d", i)
			}
		}
		if h, _ := repo.Head(ctx, user); h.Seq != seqs[len(seqs)-1] || h.LastID != items[len(items)-1].ID() {
			t.Fatalf("head %+v after seqs up to %d", h, seqs[len(seqs)-1])
		}
	})

	t.Run("request keys: one notification per key, ByRequest", func(t *testing.T) {
		repo := newRepo(t)
		user := domain.NewID()
		key := domain.RequestKey{Scope: "notification:" + domain.NewID(), Key: "k-1", Hash: "h1"}
		if _, _, err := repo.ByRequest(ctx, key.Scope, key.Key); !errors.Is(err, notification.ErrNotFound) {
			t.Fatalf("unknown key: %v", err)
		}
		first := create(t, repo, NewNotification(t, user, notification.TypeSystem, nil).WithRequest(key))
		got, hash, err := repo.ByRequest(ctx, key.Scope, key.Key)
		if err != nil || got.ID() != first.ID() || hash != "h1" || got.Seq() != first.Seq() {
			t.Fatalf("by request: %s %q %v", got.ID(), hash, err)
		}
		_, err = repo.Create(ctx, NewNotification(t, user, notification.TypeSystem, nil).WithRequest(key))
		if !errors.Is(err, domain.ErrRequestExists) {
			t.Fatalf("reused key: %v", err)
		}
		if n, _ := repo.UnreadCount(ctx, user); n != 1 {
			t.Fatalf("%d stored", n)
		}
		// Keys are per scope.
		otherScope := key
		otherScope.Scope = "notification:" + domain.NewID()
		create(t, repo, NewNotification(t, user, notification.TypeSystem, nil).WithRequest(otherScope))
		if n, _ := repo.UnreadCount(ctx, user); n != 2 {
			t.Fatalf("%d stored", n)
		}
	})

	notificationBatches(t, newRepo)
}

// createConcurrently creates n notifications of user at once and returns what
// each Create returned.
func createConcurrently(t *testing.T, repo notification.Repository, user string, n int) []notification.Created {
	t.Helper()
	out := make([]notification.Created, n)
	var wg sync.WaitGroup
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := repo.Create(context.Background(), NewNotification(t, user, notification.TypeSystem, nil))
			if err != nil {
				t.Error(err)
			}
			out[i] = c
		}()
	}
	wg.Wait()
	return out
}

// position is h without Exact, which is the store's to say.
func position(h notification.Head) notification.Head {
	h.Exact = false
	return h
}
