package main

import (
	"context"
	"encoding/base64"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fleetman/fleetman/apps/backend/cmd/fleetseed/seed"
)

// runConfig is everything `fleetload run` is told.
type runConfig struct {
	Label          string
	Targets        []string // base URLs, or ["raw"] to start the raw ceiling server
	ServerPIDs     []int    // processes to measure (one per target); optional
	TokensFile     string
	Synthetic      bool // no token file: made-up users (for the raw server or another hub)
	Streams        int
	PerUser        int
	Sources        []string
	PerWorker      int
	InProcess      bool
	Sub, Pub       *requestTemplate
	PubConns       int
	Rates          []float64
	Duration       time.Duration
	Drain          time.Duration
	Settle         time.Duration
	ConnectTimeout time.Duration
	MaxTime        time.Duration
	ReadyOn        string
	Event          string
	SeqKey         string
	SentKey        string
	Seed           uint64
	Batch          int          // events per publish request (1: one)
	Search         searchConfig // find the highest rate at a p99 instead of running Rates
	// WarmupRate, when set, runs one phase at this rate before the measured
	// ones, kept in the report as a warm-up and never judged: the server's
	// caches (known users, preferences, sessions) start cold, which a
	// server long up never is; the cold start is the storm's to measure.
	WarmupRate float64
	Log        io.Writer
}

type runReport struct {
	Label   string         `json:"label"`
	Date    string         `json:"date"`
	Machine machine        `json:"machine"`
	Targets []string       `json:"targets"`
	Streams streamReport   `json:"streams"`
	Servers []serverReport `json:"servers"`
	Phases  []phaseReport  `json:"phases"`
	Search  *searchReport  `json:"search,omitempty"`
	Batch   int            `json:"batch,omitempty"` // events per publish request
	// /proc/loadavg when the run started and ended: the machine is shared.
	LoadAvgStart string `json:"loadAvgStart"`
	LoadAvgEnd   string `json:"loadAvgEnd"`
}

type streamReport struct {
	Requested      int              `json:"requested"`
	Users          int              `json:"users"`
	PerUser        int              `json:"perUser"`
	Workers        int              `json:"workers"`
	InProcess      bool             `json:"workersInProcess"`
	Sources        int              `json:"sourceAddresses"`
	Connected      int64            `json:"connected"`
	Failed         int64            `json:"failed"`
	Dropped        int64            `json:"dropped"`
	ConnectSeconds float64          `json:"connectSeconds"`
	Errors         map[string]int64 `json:"errors,omitempty"`
}

type serverReport struct {
	PID            int     `json:"pid"`
	Target         string  `json:"target"`
	Streams        int64   `json:"streams"`
	RSSBeforeKB    int64   `json:"rssBeforeKB"`
	RSSAfterKB     int64   `json:"rssAfterKB"`
	RSSPerStreamKB float64 `json:"rssPerStreamKB"` // after the settle time
	// Right after the last stream opened, before the garbage of the connection
	// burst is collected and returned.
	RSSOpenPerStreamKB float64 `json:"rssOpenPerStreamKB"`
	RSSEndKB           int64   `json:"rssEndKB"`
	// RSS each second while the streams sit idle (the settle time): Go returns
	// the garbage of the connection burst to the OS gradually.
	RSSIdleKB []int64 `json:"rssIdleKB"`
	// The same after the settle time, of RssAnon (anonKB) alone: what the
	// streams cost without the file pages the server touched meanwhile.
	AnonBeforeKB    int64   `json:"anonBeforeKB"`
	AnonAfterKB     int64   `json:"anonAfterKB"`
	AnonPerStreamKB float64 `json:"anonPerStreamKB"`
}

type phaseReport struct {
	Rate                float64        `json:"rate"`
	Publish             publishStats   `json:"publish"`
	Tally               tally          `json:"tally"`
	Duplicates          int64          `json:"duplicates"`
	Misrouted           int64          `json:"misrouted"`
	Unknown             int64          `json:"unknown"`
	DeliveriesPerSecond float64        `json:"deliveriesPerSecond"`
	Latency             latencySummary `json:"latencyMs"`
	ServerCPU           float64        `json:"serverCPUCores"`
	ServerCPUSeconds    float64        `json:"serverCPUSeconds"` // over the phase and its drain
	ClientCPU           float64        `json:"clientCPUCores"`
	Warmup              bool           `json:"warmup,omitempty"` // a warm-up phase (WarmupRate), not measured
}

