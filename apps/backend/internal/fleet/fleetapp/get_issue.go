package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// GetIssue asks for one issue with its comments.
type GetIssue struct {
	UserID, IssueID string
}

// IssueView is an issue with its machine, comments and what the caller may do.
type IssueView struct {
	Issue      issue.Issue
	Machine    machine.Machine
	Comments   []issue.Comment
	Role       machine.Role
	CanResolve bool
}

// GetIssueHandler returns one issue with its comments.
type GetIssueHandler struct{ d *issueDeps }

// Handle returns the issue for its machine's owner and operators.
func (uc *GetIssueHandler) Handle(ctx context.Context, q GetIssue) (IssueView, error) {
	i, m, role, err := uc.d.load(ctx, q.UserID, q.IssueID)
	if err != nil {
		return IssueView{}, err
	}
	cs, err := uc.d.issues.Comments(ctx, i.ID(), maxComments)
	if err != nil {
		return IssueView{}, fmt.Errorf("issue comments: %w", err)
	}
	can, err := uc.d.mayResolve(ctx, m, role)
	if err != nil {
		return IssueView{}, err
	}
	return IssueView{Issue: i, Machine: m, Comments: cs, Role: role, CanResolve: can}, nil
}
