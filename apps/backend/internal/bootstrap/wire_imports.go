package bootstrap

import (
	"context"
	"os"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleethttp"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// streamAnnouncer adapts the NotificationService's Announce to the fleet
// use cases' Announcer port (event names as strings).
type streamAnnouncer struct{ s *notificationapp.Service }

func (a streamAnnouncer) Announce(ctx context.Context, userID, event string, payload any) error {
	return a.s.Announce(ctx, userID, notificationapp.EventKind(event), payload)
}

// wireImports builds the import job and row stores and the import use cases on the
// server's machine use cases, mounts /imports, the export and the
// dashboard, and runs this instance's import runner in the background.
// Called from wireFleet.
func (a *App) wireImports(ctx context.Context, machines *fleetapp.Deps) error {
	jobs, err := pick(ctx, a.store,
		func(db *sqlite.DB) importjob.Repository { return sqlite.NewImportJobRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (importjob.Repository, error) {
			return mongostore.NewImportJobRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	rows, err := pick(ctx, a.store,
		func(db *sqlite.DB) importjob.RowRepository { return sqlite.NewImportRowRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (importjob.RowRepository, error) {
			return mongostore.NewImportRowRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	imports := fleetapp.NewImports(jobs, rows, machines, a.fleet.planRepo, a.notifications, streamAnnouncer{a.notifications},
		fleetapp.SystemClock{}, a.log, fleetapp.ImportOptions{Instance: host + "-" + domain.NewID()[20:]})
	fleethttp.NewImportHandler(fleethttp.ImportUseCases{
		StartImport:    fleetapp.NewStartImportHandler(imports),
		GetImport:      fleetapp.NewGetImportHandler(imports),
		ListImports:    fleetapp.NewListImportsHandler(imports),
		ExportMachines: fleetapp.NewExportMachinesHandler(machines),
		Dashboard:      fleetapp.NewGetDashboardHandler(machines),
	}).Register(a.priv)
	a.background = append(a.background, imports.Run)
	return nil
}
