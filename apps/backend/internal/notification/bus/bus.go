// Package bus carries stream events between server instances, through Redis
// pub/sub when REDIS_URL is set (a single instance needs none: the publisher
// delivers to its own hub). Every instance hands every other instance's
// message to its own hub, which drops those for users it holds no stream of.
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

// Handler receives each message published on another instance, in publish
// order per publisher. It must not block (the hub only enqueues).
type Handler func(events.Message)
