package notificationhttp_test

import (
	"github.com/fleetman/fleetman/packages/domain/notification"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

type preferencesJSON struct {
	Types []struct {
		Type    string `json:"type"`
		InApp   bool   `json:"inApp"`
		Desktop bool   `json:"desktop"`
		Quiet   bool   `json:"quiet"`
	} `json:"types"`
	UpdatedAt *time.Time `json:"updatedAt"`
}

func (p preferencesJSON) inApp(typ string) (bool, bool) {
	for _, v := range p.Types {
		if v.Type == typ {
			return v.InApp, true
		}
	}
	return false, false
}

// publishAs publishes a notification of typ and priority to userID as the
// admin and returns the status (201 created, 204 muted).
func (e *env) publishAs(t testing.TB, userID, typ, priority string) int {
	t.Helper()
	body := map[string]any{"userId": userID, "type": typ, "title": "notification.system.title",
		"message": "notification.system.body", "priority": priority}
	return e.admin.Do(t, "POST", "/api/v1/notifications", body).Status
}

func muteNewMessages(t testing.TB, u *testkit.User) {
	t.Helper()
	u.Do(t, "PUT", "/api/v1/notifications/preferences", map[string]any{"types": []map[string]any{
		{"type": "NEW_MESSAGE", "inApp": false, "desktop": false, "quiet": false},
	}}).Expect(t, http.StatusOK)
}

func TestPreferencesDefaultForANewAccount(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	var p preferencesJSON
	ana.Do(t, "GET", "/api/v1/notifications/preferences", nil).Expect(t, http.StatusOK).JSON(t, &p)
	if p.UpdatedAt != nil || len(p.Types) != len(notification.Types)-1 { // every type but SYSTEM
		t.Fatalf("defaults: %+v", p)
	}
	for _, v := range p.Types {
		if v.Type == "SYSTEM" || !v.InApp || !v.Desktop || v.Quiet {
			t.Errorf("default of %s: %+v", v.Type, v)
		}
	}
}

func TestAMutedTypeCreatesNothingAndHighStillArrives(t *testing.T) {
	e := newEnv(t, nil)
	ana, bea := e.s.Register(t, "Ana"), e.s.Register(t, "Bea")
	st := ana.Stream(t, "")
	opened(t, st)
	muteNewMessages(t, ana)
	st.NextOf(t, "notification.preferences", wait)

	if got := e.publishAs(t, ana.ID, "NEW_MESSAGE", "NORMAL"); got != http.StatusNoContent {
		t.Fatalf("muted publish: %d, want 204", got)
	}
	if got := e.publishAs(t, ana.ID, "NEW_MESSAGE", "LOW"); got != http.StatusNoContent {
		t.Fatalf("muted LOW publish: %d, want 204", got)
	}
	var page pageJSON
	ana.Do(t, "GET", "/api/v1/notifications", nil).Expect(t, http.StatusOK).JSON(t, &page)
	if len(page.Items) != 0 {
		t.Fatalf("a muted type created %d notifications", len(page.Items))
	}
	// HIGH is delivered whatever the preference; so is an unmuted type.
	if got := e.publishAs(t, ana.ID, "NEW_MESSAGE", "HIGH"); got != http.StatusCreated {
		t.Fatalf("HIGH publish: %d, want 201", got)
	}
	if got := e.publishAs(t, ana.ID, "CONTACT_REQUEST", "NORMAL"); got != http.StatusCreated {
		t.Fatalf("unmuted publish: %d, want 201", got)
	}
	first := decode[notificationJSON](t, st.NextOf(t, "notification", wait))
	second := decode[notificationJSON](t, st.NextOf(t, "notification", wait))
	if first.Type != "NEW_MESSAGE" || first.Priority != "HIGH" || second.Type != "CONTACT_REQUEST" {
		t.Fatalf("stream heard %s/%s then %s", first.Type, first.Priority, second.Type)
	}
	var count struct{ Count int }
	ana.Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK).JSON(t, &count)
	if count.Count != 2 {
		t.Fatalf("unread %d, want 2", count.Count)
	}
	// Bea's preferences are her own: the same type reaches her.
	if got := e.publishAs(t, bea.ID, "NEW_MESSAGE", "NORMAL"); got != http.StatusCreated {
		t.Fatalf("Bea's publish: %d, want 201", got)
	}
	var beas preferencesJSON
	bea.Do(t, "GET", "/api/v1/notifications/preferences", nil).Expect(t, http.StatusOK).JSON(t, &beas)
	if on, _ := beas.inApp("NEW_MESSAGE"); !on || beas.UpdatedAt != nil {
		t.Fatalf("Bea sees Ana's preferences: %+v", beas)
	}
	// Switching the type back on takes effect at once (the cache forgot it).
	ana.Do(t, "PUT", "/api/v1/notifications/preferences", map[string]any{"types": []any{}}).Expect(t, http.StatusOK)
	if got := e.publishAs(t, ana.ID, "NEW_MESSAGE", "NORMAL"); got != http.StatusCreated {
		t.Fatalf("after unmuting: %d, want 201", got)
	}
}