// collector owns the receipts: the ledger's seen bits and each phase's histogram.
type collector struct {
	mu      sync.Mutex
	ledger  *ledger
	phases  []phaseRange
	workers map[int]workerReport // latest counters
}

type phaseRange struct {
	lo, hi uint64
	hist   *histogram
	lastNs int64 // latest first delivery (wall clock)
}

func (c *collector) add(r workerReport) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, rc := range r.Receipts {
		if !c.ledger.receive(rc) {
			continue
		}
		for i := range c.phases {
			if p := &c.phases[i]; rc.Seq >= p.lo && rc.Seq < p.hi {
				p.hist.record(rc.RecvNs - rc.SentNs)
				p.lastNs = max(p.lastNs, rc.RecvNs)
			}
		}
	}
	r.Receipts = nil
	c.workers[r.Worker] = r
}

func (c *collector) counters() (connected, failed, dropped int64, errs map[string]int64, childTicks int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	errs = map[string]int64{}
	for _, w := range c.workers {
		connected += w.Connected
		failed += w.Failed
		dropped += w.Dropped
		childTicks += w.CPUTicks
		for k, v := range w.Errors {
			errs[k] += v
		}
	}
	return connected, failed, dropped, errs, childTicks
}

func (cfg *runConfig) logf(format string, args ...any) {
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "fleetload: "+format+"\n", args...)
	}
}

