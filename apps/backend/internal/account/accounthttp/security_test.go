package accounthttp_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
)

const streamWait = 5 * time.Second

func openStream(t *testing.T, u *testkit.User) *testkit.Stream {
	t.Helper()
	st := u.Stream(t, "")
	if c := st.Next(t, streamWait); c.Type != "connected" {
		t.Fatalf("first event %q", c.Type)
	}
	return st
}

func TestLogoutEndsTheTokenAndClosesItsStreamsOnly(t *testing.T) {
	s := testkit.NewServer(t)
	ana := s.Register(t, "Ana")
	other := s.Login(t, ana.Email, ana.Password) // a second device
	st := openStream(t, ana)
	otherStream := openStream(t, other)

	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: ana.Token}).Expect(t, 204)
	ana.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 401)
	st.WaitEnded(t, 3*time.Second)
	if _, res := s.OpenStream(t, testkit.StreamOptions{Token: ana.Token}); res == nil || res.Status != 401 {
		t.Fatalf("a stream with the ended token: %+v", res)
	}
	// The other session lasts.
	other.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 200)
	if otherStream.Ended() {
		t.Fatal("the other device's stream was closed")
	}
}

func TestSignOutEverywhereAndPasswordChangeEndEverySession(t *testing.T) {
	s := testkit.NewServer(t)
	ana := s.Register(t, "Ana")
	second := s.Login(t, ana.Email, ana.Password)
	st := openStream(t, second)

	// A wrong current password is a 400 naming the field; nothing ends.
	res := ana.Do(t, "POST", "/api/v1/users/me/password", map[string]string{"currentPassword": "wrong-password", "newPassword": "brand-new-pass"}).Expect(t, 400)
	if !strings.Contains(string(res.Body), "currentPassword") {
		t.Fatalf("body %s", res.Body)
	}
	var changed struct{ Token string }
	ana.Do(t, "POST", "/api/v1/users/me/password", map[string]string{"currentPassword": ana.Password, "newPassword": "brand-new-pass"}).
		Expect(t, 200).JSON(t, &changed)
	ana.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 401)
	second.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 401)
	st.WaitEnded(t, 3*time.Second)
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Token: changed.Token}).Expect(t, 200)
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": ana.Email, "password": ana.Password}}).Expect(t, 401)

	fresh := s.Login(t, ana.Email, "brand-new-pass")
	fst := openStream(t, fresh)
	fresh.Do(t, "POST", "/api/v1/auth/logout-all", nil).Expect(t, 204)
	fresh.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 401)
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Token: changed.Token}).Expect(t, 401)
	fst.WaitEnded(t, 3*time.Second)
}

func TestADeactivatedUsersTokenAndStreamEnd(t *testing.T) {
	s := testkit.NewServer(t)
	admin := s.Admin(t, "Root", "root."+domain.NewID()[20:]+"@example.com")
	ana := s.Register(t, "Ana")
	st := openStream(t, ana)
	ana.Do(t, "POST", "/api/v1/users/"+admin.ID+"/deactivate", nil).Expect(t, 403)
	admin.Do(t, "POST", "/api/v1/users/"+ana.ID+"/deactivate", nil).Expect(t, 204)
	st.WaitEnded(t, 3*time.Second)
	ana.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 401)
	ana.Do(t, "POST", "/api/v1/machines", map[string]any{"name": "X", "serialNumber": "S-1"}).Expect(t, 401)
	admin.Do(t, "POST", "/api/v1/users/"+domain.NewID()+"/deactivate", nil).Expect(t, 404)
}

func TestAValidTokenOfAnUnknownUserOrSessionIs401(t *testing.T) {
	s := testkit.NewServer(t)
	tok, _, err := s.App.Tokens().Issue(domain.NewID(), domain.NewID())
	if err != nil {
		t.Fatal(err)
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Token: tok}).Expect(t, 401)
	if _, res := s.OpenStream(t, testkit.StreamOptions{Token: tok}); res == nil || res.Status != 401 {
		t.Fatalf("stream: %+v", res)
	}
	ana := s.Register(t, "Ana")
	forged, _, _ := s.App.Tokens().Issue(ana.ID, domain.NewID()) // right user, no such session
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Token: forged}).Expect(t, 401)
}

func TestAuthenticatedAnswersAreNotStored(t *testing.T) {
	s := testkit.NewServer(t)
	ana := s.Register(t, "Ana")
	res := ana.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 200)
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("Cache-Control %q", res.Header.Get("Cache-Control"))
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") {
		t.Fatalf("CSP %q", csp)
	}
}

func TestCrossSiteLogoutIsRefused(t *testing.T) {
	s := testkit.NewServer(t)
	ana := s.Register(t, "Ana")
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/logout", Cookies: []*http.Cookie{ana.Cookie},
		Header: map[string]string{"Origin": "https://evil.example"}}).Expect(t, 403)
	ana.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 200)
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/logout", Cookies: []*http.Cookie{ana.Cookie},
		Header: map[string]string{"Origin": s.URL}}).Expect(t, 204)
	ana.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 401)
}

