package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fleetman/fleetman/apps/backend/cmd/fleetseed/seed"
)

// The reads (fleetload reads): what a store's size costs the two reads a
// client makes most, measured open-loop at a given rate for random users of
// the token file (issue 17, target 6):
//
//   - inbox: GET /api/v1/notifications (the first page, as the web app opens
//     it), from the request's due time to the whole answer read;
//   - replay: GET /api/v1/notifications/stream with a Last-Event-ID -back
//     notifications behind the user's newest (the id read from the user's
//     inbox before the measurement), from the due time to the unread-count
//     event that follows the replayed ones (the stream's session check, head,
//     lookup, the replay query and the count), then the stream is closed.
//
// Each phase runs -duration at -rate; a request that fails or (replay) brings
// fewer than -back notifications counts as an error.

type readsConfig struct {
	Target     string
	TokensFile string
	Users      int // of the token file; 0: all
	Sample     int // users the replay draws from (their ids are read first)
	Back       int
	Rate       float64
	Duration   time.Duration
	Conns      int
	Sources    []string
	Phases     []string
	Seed       uint64
	Log        io.Writer
}

type readsPhase struct {
	Name     string         `json:"name"`
	Rate     float64        `json:"rate"`
	Seconds  float64        `json:"seconds"`
	Requests int64          `json:"requests"`
	Errors   int64          `json:"errors"`
	ErrorOf  map[string]int `json:"errorKinds,omitempty"`
	Latency  latencySummary `json:"latencyMs"` // due time → answer read (replay: unread-count parsed)
}

type readsReport struct {
	Label        string       `json:"label"`
	Date         string       `json:"date"`
	Machine      machine      `json:"machine"`
	Users        int          `json:"users"`
	Sampled      int          `json:"replayUsers"`
	Back         int          `json:"replayBack"`
	LoadAvgStart string       `json:"loadAvgStart"`
	LoadAvgEnd   string       `json:"loadAvgEnd"`
	Phases       []readsPhase `json:"phases"`
}

func readsCommand(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("reads", flag.ContinueOnError)
	var cfg readsConfig
	fs.StringVar(&cfg.Target, "target", "", "FleetMan's base URL (loopback)")
	fs.StringVar(&cfg.TokensFile, "tokens", "", "token file written by fleetseed")
	fs.IntVar(&cfg.Users, "users", 0, "users of the token file to draw from (0: all)")
	fs.IntVar(&cfg.Sample, "sample", 2000, "users the replay draws from (each one's inbox is read first for its Last-Event-ID)")
	fs.IntVar(&cfg.Back, "back", 5, "the replay's Last-Event-ID is this many notifications behind the user's newest")
	fs.Float64Var(&cfg.Rate, "rate", 200, "requests per second, open loop, in each phase")
	fs.DurationVar(&cfg.Duration, "duration", 20*time.Second, "time per phase")
	fs.IntVar(&cfg.Conns, "conns", 64, "requests in flight at most (inbox: kept-alive connections)")
	phases := fs.String("phases", "inbox,replay", "phases to run, in order")
	sources := fs.String("sources", "127.0.0.2-127.0.0.9", "loopback source addresses for the replay's streams (each a new connection)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the user draw")
	label := fs.String("label", "", "name of this run in the report")
	jsonOut := fs.String("json", "", "write the report as JSON to this file")
	quiet := fs.Bool("q", false, "no progress lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.Target == "" || cfg.TokensFile == "" || cfg.Rate <= 0 || cfg.Back < 1 || cfg.Back > 99 || cfg.Sample < 1 || cfg.Conns < 1 {
		return errors.New("reads needs -target, -tokens, -rate > 0, 1 ≤ -back ≤ 99, -sample ≥ 1 and -conns ≥ 1")
	}
	cfg.Target = strings.TrimRight(cfg.Target, "/")
	if err := loopbackTarget(cfg.Target); err != nil || cfg.Target == "raw" {
		return fmt.Errorf("-target: want FleetMan's http(s)://127.x.y.z:port (%v)", err)
	}
	for p := range strings.SplitSeq(*phases, ",") {
		switch p = strings.TrimSpace(p); p {
		case "inbox", "replay":
			cfg.Phases = append(cfg.Phases, p)
		default:
			return fmt.Errorf("-phases: %q is neither inbox nor replay", p)
		}
	}
	var err error
	if cfg.Sources, err = parseSources(*sources); err != nil {
		return err
	}
	if !*quiet {
		cfg.Log = os.Stderr
	}
	rep, err := reads(ctx, cfg)
	if rep != nil {
		if *label != "" {
			rep.Label = *label
		}
		printReads(os.Stdout, rep)
		if *jsonOut != "" {
			if werr := writeJSON(*jsonOut, rep); werr != nil {
				return werr
			}
		}
	}
	return err
}