// run performs a whole measurement: open the streams, measure memory, publish
// each rate in turn, account for every event.
func run(ctx context.Context, cfg runConfig) (*runReport, error) {
	if cfg.MaxTime <= 0 {
		cfg.MaxTime = 30 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.MaxTime)
	defer cancel()
	if cfg.PerUser < 1 {
		cfg.PerUser = 1
	}
	if cfg.Streams < 1 || cfg.Streams%cfg.PerUser != 0 {
		return nil, fmt.Errorf("streams (%d) must be a positive multiple of streams per user (%d)", cfg.Streams, cfg.PerUser)
	}
	nUsers := cfg.Streams / cfg.PerUser

	users, pubToken, err := loadUsers(cfg, nUsers)
	if err != nil {
		return nil, err
	}

	if len(cfg.Targets) == 1 && cfg.Targets[0] == "raw" {
		base, pid, stop, err := startRawChild(ctx, cfg.MaxTime)
		if err != nil {
			return nil, err
		}
		defer stop()
		cfg.Targets, cfg.ServerPIDs = []string{base}, []int{pid}
		cfg.logf("raw ceiling server at %s (pid %d)", base, pid)
	}
	if len(cfg.ServerPIDs) != 0 && len(cfg.ServerPIDs) != len(cfg.Targets) {
		return nil, errors.New("give one server pid per target (or none)")
	}

	rep := &runReport{Label: cfg.Label, Batch: cfg.Batch, Date: time.Now().UTC().Format(time.RFC3339), Machine: describeMachine(), Targets: cfg.Targets,
		LoadAvgStart: loadAvg()}
	rep.Servers = make([]serverReport, len(cfg.ServerPIDs))
	for i, pid := range cfg.ServerPIDs {
		rep.Servers[i] = serverReport{PID: pid, Target: cfg.Targets[i]}
		if rep.Servers[i].RSSBeforeKB, err = rssKB(pid); err != nil {
			return nil, fmt.Errorf("server pid %d: %w", pid, err)
		}
		rep.Servers[i].AnonBeforeKB, _ = anonKB(pid)
	}

	// The events of every phase, their recipients drawn up front (for a
	// search: room for its longest course, every step at its highest rate).
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	var capacity uint64
	if cfg.Search.on() {
		capacity = uint64(cfg.Search.Steps) * max(uint64(cfg.Search.Max*cfg.Duration.Seconds()), uint64(cfg.Search.MinEvents))
	} else {
		for _, r := range cfg.Rates {
			capacity += uint64(r * cfg.Duration.Seconds())
		}
	}
	col := &collector{workers: map[int]workerReport{}}
	targets := make([]uint32, capacity)
	for i := range targets {
		targets[i] = uint32(rng.IntN(nUsers))
	}
	col.ledger = newLedger(targets, cfg.PerUser)

	// The streams, spread over targets (by user), source addresses and workers.
	nWorkers := (cfg.Streams + cfg.PerWorker - 1) / cfg.PerWorker
	wcfgs := make([]workerConfig, nWorkers)
	perServer := make([]int64, len(cfg.Targets))
	var scratch []byte
	for i := range wcfgs {
		wcfgs[i] = workerConfig{ID: i, ReadyOn: cfg.ReadyOn, Event: cfg.Event, SeqKey: cfg.SeqKey, SentKey: cfg.SentKey,
			DialTimeout: cfg.ConnectTimeout, MaxDuration: cfg.MaxTime}
	}
	for i := range cfg.Streams {
		u, slot := i/cfg.PerUser, i%cfg.PerUser
		ti := u % len(cfg.Targets)
		perServer[ti]++
		base := cfg.Targets[ti]
		v := vars{Base: base, UserID: users[u].ID, Token: users[u].Token, Email: users[u].Email, PubToken: pubToken, Slot: slot}
		var req []byte
		if req, scratch, err = cfg.Sub.render(nil, scratch, &v); err != nil {
			return nil, err
		}
		bu, err := url.Parse(base)
		if err != nil || bu.Host == "" {
			return nil, fmt.Errorf("target %q: want http://host:port", base)
		}
		spec := streamSpec{User: uint32(u), Slot: uint16(slot), Addr: bu.Host, Request: req, TLS: bu.Scheme == "https"}
		if len(cfg.Sources) > 0 {
			spec.Source = cfg.Sources[i%len(cfg.Sources)]
		}
		w := &wcfgs[i%nWorkers]
		w.Streams = append(w.Streams, spec)
	}

	// Start the workers.
	wctx, stopWorkers := context.WithCancel(ctx)
	defer stopWorkers()
	var wwg sync.WaitGroup
	var children []*exec.Cmd
	var stdins []io.Closer
	start := time.Now()
	for _, wc := range wcfgs {
		if cfg.InProcess {
			wwg.Add(1)
			go func() {
				defer wwg.Done()
				_ = runWorker(wctx, wc, func(r workerReport) error { col.add(r); return nil })
			}()
			continue
		}
		cmd, stdin, err := startWorkerChild(wc, col, &wwg)
		if err != nil {
			return nil, err
		}
		children = append(children, cmd)
		stdins = append(stdins, stdin)
	}
	stop := func() {
		stopWorkers()
		for _, s := range stdins {
			s.Close()
		}
		waited := make(chan struct{})
		go func() { wwg.Wait(); close(waited) }()
		select {
		case <-waited:
		case <-time.After(15 * time.Second):
			for _, c := range children {
				_ = c.Process.Kill()
			}
			<-waited
		}
		for _, c := range children {
			_ = c.Wait()
		}
	}
	defer func() {
		if stop != nil {
			stop()
		}
	}()
	cfg.logf("opening %d streams for %d users on %v from %d source addresses in %d worker(s)",
		cfg.Streams, nUsers, cfg.Targets, max(len(cfg.Sources), 1), nWorkers)

	// Wait until every stream is ready or failed.
	lastLog := time.Now()
	for {
		connected, failed, _, _, _ := col.counters()
		if connected+failed >= int64(cfg.Streams) {
			break
		}
		if time.Since(start) > cfg.ConnectTimeout || ctx.Err() != nil {
			cfg.logf("gave up waiting: %d connected, %d failed of %d", connected, failed, cfg.Streams)
			break
		}
		if time.Since(lastLog) > 2*time.Second {
			cfg.logf("%d/%d streams ready, %d failed", connected, cfg.Streams, failed)
			lastLog = time.Now()
		}
		time.Sleep(20 * time.Millisecond)
	}
	connected, failed, _, _, _ := col.counters()
	rep.Streams = streamReport{Requested: cfg.Streams, Users: nUsers, PerUser: cfg.PerUser, Workers: nWorkers,
		InProcess: cfg.InProcess, Sources: max(len(cfg.Sources), 1), Connected: connected, Failed: failed, ConnectSeconds: time.Since(start).Seconds()}
	cfg.logf("%d streams ready in %.1fs (%d failed)", connected, rep.Streams.ConnectSeconds, failed)

	for end := time.Now().Add(cfg.Settle); ctx.Err() == nil; {
		for i := range rep.Servers {
			if kb, err := rssKB(rep.Servers[i].PID); err == nil {
				rep.Servers[i].RSSIdleKB = append(rep.Servers[i].RSSIdleKB, kb)
			}
		}
		if time.Now().After(end) {
			break
		}
		sleepCtx(ctx, min(time.Second, time.Until(end)))
	}
	for i := range rep.Servers {
		s := &rep.Servers[i]
		s.RSSAfterKB, _ = rssKB(s.PID)
		s.AnonAfterKB, _ = anonKB(s.PID)
		s.Streams = perServer[i] * connected / int64(cfg.Streams)
		if s.Streams > 0 {
			s.RSSPerStreamKB = float64(s.RSSAfterKB-s.RSSBeforeKB) / float64(s.Streams)
			s.AnonPerStreamKB = float64(s.AnonAfterKB-s.AnonBeforeKB) / float64(s.Streams)
			if len(s.RSSIdleKB) > 0 {
				s.RSSOpenPerStreamKB = float64(s.RSSIdleKB[0]-s.RSSBeforeKB) / float64(s.Streams)
			}
		}
	}

	pub := &publisher{tmpl: cfg.Pub, targets: cfg.Targets, conns: cfg.PubConns, pubToken: pubToken,
		users: users, ledger: col.ledger, timeout: 10 * time.Second, batch: cfg.Batch}
	var total uint64 // events of the phases so far
	phase := func(rate float64) phaseReport {
		n := uint64(rate * cfg.Duration.Seconds())
		if cfg.Search.on() {
			n = max(n, uint64(cfg.Search.MinEvents)) // a step long enough for its p99 to count
		}
		n = min(n, capacity-total)
		pr := phaseRange{lo: total, hi: total + n, hist: newHistogram()}
		total += n
		col.mu.Lock()
		col.phases = append(col.phases, pr)
		pi := len(col.phases) - 1
		dups0, mis0, unk0 := col.ledger.dups, col.ledger.misrouted, col.ledger.unknown
		col.mu.Unlock()
		srv0 := serverTicks(cfg.ServerPIDs)
		cli0 := clientTicks(col, cfg.InProcess)
		t0 := time.Now()
		cfg.logf("publishing %d events at %.0f/s", pr.hi-pr.lo, rate)
		ps := pub.run(ctx, pr.lo, pr.hi, rate)
		// Drain: wait for the deliveries still in flight.
		deadline := time.Now().Add(cfg.Drain)
		for time.Now().Before(deadline) && ctx.Err() == nil {
			col.mu.Lock()
			t := col.ledger.tally(pr.lo, pr.hi)
			col.mu.Unlock()
			if t.Delivered >= t.Expected {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(2 * reportInterval) // receipts already read by workers but not yet reported
		wall := time.Since(t0).Seconds()
		srv1 := serverTicks(cfg.ServerPIDs)
		cli1 := clientTicks(col, cfg.InProcess)

		col.mu.Lock()
		ph := phaseReport{Rate: rate, Publish: ps, Tally: col.ledger.tally(pr.lo, pr.hi),
			Duplicates: col.ledger.dups - dups0, Misrouted: col.ledger.misrouted - mis0, Unknown: col.ledger.unknown - unk0,
			Latency: col.phases[pi].hist.summary()}
		if last := col.phases[pi].lastNs; last > t0.UnixNano() {
			ph.DeliveriesPerSecond = float64(ph.Tally.Delivered) / time.Duration(last-t0.UnixNano()).Seconds()
		}
		col.mu.Unlock()
		if srv0 >= 0 && srv1 >= 0 {
			ph.ServerCPUSeconds = float64(srv1-srv0) / clockTicks
			ph.ServerCPU = ph.ServerCPUSeconds / wall
		}
		ph.ClientCPU = float64(cli1-cli0) / clockTicks / wall
		rep.Phases = append(rep.Phases, ph)
		cfg.logf("rate %.0f/s: %d delivered of %d, lost %d, p99 %.2f ms", rate, ph.Tally.Delivered, ph.Tally.Expected, ph.Tally.Lost, ph.Latency.P99)
		return ph
	}
	if cfg.WarmupRate > 0 && ctx.Err() == nil {
		phase(cfg.WarmupRate)
		rep.Phases[len(rep.Phases)-1].Warmup = true
	}
	if cfg.Search.on() {
		rep.Search = search(ctx, cfg.Search, phase)
		cfg.logf("highest rate at p99 ≤ %.0f ms: %.0f/s", cfg.Search.P99Ms, rep.Search.Best)
	} else {
		for _, rate := range cfg.Rates {
			if ctx.Err() != nil {
				break
			}
			phase(rate)
		}
	}
	for i := range rep.Servers {
		rep.Servers[i].RSSEndKB, _ = rssKB(rep.Servers[i].PID)
	}
	_, _, dropped, errs, _ := col.counters() // cumulative: every error of the run
	rep.Streams.Dropped = dropped
	if len(errs) > 0 {
		rep.Streams.Errors = errs
	}
	stop()
	stop = nil
	rep.LoadAvgEnd = loadAvg()
	return rep, ctx.Err()
}

func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// serverTicks sums the servers' CPU ticks; -1 when there is nothing to read.
func serverTicks(pids []int) int64 {
	if len(pids) == 0 {
		return -1
	}
	var sum int64
	for _, pid := range pids {
		t, err := cpuTicks(pid)
		if err != nil {
			return -1
		}
		sum += t
	}
	return sum
}

// clientTicks is this process's CPU plus the latest reported by child workers
// (in-process workers report this process's ticks, already counted).
func clientTicks(col *collector, inProcess bool) int64 {
	own, _ := cpuTicks(os.Getpid())
	if inProcess {
		return own
	}
	_, _, _, _, children := col.counters()
	return own + children
}

func loadUsers(cfg runConfig, n int) ([]account, string, error) {
	if cfg.Synthetic || cfg.TokensFile == "" {
		users := make([]account, n)
		for i := range users {
			id := syntheticUserID(i)
			claims := base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"` + id + `"}`))
			users[i] = account{ID: id, Email: "synthetic-" + strconv.Itoa(i) + "@load.fleetman.test", Token: "none." + claims + ".unsigned"}
		}
		return users, "none", nil
	}
	f, err := os.Open(cfg.TokensFile)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	res, err := seed.Read(f)
	if err != nil {
		return nil, "", err
	}
	if len(res.Users) < n {
		return nil, "", fmt.Errorf("%s holds %d users; %d needed (run fleetseed -users %d)", cfg.TokensFile, len(res.Users), n, n)
	}
	if res.Admin.Token == "" {
		return nil, "", fmt.Errorf("%s has no admin line", cfg.TokensFile)
	}
	users := make([]account, n)
	for i := range users {
		a := res.Users[i]
		users[i] = account{ID: a.UserID, Email: a.Email, Token: a.Token}
	}
	return users, res.Admin.Token, nil
}

// childEnv marks a process started by the tool itself, so that a test binary
// standing in for the tool runs the subcommand instead of the tests.
const childEnv = "FLEETLOAD_CHILD=1"

func selfCommand(args ...string) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv)
	cmd.Stderr = os.Stderr
	return cmd, nil
}

func startWorkerChild(wc workerConfig, col *collector, wg *sync.WaitGroup) (*exec.Cmd, io.Closer, error) {
	cmd, err := selfCommand("worker")
	if err != nil {
		return nil, nil, err
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start worker: %w", err)
	}
	if err := gob.NewEncoder(stdin).Encode(wc); err != nil {
		_ = cmd.Process.Kill()
		return nil, nil, fmt.Errorf("send worker config: %w", err)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		dec := gob.NewDecoder(stdout)
		for {
			var r workerReport
			if err := dec.Decode(&r); err != nil {
				return
			}
			col.add(r)
			if r.Done {
				_, _ = io.Copy(io.Discard, stdout)
				return
			}
		}
	}()
	return cmd, stdin, nil
}

// startRawChild runs `fleetload raw` as its own process (so that its memory
// and CPU are measured apart from the tool's) on a free loopback port.
func startRawChild(ctx context.Context, maxTime time.Duration) (base string, pid int, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", 0, nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd, err := selfCommand("raw", "-addr", addr, "-max-duration", maxTime.String())
	if err != nil {
		return "", 0, nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", 0, nil, fmt.Errorf("start raw server: %w", err)
	}
	stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && ctx.Err() == nil; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "http://" + addr, cmd.Process.Pid, stop, nil
		}
	}
	stop()
	return "", 0, nil, errors.New("raw server did not start listening")
}

// parseSources expands "127.0.0.2-127.0.0.9" or a comma list.
func parseSources(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a := net.ParseIP(lo).To4()
		if a == nil || !a.IsLoopback() {
			return nil, fmt.Errorf("source %q: want loopback IPv4 addresses (127.x.y.z)", part)
		}
		if !isRange {
			out = append(out, a.String())
			continue
		}
		b := net.ParseIP(hi).To4()
		if b == nil || !b.IsLoopback() || a[0] != b[0] || a[1] != b[1] || a[2] != b[2] || b[3] < a[3] {
			return nil, fmt.Errorf("source range %q: want e.g. 127.0.0.2-127.0.0.9", part)
		}
		for x := int(a[3]); x <= int(b[3]); x++ {
			out = append(out, net.IPv4(a[0], a[1], a[2], byte(x)).String())
		}
	}
	return out, nil
}
