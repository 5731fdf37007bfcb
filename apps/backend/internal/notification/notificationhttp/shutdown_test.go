package notificationhttp_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/bootstrap"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// TestServeStopsStreamsGracefully runs the server as main does (ServeListener
// until its context ends, which SIGTERM does through signal.NotifyContext):
// every open stream gets the shutdown event and is closed, and Serve returns.
func TestServeStopsStreamsGracefully(t *testing.T) {
	env := map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "f.db"), "JWT_SECRET": testkit.Secret,
		"BCRYPT_COST": "4", "WEB_DIR": filepath.Join(t.TempDir(), "none"), "SHUTDOWN_TIMEOUT": "5s"}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	app, err := bootstrap.New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- app.ServeListener(ctx, ln) }()
	s := &testkit.Server{URL: "http://" + ln.Addr().String(), App: app, Config: cfg}
	res, err := http.Post(s.URL+"/api/v1/auth/register", "application/json",
		strings.NewReader(`{"email":"ana@example.com","password":"password-ana","name":"Ana"}`))
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("register: %v %v", res, err)
	}
	var session struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&session); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var streams []*testkit.Stream
	for i := 0; i < 3; i++ {
		st, res := s.OpenStream(t, testkit.StreamOptions{Token: session.Token})
		if st == nil {
			t.Fatalf("status %d", res.Status)
		}
		opened(t, st)
		streams = append(streams, st)
	}
	stop() // what SIGTERM does
	for _, st := range streams {
		st.NextOf(t, "shutdown", wait)
		st.WaitEnded(t, wait)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
	if _, err := http.Get(s.URL + "/healthz"); err == nil {
		t.Fatal("still serving")
	}
}
