// Package bus carries stream events between server instances: in process by
// default, through Redis pub/sub when REDIS_URL is set. Every instance hands
// every message it receives to its own hub, which drops those for users it
// holds no stream of.
package bus

import (
	"context"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
)

// Bus publishes messages to every instance.
type Bus interface {
	Publish(ctx context.Context, m events.Message) error
	Close() error
}

// Handler receives each message published on any instance, in publish order
// per publisher. It must not block (the hub only enqueues).
type Handler func(events.Message)

// InProcess is the single-instance bus: Publish calls the handler directly.
type InProcess struct{ deliver Handler }

// NewInProcess returns a bus that delivers to h in the caller's goroutine.
func NewInProcess(h Handler) *InProcess { return &InProcess{deliver: h} }

// Publish implements Bus.
func (b *InProcess) Publish(_ context.Context, m events.Message) error {
	b.deliver(m)
	return nil
}

// Close implements Bus.
func (b *InProcess) Close() error { return nil }
