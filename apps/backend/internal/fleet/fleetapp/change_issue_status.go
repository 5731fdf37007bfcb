package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
)

// ChangeIssueStatus moves an issue to ACKNOWLEDGED, RESOLVED or WONT_FIX.
type ChangeIssueStatus struct {
	UserID, IssueID string
	Status          issue.Status
}

// ChangeIssueStatusHandler is the owner's (or an allowed operator's) step on an issue.
type ChangeIssueStatusHandler struct{ d *issueDeps }

// Handle applies the step, tells the reporter (unless they took it) that their issue was
// acknowledged or closed, and announces the change.
func (uc *ChangeIssueStatusHandler) Handle(ctx context.Context, cmd ChangeIssueStatus) (issue.Issue, error) {
	if !cmd.Status.Valid() || cmd.Status == issue.StatusOpen {
		return issue.Issue{}, domain.Invalid("status", "must be ACKNOWLEDGED, RESOLVED or WONT_FIX")
	}
	i, m, role, err := uc.d.load(ctx, cmd.UserID, cmd.IssueID)
	if err != nil {
		return issue.Issue{}, err
	}
	ok, err := uc.d.mayResolve(ctx, m, role)
	if err != nil {
		return issue.Issue{}, err
	}
	if !ok {
		return issue.Issue{}, ErrCannotResolve
	}
	now := uc.d.clock.Now()
	var next issue.Issue
	if cmd.Status == issue.StatusAcknowledged {
		next, err = i.Acknowledge(cmd.UserID, now)
	} else {
		next, err = i.Close(cmd.UserID, cmd.Status, "", now)
	}
	if err != nil {
		return issue.Issue{}, err
	}
	if err := uc.d.issues.Update(ctx, next); err != nil {
		return issue.Issue{}, fmt.Errorf("change issue: %w", err)
	}
	uc.d.notifyStatus(ctx, m, next, cmd.UserID)
	uc.d.machines.changes.machine(ctx, m, ChangeIssueChanged)
	return next, nil
}
