package notificationhttp_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

type batchJSON struct {
	Created  int `json:"created"`
	Replayed int `json:"replayed"`
	Failed   int `json:"failed"`
	Results  []struct {
		Index        int               `json:"index"`
		Status       int               `json:"status"`
		Replayed     bool              `json:"replayed"`
		Notification *notificationJSON `json:"notification"`
		Error        *struct {
			Code   string            `json:"code"`
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	} `json:"results"`
}

func item(userID string, i int) map[string]any {
	return map[string]any{"userId": userID, "type": "SYSTEM", "title": "notification.system.title",
		"message": "notification.system.body", "metadata": map[string]any{"i": i}}
}

func (e *env) batch(t testing.TB, key string, items ...any) (batchJSON, *testkit.Response) {
	t.Helper()
	req := testkit.Request{Method: "POST", Path: "/api/v1/notifications/batch", Token: e.admin.Token,
		Body: map[string]any{"items": items}}
	if key != "" {
		req.Header = map[string]string{"Idempotency-Key": key}
	}
	res := e.s.Send(t, req).Expect(t, http.StatusOK)
	var out batchJSON
	res.JSON(t, &out)
	if len(out.Results) != len(items) {
		t.Fatalf("%d results for %d items", len(out.Results), len(items))
	}
	return out, res
}

// take reads the next n notifications of a stream (other events skipped).
func take(t testing.TB, st *testkit.Stream, n int) []notificationJSON {
	t.Helper()
	got := make([]notificationJSON, 0, n)
	for len(got) < n {
		ev := st.NextOf(t, "notification", wait)
		got = append(got, decode[notificationJSON](t, ev))
		if ev.LastEventID != got[len(got)-1].ID {
			t.Fatalf("event id %q for notification %s", ev.LastEventID, got[len(got)-1].ID)
		}
	}
	return got
}

// noMore fails when any of the streams got a notification not read yet,
// after a moment for one on its way.
func noMore(t testing.TB, streams ...*testkit.Stream) {
	t.Helper()
	time.Sleep(300 * time.Millisecond)
	for i, st := range streams {
		for {
			ev, ok := st.TryNext(time.Millisecond)
			if !ok {
				break
			}
			if ev.Type == "notification" {
				t.Fatalf("stream %d got one more: %s", i, ev.Data)
			}
		}
	}
}

func TestBatchPublishStoresEachItemAloneAndDeliversInOrder(t *testing.T) {
	e := newEnv(t, nil)
	ana, bea := e.s.Register(t, "Ana"), e.s.Register(t, "Bea")
	tab1, tab2, other := ana.Stream(t, ""), ana.Stream(t, ""), bea.Stream(t, "")
	for _, st := range []*testkit.Stream{tab1, tab2, other} {
		opened(t, st)
	}
	bad := item(ana.ID, 99)
	bad["title"] = "  "
	items := []any{item(ana.ID, 0), item(bea.ID, 1), bad, item(ana.ID, 3),
		item(domain.NewID(), 4),                     // no such user
		map[string]any{"userId": ana.ID, "type": 7}, // wrong type, missing fields
		"not an object", item(ana.ID, 7), item(bea.ID, 8)}
	out, _ := e.batch(t, "", items...)
	wantStatus := []int{201, 201, 400, 201, 404, 400, 400, 201, 201}
	for i, r := range out.Results {
		if r.Index != i || r.Status != wantStatus[i] || (r.Status == 201) != (r.Notification != nil) || (r.Status == 201) == (r.Error != nil) {
			t.Fatalf("item %d: %+v", i, r)
		}
		if r.Notification != nil && (r.Notification.Metadata["i"] != float64(i) || r.Notification.Source != "admin") {
			t.Fatalf("item %d stored %+v", i, r.Notification)
		}
	}
	if f := out.Results[2].Error.Fields; f["title"] == "" {
		t.Fatalf("blank title names no field: %+v", out.Results[2].Error)
	}
	if out.Results[4].Error.Code != "NOT_FOUND" || out.Results[5].Error.Fields["type"] == "" || out.Results[6].Error.Code != "VALIDATION_FAILED" {
		t.Fatalf("errors: %+v %+v %+v", out.Results[4].Error, out.Results[5].Error, out.Results[6].Error)
	}
	if out.Created != 5 || out.Failed != 4 || out.Replayed != 0 {
		t.Fatalf("counts %d created %d failed %d replayed", out.Created, out.Failed, out.Replayed)
	}
	// Every tab of Ana gets her items, in the request's order; Bea hers only.
	for name, tc := range map[string]struct {
		st   *testkit.Stream
		want []int
	}{"ana tab 1": {tab1, []int{0, 3, 7}}, "ana tab 2": {tab2, []int{0, 3, 7}}, "bea": {other, []int{1, 8}}} {
		got := take(t, tc.st, len(tc.want))
		for k, n := range got {
			if n.ID != out.Results[tc.want[k]].Notification.ID {
				t.Fatalf("%s: notification %d is %s, want item %d", name, k, n.ID, tc.want[k])
			}
		}
	}
	noMore(t, tab1, tab2, other)
	var page pageJSON
	ana.Do(t, "GET", "/api/v1/notifications", nil).Expect(t, http.StatusOK).JSON(t, &page)
	if len(page.Items) != 3 || page.Items[0].ID != out.Results[7].Notification.ID {
		t.Fatalf("Ana's inbox: %+v", page.Items)
	}
	var count struct{ Count int }
	bea.Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK).JSON(t, &count)
	if count.Count != 2 {
		t.Fatalf("Bea's count %d", count.Count)
	}
}

