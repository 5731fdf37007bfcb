package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// A reconnect storm (fleetload storm): the tool starts FleetMan itself (the
// server binary, with the tool's own environment: SQLITE_PATH, JWT_SECRET,
// ADMIN_EMAILS, ...), opens one stream per user, gives each user one
// notification so that every stream holds a Last-Event-ID, stores Missed
// notifications per user straight into the store (as another instance
// would: the running server never hears of them, so no stream gets them
// live), then restarts the server: SIGTERM (every stream hears `shutdown`
// and is cut) and a new process at once. The streams reconnect as the web app's
// client (apps/frontend/src/services/sseClient.ts) does, with its delays and
// jitter and the browser's own retry, sending Last-Event-ID; the tool
// reports, from the moment the server answers /healthz again, when each
// stream had every missed notification (the last one is the figure), lost
// and duplicated ones, and the p99 of other requests (GET unread-count at
// OtherRate, open loop) meanwhile. The embedded store only.

type stormConfig struct {
	ServerBin      string
	ServerLog      string // where both server processes' output goes (appended); none: discarded
	TokensFile     string
	Streams        int
	Missed         int
	Sources        []string
	OtherRate      float64
	CatchUpTimeout time.Duration
	MaxTime        time.Duration
	Seed           uint64
	Log            io.Writer
}

// The web app's reconnect policy (sseClient.ts defaults) and the browser's.
const (
	shutdownDelayMin = 250 * time.Millisecond // after `shutdown`: [min, max)
	shutdownDelayMax = 1000 * time.Millisecond
	shutdownRetries  = 20          // attempts that use the short delay
	backoffBase      = time.Second // then full jitter: [0, min(max, base·2^attempt))
	backoffMax       = 30 * time.Second
	browserRetries   = 1 // retries the browser makes by itself (EventSource)
	// browserDefaultRetry is EventSource's reconnection time before the
	// server sent a retry: field (Chromium's default).
	browserDefaultRetry = 3 * time.Second
)

type stormReport struct {
	Label         string           `json:"label"`
	Date          string           `json:"date"`
	Machine       machine          `json:"machine"`
	Streams       int              `json:"streams"`
	Missed        int              `json:"missedPerStream"`
	RetryMs       int              `json:"serverRetryMs"`
	ServerDownMs  float64          `json:"serverDownMs"`    // SIGTERM → /healthz answers again
	StoreMs       float64          `json:"storeMissedMs"`   // storing the missed notifications (server down)
	LastCatchUpMs float64          `json:"lastCatchUpMs"`   // server back → the last stream had all it missed
	CatchUp       latencySummary   `json:"catchUpMs"`       // server back → each stream caught up
	Reconnects    int64            `json:"reconnects"`      // connection attempts after the cut
	Refused       int64            `json:"refused"`         // of which failed (server down, or not 200)
	CaughtUp      int64            `json:"caughtUp"`        // streams that had every missed one
	Lost          int64            `json:"lost"`            // missed notifications never received
	Duplicates    int64            `json:"duplicates"`      // received twice on one stream
	Unexpected    int64            `json:"unexpected"`      // notifications not among the missed
	OutOfOrder    int64            `json:"outOfOrder"`      // a stream receiving an id below its last
	Resets        int64            `json:"resets"`          // reset events (history lost)
	Other         latencySummary   `json:"otherRequestsMs"` // other requests during catch-up
	OtherErrors   int64            `json:"otherErrors"`
	OtherCount    int64            `json:"otherRequests"`
	ServerCPU     float64          `json:"serverCPUCores"` // during catch-up
	LoadAvgStart  string           `json:"loadAvgStart"`
	LoadAvgEnd    string           `json:"loadAvgEnd"`
	StreamErrors  map[string]int64 `json:"streamErrors,omitempty"`
}

