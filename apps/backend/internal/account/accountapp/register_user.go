package accountapp

import (
	"context"
	"fmt"
)

// RegisterUser is a new account's input.
type RegisterUser struct {
	Email, Password, Name, BusinessName string
}

// RegisterUserHandler runs RegisterUser.
type RegisterUserHandler struct{ d *Deps }

// NewRegisterUserHandler builds the handler.
func NewRegisterUserHandler(d *Deps) *RegisterUserHandler { return &RegisterUserHandler{d: d} }

// Handle creates the account and opens a session.
func (h *RegisterUserHandler) Handle(ctx context.Context, cmd RegisterUser) (Session, error) {
	u, err := h.d.newUser(newAccount(cmd))
	if err != nil {
		return Session{}, err
	}
	if err := h.d.users.Create(ctx, u); err != nil {
		return Session{}, fmt.Errorf("register: %w", err)
	}
	return h.d.session(ctx, u)
}
