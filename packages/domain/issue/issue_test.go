package issue

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

func TestNewValidates(t *testing.T) {
	m, o, r := domain.NewID(), domain.NewID(), domain.NewID()
	tests := []struct {
		name  string
		spec  Spec
		field string
	}{
		{"no title", Spec{Title: "  ", Severity: SeverityLow}, "title"},
		{"long title", Spec{Title: strings.Repeat("t", MaxTitle+1), Severity: SeverityLow}, "title"},
		{"long description", Spec{Title: "Leak", Description: strings.Repeat("d", MaxDescription+1), Severity: SeverityLow}, "description"},
		{"no severity", Spec{Title: "Leak"}, "severity"},
		{"unknown severity", Spec{Title: "Leak", Severity: "URGENT"}, "severity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe *domain.FieldError
			if _, err := New(m, o, r, tt.spec, time.Now()); !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("err %v, want field %s", err, tt.field)
			}
		})
	}
	i, err := New(m, o, r, Spec{Title: " Leak ", Description: " boom ", Severity: SeverityMedium}, time.Now())
	if err != nil || i.Title() != "Leak" || i.Record().Description != "boom" || i.Status() != StatusOpen || i.Rev() != 1 {
		t.Fatalf("%+v %v", i.Record(), err)
	}
}

func TestTransitions(t *testing.T) {
	by := domain.NewID()
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	open, _ := New(domain.NewID(), domain.NewID(), domain.NewID(), Spec{Title: "Leak", Severity: SeverityHigh}, now)
	ack, err := open.Acknowledge(by, now.Add(time.Hour))
	if err != nil || ack.Status() != StatusAcknowledged || ack.Rev() != 2 || ack.Record().Acknowledged.By != by {
		t.Fatalf("acknowledge %+v %v", ack.Record(), err)
	}
	if _, err := ack.Acknowledge(by, now); !errors.Is(err, ErrTransition) {
		t.Fatalf("acknowledge twice: %v", err)
	}
	wo := domain.NewID()
	done, err := ack.Close(by, StatusResolved, wo, now.Add(2*time.Hour))
	if err != nil || done.Status() != StatusResolved || done.Record().WorkOrderID != wo || done.Rev() != 3 ||
		!done.Record().Closed.At.Equal(now.Add(2*time.Hour)) {
		t.Fatalf("resolve %+v %v", done.Record(), err)
	}
	if _, err := done.Close(by, StatusWontFix, "", now); !errors.Is(err, ErrTransition) {
		t.Fatalf("close a closed issue: %v", err)
	}
	if _, err := open.Close(by, StatusWontFix, wo, now); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("won't fix with a work order: %v", err)
	}
	if _, err := open.Close(by, StatusAcknowledged, "", now); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("close to a non-closing status: %v", err)
	}
	if w, err := open.Close(by, StatusWontFix, "", now); err != nil || w.Status() != StatusWontFix || w.Record().Acknowledged != nil {
		t.Fatalf("won't fix from open: %+v %v", w.Record(), err)
	}
}

func TestFromCheckItem(t *testing.T) {
	m, a, o := domain.NewID(), domain.NewID(), domain.NewID()
	q, err := quickcheck.New(m, a, quickcheck.Checklist{Items: []quickcheck.Item{
		{Key: "beacon", Label: "Beacon", Status: quickcheck.StatusFailed, Notes: "broken lens"},
		{Key: "horn", Label: "Horn", Status: quickcheck.StatusPassed},
	}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	i, err := FromCheckItem(o, q, q.FailedItems()[0], time.Now())
	r := i.Record()
	if err != nil || r.CheckID != q.ID() || r.ItemKey != "beacon" || r.Title != "Beacon" || r.Description != "broken lens" ||
		r.ReporterID != a || r.OwnerID != o || r.Severity != SeverityMedium {
		t.Fatalf("%+v %v", r, err)
	}
	if _, err := FromCheckItem(o, q, q.Items()[1], time.Now()); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("passed item: %v", err)
	}
}

// TestCheckItemSeverity: a failed item's issue takes the operator's severity,
// else the item's default (HIGH for the template's brakes and safety, MEDIUM
// for the other template items and for custom ones).
func TestCheckItemSeverity(t *testing.T) {
	keys, _ := quickcheck.TemplateKeys(quickcheck.TemplateVersion)
	tests := []struct {
		key, chosen string
		custom      bool
		want        Severity
	}{
		{key: "brakes", want: SeverityHigh},
		{key: "safety", want: SeverityHigh},
		{key: "tyres", want: SeverityMedium},
		{key: "lights", want: SeverityMedium},
		{key: "tyres", chosen: "critical", want: SeverityCritical},
		{key: "brakes", chosen: "LOW", want: SeverityLow},
		{key: "brakes", custom: true, want: SeverityMedium}, // a custom checklist's "brakes" is not the template's
		{key: "beacon", custom: true, chosen: "HIGH", want: SeverityHigh},
	}
	for _, tt := range tests {
		var c quickcheck.Checklist
		if tt.custom {
			c.Items = []quickcheck.Item{{Key: tt.key, Label: "Custom", Status: quickcheck.StatusFailed, Notes: "bad", Severity: tt.chosen}}
		} else {
			c.TemplateVersion = quickcheck.TemplateVersion
			for _, k := range keys {
				it := quickcheck.Item{Key: k, Status: quickcheck.StatusPassed}
				if k == tt.key {
					it = quickcheck.Item{Key: k, Status: quickcheck.StatusFailed, Notes: "bad", Severity: tt.chosen}
				}
				c.Items = append(c.Items, it)
			}
		}
		q, err := quickcheck.New(domain.NewID(), domain.NewID(), c, time.Now())
		if err != nil {
			t.Fatalf("%+v: %v", tt, err)
		}
		i, err := FromCheckItem(domain.NewID(), q, q.FailedItems()[0], time.Now())
		if err != nil || i.Severity() != tt.want {
			t.Errorf("%+v: severity %s (%v), want %s", tt, i.Severity(), err, tt.want)
		}
	}
}

// TestCheckSeveritiesAreIssueSeverities keeps quickcheck's list equal to this package's values.
func TestCheckSeveritiesAreIssueSeverities(t *testing.T) {
	want := []Severity{SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
	if len(quickcheck.Severities) != len(want) {
		t.Fatalf("quickcheck.Severities = %v", quickcheck.Severities)
	}
	for i, s := range quickcheck.Severities {
		if Severity(s) != want[i] {
			t.Errorf("quickcheck.Severities[%d] = %s, want %s", i, s, want[i])
		}
	}
}

func TestNewComment(t *testing.T) {
	if _, err := NewComment(domain.NewID(), domain.NewID(), "  ", time.Now()); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("empty comment: %v", err)
	}
	c, err := NewComment(domain.NewID(), domain.NewID(), " ok ", time.Now())
	if err != nil || c.Body != "ok" {
		t.Fatalf("%+v %v", c, err)
	}
}
