// Command fleetman serves the FleetMan API, the live notification stream,
// Swagger UI and the built web app.
//
//	@title						FleetMan API
//	@version					1.0
//	@description				Fleet management: machines, maintenance plans, quick checks, contacts, messages and a live notification center (Server-Sent Events).
//	@description				Every route below is under /api/v1. Errors answer {"error": {"code", "message", "fields"}}: code is one of VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, RATE_LIMITED, UNAVAILABLE, REQUEST_TIMEOUT, INTERNAL (stable: translate by it); message is a sentence of its own, never a chain of internal errors.
//	@description				Authorize: log in (POST /auth/login), then type "Bearer <token>" (the word Bearer, a space, the token) in the Authorize dialog. A bare token answers 401 "the Bearer prefix is missing".
//	@description				Operations, outside /api/v1 (no authentication, no Swagger operation of their own because Swagger 2.0 has one base path):
//	@description				GET /healthz — 200 {"status": "ok"} while the process serves.
//	@description				GET /readyz — 200 {"status": "ready" or "degraded", "store": "sqlite" or "mongo", "bus": "none" or {"state", "subscribed", "publishing", "since"}}; 503 UNAVAILABLE while the store cannot take writes (a write probe, cached 1.5 s). "degraded": the Redis bus is down; streams catch up from the store.
//	@description				GET /metrics — Prometheus text format; loopback peers only, or Authorization: Bearer METRICS_TOKEN; served on METRICS_ADDR instead when that is set.
//	@BasePath					/api/v1
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				Type: Bearer <token> — the word Bearer, a space, then the token from /auth/login or /auth/register (a bare token answers 401: the Bearer prefix is missing). The web app uses the HttpOnly cookie instead.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/bootstrap"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/logbuf"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck())
	}
	if len(os.Args) > 1 && os.Args[1] == "admin" {
		if err := adminCommand(context.Background(), os.Args[2:], os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "fleetman admin:", err)
			os.Exit(2)
		}
		return
	}
	// Log lines (one per request) are written out ten times a second rather
	// than one system call each; what is waiting is written before exit.
	logs := logbuf.New(os.Stderr, 100*time.Millisecond, 64<<10)
	err := run(context.Background(), logs)
	_ = logs.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "fleetman:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, logs io.Writer) error {
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	app, err := bootstrap.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	return app.Serve(ctx)
}
