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
			q, err := quickcheck.New(machineID, author, []quickcheck.Item{
				{Key: "tyres", Label: "Tyres", Passed: true},
				{Key: "hydraulics", Label: "Hydraulic hoses", Passed: i != 1, Notes: "weeping at the boom"},
			}, h, "morning check", time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if err := repo.Create(ctx, q); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, q.ID())
		}
		elsewhere, _ := quickcheck.New(other, author, []quickcheck.Item{{Key: "k", Label: "L", Passed: true}}, nil, "", time.Now())
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
		if !got[0].Passed() || got[0].OperatingHours() != nil {
			t.Fatalf("first %+v", got[0].Record())
		}
		if page, _ := repo.ByMachine(ctx, machineID, 2); len(page) != 2 {
			t.Fatalf("limit: %d", len(page))
		}
		if err := repo.DeleteByMachine(ctx, machineID); err != nil {
			t.Fatal(err)
		}
		if left, _ := repo.ByMachine(ctx, machineID, 10); len(left) != 0 {
			t.Fatalf("left %d", len(left))
		}
		if left, _ := repo.ByMachine(ctx, other, 10); len(left) != 1 {
			t.Fatalf("other machine's checks: %d", len(left))
		}
	})
}
