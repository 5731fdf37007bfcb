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

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/message"
)

const (
	messagesCollection      = "messages"
	conversationsCollection = "message_conversations"
)

// MessageRepository stores direct messages in MongoDB.
//
// The conversations list uses a denormalised head per conversation (one
// document per pair of users: its two users and its newest message id),
// moved forward on every send with a conditional upsert, instead of one
// aggregation over all of a user's messages: a $group that picks each
// conversation's newest message needs $max/$first, which our MongoDB
// stand-in lacks, and the heads keep the list one indexed read however many
// messages there are. Unread counts are always computed from the messages
// themselves with one $match/$group/$sum aggregation (a single accumulator),
// so they never drift. Listing takes three queries whatever the number of
// conversations: the heads, their last messages by id, the unread counts.
type MessageRepository struct {
	coll  *mongo.Collection
	heads *mongo.Collection
	log   *slog.Logger
}

var _ message.Repository = (*MessageRepository)(nil)

type messageDoc struct {
	ID          string      `bson:"_id"`
	PairKey     string      `bson:"pairKey"`
	SenderID    string      `bson:"senderId"`
	RecipientID string      `bson:"recipientId"`
	Content     string      `bson:"content"`
	CreatedAt   time.Time   `bson:"createdAt"`
	ReadAt      *time.Time  `bson:"readAt"`
	Req         *requestDoc `bson:"req,omitempty"`
}

type conversationHeadDoc struct {
	PairKey       string   `bson:"_id"`
	Users         []string `bson:"users"`
	LastMessageID string   `bson:"lastMessageId"`
}

// NewMessageRepository creates the indexes and returns the repository.
func NewMessageRepository(ctx context.Context, s *Store) (*MessageRepository, error) {
	if err := s.EnsureIndexes(ctx, messagesCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "pairKey", Value: 1}, {Key: "_id", Value: -1}}, Options: options.Index().SetName("pair_id")},
		mongo.IndexModel{Keys: bson.D{{Key: "recipientId", Value: 1}, {Key: "readAt", Value: 1}, {Key: "senderId", Value: 1}},
			Options: options.Index().SetName("recipient_unread_sender")},
	); err != nil {
		return nil, err
	}
	if err := s.EnsureIndexes(ctx, conversationsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "users", Value: 1}, {Key: "lastMessageId", Value: -1}}, Options: options.Index().SetName("users_last")},
	); err != nil {
		return nil, err
	}
	ensureRequestIndex(ctx, s, messagesCollection)
	return &MessageRepository{coll: s.db.Collection(messagesCollection), heads: s.db.Collection(conversationsCollection), log: s.log}, nil
}

// Create implements message.Repository: it inserts the message, then moves
// the conversation's head forward. A failure of the second step is logged,
// not returned: the message is stored, and the next message of the
// conversation moves its head past it.
func (r *MessageRepository) Create(ctx context.Context, m message.Message) error {
	rec := m.Record()
	req, keyed := m.Request()
	if keyed {
		if _, _, err := r.ByRequest(ctx, req.Scope, req.Key); err == nil {
			return fmt.Errorf("mongo: create message: %w", domain.ErrRequestExists)
		}
	}
	_, err := r.coll.InsertOne(ctx, messageDoc{ID: rec.ID, PairKey: m.PairKey(), SenderID: rec.SenderID,
		RecipientID: rec.RecipientID, Content: rec.Content, CreatedAt: rec.CreatedAt, ReadAt: rec.ReadAt,
		Req: newRequestDoc(req, keyed)})
	if IsDuplicateKey(err) && keyed {
		if _, _, err := r.ByRequest(ctx, req.Scope, req.Key); err == nil {
			return fmt.Errorf("mongo: create message: %w", domain.ErrRequestExists)
		}
	}
	if IsDuplicateKey(err) {
		return fmt.Errorf("mongo: message %s exists: %w", rec.ID, domain.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("mongo: create message: %w", err)
	}
	if err := r.advanceHead(context.WithoutCancel(ctx), m); err != nil {
		r.log.WarnContext(ctx, "conversation head not updated", "message", rec.ID, "err", err)
	}
	return nil
}

// advanceHead sets the conversation's newest message to m unless a newer one
// is recorded: the filter matches only an older head; when none matches, the
// upsert inserts the pair's _id, which fails as a duplicate when a head
// exists. That head may be newer (nothing to do) or an older one inserted
// concurrently, so the conditional update runs once more without upsert.
func (r *MessageRepository) advanceHead(ctx context.Context, m message.Message) error {
	users := []string{m.SenderID(), m.RecipientID()}
	if users[1] < users[0] {
		users[0], users[1] = users[1], users[0]
	}
	filter := bson.D{{Key: "_id", Value: m.PairKey()}, {Key: "lastMessageId", Value: bson.D{{Key: "$lt", Value: m.ID()}}}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "users", Value: users}, {Key: "lastMessageId", Value: m.ID()}}}}
	_, err := r.heads.UpdateOne(ctx, filter, update, options.UpdateOne().SetUpsert(true))
	if IsDuplicateKey(err) {
		_, err = r.heads.UpdateOne(ctx, filter, update)
	}
	return err
}

// Page implements message.Repository.
func (r *MessageRepository) Page(ctx context.Context, q message.PageQuery) (message.Page, error) {
	if q.Limit < 1 || q.Limit > message.MaxPageSize {
		return message.Page{}, domain.Invalid("limit", fmt.Sprintf("must be 1 to %d", message.MaxPageSize))
	}
	filter := bson.D{{Key: "pairKey", Value: message.PairKey(q.UserID, q.OtherID)}}
	if q.Before != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$lt", Value: q.Before}}})
	}
	docs, err := r.find(ctx, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(q.Limit+1)))
	if err != nil {
		return message.Page{}, fmt.Errorf("mongo: message page: %w", err)
	}
	items := make([]message.Message, len(docs))
	for i, d := range docs {
		items[i] = d.toDomain()
	}
	var p message.Page
	if len(items) > q.Limit {
		items = items[:q.Limit]
		p.NextCursor = items[q.Limit-1].ID()
	}
	p.Items = make([]message.Message, len(items))
	for i, m := range items {
		p.Items[len(items)-1-i] = m
	}
	return p, nil
}

