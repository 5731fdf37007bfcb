// Package accountapp holds the account use cases: register, log in, read oneself,
// end sessions (logout, sign out everywhere), change the password,
// deactivate an account, and the operator's admin bootstrap.
package accountapp

import (
	"context"
	"errors"
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

// Service runs the account use cases.
type Service struct {
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

// NewService builds the account service.
func NewService(stores Stores, events SessionEvents, hasher Hasher, tokens TokenIssuer, adminEmails []string) (*Service, error) {
	dummy, err := hasher.Hash("not-a-real-password-0000")
	if err != nil {
		return nil, err
	}
	return &Service{users: stores.Users, creds: stores.Credentials, sessions: stores.Sessions, events: events,
		hasher: hasher, tokens: tokens, admins: adminEmails, now: time.Now, dummyHash: dummy}, nil
}

// RegisterCommand is a new account's input.
type RegisterCommand struct {
	Email, Password, Name, BusinessName string
}

// Register creates an account and opens a session.
func (s *Service) Register(ctx context.Context, cmd RegisterCommand) (Session, error) {
	u, err := s.newUser(cmd)
	if err != nil {
		return Session{}, err
	}
	if err := s.users.Create(ctx, u); err != nil {
		return Session{}, fmt.Errorf("register: %w", err)
	}
	return s.session(ctx, u)
}

// CreateAdmin is the operator's bootstrap (`fleetman admin create`): it
// creates an account holding the admin role. An address that already has an
// account is refused (ErrEmailTaken): the role is never granted to an
// account someone else may have registered.
func (s *Service) CreateAdmin(ctx context.Context, cmd RegisterCommand) (user.User, error) {
	u, err := s.newUser(cmd)
	if err != nil {
		return user.User{}, err
	}
	u = u.WithRoles(user.RoleAdmin)
	if err := s.users.Create(ctx, u); err != nil {
		return user.User{}, fmt.Errorf("create admin: %w", err)
	}
	return u, nil
}

func (s *Service) newUser(cmd RegisterCommand) (user.User, error) {
	if err := checkPassword("password", cmd.Password); err != nil {
		return user.User{}, err
	}
	if _, err := user.NormalizeEmail(cmd.Email); err != nil {
		return user.User{}, err
	}
	hash, err := s.hasher.Hash(cmd.Password)
	if err != nil {
		return user.User{}, err
	}
	return user.New(cmd.Email, cmd.Name, cmd.BusinessName, hash, s.now())
}

func checkPassword(field, pw string) error {
	if n := len(pw); n < MinPasswordLength || n > MaxPasswordLength || utf8.RuneCountInString(pw) < MinPasswordLength {
		return domain.Invalid(field, fmt.Sprintf("must be %d to %d characters", MinPasswordLength, MaxPasswordLength))
	}
	return nil
}

// Login checks credentials and opens a session.
func (s *Service) Login(ctx context.Context, email, password string) (Session, error) {
	normalized, err := user.NormalizeEmail(email)
	if err != nil {
		_, _ = s.hasher.Verify(s.dummyHash, password)
		return Session{}, ErrBadCredentials
	}
	u, err := s.users.ByEmail(ctx, normalized)
	if errors.Is(err, domain.ErrNotFound) {
		_, _ = s.hasher.Verify(s.dummyHash, password)
		return Session{}, ErrBadCredentials
	}
	if err != nil {
		return Session{}, fmt.Errorf("login: %w", err)
	}
	ok, err := s.hasher.Verify(u.PasswordHash(), password)
	if err != nil {
		return Session{}, fmt.Errorf("login: %w", err)
	}
	if !ok || !u.Active() {
		return Session{}, ErrBadCredentials
	}
	return s.session(ctx, u)
}

// Logout ends one session and closes its streams on every instance.
func (s *Service) Logout(ctx context.Context, userID, sessionID string) error {
	if err := s.sessions.End(ctx, sessionID, s.now()); err != nil && !errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("logout: %w", err)
	}
	return s.announce(ctx, sessions.Ended{UserID: userID, SessionID: sessionID})
}

// LogoutEverywhere ends every session of the user ("sign out everywhere").
func (s *Service) LogoutEverywhere(ctx context.Context, userID string) error {
	if _, err := s.sessions.EndAllOf(ctx, userID, s.now()); err != nil {
		return fmt.Errorf("logout everywhere: %w", err)
	}
	return s.announce(ctx, sessions.Ended{UserID: userID})
}

// ChangePasswordCommand is a password change by the account's owner.
type ChangePasswordCommand struct {
	UserID, CurrentPassword, NewPassword string
}

// ChangePassword checks the current password, stores the new one, ends
// every session of the user and opens a new one for the caller.
func (s *Service) ChangePassword(ctx context.Context, cmd ChangePasswordCommand) (Session, error) {
	if err := checkPassword("newPassword", cmd.NewPassword); err != nil {
		return Session{}, err
	}
	u, err := s.users.ByID(ctx, cmd.UserID)
	if err != nil {
		return Session{}, fmt.Errorf("change password: %w", err)
	}
	ok, err := s.hasher.Verify(u.PasswordHash(), cmd.CurrentPassword)
	if err != nil {
		return Session{}, fmt.Errorf("change password: %w", err)
	}
	if !ok {
		return Session{}, ErrWrongPassword
	}
	hash, err := s.hasher.Hash(cmd.NewPassword)
	if err != nil {
		return Session{}, err
	}
	if err := s.creds.SetPassword(ctx, u.ID(), hash); err != nil {
		return Session{}, fmt.Errorf("change password: %w", err)
	}
	if err := s.LogoutEverywhere(ctx, u.ID()); err != nil {
		return Session{}, err
	}
	return s.session(ctx, u)
}

// Deactivate turns an account off (an admin's action): it can no longer
// log in, its sessions end and its streams close on every instance.
func (s *Service) Deactivate(ctx context.Context, userID string) error {
	if err := s.creds.SetActive(ctx, userID, false); err != nil {
		return fmt.Errorf("deactivate: %w", err)
	}
	return s.LogoutEverywhere(ctx, userID)
}

// announce publishes an end; a failure is returned (the store already
// holds the end: other instances learn it within the cache's bound).
func (s *Service) announce(ctx context.Context, e sessions.Ended) error {
	if err := s.events.Publish(ctx, e); err != nil {
		return fmt.Errorf("announce ended session: %w", err)
	}
	return nil
}

// Me returns the caller's account and roles.
func (s *Service) Me(ctx context.Context, userID string) (user.User, []string, error) {
	u, err := s.users.ByID(ctx, userID)
	if err != nil {
		return user.User{}, nil, fmt.Errorf("me: %w", err)
	}
	return u, s.RolesOf(u), nil
}

// RolesOf returns the roles of u, read from the account: everyone is a
// user; an admin is an account the operator created with the role, and,
// when ADMIN_EMAILS is set, whose address it lists (removing an address
// takes the role away at the next start). Registering a listed address
// grants nothing.
func (s *Service) RolesOf(u user.User) []string { return RolesFor(s.admins)(u) }

// RolesFor is RolesOf for the ADMIN_EMAILS list adminEmails (the session
// cache names roles with it).
func RolesFor(adminEmails []string) func(user.User) []string {
	return func(u user.User) []string {
		roles := []string{string(user.RoleUser)}
		if u.HasRole(user.RoleAdmin) && (len(adminEmails) == 0 || slices.Contains(adminEmails, u.Email())) {
			roles = append(roles, string(user.RoleAdmin))
		}
		return roles
	}
}

func (s *Service) session(ctx context.Context, u user.User) (Session, error) {
	sess, err := session.New(u.ID(), s.now(), s.tokens.TTL())
	if err != nil {
		return Session{}, err
	}
	if err := s.sessions.Create(ctx, sess); err != nil {
		return Session{}, fmt.Errorf("open session: %w", err)
	}
	tok, exp, err := s.tokens.Issue(u.ID(), sess.ID())
	if err != nil {
		return Session{}, err
	}
	return Session{User: u, Roles: s.RolesOf(u), Token: tok, ExpiresAt: exp}, nil
}
