package notificationapp_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// countingPurge is a store whose purge removes 3 and counts its calls.
type countingPurge struct {
	notification.Repository
	mu    sync.Mutex
	calls int
}

func (c *countingPurge) DeleteOlderThan(context.Context, time.Time) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	return 3, nil
}

func (c *countingPurge) called() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls
}

// safeBuffer is a log sink the schedule's goroutine and the test share.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// With a delay no purge runs before it (here the context ends first);
// without one the first pass runs at once and logs its count and took_ms.
func TestPurgeScheduleWaitsItsDelayBeforeTheFirstPass(t *testing.T) {
	tests := []struct {
		name      string
		delay     time.Duration
		wantCalls int
	}{
		{"a delay longer than the run", time.Hour, 0},
		{"no delay", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := &countingPurge{}
			var logs safeBuffer
			purge := notificationapp.NewPurgeNotificationsHandler(repo, time.Hour, nil)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() {
				purge.Schedule(ctx, tt.delay, time.Hour, slog.New(slog.NewTextHandler(&logs, nil)))
				close(done)
			}()
			for deadline := time.Now().Add(5 * time.Second); repo.called() < tt.wantCalls && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
			}
			time.Sleep(20 * time.Millisecond) // room for a pass that should not run
			cancel()
			<-done
			if got := repo.called(); got != tt.wantCalls {
				t.Fatalf("%d passes, want %d", got, tt.wantCalls)
			}
			if out := logs.String(); tt.wantCalls > 0 && (!strings.Contains(out, "count=3") || !strings.Contains(out, "took_ms=")) {
				t.Fatalf("the pass's log line: %q", out)
			}
		})
	}
}
