package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/importjob"
)

// StartImport is an upload.
type StartImport struct {
	OwnerID     string
	FileName    string
	OnDuplicate string
	File        []byte
}

// StartImportHandler runs StartImport.
type StartImportHandler struct{ d *Imports }

// NewStartImportHandler builds the handler.
func NewStartImportHandler(d *Imports) *StartImportHandler { return &StartImportHandler{d: d} }

// Handle checks the file as a whole (a file error is returned, nothing is
// stored), stores a queued job with the file and wakes this instance's runner.
func (h *StartImportHandler) Handle(ctx context.Context, cmd StartImport) (importjob.Job, error) {
	rule, err := importjob.ParseOnDuplicate(cmd.OnDuplicate)
	if err != nil {
		return importjob.Job{}, err
	}
	f, err := parseImportFile(cmd.File)
	if err != nil {
		return importjob.Job{}, err
	}
	j, err := importjob.New(cmd.OwnerID, cmd.FileName, rule, len(f.rows), h.d.clock.Now())
	if err != nil {
		return importjob.Job{}, err
	}
	if err := h.d.jobs.Create(ctx, j, cmd.File); err != nil {
		return importjob.Job{}, fmt.Errorf("start import: %w", err)
	}
	select {
	case h.d.kick <- struct{}{}:
	default:
	}
	return j, nil
}
