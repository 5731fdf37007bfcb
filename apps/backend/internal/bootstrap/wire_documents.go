package bootstrap

import (
	"context"

	fleetapp "github.com/fleetman/fleetman/apps/backend/internal/fleet/app"
	fleethttp "github.com/fleetman/fleetman/apps/backend/internal/fleet/http"
	"github.com/fleetman/fleetman/packages/domain/document"
	mongostore "github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// wireDocuments builds the machine document store, its use cases and
// handlers, and makes the document expiry check a sibling of the scheduled
// maintenance alarm check (same ALARM_CHECK_INTERVAL), with the thresholds of
// DOCUMENT_EXPIRY_THRESHOLDS.
func (a *App) wireDocuments(ctx context.Context, machines *fleetapp.Machines, alarms *fleetapp.CheckMaintenanceAlarms) error {
	docs, err := pick(ctx, a.store,
		func(db *sqlite.DB) document.Repository { return sqlite.NewDocumentRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (document.Repository, error) {
			return mongostore.NewDocumentRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	expiry := fleetapp.NewCheckDocumentExpiry(docs, a.fleet.machineRepo, a.notifications, fleetapp.SystemClock{}, a.log,
		a.cfg.DocumentExpiryThresholds)
	alarms.AlsoRun(expiry.Run)
	fleethttp.NewDocumentsHandler(fleetapp.NewMachineDocuments(machines, docs, expiry, fleetapp.SystemClock{})).Register(a.priv)
	return nil
}
