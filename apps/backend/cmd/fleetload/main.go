// Command fleetload measures a Server-Sent Events hub under load: how many
// authenticated streams it holds, the server's memory per stream, and
// publish→receive latency, throughput, losses and duplicates at a given
// publish rate. Both ends are templates, so the same load can be pointed at
// FleetMan, at the raw ceiling server built in (`fleetload raw`) or at another
// hub, and the runs compared side by side (`fleetload compare`).
//
//	fleetload run -target http://127.0.0.1:8080 -server-pid 1234 -tokens tokens.tsv \
//	    -streams 10000 -rates 2000,4000,8000 -duration 20s -json fleetman.json
//	fleetload run -target raw -streams 10000 -rates 2000,4000,8000 -json raw.json
//	fleetload compare raw.json fleetman.json
//	fleetload run -target raw -streams 10000 -search 25 -json raw-search.json
//	fleetload run ... -search 100 -pub-batch 500 -json fleetman-batch.json
//	fleetload reads -target http://127.0.0.1:8080 -tokens tokens.tsv -rate 200 -duration 20s -back 5
//	fleetload tokens -centrifugo-secret S -api-key K -users 10000 -out centrifugo.tokens
//
// Streams are spread over loopback source addresses (-sources) so that their
// number can pass one address's ephemeral port range, and over worker
// processes (-per-worker) so that it can pass one process's open-file limit.
// See BENCHMARKS.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := mainWith(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "fleetload:", err)
		os.Exit(1)
	}
}

const usage = `usage: fleetload <command> [flags]
  run      open streams, publish, measure (fleetload run -h)
  raw      the raw ceiling server (fleetload raw -h)
  storm    a reconnect storm: FleetMan restarted under N streams (fleetload storm -h)
  reads    p99 of the inbox page and of the stream's replay, open loop (fleetload reads -h)
  compare  line up run reports (JSON) as ratios to the first
  tokens   a token file of connection JWTs for Centrifugo (fleetload tokens -h)
  worker   (internal) a child process holding streams`

func mainWith(args []string) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "run":
		return runCommand(ctx, args[1:])
	case "raw":
		return rawCommand(ctx, args[1:])
	case "storm":
		return stormCommand(ctx, args[1:])
	case "reads":
		return readsCommand(ctx, args[1:])
	case "tokens":
		return tokensCommand(args[1:])
	case "worker":
		return workerMain()
	case "compare":
		if len(args) < 3 {
			return errors.New("usage: fleetload compare base.json other.json [more.json]")
		}
		var reps []*runReport
		var names []string
		for _, p := range args[1:] {
			r, err := readReport(p)
			if err != nil {
				return err
			}
			reps = append(reps, r)
			names = append(names, r.Label)
		}
		compareReports(os.Stdout, names, reps)
		return nil
	}
	return errors.New(usage)
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, "; ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// defaultSources are a hundred loopback addresses: at 10,000–19,000 streams
// at most 190 clients share one, under the server's per-client connection cap
// (HTTP_MAX_CONNS_PER_CLIENT, 256) — as many as behind one office's NAT. With
// eight, 1,250 streams shared each address, and after a restart, when every
// stream of an address connects at once, the cap refused most of them (429)
// and sent them round their retry again: a storm the load tool made.
const defaultSources = "127.0.0.2-127.0.0.101"

// Defaults: FleetMan's API (docs/api.md).
const (
	defaultSubURL = "${base}/api/v1/notifications/stream"
	defaultPubURL = "${base}/api/v1/notifications"
	// defaultBatchURL takes up to 1,000 of defaultPubBody in {"items":[...]}.
	defaultBatchURL = "${base}/api/v1/notifications/batch"
	defaultPubBody  = `{"userId":"${userId}","type":"SYSTEM","title":"load.title","message":"load.message",` +
		`"metadata":{"loadSeq":"${seq}","sentAtNs":"${sentAtNs}"}}`
)

var (
	defaultSubHeaders = []string{"Authorization: Bearer ${token}", "Accept: text/event-stream"}
	defaultPubHeaders = []string{"Authorization: Bearer ${pubToken}", "Content-Type: application/json"}
)

