package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/gob"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
)

// A worker holds a share of the streams (in this process or in a child
// process, so that the tool can pass one process's open-file limit), parses
// their events and reports receipts to the coordinator.

type streamSpec struct {
	User    uint32 // index into the run's users
	Slot    uint16 // index among that user's streams
	Addr    string // host:port to dial
	Source  string // local IP to dial from ("" = any)
	Request []byte // the rendered HTTP request
	TLS     bool   // https: a TLS handshake first (HTTP/1.1 over it)
}

// tlsClient wraps a loopback connection in TLS without verifying the
// certificate: the targets are this machine's own proxies with self-signed
// certificates. ALPN offers HTTP/1.1 only, which is what the tool speaks.
func tlsClient(conn net.Conn, addr string) *tls.Conn {
	host, _, _ := net.SplitHostPort(addr)
	return tls.Client(conn, &tls.Config{ServerName: host, InsecureSkipVerify: true, NextProtos: []string{"http/1.1"}})
}

type workerConfig struct {
	ID          int
	Streams     []streamSpec
	ReadyOn     string // "event": first SSE event; "headers": a 200 response
	Event       string // only events of this type carry receipts ("" = any)
	SeqKey      string
	SentKey     string
	Concurrency int           // connection attempts in flight
	DialTimeout time.Duration // per attempt, to readiness
	MaxDuration time.Duration // the worker stops by itself after this
}

type receipt struct {
	Seq    uint64
	User   uint32
	Slot   uint16
	SentNs int64 // publish timestamp read from the event
	RecvNs int64 // wall clock when the event was parsed
}

// workerReport is sent every reportInterval; counters are cumulative.
type workerReport struct {
	Worker    int
	Connected int64 // streams that became ready
	Failed    int64 // streams that never became ready
	Dropped   int64 // ready streams that ended before the stop
	Other     int64 // events without a receipt (connected, unread-count, ...)
	Errors    map[string]int64
	Receipts  []receipt
	CPUTicks  int64 // the worker process's user+system ticks (child processes)
	Done      bool
}

const reportInterval = 100 * time.Millisecond

type worker struct {
	cfg       workerConfig
	connected atomic.Int64
	failed    atomic.Int64
	dropped   atomic.Int64
	other     atomic.Int64
	stopping  atomic.Bool

	mu       sync.Mutex
	receipts []receipt
	errors   map[string]int64
	conns    map[net.Conn]struct{}
}

// runWorker opens the streams and reports until ctx ends or MaxDuration
// passes, then closes them and sends a final report with Done set.
func runWorker(ctx context.Context, cfg workerConfig, report func(workerReport) error) error {
	if cfg.MaxDuration <= 0 {
		cfg.MaxDuration = 30 * time.Minute
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 256
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.MaxDuration)
	defer cancel()
	w := &worker{cfg: cfg, errors: map[string]int64{}, conns: map[net.Conn]struct{}{}}

	var wg sync.WaitGroup
	sem := make(chan struct{}, cfg.Concurrency)
	go func() {
		for _, s := range cfg.Streams {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.stream(ctx, s, sem)
			}()
		}
	}()

	tick := time.NewTicker(reportInterval)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if err := report(w.snapshot(false)); err != nil {
				cancel()
				w.closeAll()
				return err
			}
		case <-ctx.Done():
			w.closeAll()
			wg.Wait()
			return report(w.snapshot(true))
		}
	}
}

func (w *worker) closeAll() {
	w.stopping.Store(true)
	w.mu.Lock()
	defer w.mu.Unlock()
	for c := range w.conns {
		c.Close()
	}
	clear(w.conns)
}

func (w *worker) snapshot(done bool) workerReport {
	w.mu.Lock()
	rs := w.receipts
	w.receipts = nil
	errs := make(map[string]int64, len(w.errors))
	for k, v := range w.errors {
		errs[k] = v
	}
	w.mu.Unlock()
	ticks, _ := cpuTicks(os.Getpid())
	return workerReport{Worker: w.cfg.ID, Connected: w.connected.Load(), Failed: w.failed.Load(),
		Dropped: w.dropped.Load(), Other: w.other.Load(), Errors: errs, Receipts: rs, CPUTicks: ticks, Done: done}
}

func (w *worker) fail(kind string, err error) {
	msg := kind
	if err != nil {
		msg += ": " + shortError(err)
	}
	w.mu.Lock()
	w.errors[msg]++
	w.mu.Unlock()
}

