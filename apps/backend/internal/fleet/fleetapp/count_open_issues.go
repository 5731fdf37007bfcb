package fleetapp

import (
	"context"
)

// CountOpenIssues asks how many OPEN and ACKNOWLEDGED issues the machines have (the dashboard).
type CountOpenIssues struct {
	MachineIDs []string
}

// CountOpenIssuesHandler counts the open (OPEN or ACKNOWLEDGED) issues of machines, for the dashboard.
type CountOpenIssuesHandler struct{ d *issueDeps }

// Handle implements the dashboard's OpenIssueCounter.
func (uc *CountOpenIssuesHandler) Handle(ctx context.Context, q CountOpenIssues) (int, error) {
	return uc.d.issues.CountOpen(ctx, q.MachineIDs)
}
