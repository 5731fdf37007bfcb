package seed

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

func TestSeedFleetThenTimeAlarmsAlertsEachCrossingPlanOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fleetman.db")
	env := map[string]string{"SQLITE_PATH": path, "JWT_SECRET": "seed-test-secret-seed-test-secret-0123",
		"BCRYPT_COST": "4", "ADMIN_EMAILS": "boss@example.com"}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	res, err := Seed(ctx, cfg, Options{Users: 7, Prefix: "f1"}, log)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := SeedFleet(ctx, cfg, res.Users, FleetOptions{Machines: 450, Crossing: 0.1, Workers: 3}, log)
	if err != nil || fr.Machines != 450 || fr.Plans != 450 || fr.Crossing != 45 {
		t.Fatalf("fleet %+v, %v", fr, err)
	}
	first, err := TimeAlarms(ctx, cfg, log) // pages of 200 plans: three pages, three batches
	if err != nil || first.Checked != 450 || first.Alerted != 45 || first.Published != 45 || first.Took <= 0 {
		t.Fatalf("first run %+v, %v", first, err)
	}
	second, err := TimeAlarms(ctx, cfg, log)
	if err != nil || second.Checked != 450 || second.Alerted != 0 || second.Published != 0 {
		t.Fatalf("second run %+v, %v", second, err)
	}
	// Each alert is stored once, for the machine's owner.
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	repo := sqlite.NewNotificationRepository(db)
	total := 0
	for _, u := range res.Users {
		page, err := repo.List(ctx, notification.ListQuery{UserID: u.UserID, Type: notification.TypeMaintenanceAlert, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[any]bool{}
		for _, n := range page.Items {
			plan := n.Metadata()["planId"]
			if seen[plan] || n.Metadata()["status"] != "DUE_SOON" {
				t.Fatalf("alert %v twice or %v", plan, n.Metadata()["status"])
			}
			seen[plan] = true
		}
		total += len(page.Items)
	}
	if total != 45 {
		t.Fatalf("%d alerts stored, want 45", total)
	}
}
