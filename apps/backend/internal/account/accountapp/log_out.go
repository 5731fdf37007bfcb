package accountapp

import (
	"context"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/apps/backend/internal/account/sessions"
	"github.com/fleetman/fleetman/packages/domain"
)

// LogOut ends one session of a user.
type LogOut struct {
	UserID, SessionID string
}

// LogOutHandler runs LogOut.
type LogOutHandler struct{ d *Deps }

// NewLogOutHandler builds the handler.
func NewLogOutHandler(d *Deps) *LogOutHandler { return &LogOutHandler{d: d} }

// Handle ends the session and closes its streams on every instance.
func (h *LogOutHandler) Handle(ctx context.Context, cmd LogOut) error {
	if err := h.d.sessions.End(ctx, cmd.SessionID, h.d.now()); err != nil && !errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("logout: %w", err)
	}
	return h.d.announce(ctx, sessions.Ended{UserID: cmd.UserID, SessionID: cmd.SessionID})
}
