// Package schedule runs a background job on a timer.
package schedule

import (
	"context"
	"time"
)

// Run calls job once delay has passed (at once when delay ≤ 0) and then
// every interval, until ctx ends; a run in progress is never interrupted by
// the timer, and a missed tick is not made up.
func Run(ctx context.Context, delay, interval time.Duration, job func()) {
	if delay > 0 {
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
	}
	job()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			job()
		}
	}
}
