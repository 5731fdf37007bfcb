package deploytest

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

const (
	wait = 5 * time.Second
	// The stream settings of these tests: a heartbeat well inside the read
	// timeout the test gives nginx, and a stream kept open for three of them.
	heartbeat   = time.Second
	readTimeout = 3 * time.Second
	// live is the latency allowed for an event through nginx: an unbuffered
	// proxy adds a millisecond or so; a buffering one delays until its buffer
	// fills or the stream ends.
	live = time.Second
)

// loadDefaults is the configuration FleetMan runs with when nothing is set
// but JWT_SECRET (without it, Load would write a development secret next to
// the default SQLite path, here into the source tree).
func loadDefaults() (config.Config, error) {
	return config.Load(func(k string) (string, bool) {
		if k == "JWT_SECRET" {
			return testkit.Secret, true
		}
		return "", false
	})
}

// TestShippedConfKeepsStreamsPastTheHeartbeat reads the shipped
// deploy/nginx/fleetman.conf: the stream location reads for longer than
// FleetMan's default heartbeat (with room for a late one) and longer than
// nginx's own default of 60 s, and does not buffer, cache or compress.
func TestShippedConfKeepsStreamsPastTheHeartbeat(t *testing.T) {
	conf := testkit.ReadShippedNginxConf(t)
	defaults, err := loadDefaults()
	if err != nil {
		t.Fatal(err)
	}
	v, err := testkit.StreamDirective(conf, "proxy_read_timeout")
	if err != nil {
		t.Fatal(err)
	}
	timeout, err := testkit.ParseNginxDuration(v)
	if err != nil {
		t.Fatal(err)
	}
	if timeout < 2*defaults.SSEHeartbeat || timeout <= 60*time.Second {
		t.Fatalf("stream proxy_read_timeout %v: want at least twice SSE_HEARTBEAT's default %v and above nginx's 60s", timeout, defaults.SSEHeartbeat)
	}
	for name, want := range map[string]string{"proxy_buffering": "off", "proxy_cache": "off", "gzip": "off"} {
		if got, err := testkit.StreamDirective(conf, name); err != nil || got != want {
			t.Errorf("stream location %s = %q (%v), want %s", name, got, err, want)
		}
	}
}

