package testkit

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/sse"
)

// Stream is an open notification stream read by the WHATWG parser of
// platform/sse, as a browser's EventSource reads it.
type Stream struct {
	Response *http.Response

	cancel context.CancelFunc
	mu     sync.Mutex
	wake   chan struct{}
	events []sse.Parsed
	next   int
	beats  int
	retry  int
	lastID string
	ended  bool
	err    error
	done   chan struct{}
}

// StreamOptions say how to open a stream.
type StreamOptions struct {
	Token       string       // Bearer auth
	Cookie      *http.Cookie // cookie auth (EventSource withCredentials)
	LastEventID string       // sent as the Last-Event-ID header
	Query       url.Values   // e.g. lastEventId
}

// OpenStream opens GET /api/v1/notifications/stream. It returns the stream
// when the answer is 200, else the finished response.
func (s *Server) OpenStream(t testing.TB, o StreamOptions) (*Stream, *Response) {
	t.Helper()
	u := s.URL + "/api/v1/notifications/stream"
	if len(o.Query) > 0 {
		u += "?" + o.Query.Encode()
	}
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/event-stream")
	if o.Token != "" {
		req.Header.Set("Authorization", "Bearer "+o.Token)
	}
	if o.Cookie != nil {
		req.AddCookie(o.Cookie)
	}
	if o.LastEventID != "" {
		req.Header.Set("Last-Event-ID", o.LastEventID)
	}
	client := streamClient
	if s.Client != nil {
		client = s.Client
	}
	res, err := client.Do(req)
	if err != nil {
		cancel()
		t.Fatalf("open stream: %v", err)
	}
	if res.StatusCode != http.StatusOK {
		defer cancel()
		defer res.Body.Close()
		var b strings.Builder
		_, _ = bufio.NewReader(res.Body).WriteTo(&b)
		return nil, &Response{Status: res.StatusCode, Header: res.Header, Body: []byte(b.String())}
	}
	st := &Stream{Response: res, cancel: cancel, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go st.read()
	t.Cleanup(st.Close)
	return st, nil
}

// streamClient has one connection per stream and no timeouts.
var streamClient = &http.Client{Transport: &http.Transport{DisableCompression: true, DisableKeepAlives: true,
	DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}}

// Stream opens a stream authenticated as u (Bearer); it fails unless the answer is 200.
func (u *User) Stream(t testing.TB, lastEventID string) *Stream {
	t.Helper()
	st, res := u.s.OpenStream(t, StreamOptions{Token: u.Token, LastEventID: lastEventID})
	if st == nil {
		t.Fatalf("stream: status %d: %s", res.Status, res.Body)
	}
	return st
}

func (st *Stream) read() {
	defer close(st.done)
	p := &sse.Parser{
		OnEvent: func(e sse.Parsed) {
			st.mu.Lock()
			st.events = append(st.events, e)
			st.lastID = e.LastEventID
			st.mu.Unlock()
			st.signal()
		},
		OnComment: func(c string) {
			st.mu.Lock()
			if c == "heartbeat" {
				st.beats++
			}
			st.mu.Unlock()
			st.signal()
		},
		OnRetry: func(ms int) {
			st.mu.Lock()
			st.retry = ms
			st.mu.Unlock()
		},
	}
	buf := make([]byte, 32<<10)
	for {
		n, err := st.Response.Body.Read(buf)
		p.Feed(buf[:n])
		if err != nil {
			st.mu.Lock()
			st.ended, st.err = true, err
			st.mu.Unlock()
			st.signal()
			return
		}
	}
}

func (st *Stream) signal() {
	select {
	case st.wake <- struct{}{}:
	default:
	}
}

// Next returns the next event not yet returned, waiting up to timeout.
func (st *Stream) Next(t testing.TB, timeout time.Duration) sse.Parsed {
	t.Helper()
	e, ok := st.TryNext(timeout)
	if !ok {
		t.Fatalf("no event within %v (stream ended: %v)", timeout, st.Ended())
	}
	return e
}

// TryNext is Next without failing: ok is false on timeout or at the end of the stream.
func (st *Stream) TryNext(timeout time.Duration) (sse.Parsed, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		st.mu.Lock()
		if st.next < len(st.events) {
			e := st.events[st.next]
			st.next++
			st.mu.Unlock()
			return e, true
		}
		ended := st.ended
		st.mu.Unlock()
		if ended {
			return sse.Parsed{}, false
		}
		select {
		case <-st.wake:
		case <-deadline.C:
			return sse.Parsed{}, false
		}
	}
}

