package bus

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
)

// Channel is the Redis pub/sub channel every instance publishes to and
// subscribes to. One channel keeps each publisher's order; an instance drops,
// with one map lookup, messages for users it holds no stream of.
const Channel = "fleetman:notifications:v1"

// Redis is the bus between instances: Publish is a PUBLISH, and every
// instance (this one included) receives every message through its subscription.
type Redis struct {
	client *redis.Client
	sub    *redis.PubSub
	log    *slog.Logger
	wg     sync.WaitGroup
	once   sync.Once
}

// NewRedis connects to url (redis:// or rediss://), subscribes, and hands
// every message received to h until Close. It fails when Redis does not answer.
func NewRedis(ctx context.Context, url string, h Handler, log *slog.Logger) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("bus: REDIS_URL: %w", err)
	}
	if log == nil {
		log = slog.Default()
	}
	client := redis.NewClient(opts)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := client.Ping(pctx).Err(); err != nil {
		_ = client.Close()
		return nil, fmt.Errorf("bus: redis ping: %w", err)
	}
	sub := client.Subscribe(pctx, Channel)
	// Wait for the subscription to be confirmed: from now on no message is missed.
	if _, err := sub.Receive(pctx); err != nil {
		_ = sub.Close()
		_ = client.Close()
		return nil, fmt.Errorf("bus: redis subscribe: %w", err)
	}
	b := &Redis{client: client, sub: sub, log: log}
	ch := sub.Channel(redis.WithChannelSize(4096))
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		for msg := range ch {
			var m events.Message
			if err := json.Unmarshal([]byte(msg.Payload), &m); err != nil {
				log.Warn("bus: undecodable message", "err", err)
				continue
			}
			h(m)
		}
	}()
	return b, nil
}

// Publish implements Bus.
func (b *Redis) Publish(ctx context.Context, m events.Message) error {
	raw, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("bus: encode: %w", err)
	}
	if err := b.client.Publish(ctx, Channel, raw).Err(); err != nil {
		return fmt.Errorf("bus: redis publish: %w", err)
	}
	return nil
}

// Ping checks Redis answers.
func (b *Redis) Ping(ctx context.Context) error { return b.client.Ping(ctx).Err() }

// Close unsubscribes, waits for the receiving goroutine and disconnects.
func (b *Redis) Close() error {
	var err error
	b.once.Do(func() {
		err = b.sub.Close()
		b.wg.Wait()
		if cerr := b.client.Close(); err == nil {
			err = cerr
		}
	})
	return err
}
