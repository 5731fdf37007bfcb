package bootstrap

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// storeUnavailable names the store faults that answer 503 UNAVAILABLE.
func storeUnavailable(err error) bool {
	return sqlite.IsUnavailable(err) || mongostore.IsUnavailable(err) ||
		errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled)
}

// readinessTTL is how long /readyz trusts its last write probe.
const readinessTTL = 1500 * time.Millisecond

// readiness is /readyz's verdict: a write probe of the store, done at most
// once per readinessTTL however often /readyz is asked.
type readiness struct {
	store *backend
	log   *slog.Logger

	mu   sync.Mutex
	at   time.Time
	err  error
	busy chan struct{} // closed when the probe under way ends
}

func newReadiness(store *backend, log *slog.Logger) *readiness {
	return &readiness{store: store, log: log}
}

// check answers the cached verdict, probing when it is older than readinessTTL.
func (r *readiness) check(ctx context.Context) error {
	r.mu.Lock()
	if !r.at.IsZero() && time.Since(r.at) < readinessTTL {
		err := r.err
		r.mu.Unlock()
		return err
	}
	if r.busy != nil { // another caller probes: wait for its verdict
		busy := r.busy
		r.mu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return ctx.Err()
		}
		r.mu.Lock()
		err := r.err
		r.mu.Unlock()
		return err
	}
	r.busy = make(chan struct{})
	r.mu.Unlock()

	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	err := r.store.probe(pctx)
	cancel()
	if err != nil {
		r.log.Warn("readiness: the store cannot take writes", "err", err)
	}
	r.mu.Lock()
	r.at, r.err = time.Now(), err
	close(r.busy)
	r.busy = nil
	r.mu.Unlock()
	return err
}

func (a *App) readyz(c *gin.Context) {
	if err := a.ready.check(c.Request.Context()); err != nil {
		c.Header("Retry-After", "2")
		c.JSON(http.StatusServiceUnavailable, httperr.Body{Error: httperr.Detail{
			Code: httperr.CodeUnavailable, Message: "the store cannot take writes"}})
		return
	}
	if a.bus == nil {
		c.JSON(http.StatusOK, gin.H{"status": "ready", "store": a.store.kind, "bus": "none"})
		return
	}
	// A bus that is down leaves the instance ready, but degraded: it still
	// stores, answers and delivers to its own streams, and its streams catch
	// up from the store meanwhile and once Redis is back. Every instance
	// shares the one Redis, so answering 503 would take all of them out of
	// the load balancer at once for a fault that loses nothing.
	subscribed, publishing, since := a.bus.State()
	bus := gin.H{"state": "up", "subscribed": subscribed, "publishing": publishing, "since": since.UTC()}
	status := "ready"
	if !subscribed || !publishing {
		bus["state"], status = "down", "degraded"
	}
	c.JSON(http.StatusOK, gin.H{"status": status, "store": a.store.kind, "bus": bus})
}

// metricsGuard decides who reads /metrics on the API port: with
// METRICS_TOKEN, callers sending it as a Bearer token; otherwise loopback
// peers only (the TCP peer, not a forwarded header). With METRICS_ADDR set
// /metrics is not on the API port at all (serveMetrics).
func (a *App) metricsGuard() gin.HandlerFunc {
	token := a.cfg.MetricsToken
	return func(c *gin.Context) {
		if token != "" {
			got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
				c.Header("WWW-Authenticate", `Bearer realm="metrics"`)
				c.AbortWithStatusJSON(http.StatusUnauthorized, httperr.Body{Error: httperr.Detail{
					Code: httperr.CodeUnauthenticated, Message: "authentication required"}})
				return
			}
			c.Next()
			return
		}
		host, _, _ := net.SplitHostPort(c.Request.RemoteAddr)
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			c.AbortWithStatusJSON(http.StatusNotFound, httperr.Body{Error: httperr.Detail{
				Code: httperr.CodeNotFound, Message: "not found"}})
			return
		}
		c.Next()
	}
}

// serveMetrics serves /metrics alone on addr until the returned stop is called.
func (a *App) serveMetrics(ctx context.Context, addr string) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("METRICS_ADDR %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", a.metricsHandler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	a.log.Info("metrics", "addr", ln.Addr().String())
	return func() {
		sctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}, nil
}

// metricsHandler is the Prometheus handler as a net/http handler.
func (a *App) metricsHandler() http.Handler {
	g := gin.New()
	g.GET("/metrics", a.metrics.Handler())
	return g
}
