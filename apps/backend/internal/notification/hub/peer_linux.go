//go:build linux

package hub

import (
	"errors"
	"net"
	"syscall"
	"time"
)

const tcpUserTimeout = 0x12 // TCP_USER_TIMEOUT, linux/tcp.h

func setUserTimeout(c net.Conn, d time.Duration) {
	tc, ok := c.(*net.TCPConn)
	if !ok || d <= 0 {
		return
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return
	}
	_ = raw.Control(func(fd uintptr) {
		_ = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, tcpUserTimeout, int(d.Milliseconds()))
	})
}

// peerGone reads without blocking: end of stream or an error means the client
// has gone. A stream's client sends nothing after its request, so any bytes
// read are discarded.
func peerGone(c net.Conn) bool {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	gone := false
	var buf [64]byte
	rerr := raw.Read(func(fd uintptr) bool {
		n, _, err := syscall.Recvfrom(int(fd), buf[:], syscall.MSG_DONTWAIT)
		switch {
		case err == nil && n == 0:
			gone = true
		case err != nil && !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.EINTR):
			gone = true
		}
		return true // never wait for readiness
	})
	return gone || rerr != nil
}

// tryWrite writes b to c's socket without waiting: it returns how much the
// kernel took (0 when its buffer is full) and stops at the first error.
func tryWrite(raw syscall.RawConn, b []byte) (int, error) {
	wrote := 0
	var werr error
	err := raw.Write(func(fd uintptr) bool {
		for wrote < len(b) {
			k, e := syscall.Write(int(fd), b[wrote:])
			switch {
			case e == syscall.EINTR:
				continue
			case e == syscall.EAGAIN:
				return true // full: the caller queues the rest
			case e != nil:
				werr = e
				return true
			}
			wrote += k
		}
		return true
	})
	if werr != nil {
		return wrote, werr
	}
	return wrote, err
}

func rawConn(c net.Conn) syscall.RawConn {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return nil
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	return raw
}
