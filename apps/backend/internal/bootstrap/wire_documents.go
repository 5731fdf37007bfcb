package bootstrap

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleethttp"
	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/persistence/diskfiles"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// wireDocuments builds the machine document store and its file store (a
// folder on disk, DOCUMENT_FILES_DIR, for the embedded store; a GridFS bucket
// for MongoDB), its use cases and handlers, makes the document expiry check a
// sibling of the scheduled maintenance alarm check (same ALARM_CHECK_INTERVAL),
// with the thresholds of DOCUMENT_EXPIRY_THRESHOLDS, and makes deleting a
// machine remove its work orders, issues, documents and files.
func (a *App) wireDocuments(ctx context.Context, machines *fleetapp.Deps, alarms *fleetapp.CheckMaintenanceAlarmsHandler) error {
	docs, err := pick(ctx, a.store,
		func(db *sqlite.DB) document.Repository { return sqlite.NewDocumentRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (document.Repository, error) {
			return mongostore.NewDocumentRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	files, err := a.documentFiles(ctx)
	if err != nil {
		return err
	}
	expiry := fleetapp.NewCheckDocumentExpiryHandler(docs, a.fleet.machineRepo, a.notifications, fleetapp.SystemClock{}, a.log,
		a.cfg.DocumentExpiryThresholds)
	alarms.AlsoRun(expiry.Run)
	d := fleetapp.NewDocumentDeps(machines, docs, files, expiry, fleetapp.SystemClock{}, a.log)
	fleethttp.NewDocumentsHandler(fleethttp.DocumentUseCases{
		Add:        fleetapp.NewAddDocumentHandler(d),
		List:       fleetapp.NewListDocumentsHandler(d),
		Delete:     fleetapp.NewDeleteDocumentHandler(d),
		AttachFile: fleetapp.NewAttachDocumentFileHandler(d),
		OpenFile:   fleetapp.NewOpenDocumentFileHandler(d),
		RemoveFile: fleetapp.NewRemoveDocumentFileHandler(d),
	}).Register(a.priv)
	machines.CascadeDeleteTo(fleetapp.MachineCascade{WorkOrders: a.fleet.workOrderRepo, Issues: a.fleet.issueRepo,
		Documents: docs, DocumentFiles: files})
	a.fleet.documentRepo, a.fleet.documentFiles = docs, files
	return nil
}

// documentFiles is the store of document files of the configured store.
func (a *App) documentFiles(ctx context.Context) (document.FileStore, error) {
	if a.store.mongo != nil {
		return mongostore.NewDocumentFileStore(ctx, a.store.mongo)
	}
	s, err := diskfiles.New(a.cfg.DocumentFilesDir)
	if err != nil {
		return nil, fmt.Errorf("DOCUMENT_FILES_DIR: %w", err)
	}
	return s, nil
}
