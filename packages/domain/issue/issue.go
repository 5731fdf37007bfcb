// Package issue holds the Issue aggregate (a defect of a machine, opened by
// hand or from a failed quick-check item), its comments and the repository port.
package issue

import (
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// Errors of this aggregate.
var (
	ErrNotFound = fmt.Errorf("issue: %w", domain.ErrNotFound)
	// ErrStale: the issue changed meanwhile (its revision moved on).
	ErrStale = fmt.Errorf("issue: changed concurrently, reload and retry: %w", domain.ErrConflict)
	// ErrDuplicate: the quick-check item already opened an issue.
	ErrDuplicate = fmt.Errorf("issue: this check item already opened an issue: %w", domain.ErrConflict)
	// ErrTransition: the status does not allow that step.
	ErrTransition = fmt.Errorf("issue: not allowed in its current status: %w", domain.ErrConflict)
)

// Limits.
const (
	MaxTitle       = 200
	MaxDescription = 2000
	MaxComment     = 2000
)

// Status is where an issue stands: OPEN → ACKNOWLEDGED → RESOLVED or WONT_FIX
// (an open issue may also be closed directly).
type Status string

// The statuses.
const (
	StatusOpen         Status = "OPEN"
	StatusAcknowledged Status = "ACKNOWLEDGED"
	StatusResolved     Status = "RESOLVED"
	StatusWontFix      Status = "WONT_FIX"
)

// Valid reports whether s is a status.
func (s Status) Valid() bool {
	return s == StatusOpen || s == StatusAcknowledged || s == StatusResolved || s == StatusWontFix
}

// Closed reports whether s ends the issue.
func (s Status) Closed() bool { return s == StatusResolved || s == StatusWontFix }

// Severity is how bad the defect is.
type Severity string

// The severities, mildest first.
const (
	SeverityLow      Severity = "LOW"
	SeverityMedium   Severity = "MEDIUM"
	SeverityHigh     Severity = "HIGH"
	SeverityCritical Severity = "CRITICAL"
)

// Valid reports whether s is a severity.
func (s Severity) Valid() bool {
	return s == SeverityLow || s == SeverityMedium || s == SeverityHigh || s == SeverityCritical
}

// Spec is what a hand-opened issue is made of.
type Spec struct {
	Title       string
	Description string
	Severity    Severity
}

// Step is who did a step and when.
type Step struct {
	By string
	At time.Time
}

// Issue is one defect of a machine. An issue opened by a quick check keeps
// the check's id and the item's key (unique together); a template item has no
// title of its own: the reader's language names it from its key.
type Issue struct {
	id           string
	machineID    string
	ownerID      string
	reporterID   string
	title        string
	description  string
	severity     Severity
	status       Status
	checkID      string
	itemKey      string
	workOrderID  string
	acknowledged *Step
	closed       *Step
	rev          int
	createdAt    time.Time
	updatedAt    time.Time
}

func ids(machineID, ownerID, reporterID string) error {
	if !domain.ValidID(machineID) {
		return domain.Invalid("machineId", "must be a machine id")
	}
	if !domain.ValidID(ownerID) {
		return domain.Invalid("ownerId", "must be a user id")
	}
	if !domain.ValidID(reporterID) {
		return domain.Invalid("reporterId", "must be a user id")
	}
	return nil
}

// New validates an issue opened by hand on machineID (owned by ownerID) by reporterID.
func New(machineID, ownerID, reporterID string, s Spec, now time.Time) (Issue, error) {
	if err := ids(machineID, ownerID, reporterID); err != nil {
		return Issue{}, err
	}
	title, err := domain.Text("title", s.Title, 1, MaxTitle)
	if err != nil {
		return Issue{}, err
	}
	desc, err := domain.Text("description", s.Description, 0, MaxDescription)
	if err != nil {
		return Issue{}, err
	}
	if !s.Severity.Valid() {
		return Issue{}, domain.Invalid("severity", "must be LOW, MEDIUM, HIGH or CRITICAL")
	}
	now = now.UTC().Truncate(time.Millisecond)
	return Issue{id: domain.NewID(), machineID: machineID, ownerID: ownerID, reporterID: reporterID, title: title,
		description: desc, severity: s.Severity, status: StatusOpen, rev: 1, createdAt: now, updatedAt: now}, nil
}

// FromCheckItem opens the issue of one failed item of check q (on a machine of
// ownerID): the item's note is the description, a custom item's label the
// title, and its severity the item's (q.ItemSeverity: the operator's choice,
// else the item's default: HIGH for brakes and safety, MEDIUM otherwise).
func FromCheckItem(ownerID string, q quickcheck.QuickCheck, it quickcheck.Item, now time.Time) (Issue, error) {
	if it.Passed {
		return Issue{}, domain.Invalid("item", fmt.Sprintf("%q did not fail", it.Key))
	}
	if err := ids(q.MachineID(), ownerID, q.AuthorID()); err != nil {
		return Issue{}, err
	}
	if !domain.ValidID(q.ID()) {
		return Issue{}, domain.Invalid("quickCheckId", "must be a quick check id")
	}
	key, err := domain.Text("itemKey", it.Key, 1, 50)
	if err != nil {
		return Issue{}, err
	}
	title, err := domain.Text("title", it.Label, 0, MaxTitle)
	if err != nil {
		return Issue{}, err
	}
	desc, err := domain.Text("description", it.Notes, 0, MaxDescription)
	if err != nil {
		return Issue{}, err
	}
	sev := Severity(q.ItemSeverity(it))
	if !sev.Valid() {
		return Issue{}, domain.Invalid("severity", "must be LOW, MEDIUM, HIGH or CRITICAL")
	}
	now = now.UTC().Truncate(time.Millisecond)
	return Issue{id: domain.NewID(), machineID: q.MachineID(), ownerID: ownerID, reporterID: q.AuthorID(), title: title,
		description: desc, severity: sev, status: StatusOpen, checkID: q.ID(), itemKey: key,
		rev: 1, createdAt: now, updatedAt: now}, nil
}

func (i Issue) next(now time.Time) Issue {
	i.rev++
	i.updatedAt = now.UTC().Truncate(time.Millisecond)
	return i
}

func step(by string, now time.Time) (*Step, error) {
	if !domain.ValidID(by) {
		return nil, domain.Invalid("userId", "must be a user id")
	}
	return &Step{By: by, At: now.UTC().Truncate(time.Millisecond)}, nil
}

// Acknowledge moves an OPEN issue to ACKNOWLEDGED.
func (i Issue) Acknowledge(by string, now time.Time) (Issue, error) {
	if i.status != StatusOpen {
		return Issue{}, ErrTransition
	}
	s, err := step(by, now)
	if err != nil {
		return Issue{}, err
	}
	n := i.next(now)
	n.status, n.acknowledged = StatusAcknowledged, s
	return n, nil
}

// Close ends an open or acknowledged issue as RESOLVED (optionally by a work
// order) or WONT_FIX (without one).
func (i Issue) Close(by string, to Status, workOrderID string, now time.Time) (Issue, error) {
	if !to.Closed() {
		return Issue{}, domain.Invalid("status", "must be RESOLVED or WONT_FIX")
	}
	if i.status.Closed() {
		return Issue{}, ErrTransition
	}
	if workOrderID != "" && (to != StatusResolved || !domain.ValidID(workOrderID)) {
		return Issue{}, domain.Invalid("workOrderId", "must be a work order id, and only for RESOLVED")
	}
	s, err := step(by, now)
	if err != nil {
		return Issue{}, err
	}
	n := i.next(now)
	n.status, n.closed, n.workOrderID = to, s, workOrderID
	return n, nil
}

// StoreRecord carries every field between an adapter and FromStore.
type StoreRecord struct {
	ID, MachineID, OwnerID, ReporterID string
	Title, Description                 string
	Severity                           Severity
	Status                             Status
	CheckID, ItemKey                   string
	WorkOrderID                        string
	Acknowledged, Closed               *Step
	Rev                                int
	CreatedAt, UpdatedAt               time.Time
}

// FromStore rebuilds an Issue read from a store.
func FromStore(r StoreRecord) Issue {
	utc := func(s *Step) *Step {
		if s == nil {
			return nil
		}
		return &Step{By: s.By, At: s.At.UTC()}
	}
	return Issue{id: r.ID, machineID: r.MachineID, ownerID: r.OwnerID, reporterID: r.ReporterID, title: r.Title,
		description: r.Description, severity: r.Severity, status: r.Status, checkID: r.CheckID, itemKey: r.ItemKey,
		workOrderID: r.WorkOrderID, acknowledged: utc(r.Acknowledged), closed: utc(r.Closed), rev: r.Rev,
		createdAt: r.CreatedAt.UTC(), updatedAt: r.UpdatedAt.UTC()}
}

// Record returns every field, for adapters and DTOs.
func (i Issue) Record() StoreRecord {
	cp := func(s *Step) *Step {
		if s == nil {
			return nil
		}
		c := *s
		return &c
	}
	return StoreRecord{ID: i.id, MachineID: i.machineID, OwnerID: i.ownerID, ReporterID: i.reporterID, Title: i.title,
		Description: i.description, Severity: i.severity, Status: i.status, CheckID: i.checkID, ItemKey: i.itemKey,
		WorkOrderID: i.workOrderID, Acknowledged: cp(i.acknowledged), Closed: cp(i.closed), Rev: i.rev,
		CreatedAt: i.createdAt, UpdatedAt: i.updatedAt}
}

// ID returns the issue's id.
func (i Issue) ID() string { return i.id }

// MachineID returns the machine's id.
func (i Issue) MachineID() string { return i.machineID }

// OwnerID returns the machine owner's id.
func (i Issue) OwnerID() string { return i.ownerID }

// ReporterID returns who opened the issue.
func (i Issue) ReporterID() string { return i.reporterID }

// Title returns the title ("" for a template check item: see ItemKey).
func (i Issue) Title() string { return i.title }

// Status returns the status.
func (i Issue) Status() Status { return i.status }

// Severity returns the severity.
func (i Issue) Severity() Severity { return i.severity }

// ItemKey returns the check item's key ("" for a hand-opened issue).
func (i Issue) ItemKey() string { return i.itemKey }

// Rev returns the revision: 1 when opened, one more per change.
func (i Issue) Rev() int { return i.rev }

// Comment is a remark on an issue by its machine's owner or an operator.
type Comment struct {
	ID, IssueID, AuthorID, Body string
	CreatedAt                   time.Time
}

// NewComment validates a comment.
func NewComment(issueID, authorID, body string, now time.Time) (Comment, error) {
	if !domain.ValidID(issueID) {
		return Comment{}, domain.Invalid("issueId", "must be an issue id")
	}
	if !domain.ValidID(authorID) {
		return Comment{}, domain.Invalid("authorId", "must be a user id")
	}
	b, err := domain.Text("body", body, 1, MaxComment)
	if err != nil {
		return Comment{}, err
	}
	return Comment{ID: domain.NewID(), IssueID: issueID, AuthorID: authorID, Body: b, CreatedAt: now.UTC().Truncate(time.Millisecond)}, nil
}
