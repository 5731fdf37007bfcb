package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

var ctx = context.Background()

func fp(v float64) *float64 { return &v }
func ip(v int) *int         { return &v }

func (f *fixture) machine(t *testing.T, owner string, hours float64) machine.Machine {
	t.Helper()
	m, err := NewCreateMachineHandler(f.machines).Handle(ctx, CreateMachine{OwnerID: owner, OperatingHours: hours,
		Details: machine.Details{SerialNumber: "SN-" + domain.NewID()[24:], Name: "Digger " + domain.NewID()[28:]}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (f *fixture) plan(t *testing.T, owner, machineID string, spec maintenance.Spec) maintenance.Plan {
	t.Helper()
	v, err := NewCreateMaintenancePlanHandler(f.plans).Handle(ctx, CreateMaintenancePlan{UserID: owner, MachineID: machineID, Spec: spec})
	if err != nil {
		t.Fatal(err)
	}
	return v.Plan
}

func (f *fixture) operator(t *testing.T, owner, machineID string) string {
	t.Helper()
	op := f.user(t, "operator")
	f.contacts.add(owner, op)
	if err := NewAssignOperatorHandler(f.machines).Handle(ctx, AssignOperator{UserID: owner, MachineID: machineID, OperatorID: op}); err != nil {
		t.Fatal(err)
	}
	return op
}

func alertsOf(ds []notification.Draft) map[string]int {
	out := map[string]int{}
	for _, d := range ds {
		if d.Type == notification.TypeMaintenanceAlert {
			out[fmt.Sprintf("%s/%s/%s", d.UserID, d.Metadata["planId"], d.Metadata["status"])]++
		}
	}
	return out
}

func TestAlarmsAreSentOncePerStateAndCycle(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 1000)
	op := f.operator(t, owner, m.ID())
	p := f.plan(t, owner, m.ID(), maintenance.Spec{Name: "Oil", IntervalHours: fp(250), DueSoonHours: fp(25)})

	run := func() AlarmResult {
		t.Helper()
		res, err := f.alarms.Handle(ctx, CheckMaintenanceAlarms{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := run(); res.Checked != 1 || res.Alerted != 0 || len(f.notifier.all()) != 0 {
		t.Fatalf("fresh plan alerted: %+v %v", res, f.notifier.all())
	}

	// The operator's reading crosses the margin: the alert is immediate.
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: op, MachineID: m.ID(), Hours: 1230}); err != nil {
		t.Fatal(err)
	}
	ds := f.notifier.all()
	if len(ds) != 2 {
		t.Fatalf("want one DUE_SOON alert to owner and operator, got %+v", ds)
	}
	for i, want := range []string{owner, op} {
		d := ds[i]
		if d.UserID != want || d.Priority != notification.PriorityNormal || d.Title != "notification.maintenanceDueSoon.title" ||
			d.Message != "notification.maintenanceDueSoon.body" || d.ActionURL != "/machines/"+m.ID() || d.Source != "maintenance" {
			t.Fatalf("draft %d: %+v", i, d)
		}
		md := d.Metadata
		if md["machineId"] != m.ID() || md["machineName"] != m.Name() || md["planId"] != p.ID() || md["planName"] != "Oil" ||
			md["status"] != "DUE_SOON" || md["currentHours"] != 1230.0 || md["nextDueHours"] != 1250.0 || md["nextDueAt"] != nil {
			t.Fatalf("metadata %v", md)
		}
	}
	// Runs and further readings in the same state send nothing.
	if res := run(); res.Alerted != 0 {
		t.Fatalf("second run alerted: %+v", res)
	}
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: op, MachineID: m.ID(), Hours: 1240}); err != nil {
		t.Fatal(err)
	}
	if n := len(f.notifier.all()); n != 2 {
		t.Fatalf("%d notifications after a reading in the same state", n)
	}

	// Overdue: once more, HIGH.
	f.notifier.reset()
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: owner, MachineID: m.ID(), Hours: 1251}); err != nil {
		t.Fatal(err)
	}
	run()
	ds = f.notifier.all()
	if len(ds) != 2 || ds[0].Priority != notification.PriorityHigh || ds[0].Metadata["status"] != "OVERDUE" ||
		ds[0].Title != "notification.maintenanceOverdue.title" {
		t.Fatalf("overdue alerts %+v", ds)
	}

	// Completion restarts the cycle: the next crossing alerts again.
	f.notifier.reset()
	if _, err := NewCompletePlanHandler(f.plans).Handle(ctx, CompletePlan{UserID: owner, MachineID: m.ID(), PlanID: p.ID(), Notes: "done"}); err != nil {
		t.Fatal(err)
	}
	if res := run(); res.Alerted != 0 {
		t.Fatalf("just completed, alerted %+v", res)
	}
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: owner, MachineID: m.ID(), Hours: 1480}); err != nil {
		t.Fatal(err)
	}
	if got := alertsOf(f.notifier.all()); len(got) != 2 || got[owner+"/"+p.ID()+"/DUE_SOON"] != 1 {
		t.Fatalf("after completion %v", got)
	}
}