func (cfg *readsConfig) logf(format string, args ...any) {
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "fleetload reads: "+format+"\n", args...)
	}
}

// replayUser is a user the replay draws and the id its stream resumes after.
type replayUser struct {
	account
	after string
}

func reads(ctx context.Context, cfg readsConfig) (*readsReport, error) {
	n := cfg.Users
	if n <= 0 {
		f, err := os.Open(cfg.TokensFile)
		if err != nil {
			return nil, err
		}
		all, err := seed.Read(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		if n = len(all.Users); n == 0 {
			return nil, errors.New("reads: the token file has no users")
		}
	}
	users, _, err := loadUsers(runConfig{TokensFile: cfg.TokensFile}, n)
	if err != nil {
		return nil, err
	}
	rep := &readsReport{Label: "reads " + cfg.Target, Date: time.Now().UTC().Format(time.RFC3339), Machine: describeMachine(),
		Users: len(users), Back: cfg.Back, LoadAvgStart: loadAvg()}
	inbox := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Conns, MaxConnsPerHost: cfg.Conns}}
	defer inbox.CloseIdleConnections()
	rng := rand.New(rand.NewPCG(cfg.Seed, 11))

	var sample []replayUser
	if containsPhase(cfg.Phases, "replay") {
		if sample, err = replayUsers(ctx, inbox, cfg, users, rng); err != nil {
			return rep, err
		}
		rep.Sampled = len(sample)
		cfg.logf("%d users with more than %d notifications sampled for the replay", len(sample), cfg.Back)
	}
	for _, phase := range cfg.Phases {
		cfg.logf("%s at %.0f/s for %v", phase, cfg.Rate, cfg.Duration)
		var do func(context.Context, *rand.Rand, int) error
		switch phase {
		case "inbox":
			do = func(ctx context.Context, rng *rand.Rand, _ int) error {
				_, err := getInbox(ctx, inbox, cfg.Target, users[rng.IntN(len(users))].Token, 0)
				return err
			}
		case "replay":
			streams := make([]*http.Client, max(len(cfg.Sources), 1))
			for i := range streams {
				streams[i] = streamClient(cfg.Sources, i)
			}
			do = func(ctx context.Context, rng *rand.Rand, worker int) error {
				u := sample[rng.IntN(len(sample))]
				return replayOnce(ctx, streams[worker%len(streams)], cfg.Target, u.Token, u.after, cfg.Back)
			}
		}
		rep.Phases = append(rep.Phases, openLoop(ctx, phase, cfg.Rate, cfg.Duration, cfg.Conns, cfg.Seed, do))
		if ctx.Err() != nil {
			break
		}
	}
	rep.LoadAvgEnd = loadAvg()
	return rep, ctx.Err()
}

func containsPhase(phases []string, p string) bool {
	for _, q := range phases {
		if q == p {
			return true
		}
	}
	return false
}

// replayUsers draws cfg.Sample distinct users (fewer when the file has
// fewer) and reads each one's inbox for the id cfg.Back behind its newest;
// users with no more than cfg.Back notifications are left out.
func replayUsers(ctx context.Context, c *http.Client, cfg readsConfig, users []account, rng *rand.Rand) ([]replayUser, error) {
	order := rng.Perm(len(users))[:min(cfg.Sample, len(users))]
	out := make([]replayUser, 0, len(order))
	var mu sync.Mutex
	var firstErr error
	jobs := make(chan account)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				ids, err := getInbox(ctx, c, cfg.Target, u.Token, cfg.Back+1)
				mu.Lock()
				switch {
				case err != nil && firstErr == nil:
					firstErr = err
				case err == nil && len(ids) > cfg.Back:
					out = append(out, replayUser{account: u, after: ids[cfg.Back]})
				}
				mu.Unlock()
			}
		}()
	}
	for _, i := range order {
		jobs <- users[i]
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, fmt.Errorf("reads: inbox before the replay: %w", firstErr)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("reads: no sampled user has more than %d notifications", cfg.Back)
	}
	return out, nil
}

