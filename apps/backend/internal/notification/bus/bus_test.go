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

func TestInProcessDeliversInTheCallersGoroutine(t *testing.T) {
	s := newSink()
	b := bus.NewInProcess(s.deliver)
	m := events.Message{UserID: "u", Event: "notification", ID: "1", Data: []byte(`{}`)}
	if err := b.Publish(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if len(s.got) != 1 || s.got[0].ID != "1" {
		t.Fatalf("%+v", s.got)
	}
}

// TestRedisReachesEveryInstanceInOrder: two buses on one redis-server; each
// receives every message of both, each publisher's messages in order, with
// the payload intact; Close leaves no goroutine behind.
func TestRedisReachesEveryInstanceInOrder(t *testing.T) {
	url := testkit.StartRedis(t)
	before := runtime.NumGoroutine()
	ctx := context.Background()
	sa, sb := newSink(), newSink()
	a, err := bus.NewRedis(ctx, url, sa.deliver, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bus.NewRedis(ctx, url, sb.deliver, nil)
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
	for _, s := range []*sink{sa, sb} {
		got := s.waitFor(t, n+1)
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
	if _, err := bus.NewRedis(context.Background(), "redis://127.0.0.1:1/0", func(events.Message) {}, nil); err == nil {
		t.Fatal("no error for a Redis that does not answer")
	}
}
