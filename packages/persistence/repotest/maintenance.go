package repotest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// NewPlan makes a valid plan (every 250 h or 90 days) of a machine of ownerID.
func NewPlan(t testing.TB, machineID, ownerID string, startHours float64, now time.Time) maintenance.Plan {
	t.Helper()
	h, d := 250.0, 90
	p, err := maintenance.New(machineID, ownerID, maintenance.Spec{Name: "Engine oil", Type: "OIL_CHANGE",
		IntervalHours: &h, IntervalDays: &d}, startHours, now)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// MaintenancePlans runs the maintenance.Repository contract against a fresh repository from newRepo.
func MaintenancePlans(t *testing.T, newRepo func(t *testing.T) maintenance.Repository) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)

	t.Run("create and read back", func(t *testing.T) {
		repo := newRepo(t)
		p := NewPlan(t, domain.NewID(), domain.NewID(), 100, now)
		if err := repo.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, err := repo.ByID(ctx, p.ID())
		if err != nil {
			t.Fatal(err)
		}
		a, b := got.Record(), p.Record()
		if a.ID != b.ID || a.MachineID != b.MachineID || a.OwnerID != b.OwnerID || a.Name != b.Name || a.Type != b.Type ||
			*a.IntervalHours != *b.IntervalHours || *a.IntervalDays != *b.IntervalDays || *a.DueSoonHours != *b.DueSoonHours ||
			*a.DueSoonDays != *b.DueSoonDays || a.StartHours != b.StartHours || !a.StartedAt.Equal(b.StartedAt) ||
			a.LastCompletedAt != nil || a.LastCompletedHours != nil || a.Cycle != 0 || !a.CreatedAt.Equal(b.CreatedAt) {
			t.Fatalf("read back %+v, stored %+v", a, b)
		}
		days := 30
		onlyDays, _ := maintenance.New(p.MachineID(), p.OwnerID(), maintenance.Spec{Name: "Inspection", IntervalDays: &days}, 0, now)
		if err := repo.Create(ctx, onlyDays); err != nil {
			t.Fatal(err)
		}
		got, _ = repo.ByID(ctx, onlyDays.ID())
		if r := got.Record(); r.IntervalHours != nil || r.DueSoonHours != nil || *r.IntervalDays != 30 {
			t.Fatalf("absent intervals read back as %+v", r)
		}
		if _, err := repo.ByID(ctx, domain.NewID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
	})

	t.Run("by machine and pages by id", func(t *testing.T) {
		repo := newRepo(t)
		m1, m2, owner1, owner2 := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()
		var all, ofOwner1 []string
		for i := 0; i < 7; i++ {
			mid, owner := m1, owner1
			if i%3 == 2 {
				mid, owner = m2, owner2
			}
			p := NewPlan(t, mid, owner, 0, now)
			if err := repo.Create(ctx, p); err != nil {
				t.Fatal(err)
			}
			all = append(all, p.ID())
			if owner == owner1 {
				ofOwner1 = append(ofOwner1, p.ID())
			}
		}
		ps, err := repo.ByMachine(ctx, m2)
		if err != nil || len(ps) != 2 {
			t.Fatalf("by machine: %d %v", len(ps), err)
		}
		ofBoth, err := repo.ByMachines(ctx, []string{m2, domain.NewID(), m1})
		if err != nil {
			t.Fatal(err)
		}
		var both []string
		for _, p := range ofBoth {
			both = append(both, p.ID())
		}
		if !equalStrings(both, all) {
			t.Fatalf("by machines %v, want %v (ordered by id)", both, all)
		}
		if only, err := repo.ByMachines(ctx, []string{m2}); err != nil || len(only) != 2 || only[0].MachineID() != m2 || only[1].MachineID() != m2 {
			t.Fatalf("by machines, one: %d %v", len(only), err)
		}
		if none, err := repo.ByMachines(ctx, nil); err != nil || len(none) != 0 {
			t.Fatalf("by no machines: %d %v", len(none), err)
		}
		walk := func(owner string) []string {
			var got []string
			after := ""
			for {
				page, err := repo.Page(ctx, maintenance.PageQuery{OwnerID: owner, AfterID: after, Limit: 3})
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range page {
					got = append(got, p.ID())
				}
				if len(page) < 3 {
					return got
				}
				after = page[len(page)-1].ID()
			}
		}
		if got := walk(""); !equalStrings(got, all) {
			t.Fatalf("walk all %v, want %v", got, all)
		}
		if got := walk(owner1); !equalStrings(got, ofOwner1) {
			t.Fatalf("walk owner %v, want %v", got, ofOwner1)
		}
		if err := repo.DeleteByMachine(ctx, m1); err != nil {
			t.Fatal(err)
		}
		if got := walk(""); len(got) != 2 {
			t.Fatalf("after delete by machine: %v", got)
		}
	})

	t.Run("complete restarts the plan once per cycle", func(t *testing.T) {
		repo := newRepo(t)
		p := NewPlan(t, domain.NewID(), domain.NewID(), 100, now.Add(-time.Hour))
		if err := repo.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		by := domain.NewID()
		done, c, err := p.Complete(by, 360, now, "oil and filter", now)
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.Complete(ctx, done, c); err != nil {
			t.Fatal(err)
		}
		got, _ := repo.ByID(ctx, p.ID())
		if got.Cycle() != 1 || *got.Record().LastCompletedHours != 360 || !got.Record().LastCompletedAt.Equal(now) {
			t.Fatalf("after completion %+v", got.Record())
		}
		// A second completion computed from the stale plan loses.
		again, c2, _ := p.Complete(by, 361, now, "", now)
		if err := repo.Complete(ctx, again, c2); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("stale completion: %v", err)
		}
		cs, err := repo.Completions(ctx, p.ID(), 10)
		if err != nil || len(cs) != 1 || cs[0].PerformedBy() != by || cs[0].Notes() != "oil and filter" ||
			cs[0].OperatingHours() != 360 || !cs[0].PerformedAt().Equal(now) {
			t.Fatalf("completions %v %v", cs, err)
		}
	})

	t.Run("alert claims: once per state and cycle, and higher states still claim", func(t *testing.T) {
		repo := newRepo(t)
		p := NewPlan(t, domain.NewID(), domain.NewID(), 0, now)
		if err := repo.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		claim := func(cycle int, s maintenance.Status) bool {
			ok, err := repo.ClaimAlert(ctx, p.ID(), cycle, s)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !claim(0, maintenance.StatusDueSoon) || claim(0, maintenance.StatusDueSoon) {
			t.Fatal("due soon must be claimed exactly once")
		}
		if !claim(0, maintenance.StatusOverdue) || claim(0, maintenance.StatusOverdue) || claim(0, maintenance.StatusDueSoon) {
			t.Fatal("overdue must be claimed exactly once, and due soon not again")
		}
		if claim(1, maintenance.StatusDueSoon) {
			t.Fatal("a cycle the plan is not in cannot be claimed")
		}
		done, c, _ := p.Complete(domain.NewID(), 10, now, "", now)
		if err := repo.Complete(ctx, done, c); err != nil {
			t.Fatal(err)
		}
		got, _ := repo.ByID(ctx, p.ID())
		if got.AlreadyAlerted(maintenance.StatusDueSoon) {
			t.Fatal("the new cycle starts unannounced")
		}
		if claim(0, maintenance.StatusOverdue) {
			t.Fatal("the old cycle cannot be claimed any more")
		}
		if !claim(1, maintenance.StatusOverdue) || claim(1, maintenance.StatusDueSoon) {
			t.Fatal("straight to overdue in the new cycle, then nothing lower")
		}
		got, _ = repo.ByID(ctx, p.ID())
		if !got.AlreadyAlerted(maintenance.StatusOverdue) {
			t.Fatalf("stored alert state %+v", got.Record())
		}
		if ok, err := repo.ClaimAlert(ctx, domain.NewID(), 0, maintenance.StatusDueSoon); ok || err != nil {
			t.Fatalf("unknown plan: %v %v", ok, err)
		}
	})

	t.Run("concurrent claims: exactly one wins", func(t *testing.T) {
		repo := newRepo(t)
		p := NewPlan(t, domain.NewID(), domain.NewID(), 0, now)
		if err := repo.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		for _, state := range []maintenance.Status{maintenance.StatusDueSoon, maintenance.StatusOverdue} {
			var wins atomic.Int32
			var wg sync.WaitGroup
			for i := 0; i < 16; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ok, err := repo.ClaimAlert(ctx, p.ID(), 0, state)
					if err != nil {
						t.Error(err)
					}
					if ok {
						wins.Add(1)
					}
				}()
			}
			wg.Wait()
			if wins.Load() != 1 {
				t.Fatalf("%v: %d winners", state, wins.Load())
			}
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