func stormCommand(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("storm", flag.ContinueOnError)
	var cfg stormConfig
	fs.StringVar(&cfg.ServerBin, "server-bin", "", "the fleetman binary, started (and restarted) by the tool with its environment")
	fs.StringVar(&cfg.ServerLog, "server-log", "", "file the servers' output is appended to (default: discarded)")
	fs.StringVar(&cfg.TokensFile, "tokens", "", "token file written by fleetseed for the same store")
	fs.IntVar(&cfg.Streams, "streams", 10000, "streams (one per user)")
	fs.IntVar(&cfg.Missed, "missed", 5, "notifications each user misses while the server is down")
	sources := fs.String("sources", defaultSources, "loopback source addresses for the streams")
	fs.Float64Var(&cfg.OtherRate, "other-rate", 200, "other requests (GET unread-count) per second during catch-up")
	fs.DurationVar(&cfg.CatchUpTimeout, "catch-up-timeout", time.Minute, "longest wait for the streams to catch up")
	fs.DurationVar(&cfg.MaxTime, "max-time", 10*time.Minute, "the run stops by itself after this")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the clients' jitter")
	jsonOut := fs.String("json", "", "write the report as JSON to this file")
	quiet := fs.Bool("q", false, "no progress lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.ServerBin == "" || cfg.TokensFile == "" || cfg.Streams < 1 || cfg.Missed < 1 {
		return errors.New("storm needs -server-bin, -tokens, -streams ≥ 1 and -missed ≥ 1")
	}
	if os.Getenv("SQLITE_PATH") == "" || os.Getenv("MONGODB_URI") != "" {
		return errors.New("storm runs on the embedded store: set SQLITE_PATH (and no MONGODB_URI), as for the server")
	}
	var err error
	if cfg.Sources, err = parseSources(*sources); err != nil {
		return err
	}
	if !*quiet {
		cfg.Log = os.Stderr
	}
	rep, err := storm(ctx, cfg)
	if rep != nil {
		printStorm(os.Stdout, rep)
		if *jsonOut != "" {
			if werr := writeJSON(*jsonOut, rep); werr != nil {
				return werr
			}
		}
	}
	return err
}

func (cfg *stormConfig) logf(format string, args ...any) {
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "fleetload storm: "+format+"\n", args...)
	}
}

// stormServer is the FleetMan process the tool starts and restarts.
type stormServer struct {
	bin, addr string
	log       io.Writer // the servers' output; nil: discarded
	cmd       *exec.Cmd
	done      chan struct{}
}

func (s *stormServer) start(ctx context.Context) error {
	s.cmd = exec.Command(s.bin)
	s.cmd.Env = append(os.Environ(), "HTTP_ADDR="+s.addr)
	s.cmd.Stdout, s.cmd.Stderr = io.Discard, io.Discard
	if s.log != nil {
		s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	}
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("start server: %w", err)
	}
	s.done = make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(s.done) }()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		select {
		case <-s.done:
			return errors.New("the server exited at start")
		default:
		}
		if res, err := http.Get("http://" + s.addr + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return errors.New("the server did not answer /healthz within 30 s")
}

// stop sends SIGTERM (a graceful stop: streams hear `shutdown`) and waits.
func (s *stormServer) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// stormStream is one client: a user's stream that reconnects like the web app.
type stormStream struct {
	user   int
	token  string
	source string
	rng    *rand.Rand

	mu       sync.Mutex
	lastID   string
	ready    bool
	expect   map[string]bool // the missed ids not received yet (set while the server is down)
	expected int
	got      map[string]bool
	caughtNs int64
	dups     int64
	unexpect int64
	order    int64
	resets   int64
	cut      bool // the server went away at least once
	retryMs  int  // the server's retry:, as the current EventSource knows it
	wake     chan struct{}
}

