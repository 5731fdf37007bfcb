package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/issue"
)

// OpenIssue is an issue opened by hand.
type OpenIssue struct {
	UserID, MachineID string
	Spec              issue.Spec
}

// OpenIssueHandler opens an issue by hand: the owner or an operator of the machine.
type OpenIssueHandler struct{ d *issueDeps }

// Handle validates, stores, tells the owner (when an operator opened it) and announces the change.
func (uc *OpenIssueHandler) Handle(ctx context.Context, cmd OpenIssue) (issue.Issue, error) {
	m, _, err := uc.d.machines.access(ctx, cmd.UserID, cmd.MachineID)
	if err != nil {
		return issue.Issue{}, err
	}
	i, err := issue.New(m.ID(), m.OwnerID(), cmd.UserID, cmd.Spec, uc.d.clock.Now())
	if err != nil {
		return issue.Issue{}, err
	}
	if err := uc.d.issues.Create(ctx, i); err != nil {
		return issue.Issue{}, fmt.Errorf("open issue: %w", err)
	}
	uc.d.notifyOpened(ctx, m, i)
	uc.d.machines.changes.machine(ctx, m, ChangeIssueOpened)
	return i, nil
}
