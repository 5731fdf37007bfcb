package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/user"
)

const usersCollection = "users"

// UserRepository stores users in MongoDB.
type UserRepository struct{ coll *mongo.Collection }

var (
	_ user.Repository  = (*UserRepository)(nil)
	_ user.Credentials = (*UserRepository)(nil)
)

type userDoc struct {
	ID           string    `bson:"_id"`
	Email        string    `bson:"email"`
	Name         string    `bson:"name"`
	BusinessName string    `bson:"businessName"`
	PasswordHash string    `bson:"passwordHash"`
	Active       bool      `bson:"active"`
	Roles        []string  `bson:"roles,omitempty"`
	CreatedAt    time.Time `bson:"createdAt"`
}

// NewUserRepository creates the unique email index and returns the repository.
func NewUserRepository(ctx context.Context, s *Store) (*UserRepository, error) {
	if err := s.EnsureIndexes(ctx, usersCollection, mongo.IndexModel{
		Keys: bson.D{{Key: "email", Value: 1}}, Options: options.Index().SetUnique(true).SetName("email_unique"),
	}); err != nil {
		return nil, err
	}
	return &UserRepository{coll: s.db.Collection(usersCollection)}, nil
}

// Create implements user.Repository.
func (r *UserRepository) Create(ctx context.Context, u user.User) error {
	_, err := r.coll.InsertOne(ctx, userDoc{ID: u.ID(), Email: u.Email(), Name: u.Name(), BusinessName: u.BusinessName(),
		PasswordHash: u.PasswordHash(), Active: u.Active(), Roles: roleNames(u.Roles()), CreatedAt: u.CreatedAt()})
	if IsDuplicateKey(err) {
		return user.ErrEmailTaken
	}
	if err != nil {
		return fmt.Errorf("mongo: create user: %w", err)
	}
	return nil
}

// ByID implements user.Repository.
func (r *UserRepository) ByID(ctx context.Context, id string) (user.User, error) {
	return r.one(ctx, bson.D{{Key: "_id", Value: id}})
}

// ByEmail implements user.Repository.
func (r *UserRepository) ByEmail(ctx context.Context, email string) (user.User, error) {
	return r.one(ctx, bson.D{{Key: "email", Value: email}})
}

// ByIDs implements user.Repository.
func (r *UserRepository) ByIDs(ctx context.Context, ids []string) ([]user.User, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return findMapped(ctx, r.coll, "users by ids", userDoc.toDomain, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}})
}

func (r *UserRepository) one(ctx context.Context, filter bson.D) (user.User, error) {
	return findOne(ctx, r.coll, "find user", user.ErrNotFound, userDoc.toDomain, filter)
}

func (d userDoc) toDomain() user.User {
	roles := make([]user.Role, len(d.Roles))
	for i, r := range d.Roles {
		roles[i] = user.Role(r)
	}
	return user.FromStore(d.ID, d.Email, d.Name, d.BusinessName, d.PasswordHash, d.Active, d.CreatedAt).WithRoles(roles...)
}

// SetPassword implements user.Credentials.
func (r *UserRepository) SetPassword(ctx context.Context, id, passwordHash string) error {
	return r.set(ctx, "set password", id, bson.D{{Key: "passwordHash", Value: passwordHash}})
}

// SetActive implements user.Credentials.
func (r *UserRepository) SetActive(ctx context.Context, id string, active bool) error {
	return r.set(ctx, "set active", id, bson.D{{Key: "active", Value: active}})
}

func (r *UserRepository) set(ctx context.Context, what, id string, fields bson.D) error {
	res, err := r.coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: fields}})
	if err != nil {
		return fmt.Errorf("mongo: %s: %w", what, err)
	}
	if res.MatchedCount == 0 {
		return user.ErrNotFound
	}
	return nil
}

func roleNames(roles []user.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}
