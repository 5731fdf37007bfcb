package contactsapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/contact"
)

// Remove ends the contact of userID and otherID for both of them. Their
// messages stay readable to both; new messages are refused.
func (s *Service) Remove(ctx context.Context, userID, otherID string) error {
	if !domain.ValidID(otherID) || otherID == userID {
		return contact.ErrNotContacts
	}
	if err := s.contacts.Remove(ctx, userID, otherID); err != nil {
		return fmt.Errorf("remove contact: %w", err)
	}
	return nil
}
