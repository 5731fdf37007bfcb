package notificationhttp_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/bootstrap"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// TestStreamOverHTTP2 covers servers that cannot hand the connection over
// (HTTP/2 behind TLS): the stream then runs on the response writer, with the
// same events, and ends when the client goes.
func TestStreamOverHTTP2(t *testing.T) {
	env := map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "f.db"), "JWT_SECRET": testkit.Secret,
		"BCRYPT_COST": "4", "WEB_DIR": filepath.Join(t.TempDir(), "none"), "ADMIN_EMAILS": "admin@example.com"}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app, err := bootstrap.New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(app.Handler())
	ts.EnableHTTP2 = true
	ts.StartTLS()
	jobs := app.StartBackground(ctx)
	defer func() {
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		app.Shutdown(sctx)
		ts.Close()
		cancel()
		jobs.Wait()
		app.Close(sctx)
	}()
	client := ts.Client()
	register := func(email string) (id, token string) {
		res, err := client.Post(ts.URL+"/api/v1/auth/register", "application/json",
			strings.NewReader(`{"email":"`+email+`","password":"password-123","name":"N"}`))
		if err != nil || res.StatusCode != http.StatusCreated {
			t.Fatalf("register: %v %v", res, err)
		}
		defer res.Body.Close()
		var out struct {
			User  struct{ ID string }
			Token string
		}
		_ = json.NewDecoder(res.Body).Decode(&out)
		return out.User.ID, out.Token
	}
	if _, err := app.CreateAdmin().Handle(ctx, accountapp.CreateAdmin{Email: "admin@example.com",
		Password: "password-123", Name: "Admin"}); err != nil {
		t.Fatal(err)
	}
	var admin string
	if res, err := client.Post(ts.URL+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"admin@example.com","password":"password-123"}`)); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("admin login: %v %v", res, err)
	} else {
		var out struct{ Token string }
		_ = json.NewDecoder(res.Body).Decode(&out)
		res.Body.Close()
		admin = out.Token
	}
	anaID, ana := register("ana@example.com")

	sctx, stop := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(sctx, "GET", ts.URL+"/api/v1/notifications/stream", nil)
	req.Header.Set("Authorization", "Bearer "+ana)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.ProtoMajor != 2 || res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("%s %d %v", res.Proto, res.StatusCode, res.Header)
	}
	got := make(chan sse.Parsed, 16)
	p := &sse.Parser{OnEvent: func(e sse.Parsed) { got <- e }}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := res.Body.Read(buf)
			p.Feed(buf[:n])
			if err != nil {
				close(got)
				return
			}
		}
	}()
	next := func() sse.Parsed {
		select {
		case e := <-got:
			return e
		case <-time.After(wait):
			t.Fatal("no event")
		}
		return sse.Parsed{}
	}
	if e := next(); e.Type != "connected" {
		t.Fatalf("first %s", e.Type)
	}
	if e := next(); e.Type != "unread-count" {
		t.Fatalf("second %s", e.Type)
	}
	preq, _ := http.NewRequest("POST", ts.URL+"/api/v1/notifications",
		strings.NewReader(`{"userId":"`+anaID+`","type":"SYSTEM","title":"t","message":"m"}`))
	preq.Header.Set("Authorization", "Bearer "+admin)
	preq.Header.Set("Content-Type", "application/json")
	pres, err := client.Do(preq)
	if err != nil || pres.StatusCode != http.StatusCreated {
		t.Fatalf("publish: %v %v", pres, err)
	}
	pres.Body.Close()
	if e := next(); e.Type != "notification" || e.LastEventID == "" {
		t.Fatalf("%+v", e)
	}
	stop() // the client goes away
	deadline := time.Now().Add(wait)
	for {
		mres, err := client.Get(ts.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(mres.Body)
		mres.Body.Close()
		if strings.Contains(string(body), "\nfleetman_sse_open_streams 0\n") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the HTTP/2 stream is still counted open")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
