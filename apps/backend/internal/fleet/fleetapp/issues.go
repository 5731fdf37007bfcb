package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// Why the fleet changed, for issues and work orders.
const (
	ChangeIssueOpened        = "issue.opened"
	ChangeIssueChanged       = "issue.changed"
	ChangeWorkOrderChanged   = "workorder.changed"
	ChangeWorkOrderCompleted = "workorder.completed"
	sourceIssue              = "issue"
)

// Limits of the issue lists.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
	maxComments     = 500
)

// ErrCannotResolve: an operator may not acknowledge or close issues unless the owner allows it.
var ErrCannotResolve = fmt.Errorf("issue: only the owner may do this, unless they let operators: %w", domain.ErrForbidden)

// issueDeps is what every issue use case works with.
type issueDeps struct {
	machines *Machines
	issues   issue.Repository
	notifier Notifier
	clock    Clock
	log      *slog.Logger
}

// IssueUseCases are the issue use cases, built together on the same stores.
type IssueUseCases struct {
	Open       *OpenIssue
	FromCheck  *OpenIssuesFromCheck
	Change     *ChangeIssueStatus
	Comment    *CommentOnIssue
	Get        *GetIssue
	List       *ListIssues
	SetPolicy  *SetIssuePolicy
	OpenCounts *CountOpenIssues
}

// NewIssueUseCases builds the issue use cases on the machine ones.
func NewIssueUseCases(machines *Machines, issues issue.Repository, notifier Notifier, clock Clock, log *slog.Logger) IssueUseCases {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	d := &issueDeps{machines: machines, issues: issues, notifier: notifier, clock: clock, log: log}
	return IssueUseCases{Open: &OpenIssue{d}, FromCheck: &OpenIssuesFromCheck{d}, Change: &ChangeIssueStatus{d},
		Comment: &CommentOnIssue{d}, Get: &GetIssue{d}, List: &ListIssues{d}, SetPolicy: &SetIssuePolicy{d},
		OpenCounts: &CountOpenIssues{d}}
}

// load returns an issue userID may see with its machine and the caller's role;
// a stranger gets issue.ErrNotFound.
func (d *issueDeps) load(ctx context.Context, userID, issueID string) (issue.Issue, machine.Machine, machine.Role, error) {
	if !domain.ValidID(issueID) {
		return issue.Issue{}, machine.Machine{}, machine.RoleNone, issue.ErrNotFound
	}
	i, err := d.issues.ByID(ctx, issueID)
	if err != nil {
		return issue.Issue{}, machine.Machine{}, machine.RoleNone, err
	}
	m, role, err := d.machines.access(ctx, userID, i.MachineID())
	if errors.Is(err, machine.ErrNotFound) {
		return issue.Issue{}, machine.Machine{}, machine.RoleNone, issue.ErrNotFound
	}
	if err != nil {
		return issue.Issue{}, machine.Machine{}, machine.RoleNone, err
	}
	return i, m, role, nil
}

// mayResolve says whether role may acknowledge and close m's issues: the
// owner always, an operator when the owner allows it for m or the fleet.
func (d *issueDeps) mayResolve(ctx context.Context, m machine.Machine, role machine.Role) (bool, error) {
	switch role {
	case machine.RoleOwner:
		return true, nil
	case machine.RoleOperator:
		ok, err := d.issues.ResolvePolicy(ctx, m.OwnerID(), m.ID())
		if err != nil {
			return false, fmt.Errorf("resolve policy: %w", err)
		}
		return ok, nil
	}
	return false, nil
}

// notify persists and publishes d to its user, detached from the request (the change is stored).
func (d *issueDeps) notify(ctx context.Context, draft notification.Draft) {
	nctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	if _, err := d.notifier.Create(nctx, draft); err != nil {
		d.log.Error("issue notification not delivered", "user", draft.UserID, "title", draft.Title, "err", err)
	}
}

