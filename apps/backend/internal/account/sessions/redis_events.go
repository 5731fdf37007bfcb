package sessions

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisChannel is the channel the instances share session messages on.
const RedisChannel = "fleetman:sessions:v1"

// Redis is Events between instances over Redis pub/sub. Publish also hands
// the message to this instance's subscribers at once, so a logout closes
// local streams without waiting for the round trip; the copy that comes
// back through Redis is harmless (ending is idempotent).
type Redis struct {
	client *redis.Client
	sub    *redis.PubSub
	local  InProcess
	log    *slog.Logger
}

// NewRedis connects to url (checking it answers) and returns the events.
func NewRedis(ctx context.Context, url string, log *slog.Logger) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("session events: %w", err)
	}
	c := redis.NewClient(opts)
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := c.Ping(pctx).Err(); err != nil {
		c.Close()
		return nil, fmt.Errorf("session events: redis: %w", err)
	}
	// Subscribed before the first request: no message of ours is missed.
	sub := c.Subscribe(ctx, RedisChannel)
	if _, err := sub.Receive(pctx); err != nil {
		sub.Close()
		c.Close()
		return nil, fmt.Errorf("session events: subscribe: %w", err)
	}
	return &Redis{client: c, sub: sub, log: log}, nil
}

// Publish implements Events. The local subscribers hear the message at
// once; the other instances through Redis, tried for at most a second. A
// message Redis did not take is logged, not returned: the end is already in
// the store, so the other instances see it within SESSION_CACHE_TTL for
// requests and at their next session sweep for open streams, and the user's
// logout must not fail or wait because Redis is down.
func (r *Redis) Publish(ctx context.Context, e Ended) error {
	_ = r.local.Publish(ctx, e)
	raw, err := json.Marshal(e)
	if err != nil {
		return err
	}
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := r.client.Publish(pctx, RedisChannel, raw).Err(); err != nil {
		r.log.Warn("session events: not announced to the other instances (they see it within the cache TTL and the session sweep)",
			"err", err, "user", e.UserID)
	}
	return nil
}

// Subscribe implements Events.
func (r *Redis) Subscribe(fn func(Ended)) { r.local.Subscribe(fn) }

// Run receives the other instances' messages until ctx ends (go-redis
// resubscribes by itself after a dropped connection).
func (r *Redis) Run(ctx context.Context) {
	ch := r.sub.Channel()
	for {
		select {
		case <-ctx.Done():
			return
		case m, ok := <-ch:
			if !ok {
				return
			}
			var e Ended
			if err := json.Unmarshal([]byte(m.Payload), &e); err != nil || e.UserID == "" {
				r.log.Warn("session events: bad message", "payload", m.Payload)
				continue
			}
			_ = r.local.Publish(ctx, e)
		}
	}
}

// Close ends the subscription and closes the client.
func (r *Redis) Close() error {
	_ = r.sub.Close()
	return r.client.Close()
}