// storm runs the whole measurement.
func storm(ctx context.Context, cfg stormConfig) (*stormReport, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.MaxTime)
	defer cancel()
	users, adminToken, err := loadUsers(runConfig{TokensFile: cfg.TokensFile}, cfg.Streams)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := &stormServer{bin: cfg.ServerBin, addr: addr}
	if cfg.ServerLog != "" {
		f, err := os.OpenFile(cfg.ServerLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, fmt.Errorf("server log: %w", err)
		}
		defer f.Close()
		srv.log = f
	}
	if err := srv.start(ctx); err != nil {
		return nil, err
	}
	defer srv.stop()
	rep := &stormReport{Label: fmt.Sprintf("reconnect storm, %d streams × %d missed", cfg.Streams, cfg.Missed),
		Date: time.Now().UTC().Format(time.RFC3339), Machine: describeMachine(), Streams: cfg.Streams, Missed: cfg.Missed,
		LoadAvgStart: loadAvg(), StreamErrors: map[string]int64{}}
	var errMu sync.Mutex
	streamErr := func(kind string, err error) {
		errMu.Lock()
		rep.StreamErrors[kind+": "+shortError(err)]++
		errMu.Unlock()
	}

	var reconnects, refused atomic.Int64
	streams := make([]*stormStream, len(users))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 256) // connection attempts in flight at the first open
	for i, u := range users {
		st := &stormStream{user: i, token: u.Token, source: cfg.Sources[i%max(len(cfg.Sources), 1)],
			rng: rand.New(rand.NewPCG(cfg.Seed, uint64(i))), got: map[string]bool{}, wake: make(chan struct{}, 1)}
		if len(cfg.Sources) == 0 {
			st.source = ""
		}
		streams[i] = st
		wg.Add(1)
		go func() {
			defer wg.Done()
			st.run(ctx, addr, sem, &reconnects, &refused, streamErr)
		}()
	}
	defer func() { cancel(); wg.Wait() }()
	if err := waitAll(ctx, streams, 3*time.Minute, func(s *stormStream) bool { return s.ready }); err != nil {
		return rep, fmt.Errorf("opening the streams: %w", err)
	}
	cfg.logf("%d streams open", len(streams))

	// One notification each, through the batch endpoint, so that every
	// stream holds a Last-Event-ID.
	if err := publishOneEach(ctx, addr, adminToken, users); err != nil {
		return rep, err
	}
	if err := waitAll(ctx, streams, time.Minute, func(s *stormStream) bool { return s.lastID != "" }); err != nil {
		return rep, fmt.Errorf("the first notifications: %w", err)
	}
	rep.RetryMs = streams[0].retry()
	cfg.logf("every stream has a Last-Event-ID; server retry %d ms; storing the missed notifications, then restarting the server", rep.RetryMs)

	// The cut: SIGTERM, the missed notifications stored, the server back.
	for _, s := range streams {
		s.mu.Lock()
		s.cut = true
		s.mu.Unlock()
	}
	tStore := time.Now()
	ids, err := storeMissed(ctx, users, cfg.Missed)
	if err != nil {
		return rep, err
	}
	rep.StoreMs = float64(time.Since(tStore).Microseconds()) / 1000
	for i, s := range streams {
		s.mu.Lock()
		s.expect = map[string]bool{}
		for _, id := range ids[i] {
			s.expect[id] = true
		}
		s.expected = len(ids[i])
		s.mu.Unlock()
	}
	reconnects.Store(0)
	refused.Store(0)
	t0 := time.Now()
	srv.stop()
	if err := srv.start(ctx); err != nil {
		return rep, err
	}
	back := time.Now()
	rep.ServerDownMs = float64(back.Sub(t0).Microseconds()) / 1000
	cfg.logf("server back after %.0f ms; waiting for the catch-up", rep.ServerDownMs)
	srvTicks0, _ := cpuTicks(srv.cmd.Process.Pid)

	otherCtx, stopOther := context.WithCancel(ctx)
	otherDone := make(chan otherStats, 1)
	go func() { otherDone <- otherRequests(otherCtx, addr, users, cfg.OtherRate, cfg.Seed) }()
	caught := waitAll(ctx, streams, cfg.CatchUpTimeout, func(s *stormStream) bool { return s.caughtNs != 0 })
	wall := time.Since(back).Seconds()
	srvTicks1, _ := cpuTicks(srv.cmd.Process.Pid)
	stopOther()
	other := <-otherDone
	time.Sleep(300 * time.Millisecond) // duplicates on their way
	rep.ServerCPU = float64(srvTicks1-srvTicks0) / clockTicks / wall

	h := newHistogram()
	for _, s := range streams {
		s.mu.Lock()
		rep.Lost += int64(len(s.expect))
		rep.Duplicates += s.dups
		rep.Unexpected += s.unexpect
		rep.OutOfOrder += s.order
		rep.Resets += s.resets
		if s.caughtNs != 0 {
			rep.CaughtUp++
			d := s.caughtNs - back.UnixNano()
			h.record(max(d, 0))
			rep.LastCatchUpMs = max(rep.LastCatchUpMs, ms(d))
		}
		s.mu.Unlock()
	}
	rep.CatchUp = h.summary()
	rep.Reconnects, rep.Refused = reconnects.Load(), refused.Load()
	rep.Other, rep.OtherErrors, rep.OtherCount = other.hist.summary(), other.errors, other.count
	rep.LoadAvgEnd = loadAvg()
	if caught != nil {
		return rep, fmt.Errorf("catch-up: %w", caught)
	}
	return rep, nil
}

