package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
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
//
// With batch > 1 each request carries batch consecutive events (the body
// template is then one item, rendered per event inside batchWrap) and is due
// when its first event is; all its events share its sentAtNs.
type publisher struct {
	tmpl     *requestTemplate
	targets  []string // base URLs; connection i goes to targets[i % len]
	conns    int
	pubToken string
	users    []account
	ledger   *ledger
	timeout  time.Duration
	batch    int // events per request; 0 or 1: one
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
	step := uint64(max(p.batch, 1))
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
				end := min(seq+step, hi)
				u := p.users[p.ledger.target[seq]]
				v.UserID, v.Token, v.Email, v.Seq = u.ID, u.Token, u.Email, seq
				now := time.Now()
				r.lag.record(int64(now.Sub(due(seq))))
				v.SentAtNs = now.UnixNano()
				r.sent += int64(end - seq)
				var status int
				var err error
				var body []byte
				if step == 1 {
					status, err = pc.do(p.tmpl, &v, p.ledger, seq)
				} else {
					status, body, err = pc.doBatch(p.tmpl, &v, p.ledger, p.users, seq, end)
				}
				switch {
				case err != nil:
					r.errs[shortError(err)]++
				case status < 200 || status > 299:
					r.errs[fmt.Sprintf("status %d", status)]++
				case step == 1:
					p.ledger.markPublished(seq)
					r.ok++
				default:
					ok, failed := batchCreated(body, int(end-seq))
					for i, created := range ok {
						if created {
							p.ledger.markPublished(seq + uint64(i))
							r.ok++
						}
					}
					if failed > 0 {
						r.errs["batch item not created"] += int64(failed)
					}
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
				next += step
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
	body    []byte // the last kept answer
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
	l.markSent(seq)
	status, _, err := c.roundTrip(false)
	return status, err
}

// doBatch sends the events lo..hi-1 in one request (the body template
// rendered for each, inside batchWrap) and returns the response body.
func (c *pubConn) doBatch(t *requestTemplate, v *vars, l *ledger, users []account, lo, hi uint64) (int, []byte, error) {
	var err error
	c.buf, c.scratch, err = t.renderBatch(c.buf[:0], c.scratch, v, int(hi-lo), func(k int, v *vars) {
		u := users[l.target[lo+uint64(k)]]
		v.UserID, v.Token, v.Email, v.Seq = u.ID, u.Token, u.Email, lo+uint64(k)
	})
	if err != nil {
		return 0, nil, err
	}
	for s := lo; s < hi; s++ {
		l.markSent(s)
	}
	return c.roundTrip(true)
}

// roundTrip writes c.buf and reads the answer, keeping its body when keep.
func (c *pubConn) roundTrip(keep bool) (int, []byte, error) {
	if c.conn == nil {
		u, err := url.Parse(c.base)
		if err != nil {
			return 0, nil, err
		}
		if c.conn, err = net.DialTimeout("tcp", u.Host, c.timeout); err != nil {
			return 0, nil, err
		}
		if u.Scheme == "https" {
			tc := tlsClient(c.conn, u.Host)
			_ = tc.SetDeadline(time.Now().Add(c.timeout))
			if err := tc.Handshake(); err != nil {
				c.close()
				return 0, nil, err
			}
			c.conn = tc
		}
		c.br = bufio.NewReaderSize(c.conn, 4096)
	}
	_ = c.conn.SetDeadline(time.Now().Add(c.timeout))
	if _, err := c.conn.Write(c.buf); err != nil {
		c.close()
		return 0, nil, err
	}
	h, err := readResponseHead(c.br)
	var body []byte
	if err == nil {
		if keep {
			body, err = readBody(c.br, h, c.body[:0])
			c.body = body
		} else {
			err = discardBody(c.br, h)
		}
	}
	if err != nil || h.close {
		c.close()
	}
	return h.status, body, err
}

// batchCreated reads which items of a batch answer (FleetMan's
// {"results":[{"index","status"},...]}) were created (status 201), and how
// many were not. The usual answer, every item created, is told by counting.
func batchCreated(body []byte, n int) ([]bool, int) {
	ok := make([]bool, n)
	if bytes.Count(body, []byte(`"status":201`)) == n {
		for i := range ok {
			ok[i] = true
		}
		return ok, 0
	}
	var ans struct {
		Results []struct {
			Index  int `json:"index"`
			Status int `json:"status"`
		} `json:"results"`
	}
	if json.Unmarshal(body, &ans) != nil {
		return ok, n
	}
	created := 0
	for _, r := range ans.Results {
		if r.Status == 201 && r.Index >= 0 && r.Index < n {
			ok[r.Index] = true
			created++
		}
	}
	return ok, n - created
}
