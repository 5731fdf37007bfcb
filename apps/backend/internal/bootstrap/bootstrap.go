// Package bootstrap is the one composition root: configuration → stores →
// services → handlers → gin. Every service is built here, once.
//
// Editing this tree alongside others? Read docs/DEVELOPING.md before committing.
package bootstrap

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/account/sessions"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/compress"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/metrics"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/middleware"
	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// App is the assembled server.
type App struct {
	cfg     config.Config
	log     *slog.Logger
	store   *backend
	metrics *metrics.Registry
	tokens  *auth.Tokens         // signs and verifies
	verify  *auth.CachedVerifier // tokens behind a bounded cache of verdicts: the request path
	cookies auth.Cookies
	engine  *gin.Engine
	api     *gin.RouterGroup // /api/v1, public
	priv    *gin.RouterGroup // /api/v1, authenticated
	users   user.Repository

	// sessions (wire_sessions.go): every authenticated request asks sessionCache
	credentials   user.Credentials
	sessionStore  session.Repository
	sessionEvents sessions.Events
	sessionCache  *sessions.Cache
	accounts      *accountapp.Deps // wire_accounts.go
	ready         *readiness       // /readyz's cached write probe (operations.go)
	// fleet holds the fleet stores (wire_fleet.go); the demo seeder builds use cases on them.
	fleet *fleet

	notifications *notificationapp.Service // the one NotificationService (wire_notifications.go)
	bus           busState                 // the Redis bus, nil on a single instance (wire_notifications.go)
	contacts      contact.Repository       // who is whose contact (wire_contacts.go); fleet checks operators with it

	background []func(ctx context.Context)       // jobs that run until the server stops
	onShutdown []func(ctx context.Context)       // run first on a graceful stop (e.g. close streams)
	closers    []func(ctx context.Context) error // run last, in reverse order
}

// The bound of the verified-token cache: the tokens of this many recent
// callers are remembered, each for at most this long (and never past its exp).
const (
	verifiedTokens   = 16_384
	verifiedTokenTTL = 10 * time.Minute
)

// New builds the whole application from cfg.
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (*App, error) {
	if log == nil {
		log = slog.Default()
	}
	gin.SetMode(gin.ReleaseMode)
	a := &App{cfg: cfg, log: log, metrics: metrics.New(),
		tokens: auth.NewTokens(cfg.JWTSecret, cfg.JWTTTL), cookies: auth.Cookies{Secure: cfg.CookieSecure}}
	a.verify = auth.NewCachedVerifier(a.tokens, verifiedTokens, verifiedTokenTTL)

	store, err := openBackend(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	a.store = store
	a.closers = append(a.closers, store.close)
	if err := a.wireSessions(ctx); err != nil {
		a.Close(context.Background())
		return nil, err
	}
	httperr.SetUnavailable(storeUnavailable)
	a.ready = newReadiness(store, log)
	a.ready.check(ctx) // logged at start when the store cannot write (e.g. a read-only folder)

	a.engine = gin.New()
	a.engine.ContextWithFallback = true
	a.engine.HandleMethodNotAllowed = true
	// X-Forwarded-For / X-Real-IP are believed only from TRUSTED_PROXIES (default none).
	if err := a.engine.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		a.Close(context.Background())
		return nil, fmt.Errorf("TRUSTED_PROXIES: %w", err)
	}
	a.engine.Use(middleware.RequestID(), middleware.Recovery(log), middleware.AccessLog(log),
		middleware.SecurityHeaders(), compress.Middleware(isStream), a.metrics.Middleware(), corsFor(cfg.AllowedOrigins),
		middleware.BodyDeadline(cfg.BodyTimeout, cfg.BodyMinRate), httperr.Middleware(log))
	a.api = a.engine.Group("/api/v1")
	a.priv = a.api.Group("", auth.Required(a.verify, a.sessionCache, cfg.AllowedOrigins))

	steps := []func(context.Context) error{
		a.wireAccounts,
		a.wireNotifications,
		a.wireContacts,
		a.wireMessaging,
		a.wireFleet,
		a.wireDemoData,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			a.Close(context.Background())
			return nil, err
		}
	}
	a.wireOperations()
	a.wireWebApp()
	return a, nil
}

// Handler returns the HTTP handler (for httptest servers).
func (a *App) Handler() http.Handler { return a.engine }

