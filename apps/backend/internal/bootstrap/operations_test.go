package bootstrap_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

func TestOperationsEndpoints(t *testing.T) {
	s := testkit.NewServer(t)
	s.Send(t, testkit.Request{Method: "GET", Path: "/healthz"}).Expect(t, 200)
	ready := s.Send(t, testkit.Request{Method: "GET", Path: "/readyz"}).Expect(t, 200)
	if !strings.Contains(string(ready.Body), `"sqlite"`) {
		t.Fatalf("readyz %s", ready.Body)
	}
	metrics := s.Send(t, testkit.Request{Method: "GET", Path: "/metrics"}).Expect(t, 200)
	if !strings.Contains(string(metrics.Body), `fleetman_http_requests_total{method="GET",route="/readyz",status="200"} 1`) {
		t.Fatalf("metrics lack the request counter:\n%s", metrics.Body)
	}
	ui := s.Send(t, testkit.Request{Method: "GET", Path: "/swagger/index.html"}).Expect(t, 200)
	if !strings.Contains(string(ui.Body), "swagger-ui") {
		t.Fatalf("swagger UI: %.200s", ui.Body)
	}
	spec := s.Send(t, testkit.Request{Method: "GET", Path: "/swagger/doc.json"}).Expect(t, 200)
	if !strings.Contains(string(spec.Body), `"BearerAuth"`) || !strings.Contains(string(spec.Body), `"/auth/login"`) {
		t.Fatalf("spec: %.300s", spec.Body)
	}
	for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy", "X-Request-Id"} {
		if ready.Header.Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}
}

func TestUnknownRoutesAndPanicsAnswerTheErrorBody(t *testing.T) {
	s := testkit.NewServer(t)
	res := s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/no-such-thing"}).Expect(t, 404)
	if res.ErrorCode() != "NOT_FOUND" {
		t.Fatalf("body %s", res.Body)
	}
	engine := s.App.Handler().(*gin.Engine)
	engine.GET("/test-panic", func(*gin.Context) { panic("secret internal detail") })
	res = s.Send(t, testkit.Request{Method: "GET", Path: "/test-panic"}).Expect(t, 500)
	if res.ErrorCode() != "INTERNAL" || strings.Contains(string(res.Body), "secret") {
		t.Fatalf("panic answered %s", res.Body)
	}
	// The server is still up.
	s.Send(t, testkit.Request{Method: "GET", Path: "/healthz"}).Expect(t, 200)
}

func TestReadinessFailsWhenTheStoreIsGone(t *testing.T) {
	s := testkit.NewServer(t)
	s.App.Close(context.Background())
	// The verdict is cached for readinessTTL: the next probe finds the store gone.
	var res *testkit.Response
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if res = s.Send(t, testkit.Request{Method: "GET", Path: "/readyz"}); res.Status == 503 || time.Now().After(deadline) {
			break
		}
	}
	res.Expect(t, 503)
	if res.ErrorCode() != "UNAVAILABLE" || res.Header.Get("Retry-After") == "" {
		t.Fatalf("readyz %s", res.Body)
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/healthz"}).Expect(t, 200)
}

func TestCORSAllowsOnlyConfiguredOrigins(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"ALLOWED_ORIGINS": "https://app.example.com"}))
	pre := func(origin string) *testkit.Response {
		return s.Send(t, testkit.Request{Method: "OPTIONS", Path: "/api/v1/users/me", Header: map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "GET"}})
	}
	ok := pre("https://app.example.com")
	if ok.Header.Get("Access-Control-Allow-Origin") != "https://app.example.com" || ok.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Fatalf("allowed origin: %d %v", ok.Status, ok.Header)
	}
	bad := pre("https://evil.example")
	if bad.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("foreign origin allowed: %v", bad.Header)
	}
}

func TestWebAppWithSPAFallback(t *testing.T) {
	web := t.TempDir()
	if err := os.MkdirAll(filepath.Join(web, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(web, "index.html"), []byte("<!doctype html><title>FleetMan</title>"), 0o644)
	os.WriteFile(filepath.Join(web, "assets", "app.js"), []byte("console.log(1)"), 0o644)
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"WEB_DIR": web}))
	for _, p := range []string{"/", "/machines/123", "/messages/abc"} {
		res := s.Send(t, testkit.Request{Method: "GET", Path: p}).Expect(t, 200)
		if !strings.Contains(string(res.Body), "<title>FleetMan</title>") {
			t.Fatalf("%s: %s", p, res.Body)
		}
	}
	js := s.Send(t, testkit.Request{Method: "GET", Path: "/assets/app.js"}).Expect(t, 200)
	if string(js.Body) != "console.log(1)" || !strings.Contains(js.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("asset: %s %v", js.Body, js.Header)
	}
	// Path traversal stays inside the web folder.
	res := s.Send(t, testkit.Request{Method: "GET", Path: "/../../etc/passwd"})
	if strings.Contains(string(res.Body), "root:") {
		t.Fatal("path traversal")
	}
	// API paths never fall back to the app.
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/unknown"}).Expect(t, http.StatusNotFound)
}

func TestWebAppAndJSONAreCompressedAndMapsNotServed(t *testing.T) {
	web := t.TempDir()
	if err := os.MkdirAll(filepath.Join(web, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	script := strings.Repeat("console.log('fleet');\n", 200)
	os.WriteFile(filepath.Join(web, "index.html"), []byte("<!doctype html><title>FleetMan</title>"+strings.Repeat(" ", 600)), 0o644)
	os.WriteFile(filepath.Join(web, "assets", "app-1a2b.js"), []byte(script), 0o644)
	os.WriteFile(filepath.Join(web, "assets", "app-1a2b.js.map"), []byte(`{"version":3}`), 0o644)
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"WEB_DIR": web}))
	gz := map[string]string{"Accept-Encoding": "gzip"}
	unzip := func(res *testkit.Response) string {
		t.Helper()
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("not compressed: %v", res.Header)
		}
		zr, err := gzip.NewReader(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		return string(b)
	}
	js := s.Send(t, testkit.Request{Method: "GET", Path: "/assets/app-1a2b.js", Header: gz}).Expect(t, http.StatusOK)
	if unzip(js) != script || !strings.Contains(js.Header.Get("Cache-Control"), "max-age=31536000") {
		t.Fatalf("asset %v", js.Header)
	}
	page := s.Send(t, testkit.Request{Method: "GET", Path: "/machines/1", Header: gz}).Expect(t, http.StatusOK)
	if !strings.Contains(unzip(page), "<title>FleetMan</title>") || page.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("index %v", page.Header)
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/assets/app-1a2b.js.map"}).Expect(t, http.StatusNotFound)
	// JSON answers too (a large enough one: the spec).
	u := s.Register(t, "Zip")
	list := s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines", Token: u.Token, Header: gz}).Expect(t, http.StatusOK)
	if strings.TrimSpace(unzip(list)) != "[]" {
		t.Fatalf("json %s", list.Body)
	}
}
