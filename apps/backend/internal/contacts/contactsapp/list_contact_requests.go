package contactsapp

import (
	"context"
	"fmt"
)

// ListContactRequests asks for the pending requests UserID received and sent.
type ListContactRequests struct {
	UserID string
}

// ContactRequests are a user's pending requests, oldest first.
type ContactRequests struct {
	Incoming []RequestView
	Outgoing []RequestView
}

// ListContactRequestsHandler runs ListContactRequests.
type ListContactRequestsHandler struct{ d *Deps }

// NewListContactRequestsHandler builds the handler.
func NewListContactRequestsHandler(d *Deps) *ListContactRequestsHandler {
	return &ListContactRequestsHandler{d: d}
}

// Handle returns the pending requests the user received and sent, oldest first.
func (h *ListContactRequestsHandler) Handle(ctx context.Context, q ListContactRequests) (ContactRequests, error) {
	in, out, err := h.d.contacts.Pending(ctx, q.UserID)
	if err != nil {
		return ContactRequests{}, fmt.Errorf("contact requests: %w", err)
	}
	views, err := h.d.views(ctx, in, out)
	if err != nil {
		return ContactRequests{}, fmt.Errorf("contact requests: %w", err)
	}
	return ContactRequests{Incoming: views[0], Outgoing: views[1]}, nil
}
