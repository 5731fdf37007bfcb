package notificationhttp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

const wait = 5 * time.Second

// env starts a server with an admin account (the publish endpoint creates notifications).
type env struct {
	s     *testkit.Server
	admin *testkit.User
}

func newEnv(t *testing.T, kv map[string]string) *env {
	t.Helper()
	email := "admin." + domain.NewID()[20:] + "@example.com"
	all := map[string]string{"ADMIN_EMAILS": email}
	for k, v := range kv {
		all[k] = v
	}
	s := testkit.NewServer(t, testkit.WithEnv(all))
	return &env{s: s, admin: s.Admin(t, "Admin", email)}
}

type notificationJSON struct {
	ID        string         `json:"id"`
	UserID    string         `json:"userId"`
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Message   string         `json:"message"`
	Metadata  map[string]any `json:"metadata"`
	ActionURL *string        `json:"actionUrl"`
	Priority  string         `json:"priority"`
	Source    string         `json:"source"`
	Read      bool           `json:"read"`
	CreatedAt time.Time      `json:"createdAt"`
}

// publish creates a notification for userID through the admin endpoint.
func (e *env) publish(t testing.TB, userID string, meta map[string]any) notificationJSON {
	t.Helper()
	body := map[string]any{"userId": userID, "type": "SYSTEM", "title": "notification.system.title",
		"message": "notification.system.body", "metadata": meta, "actionUrl": "/machines", "priority": "HIGH"}
	var n notificationJSON
	e.admin.Do(t, "POST", "/api/v1/notifications", body).Expect(t, http.StatusCreated).JSON(t, &n)
	return n
}

func decode[T any](t testing.TB, ev sse.Parsed) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(ev.Data), &v); err != nil {
		t.Fatalf("event %s data %q: %v", ev.Type, ev.Data, err)
	}
	return v
}

// opened reads the preamble every stream starts with: connected, then unread-count.
func opened(t testing.TB, st *testkit.Stream) (unread int) {
	t.Helper()
	c := st.Next(t, wait)
	if c.Type != "connected" {
		t.Fatalf("first event %q", c.Type)
	}
	info := decode[struct {
		ConnectionID string    `json:"connectionId"`
		ServerTime   time.Time `json:"serverTime"`
	}](t, c)
	if info.ConnectionID == "" || time.Since(info.ServerTime) > time.Minute {
		t.Fatalf("connected %s", c.Data)
	}
	return decode[struct{ Count int }](t, st.NextOf(t, "unread-count", wait)).Count
}

func TestStreamHeadersPreambleAndBothAuthMethods(t *testing.T) {
	e := newEnv(t, map[string]string{"SSE_RETRY": "2500ms"})
	u := e.s.Register(t, "Ana")
	e.publish(t, u.ID, nil)
	for name, o := range map[string]testkit.StreamOptions{"bearer": {Token: u.Token}, "cookie": {Cookie: u.Cookie}} {
		t.Run(name, func(t *testing.T) {
			st, res := e.s.OpenStream(t, o)
			if st == nil {
				t.Fatalf("status %d %s", res.Status, res.Body)
			}
			h := st.Response.Header
			if h.Get("Content-Type") != "text/event-stream" || h.Get("Cache-Control") != "no-cache" || h.Get("X-Accel-Buffering") != "no" {
				t.Fatalf("headers %v", h)
			}
			if h.Get("X-Request-ID") == "" || h.Get("X-Content-Type-Options") != "nosniff" {
				t.Fatalf("the shared middleware's headers are missing: %v", h)
			}
			if n := opened(t, st); n != 1 {
				t.Fatalf("unread-count on connect = %d", n)
			}
			if st.Retry() != 2500 {
				t.Fatalf("retry %d", st.Retry())
			}
		})
	}
	_, res := e.s.OpenStream(t, testkit.StreamOptions{})
	if res == nil || res.Status != http.StatusUnauthorized || res.ErrorCode() != "UNAUTHENTICATED" {
		t.Fatalf("anonymous stream: %+v", res)
	}
}

