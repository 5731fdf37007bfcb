package fleetapp

import (
	"context"
	"fmt"
)

// DeleteDocument removes a document of a machine, with its file.
type DeleteDocument struct {
	UserID, MachineID, DocumentID string
}

// DeleteDocumentHandler runs DeleteDocument.
type DeleteDocumentHandler struct{ d *DocumentDeps }

// NewDeleteDocumentHandler builds the handler.
func NewDeleteDocumentHandler(d *DocumentDeps) *DeleteDocumentHandler {
	return &DeleteDocumentHandler{d: d}
}

// Handle removes one of the machine's documents (owner only).
func (h *DeleteDocumentHandler) Handle(ctx context.Context, cmd DeleteDocument) error {
	m, doc, err := h.d.document(ctx, cmd.UserID, cmd.MachineID, cmd.DocumentID, true)
	if err != nil {
		return err
	}
	if err := h.d.docs.Delete(ctx, m.ID(), cmd.DocumentID); err != nil {
		return fmt.Errorf("delete document: %w", err)
	}
	// The document no longer points at its file: remove the bytes after it.
	if f, ok := doc.File(); ok {
		h.d.dropFile(ctx, m.ID(), f)
	}
	return nil
}
