package maintenance

import (
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

var (
	machineID = domain.NewID()
	ownerID   = domain.NewID()
	t0        = time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
)

func fp(v float64) *float64 { return &v }
func ip(v int) *int         { return &v }

func mustPlan(t *testing.T, s Spec, startHours float64) Plan {
	t.Helper()
	p, err := New(machineID, ownerID, s, startHours, t0)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEvaluate(t *testing.T) {
	hoursOnly := Spec{Name: "Oil", IntervalHours: fp(250), DueSoonHours: fp(25)}
	daysOnly := Spec{Name: "Inspection", IntervalDays: ip(30), DueSoonDays: ip(5)}
	both := Spec{Name: "Service", IntervalHours: fp(500), DueSoonHours: fp(50), IntervalDays: ip(180), DueSoonDays: ip(14)}
	day := 24 * time.Hour
	tests := []struct {
		name  string
		spec  Spec
		hours float64 // current machine hours; the plan starts at 1000
		at    time.Time
		want  Status
	}{
		{"hours: fresh", hoursOnly, 1000, t0, StatusOK},
		{"hours: just before the margin", hoursOnly, 1224.9, t0, StatusOK},
		{"hours: exactly on the margin", hoursOnly, 1225, t0, StatusDueSoon},
		{"hours: inside the margin", hoursOnly, 1249.9, t0, StatusDueSoon},
		{"hours: exactly on the due point", hoursOnly, 1250, t0, StatusOverdue},
		{"hours: past due", hoursOnly, 1400, t0, StatusOverdue},
		{"hours: time alone never makes it due", hoursOnly, 1000, t0.Add(5000 * day), StatusOK},
		{"days: fresh", daysOnly, 1000, t0, StatusOK},
		{"days: a second before the margin", daysOnly, 1000, t0.Add(25*day - time.Second), StatusOK},
		{"days: exactly on the margin", daysOnly, 1000, t0.Add(25 * day), StatusDueSoon},
		{"days: exactly on the due point", daysOnly, 1000, t0.Add(30 * day), StatusOverdue},
		{"days: hours alone never make it due", daysOnly, 99999, t0, StatusOK},
		{"both: neither", both, 1100, t0.Add(10 * day), StatusOK},
		{"both: hours first (margin)", both, 1450, t0.Add(10 * day), StatusDueSoon},
		{"both: days first (margin)", both, 1100, t0.Add(166 * day), StatusDueSoon},
		{"both: hours overdue, days fine", both, 1500, t0, StatusOverdue},
		{"both: days overdue, hours fine", both, 1001, t0.Add(180 * day), StatusOverdue},
		{"both: hours due soon, days overdue", both, 1460, t0.Add(181 * day), StatusOverdue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlan(t, tt.spec, 1000)
			ev := p.Evaluate(tt.hours, tt.at, 0)
			if ev.Status != tt.want {
				t.Fatalf("status %v, want %v", ev.Status, tt.want)
			}
			if (tt.spec.IntervalHours != nil) != (ev.NextDueHours != nil) || (tt.spec.IntervalDays != nil) != (ev.NextDueAt != nil) {
				t.Fatalf("due figures %+v for spec %+v", ev, tt.spec)
			}
		})
	}
}

func TestEvaluateDueFiguresAndForecast(t *testing.T) {
	p := mustPlan(t, Spec{Name: "Service", IntervalHours: fp(500), IntervalDays: ip(180)}, 1000)
	ev := p.Evaluate(1100, t0.Add(24*time.Hour), 8)
	if *ev.NextDueHours != 1500 || !ev.NextDueAt.Equal(t0.AddDate(0, 0, 180)) {
		t.Fatalf("next due %v / %v", *ev.NextDueHours, ev.NextDueAt)
	}
	// 400 hours left at 8 h/day: 50 days from now.
	if want := t0.Add(24 * time.Hour).Add(50 * 24 * time.Hour); ev.ForecastDueAt == nil || !ev.ForecastDueAt.Equal(want) {
		t.Fatalf("forecast %v, want %v", ev.ForecastDueAt, want)
	}
	if ev := p.Evaluate(1100, t0, 0); ev.ForecastDueAt != nil {
		t.Fatal("no forecast without a daily use")
	}
	days := mustPlan(t, Spec{Name: "Inspection", IntervalDays: ip(30)}, 1000)
	if ev := days.Evaluate(1100, t0, 8); ev.ForecastDueAt != nil {
		t.Fatal("no forecast for a day-only plan")
	}
}

func TestCompletionResets(t *testing.T) {
	p := mustPlan(t, Spec{Name: "Service", IntervalHours: fp(250), IntervalDays: ip(90)}, 1000)
	at := t0.AddDate(0, 0, 100)
	if s := p.Evaluate(1260, at, 0).Status; s != StatusOverdue {
		t.Fatalf("before completion: %v", s)
	}
	done, c, err := p.Complete(ownerID, 1260, at, " changed oil ", at)
	if err != nil {
		t.Fatal(err)
	}
	if done.Cycle() != p.Cycle()+1 || c.Cycle() != done.Cycle() || c.Notes() != "changed oil" {
		t.Fatalf("cycle %d → %d, completion %+v", p.Cycle(), done.Cycle(), c)
	}
	ev := done.Evaluate(1260, at, 0)
	if ev.Status != StatusOK || *ev.NextDueHours != 1510 || !ev.NextDueAt.Equal(at.AddDate(0, 0, 90)) {
		t.Fatalf("after completion %+v (%v, %v)", ev, *ev.NextDueHours, ev.NextDueAt)
	}
	// A new cycle has announced nothing yet.
	if done.AlreadyAlerted(StatusDueSoon) {
		t.Fatal("new cycle should not count as alerted")
	}
	if _, _, err := done.Complete(ownerID, 1200, at, "", at); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("hours below the last completion: %v", err)
	}
	if _, _, err := done.Complete(ownerID, 1300, at.Add(25*time.Hour), "", at); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("completion in the future: %v", err)
	}
	if _, _, err := done.Complete(ownerID, 1300, at.Add(-time.Hour), "", at); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("completion before the previous one: %v", err)
	}
	// A form's "today at noon UTC" a few hours ahead means now.
	_, c2, err := done.Complete(ownerID, 1300, at.Add(4*time.Hour), "", at)
	if err != nil || !c2.PerformedAt().Equal(at) {
		t.Fatalf("near-future completion: %v %v", c2.PerformedAt(), err)
	}
	// Before the plan's start is fine for a first completion (the plan was entered late).
	if _, _, err := p.Complete(ownerID, 1000, t0.Add(-48*time.Hour), "", at); err != nil {
		t.Fatalf("first completion before the start: %v", err)
	}
}

