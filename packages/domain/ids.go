package domain

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// NewID returns a new opaque identifier: 32 lowercase hex characters whose
// first 12 encode the creation time in milliseconds (the layout of a UUIDv7
// without dashes), so that ids sort by creation time as strings. Within one
// process ids are strictly increasing even inside one millisecond.
func NewID() string { return idGen.next(time.Now()) }

type idGenerator struct {
	mu     sync.Mutex
	lastMS int64
	seq    uint16
}

var idGen idGenerator

func (g *idGenerator) next(now time.Time) string {
	g.mu.Lock()
	ms := now.UnixMilli()
	if ms <= g.lastMS {
		g.seq++
		if g.seq > 0x0fff { // counter exhausted: borrow the next millisecond
			g.lastMS++
			g.seq = 0
		}
		ms = g.lastMS
	} else {
		g.lastMS = ms
		g.seq = 0
	}
	seq := g.seq
	g.mu.Unlock()

	var b [16]byte
	b[0] = byte(ms >> 40)
	b[1] = byte(ms >> 32)
	b[2] = byte(ms >> 24)
	b[3] = byte(ms >> 16)
	b[4] = byte(ms >> 8)
	b[5] = byte(ms)
	b[6] = 0x70 | byte(seq>>8) // version 7, high bits of the sequence
	b[7] = byte(seq)
	_, _ = rand.Read(b[8:])
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return hex.EncodeToString(b[:])
}

// ValidID reports whether s has the form NewID produces. Stores and handlers
// use it to refuse malformed ids before any query.
func ValidID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// PairKey is the canonical key of two users, the same whichever comes first:
// one contact pair, one conversation.
func PairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + ":" + b
}

// IDAfter returns the id that follows id (32 hex digits) as a 128-bit
// number: the smallest id that sorts after it. Stores use it to keep a
// user's ids in store order.
func IDAfter(id string) string {
	b := []byte(id)
	for i := len(b) - 1; i >= 0; i-- {
		switch b[i] {
		case 'f':
			b[i] = '0'
			continue
		case '9':
			b[i] = 'a'
		default:
			b[i]++
		}
		break
	}
	return string(b)
}
