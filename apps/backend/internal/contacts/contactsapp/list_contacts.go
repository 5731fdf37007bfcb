package contactsapp

import (
	"context"
	"fmt"
)

// Requests returns the pending requests userID received and sent, oldest first.
func (s *Service) Requests(ctx context.Context, userID string) (incoming, outgoing []RequestView, err error) {
	in, out, err := s.contacts.Pending(ctx, userID)
	if err != nil {
		return nil, nil, fmt.Errorf("contact requests: %w", err)
	}
	views, err := s.views(ctx, in, out)
	if err != nil {
		return nil, nil, fmt.Errorf("contact requests: %w", err)
	}
	return views[0], views[1], nil
}

// List returns userID's contacts, the most recent first.
func (s *Service) List(ctx context.Context, userID string) ([]ContactView, error) {
	list, err := s.contacts.Contacts(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ContactID
	}
	byID, err := s.usersByID(ctx, ids)
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
