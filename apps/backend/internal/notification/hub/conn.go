package hub

import (
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// Conn is a stream's transport.
type Conn interface {
	// WriteFrames writes the frames in order, giving up at deadline.
	WriteFrames(frames [][]byte, deadline time.Time) error
	// PeerGone reports, without blocking, whether the client is known to have
	// closed the connection (false when unknown).
	PeerGone() bool
	Close() error
}

// DirectWriter is a Conn that can also write without waiting, so that a
// delivery to an idle stream needs no writer goroutine: the common case of a
// client that keeps up.
type DirectWriter interface {
	// TryWrite writes as much of b as the connection takes at once; 0 and no
	// error when it takes nothing now.
	TryWrite(b []byte) (int, error)
}

// NetConn is a hijacked connection: no goroutine and no buffer of net/http's
// stays behind, a write is one writev of the pending frames.
type NetConn struct {
	c   net.Conn
	raw syscall.RawConn // for writes that must not wait; nil where there are none
}

// NewNetConn wraps a hijacked connection, clears the deadlines net/http left
// on it and, where the platform allows, tells the kernel to drop it when sent
// data stays unacknowledged for longer than userTimeout (a peer that vanished
// without closing, e.g. a laptop put to sleep).
func NewNetConn(c net.Conn, userTimeout time.Duration) *NetConn {
	_ = c.SetDeadline(time.Time{})
	setUserTimeout(c, userTimeout)
	return &NetConn{c: c, raw: rawConn(c)}
}

// TryWrite implements DirectWriter: it writes what the socket takes now,
// without waiting, and returns how much that was.
func (n *NetConn) TryWrite(b []byte) (int, error) {
	if n.raw == nil {
		return 0, nil
	}
	return tryWrite(n.raw, b)
}

// WriteFrames implements Conn. Only one goroutine writes a stream at a time.
// The deadline holds for this write only: a deadline left on the socket
// would, once passed, refuse the direct writes that follow (TryWrite).
func (n *NetConn) WriteFrames(frames [][]byte, deadline time.Time) error {
	if err := n.c.SetWriteDeadline(deadline); err != nil {
		return err
	}
	bufs := net.Buffers(frames)
	_, err := bufs.WriteTo(n.c) // one writev
	if err != nil {
		return err
	}
	return n.c.SetWriteDeadline(time.Time{})
}

// PeerGone implements Conn with a non-blocking read (see peer_linux.go).
func (n *NetConn) PeerGone() bool { return peerGone(n.c) }

// Close implements Conn.
func (n *NetConn) Close() error { return n.c.Close() }

// ResponseConn streams through an http.ResponseWriter, for servers that
// cannot hand over the connection (HTTP/2). The handler's goroutine waits on
// Done until the stream ends.
type ResponseConn struct {
	w    http.ResponseWriter
	rc   *http.ResponseController
	req  *http.Request
	done chan struct{}

	mu     sync.Mutex // a write and Close never overlap: the writer is dead once the handler returns
	closed bool
}

// NewResponseConn wraps w; the headers must be written already.
func NewResponseConn(w http.ResponseWriter, r *http.Request) *ResponseConn {
	return &ResponseConn{w: w, rc: http.NewResponseController(w), req: r, done: make(chan struct{})}
}

// WriteFrames implements Conn.
func (r *ResponseConn) WriteFrames(frames [][]byte, deadline time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return net.ErrClosed
	}
	_ = r.rc.SetWriteDeadline(deadline)
	for _, f := range frames {
		if _, err := r.w.Write(f); err != nil {
			return err
		}
	}
	return r.rc.Flush()
}

// PeerGone implements Conn.
func (r *ResponseConn) PeerGone() bool { return r.req.Context().Err() != nil }

// Close implements Conn: it waits for a write under way (bounded by its
// deadline) and releases the handler.
func (r *ResponseConn) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.closed = true
		close(r.done)
	}
	return nil
}

// Done is closed when the stream has ended.
func (r *ResponseConn) Done() <-chan struct{} { return r.done }
