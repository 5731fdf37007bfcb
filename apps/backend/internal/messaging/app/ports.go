// Package app holds the messaging use cases: SendMessage, the conversations
// list, a conversation's pages, and marking a conversation read.
package app

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// UserFinder finds one account.
type UserFinder interface {
	ByID(ctx context.Context, id string) (user.User, error)
}

// ContactChecker tells whether two users are contacts.
type ContactChecker interface {
	AreContacts(ctx context.Context, a, b string) (bool, error)
}

// Notifier creates a notification (persisted, then published).
type Notifier interface {
	Create(ctx context.Context, d notification.Draft) (notification.Notification, error)
}

// NotificationReader marks matching notifications read and publishes notification.read.
type NotificationReader interface {
	MarkMatchingRead(ctx context.Context, m notification.Match) ([]string, error)
}

// Announcer hands a stream event that is not a notification to one user's
// open streams on every instance (the NotificationService's Announce).
type Announcer interface {
	Announce(ctx context.Context, userID, event string, payload any) error
}

// Errors of the messaging use cases.
var (
	ErrUserNotFound         = fmt.Errorf("user not found: %w", domain.ErrNotFound)
	ErrNotContacts          = fmt.Errorf("you can only message your contacts: %w", domain.ErrForbidden)
	ErrConversationNotFound = fmt.Errorf("conversation not found: %w", domain.ErrNotFound)
	// ErrIdempotencyKeyReused answers a send under an Idempotency-Key the
	// sender used before for another recipient or content. It wraps
	// domain.ErrConflict (409) until the API maps it to 422
	// IDEMPOTENCY_KEY_REUSED.
	ErrIdempotencyKeyReused = fmt.Errorf("this Idempotency-Key was used for a different message: %w", domain.ErrConflict)
)