func TestAlarmsForDayPlansComeFromTheScheduledRun(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 10)
	p := f.plan(t, owner, m.ID(), maintenance.Spec{Name: "Inspection", IntervalDays: ip(30)}) // default margin: 3 days
	f.clock.Advance(27 * 24 * time.Hour)
	res, err := f.alarms.Handle(ctx, CheckMaintenanceAlarms{})
	if err != nil || res.Alerted != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	d := f.notifier.all()[0]
	if d.Metadata["nextDueAt"] != t0.AddDate(0, 0, 30).Format(time.RFC3339) || d.Metadata["nextDueHours"] != nil || d.Metadata["planId"] != p.ID() {
		t.Fatalf("metadata %v", d.Metadata)
	}
}

func TestAlarmsWalkPagesAndScopeToOwner(t *testing.T) {
	f := newFixture(t)
	ann, bob := f.user(t, "ann"), f.user(t, "bob")
	for _, owner := range []string{ann, bob} {
		for i := 0; i < 3; i++ {
			m := f.machine(t, owner, 0)
			f.plan(t, owner, m.ID(), maintenance.Spec{Name: "A", IntervalDays: ip(10)})
			f.plan(t, owner, m.ID(), maintenance.Spec{Name: "B", IntervalDays: ip(100)})
		}
	}
	f.clock.Advance(11 * 24 * time.Hour) // every "A" overdue, every "B" fine
	res, err := f.alarms.Handle(ctx, CheckMaintenanceAlarms{OwnerID: ann})
	if err != nil || res.Checked != 6 || res.Alerted != 3 {
		t.Fatalf("ann's run: %+v %v", res, err)
	}
	for _, d := range f.notifier.all() {
		if d.UserID != ann {
			t.Fatalf("ann's run alerted %s", d.UserID)
		}
	}
	res, err = f.alarms.Handle(ctx, CheckMaintenanceAlarms{})
	if err != nil || res.Checked != 12 || res.Alerted != 3 {
		t.Fatalf("full run: %+v %v", res, err)
	}
	// A page's alerts go to the NotificationService as one batch: bob's 6
	// plans in pages of 4 (A1 B1 A2 B2 | A3 B3), each page with "B"s newly
	// overdue ("A"s were alerted already): two batches, three alerts.
	f.notifier.reset()
	f.clock.Advance(100 * 24 * time.Hour)
	before := f.notifier.batches
	res, err = f.newAlarms(4).Handle(ctx, CheckMaintenanceAlarms{OwnerID: bob})
	if err != nil || res.Checked != 6 || res.Alerted != 3 {
		t.Fatalf("bob's paged run: %+v %v", res, err)
	}
	if got := f.notifier.batches - before; got != 2 || len(f.notifier.all()) != 3 {
		t.Fatalf("%d batches, %d alerts", got, len(f.notifier.all()))
	}
}

// Two instances of the use case run at the same moment on one store: every
// plan and state is announced exactly once to each recipient.
func TestTwoRunnersRaceSendOneAlertPerPlanAndState(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	var plans []maintenance.Plan
	for i := 0; i < 5; i++ {
		m := f.machine(t, owner, 0)
		for j := 0; j < 3; j++ {
			plans = append(plans, f.plan(t, owner, m.ID(), maintenance.Spec{Name: "P", IntervalDays: ip(10 + j), DueSoonDays: ip(1 + j)}))
		}
	}
	runners := []*CheckMaintenanceAlarmsHandler{f.newAlarms(4), f.newAlarms(3)}
	race := func() {
		var wg sync.WaitGroup
		for round := 0; round < 3; round++ {
			for _, r := range runners {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := r.Handle(ctx, CheckMaintenanceAlarms{}); err != nil {
						t.Error(err)
					}
				}()
			}
		}
		wg.Wait()
	}
	f.clock.Advance(9 * 24 * time.Hour) // all due soon (each margin starts on day 9)
	race()
	f.clock.Advance(10 * 24 * time.Hour) // all overdue
	race()
	got := alertsOf(f.notifier.all())
	if len(got) != 2*len(plans) {
		t.Fatalf("%d distinct alerts, want %d: %v", len(got), 2*len(plans), got)
	}
	for k, n := range got {
		if n != 1 {
			t.Fatalf("%s sent %d times", k, n)
		}
	}
}

