// Package domain holds FleetMan's entities, value objects, domain errors and
// repository ports. It depends on the standard library only.
package domain

import "errors"

// The kinds of domain error. Every error a use case or repository returns
// wraps one of these (with %w) so that the HTTP layer can map it in one place.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrInvalid      = errors.New("invalid")
	ErrForbidden    = errors.New("forbidden")
	ErrUnauthorized = errors.New("unauthenticated")
	// ErrTooLarge: an input over its size limit (a file, a body).
	ErrTooLarge = errors.New("too large")
)

// FieldError is a validation failure of one named input field.
// It wraps ErrInvalid.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Unwrap makes errors.Is(err, ErrInvalid) hold.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Invalid returns a FieldError for field with the given message.
func Invalid(field, message string) error { return &FieldError{Field: field, Message: message} }

// Error is a sentinel in the words a client reads: its message is what the
// API answers (never the chain of layers it travelled through), and it wraps
// one kind, so errors.Is(err, ErrNotFound) holds for user.ErrNotFound.
// Declare sentinels with NewError: var ErrNotFound = domain.NewError(domain.ErrNotFound, "user not found").
type Error struct {
	kind    error
	message string
}

// NewError returns a sentinel of kind (ErrNotFound, ErrConflict, ...) that reads message.
func NewError(kind error, message string) error { return &Error{kind: kind, message: message} }

func (e *Error) Error() string { return e.message }

// Unwrap makes errors.Is(err, kind) hold.
func (e *Error) Unwrap() error { return e.kind }