// NextOf skips to the next event of type typ.
func (st *Stream) NextOf(t testing.TB, typ string, timeout time.Duration) sse.Parsed {
	t.Helper()
	end := time.Now().Add(timeout)
	for {
		e, ok := st.TryNext(time.Until(end))
		if !ok {
			t.Fatalf("no %s event within %v (stream ended: %v)", typ, timeout, st.Ended())
		}
		if e.Type == typ {
			return e
		}
	}
}

// Events returns every event received so far.
func (st *Stream) Events() []sse.Parsed {
	st.mu.Lock()
	defer st.mu.Unlock()
	return append([]sse.Parsed(nil), st.events...)
}

// Heartbeats counts the ": heartbeat" comments received.
func (st *Stream) Heartbeats() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.beats
}

// Retry is the reconnection time the server announced, in ms.
func (st *Stream) Retry() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.retry
}

// LastEventID is what EventSource would send on reconnect.
func (st *Stream) LastEventID() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.lastID
}

// Ended reports whether the server closed the stream (or reading failed).
func (st *Stream) Ended() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.ended
}

// WaitEnded waits until the stream ends.
func (st *Stream) WaitEnded(t testing.TB, timeout time.Duration) {
	t.Helper()
	select {
	case <-st.done:
	case <-time.After(timeout):
		t.Fatalf("stream still open after %v", timeout)
	}
}

// Close closes the client side, as a closed tab does.
func (st *Stream) Close() {
	st.cancel()
	_ = st.Response.Body.Close()
	<-st.done
}

// RawStream opens a stream on a bare TCP connection with a small receive
// buffer and never reads it: a client that does not keep up.
func (s *Server) RawStream(t testing.TB, token string) net.Conn {
	t.Helper()
	u, _ := url.Parse(s.URL)
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetReadBuffer(4 << 10)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET /api/v1/notifications/stream HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nAccept: text/event-stream\r\n\r\n", u.Host, token)
	return conn
}

// RegisterAs is Register with a chosen email (e.g. one listed in ADMIN_EMAILS).
func (s *Server) RegisterAs(t testing.TB, name, email string) *User {
	t.Helper()
	pw := "password-" + name
	res := s.Send(t, Request{Method: "POST", Path: "/api/v1/auth/register",
		Body: map[string]string{"email": email, "password": pw, "name": name, "businessName": name + " Ltd"}}).Expect(t, http.StatusCreated)
	return s.signedIn(t, res, pw)
}

// As returns u signed in on another server sharing the same store and secret.
func (u *User) As(s *Server) *User {
	c := *u
	c.s = s
	return &c
}

// Admin creates an admin account the way the operator does (`fleetman admin
// create`) and signs it in. Registering an ADMIN_EMAILS address grants nothing.
func (s *Server) Admin(t testing.TB, name, email string) *User {
	t.Helper()
	pw := "password-" + name
	if _, err := s.App.CreateAdmin().Handle(context.Background(), accountapp.CreateAdmin{
		Email: email, Password: pw, Name: name, BusinessName: name + " Ltd"}); err != nil {
		t.Fatal(err)
	}
	return s.Login(t, email, pw)
}

// Login signs email in and returns the account with its token and cookie.
func (s *Server) Login(t testing.TB, email, pw string) *User {
	t.Helper()
	res := s.Send(t, Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": email, "password": pw}}).Expect(t, http.StatusOK)
	return s.signedIn(t, res, pw)
}

// signedIn reads the account, token and cookie of a register or login answer.
func (s *Server) signedIn(t testing.TB, res *Response, pw string) *User {
	t.Helper()
	var out struct {
		User  struct{ ID, Email, Name string } `json:"user"`
		Token string                           `json:"token"`
	}
	res.JSON(t, &out)
	u := &User{ID: out.User.ID, Email: out.User.Email, Name: out.User.Name, Password: pw, Token: out.Token, s: s}
	for _, c := range (&http.Response{Header: res.Header}).Cookies() {
		if c.Name == "fleetman_token" {
			u.Cookie = c
		}
	}
	return u
}
