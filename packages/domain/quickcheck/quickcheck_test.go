package quickcheck

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestNewAndFailedItems(t *testing.T) {
	m, a := domain.NewID(), domain.NewID()
	h := 10.0
	q, err := New(m, a, []Item{{Key: " tyres ", Label: " Tyres ", Passed: true}, {Key: "horn", Label: "Horn", Notes: " quiet "}}, &h, " n ", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	items := q.Items()
	if items[0].Key != "tyres" || items[0].Label != "Tyres" || q.Notes() != "n" || q.Passed() ||
		len(q.FailedItems()) != 1 || q.FailedItems()[0].Notes != "quiet" || *q.OperatingHours() != 10 {
		t.Fatalf("check %+v", q.Record())
	}
	neg := -1.0
	bad := []struct {
		items []Item
		hours *float64
		notes string
	}{
		{nil, nil, ""},
		{[]Item{{Key: "a", Label: "A"}, {Key: "a", Label: "B"}}, nil, ""},
		{[]Item{{Key: strings.Repeat("k", 51), Label: "A"}}, nil, ""},
		{[]Item{{Key: "a", Label: "A"}}, &neg, ""},
		{[]Item{{Key: "a", Label: "A"}}, nil, strings.Repeat("n", 2001)},
	}
	for _, b := range bad {
		if _, err := New(m, a, b.items, b.hours, b.notes, time.Now()); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%+v: %v", b, err)
		}
	}
}
