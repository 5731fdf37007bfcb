package mongostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/importjob"
)

const (
	importJobsCollection  = "import_jobs"
	importFilesCollection = "import_files"
)

// ImportJobRepository stores import jobs in MongoDB; each file is a document
// of its own (a job stays small however large its file).
type ImportJobRepository struct {
	jobs  *mongo.Collection
	files *mongo.Collection
}

var _ importjob.Repository = (*ImportJobRepository)(nil)

type rowErrorDoc struct {
	Row     int    `bson:"row"`
	Field   string `bson:"field"`
	Message string `bson:"message"`
}

type importJobDoc struct {
	ID          string        `bson:"_id"`
	OwnerID     string        `bson:"ownerId"`
	FileName    string        `bson:"fileName"`
	OnDuplicate string        `bson:"onDuplicate"`
	Status      string        `bson:"status"`
	Total       int           `bson:"total"`
	Processed   int           `bson:"processed"`
	Created     int           `bson:"created"`
	Updated     int           `bson:"updated"`
	Skipped     int           `bson:"skipped"`
	Failed      int           `bson:"failed"`
	Errors      []rowErrorDoc `bson:"errors"`
	Reason      string        `bson:"reason"`
	Runner      string        `bson:"runner"`
	Attempts    int           `bson:"attempts"` // absent in jobs stored before it: 0
	HeartbeatAt time.Time     `bson:"heartbeatAt"`
	CreatedAt   time.Time     `bson:"createdAt"`
	StartedAt   *time.Time    `bson:"startedAt"`
	FinishedAt  *time.Time    `bson:"finishedAt"`
}

type importFileDoc struct {
	ID      string `bson:"_id"`
	Content []byte `bson:"content"`
}

// NewImportJobRepository creates the indexes and returns the repository.
func NewImportJobRepository(ctx context.Context, s *Store) (*ImportJobRepository, error) {
	if err := s.EnsureIndexes(ctx, importJobsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "ownerId", Value: 1}, {Key: "_id", Value: -1}}, Options: options.Index().SetName("owner_recent")},
	); err != nil {
		return nil, err
	}
	if err := s.EnsureIndexes(ctx, importJobsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "status", Value: 1}, {Key: "heartbeatAt", Value: 1}}, Options: options.Index().SetName("unfinished")},
	); err != nil {
		return nil, err
	}
	return &ImportJobRepository{jobs: s.db.Collection(importJobsCollection), files: s.db.Collection(importFilesCollection)}, nil
}

func importJobDocOf(j importjob.Job) importJobDoc {
	r := j.Record()
	errs := make([]rowErrorDoc, len(r.Errors))
	for i, e := range r.Errors {
		errs[i] = rowErrorDoc(e)
	}
	c := r.Counts
	return importJobDoc{ID: r.ID, OwnerID: r.OwnerID, FileName: r.FileName, OnDuplicate: string(r.OnDuplicate),
		Status: string(r.Status), Total: c.Total, Processed: c.Processed, Created: c.Created, Updated: c.Updated,
		Skipped: c.Skipped, Failed: c.Failed, Errors: errs, Reason: r.Reason, Runner: r.Runner, Attempts: r.Attempts,
		HeartbeatAt: r.HeartbeatAt, CreatedAt: r.CreatedAt, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt}
}

func (d importJobDoc) job() importjob.Job {
	errs := make([]importjob.RowError, len(d.Errors))
	for i, e := range d.Errors {
		errs[i] = importjob.RowError(e)
	}
	return importjob.FromStore(importjob.StoreRecord{ID: d.ID, OwnerID: d.OwnerID, FileName: d.FileName,
		OnDuplicate: importjob.OnDuplicate(d.OnDuplicate), Status: importjob.Status(d.Status),
		Counts: importjob.Counts{Total: d.Total, Processed: d.Processed, Created: d.Created, Updated: d.Updated,
			Skipped: d.Skipped, Failed: d.Failed},
		Errors: errs, Reason: d.Reason, Runner: d.Runner, Attempts: d.Attempts, HeartbeatAt: d.HeartbeatAt, CreatedAt: d.CreatedAt,
		StartedAt: d.StartedAt, FinishedAt: d.FinishedAt})
}

