package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

const (
	plansCollection       = "maintenance_plans"
	completionsCollection = "maintenance_completions"
)

// MaintenanceRepository stores maintenance plans and completions in MongoDB.
// It needs no transactions: a completion is a conditional update on the plan's
// cycle, and an alert claim is one conditional updateOne.
type MaintenanceRepository struct {
	plans       *mongo.Collection
	completions *mongo.Collection
}

var _ maintenance.Repository = (*MaintenanceRepository)(nil)

type planDoc struct {
	ID                 string     `bson:"_id"`
	MachineID          string     `bson:"machineId"`
	OwnerID            string     `bson:"ownerId"`
	Name               string     `bson:"name"`
	Type               string     `bson:"type"`
	IntervalHours      *float64   `bson:"intervalHours"`
	IntervalDays       *int       `bson:"intervalDays"`
	DueSoonHours       *float64   `bson:"dueSoonHours"`
	DueSoonDays        *int       `bson:"dueSoonDays"`
	StartHours         float64    `bson:"startHours"`
	StartedAt          time.Time  `bson:"startedAt"`
	LastCompletedAt    *time.Time `bson:"lastCompletedAt"`
	LastCompletedHours *float64   `bson:"lastCompletedHours"`
	Cycle              int        `bson:"cycle"`
	AlertCycle         int        `bson:"alertCycle"`
	AlertState         int        `bson:"alertState"`
	CreatedAt          time.Time  `bson:"createdAt"`
}

type completionDoc struct {
	ID             string    `bson:"_id"`
	PlanID         string    `bson:"planId"`
	MachineID      string    `bson:"machineId"`
	PerformedBy    string    `bson:"performedBy"`
	OperatingHours float64   `bson:"operatingHours"`
	PerformedAt    time.Time `bson:"performedAt"`
	Notes          string    `bson:"notes"`
	Cycle          int       `bson:"cycle"`
}

// NewMaintenanceRepository creates the indexes and returns the repository.
func NewMaintenanceRepository(ctx context.Context, s *Store) (*MaintenanceRepository, error) {
	if err := s.EnsureIndexes(ctx, plansCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "machineId", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("machine")},
		mongo.IndexModel{Keys: bson.D{{Key: "ownerId", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("owner")},
	); err != nil {
		return nil, err
	}
	if err := s.EnsureIndexes(ctx, completionsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "planId", Value: 1}, {Key: "cycle", Value: 1}},
			Options: options.Index().SetUnique(true).SetName("plan_cycle_unique")},
		mongo.IndexModel{Keys: bson.D{{Key: "machineId", Value: 1}}, Options: options.Index().SetName("machine")},
	); err != nil {
		return nil, err
	}
	return &MaintenanceRepository{plans: s.db.Collection(plansCollection), completions: s.db.Collection(completionsCollection)}, nil
}

func toPlanDoc(p maintenance.Plan) planDoc {
	r := p.Record()
	return planDoc{ID: r.ID, MachineID: r.MachineID, OwnerID: r.OwnerID, Name: r.Name, Type: r.Type,
		IntervalHours: r.IntervalHours, IntervalDays: r.IntervalDays, DueSoonHours: r.DueSoonHours, DueSoonDays: r.DueSoonDays,
		StartHours: r.StartHours, StartedAt: r.StartedAt, LastCompletedAt: r.LastCompletedAt,
		LastCompletedHours: r.LastCompletedHours, Cycle: r.Cycle, AlertCycle: r.AlertCycle, AlertState: int(r.AlertState),
		CreatedAt: r.CreatedAt}
}

func (d planDoc) toDomain() maintenance.Plan {
	return maintenance.FromStore(maintenance.StoreRecord{ID: d.ID, MachineID: d.MachineID, OwnerID: d.OwnerID,
		Name: d.Name, Type: d.Type, IntervalHours: d.IntervalHours, IntervalDays: d.IntervalDays,
		DueSoonHours: d.DueSoonHours, DueSoonDays: d.DueSoonDays, StartHours: d.StartHours, StartedAt: d.StartedAt,
		LastCompletedAt: d.LastCompletedAt, LastCompletedHours: d.LastCompletedHours, Cycle: d.Cycle,
		AlertCycle: d.AlertCycle, AlertState: maintenance.Status(d.AlertState), CreatedAt: d.CreatedAt})
}

// Create implements maintenance.Repository.
func (r *MaintenanceRepository) Create(ctx context.Context, p maintenance.Plan) error {
	if _, err := r.plans.InsertOne(ctx, toPlanDoc(p)); err != nil {
		return fmt.Errorf("mongo: create plan: %w", err)
	}
	return nil
}

// ByID implements maintenance.Repository.
func (r *MaintenanceRepository) ByID(ctx context.Context, id string) (maintenance.Plan, error) {
	return findOne(ctx, r.plans, "find plan", maintenance.ErrNotFound, planDoc.toDomain, bson.D{{Key: "_id", Value: id}})
}

