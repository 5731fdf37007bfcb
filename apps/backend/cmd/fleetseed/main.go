// Command fleetseed creates synthetic accounts in bulk, straight into the
// configured store (SQLITE_PATH, or MONGODB_URI), plus the publishing admin
// (the first of ADMIN_EMAILS), and writes a token file signed with JWT_SECRET
// for fleetload. Run it with the same environment as the server.
//
//	ADMIN_EMAILS=load-admin@load.fleetman.test JWT_SECRET=... SQLITE_PATH=/tmp/load.db \
//	  fleetseed -users 19000 -out /tmp/tokens.tsv
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/fleetman/fleetman/apps/backend/cmd/fleetseed/seed"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "fleetseed:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("fleetseed", flag.ContinueOnError)
	var opts seed.Options
	fs.IntVar(&opts.Users, "users", 1000, "synthetic accounts to create")
	fs.StringVar(&opts.Prefix, "prefix", "", "email prefix (default load-<time>)")
	fs.StringVar(&opts.AdminEmail, "admin-email", "", "publisher account (default: first of ADMIN_EMAILS)")
	fs.StringVar(&opts.Password, "password", "", "password of every seeded account (default load-test-password)")
	out := fs.String("out", "tokens.tsv", "token file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	start := time.Now()
	res, err := seed.Seed(ctx, cfg, opts, log)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := seed.Write(f, res); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	log.Info("seeded", "users", len(res.Users), "admin", res.Admin.Email, "tokens", *out, "took", time.Since(start).Round(time.Millisecond))
	return nil
}