// Create implements importjob.Repository: the file first, so that a job
// never exists without it (a file without its job is harmless).
func (r *ImportJobRepository) Create(ctx context.Context, j importjob.Job, file []byte) error {
	if _, err := r.files.InsertOne(ctx, importFileDoc{ID: j.ID(), Content: file}); err != nil {
		return fmt.Errorf("mongo: create import file: %w", err)
	}
	if _, err := r.jobs.InsertOne(ctx, importJobDocOf(j)); err != nil {
		_, _ = r.files.DeleteOne(ctx, bson.D{{Key: "_id", Value: j.ID()}})
		return fmt.Errorf("mongo: create import job: %w", err)
	}
	return nil
}

// ByID implements importjob.Repository.
func (r *ImportJobRepository) ByID(ctx context.Context, id string) (importjob.Job, error) {
	return findOne(ctx, r.jobs, "import job", importjob.ErrNotFound, importJobDoc.job, bson.D{{Key: "_id", Value: id}})
}

// ForOwner implements importjob.Repository.
func (r *ImportJobRepository) ForOwner(ctx context.Context, ownerID string, limit int) ([]importjob.Job, error) {
	return findMapped(ctx, r.jobs, "import jobs", importJobDoc.job, bson.D{{Key: "ownerId", Value: ownerID}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit)))
}

// File implements importjob.Repository.
func (r *ImportJobRepository) File(ctx context.Context, id string) ([]byte, error) {
	var d importFileDoc
	err := r.files.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d)
	if IsNotFound(err) {
		return nil, importjob.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("mongo: import file: %w", err)
	}
	return d.Content, nil
}

// DeleteFile implements importjob.Repository.
func (r *ImportJobRepository) DeleteFile(ctx context.Context, id string) error {
	if _, err := r.files.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
		return fmt.Errorf("mongo: delete import file: %w", err)
	}
	return nil
}

// Save implements importjob.Repository with an update conditional on the runner.
func (r *ImportJobRepository) Save(ctx context.Context, j importjob.Job) error {
	d := importJobDocOf(j)
	res, err := r.jobs.UpdateOne(ctx, bson.D{{Key: "_id", Value: d.ID}, {Key: "runner", Value: d.Runner}},
		bson.D{{Key: "$set", Value: bson.D{
			{Key: "status", Value: d.Status}, {Key: "total", Value: d.Total}, {Key: "processed", Value: d.Processed},
			{Key: "created", Value: d.Created}, {Key: "updated", Value: d.Updated}, {Key: "skipped", Value: d.Skipped},
			{Key: "failed", Value: d.Failed}, {Key: "errors", Value: d.Errors}, {Key: "reason", Value: d.Reason},
			{Key: "attempts", Value: d.Attempts}, {Key: "heartbeatAt", Value: d.HeartbeatAt}, {Key: "startedAt", Value: d.StartedAt},
			{Key: "finishedAt", Value: d.FinishedAt},
		}}})
	if err != nil {
		return fmt.Errorf("mongo: save import job: %w", err)
	}
	if res.MatchedCount == 0 {
		if _, err := r.ByID(ctx, d.ID); err != nil {
			return err
		}
		return importjob.ErrNotRunner
	}
	return nil
}

// Claim implements importjob.Repository with one conditional findOneAndUpdate.
func (r *ImportJobRepository) Claim(ctx context.Context, runner string, staleBefore, now time.Time) (importjob.Job, bool, error) {
	var d importJobDoc
	err := r.jobs.FindOneAndUpdate(ctx,
		bson.D{{Key: "status", Value: bson.D{{Key: "$in", Value: bson.A{string(importjob.StatusQueued), string(importjob.StatusRunning)}}}},
			{Key: "$or", Value: bson.A{bson.D{{Key: "runner", Value: ""}}, bson.D{{Key: "heartbeatAt", Value: bson.D{{Key: "$lt", Value: staleBefore}}}}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "runner", Value: runner}, {Key: "heartbeatAt", Value: now.UTC().Truncate(time.Millisecond)}}},
			{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}}},
		options.FindOneAndUpdate().SetSort(bson.D{{Key: "_id", Value: 1}}).SetReturnDocument(options.After)).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return importjob.Job{}, false, nil
	}
	if err != nil {
		return importjob.Job{}, false, fmt.Errorf("mongo: claim import job: %w", err)
	}
	return d.job(), true, nil
}
