package fleetapp

import (
	"context"
)

// GetIssuePolicy asks whether operators may acknowledge and close issues of
// MachineID (or, with MachineID empty, of UserID's whole fleet).
type GetIssuePolicy struct {
	UserID, MachineID string
}

// GetIssuePolicyHandler runs GetIssuePolicy.
type GetIssuePolicyHandler struct{ d *issueDeps }

// Handle answers the setting of one machine (or the fleet's, for "").
func (uc *GetIssuePolicyHandler) Handle(ctx context.Context, q GetIssuePolicy) (bool, error) {
	if q.MachineID != "" {
		m, _, err := uc.d.machines.access(ctx, q.UserID, q.MachineID)
		if err != nil {
			return false, err
		}
		return uc.d.issues.ResolvePolicy(ctx, m.OwnerID(), m.ID())
	}
	return uc.d.issues.ResolvePolicy(ctx, q.UserID, "")
}
