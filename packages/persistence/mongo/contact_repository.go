package mongostore

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain/contact"
)

const contactPairsCollection = "contact_pairs"

// ContactRepository stores contact requests in MongoDB: one document per pair
// of users whose _id is the canonical pair key, so that the pair is unique
// without transactions (a standalone mongod has none). A new request replaces
// a declined one with a conditional update; answering is a conditional update
// from PENDING, so a double accept changes nothing the second time.
type ContactRepository struct{ coll *mongo.Collection }

var _ contact.Repository = (*ContactRepository)(nil)

type contactPairDoc struct {
	PairKey     string     `bson:"_id"`
	RequestID   string     `bson:"requestId"`
	RequesterID string     `bson:"requesterId"`
	RecipientID string     `bson:"recipientId"`
	Status      string     `bson:"status"`
	CreatedAt   time.Time  `bson:"createdAt"`
	RespondedAt *time.Time `bson:"respondedAt"`
}

// NewContactRepository creates the indexes and returns the repository.
func NewContactRepository(ctx context.Context, s *Store) (*ContactRepository, error) {
	if err := s.EnsureIndexes(ctx, contactPairsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "requestId", Value: 1}}, Options: options.Index().SetUnique(true).SetName("request_unique")},
		mongo.IndexModel{Keys: bson.D{{Key: "requesterId", Value: 1}, {Key: "status", Value: 1}}, Options: options.Index().SetName("requester_status")},
		mongo.IndexModel{Keys: bson.D{{Key: "recipientId", Value: 1}, {Key: "status", Value: 1}}, Options: options.Index().SetName("recipient_status")},
	); err != nil {
		return nil, err
	}
	return &ContactRepository{coll: s.db.Collection(contactPairsCollection)}, nil
}

// CreateRequest implements contact.Repository.
func (r *ContactRepository) CreateRequest(ctx context.Context, req contact.Request) error {
	rec := req.Record()
	doc := contactPairDoc{PairKey: req.PairKey(), RequestID: rec.ID, RequesterID: rec.RequesterID,
		RecipientID: rec.RecipientID, Status: string(contact.StatusPending), CreatedAt: rec.CreatedAt}
	for attempt := 0; attempt < 3; attempt++ {
		_, err := r.coll.InsertOne(ctx, doc)
		if err == nil {
			return nil
		}
		if !IsDuplicateKey(err) {
			return fmt.Errorf("mongo: create contact request: %w", err)
		}
		res, err := r.coll.UpdateOne(ctx,
			bson.D{{Key: "_id", Value: doc.PairKey}, {Key: "status", Value: string(contact.StatusDeclined)}},
			bson.D{{Key: "$set", Value: bson.D{
				{Key: "requestId", Value: doc.RequestID}, {Key: "requesterId", Value: doc.RequesterID},
				{Key: "recipientId", Value: doc.RecipientID}, {Key: "status", Value: doc.Status},
				{Key: "createdAt", Value: doc.CreatedAt}, {Key: "respondedAt", Value: nil}}}})
		if err != nil {
			return fmt.Errorf("mongo: replace declined contact request: %w", err)
		}
		if res.MatchedCount == 1 {
			return nil
		}
		var existing contactPairDoc
		err = r.coll.FindOne(ctx, bson.D{{Key: "_id", Value: doc.PairKey}}).Decode(&existing)
		switch {
		case IsNotFound(err): // removed meanwhile: try again
		case err != nil:
			return fmt.Errorf("mongo: read contact pair: %w", err)
		case contact.Status(existing.Status) == contact.StatusPending:
			return contact.ErrRequestPending
		case contact.Status(existing.Status) == contact.StatusAccepted:
			return contact.ErrAlreadyContacts
		}
	}
	return contact.ErrRequestPending
}

// RequestByID implements contact.Repository.
func (r *ContactRepository) RequestByID(ctx context.Context, id string) (contact.Request, error) {
	return findOne(ctx, r.coll, "find contact request", contact.ErrRequestNotFound, contactPairDoc.toDomain,
		bson.D{{Key: "requestId", Value: id}})
}

