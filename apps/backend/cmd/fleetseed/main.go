// Command fleetseed creates synthetic accounts in bulk, straight into the
// configured store (SQLITE_PATH, or MONGODB_URI), plus the publishing admin
// (the first of ADMIN_EMAILS), and writes a token file signed with JWT_SECRET
// for fleetload. Run it with the same environment as the server.
//
//	ADMIN_EMAILS=load-admin@load.fleetman.test JWT_SECRET=... SQLITE_PATH=/tmp/load.db \
//	  fleetseed -users 19000 -out /tmp/tokens.tsv
//	fleetseed -users 100000 -notifications 10000000 -expired 1000000 -read 0.5 -out /tmp/tokens.tsv
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
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
	var fleet seed.FleetOptions
	fs.IntVar(&fleet.Machines, "machines", 0, "also store this many machines, owned round robin by the seeded users, each with one maintenance plan")
	fs.Float64Var(&fleet.Crossing, "crossing", 0.1, "the share of those machines whose plan has crossed its margin")
	var notes seed.NotificationOptions
	fs.IntVar(&notes.Notifications, "notifications", 0, "also store this many notifications, spread evenly over the seeded users (the embedded store's bulk path)")
	fs.IntVar(&notes.Expired, "expired", 0, "of those, this many (the oldest) created before NOTIFICATION_TTL, for the purge to remove")
	fs.Float64Var(&notes.Read, "read", 0.5, "the share of those notifications stored read")
	alarms := fs.Bool("alarms", false, "seed nothing: time CheckMaintenanceAlarms over the store's plans, twice (the second run must alert nothing)")
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
	if *alarms {
		return timeAlarms(ctx, cfg, log)
	}
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
	if notes.Notifications > 0 {
		start = time.Now()
		nr, err := seed.SeedNotifications(ctx, cfg, res.Users, notes, log)
		if err != nil {
			return err
		}
		log.Info("seeded notifications", "notifications", nr.Stored, "expired", nr.Expired, "read", nr.Read,
			"took", time.Since(start).Round(time.Millisecond))
	}
	if fleet.Machines > 0 {
		start = time.Now()
		fr, err := seed.SeedFleet(ctx, cfg, res.Users, fleet, log)
		if err != nil {
			return err
		}
		log.Info("seeded fleet", "machines", fr.Machines, "plans", fr.Plans, "crossing", fr.Crossing, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// timeAlarms runs CheckMaintenanceAlarms over the store twice: the first
// run sends every alert that is due, the second must send none.
func timeAlarms(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	for i, want := range []string{"first", "second"} {
		run, err := seed.TimeAlarms(ctx, cfg, quiet)
		if err != nil {
			return err
		}
		log.Info("alarm run", "run", want, "checked", run.Checked, "alerted", run.Alerted, "notifications", run.Published,
			"took", run.Took.Round(time.Millisecond))
		if i == 1 && (run.Alerted != 0 || run.Published != 0) {
			return fmt.Errorf("the second run alerted %d plans: an alert went out twice", run.Alerted)
		}
	}
	return nil
}
