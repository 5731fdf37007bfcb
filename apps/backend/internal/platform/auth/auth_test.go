package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"

	"github.com/fleetman/fleetman/packages/domain"
)

var secret = []byte(strings.Repeat("s", 32))

func TestParseRefusesOtherAlgorithmsAndExpiry(t *testing.T) {
	tokens := NewTokens(secret, time.Hour)
	id := domain.NewID()
	sid := domain.NewID()
	good, _, err := tokens.Issue(id, sid)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := tokens.Parse(good); err != nil || p.UserID != id || p.SessionID != sid {
		t.Fatalf("good token: %v %+v", err, p)
	}
	now := time.Now()
	sign := func(m jwt.SigningMethod, key any, c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(m, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	valid := jwt.MapClaims{"sub": id, "sid": sid, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	tests := map[string]string{
		"HS512":        sign(jwt.SigningMethodHS512, secret, valid),
		"none":         sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid),
		"expired":      sign(jwt.SigningMethodHS256, secret, jwt.MapClaims{"sub": id, "iat": now.Add(-2 * time.Hour).Unix(), "exp": now.Add(-time.Hour).Unix()}),
		"no exp":       sign(jwt.SigningMethodHS256, secret, jwt.MapClaims{"sub": id, "iat": now.Unix()}),
		"other key":    sign(jwt.SigningMethodHS256, []byte(strings.Repeat("x", 32)), valid),
		"bad subject":  sign(jwt.SigningMethodHS256, secret, jwt.MapClaims{"sub": "admin", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}),
		"not a token":  "abc.def.ghi",
		"no session":   sign(jwt.SigningMethodHS256, secret, jwt.MapClaims{"sub": id, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}),
		"future issue": sign(jwt.SigningMethodHS256, secret, jwt.MapClaims{"sub": id, "iat": now.Add(time.Hour).Unix(), "exp": now.Add(2 * time.Hour).Unix()}),
	}
	for name, tok := range tests {
		if _, err := tokens.Parse(tok); !errors.Is(err, domain.ErrUnauthorized) {
			t.Errorf("%s: want ErrUnauthorized, got %v", name, err)
		}
	}
}

func TestRequiredCookieCSRF(t *testing.T) {
	gin.SetMode(gin.TestMode)
	tokens := NewTokens(secret, time.Hour)
	tok, _, _ := tokens.Issue(domain.NewID(), domain.NewID())
	r := gin.New()
	r.Use(Required(tokens, allLive{}, []string{"https://app.example.com"}))
	r.Any("/x", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	tests := []struct {
		name, method, origin, bearer string
		cookie                       bool
		want                         int
	}{
		{"no credentials", "GET", "", "", false, 401},
		{"cookie get", "GET", "", "", true, 204},
		{"cookie post allowed origin", "POST", "https://app.example.com", "", true, 204},
		{"cookie post same origin", "POST", "http://example.test", "", true, 204},
		{"cookie post foreign origin", "POST", "https://evil.example", "", true, 403},
		{"cookie post no origin", "POST", "", "", true, 403},
		{"bearer post foreign origin", "POST", "https://evil.example", tok, false, 204},
		{"malformed bearer", "GET", "", "", false, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "http://example.test/x", nil)
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.bearer != "" {
				req.Header.Set("Authorization", "Bearer "+tt.bearer)
			}
			if tt.name == "malformed bearer" {
				req.Header.Set("Authorization", "Basic abc")
			}
			if tt.cookie {
				req.AddCookie(&http.Cookie{Name: CookieName, Value: tok})
			}
			w := httptest.NewRecorder()
			r.ServeHTTP(w, req)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
			}
		})
	}
}

func TestARememberedTokenStillExpiresAndForgeriesMiss(t *testing.T) {
	now := time.Now()
	tokens := NewTokens(secret, time.Hour)
	tokens.now = func() time.Time { return now }
	cached := NewCachedVerifier(tokens, 2, time.Hour)
	cached.now = tokens.now
	id := domain.NewID()
	tok, _, err := tokens.Issue(id, domain.NewID())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // verified, then remembered
		p, err := cached.Parse(tok)
		if err != nil || p.UserID != id || p.IsAdmin() {
			t.Fatalf("parse %d: %+v, %v", i, p, err)
		}
	}
	if cached.Len() != 1 {
		t.Fatalf("%d tokens remembered", cached.Len())
	}
	// The same claims under another signature are not the remembered token.
	forged := tok[:strings.LastIndex(tok, ".")+1] + strings.Repeat("A", 43)
	if _, err := cached.Parse(forged); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("forged signature: %v", err)
	}
	if cached.Len() != 1 {
		t.Fatalf("a refused token was remembered: %d", cached.Len())
	}
	now = now.Add(time.Hour + time.Second)
	if _, err := cached.Parse(tok); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("a remembered token after its exp: %v", err)
	}
}

func TestTheVerifiedTokenCacheIsBounded(t *testing.T) {
	tokens := NewTokens(secret, time.Hour)
	cached := NewCachedVerifier(tokens, 3, time.Hour)
	for i := 0; i < 10; i++ {
		tok, _, err := tokens.Issue(domain.NewID(), domain.NewID())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cached.Parse(tok); err != nil {
			t.Fatal(err)
		}
		if cached.Len() > 3 {
			t.Fatalf("%d remembered, bound 3", cached.Len())
		}
	}
}

func TestAuthorizationHeaderMessages(t *testing.T) {
	tokens := NewTokens(secret, time.Hour)
	tok, _, err := tokens.Issue(domain.NewID(), domain.NewID())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, header string
		want         error
	}{
		{"bare token", tok, ErrBearerPrefixMissing},
		{"another scheme", "Basic dXNlcjpwYXNz", ErrNotBearer},
		{"prefix without token", "Bearer ", ErrNotBearer},
		{"forged", "Bearer " + tok + "x", ErrInvalidToken},
		{"none", "", ErrNoToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			if _, err := Authenticate(r, tokens); !errors.Is(err, tt.want) || !errors.Is(err, domain.ErrUnauthorized) {
				t.Fatalf("%v, want %v", err, tt.want)
			}
		})
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Authorization", "bearer "+tok)
	if _, err := Authenticate(r, tokens); err != nil {
		t.Fatalf("the scheme is case-insensitive: %v", err)
	}
}

// allLive answers every session as live, with the user role.
type allLive struct{}

func (allLive) Check(context.Context, string, string) ([]string, error) { return []string{"user"}, nil }
