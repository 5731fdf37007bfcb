package auth

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// BenchmarkAuthenticateVerifiedToken is the hot path of every authenticated
// request of an integration that reuses one token: the header is read and the
// token's signature verdict comes from memory.
func BenchmarkAuthenticateVerifiedToken(b *testing.B) {
	verifier := NewCachedVerifier(NewTokens(secret, time.Hour), 4096, 10*time.Minute)
	tok, _, err := NewTokens(secret, time.Hour).Issue(domain.NewID(), domain.NewID())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		r := httptest.NewRequest("GET", "/api/v1/users/me", nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		for pb.Next() {
			if _, err := Authenticate(r, verifier); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAuthenticateNewToken verifies every token (HMAC and claims decoding): what the cache saves.
func BenchmarkAuthenticateNewToken(b *testing.B) {
	tokens := NewTokens(secret, time.Hour)
	toks := make([]string, 1024)
	for i := range toks {
		var err error
		if toks[i], _, err = tokens.Issue(domain.NewID(), domain.NewID()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	r := httptest.NewRequest("GET", "/api/v1/users/me", nil)
	for i := 0; b.Loop(); i++ {
		r.Header.Set("Authorization", "Bearer "+toks[i%len(toks)])
		if _, err := Authenticate(r, tokens); err != nil {
			b.Fatal(err)
		}
	}
}
