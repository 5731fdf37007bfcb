package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
	"github.com/fleetman/fleetman/packages/domain/workorder"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestMachineRepository(t *testing.T) {
	repotest.Machines(t, func(t *testing.T) machine.Repository {
		r, err := NewMachineRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}

func TestMaintenanceRepository(t *testing.T) {
	repotest.MaintenancePlans(t, func(t *testing.T) maintenance.Repository {
		r, err := NewMaintenanceRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}

func TestQuickCheckRepository(t *testing.T) {
	repotest.QuickChecks(t, func(t *testing.T) quickcheck.Repository {
		r, err := NewQuickCheckRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}

func TestIssueRepository(t *testing.T) {
	repotest.Issues(t, func(t *testing.T) issue.Repository {
		r, err := NewIssueRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}

func TestWorkOrderRepository(t *testing.T) {
	repotest.WorkOrders(t, func(t *testing.T) workorder.Repository {
		r, err := NewWorkOrderRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}
