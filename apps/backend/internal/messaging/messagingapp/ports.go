// Package messagingapp holds the messaging use cases: SendMessage, the conversations
// list, a conversation's pages, and marking a conversation read.
package messagingapp

import (
	"context"

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
	ErrUserNotFound         = domain.NewError(domain.ErrNotFound, "user not found")
	ErrNotContacts          = domain.NewError(domain.ErrForbidden, "you can only message your contacts")
	ErrConversationNotFound = domain.NewError(domain.ErrNotFound, "conversation not found")
	// ErrIdempotencyKeyReused answers a send under an Idempotency-Key the
	// sender used before for another recipient or content. It wraps
	// domain.ErrConflict (409) until the API maps it to 422
	// IDEMPOTENCY_KEY_REUSED.
	ErrIdempotencyKeyReused = domain.NewError(domain.ErrConflict, "this Idempotency-Key was used for a different message")
)
