package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/domain/notification"
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
	machines *Deps
	issues   issue.Repository
	notifier Notifier
	clock    Clock
	log      *slog.Logger
}

// IssueUseCases are the issue use cases, built together on the same stores.
type IssueUseCases struct {
	Open       *OpenIssueHandler
	FromCheck  *OpenIssuesFromCheckHandler
	Change     *ChangeIssueStatusHandler
	Comment    *CommentOnIssueHandler
	Get        *GetIssueHandler
	List       *ListIssuesHandler
	SetPolicy  *SetIssuePolicyHandler
	Policy     *GetIssuePolicyHandler
	OpenCounts *CountOpenIssuesHandler
}

// NewIssueUseCases builds the issue use cases on the machine ones.
func NewIssueUseCases(machines *Deps, issues issue.Repository, notifier Notifier, clock Clock, log *slog.Logger) IssueUseCases {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	d := &issueDeps{machines: machines, issues: issues, notifier: notifier, clock: clock, log: log}
	return IssueUseCases{Open: &OpenIssueHandler{d}, FromCheck: &OpenIssuesFromCheckHandler{d}, Change: &ChangeIssueStatusHandler{d},
		Comment: &CommentOnIssueHandler{d}, Get: &GetIssueHandler{d}, List: &ListIssuesHandler{d}, SetPolicy: &SetIssuePolicyHandler{d},
		Policy: &GetIssuePolicyHandler{d}, OpenCounts: &CountOpenIssuesHandler{d}}
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

// notifyIssue sends to the one user the issue notification whose texts are
// under key, with the issue's metadata (and extra) and its link.
func (d *issueDeps) notifyIssue(ctx context.Context, to, key string, m machine.Machine, i issue.Issue, prio notification.Priority, extra map[string]any) {
	meta := issueMeta(m, i)
	for k, v := range extra {
		meta[k] = v
	}
	d.notify(ctx, notification.Draft{UserID: to, Type: notification.TypeIssue, Title: key + ".title", Message: key + ".body",
		Metadata: meta, ActionURL: issueURL(i.ID()), Priority: prio, Source: sourceIssue})
}

// notifyOpened tells the owner of a new issue someone else opened.
func (d *issueDeps) notifyOpened(ctx context.Context, m machine.Machine, i issue.Issue) {
	if i.ReporterID() == m.OwnerID() {
		return
	}
	prio := notification.PriorityNormal
	if i.Severity() == issue.SeverityHigh || i.Severity() == issue.SeverityCritical {
		prio = notification.PriorityHigh
	}
	d.notifyIssue(ctx, m.OwnerID(), "notification.issueOpened", m, i, prio, nil)
}

// statusKeys are the texts that tell a reporter of each step on their issue.
var statusKeys = map[issue.Status]string{
	issue.StatusAcknowledged: "notification.issueAcknowledged",
	issue.StatusResolved:     "notification.issueResolved",
	issue.StatusWontFix:      "notification.issueWontFix",
}

// notifyStatus tells the reporter that someone else (the owner, or an
// operator the owner allows) acknowledged, resolved or will not fix their issue.
func (d *issueDeps) notifyStatus(ctx context.Context, m machine.Machine, i issue.Issue, by string) {
	key, ok := statusKeys[i.Status()]
	if !ok || i.ReporterID() == by {
		return
	}
	d.notifyIssue(ctx, i.ReporterID(), key, m, i, notification.PriorityNormal, nil)
}

// commentPreview is how much of a comment its notification carries.
const commentPreview = 100

// notifyCommented tells the other party of a comment: the owner when an
// operator comments, the reporter when the owner comments; never the author.
func (d *issueDeps) notifyCommented(ctx context.Context, m machine.Machine, i issue.Issue, c issue.Comment) {
	to := m.OwnerID()
	if c.AuthorID == m.OwnerID() {
		to = i.ReporterID()
	}
	if to == c.AuthorID {
		return
	}
	d.notifyIssue(ctx, to, "notification.issueCommented", m, i, notification.PriorityNormal,
		map[string]any{"commentId": c.ID, "authorId": c.AuthorID, "preview": message.Truncate(c.Body, commentPreview)})
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
func (s *Deps) visible(ctx context.Context, userID, machineID string) (map[string]machine.Machine, error) {
	if machineID != "" {
		m, _, err := s.access(ctx, userID, machineID)
		if err != nil {
			return nil, err
		}
		return map[string]machine.Machine{m.ID(): m}, nil
	}
	all, err := s.listMachines(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]machine.Machine, len(all))
	for _, m := range all {
		out[m.ID()] = m
	}
	return out, nil
}
