package bus

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
)

// Channel is the Redis pub/sub channel every instance publishes to and
// subscribes to. One channel keeps each publisher's order; an instance drops,
// with one map lookup, messages for users it holds no stream of.
const Channel = "fleetman:notifications:v1"

// tickEvent is the bus's own message: an instance's latest origin seq, sent
// every TickEvery, so that a receiver finds a gap even when nothing follows it.
const tickEvent = "tick"

// Tuning of the Redis bus.
const (
	outboxSize    = 8192                   // messages waiting for Redis; more are dropped (and caught up)
	batchMax      = 256                    // messages sent in one pipeline
	publishWithin = time.Second            // a pipeline that takes longer fails
	TickEvery     = 500 * time.Millisecond // origin ticks
	silentAfter   = 2 * time.Second        // no answer from Redis for this long: down
	originLost    = 3 * TickEvery          // an instance not heard for this long: catch up
	// While this instance hears no Redis, or another instance has gone
	// silent (for up to silentFor), its streams catch up from the shared
	// store every catchUpEvery: they keep receiving the others'
	// notifications during the outage, seconds late instead of not at all.
	catchUpEvery = 2 * time.Second
	silentFor    = 30 * time.Second
)

// Redis is the bus between instances. Publish never waits on the network:
// it numbers the message (origin, origin seq) and queues it for a relay
// goroutine that sends pipelines to Redis; what cannot be sent in time is
// dropped and counted. Every instance subscribes; a receiver ignores its own
// messages (the publisher delivered them locally already) and, when it
// finds it has missed some — a gap in an instance's origin seqs, a silent
// instance, a lost or restored subscription — asks for a catch-up from the
// store (onGap). The store is the truth; the bus only carries news of it.
type Redis struct {
	client  *redis.Client
	sub     *redis.PubSub
	log     *slog.Logger
	metrics *Metrics
	deliver Handler
	onGap   func()

	origin string
	seq    atomic.Uint64 // origin seq of the last message queued
	out    chan events.Message

	subUp, pubUp atomic.Bool
	since        atomic.Int64 // Unix ns of the last state change

	stop chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

// Options of NewRedis.
type Options struct {
	Log     *slog.Logger
	Metrics *Metrics
	// OnGap is called (from the receiving goroutine; it must not block) when
	// this instance may have missed messages: its streams must catch up
	// from the store.
	OnGap func()
}

// NewRedis connects to url (redis:// or rediss://), subscribes, and hands
// every other instance's message to h until Close. It fails when Redis does
// not answer at start-up; later outages are survived.
func NewRedis(ctx context.Context, url string, h Handler, o Options) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("bus: REDIS_URL: %w", err)
	}
	// Fail fast while Redis is down or hung: the relay retries on its own.
	opts.DialTimeout = min(nonZero(opts.DialTimeout, time.Second), time.Second)
	opts.ReadTimeout = min(nonZero(opts.ReadTimeout, time.Second), time.Second)
	opts.WriteTimeout = min(nonZero(opts.WriteTimeout, time.Second), time.Second)
	opts.MaxRetries = -1
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics(nil)
	}
	if o.OnGap == nil {
		o.OnGap = func() {}
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
	var id [6]byte
	_, _ = rand.Read(id[:])
	b := &Redis{client: client, sub: sub, log: o.Log, metrics: o.Metrics, deliver: h, onGap: o.OnGap,
		origin: hex.EncodeToString(id[:]), out: make(chan events.Message, outboxSize), stop: make(chan struct{})}
	b.subUp.Store(true)
	b.pubUp.Store(true)
	b.since.Store(time.Now().UnixNano())
	b.metrics.Up.Set(1)
	b.wg.Add(3)
	go b.receive()
	go b.relay()
	go b.tick()
	return b, nil
}

func nonZero(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Publish implements Bus: it queues m for Redis and returns at once. A full
// queue (Redis down or slow for a while) drops m; the message's origin seq is
// taken all the same, so the other instances see the gap and catch up.
func (b *Redis) Publish(_ context.Context, m events.Message) error {
	m.Origin = b.origin
	m.OriginSeq = b.seq.Add(1)
	select {
	case b.out <- m:
	default:
		b.metrics.Dropped.Inc()
	}
	return nil
}

// State tells whether this instance hears Redis (subscribed, answering) and
// can publish to it, and since when that is so.
func (b *Redis) State() (subscribed, publishing bool, since time.Time) {
	return b.subUp.Load(), b.pubUp.Load(), time.Unix(0, b.since.Load())
}

func (b *Redis) setState(flag *atomic.Bool, up bool) (changed bool) {
	if flag.Swap(up) == up {
		return false
	}
	b.since.Store(time.Now().UnixNano())
	if b.subUp.Load() && b.pubUp.Load() {
		b.metrics.Up.Set(1)
	} else {
		b.metrics.Up.Set(0)
	}
	return true
}

// relay sends the queued messages to Redis in pipelines, in queue order.
func (b *Redis) relay() {
	defer b.wg.Done()
	batch := make([]events.Message, 0, batchMax)
	for {
		select {
		case <-b.stop:
			return
		case m := <-b.out:
			batch = append(batch[:0], m)
		}
	fill:
		for len(batch) < batchMax {
			select {
			case m := <-b.out:
				batch = append(batch, m)
			default:
				break fill
			}
		}
		b.send(batch)
		clear(batch)
	}
}

// send publishes one pipeline; on failure its messages are dropped (the
// receivers find the gap) and the relay waits a little before the next try
// while Redis stays unreachable.
func (b *Redis) send(batch []events.Message) {
	ctx, cancel := context.WithTimeout(context.Background(), publishWithin)
	defer cancel()
	pipe := b.client.Pipeline()
	for i := range batch {
		raw, err := json.Marshal(batch[i])
		if err != nil {
			b.log.Error("bus: encode", "err", err)
			continue
		}
		pipe.Publish(ctx, Channel, raw)
	}
	_, err := pipe.Exec(ctx)
	now := time.Now().UnixNano()
	if err != nil {
		n := 0
		for i := range batch {
			if batch[i].Event != tickEvent {
				n++
			}
		}
		b.metrics.Failed.Add(float64(n))
		if b.setState(&b.pubUp, false) {
			b.log.Warn("bus: redis publish failing; other instances will catch up from the store", "err", err)
		}
		select { // let an outage pass instead of spinning on it
		case <-b.stop:
		case <-time.After(100 * time.Millisecond):
		}
		return
	}
	if b.setState(&b.pubUp, true) {
		b.log.Info("bus: redis publish working again")
	}
	for i := range batch {
		if batch[i].Event != tickEvent && batch[i].PublishedAt > 0 {
			b.metrics.Lag.Observe(float64(now-batch[i].PublishedAt) / 1e9)
		}
	}
}

// tick queues this instance's latest origin seq every TickEvery.
func (b *Redis) tick() {
	defer b.wg.Done()
	t := time.NewTicker(TickEvery)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-t.C:
			select {
			case b.out <- events.Message{Event: tickEvent, Origin: b.origin, OriginSeq: b.seq.Load()}:
			default:
			}
		}
	}
}

