package seed

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

func TestSeedCreatesAccountsAndSignedTokens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fleetman.db")
	env := map[string]string{"SQLITE_PATH": path, "JWT_SECRET": "seed-test-secret-seed-test-secret-0123",
		"BCRYPT_COST": "4", "ADMIN_EMAILS": "Boss@Example.com"}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	res, err := Seed(ctx, cfg, Options{Users: 12, Prefix: "s1", Batch: 5}, log)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Users) != 12 || res.Admin.Email != "boss@example.com" {
		t.Fatalf("seeded %d users, admin %q", len(res.Users), res.Admin.Email)
	}

	tokens := auth.NewTokens(cfg.JWTSecret, time.Hour)
	p, err := tokens.Parse(res.Admin.Token)
	if err != nil || p.SessionID == "" || p.UserID != res.Admin.UserID {
		t.Fatalf("admin token: %+v, %v", p, err)
	}
	p, err = tokens.Parse(res.Users[11].Token)
	if err != nil || p.SessionID == "" || p.UserID != res.Users[11].UserID {
		t.Fatalf("user token: %+v, %v", p, err)
	}

	// The accounts are in the store the server opens.
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := sqlite.NewUserRepository(db).ByEmail(ctx, "s1-11@load.fleetman.test")
	if err != nil || u.ID() != res.Users[11].UserID {
		t.Fatalf("seeded user not stored: %v", err)
	}

	// A second run reuses the admin; the same prefix again is refused.
	again, err := Seed(ctx, cfg, Options{Users: 3, Prefix: "s2"}, log)
	if err != nil || again.Admin.UserID != res.Admin.UserID {
		t.Fatalf("second seed: admin %q (want %q), %v", again.Admin.UserID, res.Admin.UserID, err)
	}
	if _, err := Seed(ctx, cfg, Options{Users: 3, Prefix: "s1"}, log); !errors.Is(err, user.ErrEmailTaken) {
		t.Fatalf("re-seeding a prefix = %v, want ErrEmailTaken", err)
	}

	// The token file round-trips.
	var buf bytes.Buffer
	if err := Write(&buf, res); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&buf)
	if err != nil || back.Admin != res.Admin || len(back.Users) != 12 || back.Users[3] != res.Users[3] {
		t.Fatalf("read back: %+v, %v", back.Admin, err)
	}
	if _, err := Read(bytes.NewBufferString("user\tonly-two\n")); err == nil {
		t.Error("a malformed line was accepted")
	}
}

func TestSeedNeedsAnAdmin(t *testing.T) {
	env := map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "x.db"), "JWT_SECRET": "seed-test-secret-seed-test-secret-0123"}
	cfg, _ := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if _, err := Seed(context.Background(), cfg, Options{Users: 1}, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		t.Fatal("seeding without ADMIN_EMAILS succeeded")
	}
}
