// Package hub keeps this instance's open notification streams and delivers
// bus messages to them.
//
// It is built for many idle streams and fast fan-out: a user's streams are
// found with one map lookup (the map is sharded, each user's list is
// copy-on-write so delivery takes no lock while writing); an event is framed
// once per publish and the same bytes are queued on each of the user's
// streams; a stream owns no goroutine while idle — a writer goroutine is
// started when a frame is queued on an idle stream and ends when its queue is
// empty; each queue is bounded, and a stream whose queue is full (its client
// cannot keep up) is closed and counted, never waited for. Heartbeats come
// from one loop, which also probes each stream's socket without blocking to
// find clients that have gone.
package hub

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"hash/maphash"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
)

// Errors of Attach.
var (
	ErrTooManyStreams = errors.New("hub: too many open streams for this user")
	ErrShuttingDown   = errors.New("hub: shutting down")
)

// Config tunes a hub.
type Config struct {
	MaxStreamsPerUser int           // further Attach calls fail with ErrTooManyStreams
	QueueSize         int           // frames a stream may have waiting before it is evicted
	Heartbeat         time.Duration // a ": heartbeat" comment on every stream this often
	WriteTimeout      time.Duration // a write blocked this long closes the stream
	// HoldFor is how long a stream holds a notification that arrived before
	// one with a lower seq, waiting for it, before it asks the store (200 ms).
	HoldFor time.Duration
}

// Hub is the registry of this instance's open streams.
type Hub struct {
	cfg      Config
	metrics  *Metrics
	seed     maphash.Seed
	shards   [64]shard
	instance string
	nextID   atomic.Uint64
	streams  atomic.Int64 // open streams
	writers  atomic.Int64 // writer goroutines running
	closing  atomic.Bool
	watch    *watcher

	heartbeat []byte

	catchUp catchUp // store catch-up of streams that missed notifications
}

type shard struct {
	mu    sync.RWMutex
	users map[string][]*Stream // copy-on-write lists
}