func TestMachineAuthorization(t *testing.T) {
	f := newFixture(t)
	owner, stranger := f.user(t, "owner"), f.user(t, "stranger")
	m := f.machine(t, owner, 5)
	op := f.operator(t, owner, m.ID())
	name := "Renamed"

	// A stranger cannot tell the machine exists.
	if _, err := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: stranger, MachineID: m.ID()}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("stranger get: %v", err)
	}
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: stranger, MachineID: m.ID(), Hours: 6}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("stranger reading: %v", err)
	}
	if _, err := NewUpdateMachineHandler(f.machines).Handle(ctx, UpdateMachine{UserID: stranger, MachineID: m.ID(), Patch: DetailsPatch{Name: &name}}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("stranger update: %v", err)
	}
	if _, err := f.checks.Handle(ctx, AddQuickCheck{UserID: stranger, MachineID: m.ID(),
		Items: []quickcheck.Item{{Key: "k", Label: "L", Status: quickcheck.StatusPassed}}}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("stranger quick check: %v", err)
	}
	// An operator reads and posts, but edits nothing.
	if _, err := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: op, MachineID: m.ID()}); err != nil {
		t.Fatalf("operator get: %v", err)
	}
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: op, MachineID: m.ID(), Hours: 6}); err != nil {
		t.Fatalf("operator reading: %v", err)
	}
	if _, err := NewUpdateMachineHandler(f.machines).Handle(ctx, UpdateMachine{UserID: op, MachineID: m.ID(), Patch: DetailsPatch{Name: &name}}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("operator update: %v", err)
	}
	if err := NewDeleteMachineHandler(f.machines).Handle(ctx, DeleteMachine{UserID: op, MachineID: m.ID()}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("operator delete: %v", err)
	}
	if err := NewAssignOperatorHandler(f.machines).Handle(ctx, AssignOperator{UserID: op, MachineID: m.ID(), OperatorID: stranger}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("operator assigns: %v", err)
	}
	if _, err := NewCreateMaintenancePlanHandler(f.plans).Handle(ctx, CreateMaintenancePlan{UserID: op, MachineID: m.ID(), Spec: maintenance.Spec{Name: "x", IntervalDays: ip(3)}}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("operator creates plan: %v", err)
	}
	// Operators must be the owner's contacts.
	if err := NewAssignOperatorHandler(f.machines).Handle(ctx, AssignOperator{UserID: owner, MachineID: m.ID(), OperatorID: stranger}); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("non-contact operator: %v", err)
	}
	if err := NewAssignOperatorHandler(f.machines).Handle(ctx, AssignOperator{UserID: owner, MachineID: m.ID(), OperatorID: owner}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("owner as operator: %v", err)
	}
	// Lists by role.
	if ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: op}); len(ms) != 1 || ms[0].RoleOf(op) != machine.RoleOperator {
		t.Fatalf("operator's list %v", ms)
	}
	if ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: stranger}); len(ms) != 0 {
		t.Fatalf("stranger's list %v", ms)
	}
	// Unassigned, the operator is a stranger again.
	if err := NewRemoveOperatorHandler(f.machines).Handle(ctx, RemoveOperator{UserID: owner, MachineID: m.ID(), OperatorID: op}); err != nil {
		t.Fatal(err)
	}
	if _, err := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: op, MachineID: m.ID()}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("former operator: %v", err)
	}
	// The owner deletes it with everything.
	if err := NewDeleteMachineHandler(f.machines).Handle(ctx, DeleteMachine{UserID: owner, MachineID: m.ID()}); err != nil {
		t.Fatal(err)
	}
	if _, err := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: owner, MachineID: m.ID()}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestValidation(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 100)
	if _, err := NewCreateMachineHandler(f.machines).Handle(ctx, CreateMachine{OwnerID: owner, Details: machine.Details{SerialNumber: m.SerialNumber(), Name: "Twin"}}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("duplicate serial: %v", err)
	}
	if _, err := NewCreateMachineHandler(f.machines).Handle(ctx, CreateMachine{OwnerID: owner, Details: machine.Details{SerialNumber: " ", Name: "x"}}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("blank serial: %v", err)
	}
	if _, err := NewCreateMachineHandler(f.machines).Handle(ctx, CreateMachine{OwnerID: owner, OperatingHours: -1, Details: machine.Details{SerialNumber: "A", Name: "x"}}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("negative hours: %v", err)
	}
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: owner, MachineID: m.ID(), Hours: 99.5}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("backwards reading: %v", err)
	}
	if _, err := NewCreateMaintenancePlanHandler(f.plans).Handle(ctx, CreateMaintenancePlan{UserID: owner, MachineID: m.ID(), Spec: maintenance.Spec{Name: "No interval"}}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("plan without interval: %v", err)
	}
	bad := [][]quickcheck.Item{
		nil,
		{{Key: "", Label: "L", Status: quickcheck.StatusPassed}},
		{{Key: "k", Label: "", Status: quickcheck.StatusPassed}},
		{{Key: "k", Label: "A", Status: quickcheck.StatusPassed}, {Key: "k", Label: "B", Status: quickcheck.StatusPassed}},
	}
	for _, items := range bad {
		if _, err := f.checks.Handle(ctx, AddQuickCheck{UserID: owner, MachineID: m.ID(), Items: items}); !errors.Is(err, domain.ErrInvalid) {
			t.Fatalf("items %v: %v", items, err)
		}
	}
	// A quick check whose hours go backwards stores nothing.
	if _, err := f.checks.Handle(ctx, AddQuickCheck{UserID: owner, MachineID: m.ID(), OperatingHours: fp(50),
		Items: []quickcheck.Item{{Key: "k", Label: "L", Status: quickcheck.StatusPassed}}}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("backwards quick check: %v", err)
	}
	if qs, _ := NewListQuickChecksHandler(f.machines).Handle(ctx, ListQuickChecks{UserID: owner, MachineID: m.ID(), Limit: 0}); len(qs) != 0 || len(f.notifier.all()) != 0 {
		t.Fatalf("stored %d checks, %d notifications", len(qs), len(f.notifier.all()))
	}
}

