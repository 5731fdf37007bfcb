// Package maintenance holds maintenance plans (what to service every N hours
// and/or N days), their due logic, completions and the repository port.
package maintenance

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

// Errors of this aggregate.
var (
	ErrNotFound = domain.NewError(domain.ErrNotFound, "maintenance plan not found")
	// ErrStale: the plan was completed by someone else meanwhile.
	ErrStale = domain.NewError(domain.ErrConflict, "the maintenance plan was completed concurrently, reload and retry")
)

// Limits of a plan's intervals.
const (
	MaxIntervalHours = 100_000.0
	MaxIntervalDays  = 3650
)

// Status is where a plan stands in its current cycle. The order matters:
// within one cycle a plan only moves up (hours and time never go back).
type Status int

// The statuses, in order.
const (
	StatusOK Status = iota
	StatusDueSoon
	StatusOverdue
)

// String returns the API name of s.
func (s Status) String() string {
	switch s {
	case StatusDueSoon:
		return "DUE_SOON"
	case StatusOverdue:
		return "OVERDUE"
	}
	return "OK"
}

// Spec is what a new plan is made from. Nil intervals are absent; at least one is required.
// Nil margins take the defaults of DefaultDueSoonHours and DefaultDueSoonDays.
type Spec struct {
	Name          string
	Type          string
	IntervalHours *float64
	IntervalDays  *int
	DueSoonHours  *float64
	DueSoonDays   *int
}

// DefaultDueSoonHours is the margin when none is given: 10% of the interval,
// at least 1 hour, at most half the interval.
func DefaultDueSoonHours(interval float64) float64 {
	return math.Min(interval/2, math.Max(1, math.Round(interval*0.1*10)/10))
}

// DefaultDueSoonDays is the margin when none is given: 10% of the interval,
// at least 1 day, and below the interval.
func DefaultDueSoonDays(interval int) int {
	return min(interval-1, max(1, int(math.Round(float64(interval)*0.1))))
}

// Plan is one recurring maintenance task of a machine. Each completion starts
// a new cycle; the alert bookkeeping (alertCycle, alertState) records the
// highest state already announced in a cycle, so that an alert is sent once.
type Plan struct {
	id                 string
	machineID          string
	ownerID            string
	name               string
	typ                string
	intervalHours      *float64
	intervalDays       *int
	dueSoonHours       *float64
	dueSoonDays        *int
	startHours         float64
	startedAt          time.Time
	lastCompletedAt    *time.Time
	lastCompletedHours *float64
	cycle              int
	alertCycle         int
	alertState         Status
	createdAt          time.Time
}

// New validates a plan for a machine (of ownerID) whose hour meter reads currentHours now.
func New(machineID, ownerID string, s Spec, currentHours float64, now time.Time) (Plan, error) {
	if !domain.ValidID(machineID) || !domain.ValidID(ownerID) {
		return Plan{}, domain.Invalid("machineId", "must be a machine id")
	}
	name := strings.TrimSpace(s.Name)
	if n := utf8.RuneCountInString(name); n < 1 || n > 100 {
		return Plan{}, domain.Invalid("name", "must be 1 to 100 characters")
	}
	typ := strings.TrimSpace(s.Type)
	if utf8.RuneCountInString(typ) > 50 {
		return Plan{}, domain.Invalid("type", "must be at most 50 characters")
	}
	if s.IntervalHours == nil && s.IntervalDays == nil {
		return Plan{}, domain.Invalid("intervalHours", "give intervalHours, intervalDays or both")
	}
	p := Plan{id: domain.NewID(), machineID: machineID, ownerID: ownerID, name: name, typ: typ,
		startHours: currentHours, startedAt: now.UTC().Truncate(time.Millisecond)}
	p.createdAt = p.startedAt
	if s.IntervalHours != nil {
		h := *s.IntervalHours
		if math.IsNaN(h) || h <= 0 || h > MaxIntervalHours {
			return Plan{}, domain.Invalid("intervalHours", fmt.Sprintf("must be above 0 and at most %.0f", MaxIntervalHours))
		}
		margin := DefaultDueSoonHours(h)
		if s.DueSoonHours != nil {
			margin = *s.DueSoonHours
			if math.IsNaN(margin) || margin < 0 || margin >= h {
				return Plan{}, domain.Invalid("dueSoonHours", "must be at least 0 and below intervalHours")
			}
		}
		p.intervalHours, p.dueSoonHours = &h, &margin
	} else if s.DueSoonHours != nil {
		return Plan{}, domain.Invalid("dueSoonHours", "needs intervalHours")
	}
	if s.IntervalDays != nil {
		d := *s.IntervalDays
		if d <= 0 || d > MaxIntervalDays {
			return Plan{}, domain.Invalid("intervalDays", fmt.Sprintf("must be 1 to %d", MaxIntervalDays))
		}
		margin := DefaultDueSoonDays(d)
		if s.DueSoonDays != nil {
			margin = *s.DueSoonDays
			if margin < 0 || margin >= d {
				return Plan{}, domain.Invalid("dueSoonDays", "must be at least 0 and below intervalDays")
			}
		}
		p.intervalDays, p.dueSoonDays = &d, &margin
	} else if s.DueSoonDays != nil {
		return Plan{}, domain.Invalid("dueSoonDays", "needs intervalDays")
	}
	return p, nil
}

