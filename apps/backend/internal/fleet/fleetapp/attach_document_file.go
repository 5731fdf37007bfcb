package fleetapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
)

// AttachDocumentFile stores Upload as the document's file (replacing the one it had).
type AttachDocumentFile struct {
	UserID, MachineID, DocumentID string
	Upload                        FileUpload
}

// AttachDocumentFileHandler runs AttachDocumentFile.
type AttachDocumentFileHandler struct{ d *DocumentDeps }

// NewAttachDocumentFileHandler builds the handler.
func NewAttachDocumentFileHandler(d *DocumentDeps) *AttachDocumentFileHandler {
	return &AttachDocumentFileHandler{d: d}
}

// Handle attaches a file to one of the machine's documents, or replaces
// its file (owner only). The type is decided from the first bytes
// (document.SniffType), never from the client; the bytes are written to the
// store under a new id before the document points at them, and the replaced
// file's bytes are removed after: a reader always gets a whole file that
// matches what the document says.
func (h *AttachDocumentFileHandler) Handle(ctx context.Context, cmd AttachDocumentFile) (document.Document, error) {
	m, doc, err := h.d.document(ctx, cmd.UserID, cmd.MachineID, cmd.DocumentID, true)
	if err != nil {
		return document.Document{}, err
	}
	head := make([]byte, document.SniffBytes)
	n, err := io.ReadFull(cmd.Upload.Content, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return document.Document{}, fmt.Errorf("attach file: read: %w", err)
	}
	typ, err := document.SniffType(head[:n])
	if err != nil {
		return document.Document{}, err
	}
	fileID := domain.NewID()
	size, err := h.d.files.Put(ctx, m.ID(), fileID, &capReader{r: io.MultiReader(bytes.NewReader(head[:n]), cmd.Upload.Content), max: document.MaxFileBytes})
	if errors.Is(err, document.ErrFileTooLarge) {
		return document.Document{}, document.ErrFileTooLarge
	}
	if err != nil {
		return document.Document{}, fmt.Errorf("attach file: %w", err)
	}
	f, err := document.NewFile(fileID, cmd.Upload.Name, typ, size, h.d.clock.Now())
	if err == nil {
		err = h.d.docs.SetFile(ctx, m.ID(), doc.ID(), &f)
	}
	if err != nil {
		h.d.dropFile(ctx, m.ID(), document.File{ID: fileID})
		if errors.Is(err, domain.ErrInvalid) || errors.Is(err, domain.ErrNotFound) {
			return document.Document{}, err
		}
		return document.Document{}, fmt.Errorf("attach file: %w", err)
	}
	if prev, ok := doc.File(); ok {
		h.d.dropFile(ctx, m.ID(), prev)
	}
	return doc.WithFile(f), nil
}
