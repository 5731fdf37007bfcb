package fleetapp

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// ListQuickChecks asks for a machine's quick checks, newest first (at most Limit, MaxListed).
type ListQuickChecks struct {
	UserID    string
	MachineID string
	Limit     int
}

// ListQuickChecksHandler runs ListQuickChecks.
type ListQuickChecksHandler struct{ d *Deps }

// NewListQuickChecksHandler builds the handler.
func NewListQuickChecksHandler(d *Deps) *ListQuickChecksHandler { return &ListQuickChecksHandler{d: d} }

// Handle returns them.
func (h *ListQuickChecksHandler) Handle(ctx context.Context, cmd ListQuickChecks) ([]quickcheck.QuickCheck, error) {
	if _, _, err := h.d.access(ctx, cmd.UserID, cmd.MachineID); err != nil {
		return nil, err
	}
	return h.d.checks.ByMachine(ctx, cmd.MachineID, clampLimit(cmd.Limit))
}