// New returns an empty hub.
func New(cfg Config, m *Metrics) *Hub {
	if cfg.MaxStreamsPerUser < 1 {
		cfg.MaxStreamsPerUser = 8
	}
	if cfg.QueueSize < 1 {
		cfg.QueueSize = 64
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = 30 * time.Second
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 10 * time.Second
	}
	if cfg.HoldFor <= 0 {
		cfg.HoldFor = 200 * time.Millisecond
	}
	if m == nil {
		m = NewMetrics(nil)
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	h := &Hub{cfg: cfg, metrics: m, seed: maphash.MakeSeed(), instance: hex.EncodeToString(b[:]),
		heartbeat: sse.AppendComment(nil, "heartbeat"), watch: newWatcher()}
	for i := range h.shards {
		h.shards[i].users = map[string][]*Stream{}
	}
	h.catchUp.init()
	return h
}

// Config returns the hub's settings.
func (h *Hub) Config() Config { return h.cfg }

// Metrics returns the hub's collectors.
func (h *Hub) Metrics() *Metrics { return h.metrics }

func (h *Hub) shard(userID string) *shard {
	return &h.shards[maphash.String(h.seed, userID)%uint64(len(h.shards))]
}

// Stats is a snapshot of the hub's size, for tests and diagnostics.
type Stats struct {
	Streams int // open streams
	Users   int // users with at least one open stream
	Writers int // writer goroutines running
}

// Stats counts what the hub holds.
func (h *Hub) Stats() Stats {
	st := Stats{Streams: int(h.streams.Load()), Writers: int(h.writers.Load())}
	for i := range h.shards {
		sh := &h.shards[i]
		sh.mu.RLock()
		st.Users += len(sh.users)
		sh.mu.RUnlock()
	}
	return st
}

// Attach registers a new stream of userID on conn. The stream starts in
// replay mode: live events are queued, not written, until GoLive, while the
// caller writes the preamble and the replay with WriteDirect. When the user
// is at the cap, their streams whose clients have gone are closed first.
func (h *Hub) Attach(userID string, conn Conn) (*Stream, error) {
	if h.closing.Load() {
		return nil, ErrShuttingDown
	}
	sh := h.shard(userID)
	sh.mu.Lock()
	if len(sh.users[userID]) >= h.cfg.MaxStreamsPerUser {
		current := sh.users[userID]
		sh.mu.Unlock()
		for _, s := range current {
			if s.conn.PeerGone() {
				s.close(ReasonPeerGone)
			}
		}
		sh.mu.Lock()
		if len(sh.users[userID]) >= h.cfg.MaxStreamsPerUser {
			sh.mu.Unlock()
			h.metrics.Rejected.Inc()
			return nil, ErrTooManyStreams
		}
	}
	s := &Stream{hub: h, id: h.nextID.Add(1), userID: userID, conn: conn, catchUpGen: h.catchUp.gen.Load()}
	if d, ok := conn.(DirectWriter); ok {
		s.direct = d
	}
	s.nextBeat.Store(time.Now().Add(h.cfg.Heartbeat).UnixNano())
	// Appending to a clipped slice always copies: readers keep their snapshot.
	sh.users[userID] = append(slices.Clip(sh.users[userID]), s)
	sh.mu.Unlock()
	h.streams.Add(1)
	h.metrics.Open.Inc()
	h.watch.add(s)
	return s, nil
}

func (h *Hub) remove(s *Stream) {
	sh := h.shard(s.userID)
	sh.mu.Lock()
	list := sh.users[s.userID]
	if i := slices.Index(list, s); i >= 0 {
		if len(list) == 1 {
			delete(sh.users, s.userID)
		} else {
			next := make([]*Stream, 0, len(list)-1)
			next = append(append(next, list[:i]...), list[i+1:]...)
			sh.users[s.userID] = next
		}
	}
	sh.mu.Unlock()
}

func (h *Hub) streamsOf(userID string) []*Stream {
	sh := h.shard(userID)
	sh.mu.RLock()
	list := sh.users[userID]
	sh.mu.RUnlock()
	return list
}

// Deliver queues m on every open stream of its user on this instance. It
// frames the event once and never blocks on a client.
func (h *Hub) Deliver(m events.Message) {
	list := h.streamsOf(m.UserID)
	if len(list) == 0 {
		return
	}
	it := frameOf(m)
	for _, s := range list {
		s.enqueue(it)
	}
}

// frameOf frames m once, for every stream of its user.
func frameOf(m events.Message) item {
	size := len(m.Data) + len(m.Event) + len(m.ID) + 24
	if m.Unread != nil {
		size += len(events.UnreadCount) + 40
	}
	frame := sse.AppendEvent(make([]byte, 0, size), sse.Event{ID: m.ID, Name: m.Event, Data: m.Data})
	it := item{frame: frame, at: m.PublishedAt, id: m.ID, seq: m.Seq, kind: kindEvent}
	if m.Unread != nil {
		// The count follows its change in the same frame (one write per stream).
		it.countAt = len(frame)
		it.frame = appendCount(frame, *m.Unread)
	}
	return it
}

// Run sends heartbeats and finds gone clients until ctx ends: at once
// through the watcher (Linux), else at the next heartbeat.
func (h *Hub) Run(ctx context.Context) {
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		h.watch.run(ctx)
	}()
	defer func() { <-watching }()
	catching := make(chan struct{})
	go func() {
		defer close(catching)
		h.runCatchUp(ctx)
	}()
	defer func() { <-catching }()
	period := min(max(h.cfg.Heartbeat/4, 5*time.Millisecond), time.Second)
	t := time.NewTicker(period)
	defer t.Stop()
	var due []*Stream
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			due = h.beat(now, due[:0])
			clear(due[:cap(due)])
		}
	}
}

// beat queues a heartbeat on every stream whose turn has come, after closing
// those whose client has gone.
func (h *Hub) beat(now time.Time, due []*Stream) []*Stream {
	ns := now.UnixNano()
	for i := range h.shards {
		sh := &h.shards[i]
		sh.mu.RLock()
		for _, list := range sh.users {
			for _, s := range list {
				if s.nextBeat.Load() <= ns {
					due = append(due, s)
				}
			}
		}
		sh.mu.RUnlock()
	}
	next := now.Add(h.cfg.Heartbeat).UnixNano()
	for _, s := range due {
		if s.conn.PeerGone() {
			s.close(ReasonPeerGone)
			continue
		}
		s.nextBeat.Store(next)
		s.enqueue(item{frame: h.heartbeat, kind: kindHeartbeat})
	}
	return due
}

// Shutdown sends the shutdown event to every stream, lets the writers drain
// and closes the connections; streams still open when ctx ends are closed
// at once. No stream is accepted afterwards.
func (h *Hub) Shutdown(ctx context.Context) {
	h.closing.Store(true)
	frame := sse.AppendEvent(nil, sse.Event{Name: events.Shutdown, Data: []byte(`{"reconnect":true}`)})
	for _, s := range h.all() {
		s.drain(frame)
	}
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for h.streams.Load() > 0 {
		select {
		case <-ctx.Done():
			for _, s := range h.all() {
				s.close("")
			}
			return
		case <-t.C:
		}
	}
}

