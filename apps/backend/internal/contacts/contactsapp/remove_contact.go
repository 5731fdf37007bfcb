package contactsapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/contact"
)

// RemoveContact ends the contact of UserID and ContactID for both of them.
type RemoveContact struct {
	UserID    string
	ContactID string
}

// RemoveContactHandler runs RemoveContact.
type RemoveContactHandler struct{ d *Deps }

// NewRemoveContactHandler builds the handler.
func NewRemoveContactHandler(d *Deps) *RemoveContactHandler {
	return &RemoveContactHandler{d: d}
}

// Handle removes the contact. Their messages stay readable to both; new
// messages are refused.
func (h *RemoveContactHandler) Handle(ctx context.Context, cmd RemoveContact) error {
	if !domain.ValidID(cmd.ContactID) || cmd.ContactID == cmd.UserID {
		return contact.ErrNotContacts
	}
	if err := h.d.contacts.Remove(ctx, cmd.UserID, cmd.ContactID); err != nil {
		return fmt.Errorf("remove contact: %w", err)
	}
	return nil
}