func TestNewValidates(t *testing.T) {
	bad := []Spec{
		{Name: "", IntervalHours: fp(10)},
		{Name: "No interval"},
		{Name: "Zero", IntervalHours: fp(0)},
		{Name: "Negative days", IntervalDays: ip(-1)},
		{Name: "Margin too big", IntervalHours: fp(10), DueSoonHours: fp(10)},
		{Name: "Margin without interval", IntervalHours: fp(10), DueSoonDays: ip(1)},
	}
	for _, s := range bad {
		if _, err := New(machineID, ownerID, s, 0, t0); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%+v: %v", s, err)
		}
	}
	p := mustPlan(t, Spec{Name: "Defaults", IntervalHours: fp(250), IntervalDays: ip(90)}, 0)
	r := p.Record()
	if *r.DueSoonHours != 25 || *r.DueSoonDays != 9 {
		t.Fatalf("default margins %v h, %v d", *r.DueSoonHours, *r.DueSoonDays)
	}
	small := mustPlan(t, Spec{Name: "Small", IntervalHours: fp(5), IntervalDays: ip(3)}, 0).Record()
	if *small.DueSoonHours != 1 || *small.DueSoonDays != 1 {
		t.Fatalf("minimum margins %v h, %v d", *small.DueSoonHours, *small.DueSoonDays)
	}
}
