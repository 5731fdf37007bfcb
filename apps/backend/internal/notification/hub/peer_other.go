//go:build !linux

package hub

import (
	"net"
	"syscall"
	"time"
)

func setUserTimeout(net.Conn, time.Duration) {}

// peerGone cannot tell without a blocking read here: dead peers are found by
// failed writes (heartbeats) instead.
func peerGone(net.Conn) bool { return false }

// No direct writes here: every write goes through a writer goroutine.
func tryWrite(syscall.RawConn, []byte) (int, error) { return 0, nil }

func rawConn(net.Conn) syscall.RawConn { return nil }
