package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/cmd/fleetseed/seed"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// TestMain lets the test binary stand in for the tool when the tool starts
// itself (worker processes, the raw server).
func TestMain(m *testing.M) {
	if os.Getenv("FLEETLOAD_CHILD") == "1" {
		if err := mainWith(os.Args[1:]); err != nil {
			os.Stderr.WriteString("fleetload child: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestHistogramQuantilesWithinOnePercent(t *testing.T) {
	h := newHistogram()
	rng := rand.New(rand.NewPCG(1, 2))
	vals := make([]int64, 100_000)
	for i := range vals {
		vals[i] = int64(rng.ExpFloat64() * float64(3*time.Millisecond))
		h.record(vals[i])
	}
	sorted := append([]int64(nil), vals...)
	slices.Sort(sorted)
	for _, q := range []float64{0.5, 0.9, 0.99, 0.999} {
		exact := sorted[int(math.Ceil(q*float64(len(sorted))))-1]
		got := h.quantile(q)
		if got < exact || float64(got-exact) > 0.01*float64(exact) {
			t.Errorf("q%.3f = %d, exact %d: off by more than 1%% (or below)", q, got, exact)
		}
	}
	if h.quantile(1) != sorted[len(sorted)-1] || h.max != sorted[len(sorted)-1] {
		t.Errorf("q1 = %d, max %d, want %d", h.quantile(1), h.max, sorted[len(sorted)-1])
	}

	// Small values are exact; buckets are contiguous and ordered.
	for v := range int64(5000) {
		b := bucketOf(v)
		if bucketHigh(b) < v || (b > 0 && bucketHigh(b-1) >= v) {
			t.Fatalf("value %d in bucket %d [.., %d], previous high %d", v, b, bucketHigh(b), bucketHigh(b-1))
		}
	}
	if bucketOf(math.MaxInt64) >= len(h.counts) {
		t.Fatal("largest value has no bucket")
	}

	// Merging two halves gives the same figures as one histogram.
	a, b := newHistogram(), newHistogram()
	for i, v := range vals {
		if i%2 == 0 {
			a.record(v)
		} else {
			b.record(v)
		}
	}
	a.merge(b)
	if a.summary() != h.summary() {
		t.Errorf("merged %+v, whole %+v", a.summary(), h.summary())
	}
	if (newHistogram()).summary() != (latencySummary{}) {
		t.Error("empty histogram has figures")
	}
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestTemplates(t *testing.T) {
	body, err := compileTemplate(`{"userId":"${userId}","seq":${seq},"at":"${sentAtNs}","cost":"$$5","x":"$"}`)
	if err != nil {
		t.Fatal(err)
	}
	got := string(body.render(nil, &vars{UserID: "u1", Seq: 42, SentAtNs: 1700000000123456789}))
	want := `{"userId":"u1","seq":42,"at":"1700000000123456789","cost":"$5","x":"$"}`
	if got != want {
		t.Errorf("render = %s\nwant     %s", got, want)
	}
	for _, bad := range []string{"${nope}", "${userId", "a ${} b"} {
		if _, err := compileTemplate(bad); err == nil {
			t.Errorf("compileTemplate(%q) accepted", bad)
		}
	}
	if !body.uses(varSeq) || body.uses(varToken) {
		t.Error("uses() is wrong")
	}

	rt, err := newRequestTemplate("POST", "${base}/api/v1/notifications?x=${slot}", []string{"Authorization: Bearer ${pubToken}"}, `{"u":"${userId}"}`)
	if err != nil {
		t.Fatal(err)
	}
	req, _, err := rt.render(nil, nil, &vars{Base: "http://127.0.0.1:8080", UserID: "abc", PubToken: "T", Slot: 3})
	if err != nil {
		t.Fatal(err)
	}
	wantReq := "POST /api/v1/notifications?x=3 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization: Bearer T\r\n" +
		"Content-Length: 11\r\n\r\n{\"u\":\"abc\"}"
	if string(req) != wantReq {
		t.Errorf("request = %q\nwant      %q", req, wantReq)
	}
	sub, _ := newRequestTemplate("GET", defaultSubURL, defaultSubHeaders, "")
	req, _, _ = sub.render(nil, nil, &vars{Base: "http://127.0.0.1:1", Token: "tok"})
	if !strings.HasSuffix(string(req), "Accept: text/event-stream\r\n\r\n") || !strings.Contains(string(req), "Bearer tok") {
		t.Errorf("stream request = %q", req)
	}
	if _, err := newRequestTemplate("GET", "x", []string{"no colon"}, ""); err == nil {
		t.Error("a header without a colon was accepted")
	}
}

func TestStreamEventsAndFieldExtraction(t *testing.T) {
	long := strings.Repeat("x", 10_000) // longer than the reader's buffer
	stream := "retry: 3000\n\n: heartbeat\n\nevent: connected\ndata: {}\n\n" +
		"event: notification\r\nid: 7\r\ndata: {\"metadata\":{\"loadSeq\":\"12\",\r\ndata: \"sentAtNs\": 99}}\r\n\r\n" +
		"data: " + long + "\n\n" +
		"event: partial\ndata: never finished"
	// The worker's loop: the one SSE parser fed straight from a bufio.Reader.
	type ev struct{ event, data string }
	var got []ev
	p := sse.Parser{OnRaw: func(e, d []byte) { got = append(got, ev{string(e), string(d)}) }}
	body := bufio.NewReaderSize(strings.NewReader(stream), 4096)
	for {
		if _, err := body.Peek(1); err != nil {
			break
		}
		chunk, _ := body.Peek(body.Buffered())
		p.Feed(chunk)
		_, _ = body.Discard(len(chunk))
	}
	want := []ev{{"connected", "{}"}, {"notification", "{\"metadata\":{\"loadSeq\":\"12\",\n\"sentAtNs\": 99}}"}, {"message", long}}
	if len(got) != len(want) {
		t.Fatalf("got %d events %q, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %.80q, want %.80q", i, got[i], want[i])
		}
	}

	for _, tc := range []struct {
		data string
		want uint64
		ok   bool
	}{
		{`{"loadSeq":12}`, 12, true},
		{`{"loadSeq": "12"}`, 12, true},
		{`{"pub":"{\"loadSeq\":\"12\"}"}`, 12, true},
		{`{"xloadSeq":5,"loadSeq":6}`, 6, true},
		{`{"loadSeqs":[1]}`, 0, false},
		{`{"loadSeq":"abc"}`, 0, false},
		{`{"note":"loadSeq"}`, 0, false},
	} {
		got, ok := numberAfter([]byte(tc.data), "loadSeq")
		if got != tc.want || ok != tc.ok {
			t.Errorf("numberAfter(%s) = %d, %v; want %d, %v", tc.data, got, ok, tc.want, tc.ok)
		}
	}
}

func TestResponseHead(t *testing.T) {
	br := bufio.NewReader(strings.NewReader("HTTP/1.1 201 Created\r\nTRANSFER-ENCODING: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
	h, err := readResponseHead(br)
	if err != nil || h.status != 201 || !h.chunked || !h.close || h.contentLength != -1 {
		t.Fatalf("head = %+v, %v", h, err)
	}
	if err := discardBody(br, h); err != nil {
		t.Fatal(err)
	}
	if _, err := readResponseHead(bufio.NewReader(strings.NewReader("SSH-2.0\r\n"))); err == nil {
		t.Error("a non-HTTP answer was accepted")
	}
}

func TestLedgerAccounting(t *testing.T) {
	// 6 events to users 0,1,2,0,1,2; two streams per user.
	l := newLedger([]uint32{0, 1, 2, 0, 1, 2}, 2)
	for seq := range uint64(6) {
		l.markSent(seq)
		if seq != 5 { // the publish of event 5 failed
			l.markPublished(seq)
		}
	}
	first := 0
	for _, r := range []receipt{
		{Seq: 0, User: 0, Slot: 0}, {Seq: 0, User: 0, Slot: 1}, // both streams
		{Seq: 1, User: 1, Slot: 0}, {Seq: 1, User: 1, Slot: 0}, // a duplicate; slot 1 lost
		{Seq: 2, User: 1, Slot: 0}, // misrouted (event 2 is for user 2): both of user 2's lost
		{Seq: 3, User: 0, Slot: 0}, {Seq: 3, User: 0, Slot: 1},
		{Seq: 4, User: 1, Slot: 1},                             // slot 0 lost
		{Seq: 5, User: 2, Slot: 0},                             // the failed publish arrived anyway
		{Seq: 9, User: 0, Slot: 0}, {Seq: 0, User: 0, Slot: 7}, // never sent; bad slot
	} {
		if l.receive(r) {
			first++
		}
	}
	if first != 7 {
		t.Errorf("first deliveries = %d, want 7", first)
	}
	got := l.tally(0, 6)
	want := tally{Published: 5, Expected: 10, Delivered: 6, Lost: 4, Unexpected: 1}
	if got != want {
		t.Errorf("tally = %+v\nwant    %+v", got, want)
	}
	if l.dups != 1 || l.misrouted != 1 || l.unknown != 2 {
		t.Errorf("dups %d misrouted %d unknown %d; want 1 1 2", l.dups, l.misrouted, l.unknown)
	}
	if got := l.tally(3, 5); got != (tally{Published: 2, Expected: 4, Delivered: 3, Lost: 1}) {
		t.Errorf("tally of [3,5) = %+v", got)
	}
}

func TestShortErrorDropsAddresses(t *testing.T) {
	err := fmt.Errorf("status line: %w", &net.OpError{Op: "read", Net: "tcp",
		Source: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2), Port: 40310}, Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 18084},
		Err: os.ErrDeadlineExceeded})
	if got := shortError(err); got != "status line: read i/o timeout" {
		t.Errorf("shortError = %q", got)
	}
}

func TestParseSources(t *testing.T) {
	got, err := parseSources("127.0.0.2-127.0.0.4,127.0.0.9")
	if err != nil || strings.Join(got, ",") != "127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.9" {
		t.Fatalf("parseSources = %v, %v", got, err)
	}
	for _, bad := range []string{"10.0.0.1", "127.0.0.5-127.0.0.2", "127.0.0.1-127.0.1.3", "nope"} {
		if _, err := parseSources(bad); err == nil {
			t.Errorf("parseSources(%q) accepted", bad)
		}
	}
	if loopbackTarget("http://10.1.2.3:80") == nil || loopbackTarget("https://10.1.2.3:443") == nil || loopbackTarget("ftp://127.0.0.1:1") == nil ||
		loopbackTarget("http://127.0.0.1:8080") != nil || loopbackTarget("https://127.0.0.1:18443") != nil {
		t.Error("loopbackTarget lets a non-loopback target through or refuses loopback")
	}
}

func testRunConfig(t *testing.T, target string, streams, perUser int) runConfig {
	t.Helper()
	sub, err := newRequestTemplate("GET", defaultSubURL, defaultSubHeaders, "")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := newRequestTemplate("POST", defaultPubURL, defaultPubHeaders, defaultPubBody)
	if err != nil {
		t.Fatal(err)
	}
	sources, _ := parseSources("127.0.0.2-127.0.0.4")
	cfg := runConfig{Label: t.Name(), Targets: []string{target}, Streams: streams, PerUser: perUser, Sources: sources,
		PerWorker: 20, Sub: sub, Pub: pub, PubConns: 4, Rates: []float64{200, 400}, Duration: 500 * time.Millisecond,
		Drain: 5 * time.Second, Settle: 50 * time.Millisecond, ConnectTimeout: 20 * time.Second, MaxTime: time.Minute,
		ReadyOn: "event", Event: "notification", SeqKey: "loadSeq", SentKey: "sentAtNs", Seed: 7}
	if testing.Verbose() {
		cfg.Log = os.Stderr
	}
	return cfg
}

func checkRun(t *testing.T, rep *runReport, streams int) {
	t.Helper()
	var out strings.Builder
	printReport(&out, rep)
	t.Log("\n" + out.String())
	if rep.Streams.Connected != int64(streams) || rep.Streams.Failed != 0 || rep.Streams.Dropped != 0 {
		t.Fatalf("streams: %+v", rep.Streams)
	}
	if len(rep.Phases) != 2 {
		t.Fatalf("%d phases, want 2", len(rep.Phases))
	}
	for _, p := range rep.Phases {
		wantEvents := int64(p.Rate * 0.5)
		if p.Tally.Published != wantEvents || p.Tally.Lost != 0 || p.Tally.Delivered != p.Tally.Expected ||
			p.Duplicates != 0 || p.Misrouted != 0 || p.Unknown != 0 || p.Tally.Unexpected != 0 {
			t.Errorf("at %.0f/s: tally %+v dups %d misrouted %d unknown %d; want %d published, nothing lost",
				p.Rate, p.Tally, p.Duplicates, p.Misrouted, p.Unknown, wantEvents)
		}
		if p.Latency.Count != uint64(p.Tally.Delivered) || p.Latency.P50 <= 0 || p.Latency.P99 < p.Latency.P50 {
			t.Errorf("at %.0f/s: latency %+v", p.Rate, p.Latency)
		}
	}
}

// The whole tool against its own raw server, as separate processes: the raw
// server and two workers (PerWorker 20 for 36 streams).
func TestRunAgainstRawServerWithWorkerProcesses(t *testing.T) {
	cfg := testRunConfig(t, "raw", 36, 2)
	rep, err := run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkRun(t, rep, 36)
	if rep.Streams.Workers != 2 || len(rep.Servers) != 1 || rep.Servers[0].RSSAfterKB <= 0 {
		t.Errorf("workers %d, servers %+v", rep.Streams.Workers, rep.Servers)
	}
	if rep.Phases[0].ServerCPU < 0 || rep.Phases[0].ClientCPU <= 0 {
		t.Errorf("cpu: server %.2f client %.2f", rep.Phases[0].ServerCPU, rep.Phases[0].ClientCPU)
	}

	// The report survives JSON, and compare lines it up against itself.
	path := filepath.Join(t.TempDir(), "raw.json")
	if err := writeJSON(path, rep); err != nil {
		t.Fatal(err)
	}
	back, err := readReport(path)
	if err != nil || back.Phases[1].Tally != rep.Phases[1].Tally {
		t.Fatalf("read back: %v", err)
	}
	var out strings.Builder
	compareReports(&out, []string{"a", "b"}, []*runReport{rep, back})
	if !strings.Contains(out.String(), "@400/s p99 ms") || !strings.Contains(out.String(), "1.00×") {
		t.Errorf("compare:\n%s", out.String())
	}
}

// The tool against the real application (the same composition root as main,
// on a SQLite file seeded by fleetseed's code), streams held in process.
func TestRunAgainstFleetMan(t *testing.T) {
	env, tokens := seededStore(t, 15, nil)
	srv := testkit.NewServer(t, testkit.WithEnv(env))
	rc := testRunConfig(t, srv.URL, 30, 2)
	rc.TokensFile = tokens
	rc.InProcess = true
	rep, err := run(context.Background(), rc)
	if err != nil {
		t.Fatal(err)
	}
	checkRun(t, rep, 30)
}

// seededStore seeds users accounts (and the admin) into a new SQLite file with
// fleetseed's code and returns the server's environment (extra added) and
// the token file.
func seededStore(t *testing.T, users int, extra map[string]string) (map[string]string, string) {
	t.Helper()
	dir := t.TempDir()
	env := map[string]string{"SQLITE_PATH": filepath.Join(dir, "fleetman.db"), "JWT_SECRET": testkit.Secret,
		"BCRYPT_COST": "4", "ADMIN_EMAILS": "load-admin@load.fleetman.test"}
	for k, v := range extra {
		env[k] = v
	}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	res, err := seed.Seed(context.Background(), cfg, seed.Options{Users: users}, discardLog())
	if err != nil {
		t.Fatal(err)
	}
	tokens := filepath.Join(dir, "tokens.tsv")
	f, err := os.Create(tokens)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Write(f, res); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return env, tokens
}