func (h *Hub) all() []*Stream {
	var out []*Stream
	for i := range h.shards {
		sh := &h.shards[i]
		sh.mu.RLock()
		for _, list := range sh.users {
			out = append(out, list...)
		}
		sh.mu.RUnlock()
	}
	return out
}

type itemKind uint8

const (
	kindEvent itemKind = iota
	kindHeartbeat
	kindControl // the shutdown event
)

// item is one queued frame; frames are shared between streams, never changed.
type item struct {
	frame []byte
	at    int64 // publish time (Unix ns) of an event, for the latency histogram
	id    string
	seq   int64 // a notification's seq in its user's store order; 0 for other events
	kind  itemKind
	// countAt > 0: the frame carries, from there, the unread-count event
	// that follows its change.
	countAt int
}

// events is how many stream events the item's frame holds.
func (it item) events() int {
	switch {
	case it.kind != kindEvent:
		return 0
	case it.countAt > 0:
		return 2
	default:
		return 1
	}
}

// countOnly is what of a notification the stream already has may still be
// sent: the unread count it carries, if any (keep false: nothing).
func (it item) countOnly() (rest item, keep bool) {
	if it.countAt == 0 {
		return item{}, false
	}
	return item{frame: it.frame[it.countAt:], at: it.at, kind: kindEvent}, true
}

// appendCount appends an unread-count event to frame.
func appendCount(frame []byte, n int) []byte {
	var num [20]byte
	data := append(append(append(num[:0:0], `{"count":`...), strconv.AppendInt(num[:0], int64(n), 10)...), '}')
	return sse.AppendEvent(frame, sse.Event{Name: events.UnreadCount, Data: data})
}

type streamState uint8

const (
	stateReplay streamState = iota // the handler writes; live events wait in the queue
	stateLive                      // writer goroutines write
	stateClosed
)

// Stream is one open event stream. While idle it is this struct and its
// connection: no goroutine, no buffer.
type Stream struct {
	hub      *Hub
	id       uint64
	userID   string
	session  atomic.Pointer[string] // the token's session (AttachSession); CloseSession ends its streams
	conn     Conn
	direct   DirectWriter // conn, when it can write without waiting
	nextBeat atomic.Int64

	mu       sync.Mutex
	state    streamState
	writing  bool // a writer goroutine owns the connection
	draining bool // close once the queue is written (shutdown)
	queue    []item
	// pos is the last notification the stream was given (by the replay, live
	// or by catch-up): live notifications are sent in seq order after it.
	pos Position
	// held are notifications that came before one with a lower seq (another
	// instance's, still on the bus), in seq order; holdTimer asks the store
	// for what is missing when it does not come within HoldFor.
	held       []item
	holdTimer  *time.Timer
	catchUpGen uint64 // the hub's catch-up generation when the stream was attached
}

// Position is a place in a user's notifications: the seq and id of the last
// one a stream has.
type Position struct {
	Seq int64
	ID  string
}

// maxHeld bounds what a stream holds while waiting for a missing seq; more
// than that closes it (its client reconnects and replays from the store).
const maxHeld = 256

// ConnectionID names the stream in logs and in the connected event.
func (s *Stream) ConnectionID() string {
	return s.hub.instance + "-" + strconv.FormatUint(s.id, 36)
}

// UserID returns the stream's user.
func (s *Stream) UserID() string { return s.userID }

func (s *Stream) enqueue(it item) {
	s.mu.Lock()
	if s.state == stateClosed || s.draining {
		s.mu.Unlock()
		return
	}
	if it.seq > 0 && s.state == stateLive {
		var one [1]item
		ready, ok := s.order(it, one[:0])
		if !ok {
			s.mu.Unlock()
			s.close(ReasonOutOfOrder)
			return
		}
		if len(ready) != 1 {
			s.push(ready) // nothing (held or a duplicate), or several in order
			return
		}
		it = ready[0]
	}
	s.pushOneLocked(it)
}

