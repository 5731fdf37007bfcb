package schedule

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunWaitsItsDelayThenRepeatsUntilTheContextEnds(t *testing.T) {
	tests := []struct {
		name  string
		delay time.Duration
	}{
		{"no delay", 0},
		{"a delay", 80 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			var runs atomic.Int32
			first := make(chan time.Duration, 1)
			start := time.Now()
			done := make(chan struct{})
			go func() {
				defer close(done)
				Run(ctx, tt.delay, 10*time.Millisecond, func() {
					if runs.Add(1) == 1 {
						first <- time.Since(start)
					}
				})
			}()
			if d := <-first; d < tt.delay {
				t.Fatalf("first run after %v, before the delay %v", d, tt.delay)
			}
			for runs.Load() < 3 {
				time.Sleep(5 * time.Millisecond)
			}
			cancel()
			<-done
			after := runs.Load()
			time.Sleep(30 * time.Millisecond)
			if runs.Load() != after {
				t.Fatal("ran after the context ended")
			}
		})
	}
}

func TestRunDoesNotStartWhenTheContextEndsDuringTheDelay(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	Run(ctx, time.Hour, time.Second, func() { ran = true })
	if ran {
		t.Fatal("ran")
	}
}
