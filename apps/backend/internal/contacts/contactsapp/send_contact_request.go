package contactsapp

import (
	"context"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// ErrNoSuchAccount is the one answer for an unknown or inactive email: it
// says no more than that no account can be added under this address.
var ErrNoSuchAccount = domain.NewError(domain.ErrNotFound, "no account can be added with this email")

// SendContactRequest asks the account registered under Email to become
// RequesterID's contact.
type SendContactRequest struct {
	RequesterID string
	Email       string
}

// SendContactRequestHandler runs SendContactRequest.
type SendContactRequestHandler struct{ d *Deps }

// NewSendContactRequestHandler builds the handler.
func NewSendContactRequestHandler(d *Deps) *SendContactRequestHandler {
	return &SendContactRequestHandler{d: d}
}

// Handle stores the request; the recipient gets a CONTACT_REQUEST notification.
// Errors: 400 for a malformed email or oneself, 404 for an unknown account,
// 409 for a pending request between the two (either way) or existing contacts.
func (h *SendContactRequestHandler) Handle(ctx context.Context, cmd SendContactRequest) (RequestView, error) {
	normalized, err := user.NormalizeEmail(cmd.Email)
	if err != nil {
		return RequestView{}, err
	}
	requester, err := h.d.users.ByID(ctx, cmd.RequesterID)
	if err != nil {
		return RequestView{}, fmt.Errorf("contact request: %w", err)
	}
	if normalized == requester.Email() {
		return RequestView{}, contact.ErrSelf
	}
	recipient, err := h.d.users.ByEmail(ctx, normalized)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && !recipient.Active()) {
		return RequestView{}, ErrNoSuchAccount
	}
	if err != nil {
		return RequestView{}, fmt.Errorf("contact request: %w", err)
	}
	req, err := contact.NewRequest(requester.ID(), recipient.ID(), h.d.now())
	if err != nil {
		return RequestView{}, err
	}
	if err := h.d.contacts.CreateRequest(ctx, req); err != nil {
		return RequestView{}, fmt.Errorf("contact request: %w", err)
	}
	h.d.notify(ctx, notification.Draft{
		UserID:  recipient.ID(),
		Type:    notification.TypeContactRequest,
		Title:   requestTitleKey,
		Message: requestBodyKey,
		Metadata: map[string]any{
			"requestId":     req.ID(),
			"requesterId":   requester.ID(),
			"requesterName": requester.Name(),
		},
		ActionURL: actionURL,
		Priority:  notification.PriorityNormal,
		Source:    source,
	})
	return RequestView{Request: req, Requester: requester, Recipient: recipient}, nil
}
