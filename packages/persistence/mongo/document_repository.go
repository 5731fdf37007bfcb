package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/document"
)

const (
	documentsCollection         = "machine_documents"
	documentRemindersCollection = "document_reminders"
)

// DocumentRepository stores machine documents in MongoDB. A reminder claim
// is an insert into document_reminders whose _id is "<document>:<threshold>":
// the _id index refuses a second one (no transaction needed).
type DocumentRepository struct {
	coll, reminders *mongo.Collection
}

var _ document.Repository = (*DocumentRepository)(nil)

type documentDoc struct {
	ID        string    `bson:"_id"`
	MachineID string    `bson:"machineId"`
	OwnerID   string    `bson:"ownerId"`
	Type      string    `bson:"type"`
	Name      string    `bson:"name"`
	Number    string    `bson:"number"`
	IssuedOn  time.Time `bson:"issuedOn,omitempty"`
	ExpiresOn time.Time `bson:"expiresOn"`
	CreatedAt time.Time `bson:"createdAt"`
	File      *fileDoc  `bson:"file,omitempty"`
}

// fileDoc is a document's file; its bytes are in the GridFS bucket (DocumentFileStore).
type fileDoc struct {
	ID          string    `bson:"id"`
	Name        string    `bson:"name"`
	ContentType string    `bson:"contentType"`
	Size        int64     `bson:"size"`
	UploadedAt  time.Time `bson:"uploadedAt"`
}

func newFileDoc(f *document.File) *fileDoc {
	if f == nil {
		return nil
	}
	return &fileDoc{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, UploadedAt: f.UploadedAt}
}

func (d documentDoc) toDomain() document.Document {
	rec := document.StoreRecord{ID: d.ID, MachineID: d.MachineID, OwnerID: d.OwnerID,
		Type: document.Type(d.Type), Name: d.Name, Number: d.Number, IssuedOn: d.IssuedOn, ExpiresOn: d.ExpiresOn,
		CreatedAt: d.CreatedAt}
	if d.File != nil {
		rec.File = &document.File{ID: d.File.ID, Name: d.File.Name, ContentType: d.File.ContentType, Size: d.File.Size,
			UploadedAt: d.File.UploadedAt}
	}
	return document.FromStore(rec)
}

// NewDocumentRepository creates the indexes and returns the repository.
func NewDocumentRepository(ctx context.Context, s *Store) (*DocumentRepository, error) {
	if err := s.EnsureIndexes(ctx, documentsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "machineId", Value: 1}, {Key: "expiresOn", Value: 1}}, Options: options.Index().SetName("machine_expiry")},
	); err != nil {
		return nil, err
	}
	if err := s.EnsureIndexes(ctx, documentsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "expiresOn", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("expiry_id")},
	); err != nil {
		return nil, err
	}
	return &DocumentRepository{coll: s.db.Collection(documentsCollection), reminders: s.db.Collection(documentRemindersCollection)}, nil
}

// Create implements document.Repository.
func (r *DocumentRepository) Create(ctx context.Context, d document.Document) error {
	rec := d.Record()
	if _, err := r.coll.InsertOne(ctx, documentDoc{ID: rec.ID, MachineID: rec.MachineID, OwnerID: rec.OwnerID,
		Type: string(rec.Type), Name: rec.Name, Number: rec.Number, IssuedOn: rec.IssuedOn, ExpiresOn: rec.ExpiresOn,
		CreatedAt: rec.CreatedAt, File: newFileDoc(rec.File)}); err != nil {
		return fmt.Errorf("mongo: create document: %w", err)
	}
	return nil
}

// ByID implements document.Repository.
func (r *DocumentRepository) ByID(ctx context.Context, machineID, id string) (document.Document, error) {
	return findOne(ctx, r.coll, "find document", document.ErrNotFound, documentDoc.toDomain,
		bson.D{{Key: "_id", Value: id}, {Key: "machineId", Value: machineID}})
}

