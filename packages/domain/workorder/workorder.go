// Package workorder holds the WorkOrder aggregate (what is done to a machine:
// labour and parts lines, linked plan and issues), its completion record and
// the repository port.
package workorder

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// Errors of this aggregate.
var (
	ErrNotFound = fmt.Errorf("work order: %w", domain.ErrNotFound)
	// ErrStale: the work order changed meanwhile (its revision moved on).
	ErrStale = fmt.Errorf("work order: changed concurrently, reload and retry: %w", domain.ErrConflict)
	// ErrTransition: the status does not allow that step.
	ErrTransition = fmt.Errorf("work order: not allowed in its current status: %w", domain.ErrConflict)
)

// Limits.
const (
	MaxTitle    = 200
	MaxNotes    = 4000
	MaxLines    = 100
	MaxIssues   = 50
	MaxQuantity = 1_000_000.0
	// MaxUnitCost is in minor units (cents): ten billion of the major unit.
	MaxUnitCost = int64(1_000_000_000_000)
)

// Status is where a work order stands: OPEN → IN_PROGRESS → COMPLETED or
// CANCELLED (an open one may be completed or cancelled directly).
type Status string

// The statuses.
const (
	StatusOpen       Status = "OPEN"
	StatusInProgress Status = "IN_PROGRESS"
	StatusCompleted  Status = "COMPLETED"
	StatusCancelled  Status = "CANCELLED"
)

// Valid reports whether s is a status.
func (s Status) Valid() bool {
	return s == StatusOpen || s == StatusInProgress || s == StatusCompleted || s == StatusCancelled
}

// Active reports whether work may still change.
func (s Status) Active() bool { return s == StatusOpen || s == StatusInProgress }

// Kind says what a line is.
type Kind string

// The line kinds.
const (
	KindLabour Kind = "LABOUR"
	KindPart   Kind = "PART"
)

// Line is labour or a part: quantity × unit cost, in minor units of one
// ISO 4217 currency (none when the cost is 0).
type Line struct {
	Kind        Kind
	Description string
	Quantity    float64
	UnitCost    int64
	Currency    string
}

// Total is the line's cost in minor units, rounded half away from zero.
func (l Line) Total() int64 { return int64(math.Round(l.Quantity * float64(l.UnitCost))) }

// Spec is the editable content of a work order.
type Spec struct {
	Title      string
	Notes      string
	PlanID     string   // the maintenance plan whose cycle completing it completes ("" none)
	IssueIDs   []string // the issues completing it resolves
	Lines      []Line
	AssigneeID string // "" unassigned
}

func (s Spec) normalize() (Spec, error) {
	var err error
	if s.Title, err = domain.Text("title", s.Title, 1, MaxTitle); err != nil {
		return Spec{}, err
	}
	if s.Notes, err = domain.Text("notes", s.Notes, 0, MaxNotes); err != nil {
		return Spec{}, err
	}
	if s.PlanID != "" && !domain.ValidID(s.PlanID) {
		return Spec{}, domain.Invalid("planId", "must be a maintenance plan id")
	}
	if s.AssigneeID != "" && !domain.ValidID(s.AssigneeID) {
		return Spec{}, domain.Invalid("assigneeId", "must be a user id")
	}
	if len(s.IssueIDs) > MaxIssues {
		return Spec{}, domain.Invalid("issueIds", fmt.Sprintf("must have at most %d issues", MaxIssues))
	}
	issues := make([]string, 0, len(s.IssueIDs))
	for i, id := range s.IssueIDs {
		if !domain.ValidID(id) {
			return Spec{}, domain.Invalid(fmt.Sprintf("issueIds[%d]", i), "must be an issue id")
		}
		if !slices.Contains(issues, id) {
			issues = append(issues, id)
		}
	}
	s.IssueIDs = issues
	if len(s.Lines) > MaxLines {
		return Spec{}, domain.Invalid("lines", fmt.Sprintf("must have at most %d lines", MaxLines))
	}
	lines := make([]Line, len(s.Lines))
	for i, l := range s.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		if l.Kind != KindLabour && l.Kind != KindPart {
			return Spec{}, domain.Invalid(f+".kind", "must be LABOUR or PART")
		}
		if l.Description, err = domain.Text(f+".description", l.Description, 1, 200); err != nil {
			return Spec{}, err
		}
		if math.IsNaN(l.Quantity) || l.Quantity <= 0 || l.Quantity > MaxQuantity {
			return Spec{}, domain.Invalid(f+".quantity", fmt.Sprintf("must be above 0 and at most %.0f", MaxQuantity))
		}
		if l.UnitCost < 0 || l.UnitCost > MaxUnitCost {
			return Spec{}, domain.Invalid(f+".unitCost", "must be between 0 and 1000000000000 minor units")
		}
		l.Currency = strings.ToUpper(strings.TrimSpace(l.Currency))
		if l.Currency == "" && l.UnitCost > 0 {
			return Spec{}, domain.Invalid(f+".currency", "is required when there is a cost")
		}
		if l.Currency != "" && !isCurrency(l.Currency) {
			return Spec{}, domain.Invalid(f+".currency", "must be a three-letter ISO 4217 code")
		}
		lines[i] = l
	}
	s.Lines = lines
	return s, nil
}

func isCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Completion is the record a completion starts with, stored on the work order
// before any of its steps: a retry reads it back and repeats the same steps
// with the same values. PlanCycle is the plan's cycle when completion began
// (the plan step completes that cycle only); PlanCompletionID is filled in
// once the plan step is done.
type Completion struct {
	By               string
	At               time.Time
	OperatingHours   float64
	PlanCycle        int
	PlanCompletionID string
}

// WorkOrder groups the work done to one machine.
type WorkOrder struct {
	id         string
	machineID  string
	ownerID    string
	createdBy  string
	spec       Spec
	status     Status
	completion *Completion
	rev        int
	createdAt  time.Time
	updatedAt  time.Time
	startedAt  *time.Time
	closedAt   *time.Time
}

// New validates a work order of machineID (owned by ownerID) created by createdBy.
func New(machineID, ownerID, createdBy string, s Spec, now time.Time) (WorkOrder, error) {
	if !domain.ValidID(machineID) {
		return WorkOrder{}, domain.Invalid("machineId", "must be a machine id")
	}
	if !domain.ValidID(ownerID) || !domain.ValidID(createdBy) {
		return WorkOrder{}, domain.Invalid("ownerId", "must be a user id")
	}
	s, err := s.normalize()
	if err != nil {
		return WorkOrder{}, err
	}
	now = now.UTC().Truncate(time.Millisecond)
	return WorkOrder{id: domain.NewID(), machineID: machineID, ownerID: ownerID, createdBy: createdBy, spec: s,
		status: StatusOpen, rev: 1, createdAt: now, updatedAt: now}, nil
}

func (w WorkOrder) next(now time.Time) WorkOrder {
	w.rev++
	w.updatedAt = now.UTC().Truncate(time.Millisecond)
	w.spec.IssueIDs = slices.Clone(w.spec.IssueIDs)
	w.spec.Lines = slices.Clone(w.spec.Lines)
	return w
}

// Edit replaces the content of an active work order whose completion has not begun.
func (w WorkOrder) Edit(s Spec, now time.Time) (WorkOrder, error) {
	if !w.status.Active() || w.completion != nil {
		return WorkOrder{}, ErrTransition
	}
	s, err := s.normalize()
	if err != nil {
		return WorkOrder{}, err
	}
	n := w.next(now)
	n.spec = s
	return n, nil
}

// Start moves an OPEN work order to IN_PROGRESS.
func (w WorkOrder) Start(now time.Time) (WorkOrder, error) {
	if w.status != StatusOpen || w.completion != nil {
		return WorkOrder{}, ErrTransition
	}
	n := w.next(now)
	n.status = StatusInProgress
	at := n.updatedAt
	n.startedAt = &at
	return n, nil
}

// Cancel ends an active work order whose completion has not begun.
func (w WorkOrder) Cancel(now time.Time) (WorkOrder, error) {
	if !w.status.Active() || w.completion != nil {
		return WorkOrder{}, ErrTransition
	}
	n := w.next(now)
	n.status = StatusCancelled
	at := n.updatedAt
	n.closedAt = &at
	return n, nil
}

