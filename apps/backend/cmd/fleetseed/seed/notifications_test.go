package seed

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

func TestSeedNotificationsFillsEveryUserInStoreOrder(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	tests := []struct {
		name                  string
		users, total, expired int
		read                  float64
	}{
		{"even, some expired, half read", 7, 70, 14, 0.5},
		{"uneven, none expired, none read", 5, 23, 0, 0},
		{"all expired, all read", 3, 9, 9, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "fleetman.db"),
				"JWT_SECRET": "seed-test-secret-seed-test-secret-0123", "BCRYPT_COST": "4", "ADMIN_EMAILS": "boss@example.com"}
			cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
			if err != nil {
				t.Fatal(err)
			}
			res, err := Seed(ctx, cfg, Options{Users: tt.users, Prefix: "n"}, log)
			if err != nil {
				t.Fatal(err)
			}
			nr, err := SeedNotifications(ctx, cfg, res.Users, NotificationOptions{Notifications: tt.total, Expired: tt.expired, Read: tt.read}, log)
			if err != nil || nr.Stored != tt.total || nr.Expired != tt.expired {
				t.Fatalf("seeded %+v, %v", nr, err)
			}
			if (tt.read == 0 && nr.Read != 0) || (tt.read == 1 && nr.Read != tt.total) {
				t.Fatalf("read %d of %d at share %v", nr.Read, tt.total, tt.read)
			}

			db, err := sqlite.Open(ctx, cfg.SQLitePath)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			repo := sqlite.NewNotificationRepository(db)
			unread := 0
			for i, u := range res.Users {
				all, err := repo.After(ctx, u.UserID, "", 1000)
				if err != nil {
					t.Fatal(err)
				}
				want := tt.total / tt.users
				if i < tt.total%tt.users {
					want++
				}
				if len(all) != want {
					t.Fatalf("user %d has %d, want %d", i, len(all), want)
				}
				count := 0
				for k, n := range all {
					if n.Seq() != int64(k+1) || !domain.ValidID(n.ID()) || (k > 0 && !all[k-1].CreatedAt().Before(n.CreatedAt())) {
						t.Fatalf("user %d's %d-th: seq %d, id %s, created %v", i, k, n.Seq(), n.ID(), n.CreatedAt())
					}
					if !n.Read() {
						count++
					}
				}
				if got, err := repo.UnreadCount(ctx, u.UserID); err != nil || got != count {
					t.Fatalf("user %d: unread count %d, %v; %d unread stored", i, got, err, count)
				}
				if h, err := repo.Head(ctx, u.UserID); err != nil || h.Seq != int64(want) || h.LastID != all[len(all)-1].ID() {
					t.Fatalf("user %d: head %+v, %v", i, h, err)
				}
				unread += count
			}
			if unread != tt.total-nr.Read {
				t.Fatalf("%d unread, want %d", unread, tt.total-nr.Read)
			}
			// Exactly the expired ones are past the TTL.
			n, err := repo.DeleteOlderThan(ctx, time.Now().Add(-cfg.NotificationTTL))
			if err != nil || n != tt.expired {
				t.Fatalf("purged %d, %v (want %d)", n, err, tt.expired)
			}
		})
	}
}
