package contact

import (
	"context"
	"time"
)

// Repository stores contact requests, one relationship per pair of users.
type Repository interface {
	// CreateRequest stores a new pending request. It replaces a declined
	// request between the same two users; it fails with ErrRequestPending when
	// a request between them (in either direction) is pending and with
	// ErrAlreadyContacts when they are contacts. Concurrent requests between
	// the same two users: exactly one succeeds.
	CreateRequest(ctx context.Context, r Request) error
	// RequestByID returns ErrRequestNotFound when there is no such request
	// (a declined request that a new one replaced no longer exists).
	RequestByID(ctx context.Context, id string) (Request, error)
	// Respond moves the request id addressed to recipientID from PENDING to
	// status (ACCEPTED or DECLINED) at the given time, as one conditional
	// update; changed is false when it was not pending (so a double accept
	// changes nothing the second time).
	Respond(ctx context.Context, id, recipientID string, status Status, at time.Time) (changed bool, err error)
	// Pending returns the pending requests userID received and sent, oldest first.
	Pending(ctx context.Context, userID string) (incoming, outgoing []Request, err error)
	// Contacts returns userID's contacts, most recent first.
	Contacts(ctx context.Context, userID string) ([]Contact, error)
	// AreContacts reports whether a and b are contacts.
	AreContacts(ctx context.Context, a, b string) (bool, error)
	// Remove ends the contact of a and b for both; ErrNotContacts when they are not contacts.
	Remove(ctx context.Context, a, b string) error
}
