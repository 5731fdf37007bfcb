// Package quickcheck holds the pre-use quick check (a checklist an operator
// fills in before using a machine) and its repository port.
package quickcheck

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

// Limits of a quick check.
const (
	MaxItems = 100
)

// Status is an item's answer.
type Status string

// The answers an item may have; an item without one is unanswered.
const (
	StatusPassed        Status = "PASSED"
	StatusFailed        Status = "FAILED"
	StatusNotApplicable Status = "NA"
)

// Valid reports whether s is an answer.
func (s Status) Valid() bool {
	return s == StatusPassed || s == StatusFailed || s == StatusNotApplicable
}

// Item is one checklist line. Key names a template item (its label is the
// reader's language's, so Label is kept only for custom items) or a custom one.
// Passed is derived from Status (an N/A item has not failed). Severity is how
// serious a failed item is, as the operator judged it ("" for the item's
// default, DefaultSeverity; kept only on a failed item).
type Item struct {
	Key      string
	Label    string
	Passed   bool
	Notes    string
	Status   Status
	Severity string
}

// Severities are the values an item's Severity may take: the issue
// severities, mildest first (the issue package's test keeps them equal).
var Severities = []string{"LOW", "MEDIUM", "HIGH", "CRITICAL"}

// templateSeverities are the template items whose failure is HIGH when the
// operator does not say: a machine with failing brakes or safety devices
// must not be used. Every other item, and every custom one, is MEDIUM.
var templateSeverities = map[string]string{"brakes": "HIGH", "safety": "HIGH"}

// DefaultSeverity is the severity of a failed item whose operator chose none.
func DefaultSeverity(templateVersion int, key string) string {
	if _, ok := templates[templateVersion]; ok {
		if s, ok := templateSeverities[key]; ok {
			return s
		}
	}
	return "MEDIUM"
}

// ItemSeverity is the severity of a failed item: the operator's choice, else
// DefaultSeverity.
func (q QuickCheck) ItemSeverity(it Item) string {
	if it.Severity != "" {
		return it.Severity
	}
	return DefaultSeverity(q.version, it.Key)
}

// TemplateVersion is the version of the standard pre-use checklist.
const TemplateVersion = 1

// templates holds each version's required item keys, in order.
var templates = map[int][]string{
	1: {"engineOil", "hydraulics", "tyres", "lights", "brakes", "safety", "leaks"},
}

// TemplateKeys returns the required item keys of a template version; ok is
// false for an unknown version.
func TemplateKeys(version int) (keys []string, ok bool) {
	keys, ok = templates[version]
	return slices.Clone(keys), ok
}

// Checklist is what an operator fills in: the answered items of a template
// version (0: a custom checklist with no required items), the hour-meter
// reading (optional) and general notes.
type Checklist struct {
	TemplateVersion int
	Items           []Item
	OperatingHours  *float64
	Notes           string
}

// QuickCheck is a completed checklist of a machine.
type QuickCheck struct {
	id             string
	machineID      string
	authorID       string
	items          []Item
	operatingHours *float64
	notes          string
	version        int
	createdAt      time.Time
}

// New validates a quick check: every item answered (Passed, Failed or N/A),
// every failed item with a note, every item of the template present, a label
// for each custom item. The errors name the item.
func New(machineID, authorID string, c Checklist, now time.Time) (QuickCheck, error) {
	items, hours, notes := c.Items, c.OperatingHours, c.Notes
	required, ok := TemplateKeys(c.TemplateVersion)
	if c.TemplateVersion != 0 && !ok {
		return QuickCheck{}, domain.Invalid("templateVersion", "is not a checklist version")
	}
	inTemplate := make(map[string]bool, len(required))
	for _, k := range required {
		inTemplate[k] = true
	}
	if !domain.ValidID(machineID) {
		return QuickCheck{}, domain.Invalid("machineId", "must be a machine id")
	}
	if !domain.ValidID(authorID) {
		return QuickCheck{}, domain.Invalid("authorId", "must be a user id")
	}
	if len(items) == 0 || len(items) > MaxItems {
		return QuickCheck{}, domain.Invalid("items", fmt.Sprintf("must have 1 to %d items", MaxItems))
	}
	clean := make([]Item, len(items))
	seen := make(map[string]bool, len(items))
	for i, it := range items {
		field := fmt.Sprintf("items[%d]", i)
		it.Key = strings.TrimSpace(it.Key)
		if n := utf8.RuneCountInString(it.Key); n < 1 || n > 50 {
			return QuickCheck{}, domain.Invalid(field+".key", "must be 1 to 50 characters")
		}
		if seen[it.Key] {
			return QuickCheck{}, domain.Invalid(field+".key", "must be unique within the check")
		}
		seen[it.Key] = true
		it.Label = strings.TrimSpace(it.Label)
		if inTemplate[it.Key] {
			it.Label = "" // shown in the reader's language from its key
		} else if n := utf8.RuneCountInString(it.Label); n < 1 || n > 200 {
			return QuickCheck{}, domain.Invalid(field+".label", fmt.Sprintf("%q: a custom item needs a label of 1 to 200 characters", it.Key))
		}
		if !it.Status.Valid() {
			return QuickCheck{}, domain.Invalid(field+".status", fmt.Sprintf("%q is not answered: must be PASSED, FAILED or NA", it.Key))
		}
		it.Passed = it.Status != StatusFailed
		it.Notes = strings.TrimSpace(it.Notes)
		if utf8.RuneCountInString(it.Notes) > 1000 {
			return QuickCheck{}, domain.Invalid(field+".notes", "must be at most 1000 characters")
		}
		if it.Status == StatusFailed && it.Notes == "" {
			return QuickCheck{}, domain.Invalid(field+".notes", fmt.Sprintf("%q failed: say what is wrong", it.Key))
		}
		it.Severity = strings.ToUpper(strings.TrimSpace(it.Severity))
		if it.Severity != "" && !slices.Contains(Severities, it.Severity) {
			return QuickCheck{}, domain.Invalid(field+".severity", "must be LOW, MEDIUM, HIGH or CRITICAL")
		}
		if it.Status != StatusFailed {
			it.Severity = "" // only a failure has a severity
		}
		clean[i] = it
	}
	for _, k := range required {
		if !seen[k] {
			return QuickCheck{}, domain.Invalid("items", fmt.Sprintf("%q is not answered: must be PASSED, FAILED or NA", k))
		}
	}
	notes = strings.TrimSpace(notes)
	if utf8.RuneCountInString(notes) > 2000 {
		return QuickCheck{}, domain.Invalid("notes", "must be at most 2000 characters")
	}
	if hours != nil {
		h := *hours
		if h != h || h < 0 || h > 1_000_000 {
			return QuickCheck{}, domain.Invalid("operatingHours", "must be between 0 and 1000000")
		}
		hours = &h
	}
	return QuickCheck{id: domain.NewID(), machineID: machineID, authorID: authorID, items: clean,
		operatingHours: hours, notes: notes, version: c.TemplateVersion, createdAt: now.UTC().Truncate(time.Millisecond)}, nil
}

