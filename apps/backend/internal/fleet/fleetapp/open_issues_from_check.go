package fleetapp

import (
	"context"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// OpenIssuesFromCheck opens the issues of a stored quick check's failed items.
type OpenIssuesFromCheck struct {
	Machine machine.Machine
	Check   quickcheck.QuickCheck
}

// OpenIssuesFromCheckHandler opens one issue per failed item of a stored quick check.
// Safe to retry: an item that already opened its issue is skipped (the store's
// unique check-item key), so running it again for the same check adds nothing.
type OpenIssuesFromCheckHandler struct{ d *issueDeps }

// Handle returns the issues this call opened. The owner hears of them in the
// quick check's own notification (which lists them), so none is sent here.
func (uc *OpenIssuesFromCheckHandler) Handle(ctx context.Context, cmd OpenIssuesFromCheck) ([]issue.Issue, error) {
	var opened []issue.Issue
	now := uc.d.clock.Now()
	for _, it := range cmd.Check.FailedItems() {
		i, err := issue.FromCheckItem(cmd.Machine.OwnerID(), cmd.Check, it, now)
		if err != nil {
			return opened, err
		}
		switch err := uc.d.issues.Create(ctx, i); {
		case errors.Is(err, issue.ErrDuplicate):
			continue
		case err != nil:
			return opened, fmt.Errorf("open issues from check: %w", err)
		}
		opened = append(opened, i)
	}
	return opened, nil
}
