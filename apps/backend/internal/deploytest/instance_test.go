package deploytest

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/bootstrap"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// instance is one FleetMan server run as main runs it (ServeListener until
// its context ends, which is what SIGTERM does), so that a test can stop it
// gracefully while nginx and the other instance keep going.
type instance struct {
	*testkit.Server
	Addr   string
	log    *accessLog
	stop   context.CancelFunc
	served chan error
	once   sync.Once
}

// startInstance serves the app on a free loopback port with env (on top of
// the test defaults); it is stopped at cleanup if the test did not stop it.
func startInstance(t *testing.T, env map[string]string) *instance {
	t.Helper()
	all := map[string]string{"JWT_SECRET": testkit.Secret, "BCRYPT_COST": "4", "DEMO_DATA": "false", "SHUTDOWN_TIMEOUT": "3s"}
	for k, v := range env {
		all[k] = v
	}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := all[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs := &accessLog{}
	ctx, stop := context.WithCancel(context.Background())
	app, err := bootstrap.New(ctx, cfg, slog.New(logs))
	if err != nil {
		stop()
		ln.Close()
		t.Fatal(err)
	}
	in := &instance{Addr: ln.Addr().String(), log: logs, stop: stop, served: make(chan error, 1)}
	in.Server = &testkit.Server{URL: "http://" + in.Addr, App: app, Config: cfg}
	go func() { in.served <- app.ServeListener(ctx, ln) }()
	t.Cleanup(func() { in.Stop(t) })
	for deadline := time.Now().Add(10 * time.Second); ; {
		res, err := http.Get(in.URL + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return in
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("instance %s not ready: %v", in.Addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop stops the instance as SIGTERM does and waits for Serve to return.
func (in *instance) Stop(t testing.TB) {
	t.Helper()
	in.once.Do(func() {
		in.stop()
		select {
		case err := <-in.served:
			if err != nil {
				t.Errorf("instance %s: %v", in.Addr, err)
			}
		case <-time.After(15 * time.Second):
			t.Errorf("instance %s did not stop", in.Addr)
		}
	})
}

// OpenStreams is the instance's own count (fleetman_sse_open_streams), read directly.
func (in *instance) OpenStreams(t testing.TB) string {
	t.Helper()
	res, err := http.Get(in.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, "fleetman_sse_open_streams "); ok {
			return v
		}
	}
	t.Fatal("no fleetman_sse_open_streams in /metrics")
	return ""
}

// accessLog keeps the "client" of every access-log line: the address
// FleetMan believes the request came from.
type accessLog struct {
	mu      sync.Mutex
	clients map[string]int
}

func (l *accessLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *accessLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *accessLog) WithGroup(string) slog.Handler            { return l }
func (l *accessLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "http request" {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "client" {
			l.mu.Lock()
			if l.clients == nil {
				l.clients = map[string]int{}
			}
			l.clients[a.Value.String()]++
			l.mu.Unlock()
		}
		return true
	})
	return nil
}

func (l *accessLog) Clients() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]int{}
	for k, v := range l.clients {
		out[k] = v
	}
	return out
}

// webDir is a built web app in miniature: index.html and one hashed asset
// large enough for gzip.
func webDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"index.html":               `<!doctype html><html><head><script type="module" src="/assets/index-3f9a1c2e.js"></script></head><body><div id="root"></div></body></html>`,
		"assets/index-3f9a1c2e.js": strings.Repeat("export const fleet = 'machines, maintenance plans and quick checks';\n", 200),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
