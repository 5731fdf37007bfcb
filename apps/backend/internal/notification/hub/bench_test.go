package hub

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
)

var benchPayload = []byte(`{"id":"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f","type":"NEW_MESSAGE","metadata":{"preview":"` +
	strings.Repeat("x", 400) + `"}}`)

// BenchmarkFanOut delivers one event to a user's K streams over real loopback
// sockets (readers drain them) and waits until every stream has written it:
// framing once, queueing K times, K writes.
func BenchmarkFanOut(b *testing.B) {
	for _, k := range []int{1, 4, 8} {
		b.Run(fmt.Sprintf("streams=%d", k), func(b *testing.B) {
			h := New(Config{MaxStreamsPerUser: k, QueueSize: 1 << 16, Heartbeat: time.Hour}, nil)
			for i := 0; i < k; i++ {
				_, cli := attachLive(b, h, "ana")
				go io.Copy(io.Discard, cli)
			}
			b.ReportAllocs()
			for b.Loop() {
				h.Deliver(events.Message{UserID: "ana", Event: "notification", ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f",
					Data: benchPayload, PublishedAt: time.Now().UnixNano()})
			}
			for h.Stats().Writers > 0 {
				time.Sleep(time.Millisecond)
			}
		})
	}
}

// BenchmarkDeliverToAbsentUser is the cost of a bus message for a user with no
// stream on this instance (every instance sees every message with Redis).
func BenchmarkDeliverToAbsentUser(b *testing.B) {
	h := New(Config{}, nil)
	for i := 0; i < 1000; i++ {
		srv, cli := pair(b)
		_ = cli
		if _, err := h.Attach(fmt.Sprint("user", i), NewNetConn(srv, 0)); err != nil {
			b.Fatal(err)
		}
	}
	m := events.Message{UserID: "nobody", Event: "notification", Data: benchPayload}
	b.ReportAllocs()
	for b.Loop() {
		h.Deliver(m)
	}
}
