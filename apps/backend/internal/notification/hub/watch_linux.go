//go:build linux

package hub

import (
	"context"
	"errors"
	"sync"
	"syscall"
)

// watcher finds clients that have closed their connection as soon as they do,
// with one epoll set for all streams and one goroutine (in Run) waiting on it:
// no goroutine and no read buffer per stream. Each stream's socket is
// registered for EPOLLRDHUP (the peer closed) once; the event carries the
// stream's id, never its fd, so a reused fd cannot be mistaken for another stream.
type watcher struct {
	mu      sync.Mutex
	epfd    int
	streams map[uint64]*Stream
}

func newWatcher() *watcher {
	fd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		fd = -1 // dead clients are then found by the heartbeat probe only
	}
	return &watcher{epfd: fd, streams: map[uint64]*Stream{}}
}

func (w *watcher) ctl(op int, s *Stream) {
	nc, ok := s.conn.(*NetConn)
	if !ok {
		return
	}
	sc, ok := nc.c.(syscall.Conn)
	if !ok {
		return
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return
	}
	ev := syscall.EpollEvent{Events: syscall.EPOLLRDHUP | syscall.EPOLLONESHOT,
		Fd: int32(uint32(s.id)), Pad: int32(uint32(s.id >> 32))}
	_ = raw.Control(func(fd uintptr) { _ = syscall.EpollCtl(w.epfd, op, int(fd), &ev) })
}

// add watches s (after it is registered in the hub).
func (w *watcher) add(s *Stream) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.epfd < 0 {
		return
	}
	w.streams[s.id] = s
	w.ctl(syscall.EPOLL_CTL_ADD, s)
}

// remove stops watching s; it runs before s's connection is closed.
func (w *watcher) remove(s *Stream) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.streams[s.id]; !ok {
		return
	}
	delete(w.streams, s.id)
	if w.epfd >= 0 {
		w.ctl(syscall.EPOLL_CTL_DEL, s)
	}
}

// run closes the streams whose clients have gone, until ctx ends; then it
// releases the epoll set (streams attached later rely on the heartbeat probe).
func (w *watcher) run(ctx context.Context) {
	w.mu.Lock()
	epfd := w.epfd
	w.mu.Unlock()
	if epfd < 0 {
		return
	}
	events := make([]syscall.EpollEvent, 256)
	for ctx.Err() == nil {
		n, err := syscall.EpollWait(epfd, events, 200)
		if err != nil {
			if errors.Is(err, syscall.EINTR) {
				continue
			}
			break
		}
		for _, ev := range events[:n] {
			id := uint64(uint32(ev.Fd)) | uint64(uint32(ev.Pad))<<32
			w.mu.Lock()
			s := w.streams[id]
			w.mu.Unlock()
			if s != nil {
				s.close(ReasonPeerGone)
			}
		}
	}
	w.mu.Lock()
	_ = syscall.Close(w.epfd)
	w.epfd = -1
	clear(w.streams)
	w.mu.Unlock()
}