func (s *stormStream) retry() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.retryMs
}

// waitAll waits until cond holds for every stream (checked under its lock).
func waitAll(ctx context.Context, streams []*stormStream, timeout time.Duration, cond func(*stormStream) bool) error {
	deadline := time.Now().Add(timeout)
	for {
		n := 0
		for _, s := range streams {
			s.mu.Lock()
			if cond(s) {
				n++
			}
			s.mu.Unlock()
		}
		if n == len(streams) {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("%d of %d streams after %s", n, len(streams), timeout)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// run keeps the stream open, reconnecting as the web app's client does.
func (s *stormStream) run(ctx context.Context, addr string, sem chan struct{}, reconnects, refused *atomic.Int64, fail func(string, error)) {
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return
	}
	first := true
	policy := reconnectPolicy{rng: s.rng}
	for ctx.Err() == nil {
		s.mu.Lock()
		afterCut := s.cut
		s.mu.Unlock()
		if afterCut {
			reconnects.Add(1)
		}
		opened, shutdown, err := s.once(ctx, addr, func() {
			if first {
				first = false
				<-sem
			}
		})
		if ctx.Err() != nil {
			return
		}
		if !opened && afterCut {
			refused.Add(1)
		}
		if err != nil && !shutdown && !afterCut {
			fail("stream", err)
		}
		delay, fresh := policy.next(opened, shutdown, s.retry())
		if fresh {
			s.newEventSource()
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return
		}
	}
}

// reconnectPolicy is the web app's client (sseClient.ts) with the
// browser's EventSource under it: after `shutdown`, a new EventSource after
// a delay in [250, 1000) ms, for up to 20 attempts (none of them left to the
// browser's own retry); after an error otherwise, first the
// browser's own retry of the same EventSource (after the server's retry:
// if this EventSource heard one, else the browser's default), then a new
// EventSource after the short delay (while short tries remain) or full-
// jitter backoff; an open stream starts both over.
type reconnectPolicy struct {
	rng                             *rand.Rand
	attempt, shortLeft, browserUsed int
}

// next is the delay before the next attempt after one that ended (opened:
// it was answered 200; shutdown: it heard `shutdown`), given the retry: the
// current EventSource heard (0: none), and whether that attempt is a new
// EventSource (which has heard no retry: yet).
func (p *reconnectPolicy) next(opened, shutdown bool, retryMs int) (time.Duration, bool) {
	if shutdown {
		p.attempt, p.shortLeft, p.browserUsed = 1, shutdownRetries-1, 0
		return p.short(), true
	}
	if opened {
		p.browserUsed, p.shortLeft = 0, 0
	}
	// While the short tries after `shutdown` last, the client does not leave a
	// refused try to the browser (which would wait its default 3 s).
	if p.shortLeft == 0 && p.browserUsed < browserRetries {
		p.browserUsed++
		if retryMs > 0 {
			return time.Duration(retryMs) * time.Millisecond, false
		}
		return browserDefaultRetry, false
	}
	p.browserUsed = 0
	var d time.Duration
	if p.shortLeft > 0 {
		p.shortLeft--
		d = p.short()
	} else {
		d = time.Duration(p.rng.Float64() * float64(min(backoffMax, backoffBase<<min(p.attempt, 16))))
	}
	p.attempt++
	return d, true
}

func (p *reconnectPolicy) short() time.Duration {
	return shutdownDelayMin + time.Duration(p.rng.Float64()*float64(shutdownDelayMax-shutdownDelayMin))
}

// newEventSource forgets the retry: a new EventSource has not heard one.
func (s *stormStream) newEventSource() {
	s.mu.Lock()
	s.retryMs = 0
	s.mu.Unlock()
}

// once opens the stream (with Last-Event-ID when it has one) and reads it
// until it ends. opened: the answer was 200; shutdown: it heard `shutdown`.
func (s *stormStream) once(ctx context.Context, addr string, onReady func()) (opened, shutdown bool, err error) {
	d := net.Dialer{Timeout: 10 * time.Second}
	if s.source != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(s.source)}
	}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		onReady()
		return false, false, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	s.mu.Lock()
	last := s.lastID
	s.mu.Unlock()
	var req bytes.Buffer
	req.WriteString("GET /api/v1/notifications/stream HTTP/1.1\r\nHost: " + addr + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + s.token + "\r\n")
	if last != "" {
		req.WriteString("Last-Event-ID: " + last + "\r\n")
	}
	req.WriteString("\r\n")
	if _, err := conn.Write(req.Bytes()); err != nil {
		onReady()
		return false, false, err
	}
	br := bufio.NewReaderSize(conn, 4096)
	head, err := readResponseHead(br)
	if err != nil || head.status != http.StatusOK {
		onReady()
		if err == nil {
			err = fmt.Errorf("status %d", head.status)
		}
		return false, false, err
	}
	body := br
	if head.chunked || head.contentLength >= 0 {
		body = bufio.NewReaderSize(bodyReader(br, head), 4096)
	}
	toldShutdown := false
	var p sse.Parser
	p.OnRetry = func(ms int) {
		s.mu.Lock()
		s.retryMs = ms
		s.mu.Unlock()
	}
	p.OnRaw = func(event, _ []byte) {
		now := time.Now().UnixNano()
		s.mu.Lock()
		if !s.ready {
			s.ready = true
			s.mu.Unlock()
			onReady()
			s.mu.Lock()
		}
		defer s.mu.Unlock()
		switch string(event) {
		case "shutdown":
			toldShutdown = true
		case "reset":
			s.resets++
		case "notification":
			id := p.LastEventID
			switch {
			case id <= s.lastID && s.lastID != "":
				if s.got[id] {
					s.dups++
				} else {
					s.order++
				}
			case s.expect == nil: // before the cut: the first notification
			case s.expect[id]:
				delete(s.expect, id)
				s.got[id] = true
				if len(s.expect) == 0 && s.caughtNs == 0 {
					s.caughtNs = now
				}
			default:
				s.unexpect++
			}
			if id > s.lastID {
				s.lastID = id
			}
		}
	}
	for {
		if _, err := body.Peek(1); err != nil {
			onReady()
			return true, false, err
		}
		chunk, _ := body.Peek(body.Buffered())
		p.Feed(chunk)
		_, _ = body.Discard(len(chunk))
		if toldShutdown {
			return true, true, nil
		}
	}
}

