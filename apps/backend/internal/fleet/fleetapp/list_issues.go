package fleetapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// ListIssues selects a page of the caller's issues: of one machine or of
// every machine they own or operate.
type ListIssues struct {
	UserID    string
	MachineID string // "" for the whole fleet
	Status    issue.Status
	Severity  issue.Severity
	Cursor    string // the previous page's NextCursor
	Limit     int    // 0: DefaultPageSize
}

// IssuePage is one page; NextCursor is "" on the last.
type IssuePage struct {
	Issues     []issue.Issue
	Machines   map[string]machine.Machine
	NextCursor string
}

// ListIssuesHandler lists issues newest first with filters and cursor paging.
type ListIssuesHandler struct{ d *issueDeps }

// Handle validates the filters and returns one page.
func (uc *ListIssuesHandler) Handle(ctx context.Context, q ListIssues) (IssuePage, error) {
	if q.Status != "" && !q.Status.Valid() {
		return IssuePage{}, domain.Invalid("status", "must be OPEN, ACKNOWLEDGED, RESOLVED or WONT_FIX")
	}
	if q.Severity != "" && !q.Severity.Valid() {
		return IssuePage{}, domain.Invalid("severity", "must be LOW, MEDIUM, HIGH or CRITICAL")
	}
	if q.Cursor != "" && !domain.ValidID(q.Cursor) {
		return IssuePage{}, domain.Invalid("cursor", "must be a cursor from a previous page")
	}
	limit, err := pageLimit(q.Limit)
	if err != nil {
		return IssuePage{}, err
	}
	ms, err := uc.d.machines.visible(ctx, q.UserID, q.MachineID)
	if err != nil {
		return IssuePage{}, err
	}
	got, err := uc.d.issues.List(ctx, issue.ListQuery{MachineIDs: mapKeys(ms), Status: q.Status, Severity: q.Severity, Before: q.Cursor, Limit: limit + 1})
	if err != nil {
		return IssuePage{}, fmt.Errorf("list issues: %w", err)
	}
	page := IssuePage{Issues: got, Machines: ms}
	if len(got) > limit {
		page.Issues = got[:limit]
		page.NextCursor = got[limit-1].ID()
	}
	return page, nil
}