func TestDeliveryGoesToTheRightUserOnlyAndToEveryTab(t *testing.T) {
	e := newEnv(t, nil)
	ana, bea := e.s.Register(t, "Ana"), e.s.Register(t, "Bea")
	tab1, tab2, other := ana.Stream(t, ""), ana.Stream(t, ""), bea.Stream(t, "")
	for _, st := range []*testkit.Stream{tab1, tab2, other} {
		opened(t, st)
	}
	n := e.publish(t, ana.ID, map[string]any{"machineName": "Grúa «Ñandú» 🚜", "lines": "a\nb\r\nc\rd\x00"})
	for _, st := range []*testkit.Stream{tab1, tab2} {
		ev := st.NextOf(t, "notification", wait)
		if ev.LastEventID != n.ID {
			t.Fatalf("id %q, want %q", ev.LastEventID, n.ID)
		}
		got := decode[notificationJSON](t, ev)
		if got.ID != n.ID || got.UserID != ana.ID || got.Type != "SYSTEM" || got.Priority != "HIGH" || got.Read ||
			got.Metadata["machineName"] != "Grúa «Ñandú» 🚜" || got.Metadata["lines"] != "a\nb\r\nc\rd\x00" ||
			got.ActionURL == nil || *got.ActionURL != "/machines" || got.Source != "admin" {
			t.Fatalf("notification %s", ev.Data)
		}
		if c := decode[struct{ Count int }](t, st.NextOf(t, "unread-count", wait)); c.Count != 1 {
			t.Fatalf("unread-count %d", c.Count)
		}
	}
	// Bea's stream hears nothing of Ana's.
	e.publish(t, bea.ID, nil)
	ev := other.NextOf(t, "notification", wait)
	if decode[notificationJSON](t, ev).UserID != bea.ID {
		t.Fatalf("Bea got %s", ev.Data)
	}
	for _, x := range other.Events() {
		if strings.Contains(x.Data, n.ID) {
			t.Fatalf("Bea's stream carried Ana's notification: %s", x.Data)
		}
	}
}

func TestReadStateIsSyncedToEveryTab(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	a, b := e.publish(t, ana.ID, nil), e.publish(t, ana.ID, nil)
	tab1, tab2 := ana.Stream(t, ""), ana.Stream(t, "")
	opened(t, tab1)
	opened(t, tab2)
	ana.Do(t, "POST", "/api/v1/notifications/"+a.ID+"/read", nil).Expect(t, http.StatusNoContent)
	for _, st := range []*testkit.Stream{tab1, tab2} {
		r := decode[struct {
			IDs []string `json:"ids"`
			All bool     `json:"all"`
		}](t, st.NextOf(t, "notification.read", wait))
		if !slices.Equal(r.IDs, []string{a.ID}) || r.All {
			t.Fatalf("read %+v", r)
		}
		if c := decode[struct{ Count int }](t, st.NextOf(t, "unread-count", wait)); c.Count != 1 {
			t.Fatalf("count %d", c.Count)
		}
	}
	ana.Do(t, "POST", "/api/v1/notifications/read-all", nil).Expect(t, http.StatusNoContent)
	for _, st := range []*testkit.Stream{tab1, tab2} {
		r := decode[struct {
			All bool `json:"all"`
		}](t, st.NextOf(t, "notification.read", wait))
		if !r.All {
			t.Fatal("read-all did not say all")
		}
		if c := decode[struct{ Count int }](t, st.NextOf(t, "unread-count", wait)); c.Count != 0 {
			t.Fatalf("count %d", c.Count)
		}
	}
	_ = b
}

