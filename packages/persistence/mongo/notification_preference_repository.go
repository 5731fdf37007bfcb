package mongostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

const notificationPreferencesCollection = "notification_preferences"

// NotificationPreferenceRepository stores notification preferences in
// MongoDB: one document per user (its _id is the user's id), replaced whole
// by an upsert, so a save is one single-document write (no transaction).
type NotificationPreferenceRepository struct{ coll *mongo.Collection }

var _ notification.PreferenceRepository = (*NotificationPreferenceRepository)(nil)

type typePreferenceDoc struct {
	InApp   bool `bson:"inApp"`
	Desktop bool `bson:"desktop"`
	Quiet   bool `bson:"quiet"`
}

type notificationPreferencesDoc struct {
	UserID    string                       `bson:"_id"`
	Types     map[string]typePreferenceDoc `bson:"types"`
	UpdatedAt time.Time                    `bson:"updatedAt"`
}

// NewNotificationPreferenceRepository returns the repository (the _id index is all it needs).
func NewNotificationPreferenceRepository(_ context.Context, s *Store) (*NotificationPreferenceRepository, error) {
	return &NotificationPreferenceRepository{coll: s.db.Collection(notificationPreferencesCollection)}, nil
}

// Preferences implements notification.PreferenceRepository.
func (r *NotificationPreferenceRepository) Preferences(ctx context.Context, userID string) (notification.Preferences, error) {
	var d notificationPreferencesDoc
	err := r.coll.FindOne(ctx, bson.D{{Key: "_id", Value: userID}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return notification.DefaultPreferences(userID), nil
	}
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("mongo: notification preferences: %w", err)
	}
	byType := make(map[notification.Type]notification.TypePreference, len(d.Types))
	for t, v := range d.Types {
		byType[notification.Type(t)] = notification.TypePreference{InApp: v.InApp, Desktop: v.Desktop, Quiet: v.Quiet}
	}
	return notification.PreferencesFromStore(userID, byType, d.UpdatedAt), nil
}

// SavePreferences implements notification.PreferenceRepository.
func (r *NotificationPreferenceRepository) SavePreferences(ctx context.Context, p notification.Preferences) error {
	d := notificationPreferencesDoc{UserID: p.UserID(), Types: map[string]typePreferenceDoc{}, UpdatedAt: p.UpdatedAt()}
	for _, t := range p.Stored() {
		v := p.For(t)
		d.Types[string(t)] = typePreferenceDoc{InApp: v.InApp, Desktop: v.Desktop, Quiet: v.Quiet}
	}
	if _, err := r.coll.ReplaceOne(ctx, bson.D{{Key: "_id", Value: p.UserID()}}, d, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("mongo: save notification preferences: %w", err)
	}
	return nil
}
