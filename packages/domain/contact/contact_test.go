package contact

import (
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestNewRequest(t *testing.T) {
	a, b := domain.NewID(), domain.NewID()
	r, err := NewRequest(a, b, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if r.Status() != StatusPending || r.RespondedAt() != nil || !domain.ValidID(r.ID()) ||
		r.PairKey() != PairKey(b, a) || !r.Involves(a) || !r.Involves(b) || r.Involves(domain.NewID()) {
		t.Fatalf("unexpected request %+v", r)
	}
	if _, err := NewRequest(a, a, time.Now()); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("to oneself: %v", err)
	}
	if _, err := NewRequest(a, "nope", time.Now()); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("bad id: %v", err)
	}
}
