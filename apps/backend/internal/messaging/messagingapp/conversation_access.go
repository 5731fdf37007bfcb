package messagingapp

import (
	"context"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
)

// MessageHistory tells whether two users have exchanged messages.
type MessageHistory interface {
	Exists(ctx context.Context, a, b string) (bool, error)
}

// conversationAccess decides whether userID has a conversation with otherID:
// they are contacts or they have exchanged messages (a removed contact's
// history stays readable). Anything else — an unknown or malformed id,
// oneself, a stranger — is ErrConversationNotFound, so that nobody learns
// about other people's conversations.
type conversationAccess struct {
	users    UserFinder
	contacts ContactChecker
	history  MessageHistory
}

func (a conversationAccess) check(ctx context.Context, userID, otherID string) error {
	if !domain.ValidID(otherID) || otherID == userID {
		return ErrConversationNotFound
	}
	if _, err := a.users.ByID(ctx, otherID); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return ErrConversationNotFound
		}
		return fmt.Errorf("conversation: %w", err)
	}
	ok, err := a.contacts.AreContacts(ctx, userID, otherID)
	if err != nil {
		return fmt.Errorf("conversation: %w", err)
	}
	if ok {
		return nil
	}
	ok, err = a.history.Exists(ctx, userID, otherID)
	if err != nil {
		return fmt.Errorf("conversation: %w", err)
	}
	if !ok {
		return ErrConversationNotFound
	}
	return nil
}
