package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/importjob"
)

// ListImports asks for a user's import jobs.
type ListImports struct {
	UserID string
}

// ListImportsHandler runs ListImports.
type ListImportsHandler struct{ d *Imports }

// NewListImportsHandler builds the handler.
func NewListImportsHandler(d *Imports) *ListImportsHandler { return &ListImportsHandler{d: d} }

// Handle returns the user's latest jobs, newest first.
func (h *ListImportsHandler) Handle(ctx context.Context, q ListImports) ([]importjob.Job, error) {
	js, err := h.d.jobs.ForOwner(ctx, q.UserID, MaxImportsListed)
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	return js, nil
}
