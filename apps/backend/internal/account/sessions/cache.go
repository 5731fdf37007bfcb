package sessions

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// ErrSessionEnded is the answer for an ended, expired or unknown session,
// an unknown user and a deactivated one alike (401).
var ErrSessionEnded = domain.NewError(domain.ErrUnauthorized, "the session has ended: sign in again")

// StreamCloser closes this instance's open streams of a session or a user.
type StreamCloser interface {
	CloseSession(userID, sessionID string) int
	CloseUser(userID string) int
}

// Options tune a Cache.
type Options struct {
	// TTL bounds how stale an answer may be when an Ended message is lost
	// (or when the store was changed behind the servers' back): a verdict
	// read from the store is trusted this long. Default 5 s.
	TTL time.Duration
	// Roles names a user's roles (from the account, never from the token).
	Roles func(user.User) []string
	// MaxEntries bounds each of the two LRUs (sessions, users); a full one
	// drops its least recently used verdict.
	MaxEntries int
	// MaxBatch bounds how many checks one store read answers (default 512;
	// 1 reads for each check alone).
	MaxBatch int
}

// Cache is auth.SessionChecker: it answers from memory and reads the store
// only when its verdict is older than TTL. Ended messages drop verdicts at
// once and close the streams.
//
// Reads are batched like the store's group commit: the first check that
// misses reads its session and user at once; checks that miss while that
// read runs queue up and are answered together by the next one (one
// sessions and one users query for up to MaxBatch checks). A lone miss
// waits for nothing; a reconnect storm of 10,000 streams costs tens of
// queries instead of 20,000 (BENCHMARKS.md: the memory that many queries
// leave behind, and BenchmarkColdChecks).
type Cache struct {
	sessions session.Repository
	users    user.Repository
	closer   StreamCloser
	opts     Options
	now      func() time.Time

	mu        sync.Mutex // guards closer and gen; orders Ended against the caching of a read
	bySession *expirable.LRU[string, sessionVerdict]
	byUser    *expirable.LRU[string, userVerdict]
	gen       uint64 // counts Ended messages: a read that spans one is not cached

	qmu     sync.Mutex
	queue   []*miss
	reading bool // a check is reading the store for the queue
}

// miss is a check waiting for the store; the misses of one read share a
// wait (one channel for the lot, not one per key).
type miss struct {
	Key
	keep bool // cache what is read (a request's check; not the sweep's)
	sv   sessionVerdict
	uv   userVerdict
	err  error
	wait *wait
}

// wait is closed when the last of its misses has its answer.
type wait struct {
	left atomic.Int64
	done chan struct{}
}

type sessionVerdict struct {
	userID  string
	live    bool
	expires time.Time // the session's own expiry
	until   time.Time // trusted until
}

type userVerdict struct {
	roles  []string // nil: unknown or deactivated
	until  time.Time
	denied bool
}

// NewCache builds the cache; closer may be nil until SetCloser.
func NewCache(sessions session.Repository, users user.Repository, opts Options) *Cache {
	if opts.TTL <= 0 {
		opts.TTL = 5 * time.Second
	}
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = 200_000
	}
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 512
	}
	if opts.Roles == nil {
		opts.Roles = func(user.User) []string { return []string{string(user.RoleUser)} }
	}
	return &Cache{sessions: sessions, users: users, opts: opts, now: time.Now,
		bySession: expirable.NewLRU[string, sessionVerdict](opts.MaxEntries, nil, opts.TTL),
		byUser:    expirable.NewLRU[string, userVerdict](opts.MaxEntries, nil, opts.TTL)}
}

// SetCloser names what closes streams (the hub, built after the cache).
func (c *Cache) SetCloser(closer StreamCloser) {
	c.mu.Lock()
	c.closer = closer
	c.mu.Unlock()
}

// TTL returns the staleness bound.
func (c *Cache) TTL() time.Duration { return c.opts.TTL }

// Check implements auth.SessionChecker.
func (c *Cache) Check(ctx context.Context, userID, sessionID string) ([]string, error) {
	now := c.now()
	if m, ok := c.cached(userID, sessionID, now); ok {
		return m.verdict(now)
	}
	m, err := c.read(ctx, []Key{{UserID: userID, SessionID: sessionID}}, true)
	if err != nil {
		return nil, err
	}
	return m[0].verdict(now)
}

// Key names a session of a user.
type Key struct{ UserID, SessionID string }

// CheckMany is Check for many sessions at once (the sweep of open streams):
// the misses are read together, MaxBatch per query. errs[i] is Check's error
// for keys[i]. What it reads is not cached: the next sweep comes after the
// verdicts would have expired, so caching them would only make every open
// stream hold two entries for TTL out of every sweep interval (and garbage).
func (c *Cache) CheckMany(ctx context.Context, keys []Key) (errs []error, err error) {
	now := c.now()
	errs = make([]error, len(keys))
	var missing []Key
	var at []int
	for i, k := range keys {
		if m, ok := c.cached(k.UserID, k.SessionID, now); ok {
			_, errs[i] = m.verdict(now)
			continue
		}
		missing, at = append(missing, k), append(at, i)
	}
	if len(missing) == 0 {
		return errs, nil
	}
	ms, err := c.read(ctx, missing, false)
	if err != nil {
		return nil, err
	}
	for j, m := range ms {
		_, errs[at[j]] = m.verdict(now)
	}
	return errs, nil
}

