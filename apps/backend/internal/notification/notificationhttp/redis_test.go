package notificationhttp_test

import (
	"net/http"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

// TestCrossInstanceDeliveryThroughRedis starts a real redis-server and two
// server instances sharing one store: what is created on A reaches a stream
// held by B, and a read on B reaches a stream held by A.
func TestCrossInstanceDeliveryThroughRedis(t *testing.T) {
	redisURL := testkit.StartRedis(t)
	email := "admin." + domain.NewID()[20:] + "@example.com"
	vars := map[string]string{"REDIS_URL": redisURL, "ADMIN_EMAILS": email,
		"SQLITE_PATH": filepath.Join(t.TempDir(), "shared.db")}
	a := testkit.NewServer(t, testkit.WithEnv(vars))
	b := testkit.NewServer(t, testkit.WithEnv(vars))
	e := &env{s: a, admin: a.Admin(t, "Admin", email)}
	ana := a.Register(t, "Ana")
	bea := a.Register(t, "Bea")

	onB := ana.As(b).Stream(t, "")
	opened(t, onB)
	onA := ana.Stream(t, "")
	opened(t, onA)
	beaOnB := bea.As(b).Stream(t, "")
	opened(t, beaOnB)

	var created []string
	for i := 0; i < 20; i++ {
		created = append(created, e.publish(t, ana.ID, map[string]any{"i": i}).ID)
	}
	for _, st := range []*testkit.Stream{onA, onB} {
		var got []string
		for range created {
			got = append(got, st.NextOf(t, "notification", wait).LastEventID)
		}
		if !slices.Equal(got, created) {
			t.Fatalf("got %v, want %v", got, created)
		}
	}
	ana.As(b).Do(t, "POST", "/api/v1/notifications/"+created[0]+"/read", nil).Expect(t, http.StatusNoContent)
	r := decode[struct {
		IDs []string `json:"ids"`
	}](t, onA.NextOf(t, "notification.read", wait))
	if !slices.Equal(r.IDs, created[:1]) {
		t.Fatalf("read on B seen on A as %v", r.IDs)
	}
	// The unread count converges to the store's on both instances.
	for _, st := range []*testkit.Stream{onA, onB} {
		for {
			c := decode[struct{ Count int }](t, st.NextOf(t, "unread-count", wait))
			if c.Count == 19 {
				break
			}
		}
	}
	for _, ev := range beaOnB.Events() {
		if ev.Type == "notification" {
			t.Fatalf("Bea received Ana's notification %s", ev.LastEventID)
		}
	}
	// A stream on B replays what was created on A.
	late := ana.As(b).Stream(t, created[17])
	if late.Next(t, wait).Type != "connected" {
		t.Fatal("no connected event")
	}
	for _, want := range created[18:] {
		if ev := late.Next(t, wait); ev.LastEventID != want {
			t.Fatalf("replay on B: %s, want %s", ev.LastEventID, want)
		}
	}
}
