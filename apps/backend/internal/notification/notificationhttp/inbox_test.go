package notificationhttp_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

type pageJSON struct {
	Items      []notificationJSON `json:"items"`
	NextCursor *string            `json:"nextCursor"`
}

func TestInboxListPaginatesNewestFirstAndFilters(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	var ids []string
	for i := 0; i < 5; i++ {
		ids = append(ids, e.publish(t, ana.ID, map[string]any{"i": i}).ID)
	}
	e.publish(t, e.s.Register(t, "Bea").ID, nil)
	slices.Reverse(ids)
	var got []string
	path := "/api/v1/notifications?limit=2"
	for {
		var p pageJSON
		ana.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &p)
		for _, n := range p.Items {
			got = append(got, n.ID)
		}
		if p.NextCursor == nil {
			break
		}
		path = "/api/v1/notifications?limit=2&cursor=" + *p.NextCursor
	}
	if !slices.Equal(got, ids) {
		t.Fatalf("listed %v, want %v", got, ids)
	}
	ana.Do(t, "POST", "/api/v1/notifications/"+ids[0]+"/read", nil).Expect(t, http.StatusNoContent)
	var unread pageJSON
	ana.Do(t, "GET", "/api/v1/notifications?status=unread", nil).Expect(t, http.StatusOK).JSON(t, &unread)
	if len(unread.Items) != 4 || unread.NextCursor != nil {
		t.Fatalf("unread: %d items", len(unread.Items))
	}
	var byType pageJSON
	ana.Do(t, "GET", "/api/v1/notifications?type=NEW_MESSAGE", nil).Expect(t, http.StatusOK).JSON(t, &byType)
	if len(byType.Items) != 0 || byType.Items == nil {
		t.Fatalf("type filter: %+v", byType)
	}
	var count struct{ Count int }
	ana.Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK).JSON(t, &count)
	if count.Count != 4 {
		t.Fatalf("count %d", count.Count)
	}
	for _, bad := range []string{"status=new", "type=PARTY", "limit=0", "limit=101", "limit=x", "cursor=nope"} {
		if res := ana.Do(t, "GET", "/api/v1/notifications?"+bad, nil); res.Status != http.StatusBadRequest || res.ErrorCode() != "VALIDATION_FAILED" {
			t.Errorf("%s: %d %s", bad, res.Status, res.Body)
		}
	}
}

func TestInboxReadReadAllAndDeleteAreScopedToTheOwner(t *testing.T) {
	e := newEnv(t, nil)
	ana, bea := e.s.Register(t, "Ana"), e.s.Register(t, "Bea")
	a1, a2 := e.publish(t, ana.ID, nil), e.publish(t, ana.ID, nil)
	b1 := e.publish(t, bea.ID, nil)
	count := func(u *testkit.User) int {
		var c struct{ Count int }
		u.Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK).JSON(t, &c)
		return c.Count
	}
	// Another user's notification does not exist for Ana.
	ana.Do(t, "POST", "/api/v1/notifications/"+b1.ID+"/read", nil).Expect(t, http.StatusNotFound)
	ana.Do(t, "DELETE", "/api/v1/notifications/"+b1.ID, nil).Expect(t, http.StatusNotFound)
	ana.Do(t, "POST", "/api/v1/notifications/"+domain.NewID()+"/read", nil).Expect(t, http.StatusNotFound)
	ana.Do(t, "POST", "/api/v1/notifications/not-an-id/read", nil).Expect(t, http.StatusNotFound)
	if count(bea) != 1 {
		t.Fatal("Bea's notification changed")
	}
	ana.Do(t, "POST", "/api/v1/notifications/"+a1.ID+"/read", nil).Expect(t, http.StatusNoContent)
	ana.Do(t, "POST", "/api/v1/notifications/"+a1.ID+"/read", nil).Expect(t, http.StatusNoContent) // idempotent
	if count(ana) != 1 {
		t.Fatalf("count %d", count(ana))
	}
	ana.Do(t, "POST", "/api/v1/notifications/read-all", nil).Expect(t, http.StatusNoContent)
	if count(ana) != 0 || count(bea) != 1 {
		t.Fatal("read-all crossed users")
	}
	ana.Do(t, "DELETE", "/api/v1/notifications/"+a2.ID, nil).Expect(t, http.StatusNoContent)
	ana.Do(t, "DELETE", "/api/v1/notifications/"+a2.ID, nil).Expect(t, http.StatusNotFound)
	var p pageJSON
	ana.Do(t, "GET", "/api/v1/notifications", nil).Expect(t, http.StatusOK).JSON(t, &p)
	if len(p.Items) != 1 || p.Items[0].ID != a1.ID || !p.Items[0].Read {
		t.Fatalf("%+v", p)
	}
	// Cookie-authenticated writes from a foreign origin are refused (CSRF).
	res := e.s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/notifications/read-all", Cookies: []*http.Cookie{ana.Cookie},
		Header: map[string]string{"Origin": "https://evil.example"}})
	if res.Status != http.StatusForbidden {
		t.Fatalf("cross-origin cookie write: %d", res.Status)
	}
}

