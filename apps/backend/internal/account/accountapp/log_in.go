package accountapp

import (
	"context"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// LogIn is a login with an email and a password.
type LogIn struct {
	Email, Password string
}

// LogInHandler runs LogIn.
type LogInHandler struct{ d *Deps }

// NewLogInHandler builds the handler.
func NewLogInHandler(d *Deps) *LogInHandler { return &LogInHandler{d: d} }

// Handle checks the credentials and opens a session. An unknown email, a wrong
// password and a deactivated account all answer ErrBadCredentials, in the
// same time.
func (h *LogInHandler) Handle(ctx context.Context, cmd LogIn) (Session, error) {
	normalized, err := user.NormalizeEmail(cmd.Email)
	if err != nil {
		_, _ = h.d.hasher.Verify(h.d.dummyHash, cmd.Password)
		return Session{}, ErrBadCredentials
	}
	u, err := h.d.users.ByEmail(ctx, normalized)
	if errors.Is(err, domain.ErrNotFound) {
		_, _ = h.d.hasher.Verify(h.d.dummyHash, cmd.Password)
		return Session{}, ErrBadCredentials
	}
	if err != nil {
		return Session{}, fmt.Errorf("login: %w", err)
	}
	ok, err := h.d.hasher.Verify(u.PasswordHash(), cmd.Password)
	if err != nil {
		return Session{}, fmt.Errorf("login: %w", err)
	}
	if !ok || !u.Active() {
		return Session{}, ErrBadCredentials
	}
	return h.d.session(ctx, u)
}