// BeginCompletion records c on an active work order (the status stays until
// Finish); a work order whose completion began keeps its record.
func (w WorkOrder) BeginCompletion(c Completion, now time.Time) (WorkOrder, error) {
	if !w.status.Active() || w.completion != nil {
		return WorkOrder{}, ErrTransition
	}
	if !domain.ValidID(c.By) {
		return WorkOrder{}, domain.Invalid("userId", "must be a user id")
	}
	if math.IsNaN(c.OperatingHours) || c.OperatingHours < 0 || c.OperatingHours > 1_000_000 {
		return WorkOrder{}, domain.Invalid("operatingHours", "must be between 0 and 1000000")
	}
	c.At = c.At.UTC().Truncate(time.Millisecond)
	n := w.next(now)
	n.completion = &c
	return n, nil
}

// PlanDone records the plan completion made by the completion's plan step.
func (w WorkOrder) PlanDone(completionID string, now time.Time) (WorkOrder, error) {
	if w.completion == nil || w.status != StatusOpen && w.status != StatusInProgress {
		return WorkOrder{}, ErrTransition
	}
	n := w.next(now)
	c := *w.completion
	c.PlanCompletionID = completionID
	n.completion = &c
	return n, nil
}

// Finish marks a work order whose completion began as COMPLETED.
func (w WorkOrder) Finish(now time.Time) (WorkOrder, error) {
	if !w.status.Active() || w.completion == nil {
		return WorkOrder{}, ErrTransition
	}
	n := w.next(now)
	n.status = StatusCompleted
	at := w.completion.At
	n.closedAt = &at
	return n, nil
}

// StoreRecord carries every field between an adapter and FromStore.
type StoreRecord struct {
	ID, MachineID, OwnerID, CreatedBy string
	Spec                              Spec
	Status                            Status
	Completion                        *Completion
	Rev                               int
	CreatedAt, UpdatedAt              time.Time
	StartedAt, ClosedAt               *time.Time
}

// FromStore rebuilds a WorkOrder read from a store.
func FromStore(r StoreRecord) WorkOrder {
	w := WorkOrder{id: r.ID, machineID: r.MachineID, ownerID: r.OwnerID, createdBy: r.CreatedBy, spec: r.Spec,
		status: r.Status, rev: r.Rev, createdAt: r.CreatedAt.UTC(), updatedAt: r.UpdatedAt.UTC(),
		startedAt: utcPtr(r.StartedAt), closedAt: utcPtr(r.ClosedAt)}
	w.spec.IssueIDs = slices.Clone(r.Spec.IssueIDs)
	if w.spec.IssueIDs == nil {
		w.spec.IssueIDs = []string{}
	}
	w.spec.Lines = slices.Clone(r.Spec.Lines)
	if w.spec.Lines == nil {
		w.spec.Lines = []Line{}
	}
	if r.Completion != nil {
		c := *r.Completion
		c.At = c.At.UTC()
		w.completion = &c
	}
	return w
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// Record returns every field, for adapters and DTOs.
func (w WorkOrder) Record() StoreRecord {
	s := w.spec
	s.IssueIDs = slices.Clone(s.IssueIDs)
	s.Lines = slices.Clone(s.Lines)
	var c *Completion
	if w.completion != nil {
		cp := *w.completion
		c = &cp
	}
	return StoreRecord{ID: w.id, MachineID: w.machineID, OwnerID: w.ownerID, CreatedBy: w.createdBy, Spec: s,
		Status: w.status, Completion: c, Rev: w.rev, CreatedAt: w.createdAt, UpdatedAt: w.updatedAt,
		StartedAt: w.startedAt, ClosedAt: w.closedAt}
}

// ID returns the work order's id.
func (w WorkOrder) ID() string { return w.id }

// MachineID returns the machine's id.
func (w WorkOrder) MachineID() string { return w.machineID }

// OwnerID returns the machine owner's id.
func (w WorkOrder) OwnerID() string { return w.ownerID }

// Status returns the status.
func (w WorkOrder) Status() Status { return w.status }

// Spec returns the content.
func (w WorkOrder) Spec() Spec { return w.Record().Spec }

// Completion returns the completion record, nil until completion began.
func (w WorkOrder) Completion() *Completion { return w.Record().Completion }

// Rev returns the revision: 1 when created, one more per change.
func (w WorkOrder) Rev() int { return w.rev }

// Totals returns the cost per currency (minor units); zero-cost lines without a currency count nowhere.
func (w WorkOrder) Totals() map[string]int64 {
	out := map[string]int64{}
	for _, l := range w.spec.Lines {
		if l.Currency != "" {
			out[l.Currency] += l.Total()
		}
	}
	return out
}