// order places the notification it in the stream's seq order and appends to
// ready what may be sent now, in order: it and the held ones that follow it;
// nothing when it is one the stream has (only its unread count is kept, when
// it is the last one) or when it is held for a lower seq still to come. ok is
// false when too much is held. The caller holds s.mu.
func (s *Stream) order(it item, ready []item) ([]item, bool) {
	switch {
	case it.seq <= s.pos.Seq:
		if it.seq == s.pos.Seq {
			if rest, keep := it.countOnly(); keep {
				ready = append(ready, rest)
			}
		}
		return ready, true
	case it.seq == s.pos.Seq+1:
		s.pos = Position{Seq: it.seq, ID: it.id}
		ready = append(ready, it)
		return s.release(ready), true
	}
	i, found := slices.BinarySearchFunc(s.held, it.seq, func(h item, seq int64) int { return cmp.Compare(h.seq, seq) })
	if found {
		return ready, true
	}
	if len(s.held) >= maxHeld {
		return ready, false
	}
	s.held = slices.Insert(s.held, i, it)
	if s.holdTimer == nil {
		s.holdTimer = time.AfterFunc(s.hub.cfg.HoldFor, func() { s.hub.CatchUpUser(s.userID, TriggerHeld) })
	}
	return ready, true
}

// release appends the held notifications that now follow the position.
func (s *Stream) release(ready []item) []item {
	n := 0
	for _, h := range s.held {
		if h.seq > s.pos.Seq+1 {
			break
		}
		if h.seq == s.pos.Seq+1 {
			s.pos = Position{Seq: h.seq, ID: h.id}
			ready = append(ready, h)
		}
		n++
	}
	if n > 0 {
		clear(s.held[:n])
		s.held = s.held[n:]
	}
	if len(s.held) == 0 {
		s.held = nil
		if s.holdTimer != nil {
			s.holdTimer.Stop()
			s.holdTimer = nil
		}
	}
	return ready
}

// push queues ready (zero or more items, in order) and starts a writer when
// the stream is live and none runs; the caller holds s.mu, which push releases.
func (s *Stream) push(ready []item) {
	if len(s.queue)+len(ready) > s.hub.cfg.QueueSize && len(ready) > 0 {
		s.mu.Unlock()
		s.close(ReasonQueueFull)
		return
	}
	s.queue = append(s.queue, ready...)
	start := s.state == stateLive && !s.writing && len(s.queue) > 0
	if start {
		s.writing = true
	}
	s.mu.Unlock()
	if start {
		s.startWriter()
	}
}

// pushOneLocked queues it, or writes it at once from this goroutine when the
// stream is live and idle; the caller holds s.mu, which it releases.
func (s *Stream) pushOneLocked(it item) {
	if len(s.queue) >= s.hub.cfg.QueueSize {
		s.mu.Unlock()
		s.close(ReasonQueueFull)
		return
	}
	direct := s.state == stateLive && !s.writing && len(s.queue) == 0 && s.direct != nil
	if direct {
		// The stream is idle: write from this goroutine, without waiting.
		s.writing = true
		s.mu.Unlock()
		s.writeDirect(it)
		return
	}
	s.queue = append(s.queue, it)
	start := s.state == stateLive && !s.writing
	if start {
		s.writing = true
	}
	s.mu.Unlock()
	if start {
		s.startWriter()
	}
}

