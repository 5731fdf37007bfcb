package bootstrap

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// backend is the chosen store: MongoDB when MONGODB_URI is set, else SQLite.
// Exactly one of sqlite and mongo is set; wiring files pick adapters from it.
type backend struct {
	kind   string
	sqlite *sqlite.DB
	mongo  *mongostore.Store
}

func openBackend(ctx context.Context, cfg config.Config, log *slog.Logger) (*backend, error) {
	if cfg.MongoURI != "" {
		s, err := mongostore.Connect(ctx, cfg.MongoURI, cfg.MongoDatabase, log)
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		return &backend{kind: "mongodb", mongo: s}, nil
	}
	db, err := sqlite.Open(ctx, cfg.SQLitePath)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return &backend{kind: "sqlite", sqlite: db}, nil
}

// probe checks that the store can take a write (for /readyz).
func (b *backend) probe(ctx context.Context) error {
	if b.mongo != nil {
		return b.mongo.Probe(ctx)
	}
	return b.sqlite.Probe(ctx)
}

func (b *backend) close(ctx context.Context) error {
	if b.mongo != nil {
		return b.mongo.Close(ctx)
	}
	return b.sqlite.Close()
}

// pick returns the SQLite adapter or builds the MongoDB one (which creates its indexes).
func pick[T any](ctx context.Context, b *backend, fromSQLite func(*sqlite.DB) T,
	fromMongo func(context.Context, *mongostore.Store) (T, error)) (T, error) {
	if b.mongo != nil {
		return fromMongo(ctx, b.mongo)
	}
	return fromSQLite(b.sqlite), nil
}