func TestSpoofedForwardedForFromAnUntrustedPeerIsIgnored(t *testing.T) {
	s := testkit.NewServer(t)
	s.Register(t, "Ana")
	limited := 0
	for i := range 15 {
		res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
			Body:   map[string]string{"email": fmt.Sprintf("nobody%d@example.com", i), "password": "wrong-password"},
			Header: map[string]string{"X-Forwarded-For": fmt.Sprintf("203.0.113.%d", i), "X-Real-IP": fmt.Sprintf("198.51.100.%d", i)}})
		if res.Status == 429 {
			limited++
		}
	}
	if limited == 0 {
		t.Fatal("rotating X-Forwarded-For escaped the per-client limit")
	}
}

func TestForwardedForFromATrustedProxyIsBelieved(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"}))
	for i := range 15 {
		res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
			Body:   map[string]string{"email": fmt.Sprintf("nobody%d@example.com", i), "password": "wrong-password"},
			Header: map[string]string{"X-Forwarded-For": fmt.Sprintf("203.0.113.%d", i)}})
		if res.Status != 401 {
			t.Fatalf("attempt %d from its own client address: %d", i, res.Status)
		}
	}
}

func TestAStrangerCannotLockTheOwnerOut(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"TRUSTED_PROXIES": "127.0.0.1/32"}))
	ana := s.Register(t, "Ana")
	// Wrong passwords for Ana's account from 8 other addresses, until each pair is limited.
	for addr := range 8 {
		for range 7 {
			s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
				Body:   map[string]string{"email": ana.Email, "password": "guessed-password"},
				Header: map[string]string{"X-Forwarded-For": fmt.Sprintf("203.0.113.%d", addr)}})
		}
	}
	// The owner, from her own address, still gets in.
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body:   map[string]string{"email": ana.Email, "password": ana.Password},
		Header: map[string]string{"X-Forwarded-For": "192.0.2.7"}}).Expect(t, 200)
	// And a guesser from one address is slowed down.
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body:   map[string]string{"email": ana.Email, "password": "guessed-password"},
		Header: map[string]string{"X-Forwarded-For": "203.0.113.0"}}).Expect(t, 429)
}

func TestRegistrationIsLimitedAndItsMessagesCarryNoChain(t *testing.T) {
	s := testkit.NewServer(t)
	email := "ana." + domain.NewID()[20:] + "@example.com"
	body := map[string]string{"email": email, "password": "long-enough", "name": "Ana"}
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/register", Body: body}).Expect(t, 201)
	res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/register", Body: body}).Expect(t, 409)
	var b struct {
		Error struct{ Code, Message string }
	}
	res.JSON(t, &b)
	if b.Error.Code != "CONFLICT" || b.Error.Message != "email already registered" {
		t.Fatalf("409 body %s", res.Body)
	}
	limited := false
	for i := range 10 {
		res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]string{
			"email": fmt.Sprintf("r%d.%s@example.com", i, domain.NewID()[20:]), "password": "long-enough", "name": "R"}})
		if res.Status == 429 {
			limited = res.Header.Get("Retry-After") != ""
			break
		}
	}
	if !limited {
		t.Fatal("registration from one address is not limited")
	}
}

func TestActionURLMustBeASameOriginPath(t *testing.T) {
	s := testkit.NewServer(t)
	admin := s.Admin(t, "Root", "root."+domain.NewID()[20:]+"@example.com")
	for _, bad := range []string{"//evil.example/phish", `/\evil.example`, "https://evil.example/", "/\t/evil.example"} {
		res := admin.Do(t, "POST", "/api/v1/notifications", map[string]any{"userId": admin.ID, "type": "SYSTEM",
			"title": "t", "message": "m", "actionUrl": bad}).Expect(t, 400)
		var b struct {
			Error struct{ Fields map[string]string }
		}
		res.JSON(t, &b)
		if b.Error.Fields["actionUrl"] == "" {
			t.Fatalf("%q: %s", bad, res.Body)
		}
	}
	admin.Do(t, "POST", "/api/v1/notifications", map[string]any{"userId": admin.ID, "type": "SYSTEM",
		"title": "t", "message": "m", "actionUrl": "/machines"}).Expect(t, 201)
}

func TestADrippedBodyIsCutWhileAStreamKeepsReceiving(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"HTTP_BODY_TIMEOUT": "1s"}))
	admin := s.Admin(t, "Root", "root."+domain.NewID()[20:]+"@example.com")
	ana := s.Register(t, "Ana")
	st := openStream(t, ana)

	u, _ := url.Parse(s.URL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/auth/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", u.Host)
	start := time.Now()
	done := make(chan string, 1)
	go func() {
		raw, _ := io.ReadAll(conn) // until the server closes
		done <- string(raw)
	}()
	drip := time.NewTicker(200 * time.Millisecond)
	defer drip.Stop()
	var answer string
wait:
	for {
		select {
		case answer = <-done:
			break wait
		case <-drip.C:
			_, _ = conn.Write([]byte(" "))
			if time.Since(start) > 5*time.Second {
				t.Fatal("the dripped body was not cut")
			}
		}
	}
	if !strings.Contains(answer, " 408 ") {
		t.Fatalf("answer %q", answer)
	}
	admin.Do(t, "POST", "/api/v1/notifications", map[string]any{"userId": ana.ID, "type": "SYSTEM", "title": "t", "message": "m"}).Expect(t, 201)
	if e := st.NextOf(t, "notification", streamWait); e.Type != "notification" {
		t.Fatalf("stream got %+v", e)
	}
}

