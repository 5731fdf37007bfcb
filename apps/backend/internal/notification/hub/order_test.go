package hub

import (
	"context"
	"fmt"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
)

// id is the notification id of seq n in these tests (ids sort as seqs do).
func id(n int64) string { return fmt.Sprintf("%032x", n) }

func seqMsg(user string, n int64) events.Message {
	m := msg(user, id(n), fmt.Sprintf(`{"n":%d}`, n))
	m.Seq = n
	return m
}

// store is a Source holding one user's notifications 1..n.
type store struct {
	mu    sync.Mutex
	n     int64
	reads int
}

func (s *store) After(_ context.Context, user, afterID string, limit int) ([]events.Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	var out []events.Message
	for i := int64(1); i <= s.n && len(out) < limit; i++ {
		if id(i) > afterID {
			m := seqMsg(user, i)
			m.PublishedAt = 0
			out = append(out, m)
		}
	}
	return out, nil
}

func (s *store) UnreadCount(context.Context, string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return int(s.n), nil
}

func testCount(c prometheus.Collector) float64 { return testutil.ToFloat64(c) }

func runHub(t *testing.T, h *Hub) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); h.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

func TestAStreamGetsNotificationsInSeqOrderWhateverOrderTheyCome(t *testing.T) {
	tests := []struct {
		name   string
		arrive []int64
	}{
		{"in order", []int64{1, 2, 3, 4}},
		{"one overtaken", []int64{2, 1, 3, 4}},
		{"reversed", []int64{4, 3, 2, 1}},
		{"duplicates", []int64{1, 1, 3, 2, 3, 2, 4, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := New(Config{MaxStreamsPerUser: 4, QueueSize: 64, Heartbeat: time.Hour, HoldFor: time.Hour}, nil)
			_, cli := attachLive(t, h, "ana")
			for _, n := range tt.arrive {
				h.Deliver(seqMsg("ana", n))
			}
			got := readEvents(t, cli, 4)
			var gotIDs []string
			for _, e := range got {
				gotIDs = append(gotIDs, e.LastEventID)
			}
			if want := []string{id(1), id(2), id(3), id(4)}; !slices.Equal(gotIDs, want) {
				t.Fatalf("got %v, want %v", gotIDs, want)
			}
		})
	}
}

// A seq that never comes (the bus lost it) is read from the store after
// HoldFor; what was held follows it, each once.
func TestAMissingSeqIsReadFromTheStore(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 64, Heartbeat: time.Hour, HoldFor: 20 * time.Millisecond}, nil)
	st := &store{n: 4}
	h.SetSource(st, nil)
	runHub(t, h)
	_, cli := attachLive(t, h, "ana")
	h.Deliver(seqMsg("ana", 1))
	h.Deliver(seqMsg("ana", 3)) // 2 was lost on the bus
	h.Deliver(seqMsg("ana", 4))
	got := readEvents(t, cli, 5) // 1, 2, 3, 4 and the count after the catch-up
	var gotIDs []string
	for _, e := range got {
		gotIDs = append(gotIDs, e.Type+":"+e.LastEventID)
	}
	want := []string{"notification:" + id(1), "notification:" + id(2), "notification:" + id(3), "notification:" + id(4), "unread-count:" + id(4)}
	if !slices.Equal(gotIDs, want) {
		t.Fatalf("got %v, want %v", gotIDs, want)
	}
	h.Deliver(seqMsg("ana", 2)) // the lost one arrives at last: dropped
	h.Deliver(seqMsg("ana", 5))
	if e := readEvents(t, cli, 1)[0]; e.LastEventID != id(5) {
		t.Fatalf("after the late copy: %+v", e)
	}
	if v := testCount(h.metrics.CaughtUp); v != 3 { // 2 from the store, 3 and 4 released
		t.Fatalf("caught up %v", v)
	}
}

// CatchUpAll (the bus lost messages) gives every live stream what the store
// has after its position, then live delivery goes on without duplicates.
func TestCatchUpAllSendsEveryStreamWhatItMissed(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 64, Heartbeat: time.Hour, HoldFor: time.Hour}, nil)
	st := &store{n: 1}
	h.SetSource(st, nil)
	runHub(t, h)
	_, a1 := attachLive(t, h, "ana")
	_, a2 := attachLive(t, h, "ana")
	h.Deliver(seqMsg("ana", 1))
	readEvents(t, a1, 1)
	readEvents(t, a2, 1)
	st.mu.Lock()
	st.n = 3 // 2 and 3 were stored and their messages lost
	st.mu.Unlock()
	h.CatchUpAll()
	for _, c := range []net.Conn{a1, a2} {
		got := readEvents(t, c, 3)
		if got[0].LastEventID != id(2) || got[1].LastEventID != id(3) || got[2].Type != events.UnreadCount || got[2].Data != `{"count":3}` {
			t.Fatalf("%+v", got)
		}
	}
	h.Deliver(seqMsg("ana", 3)) // late copy
	h.Deliver(seqMsg("ana", 4))
	for _, c := range []net.Conn{a1, a2} {
		if e := readEvents(t, c, 1)[0]; e.LastEventID != id(4) {
			t.Fatalf("%+v", e)
		}
	}
}

// A stream that holds too much while waiting is closed (its client replays).
func TestAStreamWaitingTooLongIsClosed(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 1024, Heartbeat: time.Hour, HoldFor: time.Hour}, nil)
	attachLive(t, h, "ana")
	for n := int64(2); n <= maxHeld+2; n++ {
		h.Deliver(seqMsg("ana", n))
	}
	if h.Stats().Streams != 0 {
		t.Fatal("still open")
	}
	if v := testCount(h.metrics.Evicted.WithLabelValues(ReasonOutOfOrder)); v != 1 {
		t.Fatalf("evicted %v", v)
	}
}