// StoreRecord carries every field between an adapter and FromStore.
type StoreRecord struct {
	ID             string
	MachineID      string
	AuthorID       string
	Items          []Item
	OperatingHours *float64
	Notes          string
	// TemplateVersion is the checklist version (0: custom, or stored before versions).
	TemplateVersion int
	CreatedAt       time.Time
}

// FromStore rebuilds a QuickCheck read from a store. Items stored before
// answers had a status get theirs from Passed.
func FromStore(r StoreRecord) QuickCheck {
	items := slices.Clone(r.Items)
	for i, it := range items {
		if it.Status == "" {
			items[i].Status = StatusPassed
			if !it.Passed {
				items[i].Status = StatusFailed
			}
		}
	}
	return QuickCheck{id: r.ID, machineID: r.MachineID, authorID: r.AuthorID, items: items,
		operatingHours: r.OperatingHours, notes: r.Notes, version: r.TemplateVersion, createdAt: r.CreatedAt.UTC()}
}

// Record returns every field, for adapters and DTOs.
func (q QuickCheck) Record() StoreRecord {
	return StoreRecord{ID: q.id, MachineID: q.machineID, AuthorID: q.authorID, Items: slices.Clone(q.items),
		OperatingHours: q.operatingHours, Notes: q.notes, TemplateVersion: q.version, CreatedAt: q.createdAt}
}

// TemplateVersion returns the checklist version the check was filled in on.
func (q QuickCheck) TemplateVersion() int { return q.version }

// ID returns the check's id.
func (q QuickCheck) ID() string { return q.id }

// MachineID returns the machine's id.
func (q QuickCheck) MachineID() string { return q.machineID }

// AuthorID returns who did the check.
func (q QuickCheck) AuthorID() string { return q.authorID }

// Items returns the checklist.
func (q QuickCheck) Items() []Item { return slices.Clone(q.items) }

// OperatingHours returns the hours given with the check, if any.
func (q QuickCheck) OperatingHours() *float64 { return q.operatingHours }

// CreatedAt returns when it was recorded.
func (q QuickCheck) CreatedAt() time.Time { return q.createdAt }

// Passed reports whether every item passed.
func (q QuickCheck) Passed() bool { return len(q.FailedItems()) == 0 }

// FailedItems returns the items that did not pass, in checklist order.
func (q QuickCheck) FailedItems() []Item {
	var out []Item
	for _, it := range q.items {
		if !it.Passed {
			out = append(out, it)
		}
	}
	return out
}

// ErrNotFound is returned for an unknown quick check.
var ErrNotFound = domain.NewError(domain.ErrNotFound, "quick check not found")

// Repository stores quick checks.
type Repository interface {
	Create(ctx context.Context, q QuickCheck) error
	// ByMachine returns up to limit checks of a machine, newest first.
	ByMachine(ctx context.Context, machineID string, limit int) ([]QuickCheck, error)
	// LatestByMachines returns the newest check of each of the machines that
	// has one, in no particular order (one read however many machines).
	LatestByMachines(ctx context.Context, machineIDs []string) ([]QuickCheck, error)
	// DeleteByMachine removes every check of a machine.
	DeleteByMachine(ctx context.Context, machineID string) error
}

// Notes returns the free-text remarks of the whole check.
func (q QuickCheck) Notes() string { return q.notes }