// TestShippedConfKeepsUpstreamConnectionsAlive reads the upstream block of
// the shipped conf: enough idle connections are kept for a busy proxy to
// reuse them (with a handful, nginx opens and closes one per API request and
// FleetMan, which sees nginx as one client, refuses some with 429), at most
// FleetMan's default per-client connection cap, and closed by nginx before
// FleetMan's idle timeout would close them under it.
func TestShippedConfKeepsUpstreamConnectionsAlive(t *testing.T) {
	conf := testkit.ReadShippedNginxConf(t)
	defaults, err := loadDefaults()
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)upstream fleetman \{(.*?)\n\}`).FindStringSubmatch(conf)
	if block == nil {
		t.Fatal("no upstream fleetman block")
	}
	directive := func(name string) string {
		m := regexp.MustCompile(`(?m)^\s*` + name + `\s+([^;]+);`).FindStringSubmatch(block[1])
		if m == nil {
			t.Fatalf("upstream has no %s", name)
		}
		return m[1]
	}
	if n, err := strconv.Atoi(directive("keepalive")); err != nil || n < 128 || n > defaults.MaxConnsPerClient {
		t.Errorf("keepalive %d (%v): want 128 to HTTP_MAX_CONNS_PER_CLIENT's default %d", n, err, defaults.MaxConnsPerClient)
	}
	if d, err := testkit.ParseNginxDuration(directive("keepalive_timeout")); err != nil || d >= defaults.IdleTimeout {
		t.Errorf("keepalive_timeout %v (%v): want under HTTP_IDLE_TIMEOUT's default %v", d, err, defaults.IdleTimeout)
	}
}

// proxied is nginx (the shipped conf) in front of two FleetMan instances
// sharing one SQLite file and a real redis-server.
type proxied struct {
	a, b  *instance
	nginx *testkit.Nginx
	proxy *testkit.Server // requests and streams through nginx
	admin *testkit.User
}

func startProxied(t *testing.T) *proxied {
	t.Helper()
	redisURL := testkit.StartRedis(t)
	adminEmail := "admin." + domain.NewID()[20:] + "@example.com"
	env := map[string]string{
		"SQLITE_PATH": filepath.Join(t.TempDir(), "shared.db"), "REDIS_URL": redisURL, "ADMIN_EMAILS": adminEmail,
		"SSE_HEARTBEAT": heartbeat.String(), "SSE_RETRY": "200ms", "SSE_MAX_STREAMS_PER_USER": "16",
		"WEB_DIR": webDir(t),
		// Added by the trusted-proxy work; until then gin trusts every peer.
		"TRUSTED_PROXIES": "127.0.0.1/32",
	}
	p := &proxied{a: startInstance(t, env), b: startInstance(t, env)}
	p.nginx = testkit.StartNginx(t, testkit.NginxOptions{Upstreams: []string{p.a.Addr, p.b.Addr},
		StreamReadTimeout: readTimeout.String(), SourceIP: "127.0.0.2"})
	p.proxy = &testkit.Server{URL: p.nginx.URL, Client: p.nginx.Client}
	p.admin = p.a.Admin(t, "Admin", adminEmail).As(p.proxy) // created as the operator does, used through nginx
	return p
}

// publish creates a notification for userID on one instance directly (not
// through nginx), so that a test names the instance an event starts from.
func (p *proxied) publish(t testing.TB, on *instance, userID string, i int) string {
	t.Helper()
	var n struct{ ID string }
	p.admin.As(on.Server).Do(t, "POST", "/api/v1/notifications", map[string]any{"userId": userID, "type": "SYSTEM",
		"title": "notification.system.title", "message": "notification.system.body", "metadata": map[string]any{"i": i}}).
		Expect(t, http.StatusCreated).JSON(t, &n)
	return n.ID
}

// openThroughNginx opens a stream for u through nginx and reads its preamble.
func (p *proxied) openThroughNginx(t testing.TB, u *testkit.User, lastEventID string) *testkit.Stream {
	t.Helper()
	st := u.As(p.proxy).Stream(t, lastEventID)
	if e := st.Next(t, wait); e.Type != "connected" {
		t.Fatalf("first event %q", e.Type)
	}
	return st
}

// TestFleetManBehindNginx runs Debian's nginx with the shipped conf (TLS,
// HTTP/2): in front of two instances sharing a store and Redis, and, at the
// same time (its minute of silence overlaps the rest), in front of one
// instance whose heartbeat is longer than nginx's default read timeout.
func TestFleetManBehindNginx(t *testing.T) {
	t.Run("a silent stream outlives nginx's default 60 s read timeout with the shipped conf", func(t *testing.T) {
		t.Parallel()
		testStreamPastNginxDefault(t)
	})
	t.Run("two instances", func(t *testing.T) {
		t.Parallel()
		testTwoInstancesBehindNginx(t)
	})
}

// testStreamPastNginxDefault holds a stream through the shipped conf's
// stream timeouts (nothing replaced) for longer than 60 s without a byte:
// FleetMan's heartbeat is set to 63 s, so nginx's own default
// proxy_read_timeout (60 s) would cut the stream before its first heartbeat.
// The heartbeat arrives, and an event after it, live.
func testStreamPastNginxDefault(t *testing.T) {
	const silence = 63 * time.Second
	adminEmail := "admin." + domain.NewID()[20:] + "@example.com"
	in := startInstance(t, map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "long.db"), "ADMIN_EMAILS": adminEmail,
		"SSE_HEARTBEAT": silence.String(), "WEB_DIR": webDir(t), "TRUSTED_PROXIES": "127.0.0.1/32"})
	ng := testkit.StartNginx(t, testkit.NginxOptions{Upstreams: []string{in.Addr}})
	v, err := testkit.StreamDirective(ng.Conf, "proxy_read_timeout")
	if err != nil {
		t.Fatal(err)
	}
	if d, err := testkit.ParseNginxDuration(v); err != nil || d <= silence {
		t.Fatalf("the shipped stream proxy_read_timeout %q (%v) is not above %v: this test would only show nginx cutting it", v, err, silence)
	}
	proxy := &testkit.Server{URL: ng.URL, Client: ng.Client}
	admin := in.Admin(t, "Admin", adminEmail)
	cy := proxy.Register(t, "Cy")
	st := cy.As(proxy).Stream(t, "")
	defer st.Close()
	if e := st.Next(t, wait); e.Type != "connected" {
		t.Fatalf("first event %q", e.Type)
	}
	opened := time.Now()
	time.Sleep(time.Second) // the rest of the preamble (the unread count) comes at once
	preamble := len(st.Events())
	for st.Heartbeats() == 0 {
		if st.Ended() {
			t.Fatalf("the stream ended after %v of silence (nginx: %s)", time.Since(opened).Round(time.Second), errorLogTail(ng))
		}
		if time.Since(opened) > silence+wait {
			t.Fatalf("no heartbeat within %v", silence+wait)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// Nothing between the preamble (first second) and the heartbeat: more than 61 s without a byte.
	if quiet := time.Since(opened) - time.Second; quiet < 61*time.Second || len(st.Events()) != preamble {
		t.Fatalf("the first heartbeat %v after the preamble, %d events after it: the stream was not silent for more than 61 s",
			quiet, len(st.Events())-preamble)
	}
	start := time.Now()
	var n struct{ ID string }
	admin.Do(t, "POST", "/api/v1/notifications", map[string]any{"userId": cy.ID, "type": "SYSTEM",
		"title": "notification.system.title", "message": "notification.system.body"}).Expect(t, http.StatusCreated).JSON(t, &n)
	if e := st.NextOf(t, "notification", wait); e.LastEventID != n.ID || time.Since(start) > live {
		t.Fatalf("after the silence: %s after %v, want %s within %v", e.LastEventID, time.Since(start), n.ID, live)
	}
	if st.Ended() {
		t.Fatal("the stream ended")
	}
	if logs, _ := os.ReadFile(ng.ErrorLog); strings.Contains(string(logs), "upstream timed out") {
		t.Fatalf("nginx timed the stream out:\n%s", logs)
	}
	t.Logf("silent for %v through nginx, then a heartbeat and an event", time.Since(opened).Round(time.Second))
}

func errorLogTail(n *testkit.Nginx) string {
	b, _ := os.ReadFile(n.ErrorLog)
	return string(b[max(0, len(b)-2000):])
}

// testTwoInstancesBehindNginx is nginx in front of two instances sharing a
// store and Redis; its subtests run in order on the same instances.
func testTwoInstancesBehindNginx(t *testing.T) {
	p := startProxied(t)
	ana := p.proxy.Register(t, "Ana")

	t.Run("the stream is HTTP/2, unbuffered and never compressed; assets are", func(t *testing.T) {
		req, _ := http.NewRequest("GET", p.nginx.URL+"/api/v1/notifications/stream", nil)
		req.Header.Set("Authorization", "Bearer "+ana.Token)
		req.Header.Set("Accept-Encoding", "gzip")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		res, err := p.nginx.Client.Do(req.WithContext(ctx))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.ProtoMajor != 2 || res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
			t.Fatalf("%s %d %v", res.Proto, res.StatusCode, res.Header)
		}
		if ce := res.Header.Get("Content-Encoding"); ce != "" {
			t.Fatalf("the stream came %s-encoded", ce)
		}
		// The first bytes arrive at once, not when a buffer fills.
		first := make([]byte, 16)
		start := time.Now()
		if _, err := io.ReadAtLeast(res.Body, first, 1); err != nil || time.Since(start) > live {
			t.Fatalf("first bytes after %v: %v", time.Since(start), err)
		}
		cancel()

		asset := get(t, p.nginx.Client, p.nginx.URL+"/assets/index-3f9a1c2e.js", "gzip")
		if asset.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(asset.Header.Get("Cache-Control"), "immutable") {
			t.Fatalf("asset: %v", asset.Header)
		}
		zr, err := gzip.NewReader(asset.Body)
		if err != nil {
			t.Fatal(err)
		}
		if body, _ := io.ReadAll(zr); !strings.HasPrefix(string(body), "export const fleet") {
			t.Fatalf("asset body %.40q", body)
		}
		for _, page := range []string{"/", "/machines"} {
			if res := get(t, p.nginx.Client, p.nginx.URL+page, ""); res.StatusCode != 200 || res.Header.Get("Cache-Control") != "no-cache" {
				t.Fatalf("%s: %d %v", page, res.StatusCode, res.Header)
			}
		}
		if res := get(t, p.nginx.Client, p.nginx.URL+"/metrics", ""); res.StatusCode != http.StatusNotFound {
			t.Fatalf("/metrics through the proxy: %d", res.StatusCode)
		}
		if res := get(t, p.nginx.Client, p.nginx.HTTPURL+"/machines", ""); res.StatusCode != http.StatusMovedPermanently ||
			!strings.HasPrefix(res.Header.Get("Location"), "https://") {
			t.Fatalf("plain HTTP: %d %v", res.StatusCode, res.Header)
		}
	})

	t.Run("FleetMan sees the client's address, not nginx's", func(t *testing.T) {
		ana.As(p.proxy).Do(t, "GET", "/api/v1/notifications/unread-count", nil).Expect(t, http.StatusOK)
		a, b := p.a.log.Clients(), p.b.log.Clients()
		if a["127.0.0.2"]+b["127.0.0.2"] == 0 {
			t.Fatalf("clients seen: %v %v (the test dials nginx from 127.0.0.2; nginx reaches FleetMan from 127.0.0.1)", a, b)
		}
	})

	t.Run("events published on either instance arrive live on streams held by both", func(t *testing.T) {
		first := p.openThroughNginx(t, ana, "")
		second := p.openThroughNginx(t, ana, "")
		// least_conn spreads the two streams over the two instances.
		waitStreams(t, p.a, "1")
		waitStreams(t, p.b, "1")
		var slowest time.Duration
		for i, on := range []*instance{p.a, p.b, p.a, p.b, p.b, p.a} {
			start := time.Now()
			id := p.publish(t, on, ana.ID, i)
			for _, st := range []*testkit.Stream{first, second} {
				e := st.NextOf(t, "notification", wait)
				if e.LastEventID != id {
					t.Fatalf("got %s, want %s", e.LastEventID, id)
				}
				slowest = max(slowest, time.Since(start))
			}
		}
		if slowest > live {
			t.Fatalf("slowest delivery through nginx %v, want under %v", slowest, live)
		}
		t.Logf("slowest delivery through nginx (publish included): %v", slowest)
		first.Close()
		second.Close()
	})

	t.Run("Last-Event-ID replays through the proxy", func(t *testing.T) {
		st := p.openThroughNginx(t, ana, "")
		var ids []string
		for i := range 6 {
			ids = append(ids, p.publish(t, []*instance{p.a, p.b}[i%2], ana.ID, i))
		}
		for _, id := range ids[:3] {
			if e := st.NextOf(t, "notification", wait); e.LastEventID != id {
				t.Fatalf("got %s, want %s", e.LastEventID, id)
			}
		}
		st.Close()
		again := p.openThroughNginx(t, ana, ids[2])
		for _, id := range ids[3:] {
			if e := again.Next(t, wait); e.Type != "notification" || e.LastEventID != id {
				t.Fatalf("replay: %s %s, want %s", e.Type, e.LastEventID, id)
			}
		}
		again.Close()
	})

	t.Run("heartbeats keep a stream open for three times nginx's read timeout", func(t *testing.T) {
		st := p.openThroughNginx(t, ana, "")
		time.Sleep(3 * readTimeout)
		if st.Ended() {
			t.Fatalf("the stream ended within %v", 3*readTimeout)
		}
		if beats := st.Heartbeats(); beats < int(3*readTimeout/heartbeat)-2 {
			t.Fatalf("%d heartbeats in %v", beats, 3*readTimeout)
		}
		id := p.publish(t, p.b, ana.ID, 0)
		if e := st.NextOf(t, "notification", wait); e.LastEventID != id {
			t.Fatalf("got %s, want %s", e.LastEventID, id)
		}
		st.Close()
	})

	t.Run("a read timeout shorter than the heartbeat cuts the stream", func(t *testing.T) {
		// The same conf with proxy_read_timeout below SSE_HEARTBEAT: what keeps
		// streams open above is that setting, not luck.
		short := testkit.StartNginx(t, testkit.NginxOptions{Upstreams: []string{p.a.Addr, p.b.Addr}, StreamReadTimeout: "400ms"})
		st := ana.As(&testkit.Server{URL: short.URL, Client: short.Client}).Stream(t, "")
		if e := st.Next(t, wait); e.Type != "connected" {
			t.Fatalf("first event %q", e.Type)
		}
		st.WaitEnded(t, 3*heartbeat)
		if logs, _ := os.ReadFile(short.ErrorLog); !strings.Contains(string(logs), "upstream timed out") {
			t.Fatalf("nginx did not log the read timeout:\n%s", logs)
		}
	})

	t.Run("a graceful stop moves its streams to the other instance with nothing lost", func(t *testing.T) {
		bea := p.proxy.Register(t, "Bea")
		var streams []*testkit.Stream
		for range 6 {
			streams = append(streams, p.openThroughNginx(t, bea, ""))
		}
		waitStreams(t, p.a, "3")
		waitStreams(t, p.b, "3")
		var published []string
		for i := range 10 {
			published = append(published, p.publish(t, []*instance{p.a, p.b}[i%2], bea.ID, i))
		}
		p.a.Stop(t) // what SIGTERM does: streams get the shutdown event, then Serve returns
		for i := 10; i < 20; i++ {
			published = append(published, p.publish(t, p.b, bea.ID, i))
		}
		// Each client reads until its stream ends (shutdown) and reconnects
		// through nginx with the last id it saw, as EventSource does.
		got := make([][]string, len(streams))
		moved := 0
		for i, st := range streams {
			for len(got[i]) < 20 {
				e, ok := st.TryNext(wait)
				if !ok {
					if !st.Ended() {
						t.Fatalf("stream %d: stuck after %d events", i, len(got[i]))
					}
					moved++
					st = p.openThroughNginx(t, bea, st.LastEventID())
					continue
				}
				if e.Type == "notification" {
					got[i] = append(got[i], e.LastEventID)
				}
			}
			streams[i] = st
		}
		if moved != 3 {
			t.Fatalf("%d streams reconnected, want the 3 that were on A", moved)
		}
		waitStreams(t, p.b, "6")
		for i := 20; i < 25; i++ {
			published = append(published, p.publish(t, p.b, bea.ID, i))
		}
		for i, st := range streams {
			for len(got[i]) < 25 {
				if e := st.Next(t, wait); e.Type == "notification" {
					got[i] = append(got[i], e.LastEventID)
				}
			}
			if !slices.Equal(got[i], published) {
				t.Fatalf("stream %d got %v,\nwant %v", i, got[i], published)
			}
		}
	})
}

// waitStreams waits until the instance counts want open streams (a stream
// closed by its client is counted until its next write fails).
func waitStreams(t *testing.T, in *instance, want string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		got := in.OpenStreams(t)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("instance %s holds %s streams, want %s", in.Addr, got, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func get(t *testing.T, c *http.Client, url, encoding string) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(fmt.Errorf("GET %s: %w", url, err))
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}