func TestAdminPublish(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	n := e.publish(t, ana.ID, map[string]any{"machineName": "Excavator 7"})
	if n.UserID != ana.ID || n.Source != "admin" || n.Priority != "HIGH" || n.Read || n.Metadata["machineName"] != "Excavator 7" ||
		time.Since(n.CreatedAt) > time.Minute {
		t.Fatalf("%+v", n)
	}
	body := map[string]any{"userId": ana.ID, "type": "SYSTEM", "title": "t", "message": "m"}
	if res := ana.Do(t, "POST", "/api/v1/notifications", body); res.Status != http.StatusForbidden || res.ErrorCode() != "FORBIDDEN" {
		t.Fatalf("non-admin: %d %s", res.Status, res.Body)
	}
	var def notificationJSON
	e.admin.Do(t, "POST", "/api/v1/notifications", body).Expect(t, http.StatusCreated).JSON(t, &def)
	if def.Priority != "NORMAL" || def.ActionURL != nil || def.Metadata == nil {
		t.Fatalf("defaults: %+v", def)
	}
	for name, tc := range map[string]struct {
		body   map[string]any
		status int
	}{
		"unknown user":     {map[string]any{"userId": domain.NewID(), "type": "SYSTEM", "title": "t", "message": "m"}, 404},
		"malformed user":   {map[string]any{"userId": "x", "type": "SYSTEM", "title": "t", "message": "m"}, 400},
		"bad type":         {map[string]any{"userId": ana.ID, "type": "PARTY", "title": "t", "message": "m"}, 400},
		"bad priority":     {map[string]any{"userId": ana.ID, "type": "SYSTEM", "title": "t", "message": "m", "priority": "MEH"}, 400},
		"missing title":    {map[string]any{"userId": ana.ID, "type": "SYSTEM", "message": "m"}, 400},
		"external url":     {map[string]any{"userId": ana.ID, "type": "SYSTEM", "title": "t", "message": "m", "actionUrl": "https://evil"}, 400},
		"unknown field":    {map[string]any{"userId": ana.ID, "type": "SYSTEM", "title": "t", "message": "m", "extra": 1}, 400},
		"operator in meta": {map[string]any{"userId": ana.ID, "type": "SYSTEM", "title": "t", "message": "m", "metadata": map[string]any{"$gt": 1}}, 400},
		"long title":       {map[string]any{"userId": ana.ID, "type": "SYSTEM", "title": strings.Repeat("t", 201), "message": "m"}, 400},
	} {
		if res := e.admin.Do(t, "POST", "/api/v1/notifications", tc.body); res.Status != tc.status {
			t.Errorf("%s: %d %s", name, res.Status, res.Body)
		}
	}
}

func TestInboxListFiltersByPriorityAndTypeWithCursorPaging(t *testing.T) {
	e := newEnv(t, nil)
	ana, bea := e.s.Register(t, "Ana"), e.s.Register(t, "Bea")
	publish := func(userID, typ, priority string) string {
		body := map[string]any{"userId": userID, "type": typ, "title": "notification.system.title",
			"message": "notification.system.body", "actionUrl": "/machines", "priority": priority}
		var n notificationJSON
		e.admin.Do(t, "POST", "/api/v1/notifications", body).Expect(t, http.StatusCreated).JSON(t, &n)
		return n.ID
	}
	var high, highSystem []string
	for i, p := range []string{"HIGH", "LOW", "URGENT", "NORMAL", "HIGH", "URGENT", "LOW"} {
		typ := "SYSTEM"
		if i%2 == 1 {
			typ = "MAINTENANCE_ALERT"
		}
		id := publish(ana.ID, typ, p)
		if p == "HIGH" || p == "URGENT" {
			high = append(high, id)
			if typ == "SYSTEM" {
				highSystem = append(highSystem, id)
			}
		}
	}
	publish(bea.ID, "SYSTEM", "URGENT")
	slices.Reverse(high)
	slices.Reverse(highSystem)

	list := func(query string) []string {
		var got []string
		path := "/api/v1/notifications?limit=1&" + query
		for {
			var p pageJSON
			ana.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &p)
			for _, n := range p.Items {
				got = append(got, n.ID)
			}
			if p.NextCursor == nil {
				return got
			}
			path = "/api/v1/notifications?limit=1&" + query + "&cursor=" + *p.NextCursor
		}
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"priority=HIGH,URGENT", high},
		{"priority=HIGH,%20URGENT&type=SYSTEM", highSystem},
		{"priority=URGENT&type=SYSTEM&status=unread", highSystem[1:2]},
	} {
		if got := list(tc.query); !slices.Equal(got, tc.want) {
			t.Errorf("%s: listed %v, want %v", tc.query, got, tc.want)
		}
	}
	for _, bad := range []string{"priority=", "priority=high", "priority=HIGH,SOON", "priority=LOW,LOW,LOW,LOW,LOW"} {
		res := ana.Do(t, "GET", "/api/v1/notifications?"+bad, nil)
		var body struct {
			Error struct {
				Code   string
				Fields map[string]string
			}
		}
		res.JSON(t, &body)
		if res.Status != http.StatusBadRequest || body.Error.Code != "VALIDATION_FAILED" || body.Error.Fields["priority"] == "" {
			t.Errorf("%s: %d %s", bad, res.Status, res.Body)
		}
	}
}
