package auth

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/packages/domain"
)

// CookieName is the name of the auth cookie.
const CookieName = "fleetman_token"

const principalKey = "fleetman.principal"

// Cookies writes and clears the auth cookie.
type Cookies struct {
	Secure bool
}

// Set writes the token as an HttpOnly, SameSite=Lax cookie.
func (ck Cookies) Set(c *gin.Context, token string, expires time.Time) {
	http.SetCookie(c.Writer, &http.Cookie{Name: CookieName, Value: token, Path: "/", Expires: expires,
		MaxAge: int(time.Until(expires).Seconds()), HttpOnly: true, Secure: ck.Secure, SameSite: http.SameSiteLaxMode})
}

// Clear removes the cookie.
func (ck Cookies) Clear(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: ck.Secure, SameSite: http.SameSiteLaxMode})
}

// SessionChecker says whether a token's session still lasts and its user
// exists and is active, and answers the user's current roles. It is asked on
// every authenticated request, so it must answer from memory almost always.
type SessionChecker interface {
	Check(ctx context.Context, userID, sessionID string) (roles []string, err error)
}

// ErrCrossOrigin refuses a cookie write from a foreign origin.
var ErrCrossOrigin = domain.NewError(domain.ErrForbidden, "cross-origin request refused")

// Required authenticates the request by Bearer header or cookie, checks its
// session, and refuses cookie-authenticated unsafe requests from origins not
// in allowed (CSRF). Its answers are never stored by caches (no-store).
func Required(tokens Verifier, sessions SessionChecker, allowed []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-store")
		p, err := Authenticate(c.Request, tokens)
		if err != nil {
			httperr.Abort(c, err)
			return
		}
		if p.ViaCookie && !safeMethod(c.Request.Method) && !originAllowed(c.Request, allowed) {
			httperr.Abort(c, ErrCrossOrigin)
			return
		}
		if p.Roles, err = sessions.Check(c.Request.Context(), p.UserID, p.SessionID); err != nil {
			httperr.Abort(c, err)
			return
		}
		c.Set(principalKey, p)
		c.Next()
	}
}

// SameOrigin refuses unsafe requests authenticated by the cookie (no
// Authorization header) that come from an origin not in allowed: a public
// cookie write (logout) gets the same CSRF rule as the authenticated ones.
func SameOrigin(allowed []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		_, err := c.Request.Cookie(CookieName)
		if err == nil && c.GetHeader("Authorization") == "" && !safeMethod(c.Request.Method) && !originAllowed(c.Request, allowed) {
			httperr.Abort(c, ErrCrossOrigin)
			return
		}
		c.Next()
	}
}

// ErrAdminRequired refuses a caller without the admin role.
var ErrAdminRequired = domain.NewError(domain.ErrForbidden, "admin role required")

// Admin lets only callers with the admin role through; it runs after Required.
func Admin() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !PrincipalOf(c).IsAdmin() {
			httperr.Abort(c, ErrAdminRequired)
			return
		}
		c.Next()
	}
}

// PrincipalOf returns the caller authenticated by Required.
func PrincipalOf(c *gin.Context) Principal {
	p, _ := c.Get(principalKey)
	pr, _ := p.(Principal)
	return pr
}

// UserID returns the authenticated caller's id.
func UserID(c *gin.Context) string { return PrincipalOf(c).UserID }

// Authenticate reads and verifies the request's token (Bearer header first,
// then the cookie) without asking whether its session still lasts.
func Authenticate(r *http.Request, tokens Verifier) (Principal, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
		switch {
		case !ok && strings.Count(scheme, ".") == 2: // a bare JWT
			return Principal{}, ErrBearerPrefixMissing
		case !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "":
			return Principal{}, ErrNotBearer
		}
		return tokens.Parse(strings.TrimSpace(tok))
	}
	ck, err := r.Cookie(CookieName)
	if err != nil || ck.Value == "" {
		return Principal{}, ErrNoToken
	}
	p, err := tokens.Parse(ck.Value)
	p.ViaCookie = true
	return p, err
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// originAllowed checks Origin (or, lacking it, Referer) against the allowed
// origins and the server's own origin. A request naming neither is refused.
func originAllowed(r *http.Request, allowed []string) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		ref, err := url.Parse(r.Header.Get("Referer"))
		if err != nil || ref.Host == "" {
			return false
		}
		origin = ref.Scheme + "://" + ref.Host
	}
	if origin == "null" {
		return false
	}
	if slices.Contains(allowed, origin) {
		return true
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return origin == scheme+"://"+r.Host
}
