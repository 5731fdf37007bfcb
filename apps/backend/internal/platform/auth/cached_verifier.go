package auth

import (
	"strings"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
)

// CachedVerifier is a Verifier that remembers the verdicts of another for a
// while, so that an integration sending thousands of requests a second with
// one token pays the HMAC and the claims decoding once. Tokens are keyed by
// their whole text, signature included: only the very same bytes hit. Only
// valid tokens are remembered, each until its own exp at the latest; whether
// the session still lasts is the SessionChecker's question, asked on every
// request. The cache is a bounded LRU whose entries also expire after ttl.
type CachedVerifier struct {
	next Verifier
	lru  *expirable.LRU[string, Principal]
	now  func() time.Time
}

// NewCachedVerifier remembers up to size verdicts of next, each at most ttl.
func NewCachedVerifier(next Verifier, size int, ttl time.Duration) *CachedVerifier {
	return &CachedVerifier{next: next, lru: expirable.NewLRU[string, Principal](size, nil, ttl), now: time.Now}
}

// Parse answers from memory when it can, else asks next and remembers a valid token.
func (v *CachedVerifier) Parse(raw string) (Principal, error) {
	if p, ok := v.lru.Get(raw); ok {
		if v.now().Before(p.Expires) {
			return p, nil
		}
		v.lru.Remove(raw)
	}
	p, err := v.next.Parse(raw)
	if err != nil {
		return Principal{}, err
	}
	// A copy: raw is a slice of the request's header block, which the key
	// would otherwise keep alive for as long as the verdict (a stream's).
	v.lru.Add(strings.Clone(raw), p)
	return p, nil
}

// Len is how many verdicts are remembered.
func (v *CachedVerifier) Len() int { return v.lru.Len() }
