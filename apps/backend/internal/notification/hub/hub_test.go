package hub

import (
	"bufio"
	"context"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
)

// pair returns the two ends of a real loopback TCP connection.
func pair(t testing.TB) (server, client net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	acc := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept()
		acc <- c
	}()
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server = <-acc
	t.Cleanup(func() { client.Close(); server.Close() })
	return server, client
}

func attachLive(t testing.TB, h *Hub, user string) (*Stream, net.Conn) {
	t.Helper()
	srv, cli := pair(t)
	s, err := h.Attach(user, NewNetConn(srv, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	s.GoLive(Position{})
	return s, cli
}

func readEvents(t testing.TB, c net.Conn, n int) []sse.Parsed {
	t.Helper()
	var got []sse.Parsed
	p := &sse.Parser{OnEvent: func(e sse.Parsed) { got = append(got, e) }}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 4096)
	for len(got) < n {
		k, err := c.Read(buf)
		p.Feed(buf[:k])
		if err != nil {
			t.Fatalf("after %d events: %v", len(got), err)
		}
	}
	return got
}

func msg(user, id string, data string) events.Message {
	return events.Message{UserID: user, Event: "notification", ID: id, Data: []byte(data), PublishedAt: time.Now().UnixNano()}
}

func TestDeliverReachesEveryStreamOfTheUserOnly(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 16, Heartbeat: time.Hour}, nil)
	_, a1 := attachLive(t, h, "ana")
	_, a2 := attachLive(t, h, "ana")
	_, b := attachLive(t, h, "bea")
	h.Deliver(msg("ana", "1", `{"n":1}`))
	h.Deliver(msg("bea", "2", `{"n":2}`))
	for _, c := range []net.Conn{a1, a2} {
		if got := readEvents(t, c, 1); got[0].LastEventID != "1" || got[0].Data != `{"n":1}` {
			t.Fatalf("%+v", got)
		}
	}
	if got := readEvents(t, b, 1); got[0].LastEventID != "2" {
		t.Fatalf("%+v", got)
	}
}

func TestStalledReaderIsEvictedAndOthersAreNotDelayed(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 4, Heartbeat: time.Hour, WriteTimeout: time.Minute}, nil)
	slow, _ := attachLive(t, h, "slow") // never read
	_, fast := attachLive(t, h, "fast")
	big := `"` + strings.Repeat("x", 256<<10) + `"`
	for i := 0; i < 200 && h.Stats().Streams == 2; i++ {
		h.Deliver(msg("slow", "s", big))
		start := time.Now()
		h.Deliver(msg("fast", "f", `{}`))
		readEvents(t, fast, 1)
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Fatalf("the fast reader waited %v", d)
		}
	}
	if h.Stats().Streams != 1 {
		t.Fatalf("stats %+v", h.Stats())
	}
	if slow.state != stateClosed {
		t.Fatal("slow stream not closed")
	}
}

// TestNothingIsLeftBehindAfterDisconnects opens and uses many streams, lets
// their clients go, and checks that the hub forgets them and no goroutine remains.
func TestNothingIsLeftBehindAfterDisconnects(t *testing.T) {
	before := runtime.NumGoroutine()
	h := New(Config{MaxStreamsPerUser: 8, QueueSize: 16, Heartbeat: 20 * time.Millisecond}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	var clients []net.Conn
	for i := 0; i < 100; i++ {
		_, c := attachLive(t, h, []string{"ana", "bea", "cai", "dan"}[i%4]+string(rune('a'+i/8)))
		clients = append(clients, c)
	}
	for _, u := range []string{"ana", "bea"} {
		for i := 0; i < 13; i++ {
			h.Deliver(msg(u+string(rune('a'+i)), "x", `{}`))
		}
	}
	for _, c := range clients {
		_, _ = bufio.NewReader(c).Peek(1) // each got at least one frame (a heartbeat or an event)
		c.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for h.Stats() != (Stats{}) {
		if time.Now().After(deadline) {
			t.Fatalf("left behind: %+v", h.Stats())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestAnEventPutsTheHeartbeatOff: a stream that was just written an event
// is not due a heartbeat for a whole period after it; an idle one is.
func TestAnEventPutsTheHeartbeatOff(t *testing.T) {
	const period = time.Hour
	h := New(Config{MaxStreamsPerUser: 2, QueueSize: 4, Heartbeat: period}, nil)
	busy, busyClient := attachLive(t, h, "busy")
	idle, _ := attachLive(t, h, "idle")
	time.Sleep(20 * time.Millisecond)
	sent := time.Now()
	h.Deliver(msg("busy", "n1", `{}`))
	if got := readEvents(t, busyClient, 1); got[0].LastEventID != "n1" {
		t.Fatalf("busy stream got %+v", got)
	}
	// A period after the attach (and 10 ms before a period after the event).
	due := h.beat(sent.Add(period-10*time.Millisecond), nil)
	if len(due) != 1 || due[0] != idle {
		t.Fatalf("due = %v, want only the idle stream %v (busy %v)", due, idle, busy)
	}
	// A period after the event the busy stream is due; the idle one got its
	// heartbeat above and is not.
	if due := h.beat(time.Now().Add(period), nil); len(due) != 1 || due[0] != busy {
		t.Fatalf("due a period after the event = %v, want only the busy stream %v", due, busy)
	}
}

func TestCapProbesForGoneClients(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 2, QueueSize: 4, Heartbeat: time.Hour}, nil)
	_, c1 := attachLive(t, h, "ana")
	attachLive(t, h, "ana")
	if err := h.Admit("ana"); err != ErrTooManyStreams {
		t.Fatalf("Admit at the cap: %v", err)
	}
	c1.Close()
	time.Sleep(20 * time.Millisecond)
	if err := h.Admit("ana"); err != nil {
		t.Fatalf("Admit after a client left: %v", err)
	}
	if h.Stats().Streams != 1 {
		t.Fatalf("%+v", h.Stats())
	}
}

func TestShutdownSendsShutdownThenCloses(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 2, QueueSize: 4, Heartbeat: time.Hour}, nil)
	_, c := attachLive(t, h, "ana")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	h.Shutdown(ctx)
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	raw, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "event: shutdown\n") {
		t.Fatalf("%q", raw)
	}
	if _, err := h.Attach("ana", nil); err != ErrShuttingDown {
		t.Fatalf("Attach after shutdown: %v", err)
	}
}