// writeDirect writes it without waiting, the caller owning the connection
// (writing is set). What the socket did not take, and what was queued
// meanwhile, is left to a writer goroutine.
func (s *Stream) writeDirect(it item) {
	n, err := s.direct.TryWrite(it.frame)
	if err != nil {
		s.mu.Lock()
		s.writing = false
		s.mu.Unlock()
		s.close(ReasonWriteError)
		return
	}
	if n == len(it.frame) {
		s.delivered([]item{it}, time.Now().UnixNano())
	}
	s.mu.Lock()
	if n < len(it.frame) {
		rest := it
		rest.frame = it.frame[n:]
		s.queue = append([]item{rest}, s.queue...)
	}
	if len(s.queue) == 0 || s.state != stateLive {
		s.writing = false
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	s.startWriter() // writing stays set: the goroutine owns the connection now
}

// delivered counts what was written and observes its latency. An event
// written puts the stream's next heartbeat off by a whole period: a
// heartbeat only keeps an idle connection open through proxies and probes
// for a gone client, and a stream that just took an event needs neither, so
// streams that get events at least every period cost no heartbeat writes.
func (s *Stream) delivered(batch []item, now int64) {
	delivered := 0
	for _, it := range batch {
		if it.kind == kindEvent {
			delivered += it.events()
			if it.at > 0 {
				s.hub.metrics.Latency.Observe(float64(now-it.at) / 1e9)
			}
		}
	}
	if delivered > 0 {
		s.hub.metrics.Delivered.Add(float64(delivered))
		s.nextBeat.Store(now + int64(s.hub.cfg.Heartbeat))
	}
}

func (s *Stream) startWriter() {
	s.hub.writers.Add(1)
	go s.write()
}

// write writes the queue until it is empty; one writer per stream at a time.
func (s *Stream) write() {
	defer s.hub.writers.Add(-1)
	for {
		s.mu.Lock()
		if s.state == stateClosed {
			s.writing = false
			s.mu.Unlock()
			return
		}
		if len(s.queue) == 0 {
			s.writing = false
			drained := s.draining
			s.mu.Unlock()
			if drained {
				s.close("")
			}
			return
		}
		batch := s.queue
		s.queue = nil
		s.mu.Unlock()

		frames := make([][]byte, len(batch))
		for i, it := range batch {
			frames[i] = it.frame
		}
		if err := s.conn.WriteFrames(frames, time.Now().Add(s.hub.cfg.WriteTimeout)); err != nil {
			s.close(ReasonWriteError)
			return
		}
		s.delivered(batch, time.Now().UnixNano())
	}
}

// WriteDirect writes frames now, from the caller's goroutine; only in replay
// mode (before GoLive), when no writer goroutine runs.
func (s *Stream) WriteDirect(frames ...[]byte) error {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	if state != stateReplay {
		return errors.New("hub: stream is not in replay mode")
	}
	if err := s.conn.WriteFrames(frames, time.Now().Add(s.hub.cfg.WriteTimeout)); err != nil {
		s.close(ReasonWriteError)
		return err
	}
	return nil
}

// GoLive ends replay mode at pos, the last notification the replay sent (or
// the user's newest when the stream started without one): what was queued
// meanwhile goes through the stream's seq order (those the stream has are
// dropped, the rest written in order), and from now on writer goroutines
// write. It reports false when the stream has been closed meanwhile.
func (s *Stream) GoLive(pos Position) bool {
	s.mu.Lock()
	if s.state == stateClosed {
		s.mu.Unlock()
		return false
	}
	s.pos = pos
	s.state = stateLive
	queued := s.queue
	s.queue = nil
	ready := make([]item, 0, len(queued))
	for _, it := range queued {
		if it.seq == 0 {
			ready = append(ready, it)
			continue
		}
		var ok bool
		if ready, ok = s.order(it, ready); !ok {
			s.mu.Unlock()
			s.close(ReasonOutOfOrder)
			return false
		}
	}
	missed := s.catchUpGen != s.hub.catchUp.gen.Load()
	s.push(ready)
	if missed { // a catch-up ran while the replay read the store: run this stream's own
		s.hub.CatchUpUser(s.userID, TriggerReplay)
	}
	return true
}

// drain queues the shutdown frame (over the bound) and closes the stream once written.
func (s *Stream) drain(frame []byte) {
	s.mu.Lock()
	if s.state == stateClosed || s.draining {
		s.mu.Unlock()
		return
	}
	s.queue = append(s.queue, item{frame: frame, kind: kindControl})
	s.draining = true
	start := s.state == stateLive && !s.writing
	if start {
		s.writing = true
	}
	s.mu.Unlock()
	if start {
		s.startWriter()
	}
}

// Close closes the stream (the client went away or the handler gave up).
func (s *Stream) Close() { s.close("") }

// close closes the connection, unregisters the stream and counts an eviction
// when reason is set. It is idempotent.
func (s *Stream) close(reason string) {
	s.mu.Lock()
	if s.state == stateClosed {
		s.mu.Unlock()
		return
	}
	s.state = stateClosed
	s.queue = nil
	s.held = nil
	if s.holdTimer != nil {
		s.holdTimer.Stop()
		s.holdTimer = nil
	}
	s.mu.Unlock()
	s.hub.watch.remove(s)
	_ = s.conn.Close()
	s.hub.remove(s)
	s.hub.streams.Add(-1)
	s.hub.metrics.Open.Dec()
	if reason != "" {
		s.hub.metrics.Evicted.WithLabelValues(reason).Inc()
	}
}

// Admit tells, before any response is written, whether Attach would accept
// a stream of userID now (probing the user's streams for gone clients when
// at the cap).
func (h *Hub) Admit(userID string) error {
	if h.closing.Load() {
		return ErrShuttingDown
	}
	current := h.streamsOf(userID)
	if len(current) < h.cfg.MaxStreamsPerUser {
		return nil
	}
	for _, s := range current {
		if s.conn.PeerGone() {
			s.close(ReasonPeerGone)
		}
	}
	if len(h.streamsOf(userID)) >= h.cfg.MaxStreamsPerUser {
		h.metrics.Rejected.Inc()
		return ErrTooManyStreams
	}
	return nil
}
