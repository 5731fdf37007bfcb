package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

const quickChecksCollection = "quick_checks"

// QuickCheckRepository stores quick checks in MongoDB.
type QuickCheckRepository struct{ coll *mongo.Collection }

var _ quickcheck.Repository = (*QuickCheckRepository)(nil)

type quickCheckItemDoc struct {
	Key    string `bson:"key"`
	Label  string `bson:"label"`
	Passed bool   `bson:"passed"`
	Notes  string `bson:"notes"`
	// Status is absent in documents stored before answers had one (FromStore derives it).
	Status   quickcheck.Status `bson:"status,omitempty"`
	Severity string            `bson:"severity,omitempty"`
}

type quickCheckDoc struct {
	ID              string              `bson:"_id"`
	MachineID       string              `bson:"machineId"`
	AuthorID        string              `bson:"authorId"`
	Items           []quickCheckItemDoc `bson:"items"`
	OperatingHours  *float64            `bson:"operatingHours"`
	Notes           string              `bson:"notes"`
	TemplateVersion int                 `bson:"templateVersion,omitempty"`
	CreatedAt       time.Time           `bson:"createdAt"`
}

// NewQuickCheckRepository creates the index and returns the repository.
func NewQuickCheckRepository(ctx context.Context, s *Store) (*QuickCheckRepository, error) {
	if err := s.EnsureIndexes(ctx, quickChecksCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "machineId", Value: 1}, {Key: "_id", Value: -1}}, Options: options.Index().SetName("machine_recent")},
	); err != nil {
		return nil, err
	}
	return &QuickCheckRepository{coll: s.db.Collection(quickChecksCollection)}, nil
}

// Create implements quickcheck.Repository.
func (r *QuickCheckRepository) Create(ctx context.Context, q quickcheck.QuickCheck) error {
	rec := q.Record()
	items := make([]quickCheckItemDoc, len(rec.Items))
	for i, it := range rec.Items {
		items[i] = quickCheckItemDoc(it)
	}
	if _, err := r.coll.InsertOne(ctx, quickCheckDoc{ID: rec.ID, MachineID: rec.MachineID, AuthorID: rec.AuthorID,
		Items: items, OperatingHours: rec.OperatingHours, Notes: rec.Notes, TemplateVersion: rec.TemplateVersion, CreatedAt: rec.CreatedAt}); err != nil {
		return fmt.Errorf("mongo: create quick check: %w", err)
	}
	return nil
}

// ByMachine implements quickcheck.Repository.
func (r *QuickCheckRepository) ByMachine(ctx context.Context, machineID string, limit int) ([]quickcheck.QuickCheck, error) {
	return findMapped(ctx, r.coll, "quick checks", quickCheckDoc.toDomain,
		bson.D{{Key: "machineId", Value: machineID}}, options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit)))
}

// LatestByMachines implements quickcheck.Repository with one aggregation on
// the machine_recent index: the machines' checks, newest first per machine,
// grouped to the first of each.
func (r *QuickCheckRepository) LatestByMachines(ctx context.Context, machineIDs []string) ([]quickcheck.QuickCheck, error) {
	if len(machineIDs) == 0 {
		return nil, nil
	}
	cur, err := r.coll.Aggregate(ctx, mongo.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "machineId", Value: bson.D{{Key: "$in", Value: machineIDs}}}}}},
		{{Key: "$sort", Value: bson.D{{Key: "machineId", Value: 1}, {Key: "_id", Value: -1}}}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$machineId"}, {Key: "doc", Value: bson.D{{Key: "$first", Value: "$$ROOT"}}}}}},
	})
	if err != nil {
		return nil, fmt.Errorf("mongo: latest quick checks: %w", err)
	}
	var rows []struct {
		Doc quickCheckDoc `bson:"doc"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, fmt.Errorf("mongo: latest quick checks: %w", err)
	}
	out := make([]quickcheck.QuickCheck, len(rows))
	for i, row := range rows {
		out[i] = row.Doc.toDomain()
	}
	return out, nil
}

func (d quickCheckDoc) toDomain() quickcheck.QuickCheck {
	items := make([]quickcheck.Item, len(d.Items))
	for j, it := range d.Items {
		items[j] = quickcheck.Item(it)
	}
	return quickcheck.FromStore(quickcheck.StoreRecord{ID: d.ID, MachineID: d.MachineID, AuthorID: d.AuthorID,
		Items: items, OperatingHours: d.OperatingHours, Notes: d.Notes, TemplateVersion: d.TemplateVersion, CreatedAt: d.CreatedAt})
}

// DeleteByMachine implements quickcheck.Repository.
func (r *QuickCheckRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	if _, err := r.coll.DeleteMany(ctx, bson.D{{Key: "machineId", Value: machineID}}); err != nil {
		return fmt.Errorf("mongo: delete quick checks: %w", err)
	}
	return nil
}
