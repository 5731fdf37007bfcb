package fleetapp

import (
	"context"
	"fmt"
	"io"

	"github.com/fleetman/fleetman/packages/domain/document"
)

// OpenDocumentFile asks for a document's file to download.
type OpenDocumentFile struct {
	UserID, MachineID, DocumentID string
}

// OpenedFile is a document's file and its bytes; the caller closes Body.
type OpenedFile struct {
	File document.File
	Body io.ReadCloser
}

// OpenDocumentFileHandler runs OpenDocumentFile.
type OpenDocumentFileHandler struct{ d *DocumentDeps }

// NewOpenDocumentFileHandler builds the handler.
func NewOpenDocumentFileHandler(d *DocumentDeps) *OpenDocumentFileHandler {
	return &OpenDocumentFileHandler{d: d}
}

// Handle returns a document's file and its bytes, for the owner and the
// machine's operators; the caller closes them. document.ErrFileNotFound when
// the document has none.
func (h *OpenDocumentFileHandler) Handle(ctx context.Context, q OpenDocumentFile) (OpenedFile, error) {
	m, doc, err := h.d.document(ctx, q.UserID, q.MachineID, q.DocumentID, false)
	if err != nil {
		return OpenedFile{}, err
	}
	f, ok := doc.File()
	if !ok {
		return OpenedFile{}, document.ErrFileNotFound
	}
	rc, err := h.d.files.Open(ctx, m.ID(), f.ID)
	if err != nil {
		return OpenedFile{}, fmt.Errorf("open document file: %w", err)
	}
	return OpenedFile{File: f, Body: rc}, nil
}
