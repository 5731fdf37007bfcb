// Package auth issues and checks JWTs, reads them from the cookie or the
// Authorization header, and refuses cross-origin cookie writes (CSRF).
package auth

import (
	"errors"
	"fmt"
	"slices"
	"sync"
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
}

// IsAdmin reports whether the caller holds the admin role.
func (p Principal) IsAdmin() bool { return slices.Contains(p.Roles, "admin") }

type claims struct {
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

// Tokens signs and verifies HS256 tokens.
//
// Verified tokens are remembered until they expire (keyed by the whole
// token, signature included, so only the very same bytes hit): an
// integration publishing thousands of notifications a second with one token
// pays the HMAC and the claims decoding once. Only the signature's verdict
// is remembered: whether the session still lasts is the SessionChecker's
// question, asked on every request.
type Tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time

	mu       sync.Mutex
	verified map[string]verifiedToken
}

type verifiedToken struct {
	p   Principal
	exp time.Time
}

// maxVerified bounds the remembered tokens; the map is emptied when full.
const maxVerified = 4096

// NewTokens returns a signer with the given key and lifetime.
func NewTokens(secret []byte, ttl time.Duration) *Tokens {
	return &Tokens{secret: secret, ttl: ttl, now: time.Now, verified: map[string]verifiedToken{}}
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
	t.mu.Lock()
	v, ok := t.verified[raw]
	t.mu.Unlock()
	if ok && t.now().Before(v.exp) {
		return v.p, nil
	}
	p, exp, err := t.verify(raw)
	if err != nil {
		return Principal{}, err
	}
	t.mu.Lock()
	if len(t.verified) >= maxVerified {
		clear(t.verified)
	}
	t.verified[raw] = verifiedToken{p: p, exp: exp}
	t.mu.Unlock()
	return p, nil
}

func (t *Tokens) verify(raw string) (Principal, time.Time, error) {
	var c claims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(t.now),
	)
	if err != nil {
		return Principal{}, time.Time{}, fmt.Errorf("token: %v: %w", err, domain.ErrUnauthorized)
	}
	if !domain.ValidID(c.Subject) {
		return Principal{}, time.Time{}, fmt.Errorf("token: bad subject: %w", domain.ErrUnauthorized)
	}
	if !domain.ValidID(c.SessionID) {
		return Principal{}, time.Time{}, fmt.Errorf("token: no session: %w", domain.ErrUnauthorized)
	}
	return Principal{UserID: c.Subject, SessionID: c.SessionID}, c.ExpiresAt.Time, nil
}

// ErrNoToken means the request carried no credentials.
var ErrNoToken = errors.New("no token")
