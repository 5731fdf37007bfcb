package mongostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"
)

// Probe writes one document: the store can take writes (for /readyz).
func (s *Store) Probe(ctx context.Context) error {
	_, err := s.db.Collection("health_probe").UpdateOne(ctx, bson.D{{Key: "_id", Value: "probe"}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "at", Value: time.Now()}}}}, options.UpdateOne().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("mongo: write probe: %w", err)
	}
	return nil
}

// IsUnavailable reports whether err means the server cannot answer now
// (network errors, timeouts, no server to select, not primary): 503.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if mongo.IsNetworkError(err) || mongo.IsTimeout(err) || errors.Is(err, mongo.ErrClientDisconnected) {
		return true
	}
	var se mongo.ServerError
	if errors.As(err, &se) {
		for _, code := range []int{10107, 13435, 11600, 11602, 91, 189} { // not primary, shutting down, stepped down
			if se.HasErrorCode(code) {
				return true
			}
		}
	}
	var sel topology.ServerSelectionError
	return errors.As(err, &sel)
}