// publishOneEach gives every user one notification through the batch endpoint.
func publishOneEach(ctx context.Context, addr, adminToken string, users []account) error {
	for lo := 0; lo < len(users); lo += notification.MaxBatch {
		hi := min(lo+notification.MaxBatch, len(users))
		items := make([]map[string]any, 0, hi-lo)
		for _, u := range users[lo:hi] {
			items = append(items, map[string]any{"userId": u.ID, "type": "SYSTEM", "title": "load.title", "message": "load.before"})
		}
		body, _ := json.Marshal(map[string]any{"items": items})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/api/v1/notifications/batch", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+adminToken)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("batch publish: %w", err)
		}
		var ans struct{ Created int }
		err = json.NewDecoder(res.Body).Decode(&ans)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK || ans.Created != hi-lo {
			return fmt.Errorf("batch publish: status %d, %d of %d created, %v", res.StatusCode, ans.Created, hi-lo, err)
		}
	}
	return nil
}

// storeMissed stores missed notifications for every user straight into the
// store from this process (the server's hub never hears of them), with the
// store's batch write, and returns their ids per user.
func storeMissed(ctx context.Context, users []account, missed int) ([][]string, error) {
	db, err := sqlite.Open(ctx, os.Getenv("SQLITE_PATH"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	repo := sqlite.NewNotificationRepository(db)
	ids := make([][]string, len(users))
	var batch []notification.Notification
	var owner []int
	flush := func() error {
		for j, r := range repo.CreateMany(ctx, batch) {
			if r.Err != nil {
				return fmt.Errorf("store missed: %w", r.Err)
			}
			ids[owner[j]] = append(ids[owner[j]], r.Notification.ID())
		}
		batch, owner = batch[:0], owner[:0]
		return nil
	}
	now := time.Now()
	for k := range missed {
		for i, u := range users {
			n, err := notification.New(notification.Draft{UserID: u.ID, Type: notification.TypeSystem, Title: "load.title",
				Message: fmt.Sprintf("load.missed.%d", k), Source: "fleetload"}, now)
			if err != nil {
				return nil, err
			}
			batch, owner = append(batch, n), append(owner, i)
			if len(batch) == notification.MaxBatch {
				if err := flush(); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return ids, nil
}

type otherStats struct {
	hist          *histogram
	count, errors int64
}

// otherRequests sends GET /api/v1/notifications/unread-count for random
// users at rate per second, open loop (latency from each request's due
// time), over 32 kept-alive connections, until ctx ends.
func otherRequests(ctx context.Context, addr string, users []account, rate float64, seed uint64) otherStats {
	out := otherStats{hist: newHistogram()}
	if rate <= 0 {
		return out
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	rng := rand.New(rand.NewPCG(seed, 7))
	jobs := make(chan time.Time, 1024)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for due := range jobs {
				mu.Lock()
				u := users[rng.IntN(len(users))]
				mu.Unlock()
				req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/api/v1/notifications/unread-count", nil)
				req.Header.Set("Authorization", "Bearer "+u.Token)
				res, err := client.Do(req)
				ok := err == nil && res.StatusCode == http.StatusOK
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				mu.Lock()
				out.count++
				if ok {
					out.hist.record(int64(time.Since(due)))
				} else {
					out.errors++
				}
				mu.Unlock()
			}
		}()
	}
	start := time.Now()
	interval := time.Duration(float64(time.Second) / rate)
	for i := 0; ctx.Err() == nil; i++ {
		due := start.Add(time.Duration(i) * interval)
		if d := time.Until(due); d > 0 {
			select {
			case <-time.After(d):
			case <-ctx.Done():
			}
		}
		if ctx.Err() != nil {
			break
		}
		jobs <- due
	}
	close(jobs)
	wg.Wait()
	return out
}

func printStorm(w io.Writer, r *stormReport) {
	fmt.Fprintf(w, "%s  %s  (%d CPUs, %s; load average %s at start, %s at end)\n", r.Label, r.Date, r.Machine.CPUs, r.Machine.Model,
		r.LoadAvgStart, r.LoadAvgEnd)
	fmt.Fprintf(w, "%d missed notifications stored in %.0f ms before the cut; server down %.0f ms (SIGTERM → /healthz); retry %d ms\n",
		r.Streams*r.Missed, r.StoreMs, r.ServerDownMs, r.RetryMs)
	fmt.Fprintf(w, "caught up: %d of %d streams; last %.0f ms after the server was back (p50 %.0f, p90 %.0f, p99 %.0f ms)\n",
		r.CaughtUp, r.Streams, r.LastCatchUpMs, r.CatchUp.P50, r.CatchUp.P90, r.CatchUp.P99)
	fmt.Fprintf(w, "lost %d, duplicated %d, unexpected %d, out of order %d, resets %d; %d reconnect attempts, %d refused\n",
		r.Lost, r.Duplicates, r.Unexpected, r.OutOfOrder, r.Resets, r.Reconnects, r.Refused)
	fmt.Fprintf(w, "other requests meanwhile: %d (%d failed), p50 %.2f ms, p99 %.2f ms; server CPU %.2f cores during catch-up\n",
		r.OtherCount, r.OtherErrors, r.Other.P50, r.Other.P99, r.ServerCPU)
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range r.StreamErrors {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		fmt.Fprintf(w, "  stream error ×%d: %s\n", r.StreamErrors[k], strings.TrimSpace(k))
	}
}
