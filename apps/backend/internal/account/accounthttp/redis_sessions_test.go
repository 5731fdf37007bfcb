package accounthttp_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// A logout on instance A closes the session's stream held by instance B
// (SessionEvents over the Redis channel fleetman:sessions:v1).
func TestLogoutOnOneInstanceClosesTheStreamOnAnother(t *testing.T) {
	redisURL := testkit.StartRedis(t)
	vars := map[string]string{"REDIS_URL": redisURL, "SQLITE_PATH": filepath.Join(t.TempDir(), "shared.db")}
	a := testkit.NewServer(t, testkit.WithEnv(vars))
	b := testkit.NewServer(t, testkit.WithEnv(vars))
	ana := a.Register(t, "Ana")
	onB := openStream(t, ana.As(b))
	ana.As(b).Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 200) // B holds a fresh "live" verdict
	a.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: ana.Token}).Expect(t, 204)
	onB.WaitEnded(t, 3*time.Second)
	ana.As(b).Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 401)
}

// With Redis down, a logout on instance A still answers at once, and B's
// stream of that session closes at B's next session sweep (3 × TTL): the end
// is in the shared store even though no message reached B.
func TestALogoutWhileRedisIsDownClosesTheOtherInstancesStreamAtTheSweep(t *testing.T) {
	redis := testkit.StartRedisServer(t)
	vars := map[string]string{"REDIS_URL": redis.URL, "SQLITE_PATH": filepath.Join(t.TempDir(), "shared.db"),
		"SESSION_CACHE_TTL": "300ms"}
	a := testkit.NewServer(t, testkit.WithEnv(vars))
	b := testkit.NewServer(t, testkit.WithEnv(vars))
	ana := a.Register(t, "Ana")
	onB := openStream(t, ana.As(b))
	redis.Stop()
	start := time.Now()
	a.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: ana.Token}).Expect(t, 204)
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("logout took %v with Redis down; want it not to wait for Redis", took)
	}
	onB.WaitEnded(t, 4*time.Second) // sweep every 900 ms, plus the batched read
	ana.As(b).Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 401)
}
