package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/session"
)

const sessionsCollection = "sessions"

// SessionRepository stores sessions in MongoDB. Expired sessions are removed
// by Purge (a timer in the server), not a TTL index: the stand-ins refuse those.
type SessionRepository struct{ coll *mongo.Collection }

var _ session.Repository = (*SessionRepository)(nil)

type sessionDoc struct {
	ID        string    `bson:"_id"`
	UserID    string    `bson:"userId"`
	CreatedAt time.Time `bson:"createdAt"`
	ExpiresAt time.Time `bson:"expiresAt"`
	EndedAt   time.Time `bson:"endedAt,omitempty"`
}

// NewSessionRepository creates the indexes and returns the repository.
func NewSessionRepository(ctx context.Context, s *Store) (*SessionRepository, error) {
	if err := s.EnsureIndexes(ctx, sessionsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "userId", Value: 1}}, Options: options.Index().SetName("user")},
	); err != nil {
		return nil, err
	}
	if err := s.EnsureIndexes(ctx, sessionsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "expiresAt", Value: 1}}, Options: options.Index().SetName("expires")},
	); err != nil {
		return nil, err
	}
	return &SessionRepository{coll: s.db.Collection(sessionsCollection)}, nil
}

// Create implements session.Repository.
func (r *SessionRepository) Create(ctx context.Context, s session.Session) error {
	if _, err := r.coll.InsertOne(ctx, sessionDoc{ID: s.ID(), UserID: s.UserID(), CreatedAt: s.CreatedAt(), ExpiresAt: s.ExpiresAt()}); err != nil {
		return fmt.Errorf("mongo: create session: %w", err)
	}
	return nil
}

// ByID implements session.Repository.
func (r *SessionRepository) ByID(ctx context.Context, id string) (session.Session, error) {
	return findOne(ctx, r.coll, "find session", session.ErrNotFound, sessionDoc.toDomain, bson.D{{Key: "_id", Value: id}})
}

// ByIDs implements session.Repository.
func (r *SessionRepository) ByIDs(ctx context.Context, ids []string) ([]session.Session, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return findMapped(ctx, r.coll, "sessions by ids", sessionDoc.toDomain, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}})
}

// End implements session.Repository: the first end time is kept.
func (r *SessionRepository) End(ctx context.Context, id string, at time.Time) error {
	res, err := r.coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "endedAt", Value: bson.D{{Key: "$exists", Value: false}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "endedAt", Value: at.UTC()}}}})
	if err != nil {
		return fmt.Errorf("mongo: end session: %w", err)
	}
	if res.MatchedCount == 0 {
		n, err := r.coll.CountDocuments(ctx, bson.D{{Key: "_id", Value: id}})
		if err != nil {
			return fmt.Errorf("mongo: end session: %w", err)
		}
		if n == 0 {
			return session.ErrNotFound
		}
	}
	return nil
}

// EndAllOf implements session.Repository.
func (r *SessionRepository) EndAllOf(ctx context.Context, userID string, at time.Time) (int, error) {
	res, err := r.coll.UpdateMany(ctx, bson.D{{Key: "userId", Value: userID},
		{Key: "endedAt", Value: bson.D{{Key: "$exists", Value: false}}},
		{Key: "expiresAt", Value: bson.D{{Key: "$gt", Value: at.UTC()}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "endedAt", Value: at.UTC()}}}})
	if err != nil {
		return 0, fmt.Errorf("mongo: end sessions: %w", err)
	}
	return int(res.ModifiedCount), nil
}

// Purge implements session.Repository.
func (r *SessionRepository) Purge(ctx context.Context, before time.Time) (int, error) {
	res, err := r.coll.DeleteMany(ctx, bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "expiresAt", Value: bson.D{{Key: "$lt", Value: before.UTC()}}}},
		bson.D{{Key: "endedAt", Value: bson.D{{Key: "$lt", Value: before.UTC()}}}},
	}}})
	if err != nil {
		return 0, fmt.Errorf("mongo: purge sessions: %w", err)
	}
	return int(res.DeletedCount), nil
}

func (d sessionDoc) toDomain() session.Session {
	return session.FromStore(d.ID, d.UserID, d.CreatedAt, d.ExpiresAt, d.EndedAt)
}