func issueMeta(m machine.Machine, i issue.Issue) map[string]any {
	r := i.Record()
	meta := map[string]any{"machineId": m.ID(), "machineName": m.Name(), "issueId": r.ID, "severity": string(r.Severity),
		"status": string(r.Status), "title": r.Title}
	if r.ItemKey != "" {
		meta["itemKey"] = r.ItemKey // a template item's title is the reader's language's
	}
	if r.WorkOrderID != "" {
		meta["workOrderId"] = r.WorkOrderID
	}
	return meta
}

func issueURL(id string) string { return "/issues/" + id }

// notifyOpened tells the owner of a new issue someone else opened.
func (d *issueDeps) notifyOpened(ctx context.Context, m machine.Machine, i issue.Issue) {
	if i.ReporterID() == m.OwnerID() {
		return
	}
	prio := notification.PriorityNormal
	if i.Severity() == issue.SeverityHigh || i.Severity() == issue.SeverityCritical {
		prio = notification.PriorityHigh
	}
	d.notify(ctx, notification.Draft{UserID: m.OwnerID(), Type: notification.TypeIssue, Title: "notification.issueOpened.title",
		Message: "notification.issueOpened.body", Metadata: issueMeta(m, i), ActionURL: issueURL(i.ID()), Priority: prio, Source: sourceIssue})
}

// notifyClosed tells the reporter that their issue was resolved or will not be fixed (unless they closed it).
func (d *issueDeps) notifyClosed(ctx context.Context, m machine.Machine, i issue.Issue, by string) {
	if i.ReporterID() == by {
		return
	}
	key := "notification.issueResolved"
	if i.Status() == issue.StatusWontFix {
		key = "notification.issueWontFix"
	}
	d.notify(ctx, notification.Draft{UserID: i.ReporterID(), Type: notification.TypeIssue, Title: key + ".title",
		Message: key + ".body", Metadata: issueMeta(m, i), ActionURL: issueURL(i.ID()), Priority: notification.PriorityNormal, Source: sourceIssue})
}

// OpenIssueCommand is an issue opened by hand.
type OpenIssueCommand struct {
	UserID, MachineID string
	Spec              issue.Spec
}

// OpenIssue opens an issue by hand: the owner or an operator of the machine.
type OpenIssue struct{ d *issueDeps }

