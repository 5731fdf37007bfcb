package accounthttp_test

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

func TestRegisterLoginMeLogout(t *testing.T) {
	s := testkit.NewServer(t)
	res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/register",
		Body: map[string]string{"email": "  Ana@Example.COM ", "password": "long-enough", "name": "Ana", "businessName": "Acme"}}).Expect(t, 201)
	var reg struct {
		User  map[string]any `json:"user"`
		Token string         `json:"token"`
	}
	res.JSON(t, &reg)
	if reg.User["email"] != "ana@example.com" || reg.Token == "" || reg.User["passwordHash"] != nil {
		t.Fatalf("register answered %s", res.Body)
	}
	cookie := res.Header.Get("Set-Cookie")
	if !strings.Contains(cookie, "fleetman_token=") || !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") {
		t.Fatalf("cookie %q", cookie)
	}

	login := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "ANA@example.com", "password": "long-enough"}}).Expect(t, 200)
	var sess struct{ Token string }
	login.JSON(t, &sess)

	me := s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Token: sess.Token}).Expect(t, 200)
	var meBody map[string]any
	me.JSON(t, &meBody)
	if meBody["id"] != reg.User["id"] || meBody["name"] != "Ana" {
		t.Fatalf("me = %s", me.Body)
	}
	// The cookie alone authenticates reads.
	ck := &http.Cookie{Name: "fleetman_token", Value: sess.Token}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Cookies: []*http.Cookie{ck}}).Expect(t, 200)

	out := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/logout"}).Expect(t, 204)
	if c := out.Header.Get("Set-Cookie"); !strings.Contains(c, "Max-Age=0") && !strings.Contains(c, "Max-Age=-1") {
		t.Fatalf("logout cookie %q", c)
	}
}

func TestRegisterRejectsBadInput(t *testing.T) {
	s := testkit.NewServer(t)
	taken := s.Register(t, "Taken")
	tests := []struct {
		name   string
		body   any
		status int
		code   string
		field  string
	}{
		{"missing fields", map[string]string{}, 400, "VALIDATION_FAILED", "email"},
		{"short password", map[string]string{"email": "x@example.com", "password": "short", "name": "X"}, 400, "VALIDATION_FAILED", "password"},
		{"bad email", map[string]string{"email": "not-an-email", "password": "long-enough", "name": "X"}, 400, "VALIDATION_FAILED", "email"},
		{"blank name", map[string]string{"email": "x@example.com", "password": "long-enough", "name": "   "}, 400, "VALIDATION_FAILED", "name"},
		{"unknown field", map[string]any{"email": "x@example.com", "password": "long-enough", "name": "X", "roles": []string{"admin"}}, 400, "VALIDATION_FAILED", "roles"},
		{"operator key", `{"email":{"$ne":""},"password":"long-enough","name":"X"}`, 400, "VALIDATION_FAILED", "email.$ne"},
		{"dotted key", `{"email":"x@example.com","password":"long-enough","name":"X","a.b":1}`, 400, "VALIDATION_FAILED", "a.b"},
		{"wrong type", `{"email":"x@example.com","password":12345678,"name":"X"}`, 400, "VALIDATION_FAILED", "password"},
		{"malformed", `{"email":`, 400, "VALIDATION_FAILED", ""},
		{"too large", `{"email":"` + strings.Repeat("a", 70<<10) + `"}`, 413, "PAYLOAD_TOO_LARGE", ""},
		{"duplicate email", map[string]string{"email": strings.ToUpper(taken.Email), "password": "long-enough", "name": "X"}, 409, "CONFLICT", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/register", Body: tt.body}).Expect(t, tt.status)
			var body struct {
				Error struct {
					Code    string
					Message string
					Fields  map[string]string
				}
			}
			res.JSON(t, &body)
			if body.Error.Code != tt.code || body.Error.Message == "" {
				t.Fatalf("body %s", res.Body)
			}
			if tt.field != "" {
				if _, ok := body.Error.Fields[tt.field]; !ok {
					t.Fatalf("fields %v lack %q", body.Error.Fields, tt.field)
				}
			}
		})
	}
	// Nothing was written by the refused requests: the email is still free.
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/register",
		Body: map[string]string{"email": "x@example.com", "password": "long-enough", "name": "X"}}).Expect(t, 201)
}

func TestLoginFailuresLookAlikeAndAreRateLimited(t *testing.T) {
	s := testkit.NewServer(t)
	u := s.Register(t, "Ana")
	unknown := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "nobody@example.com", "password": "whatever1"}}).Expect(t, 401)
	wrong := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": u.Email, "password": "wrong-password"}}).Expect(t, 401)
	if string(unknown.Body) != string(wrong.Body) {
		t.Fatalf("unknown email %s differs from wrong password %s", unknown.Body, wrong.Body)
	}
	// Per account: 5 attempts at once (one used above), then 429 with Retry-After.
	var last *testkit.Response
	for i := 0; i < 6; i++ {
		last = s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
			Body: map[string]string{"email": u.Email, "password": "wrong-password"}})
	}
	if last.Status != 429 || last.ErrorCode() != "RATE_LIMITED" || last.Header.Get("Retry-After") == "" {
		t.Fatalf("after many failures: %d %s (Retry-After %q)", last.Status, last.Body, last.Header.Get("Retry-After"))
	}
	// Per client: other accounts from the same client are limited too, eventually.
	limited := false
	for i := 0; i < 12 && !limited; i++ {
		r := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
			Body: map[string]string{"email": strings.Repeat("z", i+1) + "@example.com", "password": "whatever1"}})
		limited = r.Status == 429
	}
	if !limited {
		t.Fatal("per-client limit never applied")
	}
}

