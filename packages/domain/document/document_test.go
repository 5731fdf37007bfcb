package document_test

import (
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
)

func TestNewRefusesNamingTheField(t *testing.T) {
	ok := document.Draft{MachineID: domain.NewID(), OwnerID: domain.NewID(), Type: document.TypeInsurance,
		Number: "POL-1", IssuedOn: "2026-01-01", ExpiresOn: "2027-01-01"}
	cases := []struct {
		name  string
		edit  func(*document.Draft)
		field string
	}{
		{"type", func(d *document.Draft) { d.Type = "PASSPORT" }, "type"},
		{"custom needs a name", func(d *document.Draft) { d.Type = document.TypeCustom }, "name"},
		{"no expiry", func(d *document.Draft) { d.ExpiresOn = "" }, "expiresOn"},
		{"bad expiry", func(d *document.Draft) { d.ExpiresOn = "31/01/2027" }, "expiresOn"},
		{"bad issue date", func(d *document.Draft) { d.IssuedOn = "2026-13-01" }, "issuedOn"},
		{"expires before issued", func(d *document.Draft) { d.ExpiresOn = "2025-12-31" }, "expiresOn"},
		{"long number", func(d *document.Draft) { d.Number = string(make([]byte, 101)) }, "number"},
		{"machine", func(d *document.Draft) { d.MachineID = "x" }, "machineId"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := ok
			c.edit(&d)
			_, err := document.New(d, time.Now())
			var fe *domain.FieldError
			if !errors.As(err, &fe) || fe.Field != c.field || !errors.Is(err, domain.ErrInvalid) {
				t.Fatalf("err = %v, want a field error on %s", err, c.field)
			}
		})
	}
	if _, err := document.New(ok, time.Now()); err != nil {
		t.Fatal(err)
	}
}

func TestReminderIsTheMostUrgentThresholdReached(t *testing.T) {
	now := time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		expires   string
		left      int
		threshold int
		ok        bool
		expired   bool
	}{
		{"2027-02-01", 61, 0, false, false},
		{"2027-01-01", 30, 30, true, false},
		{"2026-12-20", 18, 30, true, false},
		{"2026-12-09", 7, 7, true, false},
		{"2026-12-07", 5, 7, true, false},
		{"2026-12-02", 0, 0, true, true},
		{"2026-11-01", -31, 0, true, true},
	}
	for _, c := range cases {
		d, err := document.New(document.Draft{MachineID: domain.NewID(), OwnerID: domain.NewID(), Type: document.TypeRegistration,
			ExpiresOn: c.expires}, now)
		if err != nil {
			t.Fatal(err)
		}
		th, ok := d.Reminder(now, document.DefaultThresholds)
		if d.DaysLeft(now) != c.left || th != c.threshold || ok != c.ok || d.Expired(now) != c.expired {
			t.Errorf("%s: left %d, reminder %d %v, expired %v; want %d, %d %v, %v", c.expires, d.DaysLeft(now), th, ok,
				d.Expired(now), c.left, c.threshold, c.ok, c.expired)
		}
	}
}
