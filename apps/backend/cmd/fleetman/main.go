// Command fleetman serves the FleetMan API, the live notification stream,
// Swagger UI and the built web app.
//
//	@title						FleetMan API
//	@version					1.0
//	@description				Fleet management: machines, maintenance plans, quick checks, contacts, messages and a live notification center (Server-Sent Events).
//	@BasePath					/api/v1
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				"Bearer <token>" from /auth/login or /auth/register. The web app uses the HttpOnly cookie instead.
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
