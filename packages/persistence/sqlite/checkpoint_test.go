package sqlite

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

// walRestarts reads the checkpoint sequence number of the WAL header, which
// SQLite increments each time it starts the WAL over from its beginning.
func walRestarts(t *testing.T, path string) uint32 {
	t.Helper()
	f, err := os.Open(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var hdr [32]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return 0 // not written yet
	}
	return binary.BigEndian.Uint32(hdr[12:16])
}

// writeUntilTheWALStartsOver keeps 8 writers creating notifications through
// repos (in turn) until the WAL at path has started over three times, or for
// at most within; it returns how many times it started over.
func writeUntilTheWALStartsOver(t *testing.T, path string, repos []*NotificationRepository, within time.Duration) uint32 {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			repo, user := repos[w%len(repos)], domain.NewID()
			for ctx.Err() == nil {
				if _, err := repo.Create(context.Background(), repotest.NewNotification(t, user, notification.TypeSystem, nil)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	start := walRestarts(t, path)
	deadline := time.Now().Add(within)
	for walRestarts(t, path) < start+3 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	return walRestarts(t, path) - start
}

// While writers never stop, the WAL is still copied back and started over
// (the writer itself never checkpoints: wal_autocheckpoint=0), so it does not
// grow without bound.
func TestTheWALStartsOverWhileWritesGoOn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wal.db")
	db := openTestDBAt(t, path)
	if got := writeUntilTheWALStartsOver(t, path, []*NotificationRepository{NewNotificationRepository(db)}, 20*time.Second); got < 3 {
		t.Fatalf("the WAL started over %d times in 20 s of writes (checkpoints ran %d times)", got, db.ckpt.runs.Load())
	}
}

// Two stores on one file (two server instances) write between each other's
// transactions; the WAL must still start over. Without the RESTART step it
// takes about half a minute of luck.
func TestTheWALStartsOverWithTwoWritersOnOneFile(t *testing.T) {
	defer func(n int) { walRestartFrames = n }(walRestartFrames)
	walRestartFrames = 2000
	path := filepath.Join(t.TempDir(), "two.db")
	var repos []*NotificationRepository
	for i := 0; i < 2; i++ {
		repos = append(repos, NewNotificationRepository(openTestDBAt(t, path)))
	}
	if got := writeUntilTheWALStartsOver(t, path, repos, 15*time.Second); got < 3 {
		t.Fatalf("the WAL started over %d times in 15 s of writes from two stores", got)
	}
}

// Once writes stop, a tick copies every frame and leaves the writer alone;
// the next write then starts the WAL over by itself.
func TestAfterAQuietSpellTheNextWriteStartsTheWALOver(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quiet.db")
	db := openTestDBAt(t, path)
	repo := NewNotificationRepository(db)
	user := domain.NewID()
	create := func() {
		t.Helper()
		if _, err := repo.Create(context.Background(), repotest.NewNotification(t, user, notification.TypeSystem, nil)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 200; i++ {
		create()
	}
	start, ticks := walRestarts(t, path), db.ckpt.runs.Load()
	deadline := time.Now().Add(10 * time.Second)
	for db.ckpt.runs.Load() < ticks+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	create()
	if walRestarts(t, path) == start {
		t.Fatal("the write after a quiet spell did not start the WAL over")
	}
}