// TestClosedClientsAreForgottenAtOnce: with an hour between heartbeats, a
// client that closes its connection is still forgotten within moments (Linux).
func TestClosedClientsAreForgottenAtOnce(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the watcher is Linux-only; elsewhere the heartbeat probe finds gone clients")
	}
	h := New(Config{MaxStreamsPerUser: 8, QueueSize: 16, Heartbeat: time.Hour}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	var clients []net.Conn
	for i := 0; i < 20; i++ {
		_, c := attachLive(t, h, "ana"+string(rune('a'+i%3)))
		clients = append(clients, c)
	}
	_, kept := attachLive(t, h, "bea")
	for _, c := range clients {
		c.Close()
	}
	deadline := time.Now().Add(2 * time.Second)
	for h.Stats().Streams != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("%+v", h.Stats())
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.Deliver(msg("bea", "1", `{}`))
	if got := readEvents(t, kept, 1); got[0].LastEventID != "1" {
		t.Fatal("the open stream was disturbed")
	}
}

// A change that carries the user's unread count is followed by an
// unread-count event; when the replay already sent the notification, the
// count still arrives (the replay's own count may be older).
func TestTheUnreadCountFollowsItsChangeEvenWhenTheChangeWasReplayed(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 16, Heartbeat: time.Hour}, nil)
	with := func(m events.Message, n int) events.Message { m.Unread = &n; return m }

	_, live := attachLive(t, h, "ana")
	h.Deliver(with(msg("ana", "1", `{"n":1}`), 7))
	got := readEvents(t, live, 2)
	if got[0].Type != "notification" || got[0].LastEventID != "1" || got[1].Type != events.UnreadCount || got[1].Data != `{"count":7}` {
		t.Fatalf("%+v", got)
	}

	srv, cli := pair(t)
	s, err := h.Attach("bea", NewNetConn(srv, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	h.Deliver(with(seqMsg("bea", 2), 1))  // queued while the replay runs
	s.GoLive(Position{Seq: 3, ID: id(3)}) // the replay sent 2 and 3
	h.Deliver(with(seqMsg("bea", 3), 2))  // 3 arrives live after the replay
	h.Deliver(with(seqMsg("bea", 4), 3))
	got = readEvents(t, cli, 3)
	want := []string{"unread-count {\"count\":2}", "notification {\"n\":4}", "unread-count {\"count\":3}"}
	for i, e := range got {
		if e.Type+" "+e.Data != want[i] {
			t.Fatalf("event %d: %s %s; want %s", i, e.Type, e.Data, want[i])
		}
	}
}

// A frame larger than the socket takes at once is written partly without
// waiting and finished by a writer goroutine, in order with what follows.
func TestAFrameTheSocketTakesOnlyPartlyArrivesWhole(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 16, Heartbeat: time.Hour, WriteTimeout: 10 * time.Second}, nil)
	_, cli := attachLive(t, h, "ana")
	big := `"` + strings.Repeat("x", 8<<20) + `"`
	h.Deliver(msg("ana", "1", big))
	h.Deliver(msg("ana", "2", `{"n":2}`))
	got := readEvents(t, cli, 2)
	if got[0].LastEventID != "1" || got[0].Data != big || got[1].LastEventID != "2" {
		t.Fatalf("ids %q %q, first data %d bytes", got[0].LastEventID, got[1].LastEventID, len(got[0].Data))
	}
}

// After a blocking write (with its deadline) the deadline passes; direct
// writes must still go through.
func TestDirectWritesAfterAnEarlierWritesDeadlinePassed(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 16, Heartbeat: time.Hour, WriteTimeout: 50 * time.Millisecond}, nil)
	s, cli := attachLive(t, h, "ana")
	if err := s.conn.WriteFrames([][]byte{[]byte(": hello\n\n")}, time.Now().Add(50*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the deadline is in the past now
	h.Deliver(msg("ana", "1", `{"n":1}`))
	if got := readEvents(t, cli, 1); got[0].LastEventID != "1" {
		t.Fatalf("%+v", got)
	}
	if h.Stats().Streams != 1 {
		t.Fatal("the stream was closed")
	}
}
