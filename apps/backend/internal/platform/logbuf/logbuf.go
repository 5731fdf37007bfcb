// Package logbuf buffers a process's log lines and writes them out a few
// times a second, so that a server answering thousands of requests a second
// makes a few writes instead of one per access-log line (each a system call
// on a file that every request goroutine would queue for).
package logbuf

import (
	"io"
	"sync"
	"time"
)

// Writer is an io.Writer that collects what it is given and writes it to the
// underlying writer every interval, as soon as size bytes are waiting, and on
// Flush and Close. Lines are never split: each Write is kept whole.
type Writer struct {
	out  io.Writer
	size int

	mu     sync.Mutex
	buf    []byte
	err    error // the last write error; reported by Flush and Close
	closed bool

	stop chan struct{}
	done chan struct{}
}

// New starts a Writer over out; Close stops it.
func New(out io.Writer, interval time.Duration, size int) *Writer {
	w := &Writer{out: out, size: size, buf: make([]byte, 0, size), stop: make(chan struct{}), done: make(chan struct{})}
	go w.loop(interval)
	return w
}

func (w *Writer) loop(interval time.Duration) {
	defer close(w.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			_ = w.Flush()
		}
	}
}

// Write implements io.Writer. After Close it writes through.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return w.out.Write(p)
	}
	if len(w.buf)+len(p) > w.size && len(w.buf) > 0 {
		w.flushLocked()
	}
	w.buf = append(w.buf, p...)
	if len(w.buf) >= w.size {
		w.flushLocked()
	}
	return len(p), nil
}

// Flush writes out what is waiting.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.flushLocked()
	err := w.err
	w.err = nil
	return err
}

func (w *Writer) flushLocked() {
	if len(w.buf) == 0 {
		return
	}
	if _, err := w.out.Write(w.buf); err != nil {
		w.err = err
	}
	w.buf = w.buf[:0]
}

// Close writes out what is waiting and stops the timer; later writes go
// straight through.
func (w *Writer) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	close(w.stop)
	<-w.done
	return w.Flush()
}
