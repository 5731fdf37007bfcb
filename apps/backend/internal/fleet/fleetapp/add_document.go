package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// AddDocument is a new document of a machine.
type AddDocument struct {
	UserID, MachineID string
	Draft             document.Draft
}

// AddDocumentHandler runs AddDocument.
type AddDocumentHandler struct{ d *DocumentDeps }

// NewAddDocumentHandler builds the handler.
func NewAddDocumentHandler(d *DocumentDeps) *AddDocumentHandler { return &AddDocumentHandler{d: d} }

// Handle stores a document of the machine (owner only: an operator gets 403, a
// stranger 404) and, when it already reached a reminder threshold, sends
// that reminder at once rather than at the next scheduled check.
func (h *AddDocumentHandler) Handle(ctx context.Context, cmd AddDocument) (document.Document, error) {
	m, err := h.d.machines.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionEdit)
	if err != nil {
		return document.Document{}, err
	}
	cmd.Draft.MachineID, cmd.Draft.OwnerID = m.ID(), m.OwnerID()
	doc, err := document.New(cmd.Draft, h.d.clock.Now())
	if err != nil {
		return document.Document{}, err
	}
	if err := h.d.docs.Create(ctx, doc); err != nil {
		return document.Document{}, fmt.Errorf("add document: %w", err)
	}
	if h.d.expiry != nil {
		if _, err := h.d.expiry.checkDocument(ctx, m, doc); err != nil {
			h.d.expiry.log.Warn("document reminder check failed; the scheduled run retries", "document", doc.ID(), "err", err)
		}
	}
	return doc, nil
}
