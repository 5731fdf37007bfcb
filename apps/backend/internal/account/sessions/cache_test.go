package sessions

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// fakeStore holds sessions and users in maps and counts the reads; gate, if
// set, holds every read until it is closed.
type fakeStore struct {
	mu       sync.Mutex
	sessions map[string]session.Session
	users    map[string]user.User
	err      error
	gate     chan struct{}
	reads    atomic.Int64 // ByIDs calls, both kinds
	largest  atomic.Int64 // most ids in one call
}

func newFakeStore() *fakeStore {
	return &fakeStore{sessions: map[string]session.Session{}, users: map[string]user.User{}}
}

func (f *fakeStore) add(t testing.TB, active bool, now time.Time) (userID, sessionID string) {
	t.Helper()
	u := user.FromStore(domain.NewID(), fmt.Sprintf("%d@x.test", f.reads.Load()), "U", "", "hash", active, now)
	s, err := session.New(u.ID(), now, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.users[u.ID()], f.sessions[s.ID()] = u, s
	f.mu.Unlock()
	return u.ID(), s.ID()
}

func byIDs[T any](f *fakeStore, m map[string]T, ids []string) ([]T, error) {
	f.reads.Add(1)
	if n := int64(len(ids)); n > f.largest.Load() {
		f.largest.Store(n)
	}
	if f.gate != nil {
		<-f.gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	var out []T
	for _, id := range ids {
		if v, ok := m[id]; ok {
			out = append(out, v)
		}
	}
	return out, nil
}

// fakeSessions and fakeUsers are the two ports over one fakeStore; only
// ByIDs is used by the cache (the embedded nil ports panic otherwise).
type fakeSessions struct {
	session.Repository
	f *fakeStore
}

func (s fakeSessions) ByIDs(_ context.Context, ids []string) ([]session.Session, error) {
	return byIDs(s.f, s.f.sessions, ids)
}

type fakeUsers struct {
	user.Repository
	f *fakeStore
}

func (u fakeUsers) ByIDs(_ context.Context, ids []string) ([]user.User, error) {
	return byIDs(u.f, u.f.users, ids)
}

func newTestCache(f *fakeStore, opts Options) *Cache {
	if opts.Roles == nil {
		opts.Roles = func(u user.User) []string { return []string{"user:" + u.ID()} }
	}
	return NewCache(fakeSessions{f: f}, fakeUsers{f: f}, opts)
}

func TestCheckVerdicts(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	f := newFakeStore()
	liveUser, liveSession := f.add(t, true, now)
	inactiveUser, inactiveSession := f.add(t, false, now)
	otherUser, _ := f.add(t, true, now)
	endedUser, endedSession := f.add(t, true, now)
	ended := f.sessions[endedSession]
	f.sessions[endedSession] = session.FromStore(ended.ID(), ended.UserID(), ended.CreatedAt(), ended.ExpiresAt(), now)
	expiredUser, expiredSession := f.add(t, true, now)
	exp := f.sessions[expiredSession]
	f.sessions[expiredSession] = session.FromStore(exp.ID(), exp.UserID(), exp.CreatedAt(), now.Add(-time.Second), time.Time{})
	unknownUserSession := domain.NewID()
	goneUser := domain.NewID()
	f.sessions[unknownUserSession] = session.FromStore(unknownUserSession, goneUser, now, now.Add(time.Hour), time.Time{})

	cases := []struct {
		name, userID, sessionID string
		roles                   []string
	}{
		{"a live session of an active user", liveUser, liveSession, []string{"user:" + liveUser}},
		{"a deactivated user", inactiveUser, inactiveSession, nil},
		{"another user's session", otherUser, liveSession, nil},
		{"an ended session", endedUser, endedSession, nil},
		{"an expired session", expiredUser, expiredSession, nil},
		{"an unknown session", liveUser, domain.NewID(), nil},
		{"a session of a user that does not exist", goneUser, unknownUserSession, nil},
	}
	cache := newTestCache(f, Options{TTL: time.Minute}) // the second round of each case answers from memory
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, cached := range []bool{false, true} { // read from the store, then from memory
				roles, err := cache.Check(ctx, c.userID, c.sessionID)
				if c.roles == nil {
					if !errors.Is(err, ErrSessionEnded) || !errors.Is(err, domain.ErrUnauthorized) {
						t.Fatalf("cached=%v: %v, %v; want ErrSessionEnded", cached, roles, err)
					}
					continue
				}
				if err != nil || !slices.Equal(roles, c.roles) {
					t.Fatalf("cached=%v: %v, %v; want %v", cached, roles, err, c.roles)
				}
			}
		})
	}
}