// ConfigureServer sets the slow-client limits on srv (ServeListener's, and
// httptest's in tests): the header must arrive within
// HTTP_READ_HEADER_TIMEOUT, an idle keep-alive connection closes after
// HTTP_IDLE_TIMEOUT. The body's deadline is middleware.BodyDeadline's (not
// ReadTimeout, which would also end streams).
func (a *App) ConfigureServer(srv *http.Server) {
	srv.ReadHeaderTimeout = a.cfg.ReadHeaderTimeout
	srv.IdleTimeout = a.cfg.IdleTimeout
	srv.MaxHeaderBytes = 64 << 10
	srv.ErrorLog = slog.NewLogLogger(a.log.Handler(), slog.LevelWarn)
	// One client address holds at most HTTP_MAX_CONNS_PER_CLIENT connections
	// (0: no cap); one more is answered 429 and closed. A trusted proxy's
	// address is not capped.
	if a.cfg.MaxConnsPerClient > 0 {
		srv.ConnState = middleware.NewConnCap(a.cfg.MaxConnsPerClient, a.cfg.ProxyPrefixes()).ConnState
	}
}

// CreateAdmin returns the admin bootstrap use case (for tests).
func (a *App) CreateAdmin() *accountapp.CreateAdminHandler {
	return accountapp.NewCreateAdminHandler(a.accounts)
}

// SQLite returns the embedded store, nil on MongoDB (tests break it on purpose).
func (a *App) SQLite() *sqlite.DB { return a.store.sqlite }

// StartBackground starts the background jobs; they stop when ctx ends.
func (a *App) StartBackground(ctx context.Context) *sync.WaitGroup {
	var wg sync.WaitGroup
	for _, job := range a.background {
		wg.Add(1)
		go func() {
			defer wg.Done()
			job(ctx)
		}()
	}
	return &wg
}

// Shutdown runs the graceful-stop hooks (streams get their shutdown event).
func (a *App) Shutdown(ctx context.Context) {
	for _, hook := range a.onShutdown {
		hook(ctx)
	}
}

// Close releases the stores and other resources.
func (a *App) Close(ctx context.Context) {
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](ctx); err != nil {
			a.log.Warn("close", "err", err)
		}
	}
	a.closers = nil
}

// Serve listens on cfg.HTTPAddr until ctx ends, then stops gracefully.
func (a *App) Serve(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", a.cfg.HTTPAddr, err)
	}
	return a.ServeListener(ctx, ln)
}

// ServeListener serves on ln until ctx ends, then stops gracefully: streams
// are told to shut down, in-flight requests finish, background jobs stop.
func (a *App) ServeListener(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: a.engine}
	a.ConfigureServer(srv)
	if a.cfg.MetricsAddr != "" {
		stopMetrics, err := a.serveMetrics(context.WithoutCancel(ctx), a.cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopMetrics()
	}
	if a.cfg.PprofAddr != "" {
		stopPprof, err := a.servePprof(context.WithoutCancel(ctx), a.cfg.PprofAddr)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopPprof()
	}
	jobsCtx, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	jobs := a.StartBackground(jobsCtx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.Info("serving", "addr", ln.Addr().String(), "store", a.store.kind)

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	a.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	// The listener closes first (srv.Shutdown does that at once, then waits
	// for the requests in flight), while the streams are told to go: a client
	// that reconnects meanwhile is refused by the kernel and tries again
	// shortly, instead of being served a 503 by a process on its way out.
	start := time.Now()
	requests := make(chan time.Duration, 1)
	go func() {
		if err := srv.Shutdown(sctx); err != nil {
			a.log.Warn("shutdown", "err", err)
		}
		requests <- time.Since(start)
	}()
	a.Shutdown(sctx)
	streams := time.Since(start)
	requestsTook := <-requests
	jobsStart := time.Now()
	stopJobs()
	jobs.Wait()
	closeStart := time.Now()
	a.Close(sctx)
	// How long each part of the stop took (streams and requests side by side).
	a.log.Info("stopped", "streams_ms", streams.Milliseconds(), "requests_ms", requestsTook.Milliseconds(),
		"jobs_ms", closeStart.Sub(jobsStart).Milliseconds(), "close_ms", time.Since(closeStart).Milliseconds())
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

// Tokens returns the token signer (tests forge correctly signed tokens with it).
func (a *App) Tokens() *auth.Tokens { return a.tokens }
