package repotest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

func newWorkOrder(t testing.TB, machineID, ownerID string) workorder.WorkOrder {
	t.Helper()
	w, err := workorder.New(machineID, ownerID, ownerID, workorder.Spec{Title: "250 h service", Notes: "bring filters",
		PlanID: domain.NewID(), IssueIDs: []string{domain.NewID()}, AssigneeID: domain.NewID(), Lines: []workorder.Line{
			{Kind: workorder.KindLabour, Description: "Fitter", Quantity: 1.5, UnitCost: 4500, Currency: "EUR"},
			{Kind: workorder.KindPart, Description: "Oil filter", Quantity: 2, UnitCost: 1299, Currency: "USD"},
			{Kind: workorder.KindLabour, Description: "Inspection", Quantity: 1}}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func workOrderIDs(ws []workorder.WorkOrder) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.ID()
	}
	return out
}

// WorkOrders runs the workorder.Repository contract against a fresh repository from newRepo.
func WorkOrders(t *testing.T, newRepo func(t *testing.T) workorder.Repository) {
	ctx := context.Background()

	t.Run("create, read back every field, list with filter and pages", func(t *testing.T) {
		repo := newRepo(t)
		owner, m1, m2 := domain.NewID(), domain.NewID(), domain.NewID()
		var made []workorder.WorkOrder
		for _, m := range []string{m1, m1, m2} {
			w := newWorkOrder(t, m, owner)
			must(t, repo.Create(ctx, w))
			made = append(made, w)
		}
		must(t, repo.Create(ctx, newWorkOrder(t, domain.NewID(), owner)))
		got, err := repo.ByID(ctx, made[0].ID())
		if err != nil || !reflect.DeepEqual(got.Record(), made[0].Record()) {
			t.Fatalf("read back\n%+v\nwant\n%+v (%v)", got.Record(), made[0].Record(), err)
		}
		if _, err := repo.ByID(ctx, domain.NewID()); !errors.Is(err, workorder.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
		all, _ := repo.List(ctx, workorder.ListQuery{MachineIDs: []string{m1, m2}, Limit: 10})
		if !equalStrings(workOrderIDs(all), []string{made[2].ID(), made[1].ID(), made[0].ID()}) {
			t.Fatalf("list %v", workOrderIDs(all))
		}
		p2, _ := repo.List(ctx, workorder.ListQuery{MachineIDs: []string{m1, m2}, Limit: 2, Before: all[1].ID()})
		if !equalStrings(workOrderIDs(p2), []string{made[0].ID()}) {
			t.Fatalf("page 2 %v", workOrderIDs(p2))
		}
		started, _ := made[1].Start(time.Now())
		must(t, repo.Update(ctx, started))
		inProgress, _ := repo.List(ctx, workorder.ListQuery{MachineIDs: []string{m1}, Status: workorder.StatusInProgress, Limit: 10})
		if !equalStrings(workOrderIDs(inProgress), []string{made[1].ID()}) {
			t.Fatalf("status filter %v", workOrderIDs(inProgress))
		}
	})

	t.Run("update is conditional on the revision and keeps the completion record", func(t *testing.T) {
		repo := newRepo(t)
		owner := domain.NewID()
		w := newWorkOrder(t, domain.NewID(), owner)
		must(t, repo.Create(ctx, w))
		at := time.Now().Add(-time.Hour)
		begun, err := w.BeginCompletion(workorder.Completion{By: owner, At: at, OperatingHours: 1250.5, PlanCycle: 3}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		must(t, repo.Update(ctx, begun))
		// Two completions started from the same revision: only the first is stored.
		again, _ := w.BeginCompletion(workorder.Completion{By: owner, At: time.Now(), OperatingHours: 9}, time.Now())
		if err := repo.Update(ctx, again); !errors.Is(err, workorder.ErrStale) {
			t.Fatalf("stale update: %v", err)
		}
		planned, _ := begun.PlanDone(domain.NewID(), time.Now())
		must(t, repo.Update(ctx, planned))
		done, _ := planned.Finish(time.Now())
		must(t, repo.Update(ctx, done))
		got, err := repo.ByID(ctx, w.ID())
		if err != nil || !reflect.DeepEqual(got.Record(), done.Record()) {
			t.Fatalf("read back\n%+v\nwant\n%+v (%v)", got.Record(), done.Record(), err)
		}
		if c := got.Completion(); c.OperatingHours != 1250.5 || c.PlanCycle != 3 || !c.At.Equal(at.UTC().Truncate(time.Millisecond)) {
			t.Fatalf("completion %+v", c)
		}
		ghost, _ := newWorkOrder(t, domain.NewID(), owner).Start(time.Now())
		if err := repo.Update(ctx, ghost); !errors.Is(err, workorder.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
	})

	t.Run("DeleteByMachine removes that machine's work orders only, and may run again", func(t *testing.T) {
		repo := newRepo(t)
		owner, m, other := domain.NewID(), domain.NewID(), domain.NewID()
		gone, kept := newWorkOrder(t, m, owner), newWorkOrder(t, other, owner)
		must(t, repo.Create(ctx, gone))
		must(t, repo.Create(ctx, newWorkOrder(t, m, owner)))
		must(t, repo.Create(ctx, kept))
		must(t, repo.DeleteByMachine(ctx, m))
		must(t, repo.DeleteByMachine(ctx, m))
		if _, err := repo.ByID(ctx, gone.ID()); !errors.Is(err, workorder.ErrNotFound) {
			t.Fatalf("deleted work order: %v", err)
		}
		if got, err := repo.List(ctx, workorder.ListQuery{MachineIDs: []string{m}, Limit: 10}); err != nil || len(got) != 0 {
			t.Fatalf("left: %v %v", workOrderIDs(got), err)
		}
		if got, _ := repo.List(ctx, workorder.ListQuery{MachineIDs: []string{other}, Limit: 10}); len(got) != 1 || got[0].ID() != kept.ID() {
			t.Fatalf("another machine's: %v", workOrderIDs(got))
		}
	})
}
