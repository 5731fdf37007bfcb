package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
	"time"
)

// checkpointInterval is how often the WAL is copied back into the database
// file. Longer means a bigger WAL but fewer copies of pages that change
// often (a page written a hundred times between two checkpoints is copied once).
const checkpointInterval = time.Second

// checkpointer copies the WAL back in two steps each interval. First PASSIVE
// checkpoints on its own connection copy what was committed so far, while
// the writer goes on writing (see tick). Then, if writes went on meanwhile,
// a PASSIVE checkpoint on the writer's connection copies the few frames they
// added, between two write transactions: SQLite starts the WAL over only at a
// write that finds every frame copied, which a checkpoint racing a busy
// writer never achieves, so without this second step the WAL (and the cost
// of every write to it) would grow without bound.
type checkpointer struct {
	own    *sql.DB
	writer *sql.DB
	cancel context.CancelFunc
	done   chan struct{}
	runs   atomic.Int64 // checkpoints that ran (for tests)
}

func startCheckpointer(own, writer *sql.DB, every time.Duration) *checkpointer {
	own.SetMaxOpenConns(1)
	ctx, cancel := context.WithCancel(context.Background())
	c := &checkpointer{own: own, writer: writer, cancel: cancel, done: make(chan struct{})}
	go c.loop(ctx, every)
	return c
}

func (c *checkpointer) loop(ctx context.Context, every time.Duration) {
	defer close(c.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// A failure (e.g. the file is briefly locked by another process)
			// leaves the pages in the WAL, where readers find them; the next
			// tick tries again.
			c.tick(ctx)
			c.runs.Add(1)
		}
	}
}

const (
	// catchUpFrames is what is left for the writer's step to copy: a few
	// hundred pages take it a millisecond or two, while the writer waits.
	catchUpFrames = 64
	// catchUpPasses bounds the passes that chase a writer that commits as
	// fast as they copy.
	catchUpPasses = 8
)

// tick runs one interval's checkpoints. Copying a second's worth of writes
// takes tens of milliseconds, and the frames committed meanwhile would all be
// left to the writer's step; so the own connection copies again, each pass
// over what the previous one raced, until what is left is small.
func (c *checkpointer) tick(ctx context.Context) {
	frames, err := checkpoint(ctx, c.own)
	if err != nil || frames == 0 {
		return // nothing written since the WAL started over
	}
	for range catchUpPasses {
		next, err := checkpoint(ctx, c.own)
		if err != nil {
			return
		}
		grew := next - frames
		frames = next
		if grew == 0 {
			return // quiet: all is copied, and the next write starts the WAL over
		}
		if grew <= catchUpFrames { // < 0: the WAL started over meanwhile
			break
		}
	}
	mode := "PASSIVE"
	if frames >= walRestartFrames {
		// The WAL has not started over for long: another process writes
		// the same file between this one's transactions. RESTART waits for
		// that writer (busy_timeout) and keeps writers out until every frame
		// is copied, so the next write starts the WAL over.
		mode = "RESTART"
	}
	_, _ = checkpointMode(ctx, c.writer, mode)
}

// walRestartFrames is the WAL size (in frames, i.e. pages) past which the
// writer's step forces the WAL to start over. One busy instance stays far
// below it; instances sharing the file may not.
var walRestartFrames = 64 << 10

// checkpoint runs a PASSIVE checkpoint on a connection of db and returns how
// many frames the WAL holds (copied or not) since it last started over.
func checkpoint(ctx context.Context, db *sql.DB) (int, error) {
	return checkpointMode(ctx, db, "PASSIVE")
}

func checkpointMode(ctx context.Context, db *sql.DB, mode string) (int, error) {
	var busy, logFrames, copied int
	err := db.QueryRowContext(ctx, "PRAGMA wal_checkpoint("+mode+")").Scan(&busy, &logFrames, &copied)
	if err != nil {
		return 0, fmt.Errorf("sqlite: checkpoint: %w", err)
	}
	return max(logFrames, 0), nil // -1: not in WAL mode
}

func (c *checkpointer) stop() error {
	c.cancel()
	<-c.done
	return c.own.Close()
}