// TestALongBodySentSteadilyIsNotCut: the body's deadline grows with its
// announced length (HTTP_BODY_MIN_RATE), so an upload that keeps coming is
// read whole even past HTTP_BODY_TIMEOUT; a drip is still cut (above).
func TestALongBodySentSteadilyIsNotCut(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"HTTP_BODY_TIMEOUT": "1s", "HTTP_BODY_MIN_RATE": "1000"}))
	u, _ := url.Parse(s.URL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"email":"nobody@example.com","password":"wrong-password"` + strings.Repeat(" ", 3000-58) + "}"
	fmt.Fprintf(conn, "POST /api/v1/auth/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", u.Host, len(body))
	// 3,000 bytes over about 2 s: past HTTP_BODY_TIMEOUT, within 1 s + 3,000 B at 1,000 B/s.
	for i := 0; i < len(body); i += 300 {
		if _, err := conn.Write([]byte(body[i:min(i+300, len(body))])); err != nil {
			t.Fatalf("the body was cut after %d bytes: %v", i, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	raw, _ := io.ReadAll(conn)
	if !strings.HasPrefix(string(raw), "HTTP/1.1 401") {
		t.Fatalf("want the login's own answer (401), got %q", raw)
	}
}

func TestConnectionsPerClientAreCapped(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"HTTP_MAX_CONNS_PER_CLIENT": "3"}))
	conns := dialN(t, s, 4)
	extra := conns[3]
	_ = extra.SetReadDeadline(time.Now().Add(3 * time.Second))
	raw, _ := io.ReadAll(extra)
	if !strings.HasPrefix(string(raw), "HTTP/1.1 429") {
		t.Fatalf("fourth connection got %q", raw)
	}
	for _, c := range conns {
		c.Close()
	}
	time.Sleep(100 * time.Millisecond)
	s.Send(t, testkit.Request{Method: "GET", Path: "/healthz"}).Expect(t, 200)
}

// dialN opens n connections to s, pausing before the last so that the
// server has counted the others; they close when the test ends.
func dialN(t *testing.T, s *testkit.Server, n int) []net.Conn {
	t.Helper()
	u, _ := url.Parse(s.URL)
	conns := make([]net.Conn, n)
	for i := range conns {
		if i == n-1 {
			time.Sleep(100 * time.Millisecond)
		}
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		conns[i] = c
	}
	return conns
}

func TestATrustedProxysConnectionsAreNotCapped(t *testing.T) {
	// Every client behind the proxy shares its address: after a restart all
	// their streams come back through it at once.
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"HTTP_MAX_CONNS_PER_CLIENT": "3", "TRUSTED_PROXIES": "127.0.0.0/8"}))
	c := dialN(t, s, 7)[6]
	_ = c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(c)
	if !strings.HasPrefix(string(raw), "HTTP/1.1 200") {
		t.Fatalf("seventh connection from the proxy got %q", raw)
	}
}

func TestAReadOnlyStoreAnswers503AndIsNotReady(t *testing.T) {
	s := testkit.NewServer(t)
	ana := s.Register(t, "Ana")
	if _, err := s.App.SQLite().Writer().ExecContext(context.Background(), "PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	res := ana.Do(t, "POST", "/api/v1/machines", map[string]any{"name": "Excavator", "serialNumber": "EX-1"}).Expect(t, 503)
	if res.ErrorCode() != "UNAVAILABLE" || res.Header.Get("Retry-After") == "" {
		t.Fatalf("write on a read-only store: %s %v", res.Body, res.Header)
	}
	var ready *testkit.Response
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if ready = s.Send(t, testkit.Request{Method: "GET", Path: "/readyz"}); ready.Status == 503 || time.Now().After(deadline) {
			break
		}
	}
	ready.Expect(t, 503)
	if ready.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
	ana.Do(t, "GET", "/api/v1/users/me", nil).Expect(t, 200) // reads go on
}

func TestMetricsAreNotPublic(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"METRICS_TOKEN": "metrics-token-0123456789"}))
	s.Send(t, testkit.Request{Method: "GET", Path: "/metrics"}).Expect(t, 401)
	s.Send(t, testkit.Request{Method: "GET", Path: "/metrics", Token: "metrics-token-0123456789"}).Expect(t, 200)
	elsewhere := testkit.NewServer(t, testkit.WithEnv(map[string]string{"METRICS_ADDR": "127.0.0.1:18111"}))
	elsewhere.Send(t, testkit.Request{Method: "GET", Path: "/metrics"}).Expect(t, 404)
}
