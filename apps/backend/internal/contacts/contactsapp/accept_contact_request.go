package contactsapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/contact"
)

// AcceptContactRequest answers the request RequestID, addressed to UserID, yes.
type AcceptContactRequest struct {
	UserID    string
	RequestID string
}

// AcceptContactRequestHandler runs AcceptContactRequest.
type AcceptContactRequestHandler struct{ d *Deps }

// NewAcceptContactRequestHandler builds the handler.
func NewAcceptContactRequestHandler(d *Deps) *AcceptContactRequestHandler {
	return &AcceptContactRequestHandler{d: d}
}

// Handle makes the requester and UserID contacts; the requester gets a
// CONTACT_ACCEPTED notification. Accepting an accepted request again answers
// it unchanged and notifies nobody.
func (h *AcceptContactRequestHandler) Handle(ctx context.Context, cmd AcceptContactRequest) (RequestView, error) {
	return h.d.respond(ctx, cmd.UserID, cmd.RequestID, contact.StatusAccepted)
}
