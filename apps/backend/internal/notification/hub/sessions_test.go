package hub

import (
	"testing"
	"time"
)

func TestCloseSessionClosesOnlyThatSessionsStreams(t *testing.T) {
	h := New(Config{MaxStreamsPerUser: 4, QueueSize: 16, Heartbeat: time.Hour}, nil)
	attach := func(user, sid string) {
		srv, _ := pair(t)
		s, err := h.AttachSession(user, sid, NewNetConn(srv, time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		s.GoLive(Position{})
	}
	attach("ana", "s1")
	attach("ana", "s2")
	attach("bea", "s3")
	if n := h.CloseSession("ana", "s1"); n != 1 {
		t.Fatalf("closed %d", n)
	}
	if n := h.CloseSession("ana", "s3"); n != 0 { // another user's session id
		t.Fatalf("closed %d of the wrong user", n)
	}
	if st := h.Stats(); st.Streams != 2 {
		t.Fatalf("%+v", st)
	}
	if n := h.CloseUser("ana"); n != 1 {
		t.Fatalf("CloseUser closed %d", n)
	}
	if st := h.Stats(); st.Streams != 1 || st.Users != 1 {
		t.Fatalf("%+v", st)
	}
}
