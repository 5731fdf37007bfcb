package machine

import "context"

// Repository stores machines, their operators and their readings.
type Repository interface {
	// Create stores a new machine; ErrSerialTaken when its owner has one with the same serial number.
	Create(ctx context.Context, m Machine) error
	// ByID returns ErrNotFound when there is no such machine.
	ByID(ctx context.Context, id string) (Machine, error)
	// ByIDs returns the machines that exist among ids, in any order.
	ByIDs(ctx context.Context, ids []string) ([]Machine, error)
	// UpdateDetails stores m's descriptive fields and updatedAt; ErrSerialTaken, ErrNotFound.
	UpdateDetails(ctx context.Context, m Machine) error
	// Delete removes the machine, its operators and its readings; ErrNotFound.
	Delete(ctx context.Context, id string) error
	// ForUser returns the machines userID owns or operates, ordered by id.
	ForUser(ctx context.Context, userID string) ([]Machine, error)
	// AddOperator assigns userID (idempotent); ErrNotFound when the machine is gone.
	AddOperator(ctx context.Context, machineID, userID string) error
	// RemoveOperator unassigns userID (idempotent); ErrNotFound when the machine is gone.
	RemoveOperator(ctx context.Context, machineID, userID string) error
	// RecordReading stores r and raises the machine's hours to r's, atomically
	// refusing with ErrHoursBackwards a value below the current hours. It
	// returns the machine as it is after the reading.
	RecordReading(ctx context.Context, r Reading) (Machine, error)
	// Readings returns up to limit readings of the machine, newest first.
	Readings(ctx context.Context, machineID string, limit int) ([]Reading, error)
}