func TestDeleteIsSyncedToEveryTabWithTheCount(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	a, _ := e.publish(t, ana.ID, nil), e.publish(t, ana.ID, nil)
	tab1, tab2 := ana.Stream(t, ""), ana.Stream(t, "")
	opened(t, tab1)
	opened(t, tab2)
	ana.Do(t, "DELETE", "/api/v1/notifications/"+a.ID, nil).Expect(t, http.StatusNoContent)
	for _, st := range []*testkit.Stream{tab1, tab2} {
		d := decode[struct {
			IDs []string `json:"ids"`
		}](t, st.NextOf(t, "notification.deleted", wait))
		if !slices.Equal(d.IDs, []string{a.ID}) {
			t.Fatalf("deleted %+v", d)
		}
		// The new count comes right after it (the same frame).
		if c := st.Next(t, wait); c.Type != "unread-count" || decode[struct{ Count int }](t, c).Count != 1 {
			t.Fatalf("after the delete: %s %s", c.Type, c.Data)
		}
	}
}

func TestReplayFromLastEventIDHeaderAndQuery(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	var ids []string
	for i := 0; i < 5; i++ {
		ids = append(ids, e.publish(t, ana.ID, map[string]any{"i": i}).ID)
	}
	e.publish(t, e.s.Register(t, "Bea").ID, nil)

	check := func(st *testkit.Stream, want []string, reset ...string) {
		t.Helper()
		if c := st.Next(t, wait); c.Type != "connected" {
			t.Fatalf("first %s", c.Type)
		}
		for _, reason := range reset {
			if ev := st.Next(t, wait); ev.Type != "reset" || decode[struct{ Reason string }](t, ev).Reason != reason {
				t.Fatalf("got %s %s, want reset %s", ev.Type, ev.Data, reason)
			}
		}
		var got []string
		for range want {
			ev := st.Next(t, wait)
			if ev.Type != "notification" {
				t.Fatalf("got %s before the replay ended", ev.Type)
			}
			got = append(got, ev.LastEventID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("replayed %v, want %v", got, want)
		}
		if ev := st.Next(t, wait); ev.Type != "unread-count" {
			t.Fatalf("after the replay: %s", ev.Type)
		}
		live := e.publish(t, ana.ID, nil)
		if ev := st.NextOf(t, "notification", wait); ev.LastEventID != live.ID {
			t.Fatalf("live %s, want %s", ev.LastEventID, live.ID)
		}
		ids = append(ids, live.ID)
	}
	check(ana.Stream(t, ids[1]), ids[2:5])
	st, res := e.s.OpenStream(t, testkit.StreamOptions{Token: ana.Token, Query: url.Values{"lastEventId": {ids[3]}}})
	if st == nil {
		t.Fatal(res.Status)
	}
	check(st, ids[4:6])
	// An id that is not one of ours replays nothing: the stream says reset
	// (reset_test.go), then goes on.
	st, _ = e.s.OpenStream(t, testkit.StreamOptions{Token: ana.Token, LastEventID: "garbage-id"})
	check(st, nil, "invalid")
}

// TestReconnectingAtRandomLosesNothingAndDuplicatesNothing: writers create
// notifications concurrently while a client drops its stream at random
// moments and reconnects with the last id it saw, as EventSource does. In the
// end it has exactly the stored set, each once, in order.
func TestReconnectingAtRandomLosesNothingAndDuplicatesNothing(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	const writers, each = 4, 40
	// The first stream is open before anything is created: without a
	// Last-Event-ID a stream replays nothing.
	first := ana.Stream(t, "")
	opened(t, first)
	var wg sync.WaitGroup
	var created atomic.Int64
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				e.publish(t, ana.ID, map[string]any{"w": w, "i": i})
				created.Add(1)
				time.Sleep(time.Duration(rand.IntN(3)) * time.Millisecond)
			}
		}()
	}
	var got []string
	seen := map[string]bool{}
	last := ""
	reconnects := 0
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		st := first
		opener := last
		if reconnects > 0 {
			st = ana.Stream(t, last)
		}
		reconnects++
		stop := time.Now().Add(time.Duration(5+rand.IntN(40)) * time.Millisecond)
		for {
			ev, ok := st.TryNext(time.Until(stop))
			if !ok && last == "" {
				// Without an id to send back, a reconnect would replay nothing
				// (as with EventSource): hold the first stream until one arrives.
				stop = time.Now().Add(wait)
				continue
			}
			if !ok {
				break
			}
			if ev.Type != "notification" {
				continue
			}
			if seen[ev.LastEventID] {
				var types []string
				for _, x := range st.Events() {
					types = append(types, x.Type+":"+x.LastEventID[max(0, len(x.LastEventID)-6):])
				}
				t.Fatalf("notification %s received twice (connection %d opened after %s: %v)", ev.LastEventID, reconnects, opener, types)
			}
			if ev.LastEventID <= last {
				t.Fatalf("out of order: %s after %s", ev.LastEventID, last)
			}
			seen[ev.LastEventID] = true
			got = append(got, ev.LastEventID)
			last = ev.LastEventID
		}
		st.Close()
		if created.Load() == writers*each && len(got) == writers*each {
			break
		}
	}
	wg.Wait()
	var stored []string
	cursor := ""
	for {
		var page struct {
			Items      []notificationJSON `json:"items"`
			NextCursor *string            `json:"nextCursor"`
		}
		ana.Do(t, "GET", "/api/v1/notifications?limit=100&cursor="+cursor, nil).Expect(t, 200).JSON(t, &page)
		for _, n := range page.Items {
			stored = append(stored, n.ID)
		}
		if page.NextCursor == nil {
			break
		}
		cursor = *page.NextCursor
	}
	slices.Reverse(stored)
	if !slices.Equal(got, stored) {
		t.Fatalf("received %d, stored %d (after %d reconnects)", len(got), len(stored), reconnects)
	}
	t.Logf("%d notifications over %d connections", len(got), reconnects)
}

