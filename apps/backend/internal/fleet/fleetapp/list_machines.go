package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// ListMachines asks for the machines UserID owns or operates.
type ListMachines struct {
	UserID string
}

// ListMachinesHandler runs ListMachines.
type ListMachinesHandler struct{ d *Deps }

// NewListMachinesHandler builds the handler.
func NewListMachinesHandler(d *Deps) *ListMachinesHandler { return &ListMachinesHandler{d: d} }

// Handle returns them (an operator who is no longer the owner's contact no longer sees the machine).
func (h *ListMachinesHandler) Handle(ctx context.Context, cmd ListMachines) ([]machine.Machine, error) {
	return h.d.listMachines(ctx, cmd.UserID)
}

// listMachines returns the machines userID owns or operates (ListMachines,
// the dashboard, the fleet's plans, the issue lists).
func (s *Deps) listMachines(ctx context.Context, userID string) ([]machine.Machine, error) {
	ms, err := s.machines.ForUser(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("list machines: %w", err)
	}
	out := ms[:0]
	for _, m := range ms {
		if m.RoleOf(userID) == machine.RoleOperator {
			ok, err := s.contacts.AreContacts(ctx, m.OwnerID(), userID)
			if err != nil {
				return nil, fmt.Errorf("list machines: %w", err)
			}
			if !ok {
				continue // no longer the owner's contact
			}
		}
		out = append(out, m)
	}
	return out, nil
}
