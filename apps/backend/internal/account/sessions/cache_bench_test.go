package sessions

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// BenchmarkColdChecks is the session check of a reconnect storm: 2,000
// streams of 2,000 users authenticate at once against an empty cache (a
// server that just started), on the embedded store. "one at a time" is the
// check reading its own session and user (MaxBatch 1); "batched" is the
// default. ns/check and allocs per op are what the storm costs; the reads'
// garbage is also what stays in the server's RSS afterwards (BENCHMARKS.md).
func BenchmarkColdChecks(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	const n = 2000
	now := time.Now()
	users, sessions := sqlite.NewUserRepository(db), sqlite.NewSessionRepository(db)
	uids, sids := make([]string, n), make([]string, n)
	us, ss := make([]user.User, n), make([]session.Session, n)
	for i := range n {
		if us[i], err = user.New(fmt.Sprintf("u%d@bench.test", i), "User", "", "$2a$12$hash", now); err != nil {
			b.Fatal(err)
		}
		if ss[i], err = session.New(us[i].ID(), now, time.Hour); err != nil {
			b.Fatal(err)
		}
		uids[i], sids[i] = us[i].ID(), ss[i].ID()
	}
	if err := users.CreateMany(ctx, us); err != nil {
		b.Fatal(err)
	}
	if err := sessions.CreateMany(ctx, ss); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		batch int
	}{{"one at a time", 1}, {"batched", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c := NewCache(sessions, users, Options{MaxBatch: bc.batch})
				var wg sync.WaitGroup
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if _, err := c.Check(ctx, uids[i], sids[i]); err != nil {
							b.Error(err)
						}
					}()
				}
				wg.Wait()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/check")
		})
	}
}
