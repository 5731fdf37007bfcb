package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestImportRowRepository(t *testing.T) {
	repotest.ImportRows(t, func(t *testing.T) (importjob.RowRepository, machine.Repository, maintenance.Repository) {
		ctx := context.Background()
		s := openTestStore(t)
		machines, err := NewMachineRepository(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		plans, err := NewMaintenanceRepository(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := NewImportRowRepository(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		return rows, machines, plans
	})
}
