package domain

// ErrRequestExists is returned by a store asked to create something under a
// request key it already holds: the request was made before (a retry).
var ErrRequestExists = NewError(ErrConflict, "request key already used")

// RequestKey names one client request that must take effect at most once
// (an Idempotency-Key): Scope is whose key it is (the calling account and the
// operation), Key the client's value, Hash a digest of the request's body so
// that a key reused for a different request can be told from a retry.
// Stores keep it with what the request created, in the same write.
type RequestKey struct {
	Scope string
	Key   string
	Hash  string
}

// Valid reports whether the key can be stored: a scope, and a key of 1 to
// 200 printable ASCII characters.
func (r RequestKey) Valid() bool {
	if r.Scope == "" || r.Key == "" || len(r.Key) > 200 {
		return false
	}
	for i := 0; i < len(r.Key); i++ {
		if r.Key[i] < 0x21 || r.Key[i] > 0x7e {
			return false
		}
	}
	return true
}