// Exists implements message.Repository.
func (r *MessageRepository) Exists(ctx context.Context, a, b string) (bool, error) {
	n, err := r.coll.CountDocuments(ctx, bson.D{{Key: "pairKey", Value: message.PairKey(a, b)}}, options.Count().SetLimit(1))
	if err != nil {
		return false, fmt.Errorf("mongo: conversation exists: %w", err)
	}
	return n > 0, nil
}

// Conversations implements message.Repository in three queries (see the type's comment).
func (r *MessageRepository) Conversations(ctx context.Context, userID string, limit int) ([]message.Conversation, error) {
	cur, err := r.heads.Find(ctx, bson.D{{Key: "users", Value: userID}},
		options.Find().SetSort(bson.D{{Key: "lastMessageId", Value: -1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, fmt.Errorf("mongo: conversation heads: %w", err)
	}
	var heads []conversationHeadDoc
	if err := cur.All(ctx, &heads); err != nil {
		return nil, fmt.Errorf("mongo: conversation heads: %w", err)
	}
	if len(heads) == 0 {
		return []message.Conversation{}, nil
	}
	ids := make([]string, len(heads))
	for i, h := range heads {
		ids[i] = h.LastMessageID
	}
	docs, err := r.find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}}, nil)
	if err != nil {
		return nil, fmt.Errorf("mongo: last messages: %w", err)
	}
	last := make(map[string]message.Message, len(docs))
	for _, d := range docs {
		last[d.ID] = d.toDomain()
	}
	unread, err := r.unreadBySender(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]message.Conversation, 0, len(heads))
	for _, h := range heads {
		m, ok := last[h.LastMessageID]
		if !ok {
			continue
		}
		other := m.SenderID()
		if other == userID {
			other = m.RecipientID()
		}
		out = append(out, message.Conversation{OtherID: other, LastMessage: m, UnreadCount: unread[other]})
	}
	return out, nil
}

// unreadBySender counts userID's unread messages per sender: one
// $match/$group with a single $sum accumulator.
func (r *MessageRepository) unreadBySender(ctx context.Context, userID string) (map[string]int, error) {
	cur, err := r.coll.Aggregate(ctx, mongo.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "recipientId", Value: userID}, {Key: "readAt", Value: nil}}}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$senderId"}, {Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
	})
	if err != nil {
		return nil, fmt.Errorf("mongo: unread counts: %w", err)
	}
	var rows []struct {
		SenderID string `bson:"_id"`
		N        int64  `bson:"n"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, fmt.Errorf("mongo: unread counts: %w", err)
	}
	out := make(map[string]int, len(rows))
	for _, row := range rows {
		out[row.SenderID] = int(row.N)
	}
	return out, nil
}

// MarkConversationRead implements message.Repository.
func (r *MessageRepository) MarkConversationRead(ctx context.Context, readerID, otherID string, at time.Time) (int, error) {
	res, err := r.coll.UpdateMany(ctx,
		bson.D{{Key: "recipientId", Value: readerID}, {Key: "readAt", Value: nil}, {Key: "senderId", Value: otherID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "readAt", Value: at.UTC()}}}})
	if err != nil {
		return 0, fmt.Errorf("mongo: mark conversation read: %w", err)
	}
	return int(res.ModifiedCount), nil
}

// LastRead implements message.Repository (newest first through the pair_id index).
func (r *MessageRepository) LastRead(ctx context.Context, readerID, otherID string) (message.Message, error) {
	var d messageDoc
	err := r.coll.FindOne(ctx, bson.D{{Key: "pairKey", Value: message.PairKey(readerID, otherID)},
		{Key: "senderId", Value: otherID}, {Key: "recipientId", Value: readerID}, {Key: "readAt", Value: bson.D{{Key: "$ne", Value: nil}}}},
		options.FindOne().SetSort(bson.D{{Key: "_id", Value: -1}})).Decode(&d)
	if IsNotFound(err) {
		return message.Message{}, message.ErrNotFound
	}
	if err != nil {
		return message.Message{}, fmt.Errorf("mongo: last read message: %w", err)
	}
	return d.toDomain(), nil
}

func (r *MessageRepository) find(ctx context.Context, filter bson.D, opts *options.FindOptionsBuilder) ([]messageDoc, error) {
	if opts == nil {
		opts = options.Find()
	}
	return findAll[messageDoc](ctx, r.coll, filter, opts)
}

func (d messageDoc) toDomain() message.Message {
	return message.FromStore(message.StoreRecord{ID: d.ID, SenderID: d.SenderID, RecipientID: d.RecipientID,
		Content: d.Content, CreatedAt: d.CreatedAt, ReadAt: d.ReadAt})
}

// ByRequest implements message.Repository (the req_scope_key index).
func (r *MessageRepository) ByRequest(ctx context.Context, scope, key string) (message.Message, string, error) {
	var d messageDoc
	err := r.coll.FindOne(ctx, bson.D{{Key: "req.scope", Value: scope}, {Key: "req.key", Value: key}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return message.Message{}, "", fmt.Errorf("request %s: %w", key, message.ErrNotFound)
	}
	if err != nil {
		return message.Message{}, "", fmt.Errorf("mongo: message by request: %w", err)
	}
	return d.toDomain(), d.Req.Hash, nil
}