func TestAddQuickCheck(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 100)
	op := f.operator(t, owner, m.ID())

	q, err := f.checks.Handle(ctx, AddQuickCheck{UserID: op, MachineID: m.ID(), OperatingHours: fp(104.5), Notes: "ok",
		Items: []quickcheck.Item{{Key: "tyres", Label: "Tyres", Status: quickcheck.StatusPassed}, {Key: "lights", Label: "Lights", Status: quickcheck.StatusPassed}}})
	if err != nil {
		t.Fatal(err)
	}
	ds := f.notifier.all()
	if len(ds) != 1 || ds[0].UserID != owner || ds[0].Type != notification.TypeQuickCheckCompleted ||
		ds[0].Priority != notification.PriorityNormal || ds[0].Title != "notification.quickCheckPassed.title" ||
		ds[0].Metadata["quickCheckId"] != q.ID() || ds[0].Metadata["operatorId"] != op || ds[0].Metadata["operatorName"] != "operator" ||
		ds[0].Metadata["machineName"] != m.Name() || ds[0].Metadata["failedItems"] != nil || ds[0].ActionURL != "/machines/"+m.ID() {
		t.Fatalf("passed check notification %+v", ds)
	}
	got, _ := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: owner, MachineID: m.ID()})
	if got.OperatingHours() != 104.5 {
		t.Fatalf("hours not applied: %v", got.OperatingHours())
	}
	rs, _ := NewListReadingsHandler(f.machines).Handle(ctx, ListReadings{UserID: owner, MachineID: m.ID(), Limit: 0})
	if len(rs) != 2 || rs[0].AuthorID() != op || rs[0].OperatingHours() != 104.5 {
		t.Fatalf("readings %v", rs)
	}

	f.notifier.reset()
	failed, err := f.checks.Handle(ctx, AddQuickCheck{UserID: op, MachineID: m.ID(),
		Items: []quickcheck.Item{{Key: "tyres", Label: "Tyres", Status: quickcheck.StatusPassed}, {Key: "hyd", Label: "Hydraulic hoses", Status: quickcheck.StatusFailed, Notes: "leak"},
			{Key: "horn", Label: "Horn", Status: quickcheck.StatusFailed, Notes: "silent"}}, Notes: "see hoses"})
	if err != nil {
		t.Fatal(err)
	}
	ds = f.notifier.all()
	if len(ds) != 1 || ds[0].Priority != notification.PriorityHigh || ds[0].Title != "notification.quickCheckFailed.title" ||
		ds[0].Message != "notification.quickCheckFailed.body" || ds[0].Metadata["failedCount"] != 2 ||
		fmt.Sprint(ds[0].Metadata["failedItems"]) != "[hyd horn]" || ds[0].Metadata["notes"] != "see hoses" ||
		fmt.Sprint(ds[0].Metadata["failedDetails"]) != "[map[key:hyd label:Hydraulic hoses notes:leak] map[key:horn label:Horn notes:silent]]" {
		t.Fatalf("failed check notification %+v", ds)
	}
	qs, _ := NewListQuickChecksHandler(f.machines).Handle(ctx, ListQuickChecks{UserID: owner, MachineID: m.ID(), Limit: 0})
	if len(qs) != 2 || qs[0].ID() != failed.ID() || qs[0].Passed() || !qs[1].Passed() {
		t.Fatalf("list %v", qs)
	}
}

