package auth

import (
	"fmt"
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

// Required authenticates the request by Bearer header or cookie and refuses
// cookie-authenticated unsafe requests from origins not in allowed (CSRF).
func Required(tokens *Tokens, allowed []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, err := authenticate(c.Request, tokens)
		if err != nil {
			httperr.Abort(c, err)
			return
		}
		if p.ViaCookie && !safeMethod(c.Request.Method) && !originAllowed(c.Request, allowed) {
			httperr.Abort(c, fmt.Errorf("cross-origin request refused: %w", domain.ErrForbidden))
			return
		}
		c.Set(principalKey, p)
		c.Next()
	}
}

// Admin lets only callers with the admin role through; it runs after Required.
func Admin() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !PrincipalOf(c).IsAdmin() {
			httperr.Abort(c, fmt.Errorf("admin role required: %w", domain.ErrForbidden))
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

func authenticate(r *http.Request, tokens *Tokens) (Principal, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
			return Principal{}, fmt.Errorf("malformed Authorization header: %w", domain.ErrUnauthorized)
		}
		return tokens.Parse(strings.TrimSpace(tok))
	}
	ck, err := r.Cookie(CookieName)
	if err != nil || ck.Value == "" {
		return Principal{}, fmt.Errorf("%w: %w", ErrNoToken, domain.ErrUnauthorized)
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
