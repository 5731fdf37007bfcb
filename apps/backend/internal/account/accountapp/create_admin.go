package accountapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/user"
)

// CreateAdmin is the operator's bootstrap (`fleetman admin create`): a new account
// holding the admin role.
type CreateAdmin struct {
	Email, Password, Name, BusinessName string
}

// CreateAdminHandler runs CreateAdmin.
type CreateAdminHandler struct{ d *Deps }

// NewCreateAdminHandler builds the handler.
func NewCreateAdminHandler(d *Deps) *CreateAdminHandler { return &CreateAdminHandler{d: d} }

// Handle creates the account. An address that already has an account is refused
// (ErrEmailTaken): the role is never granted to an account someone else may
// have registered.
func (h *CreateAdminHandler) Handle(ctx context.Context, cmd CreateAdmin) (user.User, error) {
	u, err := h.d.newUser(newAccount(cmd))
	if err != nil {
		return user.User{}, err
	}
	u = u.WithRoles(user.RoleAdmin)
	if err := h.d.users.Create(ctx, u); err != nil {
		return user.User{}, fmt.Errorf("create admin: %w", err)
	}
	return u, nil
}
