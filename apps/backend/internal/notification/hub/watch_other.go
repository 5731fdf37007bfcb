//go:build !linux

package hub

import "context"

// watcher is a no-op here: dead clients are found by the heartbeat probe.
type watcher struct{}

func newWatcher() *watcher                 { return &watcher{} }
func (w *watcher) add(*Stream)             {}
func (w *watcher) remove(*Stream)          {}
func (w *watcher) run(ctx context.Context) {}
