package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

const (
	machinesCollection = "machines"
	readingsCollection = "machine_readings"
)

// MachineRepository stores machines (operators embedded) and readings in MongoDB.
type MachineRepository struct {
	machines *mongo.Collection
	readings *mongo.Collection
}

var _ machine.Repository = (*MachineRepository)(nil)

type machineDoc struct {
	ID             string    `bson:"_id"`
	OwnerID        string    `bson:"ownerId"`
	SerialNumber   string    `bson:"serialNumber"`
	Name           string    `bson:"name"`
	Brand          string    `bson:"brand"`
	Model          string    `bson:"model"`
	Type           string    `bson:"type"`
	OperatingHours float64   `bson:"operatingHours"`
	OperatorIDs    []string  `bson:"operatorIds"`
	CreatedAt      time.Time `bson:"createdAt"`
	UpdatedAt      time.Time `bson:"updatedAt"`
}

type readingDoc struct {
	ID             string    `bson:"_id"`
	MachineID      string    `bson:"machineId"`
	AuthorID       string    `bson:"authorId"`
	OperatingHours float64   `bson:"operatingHours"`
	RecordedAt     time.Time `bson:"recordedAt"`
}

// NewMachineRepository creates the indexes (unique serial per owner, operator
// lookup, readings by machine) and returns the repository.
func NewMachineRepository(ctx context.Context, s *Store) (*MachineRepository, error) {
	if err := s.EnsureIndexes(ctx, machinesCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "ownerId", Value: 1}, {Key: "serialNumber", Value: 1}},
			Options: options.Index().SetUnique(true).SetName("owner_serial_unique")},
		mongo.IndexModel{Keys: bson.D{{Key: "operatorIds", Value: 1}}, Options: options.Index().SetName("operators")},
	); err != nil {
		return nil, err
	}
	if err := s.EnsureIndexes(ctx, readingsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "machineId", Value: 1}, {Key: "recordedAt", Value: -1}, {Key: "_id", Value: -1}},
			Options: options.Index().SetName("machine_recent")},
	); err != nil {
		return nil, err
	}
	return &MachineRepository{machines: s.db.Collection(machinesCollection), readings: s.db.Collection(readingsCollection)}, nil
}

func toMachineDoc(m machine.Machine) machineDoc {
	r := m.Record()
	if r.OperatorIDs == nil {
		r.OperatorIDs = []string{} // an array, never null: $addToSet needs one
	}
	return machineDoc{ID: r.ID, OwnerID: r.OwnerID, SerialNumber: r.Details.SerialNumber, Name: r.Details.Name,
		Brand: r.Details.Brand, Model: r.Details.Model, Type: r.Details.Type, OperatingHours: r.OperatingHours,
		OperatorIDs: r.OperatorIDs, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func (d machineDoc) toDomain() machine.Machine {
	return machine.FromStore(machine.StoreRecord{ID: d.ID, OwnerID: d.OwnerID, Details: machine.Details{
		SerialNumber: d.SerialNumber, Name: d.Name, Brand: d.Brand, Model: d.Model, Type: d.Type},
		OperatingHours: d.OperatingHours, OperatorIDs: d.OperatorIDs, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt})
}

// Create implements machine.Repository.
func (r *MachineRepository) Create(ctx context.Context, m machine.Machine) error {
	_, err := r.machines.InsertOne(ctx, toMachineDoc(m))
	if IsDuplicateKey(err) {
		return machine.ErrSerialTaken
	}
	if err != nil {
		return fmt.Errorf("mongo: create machine: %w", err)
	}
	return nil
}

// ByID implements machine.Repository.
func (r *MachineRepository) ByID(ctx context.Context, id string) (machine.Machine, error) {
	return findOne(ctx, r.machines, "find machine", machine.ErrNotFound, machineDoc.toDomain, bson.D{{Key: "_id", Value: id}})
}

// ByIDs implements machine.Repository.
func (r *MachineRepository) ByIDs(ctx context.Context, ids []string) ([]machine.Machine, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return r.find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}})
}

// UpdateDetails implements machine.Repository.
func (r *MachineRepository) UpdateDetails(ctx context.Context, m machine.Machine) error {
	rec := m.Record()
	res, err := r.machines.UpdateOne(ctx, bson.D{{Key: "_id", Value: rec.ID}}, bson.D{{Key: "$set", Value: bson.D{
		{Key: "serialNumber", Value: rec.Details.SerialNumber}, {Key: "name", Value: rec.Details.Name},
		{Key: "brand", Value: rec.Details.Brand}, {Key: "model", Value: rec.Details.Model},
		{Key: "type", Value: rec.Details.Type}, {Key: "updatedAt", Value: rec.UpdatedAt}}}})
	if IsDuplicateKey(err) {
		return machine.ErrSerialTaken
	}
	if err != nil {
		return fmt.Errorf("mongo: update machine: %w", err)
	}
	if res.MatchedCount == 0 {
		return machine.ErrNotFound
	}
	return nil
}

