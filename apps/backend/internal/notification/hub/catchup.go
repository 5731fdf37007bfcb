package hub

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
)

// Source reads from the store what a user's streams may have missed: the
// notification events after afterID in seq order, and the unread count.
type Source interface {
	After(ctx context.Context, userID, afterID string, limit int) ([]events.Message, error)
	UnreadCount(ctx context.Context, userID string) (int, error)
}

// What started a catch-up (the label of fleetman_sse_catchup_runs_total).
const (
	TriggerHeld   = "held"   // a stream waited too long for a missing seq
	TriggerBus    = "bus"    // the bus lost messages: every stream of this instance
	TriggerReplay = "replay" // a catch-up ran while a stream was replaying
)

// ReasonOutOfOrder closes a stream that holds too much while waiting for a
// missing seq (its client reconnects and replays from the store).
const ReasonOutOfOrder = "out_of_order"

// catchUpPage is how many notifications one catch-up query reads.
const catchUpPage = 256

// catchUpWorkers is how many users are caught up at once.
const catchUpWorkers = 4

// catchUp is the hub's queue of catch-up work: users whose streams must be
// compared with the store, or all of them.
type catchUp struct {
	gen   atomic.Uint64 // incremented by each catch-up of every stream
	src   Source
	log   *slog.Logger
	mu    sync.Mutex
	all   bool
	users map[string]string // user → trigger
	wake  chan struct{}
}

func (c *catchUp) init() {
	c.users = map[string]string{}
	c.wake = make(chan struct{}, 1)
	c.log = slog.Default()
}

// SetSource gives the hub the store to catch up from (before Run). Without
// one, catch-up requests are ignored.
func (h *Hub) SetSource(src Source, log *slog.Logger) {
	h.catchUp.src = src
	if log != nil {
		h.catchUp.log = log
	}
}

// CatchUpAll asks for every stream of this instance to be compared with the
// store and sent what it misses, in order: the bus lost messages.
func (h *Hub) CatchUpAll() {
	c := &h.catchUp
	c.mu.Lock()
	c.all = true
	c.mu.Unlock()
	c.signal()
}

// CatchUpUser asks for userID's streams to be caught up from the store.
func (h *Hub) CatchUpUser(userID, trigger string) {
	c := &h.catchUp
	c.mu.Lock()
	if _, ok := c.users[userID]; !ok {
		c.users[userID] = trigger
	}
	c.mu.Unlock()
	c.signal()
}

func (c *catchUp) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// runCatchUp does the queued catch-up work until ctx ends.
func (h *Hub) runCatchUp(ctx context.Context) {
	c := &h.catchUp
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.wake:
		}
		c.mu.Lock()
		all, users := c.all, c.users
		c.all, c.users = false, map[string]string{}
		c.mu.Unlock()
		if c.src == nil {
			continue
		}
		if all {
			c.gen.Add(1)
			for _, s := range h.all() {
				if _, ok := users[s.userID]; !ok {
					users[s.userID] = TriggerBus
				}
			}
		}
		if len(users) == 0 {
			continue
		}
		start := time.Now()
		work := make(chan string)
		var wg sync.WaitGroup
		for range min(catchUpWorkers, len(users)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for u := range work {
					h.catchUpUser(ctx, u)
				}
			}()
		}
		for u, trigger := range users {
			h.metrics.CatchUps.WithLabelValues(trigger).Inc()
			work <- u
		}
		close(work)
		wg.Wait()
		if all {
			c.log.Info("catch-up of every stream from the store", "users", len(users), "took", time.Since(start))
		}
	}
}

// catchUpUser reads from the store what the user's live streams may miss,
// from the oldest position among them, and gives each what it lacks.
func (h *Hub) catchUpUser(ctx context.Context, userID string) {
	var live []*Stream
	from := Position{Seq: -1}
	for _, s := range h.streamsOf(userID) {
		pos, ok := s.position()
		if !ok {
			continue
		}
		live = append(live, s)
		if from.Seq < 0 || pos.Seq < from.Seq {
			from = pos
		}
	}
	if len(live) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	delivered := 0
	for after := from.ID; ; {
		msgs, err := h.catchUp.src.After(ctx, userID, after, catchUpPage)
		if err != nil {
			// The streams keep what they hold; a stream still waiting asks again.
			h.catchUp.log.Warn("catch-up: store read failed", "user", userID, "err", err)
			for _, s := range live {
				s.rearm()
			}
			return
		}
		items := make([]item, len(msgs))
		for i, m := range msgs {
			items[i] = frameOf(m)
		}
		final := len(msgs) < catchUpPage
		for _, s := range live {
			delivered += s.fill(items, final)
		}
		if final {
			break
		}
		after = msgs[len(msgs)-1].ID
	}
	if delivered == 0 {
		return
	}
	h.metrics.CaughtUp.Add(float64(delivered))
	if n, err := h.catchUp.src.UnreadCount(ctx, userID); err == nil {
		it := item{frame: appendCount(nil, n), kind: kindEvent}
		for _, s := range live {
			s.enqueue(it)
		}
	}
}

// position returns where a live stream stands.
func (s *Stream) position() (Position, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pos, s.state == stateLive
}

// rearm asks again later for what a stream still waits for.
func (s *Stream) rearm() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.held) > 0 && s.state == stateLive {
		if s.holdTimer != nil {
			s.holdTimer.Stop()
		}
		s.holdTimer = time.AfterFunc(time.Second, func() { s.hub.CatchUpUser(s.userID, TriggerHeld) })
	}
}

// fill gives the stream the stored notifications of items (in seq order)
// that come after its position, and then what it held; the store is the
// truth, so a seq it never had is not waited for. With final, nothing is held
// after. It returns how many notifications it queued.
func (s *Stream) fill(items []item, final bool) int {
	s.mu.Lock()
	if s.state != stateLive {
		s.mu.Unlock()
		return 0
	}
	var ready []item
	for _, it := range items {
		if it.seq > s.pos.Seq {
			s.pos = Position{Seq: it.seq, ID: it.id}
			ready = append(ready, it)
		}
	}
	ready = s.release(ready)
	if final && len(s.held) > 0 {
		for _, h := range s.held {
			if h.seq > s.pos.Seq {
				s.pos = Position{Seq: h.seq, ID: h.id}
				ready = append(ready, h)
			}
		}
		s.held = nil
		if s.holdTimer != nil {
			s.holdTimer.Stop()
			s.holdTimer = nil
		}
	}
	n := len(ready)
	s.push(ready)
	return n
}
