// Package config reads FleetMan's configuration from the environment, as the
// Configuration table of README.md names it, and validates it at start-up.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is the whole server configuration.
type Config struct {
	Env                    string // "development" (default) or "production"
	HTTPAddr               string
	MongoURI               string
	MongoDatabase          string
	SQLitePath             string
	JWTSecret              []byte
	JWTTTL                 time.Duration
	AdminEmails            []string
	AllowedOrigins         []string
	CookieSecure           bool
	RedisURL               string
	SSEHeartbeat           time.Duration
	SSERetry               time.Duration
	SSEMaxStreamsPerUser   int
	SSEQueueSize           int
	AlarmCheckInterval     time.Duration
	AlarmCheckDelay        time.Duration // before the first run (0: at start)
	DemoData               bool
	NotificationTTL        time.Duration
	NotificationPurgeDelay time.Duration // before the first TTL purge pass (0: at start)
	WebDir                 string
	ShutdownTimeout        time.Duration
	BcryptCost             int
	// RegisterBurst is how many registrations one client address may make at once (then one a minute).
	RegisterBurst int
	PprofAddr     string // net/http/pprof on its own listener; empty: off

	TrustedProxies    []string      // CIDRs or addresses whose X-Forwarded-For / X-Real-IP are believed; none by default
	SessionCacheTTL   time.Duration // how stale a session/role verdict may be (SESSION_CACHE_TTL)
	ReadHeaderTimeout time.Duration // the request head must arrive within this
	BodyTimeout       time.Duration // a non-stream request's body must arrive within this
	BodyMinRate       int64         // ... plus its length at this many bytes a second (HTTP_BODY_MIN_RATE)
	IdleTimeout       time.Duration // an idle keep-alive connection closes after this
	MaxConnsPerClient int           // open connections per client address; 0: no cap
	MetricsAddr       string        // serve /metrics on this address instead of the API port
	MetricsToken      string        // or require "Authorization: Bearer <token>" for /metrics on the API port

	// PreferenceCacheTTL bounds how stale a user's notification preferences
	// held in memory may be when a change's announcement is lost
	// (NOTIFICATION_PREFERENCES_CACHE_TTL).
	PreferenceCacheTTL time.Duration
	// DocumentExpiryThresholds are the days before a machine document's
	// expiry when its owner is reminded, distinct, >= 0 (DOCUMENT_EXPIRY_THRESHOLDS).
	DocumentExpiryThresholds []int
	// DocumentFilesDir is the folder the embedded store keeps document files
	// in (DOCUMENT_FILES_DIR; default: "documents" beside the SQLite file).
	// MongoDB keeps them in GridFS instead.
	DocumentFilesDir string
}

// DevMode reports whether the server runs with development defaults.
func (c Config) DevMode() bool { return c.Env != "production" }

// Lookup reads one variable; os.LookupEnv in production, a map in tests.
type Lookup func(key string) (string, bool)

// FromEnv reads the process environment.
func FromEnv() (Config, error) { return Load(os.LookupEnv) }

