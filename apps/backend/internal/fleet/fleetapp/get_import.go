package fleetapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
)

// GetImport asks for one of a user's import jobs.
type GetImport struct {
	UserID, ID string
}

// GetImportHandler runs GetImport.
type GetImportHandler struct{ d *Imports }

// NewGetImportHandler builds the handler.
func NewGetImportHandler(d *Imports) *GetImportHandler { return &GetImportHandler{d: d} }

// Handle returns one of the user's jobs; another user's is ErrNotFound.
func (h *GetImportHandler) Handle(ctx context.Context, q GetImport) (importjob.Job, error) {
	if !domain.ValidID(q.ID) {
		return importjob.Job{}, importjob.ErrNotFound
	}
	j, err := h.d.jobs.ByID(ctx, q.ID)
	if err != nil {
		return importjob.Job{}, err
	}
	if j.OwnerID() != q.UserID {
		return importjob.Job{}, importjob.ErrNotFound
	}
	return j, nil
}
