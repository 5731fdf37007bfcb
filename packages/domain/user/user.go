// Package user holds the User aggregate and its repository port.
package user

import (
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

// Role names what an account may do beyond its own data.
type Role string

// The roles.
const (
	RoleUser  Role = "user"
	RoleAdmin Role = "admin"
)

// Errors of this aggregate.
var (
	ErrNotFound     = domain.NewError(domain.ErrNotFound, "user not found")
	ErrEmailTaken   = domain.NewError(domain.ErrConflict, "email already registered")
	ErrInvalidEmail = &domain.FieldError{Field: "email", Message: "must be a valid email address"}
)

// User is a registered account.
type User struct {
	id           string
	email        string
	name         string
	businessName string
	passwordHash string
	active       bool
	roles        []Role // granted beyond RoleUser (only by the operator)
	createdAt    time.Time
}

// NormalizeEmail trims and lower-cases an address and checks its form.
func NormalizeEmail(raw string) (string, error) {
	email := strings.ToLower(strings.TrimSpace(raw))
	if email == "" || len(email) > 254 {
		return "", ErrInvalidEmail
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" || !strings.Contains(email[strings.LastIndexByte(email, '@'):], ".") {
		return "", ErrInvalidEmail
	}
	return email, nil
}

// New validates a new account. passwordHash is the already hashed password.
func New(email, name, businessName, passwordHash string, now time.Time) (User, error) {
	normalized, err := NormalizeEmail(email)
	if err != nil {
		return User{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return User{}, domain.Invalid("name", "must be 1 to 100 characters")
	}
	businessName = strings.TrimSpace(businessName)
	if utf8.RuneCountInString(businessName) > 200 {
		return User{}, domain.Invalid("businessName", "must be at most 200 characters")
	}
	if passwordHash == "" {
		return User{}, domain.Invalid("password", "required")
	}
	return User{
		id:           domain.NewID(),
		email:        normalized,
		name:         name,
		businessName: businessName,
		passwordHash: passwordHash,
		active:       true,
		createdAt:    now.UTC().Truncate(time.Millisecond),
	}, nil
}

// FromStore rebuilds a User read from a store.
func FromStore(id, email, name, businessName, passwordHash string, active bool, createdAt time.Time) User {
	return User{id: id, email: email, name: name, businessName: businessName,
		passwordHash: passwordHash, active: active, createdAt: createdAt.UTC()}
}

// WithRoles returns u holding roles beyond RoleUser (RoleUser itself and
// duplicates are dropped). Only the operator's commands grant RoleAdmin.
func (u User) WithRoles(roles ...Role) User {
	var out []Role
	for _, r := range roles {
		if r != RoleUser && r != "" && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	u.roles = out
	return u
}

// Roles returns the roles stored with the account beyond RoleUser.
func (u User) Roles() []Role { return slices.Clone(u.roles) }

// HasRole reports whether the account holds r (every account holds RoleUser).
func (u User) HasRole(r Role) bool { return r == RoleUser || slices.Contains(u.roles, r) }

// ID returns the user's id.
func (u User) ID() string { return u.id }

// Email returns the normalised address.
func (u User) Email() string { return u.email }

// Name returns the display name.
func (u User) Name() string { return u.name }

// BusinessName returns the business the user works for.
func (u User) BusinessName() string { return u.businessName }

// PasswordHash returns the stored password hash.
func (u User) PasswordHash() string { return u.passwordHash }

// Active reports whether the account may sign in and be messaged.
func (u User) Active() bool { return u.active }

// CreatedAt returns when the account was registered.
func (u User) CreatedAt() time.Time { return u.createdAt }