func TestPlanListShowsStatusDueFiguresAndForecast(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 1000)
	f.plan(t, owner, m.ID(), maintenance.Spec{Name: "Oil", IntervalHours: fp(250)})
	// 8 hours a day for 10 days.
	for day := 1; day <= 10; day++ {
		f.clock.Advance(24 * time.Hour)
		if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: owner, MachineID: m.ID(), Hours: 1000 + float64(8*day)}); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := NewListMaintenancePlansHandler(f.plans).Handle(ctx, ListMaintenancePlans{UserID: owner, MachineID: m.ID()})
	if err != nil || len(vs) != 1 {
		t.Fatalf("%v %v", vs, err)
	}
	ev := vs[0].Evaluation
	// 170 hours left at 8 h/day: 21.25 days.
	want := f.clock.Now().Add(time.Duration(21.25 * float64(24*time.Hour)))
	if ev.Status != maintenance.StatusOK || *ev.NextDueHours != 1250 || ev.ForecastDueAt == nil || ev.ForecastDueAt.Sub(want).Abs() > time.Second {
		t.Fatalf("evaluation %+v (forecast %v, want %v)", ev, ev.ForecastDueAt, want)
	}
}

func TestAnOperatorWhoIsNoLongerAContactLosesTheMachine(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 0)
	op := f.operator(t, owner, m.ID())
	f.plan(t, owner, m.ID(), maintenance.Spec{Name: "Greasing", IntervalHours: fp(10), DueSoonHours: fp(1)})
	delete(f.contacts, [2]string{owner, op})
	delete(f.contacts, [2]string{op, owner})

	if _, err := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: op, MachineID: m.ID()}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("former contact reads the machine: %v", err)
	}
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: op, MachineID: m.ID(), Hours: 5}); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("former contact posts a reading: %v", err)
	}
	if ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: op}); len(ms) != 0 {
		t.Fatalf("former contact lists %d machines", len(ms))
	}
	if _, err := NewRecordReadingHandler(f.machines).Handle(ctx, RecordReading{UserID: owner, MachineID: m.ID(), Hours: 9.5}); err != nil {
		t.Fatal(err)
	}
	ds := f.notifier.all()
	if len(ds) != 1 || ds[0].UserID != owner {
		t.Fatalf("alerts %+v", ds)
	}
}

// TestScheduleWaitsItsDelayBeforeTheFirstRun: with a delay nothing runs
// before it (here the context ends first); without one the first pass runs at once.
func TestScheduleWaitsItsDelayBeforeTheFirstRun(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 1000)
	f.plan(t, owner, m.ID(), maintenance.Spec{Name: "Inspection", IntervalDays: ip(30), DueSoonDays: ip(7)})
	f.clock.Advance(25 * 24 * time.Hour) // inside the margin: the next pass alerts
	schedule := func(delay time.Duration, until func() bool) {
		t.Helper()
		running, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { f.newAlarms(10).Schedule(running, delay, time.Hour); close(done) }()
		for deadline := time.Now().Add(10 * time.Second); !until() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
		<-done
	}
	schedule(time.Hour, func() bool { return true })
	if n := len(f.notifier.all()); n != 0 {
		t.Fatalf("ran before its delay: %d notifications", n)
	}
	schedule(0, func() bool { return len(f.notifier.all()) > 0 })
	if got := alertsOf(f.notifier.all()); len(got) != 1 {
		t.Fatalf("the first pass at once: %v", got)
	}
}
