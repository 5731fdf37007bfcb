// Package testkit starts the real application (the same composition root as
// main) on a real SQLite file behind an httptest server, for HTTP tests.
package testkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/bootstrap"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/packages/domain"
)

// Server is a running application.
type Server struct {
	URL    string
	App    *bootstrap.App
	Config config.Config
	HTTP   *httptest.Server // nil for a server started otherwise (then Client or the default client is used)
	Client *http.Client     // when set, every request and stream goes through it (e.g. TLS to a proxy)
}

// Option changes the environment the app's configuration is read from.
type Option func(env map[string]string)

// WithEnv sets configuration variables as the environment would.
func WithEnv(kv map[string]string) Option {
	return func(env map[string]string) {
		for k, v := range kv {
			env[k] = v
		}
	}
}

// Secret is the JWT secret of test servers.
const Secret = "test-secret-test-secret-test-secret-0123"

// NewServer builds the app on a fresh SQLite file (or the SQLITE_PATH an option
// sets, to share one store between two instances) and serves it on loopback.
// Background jobs run until the test ends.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	env := map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "fleetman.db"), "JWT_SECRET": Secret,
		"BCRYPT_COST": "4", "DEMO_DATA": "false", "WEB_DIR": filepath.Join(t.TempDir(), "no-web")}
	for _, o := range opts {
		o(env)
	}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	ctx, cancel := context.WithCancel(context.Background())
	app, err := bootstrap.New(ctx, cfg, log)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(app.Handler())
	app.ConfigureServer(ts.Config) // the slow-client limits of a real server
	ts.Start()
	jobs := app.StartBackground(ctx)
	s := &Server{URL: ts.URL, App: app, Config: cfg, HTTP: ts}
	t.Cleanup(func() {
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		app.Shutdown(sctx)
		ts.CloseClientConnections()
		ts.Close()
		cancel()
		jobs.Wait()
		app.Close(sctx)
	})
	return s
}

func (s *Server) client() *http.Client {
	switch {
	case s.Client != nil:
		return s.Client
	case s.HTTP != nil:
		return s.HTTP.Client()
	}
	return http.DefaultClient
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// Response is a finished request.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// ErrorCode returns error.code of an error body ("" if none).
func (r *Response) ErrorCode() string {
	var b struct {
		Error struct{ Code string } `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &b)
	return b.Error.Code
}

// Expect fails the test unless the status is want.
func (r *Response) Expect(t testing.TB, want int) *Response {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d: %s", r.Status, want, r.Body)
	}
	return r
}

// Request is one call; Body may be a string or []byte (sent as is) or any value (sent as JSON).
type Request struct {
	Method, Path, Token string
	Body                any
	Header              map[string]string
	Cookies             []*http.Cookie
}

// Send performs req against the server.
func (s *Server) Send(t testing.TB, req Request) *Response {
	t.Helper()
	var body io.Reader
	switch b := req.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr, err := http.NewRequest(req.Method, s.URL+req.Path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if req.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.Token)
	}
	for k, v := range req.Header {
		hr.Header.Set(k, v)
	}
	for _, c := range req.Cookies {
		hr.AddCookie(c)
	}
	res, err := s.client().Do(hr)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.Path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: raw}
}

// User is a registered test account.
type User struct {
	ID, Email, Name, Password, Token string
	Cookie                           *http.Cookie
	s                                *Server
}

// Register creates an account named name (with a unique email) and returns it signed in.
func (s *Server) Register(t testing.TB, name string) *User {
	t.Helper()
	email := fmt.Sprintf("%s.%s@example.com", strings.ToLower(strings.ReplaceAll(name, " ", ".")), domain.NewID()[20:])
	pw := "password-" + name
	res := s.Send(t, Request{Method: "POST", Path: "/api/v1/auth/register",
		Body: map[string]string{"email": email, "password": pw, "name": name, "businessName": name + " Ltd"}}).Expect(t, http.StatusCreated)
	return s.signedIn(t, res, pw)
}

// Do sends a Bearer-authenticated JSON request as u.
func (u *User) Do(t testing.TB, method, path string, body any) *Response {
	t.Helper()
	return u.s.Send(t, Request{Method: method, Path: path, Token: u.Token, Body: body})
}

// Notification is a notification as GET /api/v1/notifications shows it.
type Notification struct {
	ID        string         `json:"id"`
	UserID    string         `json:"userId"`
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Message   string         `json:"message"`
	Metadata  map[string]any `json:"metadata"`
	ActionURL string         `json:"actionUrl"`
	Priority  string         `json:"priority"`
	Source    string         `json:"source"`
	Read      bool           `json:"read"`
}

// Notifications lists u's notifications of one type (read or not) through the inbox API.
func (u *User) Notifications(t testing.TB, typ string) []Notification {
	t.Helper()
	var page struct{ Items []Notification }
	u.Do(t, "GET", "/api/v1/notifications?status=all&limit=100&type="+typ, nil).Expect(t, http.StatusOK).JSON(t, &page)
	return page.Items
}
