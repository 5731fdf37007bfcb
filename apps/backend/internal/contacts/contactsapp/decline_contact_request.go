package contactsapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/contact"
)

// DeclineContactRequest answers the request RequestID, addressed to UserID, no.
type DeclineContactRequest struct {
	UserID    string
	RequestID string
}

// DeclineContactRequestHandler runs DeclineContactRequest.
type DeclineContactRequestHandler struct{ d *Deps }

// NewDeclineContactRequestHandler builds the handler.
func NewDeclineContactRequestHandler(d *Deps) *DeclineContactRequestHandler {
	return &DeclineContactRequestHandler{d: d}
}

// Handle refuses the request; declining it again answers it unchanged.
func (h *DeclineContactRequestHandler) Handle(ctx context.Context, cmd DeclineContactRequest) (RequestView, error) {
	return h.d.respond(ctx, cmd.UserID, cmd.RequestID, contact.StatusDeclined)
}
