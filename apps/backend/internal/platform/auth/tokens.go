// Package auth issues and checks JWTs, reads them from the cookie or the
// Authorization header, and refuses cross-origin cookie writes (CSRF).
package auth

import (
	"fmt"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/fleetman/fleetman/packages/domain"
)

// Principal is the authenticated caller.
type Principal struct {
	UserID    string
	SessionID string   // the token's sid: the session it belongs to
	Roles     []string // read from the account by the SessionChecker, never from the token
	// ViaCookie is true when the token came from the cookie (CSRF rules apply).
	ViaCookie bool
	Expires   time.Time // the token's exp
}

// IsAdmin reports whether the caller holds the admin role.
func (p Principal) IsAdmin() bool { return slices.Contains(p.Roles, "admin") }

type claims struct {
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

// Verifier checks a token's signature and claims. Tokens is one; the
// composition root wraps it in a CachedVerifier for the request path.
type Verifier interface {
	Parse(raw string) (Principal, error)
}

// Tokens signs and verifies HS256 tokens. It remembers nothing: every Parse
// pays the HMAC and the claims decoding (see CachedVerifier).
type Tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
}

// NewTokens returns a signer with the given key and lifetime.
func NewTokens(secret []byte, ttl time.Duration) *Tokens {
	return &Tokens{secret: secret, ttl: ttl, now: time.Now}
}

// TTL returns the token lifetime.
func (t *Tokens) TTL() time.Duration { return t.ttl }

// Issue signs a token for userID's session sessionID with sub, sid, iat and exp.
func (t *Tokens) Issue(userID, sessionID string) (string, time.Time, error) {
	now := t.now()
	exp := now.Add(t.ttl)
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims{SessionID: sessionID, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   userID,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(exp),
	}})
	s, err := tok.SignedString(t.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sign token: %w", err)
	}
	return s, exp, nil
}

// Parse verifies a token: HS256 only, exp required, sub a user id, sid a session id.
func (t *Tokens) Parse(raw string) (Principal, error) {
	var c claims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(t.now),
	)
	if err != nil {
		return Principal{}, fmt.Errorf("token: %v: %w", err, ErrInvalidToken)
	}
	if !domain.ValidID(c.Subject) {
		return Principal{}, fmt.Errorf("token: bad subject: %w", ErrInvalidToken)
	}
	if !domain.ValidID(c.SessionID) {
		return Principal{}, fmt.Errorf("token: no session: %w", ErrInvalidToken)
	}
	return Principal{UserID: c.Subject, SessionID: c.SessionID, Expires: c.ExpiresAt.Time}, nil
}

// The 401s of a request's credentials, in the words the client reads.
var (
	// ErrNoToken means the request carried no credentials.
	ErrNoToken = domain.NewError(domain.ErrUnauthorized, "authentication required")
	// ErrInvalidToken is a token that is forged, malformed or expired.
	ErrInvalidToken = domain.NewError(domain.ErrUnauthorized, "the token is invalid or expired: sign in again")
	// ErrBearerPrefixMissing is an Authorization header holding a bare token.
	ErrBearerPrefixMissing = domain.NewError(domain.ErrUnauthorized,
		`the Bearer prefix is missing: send the header as "Authorization: Bearer <token>"`)
	// ErrNotBearer is an Authorization header of another scheme.
	ErrNotBearer = domain.NewError(domain.ErrUnauthorized, `the Authorization header must read "Bearer <token>"`)
)