func TestPreferencesRefuseBadInputNamingTheFieldAndKeepWhatWasStored(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	muteNewMessages(t, ana)
	on, off := true, false
	item := func(typ string, inApp *bool) map[string]any {
		m := map[string]any{"type": typ, "desktop": true, "quiet": false}
		if inApp != nil {
			m["inApp"] = *inApp
		}
		return m
	}
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"unknown type", map[string]any{"types": []any{item("PARTY", &on)}}, "types[0].type"},
		{"SYSTEM cannot be muted", map[string]any{"types": []any{item("SYSTEM", &off)}}, "types[0].type"},
		{"twice", map[string]any{"types": []any{item("NEW_MESSAGE", &on), item("NEW_MESSAGE", &off)}}, "types[1].type"},
		{"a switch missing", map[string]any{"types": []any{item("NEW_MESSAGE", nil)}}, "types[0].inApp"},
		{"no list", map[string]any{}, "types"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ana.Do(t, "PUT", "/api/v1/notifications/preferences", c.body).Expect(t, http.StatusBadRequest)
			var b struct {
				Error struct {
					Code   string            `json:"code"`
					Fields map[string]string `json:"fields"`
				} `json:"error"`
			}
			res.JSON(t, &b)
			if b.Error.Code != "VALIDATION_FAILED" || b.Error.Fields[c.field] == "" {
				t.Fatalf("body %s, want the field %s named", res.Body, c.field)
			}
		})
	}
	var p preferencesJSON
	ana.Do(t, "GET", "/api/v1/notifications/preferences", nil).Expect(t, http.StatusOK).JSON(t, &p)
	if on, ok := p.inApp("NEW_MESSAGE"); !ok || on {
		t.Fatalf("a refused change lost the stored preference: %+v", p)
	}
	anon := e.s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/notifications/preferences"})
	if anon.Status != http.StatusUnauthorized {
		t.Fatalf("anonymous: %d", anon.Status)
	}
}

// TestPreferencesChangeReachesTheOtherInstance: instance A has the user's
// preferences cached (it created a notification for them); the user mutes
// the type on instance B; A's next notification of that type is muted,
// because the change's announcement over Redis made A forget its copy — long
// before the cache's TTL (an hour here) would have.
func TestPreferencesChangeReachesTheOtherInstance(t *testing.T) {
	redisURL := testkit.StartRedis(t)
	email := "admin." + domain.NewID()[20:] + "@example.com"
	vars := map[string]string{"REDIS_URL": redisURL, "ADMIN_EMAILS": email,
		"SQLITE_PATH": filepath.Join(t.TempDir(), "shared.db"), "NOTIFICATION_PREFERENCES_CACHE_TTL": "1h"}
	a := testkit.NewServer(t, testkit.WithEnv(vars))
	b := testkit.NewServer(t, testkit.WithEnv(vars))
	e := &env{s: a, admin: a.Admin(t, "Admin", email)}
	ana := a.Register(t, "Ana")
	onA := ana.Stream(t, "")
	opened(t, onA)
	if got := e.publishAs(t, ana.ID, "NEW_MESSAGE", "NORMAL"); got != http.StatusCreated { // cached on A
		t.Fatalf("first publish: %d", got)
	}
	muteNewMessages(t, ana.As(b))
	onA.NextOf(t, "notification.preferences", wait) // A's streams heard it: A forgot first
	if got := e.publishAs(t, ana.ID, "NEW_MESSAGE", "NORMAL"); got != http.StatusNoContent {
		t.Fatalf("publish on A after muting on B: %d, want 204", got)
	}
}

// The batch path applies the same preferences per item: a muted item answers
// 204 and creates nothing, a HIGH one of the same type is stored.
func TestAMutedTypeInABatchCreatesNothing(t *testing.T) {
	e := newEnv(t, nil)
	ana := e.s.Register(t, "Ana")
	muteNewMessages(t, ana)
	item := func(priority string) map[string]any {
		return map[string]any{"userId": ana.ID, "type": "NEW_MESSAGE", "title": "notification.system.title",
			"message": "notification.system.body", "priority": priority}
	}
	var out struct {
		Results []struct{ Status int } `json:"results"`
	}
	e.admin.Do(t, "POST", "/api/v1/notifications/batch", map[string]any{"items": []any{item("NORMAL"), item("HIGH")}}).
		Expect(t, http.StatusOK).JSON(t, &out)
	if len(out.Results) != 2 || out.Results[0].Status != http.StatusNoContent || out.Results[1].Status != http.StatusCreated {
		t.Fatalf("batch results %+v, want 204 then 201", out.Results)
	}
	var count struct{ Count int }
	ana.Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK).JSON(t, &count)
	if count.Count != 1 {
		t.Fatalf("unread %d after the batch, want 1 (the HIGH one)", count.Count)
	}
}