var addrPair = regexp.MustCompile(`(tcp[46]? )?[0-9a-f.:\[\]]+:[0-9]+->[0-9a-f.:\[\]]+:[0-9]+:? ?`)

// shortError drops addresses from an error so that one kind counts once.
func shortError(err error) string {
	return addrPair.ReplaceAllString(err.Error(), "")
}

func (w *worker) stream(ctx context.Context, s streamSpec, sem chan struct{}) {
	released := false
	release := func() {
		if !released {
			released = true
			<-sem
		}
	}
	defer release()
	ready := false
	markReady := func() {
		if !ready {
			ready = true
			w.connected.Add(1)
			release()
		}
	}
	d := net.Dialer{Timeout: w.cfg.DialTimeout}
	if s.Source != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(s.Source)}
	}
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		w.failed.Add(1)
		w.fail("dial", err)
		return
	}
	w.mu.Lock()
	if w.stopping.Load() {
		w.mu.Unlock()
		conn.Close()
		w.failed.Add(1)
		return
	}
	w.conns[conn] = struct{}{}
	w.mu.Unlock()
	raw := conn // the key in w.conns; conn may become its TLS client below
	defer func() {
		w.mu.Lock()
		delete(w.conns, raw)
		w.mu.Unlock()
		conn.Close()
	}()

	_ = conn.SetDeadline(time.Now().Add(w.cfg.DialTimeout))
	if s.TLS {
		tc := tlsClient(conn, s.Addr)
		if err := tc.HandshakeContext(ctx); err != nil {
			w.failed.Add(1)
			w.fail("tls handshake", err)
			return
		}
		conn = tc
	}
	if _, err := conn.Write(s.Request); err != nil {
		w.failed.Add(1)
		w.fail("write request", err)
		return
	}
	br := bufio.NewReaderSize(conn, 4096)
	head, err := readResponseHead(br)
	if err != nil {
		w.failed.Add(1)
		w.fail("response", err)
		return
	}
	if head.status != 200 {
		w.failed.Add(1)
		w.fail(fmt.Sprintf("status %d", head.status), nil)
		return
	}
	if w.cfg.ReadyOn == "headers" {
		_ = conn.SetDeadline(time.Time{})
		markReady()
	}
	body := br
	if head.chunked || head.contentLength >= 0 {
		body = bufio.NewReaderSize(bodyReader(br, head), 4096)
	}
	// The events are parsed by the project's one SSE parser, straight out
	// of the reader's buffer (no copy, no allocation per event).
	p := sse.Parser{OnRaw: func(event, data []byte) {
		now := time.Now().UnixNano()
		if !ready {
			_ = conn.SetDeadline(time.Time{})
			markReady()
		}
		if w.cfg.Event != "" && string(event) != w.cfg.Event {
			w.other.Add(1)
			return
		}
		seq, ok1 := numberAfter(data, w.cfg.SeqKey)
		sent, ok2 := numberAfter(data, w.cfg.SentKey)
		if !ok1 || !ok2 {
			w.other.Add(1)
			return
		}
		w.mu.Lock()
		w.receipts = append(w.receipts, receipt{Seq: seq, User: s.User, Slot: s.Slot, SentNs: int64(sent), RecvNs: now})
		w.mu.Unlock()
	}}
	for {
		if _, err := body.Peek(1); err != nil {
			switch {
			case !ready:
				w.failed.Add(1)
				w.fail("before the first event", err)
			case !w.stopping.Load() && ctx.Err() == nil:
				w.dropped.Add(1)
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				w.fail("stream ended", err)
			}
			return
		}
		chunk, _ := body.Peek(body.Buffered())
		p.Feed(chunk)
		_, _ = body.Discard(len(chunk))
	}
}

// workerMain is the child process: the config arrives on stdin (gob), reports
// leave on stdout (gob); the worker stops when stdin closes or its time is up.
func workerMain() error {
	dec := gob.NewDecoder(os.Stdin)
	var cfg workerConfig
	if err := dec.Decode(&cfg); err != nil {
		return fmt.Errorf("worker: read config: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin) // EOF: the coordinator is done (or gone)
		cancel()
	}()
	out := bufio.NewWriterSize(os.Stdout, 64*1024)
	enc := gob.NewEncoder(out)
	return runWorker(ctx, cfg, func(r workerReport) error {
		if err := enc.Encode(r); err != nil {
			return err
		}
		return out.Flush()
	})
}
