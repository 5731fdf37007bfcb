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

// Credentials changes what decides whether an account may sign in. It is a
// port of its own so that readers of users need not implement it.
type Credentials interface {
	// SetPassword replaces the password hash; ErrNotFound when there is no such user.
	SetPassword(ctx context.Context, id, passwordHash string) error
	// SetActive activates or deactivates the account; ErrNotFound when there is none.
	SetActive(ctx context.Context, id string, active bool) error
}
