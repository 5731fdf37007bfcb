package accountapp

import (
	"context"
	"fmt"
)

// DeactivateUser turns an account off (an admin's action).
type DeactivateUser struct {
	UserID string
}

// DeactivateUserHandler runs DeactivateUser.
type DeactivateUserHandler struct{ d *Deps }

// NewDeactivateUserHandler builds the handler.
func NewDeactivateUserHandler(d *Deps) *DeactivateUserHandler { return &DeactivateUserHandler{d: d} }

// Handle marks the account inactive: it can no longer log in, its sessions end
// and its streams close on every instance.
func (h *DeactivateUserHandler) Handle(ctx context.Context, cmd DeactivateUser) error {
	if err := h.d.creds.SetActive(ctx, cmd.UserID, false); err != nil {
		return fmt.Errorf("deactivate: %w", err)
	}
	return h.d.endAllSessions(ctx, cmd.UserID)
}
