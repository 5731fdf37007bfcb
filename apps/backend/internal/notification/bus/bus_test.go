package bus_test

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/bus"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

type sink struct {
	mu   sync.Mutex
	got  []events.Message
	wake chan struct{}
}

func newSink() *sink { return &sink{wake: make(chan struct{}, 1)} }

func (s *sink) deliver(m events.Message) {
	s.mu.Lock()
	s.got = append(s.got, m)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *sink) waitFor(t *testing.T, n int) []events.Message {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		s.mu.Lock()
		if len(s.got) >= n {
			out := append([]events.Message(nil), s.got...)
			s.mu.Unlock()
			return out
		}
		s.mu.Unlock()
		select {
		case <-s.wake:
		case <-deadline:
			t.Fatalf("%d of %d messages", len(s.got), n)
		}
	}
}

// TestRedisReachesEveryInstanceInOrder: two buses on one redis-server; each
// receives every message of the other (not its own: the publisher delivers
// those locally), each publisher's messages in order, with the payload
// intact; Close leaves no goroutine behind.
func TestRedisReachesEveryInstanceInOrder(t *testing.T) {
	url := testkit.StartRedis(t)
	before := runtime.NumGoroutine()
	ctx := context.Background()
	sa, sb := newSink(), newSink()
	a, err := bus.NewRedis(ctx, url, sa.deliver, bus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := bus.NewRedis(ctx, url, sb.deliver, bus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	for i := 0; i < n; i++ {
		m := events.Message{UserID: "ana", Event: "notification", ID: string(rune('a' + i%26)),
			Data: []byte(`{"i":` + strconv.Itoa(i) + `,"text":"Grúa «Ñandú» 🚜\n"}`), PublishedAt: int64(i)}
		if err := a.Publish(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Publish(ctx, events.Message{UserID: "bea", Event: "unread-count", Data: []byte(`{"count":1}`)}); err != nil {
		t.Fatal(err)
	}
	if got := sa.waitFor(t, 1); len(got) != 1 || got[0].UserID != "bea" {
		t.Fatalf("a received %+v", got)
	}
	for _, s := range []*sink{sb} {
		got := s.waitFor(t, n)
		i := 0
		for _, m := range got {
			if m.UserID != "ana" {
				continue
			}
			if m.PublishedAt != int64(i) || string(m.Data) != `{"i":`+strconv.Itoa(i)+`,"text":"Grúa «Ñandú» 🚜\n"}` {
				t.Fatalf("message %d: %+v", i, m)
			}
			i++
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Fatalf("%d goroutines after Close, %d before", g, before)
	}
}

func TestRedisRefusesABadURL(t *testing.T) {
	if _, err := bus.NewRedis(context.Background(), "redis://127.0.0.1:1/0", func(events.Message) {}, bus.Options{}); err == nil {
		t.Fatal("no error for a Redis that does not answer")
	}
}

// TestRedisPublishNeverWaitsAndGapsAreFound: with Redis stopped or hung,
// Publish returns at once; the other instance finds the gap in the origin
// seqs (or its lost subscription) and asks for a catch-up.
func TestRedisPublishNeverWaitsAndGapsAreFound(t *testing.T) {
	r := testkit.StartRedisServer(t)
	ctx := context.Background()
	gaps := make(chan struct{}, 64)
	sb := newSink()
	a, err := bus.NewRedis(ctx, r.URL, func(events.Message) {}, bus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := bus.NewRedis(ctx, r.URL, sb.deliver, bus.Options{OnGap: func() {
		select {
		case gaps <- struct{}{}:
		default:
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	publish := func(i int) time.Duration {
		start := time.Now()
		if err := a.Publish(ctx, events.Message{UserID: "ana", Event: "notification", ID: strconv.Itoa(i), Data: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	publish(0)
	sb.waitFor(t, 1)
	for name, fault := range map[string][2]func(){"stopped": {r.Stop, r.Start}, "hung": {r.Pause, r.Resume}} {
		for len(gaps) > 0 {
			<-gaps
		}
		sb.mu.Lock()
		before := len(sb.got)
		sb.mu.Unlock()
		fault[0]()
		var slowest time.Duration
		for i := 1; i <= 200; i++ {
			slowest = max(slowest, publish(i))
			time.Sleep(5 * time.Millisecond)
		}
		if slowest > 50*time.Millisecond {
			t.Errorf("Redis %s: a publish took %v", name, slowest)
		}
		if sub, pub, _ := a.State(); sub && pub {
			t.Errorf("Redis %s: the bus reports up", name)
		}
		fault[1]()
		// Afterwards b has every message, or was told it missed some (a
		// hung Redis may still run the publishes it had read).
		deadline := time.Now().Add(10 * time.Second)
		for {
			sb.mu.Lock()
			n := len(sb.got)
			sb.mu.Unlock()
			if len(gaps) > 0 || n >= before+200 { // ids repeat between rounds: count them
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("Redis %s: %d messages and no gap reported after it came back", name, n)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}