func TestCheckReadsOncePerTTL(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	f := newFakeStore()
	u, s := f.add(t, true, now)
	c := newTestCache(f, Options{TTL: 5 * time.Second})
	c.now = func() time.Time { return now }
	for range 10 {
		if _, err := c.Check(ctx, u, s); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.reads.Load(); got != 2 { // one sessions read, one users read
		t.Fatalf("%d reads for 10 checks within the TTL, want 2", got)
	}
	now = now.Add(6 * time.Second)
	if _, err := c.Check(ctx, u, s); err != nil {
		t.Fatal(err)
	}
	if got := f.reads.Load(); got != 4 {
		t.Fatalf("%d reads after the TTL, want 4", got)
	}
}

// A storm of cold checks (streams reconnecting after a restart) is answered
// by a few batched reads, each check with its own verdict.
func TestColdChecksAreBatched(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	f := newFakeStore()
	const n = 1000
	users, sessions := make([]string, n), make([]string, n)
	for i := range n {
		users[i], sessions[i] = f.add(t, true, now)
	}
	f.gate = make(chan struct{})
	c := newTestCache(f, Options{MaxBatch: 400})
	var wg sync.WaitGroup
	errs := make([]error, n)
	roles := make([][]string, n)
	wg.Add(1)
	go func() { // the first check starts the read and holds it at the gate
		defer wg.Done()
		roles[0], errs[0] = c.Check(ctx, users[0], sessions[0])
	}()
	for f.reads.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			roles[i], errs[i] = c.Check(ctx, users[i], sessions[i])
		}()
	}
	for { // every other check is queued behind the held read
		c.qmu.Lock()
		queued := len(c.queue)
		c.qmu.Unlock()
		if queued == n-1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	close(f.gate)
	wg.Wait()
	for i := range n {
		if errs[i] != nil || !slices.Equal(roles[i], []string{"user:" + users[i]}) {
			t.Fatalf("check %d: %v, %v", i, roles[i], errs[i])
		}
	}
	// 1 + 999 misses in batches of at most 400: 1 + 3 batches, two reads each.
	if got := f.reads.Load(); got != 8 {
		t.Fatalf("%d store reads for %d cold checks, want 8", got, n)
	}
	if got := f.largest.Load(); got != 400 {
		t.Fatalf("largest read asked for %d ids, want 400 (MaxBatch)", got)
	}
}

func TestStoreErrorReachesEveryCheckAndIsNotCached(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	f := newFakeStore()
	u, s := f.add(t, true, now)
	down := errors.New("disk I/O error")
	f.err = down
	c := newTestCache(f, Options{})
	if _, err := c.Check(ctx, u, s); !errors.Is(err, down) || errors.Is(err, ErrSessionEnded) {
		t.Fatalf("Check with the store down: %v; want the store's error, not a verdict", err)
	}
	f.mu.Lock()
	f.err = nil
	f.mu.Unlock()
	if _, err := c.Check(ctx, u, s); err != nil {
		t.Fatalf("Check once the store is back: %v", err)
	}
}

// A session that ends while its verdict is being read is not remembered as
// live: the next check reads again.
func TestEndedDuringReadIsNotCached(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	f := newFakeStore()
	u, s := f.add(t, true, now)
	f.gate = make(chan struct{})
	c := newTestCache(f, Options{TTL: time.Hour})
	done := make(chan error, 1)
	go func() {
		_, err := c.Check(ctx, u, s)
		done <- err
	}()
	for f.reads.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	c.Ended(Ended{UserID: u, SessionID: s}) // logout lands while the read is out
	f.mu.Lock()
	old := f.sessions[s]
	f.sessions[s] = session.FromStore(old.ID(), old.UserID(), old.CreatedAt(), old.ExpiresAt(), now)
	f.mu.Unlock()
	close(f.gate)
	<-done // this check may go either way: it raced the logout
	f.gate = nil
	if _, err := c.Check(ctx, u, s); !errors.Is(err, ErrSessionEnded) {
		t.Fatalf("check after the logout: %v; want ErrSessionEnded", err)
	}
}

func TestCancelledCheckDoesNotStopTheBatch(t *testing.T) {
	now := time.Now()
	f := newFakeStore()
	u1, s1 := f.add(t, true, now)
	u2, s2 := f.add(t, true, now)
	f.gate = make(chan struct{})
	c := newTestCache(f, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := c.Check(ctx, u1, s1)
		first <- err
	}()
	for f.reads.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	second := make(chan error, 1)
	go func() {
		_, err := c.Check(context.Background(), u2, s2)
		second <- err
	}()
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled check: %v", err)
	}
	close(f.gate)
	if err := <-second; err != nil {
		t.Fatalf("the check queued behind a cancelled one: %v", err)
	}
}

func TestCheckManyAnswersEachKeyWithOneBatchedRead(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	f := newFakeStore()
	liveU, liveS := f.add(t, true, now)
	offU, offS := f.add(t, false, now)
	c := newTestCache(f, Options{TTL: time.Minute})
	if _, err := c.Check(ctx, liveU, liveS); err != nil { // cached: needs no read
		t.Fatal(err)
	}
	before := f.reads.Load()
	keys := []Key{{liveU, liveS}, {offU, offS}, {liveU, domain.NewID()}, {offU, liveS}}
	errs, err := c.CheckMany(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	want := []error{nil, ErrSessionEnded, ErrSessionEnded, ErrSessionEnded}
	for i := range keys {
		if !errors.Is(errs[i], want[i]) || (want[i] == nil && errs[i] != nil) {
			t.Fatalf("key %d: %v, want %v", i, errs[i], want[i])
		}
	}
	if got := f.reads.Load() - before; got != 2 {
		t.Fatalf("%d reads for three uncached keys, want 2 (one batch)", got)
	}
}

// TestCheckManyDoesNotCacheWhatItReads: the sweep's reads leave no entries
// behind (the next sweep comes after they would expire); a request's check
// after a sweep reads the store itself, and is cached as usual.
func TestCheckManyDoesNotCacheWhatItReads(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	f := newFakeStore()
	u, s := f.add(t, true, now)
	c := newTestCache(f, Options{TTL: time.Minute})
	if errs, err := c.CheckMany(ctx, []Key{{u, s}}); err != nil || errs[0] != nil {
		t.Fatalf("sweep: %v %v", errs, err)
	}
	if n := c.bySession.Len() + c.byUser.Len(); n != 0 {
		t.Fatalf("the sweep left %d cache entries", n)
	}
	for range 2 {
		if _, err := c.Check(ctx, u, s); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.reads.Load(); got != 4 { // the sweep's two reads, then the first check's two
		t.Fatalf("%d reads, want 4", got)
	}
}
