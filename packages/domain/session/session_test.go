package session

import (
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestNewAndLive(t *testing.T) {
	now := time.Now()
	if _, err := New("not-an-id", now, time.Hour); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("bad user id: %v", err)
	}
	s, err := New(domain.NewID(), now, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if !domain.ValidID(s.ID()) || !s.Live(now) || s.Live(now.Add(2*time.Hour)) {
		t.Fatalf("session %+v", s)
	}
	ended := FromStore(s.ID(), s.UserID(), s.CreatedAt(), s.ExpiresAt(), now)
	if ended.Live(now) {
		t.Fatal("an ended session is live")
	}
}
