package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/workorder"
)

const workOrdersCollection = "work_orders"

// WorkOrderRepository stores work orders in MongoDB, one document each (lines,
// issue ids and the completion record embedded): every change is one
// updateOne conditional on the revision, which a standalone mongod serves.
type WorkOrderRepository struct{ coll *mongo.Collection }

var _ workorder.Repository = (*WorkOrderRepository)(nil)

type workOrderLineDoc struct {
	Kind        workorder.Kind `bson:"kind"`
	Description string         `bson:"description"`
	Quantity    float64        `bson:"quantity"`
	UnitCost    int64          `bson:"unitCost"`
	Currency    string         `bson:"currency"`
}

type workOrderCompletionDoc struct {
	By               string    `bson:"by"`
	At               time.Time `bson:"at"`
	OperatingHours   float64   `bson:"operatingHours"`
	PlanCycle        int       `bson:"planCycle"`
	PlanCompletionID string    `bson:"planCompletionId"`
}

type workOrderDoc struct {
	ID         string                  `bson:"_id"`
	MachineID  string                  `bson:"machineId"`
	OwnerID    string                  `bson:"ownerId"`
	CreatedBy  string                  `bson:"createdBy"`
	Title      string                  `bson:"title"`
	Notes      string                  `bson:"notes"`
	PlanID     string                  `bson:"planId"`
	IssueIDs   []string                `bson:"issueIds"`
	Lines      []workOrderLineDoc      `bson:"lines"`
	AssigneeID string                  `bson:"assigneeId"`
	Status     string                  `bson:"status"`
	Completion *workOrderCompletionDoc `bson:"completion"`
	Rev        int                     `bson:"rev"`
	CreatedAt  time.Time               `bson:"createdAt"`
	UpdatedAt  time.Time               `bson:"updatedAt"`
	StartedAt  *time.Time              `bson:"startedAt"`
	ClosedAt   *time.Time              `bson:"closedAt"`
}

// NewWorkOrderRepository creates the index and returns the repository.
func NewWorkOrderRepository(ctx context.Context, s *Store) (*WorkOrderRepository, error) {
	if err := s.EnsureIndexes(ctx, workOrdersCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "machineId", Value: 1}, {Key: "_id", Value: -1}}, Options: options.Index().SetName("machine_recent")},
	); err != nil {
		return nil, err
	}
	return &WorkOrderRepository{coll: s.db.Collection(workOrdersCollection)}, nil
}

func toWorkOrderDoc(w workorder.WorkOrder) workOrderDoc {
	r := w.Record()
	lines := make([]workOrderLineDoc, len(r.Spec.Lines))
	for i, l := range r.Spec.Lines {
		lines[i] = workOrderLineDoc(l)
	}
	d := workOrderDoc{ID: r.ID, MachineID: r.MachineID, OwnerID: r.OwnerID, CreatedBy: r.CreatedBy, Title: r.Spec.Title,
		Notes: r.Spec.Notes, PlanID: r.Spec.PlanID, IssueIDs: r.Spec.IssueIDs, Lines: lines, AssigneeID: r.Spec.AssigneeID,
		Status: string(r.Status), Rev: r.Rev, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, StartedAt: r.StartedAt, ClosedAt: r.ClosedAt}
	if d.IssueIDs == nil {
		d.IssueIDs = []string{}
	}
	if c := r.Completion; c != nil {
		d.Completion = &workOrderCompletionDoc{By: c.By, At: c.At, OperatingHours: c.OperatingHours, PlanCycle: c.PlanCycle,
			PlanCompletionID: c.PlanCompletionID}
	}
	return d
}

func fromWorkOrderDoc(d workOrderDoc) workorder.WorkOrder {
	lines := make([]workorder.Line, len(d.Lines))
	for i, l := range d.Lines {
		lines[i] = workorder.Line(l)
	}
	r := workorder.StoreRecord{ID: d.ID, MachineID: d.MachineID, OwnerID: d.OwnerID, CreatedBy: d.CreatedBy,
		Spec:   workorder.Spec{Title: d.Title, Notes: d.Notes, PlanID: d.PlanID, IssueIDs: d.IssueIDs, Lines: lines, AssigneeID: d.AssigneeID},
		Status: workorder.Status(d.Status), Rev: d.Rev, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt, StartedAt: d.StartedAt, ClosedAt: d.ClosedAt}
	if c := d.Completion; c != nil {
		r.Completion = &workorder.Completion{By: c.By, At: c.At, OperatingHours: c.OperatingHours, PlanCycle: c.PlanCycle,
			PlanCompletionID: c.PlanCompletionID}
	}
	return workorder.FromStore(r)
}

// Create implements workorder.Repository.
func (r *WorkOrderRepository) Create(ctx context.Context, w workorder.WorkOrder) error {
	if _, err := r.coll.InsertOne(ctx, toWorkOrderDoc(w)); err != nil {
		return fmt.Errorf("mongo: create work order: %w", err)
	}
	return nil
}

// ByID implements workorder.Repository.
func (r *WorkOrderRepository) ByID(ctx context.Context, id string) (workorder.WorkOrder, error) {
	return findOne(ctx, r.coll, "work order", workorder.ErrNotFound, fromWorkOrderDoc, bson.D{{Key: "_id", Value: id}})
}

// List implements workorder.Repository.
func (r *WorkOrderRepository) List(ctx context.Context, q workorder.ListQuery) ([]workorder.WorkOrder, error) {
	return findMachinePage(ctx, r.coll, "work orders", fromWorkOrderDoc, q.MachineIDs, [][2]string{{"status", string(q.Status)}}, q.Before, q.Limit)
}

// Update implements workorder.Repository: one replaceOne matching the previous revision.
func (r *WorkOrderRepository) Update(ctx context.Context, w workorder.WorkOrder) error {
	d := toWorkOrderDoc(w)
	res, err := r.coll.ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.ID}, {Key: "rev", Value: d.Rev - 1}}, d)
	if err != nil {
		return fmt.Errorf("mongo: update work order: %w", err)
	}
	if res.MatchedCount == 0 {
		if _, err := r.ByID(ctx, d.ID); err != nil {
			return err
		}
		return workorder.ErrStale
	}
	return nil
}

// DeleteByMachine implements workorder.Repository.
func (r *WorkOrderRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	if _, err := r.coll.DeleteMany(ctx, bson.D{{Key: "machineId", Value: machineID}}); err != nil {
		return fmt.Errorf("mongo: delete machine's work orders: %w", err)
	}
	return nil
}
