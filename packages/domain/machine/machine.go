// Package machine holds the Machine aggregate, its operating-hour readings and
// its repository port.
package machine

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

// Errors of this aggregate.
var (
	ErrNotFound = domain.NewError(domain.ErrNotFound, "machine not found")
	// ErrSerialTaken: the owner already has a machine with this serial number.
	ErrSerialTaken = domain.NewError(domain.ErrConflict, "serial number already registered")
	// ErrHoursBackwards: a reading lower than the machine's current hours.
	ErrHoursBackwards = &domain.FieldError{Field: "operatingHours", Message: "must not be lower than the machine's current operating hours"}
	// ErrNotOwner: only the owner edits, deletes and assigns operators.
	ErrNotOwner = domain.NewError(domain.ErrForbidden, "only the owner may do this")
)

// Limits.
const (
	MaxHours     = 1_000_000.0
	MaxOperators = 50
)

// Role is how a user relates to a machine.
type Role string

// The roles; RoleNone means the user may not see the machine.
const (
	RoleNone     Role = ""
	RoleOwner    Role = "owner"
	RoleOperator Role = "operator"
)

// Action is something a user may do to a machine or its plans.
type Action string

// The actions a role is allowed or refused.
const (
	ActionEdit            Action = "edit"
	ActionDelete          Action = "delete"
	ActionManageOperators Action = "manageOperators"
	ActionRecordReading   Action = "recordReading"
	ActionAddQuickCheck   Action = "addQuickCheck"
	ActionCreatePlan      Action = "createPlan"
	ActionCompletePlan    Action = "completePlan"
)

// Actions lists every action, for answers that say what a caller may do.
var Actions = []Action{ActionEdit, ActionDelete, ActionManageOperators, ActionRecordReading,
	ActionAddQuickCheck, ActionCreatePlan, ActionCompletePlan}

// Can is the one rule of who may do what: the owner everything, an operator
// readings and quick checks, anyone else nothing. The use cases enforce it and
// the API reports it, so that a client offers only what will be allowed.
func (r Role) Can(a Action) bool {
	switch r {
	case RoleOwner:
		return true
	case RoleOperator:
		return a == ActionRecordReading || a == ActionAddQuickCheck
	default:
		return false
	}
}

// Details are the editable descriptive fields of a machine.
type Details struct {
	SerialNumber string
	Name         string
	Brand        string
	Model        string
	Type         string
}

// Machine is a piece of equipment owned by one user and operated by some of their contacts.
type Machine struct {
	id             string
	ownerID        string
	details        Details
	operatingHours float64
	operatorIDs    []string
	createdAt      time.Time
	updatedAt      time.Time
}

// ValidateHours checks an operating-hours value.
func ValidateHours(field string, h float64) error {
	if math.IsNaN(h) || math.IsInf(h, 0) || h < 0 || h > MaxHours {
		return domain.Invalid(field, fmt.Sprintf("must be between 0 and %.0f", MaxHours))
	}
	return nil
}

func text(field, v string, minLen, maxLen int) (string, error) {
	v = strings.TrimSpace(v)
	if n := utf8.RuneCountInString(v); n < minLen || n > maxLen {
		if minLen == 0 {
			return "", domain.Invalid(field, fmt.Sprintf("must be at most %d characters", maxLen))
		}
		return "", domain.Invalid(field, fmt.Sprintf("must be %d to %d characters", minLen, maxLen))
	}
	return v, nil
}

// normalize trims and checks the details; serial numbers are upper-cased so
// that "ab-1" and "AB-1" are the same machine.
func (d Details) normalize() (Details, error) {
	var err error
	if d.SerialNumber, err = text("serialNumber", d.SerialNumber, 1, 100); err != nil {
		return Details{}, err
	}
	d.SerialNumber = strings.ToUpper(d.SerialNumber)
	if d.Name, err = text("name", d.Name, 1, 100); err != nil {
		return Details{}, err
	}
	if d.Brand, err = text("brand", d.Brand, 0, 100); err != nil {
		return Details{}, err
	}
	if d.Model, err = text("model", d.Model, 0, 100); err != nil {
		return Details{}, err
	}
	if d.Type, err = text("type", d.Type, 0, 100); err != nil {
		return Details{}, err
	}
	return d, nil
}

