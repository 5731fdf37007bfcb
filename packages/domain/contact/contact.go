// Package contact holds the contact Request aggregate (a request between two
// users that, once accepted, makes them contacts) and its repository port.
//
// Two users have at most one relationship, stored under the canonical PairKey
// of their ids: a pending request, an accepted one (they are contacts) or a
// declined one (which a new request may replace). Stores make the pair unique
// with a unique key, so no transaction is needed to refuse duplicates.
package contact

import (
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// Status is the state of a request.
type Status string

// The statuses of a request.
const (
	StatusPending  Status = "PENDING"
	StatusAccepted Status = "ACCEPTED"
	StatusDeclined Status = "DECLINED"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	return s == StatusPending || s == StatusAccepted || s == StatusDeclined
}

// Errors of this aggregate.
var (
	ErrRequestNotFound = domain.NewError(domain.ErrNotFound, "contact request not found")
	ErrNotContacts     = domain.NewError(domain.ErrNotFound, "not a contact")
	ErrSelf            = &domain.FieldError{Field: "email", Message: "you cannot add yourself as a contact"}
	ErrRequestPending  = domain.NewError(domain.ErrConflict, "a contact request between you is already pending")
	ErrAlreadyContacts = domain.NewError(domain.ErrConflict, "you are already contacts")
	ErrNotRecipient    = domain.NewError(domain.ErrForbidden, "only the recipient can answer a contact request")
	ErrAlreadyAnswered = domain.NewError(domain.ErrConflict, "the contact request was already answered")
)

// PairKey is the canonical key of the relationship of a and b: the smaller id,
// a colon, the larger id. It is the same whichever of the two asks.
func PairKey(a, b string) string { return domain.PairKey(a, b) }

// Request is a contact request from requester to recipient.
type Request struct {
	id          string
	requesterID string
	recipientID string
	status      Status
	createdAt   time.Time
	respondedAt *time.Time
}

// NewRequest validates a new pending request.
func NewRequest(requesterID, recipientID string, now time.Time) (Request, error) {
	if !domain.ValidID(requesterID) {
		return Request{}, domain.Invalid("requesterId", "must be a user id")
	}
	if !domain.ValidID(recipientID) {
		return Request{}, domain.Invalid("recipientId", "must be a user id")
	}
	if requesterID == recipientID {
		return Request{}, ErrSelf
	}
	return Request{id: domain.NewID(), requesterID: requesterID, recipientID: recipientID,
		status: StatusPending, createdAt: now.UTC().Truncate(time.Millisecond)}, nil
}

// StoreRecord carries every field of a Request between an adapter and FromStore.
type StoreRecord struct {
	ID          string
	RequesterID string
	RecipientID string
	Status      Status
	CreatedAt   time.Time
	RespondedAt *time.Time
}

// FromStore rebuilds a Request read from a store.
func FromStore(r StoreRecord) Request {
	req := Request{id: r.ID, requesterID: r.RequesterID, recipientID: r.RecipientID, status: r.Status,
		createdAt: r.CreatedAt.UTC()}
	if r.RespondedAt != nil {
		t := r.RespondedAt.UTC()
		req.respondedAt = &t
	}
	return req
}

// Record returns every field, for adapters.
func (r Request) Record() StoreRecord {
	return StoreRecord{ID: r.id, RequesterID: r.requesterID, RecipientID: r.recipientID, Status: r.status,
		CreatedAt: r.createdAt, RespondedAt: r.respondedAt}
}

// ID returns the request's id.
func (r Request) ID() string { return r.id }

// RequesterID returns who asked.
func (r Request) RequesterID() string { return r.requesterID }

// RecipientID returns who was asked.
func (r Request) RecipientID() string { return r.recipientID }

// PairKey returns the canonical key of the two users.
func (r Request) PairKey() string { return PairKey(r.requesterID, r.recipientID) }

// Status returns the state.
func (r Request) Status() Status { return r.status }

// CreatedAt returns when it was sent.
func (r Request) CreatedAt() time.Time { return r.createdAt }

// RespondedAt returns when it was accepted or declined (nil while pending).
func (r Request) RespondedAt() *time.Time { return r.respondedAt }

// Involves reports whether userID is the requester or the recipient.
func (r Request) Involves(userID string) bool {
	return userID == r.requesterID || userID == r.recipientID
}

// Contact is one of a user's contacts, seen from that user: a read model.
type Contact struct {
	UserID    string    // whose contact list this entry belongs to
	ContactID string    // the other user
	Since     time.Time // when the request was accepted
}