// Handle validates, stores, tells the owner (when an operator opened it) and announces the change.
func (uc *OpenIssue) Handle(ctx context.Context, cmd OpenIssueCommand) (issue.Issue, error) {
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

// OpenIssuesFromCheck opens one issue per failed item of a stored quick check.
// Safe to retry: an item that already opened its issue is skipped (the store's
// unique check-item key), so running it again for the same check adds nothing.
type OpenIssuesFromCheck struct{ d *issueDeps }

// Handle returns the issues this call opened. The owner hears of them in the
// quick check's own notification (which lists them), so none is sent here.
func (uc *OpenIssuesFromCheck) Handle(ctx context.Context, m machine.Machine, q quickcheck.QuickCheck) ([]issue.Issue, error) {
	var opened []issue.Issue
	now := uc.d.clock.Now()
	for _, it := range q.FailedItems() {
		i, err := issue.FromCheckItem(m.OwnerID(), q, it, now)
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

// ChangeIssueStatusCommand moves an issue to ACKNOWLEDGED, RESOLVED or WONT_FIX.
type ChangeIssueStatusCommand struct {
	UserID, IssueID string
	Status          issue.Status
}

// ChangeIssueStatus is the owner's (or an allowed operator's) step on an issue.
type ChangeIssueStatus struct{ d *issueDeps }

// Handle applies the step, tells the reporter when the issue closes, and announces the change.
func (uc *ChangeIssueStatus) Handle(ctx context.Context, cmd ChangeIssueStatusCommand) (issue.Issue, error) {
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
	if next.Status().Closed() {
		uc.d.notifyClosed(ctx, m, next, cmd.UserID)
	}
	uc.d.machines.changes.machine(ctx, m, ChangeIssueChanged)
	return next, nil
}

// CommentOnIssue adds a remark by the owner or an operator.
type CommentOnIssue struct{ d *issueDeps }

// Handle validates and stores the comment.
func (uc *CommentOnIssue) Handle(ctx context.Context, userID, issueID, body string) (issue.Comment, error) {
	i, m, _, err := uc.d.load(ctx, userID, issueID)
	if err != nil {
		return issue.Comment{}, err
	}
	c, err := issue.NewComment(i.ID(), userID, body, uc.d.clock.Now())
	if err != nil {
		return issue.Comment{}, err
	}
	if err := uc.d.issues.AddComment(ctx, c); err != nil {
		return issue.Comment{}, fmt.Errorf("comment on issue: %w", err)
	}
	uc.d.machines.changes.machine(ctx, m, ChangeIssueChanged)
	return c, nil
}

// IssueView is an issue with its machine, comments and what the caller may do.
type IssueView struct {
	Issue      issue.Issue
	Machine    machine.Machine
	Comments   []issue.Comment
	Role       machine.Role
	CanResolve bool
}

// GetIssue returns one issue with its comments.
type GetIssue struct{ d *issueDeps }

// Handle returns the issue for its machine's owner and operators.
func (uc *GetIssue) Handle(ctx context.Context, userID, issueID string) (IssueView, error) {
	i, m, role, err := uc.d.load(ctx, userID, issueID)
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

// ListIssuesQuery selects a page of the caller's issues: of one machine or of
// every machine they own or operate.
type ListIssuesQuery struct {
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

// ListIssues lists issues newest first with filters and cursor paging.
type ListIssues struct{ d *issueDeps }

// Handle validates the filters and returns one page.
func (uc *ListIssues) Handle(ctx context.Context, q ListIssuesQuery) (IssuePage, error) {
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

func pageLimit(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultPageSize, nil
	case n < 1 || n > MaxPageSize:
		return 0, domain.Invalid("limit", fmt.Sprintf("must be 1 to %d", MaxPageSize))
	}
	return n, nil
}

// visible returns the machines userID may see by id: machineID alone (404
// for a stranger), or all they own or operate when machineID is "".
func (s *Machines) visible(ctx context.Context, userID, machineID string) (map[string]machine.Machine, error) {
	if machineID != "" {
		m, _, err := s.access(ctx, userID, machineID)
		if err != nil {
			return nil, err
		}
		return map[string]machine.Machine{m.ID(): m}, nil
	}
	all, err := s.List(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]machine.Machine, len(all))
	for _, m := range all {
		out[m.ID()] = m
	}
	return out, nil
}

// SetIssuePolicyCommand lets operators acknowledge and close issues of one
// machine (MachineID) or of the owner's whole fleet (MachineID ""); nil Allow
// removes the machine's own setting (the fleet's applies).
type SetIssuePolicyCommand struct {
	UserID, MachineID string
	Allow             *bool
}

// SetIssuePolicy is the owner's setting.
type SetIssuePolicy struct{ d *issueDeps }

// Handle stores the setting; an operator of the machine gets 403.
func (uc *SetIssuePolicy) Handle(ctx context.Context, cmd SetIssuePolicyCommand) error {
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

// Policy answers the setting of one machine (or the fleet's, for "").
func (uc *SetIssuePolicy) Policy(ctx context.Context, userID, machineID string) (bool, error) {
	if machineID != "" {
		m, _, err := uc.d.machines.access(ctx, userID, machineID)
		if err != nil {
			return false, err
		}
		return uc.d.issues.ResolvePolicy(ctx, m.OwnerID(), m.ID())
	}
	return uc.d.issues.ResolvePolicy(ctx, userID, "")
}

// CountOpenIssues counts the open (OPEN or ACKNOWLEDGED) issues of machines, for the dashboard.
type CountOpenIssues struct{ d *issueDeps }

// Count implements the dashboard's OpenIssueCounter.
func (uc *CountOpenIssues) Count(ctx context.Context, machineIDs []string) (int, error) {
	return uc.d.issues.CountOpen(ctx, machineIDs)
}
