package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/document"
)

// RemoveDocumentFile removes a document's file (the document stays).
type RemoveDocumentFile struct {
	UserID, MachineID, DocumentID string
}

// RemoveDocumentFileHandler runs RemoveDocumentFile.
type RemoveDocumentFileHandler struct{ d *DocumentDeps }

// NewRemoveDocumentFileHandler builds the handler.
func NewRemoveDocumentFileHandler(d *DocumentDeps) *RemoveDocumentFileHandler {
	return &RemoveDocumentFileHandler{d: d}
}

// Handle takes the file off a document (owner only): the document stops
// pointing at it first, then its bytes are removed.
func (h *RemoveDocumentFileHandler) Handle(ctx context.Context, cmd RemoveDocumentFile) (document.Document, error) {
	m, doc, err := h.d.document(ctx, cmd.UserID, cmd.MachineID, cmd.DocumentID, true)
	if err != nil {
		return document.Document{}, err
	}
	f, ok := doc.File()
	if !ok {
		return document.Document{}, document.ErrFileNotFound
	}
	if err := h.d.docs.SetFile(ctx, m.ID(), doc.ID(), nil); err != nil {
		return document.Document{}, fmt.Errorf("remove document file: %w", err)
	}
	h.d.dropFile(ctx, m.ID(), f)
	return doc.WithoutFile(), nil
}
