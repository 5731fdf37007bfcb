package fleetapp

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// TestDashboardFiguresOfOwnerOperatorAndStranger: the owner's dashboard
// counts every plan of every machine and the machines whose newest check
// failed; an operator's counts only the machine they operate (with its
// owner's plans); a stranger's is empty.
func TestDashboardFiguresOfOwnerOperatorAndStranger(t *testing.T) {
	f := newFixture(t)
	owner, stranger := f.user(t, "owner"), f.user(t, "stranger")
	overdue, dueSoon, fine := f.machine(t, owner, 1000), f.machine(t, owner, 1000), f.machine(t, owner, 1000)
	op := f.operator(t, owner, dueSoon.ID())
	for _, m := range []string{overdue.ID(), dueSoon.ID(), fine.ID()} {
		f.plan(t, owner, m, maintenance.Spec{Name: "Oil", IntervalHours: fp(250), DueSoonHours: fp(25)})
	}
	f.plan(t, owner, overdue.ID(), maintenance.Spec{Name: "Filters", IntervalHours: fp(100), DueSoonHours: fp(10)})
	reading := func(machineID string, hours float64) {
		t.Helper()
		if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: owner, MachineID: machineID, Hours: hours}); err != nil {
			t.Fatal(err)
		}
	}
	reading(overdue.ID(), 1260) // both plans overdue
	reading(dueSoon.ID(), 1230) // due soon
	check := func(machineID string, status quickcheck.Status) {
		t.Helper()
		if _, err := f.checks.Handle(ctx, AddQuickCheck{UserID: owner, MachineID: machineID,
			Items: []quickcheck.Item{{Key: "tyres", Label: "Tyres", Status: status, Notes: "looked at"}}}); err != nil {
			t.Fatal(err)
		}
	}
	check(dueSoon.ID(), quickcheck.StatusFailed)
	check(fine.ID(), quickcheck.StatusFailed)
	check(fine.ID(), quickcheck.StatusPassed) // the newest check of fine passed

	dash := func(userID string) Dashboard {
		t.Helper()
		d, err := NewGetDashboardHandler(f.machines).Handle(ctx, GetDashboard{UserID: userID})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := dash(owner)
	if d.Machines != 3 || d.Overdue != 2 || d.DueSoon != 1 || d.AttentionCount != 2 || d.QuickCheckFailureCount != 1 {
		t.Fatalf("owner's dashboard %+v", d)
	}
	if d.Attention[0].Machine.ID() != overdue.ID() || !d.Attention[0].Overdue || len(d.Attention[0].Plans) != 2 ||
		d.Attention[1].Machine.ID() != dueSoon.ID() || d.QuickCheckFailures[0].Machine.ID() != dueSoon.ID() {
		t.Fatalf("owner's lists %+v / %+v", d.Attention, d.QuickCheckFailures)
	}
	if d := dash(op); d.Machines != 1 || d.Overdue != 0 || d.DueSoon != 1 || d.AttentionCount != 1 ||
		d.QuickCheckFailureCount != 1 || d.QuickCheckFailures[0].Machine.ID() != dueSoon.ID() {
		t.Fatalf("operator's dashboard %+v", d)
	}
	if d := dash(stranger); d.Machines != 0 || d.Overdue != 0 || d.DueSoon != 0 || d.AttentionCount != 0 || d.QuickCheckFailureCount != 0 {
		t.Fatalf("stranger's dashboard %+v", d)
	}
}