// cached is what memory holds for the session: ok when both verdicts are
// fresh, or when a fresh session verdict alone says no (the user need not be
// read); otherwise the store must be read.
func (c *Cache) cached(userID, sessionID string, now time.Time) (m miss, ok bool) {
	sv, sok := c.bySession.Get(sessionID)
	uv, uok := c.byUser.Get(userID)
	m = miss{Key: Key{UserID: userID, SessionID: sessionID}, sv: sv, uv: uv}
	sfresh, ufresh := sok && !now.After(sv.until), uok && !now.After(uv.until)
	if sfresh && (!sv.live || sv.userID != userID || !now.Before(sv.expires)) {
		return m, true
	}
	return m, sfresh && ufresh
}

// verdict is the check's answer from what was read for m.
func (m *miss) verdict(now time.Time) ([]string, error) {
	if !m.sv.live || m.sv.userID != m.UserID || !now.Before(m.sv.expires) || m.uv.denied {
		return nil, ErrSessionEnded
	}
	return m.uv.roles, nil
}

// read queues one miss per key and waits for their answers. A read that
// finds no drain running starts one, which reads for the queue until it is
// empty.
func (c *Cache) read(ctx context.Context, keys []Key, keep bool) ([]miss, error) {
	w := &wait{done: make(chan struct{})}
	w.left.Store(int64(len(keys)))
	ms := make([]miss, len(keys))
	c.qmu.Lock()
	for i, k := range keys {
		ms[i] = miss{Key: k, keep: keep, wait: w}
		c.queue = append(c.queue, &ms[i])
	}
	start := !c.reading
	c.reading = true
	c.qmu.Unlock()
	if start {
		// The reads answer other requests too: they do not end with this one.
		go c.drain(context.WithoutCancel(ctx))
	}
	select {
	case <-w.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	for i := range ms {
		if ms[i].err != nil {
			return nil, ms[i].err
		}
	}
	return ms, nil
}

// drain answers the queue, MaxBatch misses per read, until it is empty.
func (c *Cache) drain(ctx context.Context) {
	for {
		c.qmu.Lock()
		batch := c.queue[:min(len(c.queue), c.opts.MaxBatch)]
		c.queue = c.queue[len(batch):]
		if len(batch) == 0 {
			c.queue, c.reading = nil, false
			c.qmu.Unlock()
			return
		}
		c.qmu.Unlock()
		rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		c.readBatch(rctx, batch)
		cancel()
	}
}

// readBatch reads the sessions and users of batch (one query each), caches
// the verdicts and answers every miss.
func (c *Cache) readBatch(ctx context.Context, batch []*miss) {
	now := c.now()
	c.mu.Lock()
	gen := c.gen
	c.mu.Unlock()
	sids, uids := make([]string, 0, len(batch)), make([]string, 0, len(batch))
	seenS, seenU := make(map[string]bool, len(batch)), make(map[string]bool, len(batch))
	for _, m := range batch {
		if !seenS[m.SessionID] {
			seenS[m.SessionID] = true
			sids = append(sids, m.SessionID)
		}
		if !seenU[m.UserID] {
			seenU[m.UserID] = true
			uids = append(uids, m.UserID)
		}
	}
	sv := make(map[string]sessionVerdict, len(sids))
	uv := make(map[string]userVerdict, len(uids))
	err := c.readVerdicts(ctx, sids, uids, now, sv, uv)
	if err == nil {
		c.mu.Lock()
		if c.gen == gen { // no session ended meanwhile: what was read still holds
			for _, m := range batch {
				if m.keep {
					c.bySession.Add(m.SessionID, sv[m.SessionID])
					c.byUser.Add(m.UserID, uv[m.UserID])
				}
			}
		}
		c.mu.Unlock()
	}
	for _, m := range batch {
		m.sv, m.uv, m.err = sv[m.SessionID], uv[m.UserID], err
		if m.wait.left.Add(-1) == 0 {
			close(m.wait.done)
		}
	}
}

// readVerdicts fills sv and uv for every id: what the store has, and an
// ended/denied verdict for what it does not.
func (c *Cache) readVerdicts(ctx context.Context, sids, uids []string, now time.Time,
	sv map[string]sessionVerdict, uv map[string]userVerdict) error {
	until := now.Add(c.opts.TTL)
	ss, err := c.sessions.ByIDs(ctx, sids)
	if err != nil {
		return fmt.Errorf("session check: %w", err)
	}
	for _, id := range sids {
		sv[id] = sessionVerdict{until: until}
	}
	for _, s := range ss {
		sv[s.ID()] = sessionVerdict{userID: s.UserID(), live: s.Live(now), expires: s.ExpiresAt(), until: until}
	}
	us, err := c.users.ByIDs(ctx, uids)
	if err != nil {
		return fmt.Errorf("session check: %w", err)
	}
	for _, id := range uids {
		uv[id] = userVerdict{until: until, denied: true}
	}
	for _, u := range us {
		if u.Active() {
			uv[u.ID()] = userVerdict{roles: c.opts.Roles(u), until: until}
		}
	}
	return nil
}

// Ended drops what the message makes stale and closes the matching streams
// of this instance. It is the subscriber of Events.
func (c *Cache) Ended(e Ended) {
	c.mu.Lock()
	c.gen++
	if e.SessionID != "" {
		c.bySession.Remove(e.SessionID)
	} else {
		c.byUser.Remove(e.UserID)
		for _, k := range c.bySession.Keys() {
			if v, ok := c.bySession.Peek(k); ok && v.userID == e.UserID {
				c.bySession.Remove(k)
			}
		}
	}
	closer := c.closer
	c.mu.Unlock()
	if closer == nil {
		return
	}
	if e.SessionID != "" {
		closer.CloseSession(e.UserID, e.SessionID)
	} else {
		closer.CloseUser(e.UserID)
	}
}