// StoreRecord carries every field of a Plan between an adapter and FromStore.
type StoreRecord struct {
	ID                 string
	MachineID          string
	OwnerID            string
	Name               string
	Type               string
	IntervalHours      *float64
	IntervalDays       *int
	DueSoonHours       *float64
	DueSoonDays        *int
	StartHours         float64
	StartedAt          time.Time
	LastCompletedAt    *time.Time
	LastCompletedHours *float64
	Cycle              int
	AlertCycle         int
	AlertState         Status
	CreatedAt          time.Time
}

// FromStore rebuilds a Plan read from a store.
func FromStore(r StoreRecord) Plan {
	p := Plan{id: r.ID, machineID: r.MachineID, ownerID: r.OwnerID, name: r.Name, typ: r.Type,
		intervalHours: r.IntervalHours, intervalDays: r.IntervalDays, dueSoonHours: r.DueSoonHours,
		dueSoonDays: r.DueSoonDays, startHours: r.StartHours, startedAt: r.StartedAt.UTC(),
		lastCompletedHours: r.LastCompletedHours, cycle: r.Cycle, alertCycle: r.AlertCycle,
		alertState: r.AlertState, createdAt: r.CreatedAt.UTC()}
	if r.LastCompletedAt != nil {
		t := r.LastCompletedAt.UTC()
		p.lastCompletedAt = &t
	}
	return p
}

// Record returns every field, for adapters and DTOs.
func (p Plan) Record() StoreRecord {
	return StoreRecord{ID: p.id, MachineID: p.machineID, OwnerID: p.ownerID, Name: p.name, Type: p.typ,
		IntervalHours: p.intervalHours, IntervalDays: p.intervalDays, DueSoonHours: p.dueSoonHours,
		DueSoonDays: p.dueSoonDays, StartHours: p.startHours, StartedAt: p.startedAt,
		LastCompletedAt: p.lastCompletedAt, LastCompletedHours: p.lastCompletedHours, Cycle: p.cycle,
		AlertCycle: p.alertCycle, AlertState: p.alertState, CreatedAt: p.createdAt}
}

// ID returns the plan's id.
func (p Plan) ID() string { return p.id }

// MachineID returns the machine's id.
func (p Plan) MachineID() string { return p.machineID }

// OwnerID returns the machine owner's id (a machine never changes owner).
func (p Plan) OwnerID() string { return p.ownerID }

// Name returns the plan's name.
func (p Plan) Name() string { return p.name }

// Cycle counts the completions so far; each starts a new cycle.
func (p Plan) Cycle() int { return p.cycle }

// base is where the current cycle started: the last completion, or the plan's start.
func (p Plan) base() (hours float64, at time.Time) {
	hours, at = p.startHours, p.startedAt
	if p.lastCompletedHours != nil {
		hours = *p.lastCompletedHours
	}
	if p.lastCompletedAt != nil {
		at = *p.lastCompletedAt
	}
	return hours, at
}

// Evaluation is a plan's standing at one moment.
type Evaluation struct {
	Status        Status
	NextDueHours  *float64   // hour-based plans
	NextDueAt     *time.Time // day-based plans
	ForecastDueAt *time.Time // hour-based plans with a known daily use
}

