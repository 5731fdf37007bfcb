package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/issue"
)

// CommentOnIssue adds Body to an issue as UserID.
type CommentOnIssue struct {
	UserID, IssueID, Body string
}

// CommentOnIssueHandler adds a remark by the owner or an operator.
type CommentOnIssueHandler struct{ d *issueDeps }

// Handle validates and stores the comment, tells the other party (the owner of an
// operator's comment, the reporter of the owner's) and announces the change.
func (uc *CommentOnIssueHandler) Handle(ctx context.Context, cmd CommentOnIssue) (issue.Comment, error) {
	i, m, _, err := uc.d.load(ctx, cmd.UserID, cmd.IssueID)
	if err != nil {
		return issue.Comment{}, err
	}
	c, err := issue.NewComment(i.ID(), cmd.UserID, cmd.Body, uc.d.clock.Now())
	if err != nil {
		return issue.Comment{}, err
	}
	if err := uc.d.issues.AddComment(ctx, c); err != nil {
		return issue.Comment{}, fmt.Errorf("comment on issue: %w", err)
	}
	uc.d.notifyCommented(ctx, m, i, c)
	uc.d.machines.changes.machine(ctx, m, ChangeIssueChanged)
	return c, nil
}
