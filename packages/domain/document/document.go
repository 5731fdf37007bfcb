// Package document holds a machine's documents (insurance, inspection
// certificate, registration, custom) with their expiry dates, and the
// repository port that also claims expiry reminders once per threshold.
package document

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

// Type says what a document is.
type Type string

// The document types.
const (
	TypeInsurance             Type = "INSURANCE"
	TypeInspectionCertificate Type = "INSPECTION_CERTIFICATE"
	TypeRegistration          Type = "REGISTRATION"
	TypeCustom                Type = "CUSTOM"
)

// Valid reports whether t is a document type.
func (t Type) Valid() bool {
	switch t {
	case TypeInsurance, TypeInspectionCertificate, TypeRegistration, TypeCustom:
		return true
	}
	return false
}

// Limits of a document's text fields.
const (
	MaxNameLength   = 100
	MaxNumberLength = 100
)

// DateLayout is how dates travel: a calendar day, no time of day.
const DateLayout = time.DateOnly

// ErrNotFound is the answer for an unknown document (or another owner's).
var ErrNotFound = fmt.Errorf("document: %w", domain.ErrNotFound)

// Draft is what an owner submits.
type Draft struct {
	MachineID string
	OwnerID   string
	Type      Type
	Name      string // required for CUSTOM, optional otherwise
	Number    string
	IssuedOn  string // YYYY-MM-DD, optional
	ExpiresOn string // YYYY-MM-DD, required
}

// Document is one document of one machine.
type Document struct {
	id        string
	machineID string
	ownerID   string
	typ       Type
	name      string
	number    string
	issuedOn  time.Time // zero: not given
	expiresOn time.Time
	createdAt time.Time
	file      *File // nil: no file attached
}

func parseDate(field, v string, required bool) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			return time.Time{}, domain.Invalid(field, "is required (YYYY-MM-DD)")
		}
		return time.Time{}, nil
	}
	t, err := time.Parse(DateLayout, v)
	if err != nil {
		return time.Time{}, domain.Invalid(field, "must be a date like 2027-01-31")
	}
	return t, nil
}

// New validates a draft: a type, a name for CUSTOM, text limits, dates,
// and an expiry on or after the issue date.
func New(d Draft, now time.Time) (Document, error) {
	if !domain.ValidID(d.MachineID) {
		return Document{}, domain.Invalid("machineId", "must be a machine id")
	}
	if !domain.ValidID(d.OwnerID) {
		return Document{}, domain.Invalid("ownerId", "must be a user id")
	}
	if !d.Type.Valid() {
		return Document{}, domain.Invalid("type", "must be one of INSURANCE, INSPECTION_CERTIFICATE, REGISTRATION, CUSTOM")
	}
	name, number := strings.TrimSpace(d.Name), strings.TrimSpace(d.Number)
	if d.Type == TypeCustom && name == "" {
		return Document{}, domain.Invalid("name", "is required for a CUSTOM document")
	}
	if utf8.RuneCountInString(name) > MaxNameLength {
		return Document{}, domain.Invalid("name", fmt.Sprintf("must be at most %d characters", MaxNameLength))
	}
	if utf8.RuneCountInString(number) > MaxNumberLength {
		return Document{}, domain.Invalid("number", fmt.Sprintf("must be at most %d characters", MaxNumberLength))
	}
	issued, err := parseDate("issuedOn", d.IssuedOn, false)
	if err != nil {
		return Document{}, err
	}
	expires, err := parseDate("expiresOn", d.ExpiresOn, true)
	if err != nil {
		return Document{}, err
	}
	if !issued.IsZero() && expires.Before(issued) {
		return Document{}, domain.Invalid("expiresOn", "must be on or after issuedOn")
	}
	return Document{id: domain.NewID(), machineID: d.MachineID, ownerID: d.OwnerID, typ: d.Type, name: name,
		number: number, issuedOn: issued, expiresOn: expires, createdAt: now.UTC().Truncate(time.Millisecond)}, nil
}

// StoreRecord carries every field between an adapter and FromStore.
type StoreRecord struct {
	ID, MachineID, OwnerID string
	Type                   Type
	Name, Number           string
	IssuedOn, ExpiresOn    time.Time // dates at 00:00 UTC; IssuedOn zero when not given
	CreatedAt              time.Time
	File                   *File // nil: no file
}

