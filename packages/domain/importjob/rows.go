package importjob

import (
	"context"

	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// Row is what one imported row writes, whole or not at all.
//
// A new machine (Existing false): Machine as machine.New made it, Reading
// its first reading and Plans its plans.
//
// An existing machine (Existing true, onDuplicate=update, or a row of this
// job that an interrupted batch wrote): Machine with its new details
// (machine.WithDetails), stored only when Details is true; Reading a higher
// hour-meter value or nil; Plans the plans it lacked.
type Row struct {
	Machine  machine.Machine
	Existing bool
	// Details says an existing machine's details and updatedAt are stored.
	Details bool
	// Reading raises the machine's hours to its own; one below the stored
	// hours of an existing machine (another reading came first) is not
	// stored, and the rest of the row is.
	Reading *machine.Reading
	Plans   []maintenance.Plan
}

// Written is the outcome of one Row.
type Written struct {
	// Machine is the machine as stored after the row (zero when Err is set).
	Machine machine.Machine
	// Err says why nothing of the row was stored: machine.ErrSerialTaken
	// (the owner has another machine with that serial number) or
	// machine.ErrNotFound (an existing machine is gone). nil: the whole row
	// is stored.
	Err error
}

// RowRepository stores the rows of an import.
type RowRepository interface {
	// WriteRows stores rows in order, each whole or not at all: a row that
	// fails (Written.Err) leaves nothing and the others are stored. It
	// returns one Written per row. A non-nil error is the store failing:
	// then some rows may be stored, each whole, and the others not at all.
	// Writing the same rows again is safe: what a row stored already (a
	// machine, plan or reading with its id) is kept, not stored twice.
	WriteRows(ctx context.Context, rows []Row) ([]Written, error)
}
