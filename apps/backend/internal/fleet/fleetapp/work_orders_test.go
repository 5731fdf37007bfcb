package fleetapp

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
	"github.com/fleetman/fleetman/packages/domain/workorder"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// flakyIssues fails issue updates while failing is set, as a store that
// drops the connection part-way through a completion would.
type flakyIssues struct {
	issue.Repository
	failing atomic.Bool
}

var errStoreDown = errors.New("store down")

func (f *flakyIssues) Update(ctx context.Context, i issue.Issue) error {
	if f.failing.Load() {
		return errStoreDown
	}
	return f.Repository.Update(ctx, i)
}

type workFixture struct {
	*fixture
	issueRepo *flakyIssues
	orderRepo workorder.Repository
	planRepo  maintenance.Repository
	issues    IssueUseCases
	orders    WorkOrderUseCases
}

func newWorkFixture(t *testing.T) *workFixture {
	f := newFixture(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	w := &workFixture{fixture: f, issueRepo: &flakyIssues{Repository: sqlite.NewIssueRepository(f.db)},
		orderRepo: sqlite.NewWorkOrderRepository(f.db), planRepo: sqlite.NewMaintenanceRepository(f.db)}
	w.issues = NewIssueUseCases(f.machines, w.issueRepo, f.notifier, f.clock, log)
	w.orders = NewWorkOrderUseCases(w.issues, w.orderRepo)
	f.checks.OpenIssuesWith(w.issues.FromCheck)
	f.machines.CountIssuesWith(w.issues.OpenCounts)
	return w
}

func failedCheck(t *testing.T, f *fixture, operator, machineID string) quickcheck.QuickCheck {
	t.Helper()
	q, err := f.checks.Handle(context.Background(), AddQuickCheck{UserID: operator, MachineID: machineID, Items: []quickcheck.Item{
		{Key: "hoses", Label: "Hoses", Status: quickcheck.StatusFailed, Notes: "weeping at the boom"},
		{Key: "horn", Label: "Horn", Status: quickcheck.StatusPassed},
		{Key: "=cmd", Label: "=HYPERLINK(\"x\")", Status: quickcheck.StatusFailed, Notes: "bad"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestFailedCheckOpensOneIssuePerItemAndRetryAddsNone(t *testing.T) {
	f := newWorkFixture(t)
	ctx := context.Background()
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 100)
	op := f.operator(t, owner, m.ID())
	q := failedCheck(t, f.fixture, op, m.ID())
	page, err := f.issues.List.Handle(ctx, ListIssues{UserID: owner, MachineID: m.ID()})
	if err != nil || len(page.Issues) != 2 {
		t.Fatalf("issues %d %v", len(page.Issues), err)
	}
	// The check's notification to the owner lists the issues it opened.
	var ids []string
	for _, d := range f.notifier.all() {
		if d.Type == "QUICK_CHECK_COMPLETED" {
			ids, _ = d.Metadata["issueIds"].([]string)
		}
	}
	if len(ids) != 2 {
		t.Fatalf("issue ids in the check notification: %v", ids)
	}
	// Running the step again for the same check opens nothing new.
	again, err := f.issues.FromCheck.Handle(ctx, OpenIssuesFromCheck{Machine: m, Check: q})
	if err != nil || len(again) != 0 {
		t.Fatalf("retry opened %d (%v)", len(again), err)
	}
	if d, _ := NewGetDashboardHandler(f.machines).Handle(ctx, GetDashboard{UserID: owner}); d.OpenIssues != 2 {
		t.Fatalf("dashboard open issues %d", d.OpenIssues)
	}
}

func TestCompleteWorkOrderIsSafeToRetry(t *testing.T) {
	f := newWorkFixture(t)
	ctx := context.Background()
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 100)
	op := f.operator(t, owner, m.ID())
	p := f.plan(t, owner, m.ID(), maintenance.Spec{Name: "Oil", IntervalHours: fp(250)})
	failedCheck(t, f.fixture, op, m.ID())
	page, _ := f.issues.List.Handle(ctx, ListIssues{UserID: owner, MachineID: m.ID()})
	w, err := f.orders.Create.Handle(ctx, CreateWorkOrder{UserID: owner, MachineID: m.ID(), Spec: workorder.Spec{
		Title: "Service", PlanID: p.ID(), IssueIDs: []string{page.Issues[0].ID(), page.Issues[1].ID()}, AssigneeID: op,
		Lines: []workorder.Line{{Kind: workorder.KindPart, Description: "Hose", Quantity: 2, UnitCost: 4550, Currency: "EUR"}}}})
	if err != nil {
		t.Fatal(err)
	}
	f.notifier.reset()
	f.clock.Advance(time.Hour)
	// The store fails while the issues are resolved: the plan step is done, the rest is not.
	f.issueRepo.failing.Store(true)
	cmd := CompleteWorkOrder{UserID: owner, ID: w.ID(), OperatingHours: fp(260)}
	if _, err := f.orders.Complete.Handle(ctx, cmd); !errors.Is(err, errStoreDown) {
		t.Fatalf("first try: %v", err)
	}
	half, _ := f.orderRepo.ByID(ctx, w.ID())
	if half.Status() != workorder.StatusOpen || half.Completion() == nil || half.Completion().PlanCompletionID == "" {
		t.Fatalf("after the failure %+v", half.Record())
	}
	// The retry (even with other hours: the record's count) finishes without completing the plan again.
	f.issueRepo.failing.Store(false)
	f.clock.Advance(time.Minute)
	out, err := f.orders.Complete.Handle(ctx, CompleteWorkOrder{UserID: owner, ID: w.ID(), OperatingHours: fp(999)})
	if err != nil || out.WorkOrder.Status() != workorder.StatusCompleted || out.WorkOrder.Completion().OperatingHours != 260 {
		t.Fatalf("retry %+v %v", out.WorkOrder.Record(), err)
	}
	cs, _ := f.planRepo.Completions(ctx, p.ID(), 10)
	stored, _ := f.planRepo.ByID(ctx, p.ID())
	if len(cs) != 1 || stored.Cycle() != 1 || cs[0].OperatingHours() != 260 || cs[0].ID() != out.WorkOrder.Completion().PlanCompletionID {
		t.Fatalf("plan completions %d, cycle %d", len(cs), stored.Cycle())
	}
	for _, x := range page.Issues {
		got, _ := f.issueRepo.ByID(ctx, x.ID())
		if got.Status() != issue.StatusResolved || got.Record().WorkOrderID != w.ID() || got.Record().Closed.By != owner {
			t.Fatalf("issue %+v", got.Record())
		}
	}
	// The reporter heard once per issue; a third call changes nothing and sends nothing.
	resolved := 0
	for _, d := range f.notifier.all() {
		if d.Type == "ISSUE" && d.UserID == op && d.Title == "notification.issueResolved.title" {
			resolved++
		}
	}
	if resolved != 2 {
		t.Fatalf("resolution notifications %d", resolved)
	}
	f.notifier.reset()
	if out, err := f.orders.Complete.Handle(ctx, cmd); err != nil || out.WorkOrder.Status() != workorder.StatusCompleted {
		t.Fatalf("third call %v", err)
	}
	if n := len(f.notifier.all()); n != 0 {
		t.Fatalf("third call notified %d", n)
	}
	if mm, _ := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: owner, MachineID: m.ID()}); mm.OperatingHours() != 260 {
		t.Fatalf("meter %v", mm.OperatingHours())
	}
	h, err := f.orders.History.Handle(ctx, GetServiceHistory{UserID: owner, MachineID: m.ID()})
	if err != nil || len(h.WorkOrders) != 1 || len(h.Months) != 1 || h.Months[0].Total != 9100 || h.Months[0].Month != "2026-03" {
		t.Fatalf("history %+v %v", h.Months, err)
	}
}

func TestMarkDoneIsAOneLineWorkOrder(t *testing.T) {
	f := newWorkFixture(t)
	ctx := context.Background()
	owner := f.user(t, "owner")
	m := f.machine(t, owner, 100)
	p := f.plan(t, owner, m.ID(), maintenance.Spec{Name: "Grease", IntervalHours: fp(50)})
	// Bad input stores nothing.
	if _, err := f.orders.MarkDone.Handle(ctx, MarkPlanDone{UserID: owner, MachineID: m.ID(), PlanID: p.ID(), OperatingHours: fp(-1)}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("bad hours: %v", err)
	}
	if page, _ := f.orders.List.Handle(ctx, ListWorkOrders{UserID: owner, MachineID: m.ID()}); len(page.WorkOrders) != 0 {
		t.Fatal("a work order was stored for bad input")
	}
	done, err := f.orders.MarkDone.Handle(ctx, MarkPlanDone{UserID: owner, MachineID: m.ID(), PlanID: p.ID(), OperatingHours: fp(140), Notes: "greased"})
	c, view := done.Completion, done.Plan
	if err != nil || c.OperatingHours() != 140 || view.Plan.Cycle() != 1 {
		t.Fatalf("mark done %+v %v", c, err)
	}
	page, _ := f.orders.List.Handle(ctx, ListWorkOrders{UserID: owner, MachineID: m.ID(), Status: workorder.StatusCompleted})
	if len(page.WorkOrders) != 1 {
		t.Fatalf("work orders %d", len(page.WorkOrders))
	}
	w := page.WorkOrders[0].Spec()
	if w.PlanID != p.ID() || len(w.Lines) != 1 || w.Lines[0].Description != "Grease" || w.Notes != "greased" {
		t.Fatalf("work order %+v", w)
	}
}