// New validates a new machine of ownerID.
func New(ownerID string, d Details, hours float64, now time.Time) (Machine, error) {
	if !domain.ValidID(ownerID) {
		return Machine{}, domain.Invalid("ownerId", "must be a user id")
	}
	d, err := d.normalize()
	if err != nil {
		return Machine{}, err
	}
	if err := ValidateHours("operatingHours", hours); err != nil {
		return Machine{}, err
	}
	now = now.UTC().Truncate(time.Millisecond)
	return Machine{id: domain.NewID(), ownerID: ownerID, details: d, operatingHours: hours,
		operatorIDs: []string{}, createdAt: now, updatedAt: now}, nil
}

// StoreRecord carries every field of a Machine between an adapter and FromStore.
type StoreRecord struct {
	ID             string
	OwnerID        string
	Details        Details
	OperatingHours float64
	OperatorIDs    []string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// FromStore rebuilds a Machine read from a store.
func FromStore(r StoreRecord) Machine {
	ops := slices.Clone(r.OperatorIDs)
	if ops == nil {
		ops = []string{}
	}
	slices.Sort(ops)
	return Machine{id: r.ID, ownerID: r.OwnerID, details: r.Details, operatingHours: r.OperatingHours,
		operatorIDs: ops, createdAt: r.CreatedAt.UTC(), updatedAt: r.UpdatedAt.UTC()}
}

// Record returns every field, for adapters and DTOs.
func (m Machine) Record() StoreRecord {
	return StoreRecord{ID: m.id, OwnerID: m.ownerID, Details: m.details, OperatingHours: m.operatingHours,
		OperatorIDs: slices.Clone(m.operatorIDs), CreatedAt: m.createdAt, UpdatedAt: m.updatedAt}
}

// WithDetails returns the machine with new descriptive fields, validated.
func (m Machine) WithDetails(d Details, now time.Time) (Machine, error) {
	d, err := d.normalize()
	if err != nil {
		return Machine{}, err
	}
	m.details = d
	m.updatedAt = now.UTC().Truncate(time.Millisecond)
	m.operatorIDs = slices.Clone(m.operatorIDs)
	return m, nil
}

// RoleOf says how userID relates to the machine.
func (m Machine) RoleOf(userID string) Role {
	switch {
	case userID == "":
		return RoleNone
	case userID == m.ownerID:
		return RoleOwner
	case slices.Contains(m.operatorIDs, userID):
		return RoleOperator
	}
	return RoleNone
}

// Audience is the owner followed by the operators: who hears about the machine.
func (m Machine) Audience() []string {
	return append([]string{m.ownerID}, m.operatorIDs...)
}

// ID returns the machine's id.
func (m Machine) ID() string { return m.id }

// OwnerID returns the owner's user id.
func (m Machine) OwnerID() string { return m.ownerID }

// Details returns the descriptive fields.
func (m Machine) Details() Details { return m.details }

// Name returns the display name.
func (m Machine) Name() string { return m.details.Name }

// SerialNumber returns the (upper-cased) serial number.
func (m Machine) SerialNumber() string { return m.details.SerialNumber }

// OperatingHours returns the latest known hour-meter value.
func (m Machine) OperatingHours() float64 { return m.operatingHours }

// OperatorIDs returns the assigned operators, sorted.
func (m Machine) OperatorIDs() []string { return slices.Clone(m.operatorIDs) }

// CreatedAt returns when the machine was registered.
func (m Machine) CreatedAt() time.Time { return m.createdAt }

// UpdatedAt returns when the machine last changed.
func (m Machine) UpdatedAt() time.Time { return m.updatedAt }
