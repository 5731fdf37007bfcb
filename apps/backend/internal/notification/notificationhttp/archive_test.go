package notificationhttp_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

// TestMarkUnreadAndArchiveKeepTheCountAndEveryTabInStep: Ana has two tabs;
// marking a read notification unread and archiving another reach both tabs
// as notification.unread / notification.archived with the unread count; the
// archive is listed on its own; a stranger gets 404 and changes nothing.
func TestMarkUnreadAndArchiveKeepTheCountAndEveryTabInStep(t *testing.T) {
	e := newEnv(t, nil)
	ana, bea := e.s.Register(t, "Ana"), e.s.Register(t, "Bea")
	a1, a2 := e.publish(t, ana.ID, nil), e.publish(t, ana.ID, nil)
	tabs := []*testkit.Stream{ana.Stream(t, ""), ana.Stream(t, "")}
	for _, st := range tabs {
		if unread := opened(t, st); unread != 2 {
			t.Fatalf("opened with %d unread", unread)
		}
	}
	ids := func(st *testkit.Stream, event string) []string {
		t.Helper()
		return decode[struct {
			IDs []string `json:"ids"`
		}](t, st.NextOf(t, event, wait)).IDs
	}
	count := func(st *testkit.Stream) int {
		t.Helper()
		return decode[struct{ Count int }](t, st.NextOf(t, "unread-count", wait)).Count
	}
	heard := func(t *testing.T, tabs []*testkit.Stream, event, id string, unread int) {
		t.Helper()
		for i, st := range tabs {
			if got := ids(st, event); !slices.Equal(got, []string{id}) {
				t.Fatalf("tab %d: %s %v, want [%s]", i, event, got, id)
			}
			if c := count(st); c != unread {
				t.Fatalf("tab %d: unread %d after %s, want %d", i, c, event, unread)
			}
		}
	}

	ana.Do(t, "POST", "/api/v1/notifications/"+a1.ID+"/read", nil).Expect(t, http.StatusNoContent)
	for _, st := range tabs {
		ids(st, "notification.read")
		if c := count(st); c != 1 {
			t.Fatalf("after read: %d", c)
		}
	}
	ana.Do(t, "POST", "/api/v1/notifications/"+a1.ID+"/unread", nil).Expect(t, http.StatusNoContent)
	heard(t, tabs, "notification.unread", a1.ID, 2)
	ana.Do(t, "POST", "/api/v1/notifications/"+a1.ID+"/unread", nil).Expect(t, http.StatusNoContent) // idempotent

	ana.Do(t, "POST", "/api/v1/notifications/"+a2.ID+"/archive", nil).Expect(t, http.StatusNoContent)
	heard(t, tabs, "notification.archived", a2.ID, 1)
	var inbox, archive pageJSON
	ana.Do(t, "GET", "/api/v1/notifications", nil).Expect(t, http.StatusOK).JSON(t, &inbox)
	ana.Do(t, "GET", "/api/v1/notifications?archived=true", nil).Expect(t, http.StatusOK).JSON(t, &archive)
	if len(inbox.Items) != 1 || inbox.Items[0].ID != a1.ID || inbox.Items[0].Read {
		t.Fatalf("inbox %+v", inbox.Items)
	}
	if len(archive.Items) != 1 || archive.Items[0].ID != a2.ID || !archive.Items[0].Read {
		t.Fatalf("archive %+v", archive.Items)
	}
	ana.Do(t, "GET", "/api/v1/notifications?archived=maybe", nil).Expect(t, http.StatusBadRequest)

	// A stranger: 404 for Ana's notifications and for unknown ids, nothing changes.
	for _, id := range []string{a1.ID, a2.ID, domain.NewID(), "not-an-id"} {
		bea.Do(t, "POST", "/api/v1/notifications/"+id+"/unread", nil).Expect(t, http.StatusNotFound)
		bea.Do(t, "POST", "/api/v1/notifications/"+id+"/archive", nil).Expect(t, http.StatusNotFound)
	}
	var c struct{ Count int }
	ana.Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK).JSON(t, &c)
	if c.Count != 1 {
		t.Fatalf("Ana's count after the stranger: %d", c.Count)
	}
	// Marking the archived one unread returns it to the inbox.
	ana.Do(t, "POST", "/api/v1/notifications/"+a2.ID+"/unread", nil).Expect(t, http.StatusNoContent)
	ana.Do(t, "GET", "/api/v1/notifications", nil).Expect(t, http.StatusOK).JSON(t, &inbox)
	if len(inbox.Items) != 2 {
		t.Fatalf("inbox after restoring: %+v", inbox.Items)
	}
}