// origins is what a receiver knows of each other instance.
type origins map[string]*originState

type originState struct {
	seq   uint64
	heard time.Time
}

// receive hands other instances' messages to the hub and watches for gaps.
func (b *Redis) receive() {
	defer b.wg.Done()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-b.stop
		cancel()
	}()
	known := origins{}
	heard := time.Now()
	lastSweep := heard
	lastCatchUp := heard
	silent := map[string]time.Time{} // instances gone silent, and since when
	gap := func(why string) {
		b.metrics.Gaps.WithLabelValues(why).Inc()
		b.log.Debug("bus: may have missed messages; catching up from the store", "reason", why)
		b.onGap()
	}
	for ctx.Err() == nil {
		msg, err := b.sub.ReceiveTimeout(ctx, TickEvery)
		now := time.Now()
		if now.Sub(lastSweep) >= TickEvery {
			lastSweep = now
			for o, st := range known {
				if now.Sub(st.heard) > originLost {
					delete(known, o) // gone, or we stopped hearing it: what it sent meanwhile is in the store
					silent[o] = now
					lastCatchUp = now
					gap("origin_silent")
				}
			}
			for o, since := range silent {
				if now.Sub(since) > silentFor {
					delete(silent, o) // stopped for good (or cut off for long): its clients moved on
				}
			}
			degraded := !b.subUp.Load() || len(silent) > 0
			if degraded && now.Sub(lastCatchUp) >= catchUpEvery {
				lastCatchUp = now
				gap("degraded")
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				// Nothing heard for a while: ask Redis to answer.
				pctx, pcancel := context.WithTimeout(ctx, publishWithin)
				_ = b.sub.Ping(pctx)
				pcancel()
			} else {
				// The connection broke; the next receive dials again.
				select {
				case <-ctx.Done():
				case <-time.After(100 * time.Millisecond):
				}
			}
			if now.Sub(heard) > silentAfter && b.setState(&b.subUp, false) {
				b.log.Warn("bus: redis subscription lost; catching up from the store when it is back", "err", err)
			}
			continue
		}
		heard = now
		if b.setState(&b.subUp, true) {
			b.log.Info("bus: redis subscription back")
			gap("resubscribed")
		}
		switch m := msg.(type) {
		case *redis.Subscription:
			// A re-subscription after a reconnect: what was published
			// while this instance was not subscribed is only in the store.
			if m.Kind == "subscribe" {
				gap("resubscribed")
			}
		case *redis.Message:
			var e events.Message
			if err := json.Unmarshal([]byte(m.Payload), &e); err != nil {
				b.log.Warn("bus: undecodable message", "err", err)
				continue
			}
			if e.Origin == b.origin {
				continue // delivered locally when it was published
			}
			if e.Origin != "" {
				_, wasSilent := silent[e.Origin]
				delete(silent, e.Origin) // heard again
				st := known[e.Origin]
				switch {
				case st == nil:
					known[e.Origin] = &originState{seq: e.OriginSeq, heard: now}
					if wasSilent { // what it sent since it went silent may be lost
						gap("origin_silent")
					}
				default:
					st.heard = now
					if e.OriginSeq > st.seq+1 || (e.Event == tickEvent && e.OriginSeq > st.seq) {
						gap("origin_seq")
					}
					st.seq = max(st.seq, e.OriginSeq)
				}
			}
			if e.Event == tickEvent {
				continue
			}
			b.deliver(e)
		}
	}
}

// Ping checks Redis answers.
func (b *Redis) Ping(ctx context.Context) error { return b.client.Ping(ctx).Err() }

// Close stops the relay (what is queued is dropped), unsubscribes and disconnects.
func (b *Redis) Close() error {
	var err error
	b.once.Do(func() {
		close(b.stop)
		err = b.sub.Close()
		b.wg.Wait()
		if cerr := b.client.Close(); err == nil {
			err = cerr
		}
	})
	return err
}

func init() {
	// go-redis logs every failed dial while Redis is down; the bus reports
	// the outage itself, once, with its state and metrics.
	redis.SetLogger(quietLogger{})
}

type quietLogger struct{}

func (quietLogger) Printf(ctx context.Context, format string, v ...any) {
	slog.DebugContext(ctx, "redis: "+fmt.Sprintf(format, v...))
}