func TestBatchPublishDeliversAThousandToFortyStreams(t *testing.T) {
	e := newEnv(t, map[string]string{"REGISTER_BURST_PER_CLIENT": "40"}) // the global limit lets 50 at once
	users := make([]*testkit.User, 40)
	streams := make([]*testkit.Stream, len(users))
	for i := range users {
		users[i] = e.s.Register(t, fmt.Sprintf("User %d", i))
		streams[i] = users[i].Stream(t, "")
		opened(t, streams[i])
	}
	items := make([]any, 1000)
	for i := range items {
		items[i] = item(users[i%len(users)].ID, i)
	}
	out, _ := e.batch(t, "", items...)
	if out.Created != 1000 {
		t.Fatalf("%d created, %d failed", out.Created, out.Failed)
	}
	delivered := 0
	for u, st := range streams {
		got := take(t, st, len(items)/len(users))
		for k, n := range got {
			if n.UserID != users[u].ID || n.Metadata["i"] != float64(u+k*len(users)) {
				t.Fatalf("stream %d event %d: %+v", u, k, n)
			}
		}
		delivered += len(got)
	}
	noMore(t, streams...)
	if delivered != 1000 {
		t.Fatalf("%d of 1000 delivered", delivered)
	}
}

func TestBatchPublishUnderAnIdempotencyKey(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	st := ana.Stream(t, "")
	opened(t, st)
	items := []any{map[string]any{"userId": ana.ID}, item(ana.ID, 1), item(ana.ID, 2)}
	first, res := e.batch(t, "import-42", items...)
	if first.Created != 2 || first.Failed != 1 || res.Header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("first: %+v", first)
	}
	if got := take(t, st, 2); got[0].ID != first.Results[1].Notification.ID || got[1].ID != first.Results[2].Notification.ID {
		t.Fatalf("delivered %+v", got)
	}
	again, res := e.batch(t, "import-42", items...)
	if again.Replayed != 2 || again.Created != 0 || again.Failed != 1 || res.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry: %+v, header %q", again, res.Header.Get("Idempotent-Replayed"))
	}
	for i := 1; i < 3; i++ {
		if !again.Results[i].Replayed || again.Results[i].Notification.ID != first.Results[i].Notification.ID {
			t.Fatalf("retry item %d: %+v", i, again.Results[i])
		}
	}
	noMore(t, st) // a retry delivers nothing again
	changed := e.s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/notifications/batch", Token: e.admin.Token,
		Header: map[string]string{"Idempotency-Key": "import-42"}, Body: map[string]any{"items": []any{item(ana.ID, 1), item(ana.ID, 3)}}})
	if changed.Status != http.StatusConflict || changed.ErrorCode() != "CONFLICT" {
		t.Fatalf("the key with another body: %d %s", changed.Status, changed.Body)
	}
	// Keys are per publishing account and apart from POST /notifications's.
	e.admin.Do(t, "POST", "/api/v1/notifications", item(ana.ID, 5)).Expect(t, http.StatusCreated)
	var count struct{ Count int }
	ana.Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK).JSON(t, &count)
	if count.Count != 3 {
		t.Fatalf("count %d, want 3", count.Count)
	}
}

func TestBatchPublishRefusals(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	many := make([]any, 1001)
	for i := range many {
		many[i] = item(ana.ID, i)
	}
	huge := `{"items":[` + strings.Repeat(`{"userId":"x","type":"SYSTEM","title":"t","message":"`+strings.Repeat("m", 4000)+`"},`, 1100) + `{}]}`
	for name, tc := range map[string]struct {
		token  string
		body   any
		status int
		field  string
	}{
		"anonymous":       {"", map[string]any{"items": []any{item(ana.ID, 0)}}, 401, ""},
		"not an admin":    {ana.Token, map[string]any{"items": []any{item(ana.ID, 0)}}, 403, ""},
		"no items":        {e.admin.Token, map[string]any{"items": []any{}}, 400, "items"},
		"items missing":   {e.admin.Token, map[string]any{}, 400, "items"},
		"1,001 items":     {e.admin.Token, map[string]any{"items": many}, 400, "items"},
		"items not array": {e.admin.Token, map[string]any{"items": "x"}, 400, ""},
		"unknown field":   {e.admin.Token, map[string]any{"items": []any{item(ana.ID, 0)}, "extra": 1}, 400, ""},
		"malformed":       {e.admin.Token, `{"items":[`, 400, ""},
		"over 4 MiB":      {e.admin.Token, huge, 413, ""},
	} {
		res := e.s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/notifications/batch", Token: tc.token, Body: tc.body})
		if res.Status != tc.status {
			t.Errorf("%s: %d %s", name, res.Status, res.Body)
			continue
		}
		var body struct {
			Error struct{ Fields map[string]string } `json:"error"`
		}
		res.JSON(t, &body)
		if tc.field != "" && body.Error.Fields[tc.field] == "" {
			t.Errorf("%s: no field %q in %s", name, tc.field, res.Body)
		}
	}
	var count struct{ Count int }
	ana.Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK).JSON(t, &count)
	if count.Count != 0 {
		t.Fatalf("a refused batch stored %d", count.Count)
	}
}
