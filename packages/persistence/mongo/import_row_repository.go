package mongostore

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// ImportRowRepository writes the rows of an import in MongoDB, in the
// machines, readings and plans collections of MachineRepository and
// MaintenanceRepository.
//
// A standalone server has no multi-document transactions, so a row is written
// in an order that never shows a part of it and that is safe to write again:
//
//   - A new machine: its plans and its first reading first, the machine last.
//     Every read reaches plans and readings through their machine (a user's
//     machines, then their plans and readings: the alarm check, the export
//     and the dashboard skip a plan whose machine they do not find), so
//     nothing of the row is visible until the machine's insert shows all of
//     it at once. A machine that is refused (its owner has the serial number)
//     has its plans and reading deleted; should that fail too, they stay
//     where no read reaches them (their machine id is never stored).
//   - An existing machine (onDuplicate=update): its details in one update,
//     then its hours (a conditional update, as RecordReading) and the
//     reading, then the plans it lacked. These change a machine that is
//     visible already; each is whole, and a read in between sees the
//     machine's new details before its new plans.
//
// Every document keeps the id the row gave it, and an insert that finds its
// id stored already is taken as done: a row written again after a failure
// stores nothing twice. The new machines of consecutive rows are written
// together: one unordered insertMany for their plans, one for their
// readings, one for the machines (a run ends before a serial number that is
// in it already, so that of two rows with one serial the first is stored).
type ImportRowRepository struct {
	machines *mongo.Collection
	readings *mongo.Collection
	plans    *mongo.Collection
}

var _ importjob.RowRepository = (*ImportRowRepository)(nil)

// NewImportRowRepository makes sure of the machines' indexes (the unique
// serial number per owner refuses a duplicate) and returns the repository.
func NewImportRowRepository(ctx context.Context, s *Store) (*ImportRowRepository, error) {
	m, err := NewMachineRepository(ctx, s)
	if err != nil {
		return nil, err
	}
	return &ImportRowRepository{machines: m.machines, readings: m.readings, plans: s.db.Collection(plansCollection)}, nil
}

// WriteRows implements importjob.RowRepository.
func (r *ImportRowRepository) WriteRows(ctx context.Context, rows []importjob.Row) ([]importjob.Written, error) {
	out := make([]importjob.Written, len(rows))
	for start := 0; start < len(rows); {
		if rows[start].Existing {
			m, rowErr, err := r.updateExisting(ctx, rows[start])
			if err != nil {
				return out, fmt.Errorf("mongo: import rows: %w", err)
			}
			out[start] = importjob.Written{Machine: m, Err: rowErr}
			start++
			continue
		}
		// A run of new machines, up to one whose serial number is in the run
		// already (that one is written after the run, and refused).
		end := start + 1
		serials := map[[2]string]bool{serialOf(rows[start].Machine): true}
		for end < len(rows) && !rows[end].Existing && !serials[serialOf(rows[end].Machine)] {
			serials[serialOf(rows[end].Machine)] = true
			end++
		}
		if err := r.insertNew(ctx, rows[start:end], out[start:end]); err != nil {
			return out, fmt.Errorf("mongo: import rows: %w", err)
		}
		start = end
	}
	return out, nil
}

// insertNew writes rows of new machines: plans, readings, then machines.
func (r *ImportRowRepository) insertNew(ctx context.Context, rows []importjob.Row, out []importjob.Written) error {
	var plans, readings []any
	machines := make([]any, len(rows))
	for i, row := range rows {
		for _, p := range row.Plans {
			plans = append(plans, toPlanDoc(p))
		}
		d := toMachineDoc(row.Machine)
		if rd := row.Reading; rd != nil {
			readings = append(readings, toReadingDoc(*rd))
			d.OperatingHours = max(d.OperatingHours, rd.OperatingHours())
			if rd.RecordedAt().After(d.UpdatedAt) {
				d.UpdatedAt = rd.RecordedAt()
			}
		}
		machines[i] = d
		out[i] = importjob.Written{Machine: d.toDomain()}
	}
	if err := insertKeepingStored(ctx, r.plans, plans); err != nil {
		return fmt.Errorf("plans: %w", err)
	}
	if err := insertKeepingStored(ctx, r.readings, readings); err != nil {
		return fmt.Errorf("readings: %w", err)
	}
	dups, err := insertMany(ctx, r.machines, machines)
	if err != nil {
		return fmt.Errorf("machines: %w", err)
	}
	if len(dups) == 0 {
		return nil
	}
	// A duplicate key is either this machine's id (stored by an earlier
	// write of the row: done) or the owner's serial number (refused).
	ids := make([]string, len(dups))
	for k, i := range dups {
		ids[k] = rows[i].Machine.ID()
	}
	stored, err := findAll[machineDoc](ctx, r.machines, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}})
	if err != nil {
		return fmt.Errorf("machines: %w", err)
	}
	byID := make(map[string]machineDoc, len(stored))
	for _, d := range stored {
		byID[d.ID] = d
	}
	var planIDs, readingIDs []string
	for _, i := range dups {
		if d, ok := byID[rows[i].Machine.ID()]; ok {
			out[i] = importjob.Written{Machine: d.toDomain()}
			continue
		}
		out[i] = importjob.Written{Err: machine.ErrSerialTaken}
		for _, p := range rows[i].Plans {
			planIDs = append(planIDs, p.ID())
		}
		if rd := rows[i].Reading; rd != nil {
			readingIDs = append(readingIDs, rd.ID())
		}
	}
	if err := deleteIDs(ctx, r.plans, planIDs); err != nil {
		return fmt.Errorf("plans of refused rows: %w", err)
	}
	if err := deleteIDs(ctx, r.readings, readingIDs); err != nil {
		return fmt.Errorf("readings of refused rows: %w", err)
	}
	return nil
}

