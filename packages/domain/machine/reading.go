package machine

import (
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// Reading is one hour-meter value, with who recorded it and when.
type Reading struct {
	id             string
	machineID      string
	authorID       string
	operatingHours float64
	recordedAt     time.Time
}

// NewReading validates a reading. Whether it goes backwards is checked by the
// store atomically against the machine's current hours.
func NewReading(machineID, authorID string, hours float64, at time.Time) (Reading, error) {
	if !domain.ValidID(machineID) {
		return Reading{}, domain.Invalid("machineId", "must be a machine id")
	}
	if !domain.ValidID(authorID) {
		return Reading{}, domain.Invalid("authorId", "must be a user id")
	}
	if err := ValidateHours("operatingHours", hours); err != nil {
		return Reading{}, err
	}
	return Reading{id: domain.NewID(), machineID: machineID, authorID: authorID, operatingHours: hours,
		recordedAt: at.UTC().Truncate(time.Millisecond)}, nil
}

// ReadingFromStore rebuilds a Reading read from a store.
func ReadingFromStore(id, machineID, authorID string, hours float64, at time.Time) Reading {
	return Reading{id: id, machineID: machineID, authorID: authorID, operatingHours: hours, recordedAt: at.UTC()}
}

// ID returns the reading's id.
func (r Reading) ID() string { return r.id }

// MachineID returns the machine's id.
func (r Reading) MachineID() string { return r.machineID }

// AuthorID returns who recorded it.
func (r Reading) AuthorID() string { return r.authorID }

// OperatingHours returns the hour-meter value.
func (r Reading) OperatingHours() float64 { return r.operatingHours }

// RecordedAt returns when it was recorded.
func (r Reading) RecordedAt() time.Time { return r.recordedAt }

// DailyUse estimates the machine's average operating hours per day from
// readings (any order): the hours between the oldest and the newest divided by
// the days between them. ok is false with fewer than two readings, a span
// under one hour, or no use.
func DailyUse(readings []Reading) (perDay float64, ok bool) {
	if len(readings) < 2 {
		return 0, false
	}
	first, last := readings[0], readings[0]
	for _, r := range readings[1:] {
		if r.recordedAt.Before(first.recordedAt) {
			first = r
		}
		if r.recordedAt.After(last.recordedAt) {
			last = r
		}
	}
	span := last.recordedAt.Sub(first.recordedAt)
	used := last.operatingHours - first.operatingHours
	if span < time.Hour || used <= 0 {
		return 0, false
	}
	return used / (span.Hours() / 24), true
}