func TestHeartbeatsArriveOnTheInterval(t *testing.T) {
	e := newEnv(t, map[string]string{"SSE_HEARTBEAT": "40ms"})
	st := e.s.Register(t, "Ana").Stream(t, "")
	opened(t, st)
	start := time.Now()
	time.Sleep(400 * time.Millisecond)
	if n := st.Heartbeats(); n > 11 {
		t.Fatalf("%d heartbeats in 400ms at a 40ms interval", n)
	}
	for st.Heartbeats() < 4 {
		if time.Since(start) > 3*time.Second {
			t.Fatalf("%d heartbeats in %v at a 40ms interval", st.Heartbeats(), time.Since(start))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestStreamCapAndClosedTabsDoNotLockAUserOut(t *testing.T) {
	e := newEnv(t, map[string]string{"SSE_MAX_STREAMS_PER_USER": "2"})
	ana := e.s.Register(t, "Ana")
	a, b := ana.Stream(t, ""), ana.Stream(t, "")
	opened(t, a)
	opened(t, b)
	_, res := e.s.OpenStream(t, testkit.StreamOptions{Token: ana.Token})
	if res == nil || res.Status != http.StatusTooManyRequests || res.ErrorCode() != "RATE_LIMITED" || res.Header.Get("Retry-After") == "" {
		t.Fatalf("third stream: %+v", res)
	}
	// Another user is not affected.
	opened(t, e.s.Register(t, "Bea").Stream(t, ""))
	// A closed tab frees its slot at once, without waiting for a heartbeat.
	a.Close()
	var c *testkit.Stream
	for i := 0; i < 100 && c == nil; i++ {
		c, _ = e.s.OpenStream(t, testkit.StreamOptions{Token: ana.Token})
		if c == nil {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if c == nil {
		t.Fatal("a closed tab kept its slot")
	}
	opened(t, c)
}

func TestStalledReaderIsEvictedWithoutDelayingOthers(t *testing.T) {
	e := newEnv(t, map[string]string{"SSE_QUEUE_SIZE": "8"})
	slow, fast := e.s.Register(t, "Slow"), e.s.Register(t, "Fast")
	stalled := e.s.RawStream(t, slow.Token)
	st := fast.Stream(t, "")
	opened(t, st)
	big := strings.Repeat("x", 48<<10)
	var worst time.Duration
	for i := 0; i < 150 && !evicted(t, e.s); i++ {
		e.publish(t, slow.ID, map[string]any{"pad": big})
		start := time.Now()
		n := e.publish(t, fast.ID, map[string]any{"i": i})
		ev := st.NextOf(t, "notification", wait)
		if ev.LastEventID != n.ID {
			t.Fatalf("fast got %s, want %s", ev.LastEventID, n.ID)
		}
		worst = max(worst, time.Since(start))
	}
	if !evicted(t, e.s) {
		t.Fatal("the stalled stream was never evicted")
	}
	if worst > time.Second {
		t.Fatalf("the fast reader waited up to %v", worst)
	}
	// The server closed it: only the fast reader's stream is open.
	if v := metric(t, e.s, "fleetman_sse_open_streams"); v != 1 {
		t.Fatalf("open streams %v", v)
	}
	_ = stalled
	t.Logf("worst publish→receive for the fast reader: %v", worst)
}

func evicted(t testing.TB, s *testkit.Server) bool {
	return metric(t, s, `fleetman_sse_streams_evicted_total{reason="queue_full"}`) >= 1
}

func metric(t testing.TB, s *testkit.Server, name string) float64 {
	t.Helper()
	res := s.Send(t, testkit.Request{Method: "GET", Path: "/metrics"}).Expect(t, 200)
	for _, line := range strings.Split(string(res.Body), "\n") {
		if strings.HasPrefix(line, name+" ") {
			var v float64
			fmt.Sscan(strings.TrimPrefix(line, name+" "), &v)
			return v
		}
	}
	return -1
}

func TestGracefulShutdownSendsShutdownAndCloses(t *testing.T) {
	e := newEnv(t, nil)
	st := e.s.Register(t, "Ana").Stream(t, "")
	opened(t, st)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e.s.App.Shutdown(ctx)
	if ev := st.NextOf(t, "shutdown", wait); ev.Data == "" {
		t.Fatal("shutdown without data")
	}
	st.WaitEnded(t, wait)
	_, res := e.s.OpenStream(t, testkit.StreamOptions{Token: e.admin.Token})
	if res == nil || res.Status != http.StatusServiceUnavailable {
		t.Fatalf("a stream after shutdown: %+v", res)
	}
}

func TestMetricsCountStreamsEventsAndReplay(t *testing.T) {
	e := newEnv(t, nil) // a closed client is found at once (no heartbeat needed)
	ana := e.s.Register(t, "Ana")
	first := e.publish(t, ana.ID, nil)
	e.publish(t, ana.ID, nil)
	st := ana.Stream(t, first.ID)
	opened(t, st)
	if v := metric(t, e.s, "fleetman_sse_open_streams"); v != 1 {
		t.Fatalf("open streams %v", v)
	}
	if v := metric(t, e.s, "fleetman_sse_replayed_events_total"); v != 1 {
		t.Fatalf("replayed %v", v)
	}
	e.publish(t, ana.ID, nil)
	st.NextOf(t, "notification", wait)
	if v := metric(t, e.s, "fleetman_sse_events_delivered_total"); v < 1 {
		t.Fatalf("delivered %v", v)
	}
	if v := metric(t, e.s, "fleetman_sse_delivery_latency_seconds_count"); v < 1 {
		t.Fatalf("latency count %v", v)
	}
	st.Close()
	deadline := time.Now().Add(wait)
	for metric(t, e.s, "fleetman_sse_open_streams") != 0 {
		if time.Now().After(deadline) {
			t.Fatal("a closed stream is still counted open")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
