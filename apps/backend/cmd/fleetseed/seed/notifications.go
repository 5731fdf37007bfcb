package seed

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// NotificationOptions say what notifications to seed for the store-growth
// benchmark (issue 17, target 6).
type NotificationOptions struct {
	Notifications int     // spread evenly over the users, round robin
	Expired       int     // of them, the oldest, created before NOTIFICATION_TTL (the purge's work)
	Read          float64 // the share stored read, drawn at random row by row
	Seed          uint64  // of that draw and of the ids' random bits; 0: 1
}

// NotificationResult counts what SeedNotifications stored.
type NotificationResult struct {
	Stored, Expired, Read int
}

// The seeded notifications' times: the expired ones over expiredSpan
// ending an hour before the TTL's cutoff, the others over the last liveSpan
// (or half the TTL when that is shorter), ending a minute ago.
const (
	expiredSpan = 7 * 24 * time.Hour
	liveSpan    = 30 * 24 * time.Hour
)

// notificationTypes are cycled through so that the type filters have rows of each.
var notificationTypes = []notification.Type{notification.TypeSystem, notification.TypeMaintenanceAlert,
	notification.TypeNewMessage, notification.TypeQuickCheckCompleted, notification.TypeContactRequest, notification.TypeContactAccepted}

// SeedNotifications stores opts.Notifications notifications for users,
// straight into the embedded store through its bulk path
// (NotificationRepository.Seed): user i's k-th is the (k·len(users)+i)-th
// row, so that every user has the same number (±1), each user's rows are
// stored in the order of their times and ids (which carry the time, as the
// server's do), the users one after another in the order of their ids, and
// each user's seqs, head and unread count are what the API would have left. The first opts.Expired rows are older than cfg.NotificationTTL.
// The embedded store only, and one no server writes to meanwhile.
func SeedNotifications(ctx context.Context, cfg config.Config, users []Account, opts NotificationOptions, log *slog.Logger) (NotificationResult, error) {
	if cfg.MongoURI != "" {
		return NotificationResult{}, errors.New("seed notifications: the embedded store only (unset MONGODB_URI)")
	}
	if len(users) == 0 || opts.Notifications < 1 || opts.Expired < 0 || opts.Expired > opts.Notifications ||
		opts.Read < 0 || opts.Read > 1 {
		return NotificationResult{}, errors.New("seed notifications: users, notifications ≥ 1, 0 ≤ expired ≤ notifications and 0 ≤ read ≤ 1 needed")
	}
	db, err := sqlite.Open(ctx, cfg.SQLitePath)
	if err != nil {
		return NotificationResult{}, fmt.Errorf("seed notifications: %w", err)
	}
	defer db.Close()
	var res NotificationResult
	rows := notificationRows(users, opts, cfg.NotificationTTL, time.Now(), &res, log)
	n, err := sqlite.NewNotificationRepository(db).Seed(ctx, rows)
	res.Stored = n
	if err != nil {
		return res, fmt.Errorf("seed notifications: %w", err)
	}
	return res, nil
}

// notificationRows yields the seeded notifications in store order — user by
// user in the order of their ids (the table's primary key is (user_id, id),
// so that its B-tree only appends), each user's in the order of their times
// and ids — counting the expired and read ones it yields into res. Row i
// (user i mod len(users), its k-th for k = i / len(users)) is created at
// the i-th point of its span, so that times still rise with i across users.
func notificationRows(users []Account, opts NotificationOptions, ttl time.Duration, now time.Time,
	res *NotificationResult, log *slog.Logger) iter.Seq[notification.Notification] {
	return func(yield func(notification.Notification) bool) {
		seed := opts.Seed
		if seed == 0 {
			seed = 1
		}
		rng := rand.New(rand.NewPCG(seed, 17))
		live := min(liveSpan, ttl/2)
		expiredFrom := now.Add(-ttl - time.Hour - expiredSpan)
		liveFrom := now.Add(-time.Minute - live)
		total, expired := opts.Notifications, opts.Expired
		order := make([]int, len(users))
		for j := range order {
			order[j] = j
		}
		slices.SortFunc(order, func(a, b int) int { return strings.Compare(users[a].UserID, users[b].UserID) })
		yielded := 0
		for _, j := range order {
			u := users[j]
			var lastMS int64
			for i := j; i < total; i += len(users) {
				var at time.Time
				if i < expired {
					at = expiredFrom.Add(time.Duration(float64(expiredSpan) * float64(i) / float64(expired)))
				} else {
					at = liveFrom.Add(time.Duration(float64(live) * float64(i-expired) / float64(total-expired)))
				}
				// Strictly rising milliseconds within the user: its ids rise.
				ms := max(at.UnixMilli(), lastMS+1)
				lastMS = ms
				at = time.UnixMilli(ms)
				k := i / len(users)
				d := notification.Draft{UserID: u.UserID, Type: notificationTypes[i%len(notificationTypes)], Title: "load.seed.title",
					Message: "load.seed.message", Source: "fleetseed",
					Metadata: map[string]any{"seedSeq": strconv.Itoa(k), "seedRow": strconv.Itoa(i)}}
				made, err := notification.New(d, at)
				if err != nil {
					log.Error("seed notifications: a draft was refused", "err", err)
					return
				}
				rec := made.Record()
				rec.ID = idAt(ms, rng)
				if rng.Float64() < opts.Read {
					readAt := at.Add(time.Minute).UTC()
					rec.Read, rec.ReadAt = true, &readAt
					res.Read++
				}
				if i < expired {
					res.Expired++
				}
				if !yield(notification.FromStore(rec)) {
					return
				}
				if yielded++; yielded%1_000_000 == 0 {
					log.Info("seeding notifications", "stored", yielded, "of", total)
				}
			}
		}
	}
}

// idAt is an id of the server's layout (domain.NewID: a UUIDv7 without
// dashes) for the millisecond ms, with random bits from rng.
func idAt(ms int64, rng *rand.Rand) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[0:8], uint64(ms)<<16|0x7000)
	binary.BigEndian.PutUint64(b[8:16], rng.Uint64())
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return hex.EncodeToString(b[:])
}
