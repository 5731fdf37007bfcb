package contactsapp

import (
	"context"
	"fmt"
)

// ListContacts asks for UserID's contacts.
type ListContacts struct {
	UserID string
}

// ListContactsHandler runs ListContacts.
type ListContactsHandler struct{ d *Deps }

// NewListContactsHandler builds the handler.
func NewListContactsHandler(d *Deps) *ListContactsHandler {
	return &ListContactsHandler{d: d}
}

// Handle returns the user's contacts, the most recent first.
func (h *ListContactsHandler) Handle(ctx context.Context, q ListContacts) ([]ContactView, error) {
	list, err := h.d.contacts.Contacts(ctx, q.UserID)
	if err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ContactID
	}
	byID, err := h.d.usersByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	out := make([]ContactView, 0, len(list))
	for _, c := range list {
		if u, ok := byID[c.ContactID]; ok {
			out = append(out, ContactView{User: u, Since: c.Since})
		}
	}
	return out, nil
}
