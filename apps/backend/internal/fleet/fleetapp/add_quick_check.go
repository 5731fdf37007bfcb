package fleetapp

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// AddQuickCheck is a filled-in checklist of a machine.
type AddQuickCheck struct {
	UserID    string
	MachineID string
	// TemplateVersion is the checklist version filled in (0: custom items only).
	TemplateVersion int
	Items           []quickcheck.Item
	OperatingHours  *float64 // applied as a reading when given
	Notes           string
}

// AddQuickCheckHandler stores a quick check by the owner or an operator, applies its
// hours as a reading, and tells the owner (HIGH with the failed items when any failed).
type AddQuickCheckHandler struct {
	machines *Deps
	checks   quickcheck.Repository
	users    UserReader
	notifier Notifier
	clock    Clock
	log      *slog.Logger
	issues   CheckIssueOpener
}

// CheckIssueOpener opens the issues of a stored check's failed items (OpenIssuesFromCheckHandler).
type CheckIssueOpener interface {
	Handle(ctx context.Context, cmd OpenIssuesFromCheck) ([]issue.Issue, error)
}

// OpenIssuesWith makes every failed item open an issue through o (set once, in
// the composition root, before serving).
func (uc *AddQuickCheckHandler) OpenIssuesWith(o CheckIssueOpener) { uc.issues = o }

// NewAddQuickCheckHandler builds the use case on the machine ones (which record the reading).
func NewAddQuickCheckHandler(machines *Deps, checks quickcheck.Repository, users UserReader, notifier Notifier,
	clock Clock, log *slog.Logger) *AddQuickCheckHandler {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	return &AddQuickCheckHandler{machines: machines, checks: checks, users: users, notifier: notifier, clock: clock, log: log}
}

// Handle validates the check before anything is written, records the hours,
// stores the check and notifies the owner.
func (uc *AddQuickCheckHandler) Handle(ctx context.Context, cmd AddQuickCheck) (quickcheck.QuickCheck, error) {
	m, err := uc.machines.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionAddQuickCheck)
	if err != nil {
		return quickcheck.QuickCheck{}, err
	}
	q, err := quickcheck.New(m.ID(), cmd.UserID, quickcheck.Checklist{TemplateVersion: cmd.TemplateVersion, Items: cmd.Items,
		OperatingHours: cmd.OperatingHours, Notes: cmd.Notes}, uc.clock.Now())
	if err != nil {
		return quickcheck.QuickCheck{}, err
	}
	if h := q.OperatingHours(); h != nil {
		if err := machine.ValidateHours("operatingHours", *h); err != nil {
			return quickcheck.QuickCheck{}, err
		}
		if _, err := uc.machines.recordReading(ctx, cmd.UserID, m.ID(), *h); err != nil {
			return quickcheck.QuickCheck{}, err
		}
	}
	if err := uc.checks.Create(ctx, q); err != nil {
		return quickcheck.QuickCheck{}, fmt.Errorf("add quick check: %w", err)
	}
	// Stored: notify even if the client hangs up now.
	nctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	draft := uc.draft(nctx, m, q)
	if uc.issues != nil && !q.Passed() {
		opened, err := uc.issues.Handle(nctx, OpenIssuesFromCheck{Machine: m, Check: q})
		if err != nil {
			// Safe to run again for this check: the items that opened theirs are skipped.
			uc.log.Error("issues of a failed quick check not all opened", "quickCheck", q.ID(), "err", err)
		}
		ids := make([]string, len(opened))
		for i, is := range opened {
			ids[i] = is.ID()
		}
		draft.Metadata["issueIds"] = ids
	}
	if _, err := uc.notifier.Create(nctx, draft); err != nil {
		// The check is stored; the owner still sees it in the machine's list.
		uc.log.Error("quick check notification not delivered", "quickCheck", q.ID(), "err", err)
	}
	uc.machines.changes.machine(ctx, m, ChangeQuickCheckAdded)
	return q, nil
}

func (uc *AddQuickCheckHandler) draft(ctx context.Context, m machine.Machine, q quickcheck.QuickCheck) notification.Draft {
	operatorName := ""
	if u, err := uc.users.ByID(ctx, q.AuthorID()); err == nil {
		operatorName = u.Name()
	}
	meta := map[string]any{
		"machineId":    m.ID(),
		"machineName":  m.Name(),
		"quickCheckId": q.ID(),
		"operatorId":   q.AuthorID(),
		"operatorName": operatorName,
		// The reader's app renders template items by key in its own language.
		"templateVersion": q.TemplateVersion(),
	}
	if q.Notes() != "" {
		meta["notes"] = q.Notes()
	}
	d := notification.Draft{UserID: m.OwnerID(), Type: notification.TypeQuickCheckCompleted,
		Title: "notification.quickCheckPassed.title", Message: "notification.quickCheckPassed.body",
		Metadata: meta, ActionURL: machineURL(m.ID()), Priority: notification.PriorityNormal, Source: sourceQuickCheck}
	if failed := q.FailedItems(); len(failed) > 0 {
		keys := make([]string, len(failed))
		details := make([]map[string]any, len(failed))
		for i, it := range failed {
			keys[i] = it.Key
			details[i] = map[string]any{"key": it.Key, "label": it.Label, "notes": it.Notes}
		}
		meta["failedItems"] = keys
		meta["failedDetails"] = details
		meta["failedCount"] = len(failed)
		d.Title, d.Message = "notification.quickCheckFailed.title", "notification.quickCheckFailed.body"
		d.Priority = notification.PriorityHigh
	}
	return d
}
