// Package app holds the account use cases: register, log in, read oneself.
package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// Hasher hashes and verifies passwords.
type Hasher interface {
	Hash(plain string) (string, error)
	Verify(hash, plain string) (bool, error)
}

// TokenIssuer signs a session token for a user.
type TokenIssuer interface {
	Issue(userID string, roles []string) (string, time.Time, error)
}

// ErrBadCredentials is the one answer for an unknown email and a wrong password.
var ErrBadCredentials = fmt.Errorf("invalid email or password: %w", domain.ErrUnauthorized)

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
	users  user.Repository
	hasher Hasher
	tokens TokenIssuer
	admins []string // normalised emails with the admin role
	now    func() time.Time
	// dummyHash is verified for unknown emails so that both failures take as long.
	dummyHash string
}

// NewService builds the account service.
func NewService(users user.Repository, hasher Hasher, tokens TokenIssuer, adminEmails []string) (*Service, error) {
	dummy, err := hasher.Hash("not-a-real-password-0000")
	if err != nil {
		return nil, err
	}
	return &Service{users: users, hasher: hasher, tokens: tokens, admins: adminEmails, now: time.Now, dummyHash: dummy}, nil
}

// RegisterCommand is a new account's input.
type RegisterCommand struct {
	Email, Password, Name, BusinessName string
}

// Register creates an account and opens a session.
func (s *Service) Register(ctx context.Context, cmd RegisterCommand) (Session, error) {
	if n := len(cmd.Password); n < MinPasswordLength || n > MaxPasswordLength || utf8.RuneCountInString(cmd.Password) < MinPasswordLength {
		return Session{}, domain.Invalid("password", fmt.Sprintf("must be %d to %d characters", MinPasswordLength, MaxPasswordLength))
	}
	if _, err := user.NormalizeEmail(cmd.Email); err != nil {
		return Session{}, err
	}
	hash, err := s.hasher.Hash(cmd.Password)
	if err != nil {
		return Session{}, err
	}
	u, err := user.New(cmd.Email, cmd.Name, cmd.BusinessName, hash, s.now())
	if err != nil {
		return Session{}, err
	}
	if err := s.users.Create(ctx, u); err != nil {
		return Session{}, fmt.Errorf("register: %w", err)
	}
	return s.session(u)
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
	return s.session(u)
}

// Me returns the caller's account and roles.
func (s *Service) Me(ctx context.Context, userID string) (user.User, []string, error) {
	u, err := s.users.ByID(ctx, userID)
	if err != nil {
		return user.User{}, nil, fmt.Errorf("me: %w", err)
	}
	return u, s.RolesOf(u), nil
}

// RolesOf returns the roles of u: everyone is a user; ADMIN_EMAILS are admins.
func (s *Service) RolesOf(u user.User) []string {
	roles := []string{string(user.RoleUser)}
	if slices.Contains(s.admins, u.Email()) {
		roles = append(roles, string(user.RoleAdmin))
	}
	return roles
}

func (s *Service) session(u user.User) (Session, error) {
	roles := s.RolesOf(u)
	tok, exp, err := s.tokens.Issue(u.ID(), roles)
	if err != nil {
		return Session{}, err
	}
	return Session{User: u, Roles: roles, Token: tok, ExpiresAt: exp}, nil
}
