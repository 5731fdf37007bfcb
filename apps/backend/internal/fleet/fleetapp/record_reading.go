package fleetapp

import (
	"context"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// RecordReading is an hour-meter reading by the owner or an operator.
type RecordReading struct {
	UserID    string
	MachineID string
	Hours     float64
}

// RecordReadingHandler runs RecordReading.
type RecordReadingHandler struct{ d *Deps }

// NewRecordReadingHandler builds the handler.
func NewRecordReadingHandler(d *Deps) *RecordReadingHandler { return &RecordReadingHandler{d: d} }

// Handle stores it and then checks the machine's plans at once, so that crossing
// a margin alerts now.
func (h *RecordReadingHandler) Handle(ctx context.Context, cmd RecordReading) (machine.Reading, error) {
	return h.d.recordReading(ctx, cmd.UserID, cmd.MachineID, cmd.Hours)
}

// recordReading is RecordReading (a quick check's and a completion's hours
// are recorded with it too).
func (s *Deps) recordReading(ctx context.Context, userID, machineID string, hours float64) (machine.Reading, error) {
	m, err := s.authorize(ctx, userID, machineID, machine.ActionRecordReading)
	if err != nil {
		return machine.Reading{}, err
	}
	r, err := machine.NewReading(m.ID(), userID, hours, s.clock.Now())
	if err != nil {
		return machine.Reading{}, err
	}
	if _, err := s.machines.RecordReading(ctx, r); err != nil {
		if errors.Is(err, domain.ErrInvalid) {
			return machine.Reading{}, err
		}
		return machine.Reading{}, fmt.Errorf("record reading: %w", err)
	}
	s.checkNow(ctx, m.ID())
	s.changes.machine(ctx, m, ChangeReadingRecorded)
	return r, nil
}
