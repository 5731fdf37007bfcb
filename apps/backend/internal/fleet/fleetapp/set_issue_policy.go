package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// SetIssuePolicy lets operators acknowledge and close issues of one
// machine (MachineID) or of the owner's whole fleet (MachineID ""); nil Allow
// removes the machine's own setting (the fleet's applies).
type SetIssuePolicy struct {
	UserID, MachineID string
	Allow             *bool
}

// SetIssuePolicyHandler is the owner's setting.
type SetIssuePolicyHandler struct{ d *issueDeps }

// Handle stores the setting; an operator of the machine gets 403.
func (uc *SetIssuePolicyHandler) Handle(ctx context.Context, cmd SetIssuePolicy) error {
	if cmd.MachineID != "" {
		m, role, err := uc.d.machines.access(ctx, cmd.UserID, cmd.MachineID)
		if err != nil {
			return err
		}
		if role != machine.RoleOwner {
			return machine.ErrNotOwner
		}
		cmd.MachineID = m.ID()
	} else if cmd.Allow == nil {
		return domain.Invalid("operatorsMayResolve", "is required for the fleet setting")
	}
	if err := uc.d.issues.SetResolvePolicy(ctx, cmd.UserID, cmd.MachineID, cmd.Allow); err != nil {
		return fmt.Errorf("set issue policy: %w", err)
	}
	return nil
}
