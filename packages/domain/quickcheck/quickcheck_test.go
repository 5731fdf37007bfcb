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
	q, err := New(m, a, Checklist{Items: []Item{{Key: " tyres ", Label: " Tyres ", Status: StatusPassed}, {Key: "horn", Label: "Horn", Status: StatusFailed, Notes: " quiet "}}, OperatingHours: &h, Notes: " n "}, time.Now())
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
		{[]Item{{Key: "a", Label: "A", Status: StatusPassed}, {Key: "a", Label: "B", Status: StatusPassed}}, nil, ""},
		{[]Item{{Key: strings.Repeat("k", 51), Label: "A", Status: StatusPassed}}, nil, ""},
		{[]Item{{Key: "a", Label: "A", Status: StatusPassed}}, &neg, ""},
		{[]Item{{Key: "a", Label: "A", Status: StatusPassed}}, nil, strings.Repeat("n", 2001)},
		{[]Item{{Key: "a", Label: "A"}}, nil, ""},                                                       // unanswered
		{[]Item{{Key: "a", Label: "A", Status: "MAYBE"}}, nil, ""},                                      // not an answer
		{[]Item{{Key: "a", Label: "A", Status: StatusFailed}}, nil, ""},                                 // failed without a note
		{[]Item{{Key: "a", Status: StatusPassed}}, nil, ""},                                             // custom item without a label
		{[]Item{{Key: "a", Label: "A", Status: StatusFailed, Notes: "x", Severity: "URGENT"}}, nil, ""}, // not a severity
	}
	for _, b := range bad {
		if _, err := New(m, a, Checklist{Items: b.items, OperatingHours: b.hours, Notes: b.notes}, time.Now()); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%+v: %v", b, err)
		}
	}
}

// TestItemSeverity: a failed item keeps the operator's severity (upper-cased);
// a passed one keeps none.
func TestItemSeverity(t *testing.T) {
	q, err := New(domain.NewID(), domain.NewID(), Checklist{Items: []Item{
		{Key: "a", Label: "A", Status: StatusFailed, Notes: "x", Severity: " critical "},
		{Key: "b", Label: "B", Status: StatusPassed, Severity: "HIGH"},
		{Key: "c", Label: "C", Status: StatusFailed, Notes: "y"},
	}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	items := q.Items()
	if items[0].Severity != "CRITICAL" || items[1].Severity != "" || q.ItemSeverity(items[2]) != "MEDIUM" {
		t.Fatalf("items %+v", items)
	}
}

func TestTemplateChecklist(t *testing.T) {
	m, a := domain.NewID(), domain.NewID()
	keys, ok := TemplateKeys(TemplateVersion)
	if !ok || len(keys) == 0 {
		t.Fatal("no template")
	}
	full := func() []Item {
		items := make([]Item, len(keys))
		for i, k := range keys {
			items[i] = Item{Key: k, Label: "Etiqueta", Status: StatusPassed}
		}
		return items
	}
	items := full()
	items[1].Status, items[1].Notes = StatusFailed, "leak"
	items[2].Status = StatusNotApplicable
	q, err := New(m, a, Checklist{TemplateVersion: TemplateVersion, Items: append(items, Item{Key: "beacon", Label: "Beacon", Status: StatusPassed})}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	got := q.Items()
	if q.TemplateVersion() != TemplateVersion || got[0].Label != "" || got[len(got)-1].Label != "Beacon" ||
		!got[2].Passed || got[1].Passed || len(q.FailedItems()) != 1 {
		t.Fatalf("check %+v", q.Record())
	}
	// A missing template item and an unanswered one are refused, naming the item.
	var fe *domain.FieldError
	if _, err := New(m, a, Checklist{TemplateVersion: TemplateVersion, Items: full()[1:]}, time.Now()); !errors.As(err, &fe) || !strings.Contains(fe.Message, keys[0]) {
		t.Fatalf("missing item: %v", err)
	}
	items = full()
	items[3].Status = ""
	if _, err := New(m, a, Checklist{TemplateVersion: TemplateVersion, Items: items}, time.Now()); !errors.As(err, &fe) ||
		fe.Field != "items[3].status" || !strings.Contains(fe.Message, keys[3]) {
		t.Fatalf("unanswered item: %v", err)
	}
	if _, err := New(m, a, Checklist{TemplateVersion: 99, Items: full()}, time.Now()); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("unknown version: %v", err)
	}
}

func TestFromStoreDerivesStatus(t *testing.T) {
	q := FromStore(StoreRecord{Items: []Item{{Key: "a", Passed: true}, {Key: "b"}}})
	if it := q.Items(); it[0].Status != StatusPassed || it[1].Status != StatusFailed {
		t.Fatalf("items %+v", it)
	}
}
