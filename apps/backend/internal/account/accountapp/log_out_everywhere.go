package accountapp

import (
	"context"
)

// LogOutEverywhere ends every session of a user ("sign out everywhere").
type LogOutEverywhere struct {
	UserID string
}

// LogOutEverywhereHandler runs LogOutEverywhere.
type LogOutEverywhereHandler struct{ d *Deps }

// NewLogOutEverywhereHandler builds the handler.
func NewLogOutEverywhereHandler(d *Deps) *LogOutEverywhereHandler {
	return &LogOutEverywhereHandler{d: d}
}

// Handle ends the sessions and closes their streams on every instance.
func (h *LogOutEverywhereHandler) Handle(ctx context.Context, cmd LogOutEverywhere) error {
	return h.d.endAllSessions(ctx, cmd.UserID)
}