// Respond implements contact.Repository.
func (r *ContactRepository) Respond(ctx context.Context, id, recipientID string, status contact.Status, at time.Time) (bool, error) {
	res, err := r.coll.UpdateOne(ctx,
		bson.D{{Key: "requestId", Value: id}, {Key: "recipientId", Value: recipientID},
			{Key: "status", Value: string(contact.StatusPending)}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: string(status)}, {Key: "respondedAt", Value: at.UTC()}}}})
	if err != nil {
		return false, fmt.Errorf("mongo: respond to contact request: %w", err)
	}
	return res.MatchedCount == 1, nil
}

// Pending implements contact.Repository.
func (r *ContactRepository) Pending(ctx context.Context, userID string) (incoming, outgoing []contact.Request, err error) {
	pending := string(contact.StatusPending)
	docs, err := r.find(ctx, bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "recipientId", Value: userID}, {Key: "status", Value: pending}},
		bson.D{{Key: "requesterId", Value: userID}, {Key: "status", Value: pending}},
	}}}, bson.D{{Key: "requestId", Value: 1}})
	if err != nil {
		return nil, nil, fmt.Errorf("mongo: pending contact requests: %w", err)
	}
	incoming, outgoing = []contact.Request{}, []contact.Request{}
	for _, d := range docs {
		if d.RecipientID == userID {
			incoming = append(incoming, d.toDomain())
		} else {
			outgoing = append(outgoing, d.toDomain())
		}
	}
	return incoming, outgoing, nil
}

// Contacts implements contact.Repository.
func (r *ContactRepository) Contacts(ctx context.Context, userID string) ([]contact.Contact, error) {
	accepted := string(contact.StatusAccepted)
	docs, err := r.find(ctx, bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "requesterId", Value: userID}, {Key: "status", Value: accepted}},
		bson.D{{Key: "recipientId", Value: userID}, {Key: "status", Value: accepted}},
	}}}, bson.D{{Key: "respondedAt", Value: -1}, {Key: "requestId", Value: -1}})
	if err != nil {
		return nil, fmt.Errorf("mongo: contacts: %w", err)
	}
	out := make([]contact.Contact, 0, len(docs))
	for _, d := range docs {
		other := d.RecipientID
		if other == userID {
			other = d.RequesterID
		}
		c := contact.Contact{UserID: userID, ContactID: other}
		if d.RespondedAt != nil {
			c.Since = d.RespondedAt.UTC()
		}
		out = append(out, c)
	}
	return out, nil
}

// AreContacts implements contact.Repository.
func (r *ContactRepository) AreContacts(ctx context.Context, a, b string) (bool, error) {
	n, err := r.coll.CountDocuments(ctx, bson.D{{Key: "_id", Value: contact.PairKey(a, b)},
		{Key: "status", Value: string(contact.StatusAccepted)}}, options.Count().SetLimit(1))
	if err != nil {
		return false, fmt.Errorf("mongo: are contacts: %w", err)
	}
	return n > 0, nil
}

// Remove implements contact.Repository.
func (r *ContactRepository) Remove(ctx context.Context, a, b string) error {
	res, err := r.coll.DeleteOne(ctx, bson.D{{Key: "_id", Value: contact.PairKey(a, b)},
		{Key: "status", Value: string(contact.StatusAccepted)}})
	if err != nil {
		return fmt.Errorf("mongo: remove contact: %w", err)
	}
	if res.DeletedCount == 0 {
		return contact.ErrNotContacts
	}
	return nil
}

func (r *ContactRepository) find(ctx context.Context, filter, sort bson.D) ([]contactPairDoc, error) {
	return findAll[contactPairDoc](ctx, r.coll, filter, options.Find().SetSort(sort))
}

func (d contactPairDoc) toDomain() contact.Request {
	return contact.FromStore(contact.StoreRecord{ID: d.RequestID, RequesterID: d.RequesterID, RecipientID: d.RecipientID,
		Status: contact.Status(d.Status), CreatedAt: d.CreatedAt, RespondedAt: d.RespondedAt})
}
