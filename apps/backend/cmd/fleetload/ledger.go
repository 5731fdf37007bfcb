package main

import "sync/atomic"

// ledger accounts for every event of a run: whom it goes to (drawn before the
// run), whether its publish request was sent and answered 2xx, and which of
// the recipient's streams received it. From it come losses (expected
// deliveries never seen), duplicates (a stream seeing an event twice),
// misroutes (an event seen on another user's stream) and unexpected receipts
// (events whose publish failed or was never sent).
//
// Publishers mark sent/published concurrently (atomics); one goroutine calls
// receive and counts.
type ledger struct {
	k         int      // streams per user
	target    []uint32 // seq -> user index, filled before publishing
	sent      []atomic.Uint64
	published []atomic.Uint64
	seen      []uint64 // bitset over seq*k + slot
	dups      int64
	misrouted int64
	unknown   int64
}

func newLedger(target []uint32, streamsPerUser int) *ledger {
	n := len(target)
	return &ledger{k: streamsPerUser, target: target, sent: make([]atomic.Uint64, (n+63)/64),
		published: make([]atomic.Uint64, (n+63)/64), seen: make([]uint64, (n*streamsPerUser+63)/64)}
}

func atomicBit(b []atomic.Uint64, i uint64) bool { return b[i/64].Load()&(1<<(i%64)) != 0 }

func (l *ledger) markSent(seq uint64)      { l.sent[seq/64].Or(1 << (seq % 64)) }
func (l *ledger) markPublished(seq uint64) { l.published[seq/64].Or(1 << (seq % 64)) }

// receive records a receipt; it returns true for the first delivery of a sent
// event to a stream of its recipient (the one whose latency counts).
func (l *ledger) receive(r receipt) bool {
	if r.Seq >= uint64(len(l.target)) || int(r.Slot) >= l.k || !atomicBit(l.sent, r.Seq) {
		l.unknown++
		return false
	}
	if l.target[r.Seq] != r.User {
		l.misrouted++
		return false
	}
	i := r.Seq*uint64(l.k) + uint64(r.Slot)
	if l.seen[i/64]&(1<<(i%64)) != 0 {
		l.dups++
		return false
	}
	l.seen[i/64] |= 1 << (i % 64)
	return true
}

// tally is the accounting of the events in a range of sequence numbers.
type tally struct {
	Published  int64 `json:"published"`  // publish answered 2xx
	Expected   int64 `json:"expected"`   // published × streams per user
	Delivered  int64 `json:"delivered"`  // distinct (event, stream) receipts of published events
	Lost       int64 `json:"lost"`       // expected − delivered
	Unexpected int64 `json:"unexpected"` // receipts of events whose publish failed
}

func (l *ledger) tally(lo, hi uint64) tally {
	var t tally
	for s := lo; s < hi; s++ {
		pub := atomicBit(l.published, s)
		var got int64
		for slot := range uint64(l.k) {
			i := s*uint64(l.k) + slot
			if l.seen[i/64]&(1<<(i%64)) != 0 {
				got++
			}
		}
		if pub {
			t.Published++
			t.Expected += int64(l.k)
			t.Delivered += got
		} else {
			t.Unexpected += got
		}
	}
	t.Lost = t.Expected - t.Delivered
	return t
}
