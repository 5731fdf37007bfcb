package user

import "context"

// Repository stores users.
type Repository interface {
	// Create stores a new user; ErrEmailTaken when the email is registered.
	Create(ctx context.Context, u User) error
	// ByID returns ErrNotFound when there is no such user.
	ByID(ctx context.Context, id string) (User, error)
	// ByEmail takes a normalised email; ErrNotFound when there is none.
	ByEmail(ctx context.Context, email string) (User, error)
	// ByIDs returns the users that exist among ids, in any order.
	ByIDs(ctx context.Context, ids []string) ([]User, error)
}