// ByMachine implements document.Repository.
func (r *DocumentRepository) ByMachine(ctx context.Context, machineID string) ([]document.Document, error) {
	return r.find(ctx, bson.D{{Key: "machineId", Value: machineID}},
		options.Find().SetSort(bson.D{{Key: "expiresOn", Value: 1}, {Key: "_id", Value: 1}}))
}

// Delete implements document.Repository.
func (r *DocumentRepository) Delete(ctx context.Context, machineID, id string) error {
	res, err := r.coll.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "machineId", Value: machineID}})
	if err != nil {
		return fmt.Errorf("mongo: delete document: %w", err)
	}
	if res.DeletedCount == 0 {
		return document.ErrNotFound
	}
	if _, err := r.reminders.DeleteMany(ctx, bson.D{{Key: "documentId", Value: id}}); err != nil {
		return fmt.Errorf("mongo: delete document reminders: %w", err)
	}
	return nil
}

// SetFile implements document.Repository.
func (r *DocumentRepository) SetFile(ctx context.Context, machineID, id string, f *document.File) error {
	update := bson.D{{Key: "$unset", Value: bson.D{{Key: "file", Value: ""}}}}
	if f != nil {
		update = bson.D{{Key: "$set", Value: bson.D{{Key: "file", Value: newFileDoc(f)}}}}
	}
	res, err := r.coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "machineId", Value: machineID}}, update)
	if err != nil {
		return fmt.Errorf("mongo: set document file: %w", err)
	}
	if res.MatchedCount == 0 {
		return document.ErrNotFound
	}
	return nil
}

// DeleteByMachine implements document.Repository without a transaction: the
// reminder claims of the machine's documents go first, then the documents,
// so that a retry after a failure between them still finds what is left.
func (r *DocumentRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	docs, err := findAll[documentDoc](ctx, r.coll, bson.D{{Key: "machineId", Value: machineID}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return fmt.Errorf("mongo: machine's documents: %w", err)
	}
	if len(docs) > 0 {
		ids := make([]string, len(docs))
		for i, d := range docs {
			ids[i] = d.ID
		}
		if _, err := r.reminders.DeleteMany(ctx, bson.D{{Key: "documentId", Value: bson.D{{Key: "$in", Value: ids}}}}); err != nil {
			return fmt.Errorf("mongo: delete machine's document reminders: %w", err)
		}
	}
	if _, err := r.coll.DeleteMany(ctx, bson.D{{Key: "machineId", Value: machineID}}); err != nil {
		return fmt.Errorf("mongo: delete machine's documents: %w", err)
	}
	return nil
}

// ExpiringBy implements document.Repository.
func (r *DocumentRepository) ExpiringBy(ctx context.Context, date time.Time, afterID string, limit int) ([]document.Document, error) {
	return r.find(ctx, bson.D{{Key: "expiresOn", Value: bson.D{{Key: "$lte", Value: date.UTC()}}},
		{Key: "_id", Value: bson.D{{Key: "$gt", Value: afterID}}}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)))
}

// ClaimReminder implements document.Repository.
func (r *DocumentRepository) ClaimReminder(ctx context.Context, documentID string, threshold int) (bool, error) {
	_, err := r.reminders.InsertOne(ctx, bson.D{{Key: "_id", Value: fmt.Sprintf("%s:%d", documentID, threshold)},
		{Key: "documentId", Value: documentID}, {Key: "threshold", Value: threshold}})
	if IsDuplicateKey(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("mongo: claim document reminder: %w", err)
	}
	return true, nil
}

func (r *DocumentRepository) find(ctx context.Context, filter bson.D, opts *options.FindOptionsBuilder) ([]document.Document, error) {
	docs, err := findAll[documentDoc](ctx, r.coll, filter, opts)
	if err != nil {
		return nil, fmt.Errorf("mongo: documents: %w", err)
	}
	out := make([]document.Document, len(docs))
	for i, d := range docs {
		out[i] = d.toDomain()
	}
	return out, nil
}
