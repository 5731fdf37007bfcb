package accountapp

import (
	"context"
	"fmt"
)

// ChangePassword is a password change by the account's owner.
type ChangePassword struct {
	UserID, CurrentPassword, NewPassword string
}

// ChangePasswordHandler runs ChangePassword.
type ChangePasswordHandler struct{ d *Deps }

// NewChangePasswordHandler builds the handler.
func NewChangePasswordHandler(d *Deps) *ChangePasswordHandler { return &ChangePasswordHandler{d: d} }

// Handle checks the current password, stores the new one, ends every session of
// the user and opens a new one for the caller.
func (h *ChangePasswordHandler) Handle(ctx context.Context, cmd ChangePassword) (Session, error) {
	if err := checkPassword("newPassword", cmd.NewPassword); err != nil {
		return Session{}, err
	}
	u, err := h.d.users.ByID(ctx, cmd.UserID)
	if err != nil {
		return Session{}, fmt.Errorf("change password: %w", err)
	}
	ok, err := h.d.hasher.Verify(u.PasswordHash(), cmd.CurrentPassword)
	if err != nil {
		return Session{}, fmt.Errorf("change password: %w", err)
	}
	if !ok {
		return Session{}, ErrWrongPassword
	}
	hash, err := h.d.hasher.Hash(cmd.NewPassword)
	if err != nil {
		return Session{}, err
	}
	if err := h.d.creds.SetPassword(ctx, u.ID(), hash); err != nil {
		return Session{}, fmt.Errorf("change password: %w", err)
	}
	if err := h.d.endAllSessions(ctx, u.ID()); err != nil {
		return Session{}, err
	}
	return h.d.session(ctx, u)
}
