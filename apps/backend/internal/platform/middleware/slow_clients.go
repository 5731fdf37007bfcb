package middleware

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
)

// BodyDeadline gives a request with a body d to send all of it, plus the
// time its announced length takes at minRate bytes a second (a 10 MiB
// document file at 64 KiB/s: d + 160 s; a JSON body: d): the connection's
// read deadline is set before the handler reads and cleared once the body
// has been read (so a slow handler is not cut off). A body dripped slower is
// cut: the read fails, the request answers 408 and the connection closes.
// Requests without a body (GETs, the event stream) are left alone: their
// connection has no deadline beyond the server's own. The next request on
// the connection gets net/http's own header deadline.
func BodyDeadline(d time.Duration, minRate int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		r := c.Request
		if d <= 0 || r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
			c.Next()
			return
		}
		rc := http.NewResponseController(c.Writer)
		if err := rc.SetReadDeadline(time.Now().Add(bodyAllowance(d, minRate, r.ContentLength))); err != nil { // not a net/http connection (tests' recorders)
			c.Next()
			return
		}
		// The deadline is cleared only once the body has been read to its
		// end: what a handler leaves unread is drained by net/http after it,
		// and that drain must be cut by the same deadline.
		r.Body = &deadlineBody{ReadCloser: r.Body, clear: func() { _ = rc.SetReadDeadline(time.Time{}) }}
		c.Next()
	}
}

// bodyAllowance is how long a body of length bytes (-1: unknown) may take.
func bodyAllowance(d time.Duration, minRate, length int64) time.Duration {
	if minRate <= 0 || length <= 0 {
		return d
	}
	return d + time.Duration(float64(length)/float64(minRate)*float64(time.Second))
}

type deadlineBody struct {
	io.ReadCloser
	once  sync.Once
	clear func()
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	switch {
	case errors.Is(err, io.EOF):
		b.done()
	case errors.Is(err, os.ErrDeadlineExceeded):
		return n, httperr.ErrBodyTimeout
	}
	return n, err
}

func (b *deadlineBody) done() { b.once.Do(b.clear) }

// ConnCap caps the connections one client address holds open at once. It
// is an http.Server ConnState hook, so the connections themselves stay
// unwrapped (the event stream takes the raw socket over): a new connection
// over the cap is answered 429 and closed before any request is read. The
// address is the TCP peer's, never a header's. A connection taken over by
// a stream leaves the count (streams are capped per user by the hub).
// Trusted proxies are not capped: every client behind one shares its
// address (after a restart, all their streams reconnect through it at once),
// and the proxy limits its own clients.
type ConnCap struct {
	max    int
	exempt []netip.Prefix
	mu     sync.Mutex
	open   map[string]int
	conns  map[net.Conn]string
}

// NewConnCap allows max connections per client address, but for the
// addresses in proxies (config.Config.ProxyPrefixes).
func NewConnCap(max int, proxies []netip.Prefix) *ConnCap {
	return &ConnCap{max: max, exempt: proxies, open: map[string]int{}, conns: map[net.Conn]string{}}
}

func (cc *ConnCap) exempted(a net.Addr) bool {
	if len(cc.exempt) == 0 {
		return false
	}
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return false
	}
	ip := ta.AddrPort().Addr().Unmap()
	for _, p := range cc.exempt {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

const tooManyConns = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: 88\r\n\r\n" +
	`{"error":{"code":"RATE_LIMITED","message":"too many open connections from this client"}}`

// ConnState is the http.Server.ConnState hook.
func (cc *ConnCap) ConnState(c net.Conn, st http.ConnState) {
	switch st {
	case http.StateNew:
		if cc.exempted(c.RemoteAddr()) {
			return
		}
		host := peerHost(c.RemoteAddr())
		cc.mu.Lock()
		if cc.open[host] >= cc.max {
			cc.mu.Unlock()
			_ = c.SetWriteDeadline(time.Now().Add(time.Second))
			_, _ = io.WriteString(c, tooManyConns)
			_ = c.Close()
			return
		}
		cc.open[host]++
		cc.conns[c] = host
		cc.mu.Unlock()
	case http.StateClosed, http.StateHijacked:
		cc.mu.Lock()
		if host, ok := cc.conns[c]; ok {
			delete(cc.conns, c)
			if cc.open[host]--; cc.open[host] <= 0 {
				delete(cc.open, host)
			}
		}
		cc.mu.Unlock()
	}
}

func peerHost(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok {
		return ta.IP.String()
	}
	s := a.String()
	if h, _, err := net.SplitHostPort(s); err == nil {
		return h
	}
	return strings.TrimSpace(s)
}
