package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/url"
	"sync"
	"time"
)

// publisher sends the events of a phase open-loop: event i is due at
// start + i/rate whatever the server's pace, over a fixed set of kept-alive
// connections, each with one request in flight. A request is rendered and
// stamped (sentAtNs) right before it is written.
type publisher struct {
	tmpl     *requestTemplate
	targets  []string // base URLs; connection i goes to targets[i % len]
	conns    int
	pubToken string
	users    []account
	ledger   *ledger
	timeout  time.Duration
}

type account struct{ ID, Email, Token string }

type publishStats struct {
	Sent        int64            `json:"sent"`
	OK          int64            `json:"ok"`
	Errors      map[string]int64 `json:"errors,omitempty"`
	Seconds     float64          `json:"seconds"`
	RateOK      float64          `json:"okPerSecond"`
	RoundTrip   latencySummary   `json:"roundTripMs"`   // POST written → response read
	ScheduleLag latencySummary   `json:"scheduleLagMs"` // due time → written (the publisher falling behind)
}

func (p *publisher) run(ctx context.Context, lo, hi uint64, rate float64) publishStats {
	jobs := make(chan uint64, 4096)
	start := time.Now()
	interval := float64(time.Second) / rate
	due := func(seq uint64) time.Time { return start.Add(time.Duration(float64(seq-lo) * interval)) }

	type result struct {
		sent, ok int64
		errs     map[string]int64
		rtt, lag *histogram
	}
	results := make([]result, p.conns)
	var wg sync.WaitGroup
	for i := range p.conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := result{errs: map[string]int64{}, rtt: newHistogram(), lag: newHistogram()}
			pc := &pubConn{base: p.targets[i%len(p.targets)], timeout: p.timeout}
			defer pc.close()
			v := vars{Base: pc.base, PubToken: p.pubToken}
			for seq := range jobs {
				u := p.users[p.ledger.target[seq]]
				v.UserID, v.Token, v.Email, v.Seq = u.ID, u.Token, u.Email, seq
				now := time.Now()
				r.lag.record(int64(now.Sub(due(seq))))
				v.SentAtNs = now.UnixNano()
				r.sent++
				status, err := pc.do(p.tmpl, &v, p.ledger, seq)
				switch {
				case err != nil:
					r.errs[shortError(err)]++
				case status < 200 || status > 299:
					r.errs[fmt.Sprintf("status %d", status)]++
				default:
					p.ledger.markPublished(seq)
					r.ok++
				}
				r.rtt.record(int64(time.Since(now)))
			}
			results[i] = r
		}()
	}

	// The schedule: wake every half millisecond and release what is due.
	next := lo
schedule:
	for next < hi {
		n := uint64(float64(time.Since(start))/interval) + 1
		for next < hi && next-lo < n {
			select {
			case jobs <- next:
				next++
			case <-ctx.Done():
				break schedule
			}
		}
		if next < hi {
			select {
			case <-time.After(500 * time.Microsecond):
			case <-ctx.Done():
				break schedule
			}
		}
	}
	close(jobs)
	wg.Wait()

	st := publishStats{Errors: map[string]int64{}, Seconds: time.Since(start).Seconds()}
	rtt, lag := newHistogram(), newHistogram()
	for _, r := range results {
		st.Sent += r.sent
		st.OK += r.ok
		for k, v := range r.errs {
			st.Errors[k] += v
		}
		rtt.merge(r.rtt)
		lag.merge(r.lag)
	}
	st.RateOK = float64(st.OK) / st.Seconds
	st.RoundTrip, st.ScheduleLag = rtt.summary(), lag.summary()
	return st
}

// pubConn is one kept-alive HTTP/1.1 connection of the publisher.
type pubConn struct {
	base    string
	timeout time.Duration
	conn    net.Conn
	br      *bufio.Reader
	buf     []byte
	scratch []byte
}

func (c *pubConn) close() {
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
}

func (c *pubConn) do(t *requestTemplate, v *vars, l *ledger, seq uint64) (int, error) {
	var err error
	c.buf, c.scratch, err = t.render(c.buf[:0], c.scratch, v)
	if err != nil {
		return 0, err
	}
	if c.conn == nil {
		u, err := url.Parse(c.base)
		if err != nil {
			return 0, err
		}
		if c.conn, err = net.DialTimeout("tcp", u.Host, c.timeout); err != nil {
			return 0, err
		}
		if u.Scheme == "https" {
			tc := tlsClient(c.conn, u.Host)
			_ = tc.SetDeadline(time.Now().Add(c.timeout))
			if err := tc.Handshake(); err != nil {
				c.close()
				return 0, err
			}
			c.conn = tc
		}
		c.br = bufio.NewReaderSize(c.conn, 4096)
	}
	_ = c.conn.SetDeadline(time.Now().Add(c.timeout))
	l.markSent(seq)
	if _, err := c.conn.Write(c.buf); err != nil {
		c.close()
		return 0, err
	}
	h, err := readResponseHead(c.br)
	if err == nil {
		err = discardBody(c.br, h)
	}
	if err != nil || h.close {
		c.close()
	}
	return h.status, err
}
