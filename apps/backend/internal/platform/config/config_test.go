package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) Lookup {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaultsServeOnAFreshMachine(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(env(map[string]string{"SQLITE_PATH": filepath.Join(dir, "db", "f.db")}))
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "127.0.0.1:8080" || c.JWTTTL != 24*time.Hour || c.SSEHeartbeat != 30*time.Second ||
		c.SSERetry != 3*time.Second || c.SSEMaxStreamsPerUser != 8 || c.AlarmCheckInterval != 5*time.Minute || c.AlarmCheckDelay != 0 ||
		c.NotificationTTL != 2160*time.Hour || c.MongoDatabase != "fleetman" || c.CookieSecure {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if len(c.JWTSecret) < 32 {
		t.Fatalf("dev secret too short: %q", c.JWTSecret)
	}
	again, err := Load(env(map[string]string{"SQLITE_PATH": filepath.Join(dir, "db", "f.db")}))
	if err != nil || string(again.JWTSecret) != string(c.JWTSecret) {
		t.Fatalf("dev secret not kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "db", "jwt-secret")); err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.AllowedOrigins, ",") != "http://127.0.0.1:8080,http://localhost:8080" {
		t.Fatalf("origins %v", c.AllowedOrigins)
	}
	if c.DocumentFilesDir != filepath.Join(dir, "db", "documents") {
		t.Fatalf("document files beside the SQLite file: %q", c.DocumentFilesDir)
	}
	set, err := Load(env(map[string]string{"SQLITE_PATH": filepath.Join(dir, "db", "f.db"), "DOCUMENT_FILES_DIR": "/srv/files"}))
	if err != nil || set.DocumentFilesDir != "/srv/files" {
		t.Fatalf("DOCUMENT_FILES_DIR: %q %v", set.DocumentFilesDir, err)
	}
}

func TestInvalidValuesAreReportedByName(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"production without secret", map[string]string{"APP_ENV": "production"}, []string{"JWT_SECRET is required"}},
		{"short secret", map[string]string{"JWT_SECRET": "short"}, []string{"JWT_SECRET must be at least 32"}},
		{"bad duration", map[string]string{"SSE_HEARTBEAT": "often", "JWT_TTL": "-1h"}, []string{"SSE_HEARTBEAT", "JWT_TTL must be positive"}},
		{"bad addr", map[string]string{"HTTP_ADDR": "8080"}, []string{"HTTP_ADDR must be host:port"}},
		{"bad origin", map[string]string{"ALLOWED_ORIGINS": "fleet.example.com"}, []string{"ALLOWED_ORIGINS"}},
		{"bad mongo", map[string]string{"MONGODB_URI": "http://x"}, []string{"MONGODB_URI"}},
		{"bad bool", map[string]string{"DEMO_DATA": "maybe"}, []string{"DEMO_DATA"}},
		{"negative alarm delay", map[string]string{"ALARM_CHECK_DELAY": "-1s"}, []string{"ALARM_CHECK_DELAY must not be negative"}},
		{"negative purge delay", map[string]string{"NOTIFICATION_PURGE_DELAY": "-1s"}, []string{"NOTIFICATION_PURGE_DELAY must not be negative"}},
		{"bad int", map[string]string{"SSE_MAX_STREAMS_PER_USER": "0"}, []string{"SSE_MAX_STREAMS_PER_USER"}},
		{"pprof on the network", map[string]string{"PPROF_ADDR": "0.0.0.0:6060"}, []string{"PPROF_ADDR must be a loopback address"}},
		{"bad pprof addr", map[string]string{"PPROF_ADDR": "6060"}, []string{"PPROF_ADDR must be host:port"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.env["SQLITE_PATH"] = filepath.Join(t.TempDir(), "f.db")
			_, err := Load(env(tt.env))
			if err == nil {
				t.Fatal("expected an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestNotificationPurgeDelay(t *testing.T) {
	secret := strings.Repeat("k", 40) // given: no secret file is made in the source tree
	tests := []struct {
		name, value string
		want        time.Duration
	}{
		{"unset: the first pass at start", "", 0},
		{"a delay", "90s", 90 * time.Second},
		{"zero", "0", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := map[string]string{"JWT_SECRET": secret}
			if tt.value != "" {
				m["NOTIFICATION_PURGE_DELAY"] = tt.value
			}
			c, err := Load(env(m))
			if err != nil || c.NotificationPurgeDelay != tt.want {
				t.Fatalf("NOTIFICATION_PURGE_DELAY=%q: %v, %v (want %v)", tt.value, c.NotificationPurgeDelay, err, tt.want)
			}
		})
	}
}

func TestProductionWithSecret(t *testing.T) {
	c, err := Load(env(map[string]string{"APP_ENV": "production", "JWT_SECRET": strings.Repeat("k", 40),
		"ALLOWED_ORIGINS": "https://fleet.example.com/, http://localhost:5173", "ADMIN_EMAILS": "Boss@Example.com"}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.CookieSecure || c.DevMode() || c.AllowedOrigins[0] != "https://fleet.example.com" || c.AdminEmails[0] != "boss@example.com" {
		t.Fatalf("%+v", c)
	}
}

func TestTrustedProxiesAreParsedOnce(t *testing.T) {
	secret := strings.Repeat("k", 40) // given: no secret file is made in the source tree
	c, err := Load(env(map[string]string{"JWT_SECRET": secret, "TRUSTED_PROXIES": "10.0.0.7/8, 127.0.0.1, ::ffff:192.168.1.2, fd00::/8"}))
	if err != nil {
		t.Fatal(err)
	}
	got := c.ProxyPrefixes()
	want := []string{"10.0.0.0/8", "127.0.0.1/32", "192.168.1.2/32", "fd00::/8"}
	if len(got) != len(want) {
		t.Fatalf("prefixes %v, want %v", got, want)
	}
	for i, p := range got {
		if p.String() != want[i] {
			t.Errorf("prefix %d = %s, want %s", i, p, want[i])
		}
	}
	_, err = Load(env(map[string]string{"JWT_SECRET": secret, "TRUSTED_PROXIES": "10.0.0.300"}))
	if err == nil || !strings.Contains(err.Error(), "TRUSTED_PROXIES") {
		t.Fatalf("a bad entry: %v", err)
	}
}