func runCommand(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var cfg runConfig
	var subHeaders, pubHeaders listFlag
	target := fs.String("target", "raw", `base URL(s) of the hub, comma-separated (streams and publishes spread over them), or "raw" to start the raw ceiling server`)
	pids := fs.String("server-pid", "", "pid(s) of the server process(es), one per target, for RSS and CPU")
	fs.StringVar(&cfg.Label, "label", "", "name of this run in reports (default: the target)")
	fs.StringVar(&cfg.TokensFile, "tokens", "", "token file written by fleetseed (none: synthetic users with unsigned tokens, for the raw server)")
	fs.IntVar(&cfg.Streams, "streams", 1000, "streams to open")
	fs.IntVar(&cfg.PerUser, "streams-per-user", 1, "streams per user (users = streams / this)")
	sources := fs.String("sources", defaultSources, "loopback source addresses for the streams (range or comma list; empty: the kernel's choice)")
	fs.IntVar(&cfg.PerWorker, "per-worker", 9000, "streams per worker process (each process may hold 20,000 open files)")
	fs.BoolVar(&cfg.InProcess, "inproc", false, "hold the streams in this process instead of worker processes")
	subURL := fs.String("sub-url", defaultSubURL, "subscribe URL template")
	fs.Var(&subHeaders, "sub-header", "subscribe header template \"Name: value\" (repeatable; replaces the defaults)")
	pubURL := fs.String("pub-url", defaultPubURL, "publish URL template")
	pubMethod := fs.String("pub-method", "POST", "publish method")
	fs.Var(&pubHeaders, "pub-header", "publish header template (repeatable; replaces the defaults)")
	pubBody := fs.String("pub-body", defaultPubBody, "publish body template; it must carry ${seq} and ${sentAtNs} under -seq-key and -sent-key")
	fs.IntVar(&cfg.PubConns, "pub-conns", 256, "publishing connections (one request in flight each)")
	rates := fs.String("rates", "1000", "publish rates (events/s), comma-separated, run in turn on the same streams")
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, "publishing time per rate")
	fs.DurationVar(&cfg.Drain, "drain", 5*time.Second, "longest wait for deliveries after publishing stops")
	fs.DurationVar(&cfg.Settle, "settle", 3*time.Second, "wait after the streams open, before reading the server's RSS")
	fs.DurationVar(&cfg.ConnectTimeout, "connect-timeout", 3*time.Minute, "longest wait for the streams to open")
	fs.DurationVar(&cfg.MaxTime, "max-time", 20*time.Minute, "the run stops by itself after this")
	fs.StringVar(&cfg.ReadyOn, "ready-on", "event", `a stream is ready at its first event ("event") or at a 200 response ("headers")`)
	fs.StringVar(&cfg.Event, "event", "notification", "SSE event type that carries published events (empty: any)")
	fs.StringVar(&cfg.SeqKey, "seq-key", "loadSeq", "JSON key of the sequence number in the event data")
	fs.StringVar(&cfg.SentKey, "sent-key", "sentAtNs", "JSON key of the publish timestamp (Unix ns) in the event data")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the recipient draw")
	fs.Float64Var(&cfg.WarmupRate, "warmup-rate", 0, "first run one phase of -duration at this rate, reported as a warm-up and not judged (0: none)")
	fs.Float64Var(&cfg.Search.P99Ms, "search", 0, "instead of -rates, find the highest rate whose p99 stays at or under this many ms (0: off)")
	fs.Float64Var(&cfg.Search.From, "search-from", 1000, "the search's first rate (doubled while it passes)")
	fs.Float64Var(&cfg.Search.Max, "search-max", 64000, "the search's highest rate")
	fs.IntVar(&cfg.Search.Steps, "search-steps", 10, "most phases a search runs")
	fs.IntVar(&cfg.Search.MinEvents, "search-min-events", 2000, "the fewest events of a search step (a slow step is held longer than -duration)")
	fs.Float64Var(&cfg.Search.Precision, "search-precision", 0.1, "the search stops when the lowest failing rate is within this fraction above the best passing one")
	fs.IntVar(&cfg.Batch, "pub-batch", 1, "events per publish request; over 1, -pub-body is one item of a batch body {\"items\":[...]} and the default -pub-url is "+defaultBatchURL)
	jsonOut := fs.String("json", "", "write the report as JSON to this file")
	quiet := fs.Bool("q", false, "no progress lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(subHeaders) == 0 {
		subHeaders = defaultSubHeaders
	}
	if len(pubHeaders) == 0 {
		pubHeaders = defaultPubHeaders
	}
	if cfg.Batch < 1 || cfg.Batch > 1000 {
		return errors.New("-pub-batch must be 1 to 1000")
	}
	if cfg.Batch > 1 && *pubURL == defaultPubURL {
		*pubURL = defaultBatchURL
	}
	if cfg.Search.on() && (cfg.Search.From <= 0 || cfg.Search.Max < cfg.Search.From || cfg.Search.Steps < 1) {
		return errors.New("-search needs 0 < -search-from ≤ -search-max and -search-steps ≥ 1")
	}
	var err error
	if cfg.Sub, err = newRequestTemplate("GET", *subURL, subHeaders, ""); err != nil {
		return err
	}
	if cfg.Pub, err = newRequestTemplate(*pubMethod, *pubURL, pubHeaders, *pubBody); err != nil {
		return err
	}
	if !cfg.Pub.body.uses(varSeq) || !cfg.Pub.body.uses(varSentAtNs) {
		return errors.New("-pub-body must carry ${seq} and ${sentAtNs}")
	}
	for t := range strings.SplitSeq(*target, ",") {
		cfg.Targets = append(cfg.Targets, strings.TrimRight(strings.TrimSpace(t), "/"))
	}
	for _, t := range cfg.Targets {
		if err := loopbackTarget(t); err != nil {
			return err
		}
	}
	if *pids != "" {
		for p := range strings.SplitSeq(*pids, ",") {
			pid, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil {
				return fmt.Errorf("-server-pid %q: %w", p, err)
			}
			cfg.ServerPIDs = append(cfg.ServerPIDs, pid)
		}
	}
	if cfg.Sources, err = parseSources(*sources); err != nil {
		return err
	}
	for r := range strings.SplitSeq(*rates, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(r), 64)
		if err != nil || v <= 0 {
			return fmt.Errorf("-rates: %q is not a positive number", r)
		}
		cfg.Rates = append(cfg.Rates, v)
	}
	if cfg.Label == "" {
		cfg.Label = *target
	}
	if cfg.PerWorker < 1 || cfg.PubConns < 1 {
		return errors.New("-per-worker and -pub-conns must be positive")
	}
	if !*quiet {
		cfg.Log = os.Stderr
	}
	rep, err := run(ctx, cfg)
	if rep != nil {
		printReport(os.Stdout, rep)
		if *jsonOut != "" {
			if werr := writeJSON(*jsonOut, rep); werr != nil {
				return werr
			}
		}
	}
	return err
}

// loopbackTarget refuses anything but http(s)://127.x.y.z:port: the tool is
// for this machine's loopback only (https: a local proxy, certificate not checked).
func loopbackTarget(t string) error {
	if t == "raw" {
		return nil
	}
	rest, ok := strings.CutPrefix(t, "http://")
	if !ok {
		rest, ok = strings.CutPrefix(t, "https://")
	}
	if !ok {
		return fmt.Errorf("target %q: want http(s)://127.x.y.z:port or raw", t)
	}
	host, _, err := net.SplitHostPort(strings.SplitN(rest, "/", 2)[0])
	if err != nil {
		return fmt.Errorf("target %q: %w", t, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("target %q: only loopback hosts are allowed", t)
	}
	return nil
}

func rawCommand(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("raw", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:9090", "listen address (loopback)")
	maxDuration := fs.Duration("max-duration", time.Hour, "the server stops by itself after this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q: want a loopback host:port", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *maxDuration)
	defer cancel()
	fmt.Fprintf(os.Stderr, "fleetload raw: listening on http://%s (pid %d)\n", ln.Addr(), os.Getpid())
	return newRawServer(ln).serve(ctx)
}