// Delete implements machine.Repository; the readings go with it.
func (r *MachineRepository) Delete(ctx context.Context, id string) error {
	res, err := r.machines.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	if err != nil {
		return fmt.Errorf("mongo: delete machine: %w", err)
	}
	if _, err := r.readings.DeleteMany(ctx, bson.D{{Key: "machineId", Value: id}}); err != nil {
		return fmt.Errorf("mongo: delete readings: %w", err)
	}
	if res.DeletedCount == 0 {
		return machine.ErrNotFound
	}
	return nil
}

// ForUser implements machine.Repository.
func (r *MachineRepository) ForUser(ctx context.Context, userID string) ([]machine.Machine, error) {
	return r.find(ctx, bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "ownerId", Value: userID}}, bson.D{{Key: "operatorIds", Value: userID}}}}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
}

// AddOperator implements machine.Repository.
func (r *MachineRepository) AddOperator(ctx context.Context, machineID, userID string) error {
	return r.updateOperators(ctx, machineID, bson.D{{Key: "$addToSet", Value: bson.D{{Key: "operatorIds", Value: userID}}}})
}

// RemoveOperator implements machine.Repository.
func (r *MachineRepository) RemoveOperator(ctx context.Context, machineID, userID string) error {
	return r.updateOperators(ctx, machineID, bson.D{{Key: "$pull", Value: bson.D{{Key: "operatorIds", Value: userID}}}})
}

func (r *MachineRepository) updateOperators(ctx context.Context, machineID string, update bson.D) error {
	res, err := r.machines.UpdateOne(ctx, bson.D{{Key: "_id", Value: machineID}}, update)
	if err != nil {
		return fmt.Errorf("mongo: operators: %w", err)
	}
	if res.MatchedCount == 0 {
		return machine.ErrNotFound
	}
	return nil
}

// RecordReading implements machine.Repository: one conditional update raises
// the hours only when they do not go back, then the reading is inserted.
func (r *MachineRepository) RecordReading(ctx context.Context, rd machine.Reading) (machine.Machine, error) {
	var d machineDoc
	err := r.machines.FindOneAndUpdate(ctx,
		bson.D{{Key: "_id", Value: rd.MachineID()}, {Key: "operatingHours", Value: bson.D{{Key: "$lte", Value: rd.OperatingHours()}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "operatingHours", Value: rd.OperatingHours()}, {Key: "updatedAt", Value: rd.RecordedAt()}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	if IsNotFound(err) {
		n, cerr := r.machines.CountDocuments(ctx, bson.D{{Key: "_id", Value: rd.MachineID()}})
		if cerr != nil {
			return machine.Machine{}, fmt.Errorf("mongo: record reading: %w", cerr)
		}
		if n == 0 {
			return machine.Machine{}, machine.ErrNotFound
		}
		return machine.Machine{}, machine.ErrHoursBackwards
	}
	if err != nil {
		return machine.Machine{}, fmt.Errorf("mongo: record reading: %w", err)
	}
	if _, err := r.readings.InsertOne(ctx, readingDoc{ID: rd.ID(), MachineID: rd.MachineID(), AuthorID: rd.AuthorID(),
		OperatingHours: rd.OperatingHours(), RecordedAt: rd.RecordedAt()}); err != nil {
		return machine.Machine{}, fmt.Errorf("mongo: record reading: %w", err)
	}
	return d.toDomain(), nil
}

// Readings implements machine.Repository.
func (r *MachineRepository) Readings(ctx context.Context, machineID string, limit int) ([]machine.Reading, error) {
	return findMapped(ctx, r.readings, "readings", func(d readingDoc) machine.Reading {
		return machine.ReadingFromStore(d.ID, d.MachineID, d.AuthorID, d.OperatingHours, d.RecordedAt)
	}, bson.D{{Key: "machineId", Value: machineID}},
		options.Find().SetSort(bson.D{{Key: "recordedAt", Value: -1}, {Key: "_id", Value: -1}}).SetLimit(int64(limit)))
}

func (r *MachineRepository) find(ctx context.Context, filter bson.D, opts ...options.Lister[options.FindOptions]) ([]machine.Machine, error) {
	return findMapped(ctx, r.machines, "find machines", machineDoc.toDomain, filter, opts...)
}