// Evaluate derives the plan's status from the machine's current hours and the
// time now. Whichever interval comes first counts. Reaching the due point is
// OVERDUE; reaching the margin before it (inclusive) is DUE_SOON. dailyUse
// (hours per day, 0 when unknown) gives hour-based plans a forecast date.
func (p Plan) Evaluate(currentHours float64, now time.Time, dailyUse float64) Evaluation {
	baseHours, baseAt := p.base()
	var ev Evaluation
	raise := func(s Status) {
		if s > ev.Status {
			ev.Status = s
		}
	}
	if p.intervalHours != nil {
		due := baseHours + *p.intervalHours
		ev.NextDueHours = &due
		switch {
		case currentHours >= due:
			raise(StatusOverdue)
		case currentHours >= due-*p.dueSoonHours:
			raise(StatusDueSoon)
		}
		if dailyUse > 0 {
			left := math.Max(0, due-currentHours)
			f := now.Add(time.Duration(left / dailyUse * float64(24*time.Hour))).UTC().Truncate(time.Second)
			ev.ForecastDueAt = &f
		}
	}
	if p.intervalDays != nil {
		due := baseAt.AddDate(0, 0, *p.intervalDays)
		ev.NextDueAt = &due
		switch {
		case !now.Before(due):
			raise(StatusOverdue)
		case !now.Before(due.AddDate(0, 0, -*p.dueSoonDays)):
			raise(StatusDueSoon)
		}
	}
	return ev
}

// AlreadyAlerted reports whether state s of the current cycle was announced.
func (p Plan) AlreadyAlerted(s Status) bool {
	return p.alertCycle == p.cycle && p.alertState >= s
}

// Complete records that the maintenance was done by performedBy at hours, at
// performedAt, and restarts the plan: the returned plan is in a new cycle.
func (p Plan) Complete(performedBy string, hours float64, performedAt time.Time, notes string, now time.Time) (Plan, Completion, error) {
	if !domain.ValidID(performedBy) {
		return Plan{}, Completion{}, domain.Invalid("performedBy", "must be a user id")
	}
	if math.IsNaN(hours) || hours < 0 || hours > 1_000_000 {
		return Plan{}, Completion{}, domain.Invalid("operatingHours", "must be between 0 and 1000000")
	}
	baseHours, baseAt := p.base()
	if hours < baseHours {
		return Plan{}, Completion{}, domain.Invalid("operatingHours", "must not be lower than the previous completion or the plan's start")
	}
	performedAt = performedAt.UTC().Truncate(time.Millisecond)
	now = now.UTC().Truncate(time.Millisecond)
	if performedAt.After(now) {
		// A date picked in a form (e.g. today at noon UTC) may lie a few hours
		// ahead of the clock: within a day it means "now".
		if performedAt.Sub(now) > 24*time.Hour {
			return Plan{}, Completion{}, domain.Invalid("performedAt", "must not be in the future")
		}
		performedAt = now
	}
	if p.lastCompletedAt != nil && performedAt.Before(baseAt) {
		return Plan{}, Completion{}, domain.Invalid("performedAt", "must not be before the previous completion")
	}
	notes = strings.TrimSpace(notes)
	if utf8.RuneCountInString(notes) > 2000 {
		return Plan{}, Completion{}, domain.Invalid("notes", "must be at most 2000 characters")
	}
	c := Completion{id: domain.NewID(), planID: p.id, machineID: p.machineID, performedBy: performedBy,
		operatingHours: hours, performedAt: performedAt, notes: notes, cycle: p.cycle + 1}
	next := p
	next.lastCompletedAt = &performedAt
	next.lastCompletedHours = &hours
	next.cycle = p.cycle + 1
	return next, c, nil
}

// Completion is one performed maintenance of a plan.
type Completion struct {
	id             string
	planID         string
	machineID      string
	performedBy    string
	operatingHours float64
	performedAt    time.Time
	notes          string
	cycle          int // the cycle this completion started
}

// CompletionFromStore rebuilds a Completion read from a store.
func CompletionFromStore(id, planID, machineID, performedBy string, hours float64, performedAt time.Time, notes string, cycle int) Completion {
	return Completion{id: id, planID: planID, machineID: machineID, performedBy: performedBy,
		operatingHours: hours, performedAt: performedAt.UTC(), notes: notes, cycle: cycle}
}

// ID returns the completion's id.
func (c Completion) ID() string { return c.id }

// PlanID returns the plan's id.
func (c Completion) PlanID() string { return c.planID }

// MachineID returns the machine's id.
func (c Completion) MachineID() string { return c.machineID }

// PerformedBy returns who did the maintenance.
func (c Completion) PerformedBy() string { return c.performedBy }

// OperatingHours returns the machine's hours when it was done.
func (c Completion) OperatingHours() float64 { return c.operatingHours }

// PerformedAt returns when it was done.
func (c Completion) PerformedAt() time.Time { return c.performedAt }

// Notes returns free text about the work.
func (c Completion) Notes() string { return c.notes }

// Cycle returns the plan cycle this completion started.
func (c Completion) Cycle() int { return c.cycle }
