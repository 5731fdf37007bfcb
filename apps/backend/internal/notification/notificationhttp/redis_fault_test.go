package notificationhttp_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

// publisher publishes at a steady rate through one instance and records
// every acknowledged notification (201) with its user and its latency.
type publisher struct {
	s     *testkit.Server
	token string
	users []string

	mu    sync.Mutex
	acked map[string][]string // user → ids acknowledged
	lat   map[string][]time.Duration
	phase string
	fails int
}

func (p *publisher) run(stop <-chan struct{}, every time.Duration, wg *sync.WaitGroup) {
	defer wg.Done()
	client := &http.Client{Timeout: 30 * time.Second}
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		user := p.users[rand.IntN(len(p.users))]
		body, _ := json.Marshal(map[string]any{"userId": user, "type": "SYSTEM", "title": "notification.system.title",
			"message": "notification.system.body", "metadata": map[string]any{"i": i}})
		req, _ := http.NewRequest(http.MethodPost, p.s.URL+"/api/v1/notifications", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+p.token)
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		res, err := client.Do(req)
		took := time.Since(start)
		if err != nil {
			p.mu.Lock()
			p.fails++
			p.mu.Unlock()
			continue
		}
		var n struct{ ID string }
		_ = json.NewDecoder(res.Body).Decode(&n)
		res.Body.Close()
		p.mu.Lock()
		if res.StatusCode == http.StatusCreated {
			p.acked[user] = append(p.acked[user], n.ID)
			p.lat[p.phase] = append(p.lat[p.phase], took)
		} else {
			p.fails++
		}
		p.mu.Unlock()
	}
}

func (p *publisher) setPhase(name string) {
	p.mu.Lock()
	p.phase = name
	p.mu.Unlock()
}

func p99(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	d = slices.Clone(d)
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[(len(d)*99)/100]
}

// TestNoAcknowledgedNotificationIsLostWhenRedisFails runs two instances on
// one store and one real redis-server, with streams of every user on both
// and a steady publish rate on both, through three faults: Redis stopped for
// seconds and started again, hung (SIGSTOP/SIGCONT), and restarted. After
// them, every stream holds every acknowledged notification of its user
// exactly once, in id order, and publishing never waited on Redis.
func TestNoAcknowledgedNotificationIsLostWhenRedisFails(t *testing.T) {
	if testing.Short() {
		t.Skip("fault run")
	}
	redis := testkit.StartRedisServer(t)
	email := "admin." + domain.NewID()[20:] + "@example.com"
	vars := map[string]string{"REDIS_URL": redis.URL, "ADMIN_EMAILS": email,
		"SQLITE_PATH": filepath.Join(t.TempDir(), "shared.db")}
	a := testkit.NewServer(t, testkit.WithEnv(vars))
	b := testkit.NewServer(t, testkit.WithEnv(vars))
	admin := a.Admin(t, "Admin", email)

	const users = 10 // five registered on each instance: registration is limited per client address
	var ids []string
	type pair struct {
		user string
		onA  *testkit.Stream
		onB  *testkit.Stream
	}
	var streams []pair
	for i := range users {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		u := srv.Register(t, fmt.Sprintf("User %d", i))
		u = u.As(a)
		ids = append(ids, u.ID)
		sa := u.Stream(t, "")
		sb := u.As(b).Stream(t, "")
		opened(t, sa)
		opened(t, sb)
		streams = append(streams, pair{user: u.ID, onA: sa, onB: sb})
	}
	pubs := []*publisher{
		{s: a, token: admin.Token, users: ids, acked: map[string][]string{}, lat: map[string][]time.Duration{}, phase: "healthy"},
		{s: b, token: admin.Token, users: ids, acked: map[string][]string{}, lat: map[string][]time.Duration{}, phase: "healthy"},
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, p := range pubs {
		wg.Add(1)
		go p.run(stop, 10*time.Millisecond, &wg) // 100/s on each instance
	}
	phase := func(name string, d time.Duration) {
		for _, p := range pubs {
			p.setPhase(name)
		}
		time.Sleep(d)
	}
	phase("healthy", 2*time.Second)
	redis.Stop()
	phase("stopped", 4*time.Second)
	redis.Start()
	phase("after-stop", 2*time.Second)
	redis.Pause()
	phase("hung", 4*time.Second)
	redis.Resume()
	phase("after-hang", 2*time.Second)
	redis.Stop()
	redis.Start()
	phase("restarted", 3*time.Second)
	close(stop)
	wg.Wait()

	acked := map[string][]string{}
	total := 0
	for _, p := range pubs {
		for u, list := range p.acked {
			acked[u] = append(acked[u], list...)
			total += len(list)
		}
	}
	if total < 1500 {
		t.Fatalf("only %d notifications acknowledged (fails %d, %d)", total, pubs[0].fails, pubs[1].fails)
	}
	// Every stream ends with exactly its user's acknowledged set, in id order.
	deadline := time.Now().Add(15 * time.Second)
	for _, sp := range streams {
		want := slices.Clone(acked[sp.user])
		slices.Sort(want)
		for name, st := range map[string]*testkit.Stream{"A": sp.onA, "B": sp.onB} {
			var got []string
			for {
				got = got[:0]
				for _, e := range st.Events() {
					if e.Type == "notification" {
						got = append(got, e.LastEventID)
					}
				}
				if len(got) >= len(want) || time.Now().After(deadline) {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if !slices.IsSorted(got) {
				t.Errorf("stream on %s of %s: ids out of order", name, sp.user)
			}
			if c := slices.Compact(slices.Clone(got)); len(c) != len(got) {
				t.Errorf("stream on %s of %s: %d duplicates", name, sp.user, len(got)-len(c))
			}
			if !slices.Equal(slices.Compact(slices.Clone(got)), want) {
				missing := 0
				for _, id := range want {
					if !slices.Contains(got, id) {
						missing++
					}
				}
				t.Errorf("stream on %s of %s: %d events, %d acknowledged, %d missing", name, sp.user, len(got), len(want), missing)
			}
		}
	}
	var healthy []time.Duration
	for _, p := range pubs {
		healthy = append(healthy, p.lat["healthy"]...)
	}
	base := p99(healthy)
	for _, name := range []string{"stopped", "hung", "restarted"} {
		var during []time.Duration
		for _, p := range pubs {
			during = append(during, p.lat[name]...)
		}
		got := p99(during)
		t.Logf("publish p99 %s: %v (healthy %v, %d publishes)", name, got, base, len(during))
		// "The same order of magnitude": ten times the healthy p99, with a
		// floor for a shared machine's noise. (A publish that waited on
		// Redis took the bus timeout: seconds.)
		if got > max(10*base, 250*time.Millisecond) {
			t.Errorf("publish p99 while Redis was %s: %v; healthy %v", name, got, base)
		}
		if len(during) < 100 {
			t.Errorf("only %d publishes acknowledged while Redis was %s", len(during), name)
		}
	}
	t.Logf("%d acknowledged, every one on %d streams", total, 2*users)
}
