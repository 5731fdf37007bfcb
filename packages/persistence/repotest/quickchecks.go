package repotest

import (
	"context"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// QuickChecks runs the quickcheck.Repository contract against a fresh repository from newRepo.
func QuickChecks(t *testing.T, newRepo func(t *testing.T) quickcheck.Repository) {
	ctx := context.Background()

	t.Run("create, list newest first, delete by machine", func(t *testing.T) {
		repo := newRepo(t)
		machineID, other, author := domain.NewID(), domain.NewID(), domain.NewID()
		hours := 412.5
		var ids []string
		for i := 0; i < 3; i++ {
			var h *float64
			if i == 1 {
				h = &hours
			}
			hyd := quickcheck.StatusPassed
			if i == 1 {
				hyd = quickcheck.StatusFailed
			}
			q, err := quickcheck.New(machineID, author, quickcheck.Checklist{Items: []quickcheck.Item{
				{Key: "tyres", Label: "Tyres", Status: quickcheck.StatusNotApplicable},
				{Key: "hydraulics", Label: "Hydraulic hoses", Status: hyd, Notes: "weeping at the boom"},
			}, OperatingHours: h, Notes: "morning check"}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if err := repo.Create(ctx, q); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, q.ID())
		}
		elsewhere, _ := quickcheck.New(other, author, quickcheck.Checklist{Items: []quickcheck.Item{{Key: "k", Label: "L", Status: quickcheck.StatusPassed}}}, time.Now())
		if err := repo.Create(ctx, elsewhere); err != nil {
			t.Fatal(err)
		}
		got, err := repo.ByMachine(ctx, machineID, 10)
		if err != nil || len(got) != 3 {
			t.Fatalf("list: %d %v", len(got), err)
		}
		if got[0].ID() != ids[2] || got[2].ID() != ids[0] {
			t.Fatal("not newest first")
		}
		mid := got[1]
		if mid.Passed() || len(mid.FailedItems()) != 1 || mid.FailedItems()[0].Key != "hydraulics" ||
			mid.FailedItems()[0].Notes != "weeping at the boom" || mid.OperatingHours() == nil || *mid.OperatingHours() != hours ||
			mid.Notes() != "morning check" || mid.AuthorID() != author || len(mid.Items()) != 2 {
			t.Fatalf("read back %+v", mid.Record())
		}
		if st := mid.Items()[0].Status; st != quickcheck.StatusNotApplicable || mid.Items()[1].Status != quickcheck.StatusFailed {
			t.Fatalf("statuses not kept: %+v", mid.Items())
		}
		if !got[0].Passed() || got[0].OperatingHours() != nil {
			t.Fatalf("first %+v", got[0].Record())
		}
		if page, _ := repo.ByMachine(ctx, machineID, 2); len(page) != 2 {
			t.Fatalf("limit: %d", len(page))
		}
		keys, _ := quickcheck.TemplateKeys(quickcheck.TemplateVersion)
		tmpl := make([]quickcheck.Item, len(keys))
		for i, k := range keys {
			tmpl[i] = quickcheck.Item{Key: k, Status: quickcheck.StatusPassed}
		}
		versioned, err := quickcheck.New(other, author, quickcheck.Checklist{TemplateVersion: quickcheck.TemplateVersion, Items: tmpl}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.Create(ctx, versioned); err != nil {
			t.Fatal(err)
		}
		if back, _ := repo.ByMachine(ctx, other, 1); len(back) != 1 || back[0].TemplateVersion() != quickcheck.TemplateVersion ||
			back[0].Items()[0].Key != keys[0] || back[0].Items()[0].Label != "" {
			t.Fatalf("template version not kept: %+v", back)
		}
		latest, err := repo.LatestByMachines(ctx, []string{machineID, other, domain.NewID()})
		if err != nil || len(latest) != 2 {
			t.Fatalf("latest by machines: %d %v", len(latest), err)
		}
		newest := map[string]string{}
		for _, q := range latest {
			newest[q.MachineID()] = q.ID()
		}
		if newest[machineID] != ids[2] || newest[other] != versioned.ID() {
			t.Fatalf("latest by machines %v, want %s and %s", newest, ids[2], versioned.ID())
		}
		if none, err := repo.LatestByMachines(ctx, nil); err != nil || len(none) != 0 {
			t.Fatalf("latest of no machines: %d %v", len(none), err)
		}
		if err := repo.DeleteByMachine(ctx, machineID); err != nil {
			t.Fatal(err)
		}
		if left, _ := repo.ByMachine(ctx, machineID, 10); len(left) != 0 {
			t.Fatalf("left %d", len(left))
		}
		if left, _ := repo.ByMachine(ctx, other, 10); len(left) != 2 {
			t.Fatalf("other machine's checks: %d", len(left))
		}
	})
}
