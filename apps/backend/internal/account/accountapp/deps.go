// Package accountapp holds the account use cases: register, log in, read oneself,
// end sessions (logout, sign out everywhere), change the password,
// deactivate an account, and the operator's admin bootstrap. Each is a
// handler of its own (RegisterUserHandler, …) built on one Deps.
package accountapp

import (
	"context"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/apps/backend/internal/account/sessions"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// Hasher hashes and verifies passwords.
type Hasher interface {
	Hash(plain string) (string, error)
	Verify(hash, plain string) (bool, error)
}

// TokenIssuer signs a token for a user's session.
type TokenIssuer interface {
	Issue(userID, sessionID string) (string, time.Time, error)
	TTL() time.Duration
}

// SessionEvents tells every instance that sessions ended (sessions.Events).
type SessionEvents interface {
	Publish(ctx context.Context, e sessions.Ended) error
}

// Stores are the repositories the account use cases write.
type Stores struct {
	Users       user.Repository
	Credentials user.Credentials
	Sessions    session.Repository
}

// Errors of the account use cases.
var (
	// ErrBadCredentials is the one answer for an unknown email, a wrong
	// password and a deactivated account.
	ErrBadCredentials = domain.NewError(domain.ErrUnauthorized, "invalid email or password")
	// ErrWrongPassword refuses a password change whose current password is wrong.
	ErrWrongPassword = &domain.FieldError{Field: "currentPassword", Message: "is not the current password"}
)

// Password rules.
const (
	MinPasswordLength = 8
	MaxPasswordLength = 72 // bcrypt's limit in bytes
)

// Session is what register and login answer.
type Session struct {
	User      user.User
	Roles     []string
	Token     string
	ExpiresAt time.Time
}

// Deps are what the account use cases share: the stores, the session
// events, the password hasher, the token issuer and the ADMIN_EMAILS list.
type Deps struct {
	users    user.Repository
	creds    user.Credentials
	sessions session.Repository
	events   SessionEvents
	hasher   Hasher
	tokens   TokenIssuer
	admins   []string // ADMIN_EMAILS: when set, the operator-made admins that keep the role
	now      func() time.Time
	// dummyHash is verified for unknown emails so that both failures take as long.
	dummyHash string
}

// NewDeps builds the account use cases' dependencies.
func NewDeps(stores Stores, events SessionEvents, hasher Hasher, tokens TokenIssuer, adminEmails []string) (*Deps, error) {
	dummy, err := hasher.Hash("not-a-real-password-0000")
	if err != nil {
		return nil, err
	}
	return &Deps{users: stores.Users, creds: stores.Credentials, sessions: stores.Sessions, events: events,
		hasher: hasher, tokens: tokens, admins: adminEmails, now: time.Now, dummyHash: dummy}, nil
}

// newAccount is the input of a new account (RegisterUser, CreateAdmin).
type newAccount struct {
	Email, Password, Name, BusinessName string
}

func (d *Deps) newUser(cmd newAccount) (user.User, error) {
	if err := checkPassword("password", cmd.Password); err != nil {
		return user.User{}, err
	}
	if _, err := user.NormalizeEmail(cmd.Email); err != nil {
		return user.User{}, err
	}
	hash, err := d.hasher.Hash(cmd.Password)
	if err != nil {
		return user.User{}, err
	}
	return user.New(cmd.Email, cmd.Name, cmd.BusinessName, hash, d.now())
}

func checkPassword(field, pw string) error {
	if n := len(pw); n < MinPasswordLength || n > MaxPasswordLength || utf8.RuneCountInString(pw) < MinPasswordLength {
		return domain.Invalid(field, fmt.Sprintf("must be %d to %d characters", MinPasswordLength, MaxPasswordLength))
	}
	return nil
}

// endAllSessions ends every session of the user and closes their streams on
// every instance (LogOutEverywhere, ChangePassword, DeactivateUser).
func (d *Deps) endAllSessions(ctx context.Context, userID string) error {
	if _, err := d.sessions.EndAllOf(ctx, userID, d.now()); err != nil {
		return fmt.Errorf("logout everywhere: %w", err)
	}
	return d.announce(ctx, sessions.Ended{UserID: userID})
}

// announce publishes an end; a failure is returned (the store already
// holds the end: other instances learn it within the cache's bound).
func (d *Deps) announce(ctx context.Context, e sessions.Ended) error {
	if err := d.events.Publish(ctx, e); err != nil {
		return fmt.Errorf("announce ended session: %w", err)
	}
	return nil
}

// rolesOf returns the roles of u, read from the account: everyone is a
// user; an admin is an account the operator created with the role, and,
// when ADMIN_EMAILS is set, whose address it lists (removing an address
// takes the role away at the next start). Registering a listed address
// grants nothing.
func (d *Deps) rolesOf(u user.User) []string { return RolesFor(d.admins)(u) }

// RolesFor is the roles of an account for the ADMIN_EMAILS list adminEmails
// (the session cache names roles with it).
func RolesFor(adminEmails []string) func(user.User) []string {
	return func(u user.User) []string {
		roles := []string{string(user.RoleUser)}
		if u.HasRole(user.RoleAdmin) && (len(adminEmails) == 0 || slices.Contains(adminEmails, u.Email())) {
			roles = append(roles, string(user.RoleAdmin))
		}
		return roles
	}
}

// session opens a session for u and signs its token.
func (d *Deps) session(ctx context.Context, u user.User) (Session, error) {
	sess, err := session.New(u.ID(), d.now(), d.tokens.TTL())
	if err != nil {
		return Session{}, err
	}
	if err := d.sessions.Create(ctx, sess); err != nil {
		return Session{}, fmt.Errorf("open session: %w", err)
	}
	tok, exp, err := d.tokens.Issue(u.ID(), sess.ID())
	if err != nil {
		return Session{}, err
	}
	return Session{User: u, Roles: d.rolesOf(u), Token: tok, ExpiresAt: exp}, nil
}
