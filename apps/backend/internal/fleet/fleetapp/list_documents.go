package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/document"
)

// ListDocuments asks for a machine's documents.
type ListDocuments struct {
	UserID, MachineID string
}

// ListDocumentsHandler runs ListDocuments.
type ListDocumentsHandler struct{ d *DocumentDeps }

// NewListDocumentsHandler builds the handler.
func NewListDocumentsHandler(d *DocumentDeps) *ListDocumentsHandler {
	return &ListDocumentsHandler{d: d}
}

// Handle returns the machine's documents, soonest expiry first.
func (h *ListDocumentsHandler) Handle(ctx context.Context, q ListDocuments) ([]document.Document, error) {
	m, _, err := h.d.machines.access(ctx, q.UserID, q.MachineID)
	if err != nil {
		return nil, err
	}
	docs, err := h.d.docs.ByMachine(ctx, m.ID())
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return docs, nil
}