// updateExisting writes the row of an existing machine: details, hours and
// reading, plans.
func (r *ImportRowRepository) updateExisting(ctx context.Context, row importjob.Row) (machine.Machine, error, error) {
	rec := row.Machine.Record()
	var d machineDoc
	var err error
	if row.Details {
		err = r.machines.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: rec.ID}}, bson.D{{Key: "$set", Value: bson.D{
			{Key: "serialNumber", Value: rec.Details.SerialNumber}, {Key: "name", Value: rec.Details.Name},
			{Key: "brand", Value: rec.Details.Brand}, {Key: "model", Value: rec.Details.Model},
			{Key: "type", Value: rec.Details.Type}, {Key: "updatedAt", Value: rec.UpdatedAt}}}},
			options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	} else {
		err = r.machines.FindOne(ctx, bson.D{{Key: "_id", Value: rec.ID}}).Decode(&d)
	}
	switch {
	case IsNotFound(err):
		return machine.Machine{}, machine.ErrNotFound, nil
	case IsDuplicateKey(err):
		return machine.Machine{}, machine.ErrSerialTaken, nil
	case err != nil:
		return machine.Machine{}, nil, err
	}
	if rd := row.Reading; rd != nil {
		var after machineDoc
		err := r.machines.FindOneAndUpdate(ctx,
			bson.D{{Key: "_id", Value: rec.ID}, {Key: "operatingHours", Value: bson.D{{Key: "$lte", Value: rd.OperatingHours()}}}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "operatingHours", Value: rd.OperatingHours()}}},
				{Key: "$max", Value: bson.D{{Key: "updatedAt", Value: rd.RecordedAt()}}}},
			options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&after)
		switch {
		case IsNotFound(err): // a higher reading came first: this one is not stored
		case err != nil:
			return machine.Machine{}, nil, err
		default:
			d = after
			if err := insertKeepingStored(ctx, r.readings, []any{toReadingDoc(*rd)}); err != nil {
				return machine.Machine{}, nil, err
			}
		}
	}
	plans := make([]any, len(row.Plans))
	for i, p := range row.Plans {
		plans[i] = toPlanDoc(p)
	}
	if err := insertKeepingStored(ctx, r.plans, plans); err != nil {
		return machine.Machine{}, nil, err
	}
	return d.toDomain(), nil, nil
}

func serialOf(m machine.Machine) [2]string { return [2]string{m.OwnerID(), m.SerialNumber()} }

func toReadingDoc(rd machine.Reading) readingDoc {
	return readingDoc{ID: rd.ID(), MachineID: rd.MachineID(), AuthorID: rd.AuthorID(), OperatingHours: rd.OperatingHours(),
		RecordedAt: rd.RecordedAt()}
}

// insertMany inserts docs unordered and returns the indexes of those refused
// for a duplicate key; any other failure is an error.
func insertMany(ctx context.Context, coll *mongo.Collection, docs []any) ([]int, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	_, err := coll.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil || len(bwe.WriteErrors) == 0 {
		return nil, err
	}
	dups := make([]int, 0, len(bwe.WriteErrors))
	for _, we := range bwe.WriteErrors {
		if !IsDuplicateKey(we.WriteError) || we.Index < 0 || we.Index >= len(docs) {
			return nil, err
		}
		dups = append(dups, we.Index)
	}
	return dups, nil
}

// insertKeepingStored inserts docs whose collection has no unique key but
// _id: a duplicate key is a document stored already by an earlier write.
func insertKeepingStored(ctx context.Context, coll *mongo.Collection, docs []any) error {
	_, err := insertMany(ctx, coll, docs)
	return err
}

func deleteIDs(ctx context.Context, coll *mongo.Collection, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := coll.DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}})
	return err
}
