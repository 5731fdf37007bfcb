// Package mongostore (folder packages/persistence/mongo; named so that its
// importers need no alias beside the driver's package mongo) is the
// production store on the official MongoDB driver. It works on a standalone
// mongod: no transactions and no change streams; writes that must not happen
// twice rely on unique indexes and conditional updates.
package mongostore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
)

// Store is a connected database.
type Store struct {
	client *mongo.Client
	db     *mongo.Database
	log    *slog.Logger
}

// Connect dials uri and checks the server answers.
func Connect(ctx context.Context, uri, database string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.Default()
	}
	client, err := mongo.Connect(options.Client().ApplyURI(uri).SetAppName("fleetman").
		SetServerSelectionTimeout(10 * time.Second))
	if err != nil {
		return nil, fmt.Errorf("mongo: connect: %w", err)
	}
	s := &Store{client: client, db: client.Database(database), log: log}
	if err := s.Ping(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	return s, nil
}

// Ping checks the server is reachable (for /readyz).
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, readpref.Primary()); err != nil {
		return fmt.Errorf("mongo: ping: %w", err)
	}
	return nil
}

// Close disconnects.
func (s *Store) Close(ctx context.Context) error { return s.client.Disconnect(ctx) }

// Database returns the database handle.
func (s *Store) Database() *mongo.Database { return s.db }

// Logger returns the store's logger.
func (s *Store) Logger() *slog.Logger { return s.log }

// Drop removes the whole database (tests only).
func (s *Store) Drop(ctx context.Context) error { return s.db.Drop(ctx) }

// EnsureIndexes creates indexes on coll, naming the collection in errors.
func (s *Store) EnsureIndexes(ctx context.Context, coll string, models ...mongo.IndexModel) error {
	if _, err := s.db.Collection(coll).Indexes().CreateMany(ctx, models); err != nil {
		return fmt.Errorf("mongo: indexes of %s: %w", coll, err)
	}
	return nil
}

// IsNotFound reports whether err is the driver's no-documents error.
func IsNotFound(err error) bool { return errors.Is(err, mongo.ErrNoDocuments) }

// IsDuplicateKey reports whether err is a unique index violation.
func IsDuplicateKey(err error) bool { return mongo.IsDuplicateKeyError(err) }

// Millis converts a time to the stored form: a BSON date has millisecond precision.
func Millis(t time.Time) bson.DateTime { return bson.NewDateTimeFromTime(t) }
