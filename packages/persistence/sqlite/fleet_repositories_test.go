package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
	"github.com/fleetman/fleetman/packages/domain/workorder"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestMachineRepository(t *testing.T) {
	repotest.Machines(t, func(t *testing.T) machine.Repository { return NewMachineRepository(openTestDB(t)) })
}

func TestMaintenanceRepository(t *testing.T) {
	repotest.MaintenancePlans(t, func(t *testing.T) maintenance.Repository { return NewMaintenanceRepository(openTestDB(t)) })
}

func TestQuickCheckRepository(t *testing.T) {
	repotest.QuickChecks(t, func(t *testing.T) quickcheck.Repository { return NewQuickCheckRepository(openTestDB(t)) })
}

func TestIssueRepository(t *testing.T) {
	repotest.Issues(t, func(t *testing.T) issue.Repository { return NewIssueRepository(openTestDB(t)) })
}

func TestWorkOrderRepository(t *testing.T) {
	repotest.WorkOrders(t, func(t *testing.T) workorder.Repository { return NewWorkOrderRepository(openTestDB(t)) })
}
