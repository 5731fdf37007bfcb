package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestImportRowRepository(t *testing.T) {
	repotest.ImportRows(t, func(t *testing.T) (importjob.RowRepository, machine.Repository, maintenance.Repository) {
		db := openTestDB(t)
		return NewImportRowRepository(db), NewMachineRepository(db), NewMaintenanceRepository(db)
	})
}
