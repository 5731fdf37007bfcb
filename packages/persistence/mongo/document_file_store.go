package mongostore

import (
	"context"
	"errors"
	"fmt"
	"io"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/document"
)

// documentFilesBucket is the GridFS bucket of document files
// (collections document_files.files and document_files.chunks).
const documentFilesBucket = "document_files"

// DocumentFileStore keeps document files in a GridFS bucket: each file's _id
// is its file id, and its metadata names the machine, so that a machine's
// files can be found and removed without the documents that pointed at them.
// An upload whose source fails is aborted by the driver (its chunks removed).
type DocumentFileStore struct{ bucket *mongo.GridFSBucket }

type documentFileMeta struct {
	MachineID string `bson:"machineId"`
}

// NewDocumentFileStore creates the index that finds a machine's files and returns the store.
func NewDocumentFileStore(ctx context.Context, s *Store) (*DocumentFileStore, error) {
	if err := s.EnsureIndexes(ctx, documentFilesBucket+".files",
		mongo.IndexModel{Keys: bson.D{{Key: "metadata.machineId", Value: 1}}, Options: options.Index().SetName("machine")},
	); err != nil {
		return nil, err
	}
	return &DocumentFileStore{bucket: s.db.GridFSBucket(options.GridFSBucket().SetName(documentFilesBucket))}, nil
}

// countingReader counts what passes through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Put writes r's bytes as the file (machineID, fileID) and returns their count.
func (s *DocumentFileStore) Put(ctx context.Context, machineID, fileID string, r io.Reader) (int64, error) {
	cr := &countingReader{r: r}
	if err := s.bucket.UploadFromStreamWithID(ctx, fileID, fileID, cr,
		options.GridFSUpload().SetMetadata(documentFileMeta{MachineID: machineID})); err != nil {
		return 0, fmt.Errorf("mongo: upload document file: %w", err)
	}
	return cr.n, nil
}

// Open returns the file's bytes; document.ErrFileNotFound when there is none
// (or it belongs to another machine).
func (s *DocumentFileStore) Open(ctx context.Context, machineID, fileID string) (io.ReadCloser, error) {
	n, err := s.bucket.GetFilesCollection().CountDocuments(ctx, bson.D{{Key: "_id", Value: fileID}, {Key: "metadata.machineId", Value: machineID}})
	if err != nil {
		return nil, fmt.Errorf("mongo: find document file: %w", err)
	}
	if n == 0 {
		return nil, document.ErrFileNotFound
	}
	ds, err := s.bucket.OpenDownloadStream(ctx, fileID)
	if errors.Is(err, mongo.ErrFileNotFound) {
		return nil, document.ErrFileNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("mongo: open document file: %w", err)
	}
	return ds, nil
}

// Delete removes the file (idempotent: a missing one is no error).
func (s *DocumentFileStore) Delete(ctx context.Context, machineID, fileID string) error {
	n, err := s.bucket.GetFilesCollection().CountDocuments(ctx, bson.D{{Key: "_id", Value: fileID}, {Key: "metadata.machineId", Value: machineID}})
	if err != nil {
		return fmt.Errorf("mongo: find document file: %w", err)
	}
	if n == 0 {
		return nil
	}
	if err := s.bucket.Delete(ctx, fileID); err != nil && !errors.Is(err, mongo.ErrFileNotFound) {
		return fmt.Errorf("mongo: delete document file: %w", err)
	}
	return nil
}

// DeleteByMachine removes every file of the machine (idempotent): each is
// deleted on its own (files entry, then chunks), so a retry finishes what a
// failure left.
func (s *DocumentFileStore) DeleteByMachine(ctx context.Context, machineID string) error {
	cur, err := s.bucket.Find(ctx, bson.D{{Key: "metadata.machineId", Value: machineID}})
	if err != nil {
		return fmt.Errorf("mongo: find machine's document files: %w", err)
	}
	var files []struct {
		ID string `bson:"_id"`
	}
	if err := cur.All(ctx, &files); err != nil {
		return fmt.Errorf("mongo: find machine's document files: %w", err)
	}
	for _, f := range files {
		if err := s.bucket.Delete(ctx, f.ID); err != nil && !errors.Is(err, mongo.ErrFileNotFound) {
			return fmt.Errorf("mongo: delete machine's document files: %w", err)
		}
	}
	return nil
}