func TestTokensAreChecked(t *testing.T) {
	s := testkit.NewServer(t)
	u := s.Register(t, "Ana")
	now := time.Now()
	sign := func(m jwt.SigningMethod, key any, c jwt.MapClaims) string {
		tok, err := jwt.NewWithClaims(m, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	tests := map[string]string{
		"other algorithm": sign(jwt.SigningMethodHS384, []byte(testkit.Secret), jwt.MapClaims{"sub": u.ID, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}),
		"expired":         sign(jwt.SigningMethodHS256, []byte(testkit.Secret), jwt.MapClaims{"sub": u.ID, "iat": now.Add(-3 * time.Hour).Unix(), "exp": now.Add(-time.Hour).Unix()}),
		"unsigned":        sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, jwt.MapClaims{"sub": u.ID, "exp": now.Add(time.Hour).Unix()}),
		"garbage":         "not.a.token",
	}
	for name, tok := range tests {
		res := s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Token: tok})
		if res.Status != 401 || res.ErrorCode() != "UNAUTHENTICATED" {
			t.Errorf("%s: %d %s", name, res.Status, res.Body)
		}
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me"}).Expect(t, 401)
}

func TestARegisteredAdminAddressGetsNoAdminRole(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"ADMIN_EMAILS": "Boss@Example.com,root@example.com"}))
	// Anyone may register a listed address: it grants nothing.
	squatter := s.RegisterAs(t, "Squatter", "boss@example.com")
	var me struct{ Roles []string }
	squatter.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 200).JSON(t, &me)
	if len(me.Roles) != 1 || me.Roles[0] != "user" {
		t.Fatalf("squatter roles %v", me.Roles)
	}
	squatter.Do(t, "POST", "/api/v1/notifications", map[string]any{"userId": squatter.ID, "type": "SYSTEM",
		"title": "x", "message": "y"}).Expect(t, 403)
	// The operator's admin (fleetman admin create) holds the role.
	root := s.Admin(t, "Root", "root@example.com")
	root.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 200).JSON(t, &me)
	if len(me.Roles) != 2 || me.Roles[1] != "admin" {
		t.Fatalf("operator admin roles %v", me.Roles)
	}
	// The operator cannot be made to grant the role to the squatted account.
	if _, err := s.App.CreateAdmin().Handle(context.Background(), accountapp.CreateAdmin{
		Email: "boss@example.com", Password: "long-enough", Name: "Boss"}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("admin create over an existing account: %v", err)
	}
}

func TestAnAddressRemovedFromAdminEmailsLosesTheRoleAtTheNextStart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shared.db")
	first := testkit.NewServer(t, testkit.WithEnv(map[string]string{"SQLITE_PATH": db, "ADMIN_EMAILS": "root@example.com"}))
	root := first.Admin(t, "Root", "root@example.com")
	second := testkit.NewServer(t, testkit.WithEnv(map[string]string{"SQLITE_PATH": db, "ADMIN_EMAILS": "other@example.com"}))
	var me struct{ Roles []string }
	root.As(second).Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 200).JSON(t, &me)
	if len(me.Roles) != 1 {
		t.Fatalf("roles after removal %v", me.Roles)
	}
}

func TestCookieWritesNeedAnAllowedOrigin(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"ALLOWED_ORIGINS": "https://app.example.com"}))
	u := s.Register(t, "Ana")
	tests := []struct {
		name    string
		headers map[string]string
		bearer  bool
		want    int
	}{
		{"cookie from a foreign origin", map[string]string{"Origin": "https://evil.example"}, false, 403},
		{"cookie with no origin at all", nil, false, 403},
		{"cookie from a foreign referer", map[string]string{"Referer": "https://evil.example/page"}, false, 403},
		{"cookie from the allowed origin", map[string]string{"Origin": "https://app.example.com"}, false, 204},
		{"cookie from the server's own origin", map[string]string{"Origin": s.URL}, false, 204},
		{"bearer from anywhere", map[string]string{"Origin": "https://evil.example"}, true, 204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := testkit.Request{Method: "POST", Path: "/api/v1/notifications/read-all", Header: tt.headers}
			if tt.bearer {
				req.Token = u.Token
			} else {
				req.Cookies = []*http.Cookie{u.Cookie}
			}
			res := s.Send(t, req).Expect(t, tt.want)
			if tt.want == 403 && res.ErrorCode() != "FORBIDDEN" {
				t.Fatalf("body %s", res.Body)
			}
		})
	}
}
