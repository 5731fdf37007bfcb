package notificationhttp_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// A Last-Event-ID the store no longer holds (purged by the TTL, deleted) or
// that is not an id gets a reset event before the unread count and live
// events: the client cannot be replayed to, and must refetch.
func TestALastEventIDNoLongerStoredGetsAReset(t *testing.T) {
	e := newEnv(t, map[string]string{"NOTIFICATION_TTL": "2s"})
	u := e.s.Register(t, "Ana")
	old := e.publish(t, u.ID, map[string]any{"n": 1})

	// Purged: the TTL purge runs every second; wait until the id is gone.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var page struct{ Items []notificationJSON }
		u.Do(t, "GET", "/api/v1/notifications", nil).Expect(t, http.StatusOK).JSON(t, &page)
		if len(page.Items) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the TTL purge did not remove the notification")
		}
		time.Sleep(100 * time.Millisecond)
	}
	kept := e.publish(t, u.ID, map[string]any{"n": 2})
	tests := []struct {
		name, lastID, reason string
	}{
		{"purged by the TTL", old.ID, "gone"},
		{"not an id", "not-an-id", "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := u.Stream(t, tt.lastID)
			if ev := st.Next(t, wait); ev.Type != "connected" {
				t.Fatalf("first %q", ev.Type)
			}
			ev := st.Next(t, wait)
			if ev.Type != "reset" || decode[struct{ Reason string }](t, ev).Reason != tt.reason {
				t.Fatalf("got %s %s, want reset %s", ev.Type, ev.Data, tt.reason)
			}
			// Nothing is replayed after a reset (the client refetches); live goes on.
			if ev := st.Next(t, wait); ev.Type != "unread-count" {
				t.Fatalf("after the reset: %s %s", ev.Type, ev.Data)
			}
			n := e.publish(t, u.ID, nil)
			if ev := st.NextOf(t, "notification", wait); ev.LastEventID != n.ID {
				t.Fatalf("live %s, want %s", ev.LastEventID, n.ID)
			}
		})
	}
	t.Run("deleted", func(t *testing.T) {
		u.Do(t, "DELETE", "/api/v1/notifications/"+kept.ID, nil).Expect(t, http.StatusNoContent)
		st := u.Stream(t, kept.ID)
		st.Next(t, wait)
		if ev := st.Next(t, wait); ev.Type != "reset" {
			t.Fatalf("got %s", ev.Type)
		}
	})
	t.Run("a held id replays, no reset", func(t *testing.T) {
		first := e.publish(t, u.ID, nil)
		second := e.publish(t, u.ID, nil)
		st := u.Stream(t, first.ID)
		st.Next(t, wait)
		if ev := st.Next(t, wait); ev.Type != "notification" || ev.LastEventID != second.ID {
			t.Fatalf("got %s %s", ev.Type, ev.LastEventID)
		}
	})
	if v := metric(t, e.s, "fleetman_sse_resets_total"); v != 3 {
		t.Fatalf("resets %v", v)
	}
}

// Idempotency-Key: a retry returns the first answer and creates nothing; a
// different body under the same key is refused with the error body; keys
// are per publishing account.
func TestPublishWithAnIdempotencyKeyCreatesOnce(t *testing.T) {
	e := newEnv(t, nil)
	u := e.s.Register(t, "Ana")
	st := u.Stream(t, "")
	opened(t, st)
	body := map[string]any{"userId": u.ID, "type": "SYSTEM", "title": "notification.system.title",
		"message": "notification.system.body", "metadata": map[string]any{"job": 7}}
	send := func(b map[string]any, key string) *testkit.Response {
		return e.s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/notifications", Body: b,
			Token: e.admin.Token, Header: map[string]string{"Idempotency-Key": key}})
	}
	first := send(body, "job-7").Expect(t, http.StatusCreated)
	again := send(body, "job-7").Expect(t, http.StatusCreated)
	if string(first.Body) != string(again.Body) {
		t.Fatalf("retry answered\n%s\nfirst\n%s", again.Body, first.Body)
	}
	if again.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatal("the retry is not marked replayed")
	}
	var n notificationJSON
	first.JSON(t, &n)
	if ev := st.NextOf(t, "notification", wait); ev.LastEventID != n.ID {
		t.Fatalf("stream got %s", ev.LastEventID)
	}
	if ev, ok := st.TryNext(300 * time.Millisecond); ok && ev.Type == "notification" {
		t.Fatalf("the retry was delivered again: %s", ev.LastEventID)
	}
	var page struct{ Items []notificationJSON }
	u.Do(t, "GET", "/api/v1/notifications", nil).Expect(t, http.StatusOK).JSON(t, &page)
	if len(page.Items) != 1 {
		t.Fatalf("%d notifications stored", len(page.Items))
	}

	other := map[string]any{"userId": u.ID, "type": "SYSTEM", "title": "notification.system.title",
		"message": "notification.system.body", "metadata": map[string]any{"job": 8}}
	res := send(other, "job-7").Expect(t, http.StatusConflict)
	if res.ErrorCode() == "" {
		t.Fatalf("no error body: %s", res.Body)
	}
	send(other, "job-8").Expect(t, http.StatusCreated)
	send(body, "").Expect(t, http.StatusCreated) // no key: a new one each time
	res = send(body, "bad key with spaces").Expect(t, http.StatusBadRequest)
	if res.ErrorCode() != "VALIDATION_FAILED" {
		t.Fatalf("bad key: %s", res.Body)
	}
}