// Load reads and validates the configuration. Every problem found is reported
// at once, each naming its variable.
func Load(env Lookup) (Config, error) {
	r := reader{env: env}
	c := Config{
		Env:                    r.str("APP_ENV", "development"),
		HTTPAddr:               r.str("HTTP_ADDR", "127.0.0.1:8080"),
		MongoURI:               r.str("MONGODB_URI", ""),
		MongoDatabase:          r.str("MONGODB_DATABASE", "fleetman"),
		SQLitePath:             r.str("SQLITE_PATH", "./data/fleetman.db"),
		JWTTTL:                 r.duration("JWT_TTL", 24*time.Hour),
		AdminEmails:            r.list("ADMIN_EMAILS"),
		AllowedOrigins:         r.list("ALLOWED_ORIGINS"),
		RedisURL:               r.str("REDIS_URL", ""),
		SSEHeartbeat:           r.duration("SSE_HEARTBEAT", 30*time.Second),
		SSERetry:               r.duration("SSE_RETRY", 3*time.Second),
		SSEMaxStreamsPerUser:   r.integer("SSE_MAX_STREAMS_PER_USER", 8),
		SSEQueueSize:           r.integer("SSE_QUEUE_SIZE", 64),
		AlarmCheckInterval:     r.duration("ALARM_CHECK_INTERVAL", 5*time.Minute),
		AlarmCheckDelay:        r.duration("ALARM_CHECK_DELAY", 0),
		NotificationTTL:        r.duration("NOTIFICATION_TTL", 90*24*time.Hour),
		NotificationPurgeDelay: r.duration("NOTIFICATION_PURGE_DELAY", 0),
		WebDir:                 r.str("WEB_DIR", "apps/frontend/dist"),
		ShutdownTimeout:        r.duration("SHUTDOWN_TIMEOUT", 10*time.Second),
		BcryptCost:             r.integer("BCRYPT_COST", 12),
		RegisterBurst:          r.integer("REGISTER_BURST_PER_CLIENT", 5),
		PprofAddr:              r.str("PPROF_ADDR", ""),
		TrustedProxies:         r.list("TRUSTED_PROXIES"),
		SessionCacheTTL:        r.duration("SESSION_CACHE_TTL", 5*time.Second),
		PreferenceCacheTTL:     r.duration("NOTIFICATION_PREFERENCES_CACHE_TTL", 30*time.Second),
		ReadHeaderTimeout:      r.duration("HTTP_READ_HEADER_TIMEOUT", 5*time.Second),
		BodyTimeout:            r.duration("HTTP_BODY_TIMEOUT", 5*time.Second),
		BodyMinRate:            int64(r.integer("HTTP_BODY_MIN_RATE", 64<<10)),
		IdleTimeout:            r.duration("HTTP_IDLE_TIMEOUT", 120*time.Second),
		MaxConnsPerClient:      r.integer("HTTP_MAX_CONNS_PER_CLIENT", 256),
		MetricsAddr:            r.str("METRICS_ADDR", ""),
		MetricsToken:           r.str("METRICS_TOKEN", ""),
		DocumentFilesDir:       r.str("DOCUMENT_FILES_DIR", ""),
	}
	dev := c.DevMode()
	c.CookieSecure = r.boolean("COOKIE_SECURE", !dev)
	c.DemoData = r.boolean("DEMO_DATA", false)

	if c.Env != "development" && c.Env != "production" {
		r.fail("APP_ENV", "must be development or production")
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		r.fail("HTTP_ADDR", "must be host:port")
	}
	if c.PprofAddr != "" {
		if host, _, err := net.SplitHostPort(c.PprofAddr); err != nil {
			r.fail("PPROF_ADDR", "must be host:port")
		} else if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			r.fail("PPROF_ADDR", "must be a loopback address: profiles are not for the network")
		}
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			r.fail("METRICS_ADDR", "must be host:port")
		}
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		r.fail("METRICS_TOKEN", "must be at least 16 characters")
	}
	for _, p := range c.TrustedProxies {
		if _, err := ParseProxy(p); err != nil {
			r.fail("TRUSTED_PROXIES", fmt.Sprintf("%q is not an address or CIDR like 10.0.0.0/8", p))
		}
	}
	r.positive("SESSION_CACHE_TTL", c.SessionCacheTTL)
	r.positive("NOTIFICATION_PREFERENCES_CACHE_TTL", c.PreferenceCacheTTL)
	c.DocumentExpiryThresholds = r.thresholds("DOCUMENT_EXPIRY_THRESHOLDS", []int{30, 7, 0})
	r.positive("HTTP_READ_HEADER_TIMEOUT", c.ReadHeaderTimeout)
	r.positive("HTTP_BODY_TIMEOUT", c.BodyTimeout)
	if c.BodyMinRate < 0 {
		r.fail("HTTP_BODY_MIN_RATE", "must be 0 (no allowance for the length) or more bytes a second")
	}
	r.positive("HTTP_IDLE_TIMEOUT", c.IdleTimeout)
	if c.MaxConnsPerClient < 0 {
		r.fail("HTTP_MAX_CONNS_PER_CLIENT", "must be 0 (no cap) or more")
	}
	if c.MongoURI != "" && !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
		r.fail("MONGODB_URI", "must start with mongodb:// or mongodb+srv://")
	}
	if c.MongoURI == "" && c.SQLitePath == "" {
		r.fail("SQLITE_PATH", "must not be empty when MONGODB_URI is unset")
	}
	if c.DocumentFilesDir == "" && c.SQLitePath != "" {
		c.DocumentFilesDir = filepath.Join(filepath.Dir(c.SQLitePath), "documents")
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		r.fail("REDIS_URL", "must start with redis:// or rediss://")
	}
	r.positive("JWT_TTL", c.JWTTTL)
	r.positive("SSE_HEARTBEAT", c.SSEHeartbeat)
	r.positive("SSE_RETRY", c.SSERetry)
	r.positive("ALARM_CHECK_INTERVAL", c.AlarmCheckInterval)
	if c.AlarmCheckDelay < 0 {
		r.fail("ALARM_CHECK_DELAY", "must not be negative")
	}
	r.positive("NOTIFICATION_TTL", c.NotificationTTL)
	if c.NotificationPurgeDelay < 0 {
		r.fail("NOTIFICATION_PURGE_DELAY", "must not be negative")
	}
	r.positive("SHUTDOWN_TIMEOUT", c.ShutdownTimeout)
	if c.SSEMaxStreamsPerUser < 1 {
		r.fail("SSE_MAX_STREAMS_PER_USER", "must be at least 1")
	}
	if c.RegisterBurst < 1 {
		r.fail("REGISTER_BURST_PER_CLIENT", "must be at least 1")
	}
	if c.BcryptCost < 4 || c.BcryptCost > 31 {
		r.fail("BCRYPT_COST", "must be between 4 and 31")
	}
	if c.SSEQueueSize < 1 {
		r.fail("SSE_QUEUE_SIZE", "must be at least 1")
	}
	for i, o := range c.AllowedOrigins {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			r.fail("ALLOWED_ORIGINS", fmt.Sprintf("%q is not an origin like https://fleet.example.com", o))
			continue
		}
		c.AllowedOrigins[i] = u.Scheme + "://" + u.Host
	}
	for i, e := range c.AdminEmails {
		c.AdminEmails[i] = strings.ToLower(e)
	}
	if len(c.AllowedOrigins) == 0 {
		c.AllowedOrigins = ownOrigins(c.HTTPAddr)
	}

	if secret, ok := env("JWT_SECRET"); ok && secret != "" {
		if len(secret) < 32 {
			r.fail("JWT_SECRET", "must be at least 32 characters")
		}
		c.JWTSecret = []byte(secret)
	} else if !dev {
		r.fail("JWT_SECRET", "is required when APP_ENV=production")
	}
	if len(r.problems) > 0 {
		return Config{}, fmt.Errorf("configuration: %s", strings.Join(r.problems, "; "))
	}
	if c.JWTSecret == nil {
		secret, err := devSecret(c)
		if err != nil {
			return Config{}, fmt.Errorf("configuration: JWT_SECRET: %w", err)
		}
		c.JWTSecret = secret
	}
	return c, nil
}