// FromStore rebuilds a stored document.
func FromStore(r StoreRecord) Document {
	d := Document{id: r.ID, machineID: r.MachineID, ownerID: r.OwnerID, typ: r.Type, name: r.Name, number: r.Number,
		issuedOn: r.IssuedOn.UTC(), expiresOn: r.ExpiresOn.UTC(), createdAt: r.CreatedAt.UTC()}
	if r.File != nil {
		f := *r.File
		f.UploadedAt = f.UploadedAt.UTC()
		d.file = &f
	}
	return d
}

// Record returns every field.
func (d Document) Record() StoreRecord {
	r := StoreRecord{ID: d.id, MachineID: d.machineID, OwnerID: d.ownerID, Type: d.typ, Name: d.name,
		Number: d.number, IssuedOn: d.issuedOn, ExpiresOn: d.expiresOn, CreatedAt: d.createdAt}
	if d.file != nil {
		f := *d.file
		r.File = &f
	}
	return r
}

// File returns the attached file, and ok false when there is none.
func (d Document) File() (File, bool) {
	if d.file == nil {
		return File{}, false
	}
	return *d.file, true
}

// WithFile returns the document with f attached (replacing any other).
func (d Document) WithFile(f File) Document {
	d.file = &f
	return d
}

// WithoutFile returns the document with no file.
func (d Document) WithoutFile() Document {
	d.file = nil
	return d
}

// ID returns the document's id.
func (d Document) ID() string { return d.id }

// MachineID returns the machine's id.
func (d Document) MachineID() string { return d.machineID }

// OwnerID returns the machine owner's id.
func (d Document) OwnerID() string { return d.ownerID }

// Type returns the type.
func (d Document) Type() Type { return d.typ }

// ExpiresOn returns the expiry date (00:00 UTC).
func (d Document) ExpiresOn() time.Time { return d.expiresOn }

// DaysLeft is how many calendar days (UTC) remain until the expiry date:
// 0 on the day itself, negative after it.
func (d Document) DaysLeft(now time.Time) int {
	today := now.UTC().Truncate(24 * time.Hour)
	return int(d.expiresOn.Sub(today).Hours() / 24)
}

// DefaultThresholds are the reminder thresholds in days before expiry.
var DefaultThresholds = []int{30, 7, 0}

// Reminder says which threshold a document has reached: the smallest
// threshold t with DaysLeft <= t (the most urgent one), and ok false when
// none is reached yet. Reaching several at once (a document added 5 days
// before it expires) gives only the most urgent: one reminder, not three.
// Thresholds must be distinct and >= 0.
func (d Document) Reminder(now time.Time, thresholds []int) (threshold int, ok bool) {
	left := d.DaysLeft(now)
	sorted := slices.Clone(thresholds)
	slices.Sort(sorted)
	for _, t := range sorted {
		if left <= t {
			return t, true
		}
	}
	return 0, false
}

// Expired reports whether the expiry date has come (the 0-day threshold: EXPIRED).
func (d Document) Expired(now time.Time) bool { return d.DaysLeft(now) <= 0 }

// Repository stores documents.
type Repository interface {
	Create(ctx context.Context, d Document) error
	// ByID returns the document of machineID with id; ErrNotFound otherwise.
	ByID(ctx context.Context, machineID, id string) (Document, error)
	// ByMachine lists a machine's documents, soonest expiry first.
	ByMachine(ctx context.Context, machineID string) ([]Document, error)
	// Delete removes one (and its reminder claims); ErrNotFound when it is not machineID's.
	Delete(ctx context.Context, machineID, id string) error
	// SetFile records f as the document's file, or no file when f is nil,
	// replacing what was recorded; ErrNotFound when it is not machineID's.
	SetFile(ctx context.Context, machineID, id string, f *File) error
	// DeleteByMachine removes every document of a machine with their
	// reminder claims (idempotent: none left is no error).
	DeleteByMachine(ctx context.Context, machineID string) error
	// ExpiringBy returns up to limit documents expiring on or before the
	// date, with ids after afterID, in id order (the reminder job's pages).
	ExpiringBy(ctx context.Context, date time.Time, afterID string, limit int) ([]Document, error)
	// ClaimReminder records that the reminder of threshold days for the
	// document is being sent; false when it was claimed before (by another
	// run or instance): a reminder goes out once per document and threshold.
	ClaimReminder(ctx context.Context, documentID string, threshold int) (bool, error)
}