// getInbox reads a user's first inbox page (limit 0: the server's default)
// and returns its ids, newest first.
func getInbox(ctx context.Context, c *http.Client, base, token string, limit int) ([]string, error) {
	url := base + "/api/v1/notifications"
	if limit > 0 {
		url += "?limit=" + strconv.Itoa(limit)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, res.Body)
		return nil, fmt.Errorf("inbox: status %d", res.StatusCode)
	}
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := json.NewDecoder(res.Body).Decode(&page); err != nil {
		return nil, fmt.Errorf("inbox: %w", err)
	}
	ids := make([]string, len(page.Items))
	for i, it := range page.Items {
		ids[i] = it.ID
	}
	return ids, nil
}

// streamClient makes a new connection per stream (closed with it), from
// the i-th source address when there are any.
func streamClient(sources []string, i int) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	if len(sources) > 0 {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(sources[i%len(sources)])}
	}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
}

// replayOnce opens the user's stream after afterID, reads until the
// unread-count event that follows the replay, and closes it.
func replayOnce(ctx context.Context, c *http.Client, base, token, afterID string, want int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/notifications/stream", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Last-Event-ID", afterID)
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("stream: status %d", res.StatusCode)
	}
	got, err := readReplay(res.Body)
	if err != nil {
		return err
	}
	if got < want {
		return fmt.Errorf("replay: %d notifications, want %d", got, want)
	}
	return nil
}

// readReplay reads SSE events until the first unread-count and returns how
// many notification events came before it; a reset is an error.
func readReplay(r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	notifications := 0
	for sc.Scan() {
		name, ok := strings.CutPrefix(sc.Text(), "event:")
		if !ok {
			continue
		}
		switch strings.TrimSpace(name) {
		case "notification":
			notifications++
		case "reset":
			return notifications, errors.New("replay: reset (the Last-Event-ID is not held)")
		case "unread-count":
			return notifications, nil
		}
	}
	if err := sc.Err(); err != nil {
		return notifications, fmt.Errorf("replay: %w", err)
	}
	return notifications, errors.New("replay: the stream ended before unread-count")
}

// openLoop calls do at rate per second for d (request i is due at start +
// i/rate whatever the answers' pace) from conns workers, and records each
// call's latency from its due time.
func openLoop(ctx context.Context, name string, rate float64, d time.Duration, conns int, seed uint64,
	do func(context.Context, *rand.Rand, int) error) readsPhase {
	out := readsPhase{Name: name, Rate: rate, ErrorOf: map[string]int{}}
	hist := newHistogram()
	jobs := make(chan time.Time, 4096)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			for due := range jobs {
				err := do(ctx, rng, w)
				lat := time.Since(due)
				mu.Lock()
				out.Requests++
				if err != nil {
					out.Errors++
					out.ErrorOf[shortError(err)]++
				} else {
					hist.record(int64(lat))
				}
				mu.Unlock()
			}
		}()
	}
	start := time.Now()
	interval := time.Duration(float64(time.Second) / rate)
	for i := 0; ; i++ {
		due := start.Add(time.Duration(i) * interval)
		if due.Sub(start) >= d || ctx.Err() != nil {
			break
		}
		if wait := time.Until(due); wait > 0 {
			select {
			case <-time.After(wait):
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
	out.Seconds = time.Since(start).Seconds()
	out.Latency = hist.summary()
	if len(out.ErrorOf) == 0 {
		out.ErrorOf = nil
	}
	return out
}

func printReads(w io.Writer, r *readsReport) {
	fmt.Fprintf(w, "%s  %s  (%d CPUs, %s; load average %s at start, %s at end)\n", r.Label, r.Date, r.Machine.CPUs, r.Machine.Model,
		r.LoadAvgStart, r.LoadAvgEnd)
	fmt.Fprintf(w, "%d users; the replay resumes %d behind the newest of %d sampled users\n", r.Users, r.Back, r.Sampled)
	fmt.Fprintf(w, "%-7s %8s %9s %7s %9s %9s %9s %9s\n", "phase", "rate/s", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms")
	for _, p := range r.Phases {
		fmt.Fprintf(w, "%-7s %8.0f %9d %7d %9.2f %9.2f %9.2f %9.2f\n", p.Name, p.Rate, p.Requests, p.Errors,
			p.Latency.P50, p.Latency.P90, p.Latency.P99, p.Latency.Max)
		for k, v := range p.ErrorOf {
			fmt.Fprintf(w, "  error ×%d: %s\n", v, k)
		}
	}
}