// ownOrigins is the server's own origin as a browser names it.
func ownOrigins(addr string) []string {
	host, port, _ := net.SplitHostPort(addr)
	switch host {
	case "", "0.0.0.0", "::", "127.0.0.1", "localhost":
		return []string{"http://127.0.0.1:" + port, "http://localhost:" + port}
	}
	return []string{"http://" + net.JoinHostPort(host, port)}
}

// devSecret keeps a generated signing key in the data folder, so that tokens
// survive a restart in development.
func devSecret(c Config) ([]byte, error) {
	dir := "./data"
	if c.MongoURI == "" {
		dir = filepath.Dir(c.SQLitePath)
	}
	path := filepath.Join(dir, "jwt-secret")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return []byte(strings.TrimSpace(string(b))), nil
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	secret := hex.EncodeToString(raw)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return nil, err
	}
	return []byte(secret), nil
}

type reader struct {
	env      Lookup
	problems []string
}

func (r *reader) fail(key, msg string) { r.problems = append(r.problems, key+" "+msg) }

func (r *reader) str(key, def string) string {
	if v, ok := r.env(key); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v)
	}
	return def
}

func (r *reader) list(key string) []string {
	var out []string
	for _, part := range strings.Split(r.str(key, ""), ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (r *reader) duration(key string, def time.Duration) time.Duration {
	v := r.str(key, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		r.fail(key, fmt.Sprintf("%q is not a duration like 30s or 5m", v))
		return def
	}
	return d
}

func (r *reader) positive(key string, d time.Duration) {
	if d <= 0 {
		r.fail(key, "must be positive")
	}
}

func (r *reader) integer(key string, def int) int {
	v := r.str(key, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.fail(key, fmt.Sprintf("%q is not a whole number", v))
		return def
	}
	return n
}

func (r *reader) boolean(key string, def bool) bool {
	v := r.str(key, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail(key, fmt.Sprintf("%q is not true or false", v))
		return def
	}
	return b
}

// thresholds reads a comma-separated list of distinct whole days >= 0 (at most 10).
func (r *reader) thresholds(key string, def []int) []int {
	items := r.list(key)
	if len(items) == 0 {
		return def
	}
	out := make([]int, 0, len(items))
	for _, item := range items {
		n, err := strconv.Atoi(item)
		if err != nil || n < 0 || n > 3650 || slices.Contains(out, n) || len(out) == 10 {
			r.fail(key, fmt.Sprintf("%q: want up to 10 distinct whole days from 0 to 3650, like 30,7,0", strings.Join(items, ",")))
			return def
		}
		out = append(out, n)
	}
	return out
}

// ParseProxy reads one TRUSTED_PROXIES entry, an address or a CIDR, as the
// prefix of the addresses it covers (an address covers itself).
func ParseProxy(s string) (netip.Prefix, error) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("trusted proxy %q: %w", s, err)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// ProxyPrefixes is TrustedProxies parsed (Load has checked every entry).
func (c Config) ProxyPrefixes() []netip.Prefix {
	out := make([]netip.Prefix, 0, len(c.TrustedProxies))
	for _, s := range c.TrustedProxies {
		if p, err := ParseProxy(s); err == nil {
			out = append(out, p)
		}
	}
	return out
}
