package accountapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/user"
)

// GetCurrentUser asks for the caller's own account.
type GetCurrentUser struct {
	UserID string
}

// CurrentUser is the caller's account and roles.
type CurrentUser struct {
	User  user.User
	Roles []string
}

// GetCurrentUserHandler runs GetCurrentUser.
type GetCurrentUserHandler struct{ d *Deps }

// NewGetCurrentUserHandler builds the handler.
func NewGetCurrentUserHandler(d *Deps) *GetCurrentUserHandler { return &GetCurrentUserHandler{d: d} }

// Handle returns the account and its roles.
func (h *GetCurrentUserHandler) Handle(ctx context.Context, cmd GetCurrentUser) (CurrentUser, error) {
	u, err := h.d.users.ByID(ctx, cmd.UserID)
	if err != nil {
		return CurrentUser{}, fmt.Errorf("me: %w", err)
	}
	return CurrentUser{User: u, Roles: h.d.rolesOf(u)}, nil
}