// ByMachine implements maintenance.Repository.
func (r *MaintenanceRepository) ByMachine(ctx context.Context, machineID string) ([]maintenance.Plan, error) {
	return r.find(ctx, bson.D{{Key: "machineId", Value: machineID}}, 0)
}

// ByMachines implements maintenance.Repository with one $in query.
func (r *MaintenanceRepository) ByMachines(ctx context.Context, machineIDs []string) ([]maintenance.Plan, error) {
	if len(machineIDs) == 0 {
		return nil, nil
	}
	return r.find(ctx, bson.D{{Key: "machineId", Value: bson.D{{Key: "$in", Value: machineIDs}}}}, 0)
}

// Page implements maintenance.Repository.
func (r *MaintenanceRepository) Page(ctx context.Context, q maintenance.PageQuery) ([]maintenance.Plan, error) {
	filter := bson.D{}
	if q.OwnerID != "" {
		filter = append(filter, bson.E{Key: "ownerId", Value: q.OwnerID})
	}
	filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$gt", Value: q.AfterID}}})
	return r.find(ctx, filter, q.Limit)
}

// Complete implements maintenance.Repository: the plan moves to the new
// cycle only if it is still in the previous one; then the completion is stored.
func (r *MaintenanceRepository) Complete(ctx context.Context, p maintenance.Plan, c maintenance.Completion) error {
	rec := p.Record()
	res, err := r.plans.UpdateOne(ctx, bson.D{{Key: "_id", Value: rec.ID}, {Key: "cycle", Value: rec.Cycle - 1}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "lastCompletedAt", Value: rec.LastCompletedAt},
			{Key: "lastCompletedHours", Value: rec.LastCompletedHours}, {Key: "cycle", Value: rec.Cycle}}}})
	if err != nil {
		return fmt.Errorf("mongo: complete plan: %w", err)
	}
	if res.MatchedCount == 0 {
		n, err := r.plans.CountDocuments(ctx, bson.D{{Key: "_id", Value: rec.ID}})
		if err != nil {
			return fmt.Errorf("mongo: complete plan: %w", err)
		}
		if n == 0 {
			return maintenance.ErrNotFound
		}
		return maintenance.ErrStale
	}
	_, err = r.completions.InsertOne(ctx, completionDoc{ID: c.ID(), PlanID: c.PlanID(), MachineID: c.MachineID(),
		PerformedBy: c.PerformedBy(), OperatingHours: c.OperatingHours(), PerformedAt: c.PerformedAt(),
		Notes: c.Notes(), Cycle: c.Cycle()})
	if IsDuplicateKey(err) {
		return maintenance.ErrStale
	}
	if err != nil {
		return fmt.Errorf("mongo: complete plan: %w", err)
	}
	return nil
}

// Completions implements maintenance.Repository.
func (r *MaintenanceRepository) Completions(ctx context.Context, planID string, limit int) ([]maintenance.Completion, error) {
	return findMapped(ctx, r.completions, "completions", func(d completionDoc) maintenance.Completion {
		return maintenance.CompletionFromStore(d.ID, d.PlanID, d.MachineID, d.PerformedBy, d.OperatingHours,
			d.PerformedAt, d.Notes, d.Cycle)
	}, bson.D{{Key: "planId", Value: planID}}, options.Find().SetSort(bson.D{{Key: "cycle", Value: -1}}).SetLimit(int64(limit)))
}

// ClaimAlert implements maintenance.Repository with one conditional updateOne
// (atomic on a single document, so a standalone mongod suffices): it matches
// only while the plan is in cycle and state has not been claimed in it.
func (r *MaintenanceRepository) ClaimAlert(ctx context.Context, planID string, cycle int, state maintenance.Status) (bool, error) {
	res, err := r.plans.UpdateOne(ctx, bson.D{
		{Key: "_id", Value: planID},
		{Key: "cycle", Value: cycle},
		{Key: "$or", Value: bson.A{
			bson.D{{Key: "alertCycle", Value: bson.D{{Key: "$ne", Value: cycle}}}},
			bson.D{{Key: "alertState", Value: bson.D{{Key: "$lt", Value: int(state)}}}},
		}},
	}, bson.D{{Key: "$set", Value: bson.D{{Key: "alertCycle", Value: cycle}, {Key: "alertState", Value: int(state)}}}})
	if err != nil {
		return false, fmt.Errorf("mongo: claim alert: %w", err)
	}
	return res.ModifiedCount == 1, nil
}

// DeleteByMachine implements maintenance.Repository.
func (r *MaintenanceRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	if _, err := r.plans.DeleteMany(ctx, bson.D{{Key: "machineId", Value: machineID}}); err != nil {
		return fmt.Errorf("mongo: delete plans: %w", err)
	}
	if _, err := r.completions.DeleteMany(ctx, bson.D{{Key: "machineId", Value: machineID}}); err != nil {
		return fmt.Errorf("mongo: delete completions: %w", err)
	}
	return nil
}

func (r *MaintenanceRepository) find(ctx context.Context, filter bson.D, limit int) ([]maintenance.Plan, error) {
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}})
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	return findMapped(ctx, r.plans, "find plans", planDoc.toDomain, filter, opts)
}
