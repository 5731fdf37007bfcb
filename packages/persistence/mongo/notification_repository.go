package mongostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

const (
	notificationsCollection     = "notifications"
	notificationHeadsCollection = "notificationHeads"
	notificationsTTLIndex       = "createdAt_ttl"
)

// NotificationRepository stores notifications in MongoDB. Ids are the
// time-sortable domain ids, so _id order is creation order: listings and
// replay sort on _id.
//
// Each user's seq and newest id live in a head document (notificationHeads,
// _id = user id), advanced by findOneAndUpdate before the insert (see place).
// A standalone server has no multi-document transactions, so the head and the
// notification are two writes: two instances (or two requests) storing for
// one user at the same moment may insert in a different order than their
// seqs for a moment, and a create that fails (or a process that stops)
// between the two writes leaves a seq never stored. The hub tolerates both: it
// orders by seq and gives up waiting for a missing one.
//
// Request keys are kept on the notification they created (req: {scope, key,
// hash}), unique through the sparse index req_scope_key, for as long as the
// notification is kept (NOTIFICATION_TTL).
type NotificationRepository struct {
	coll   *mongo.Collection
	heads  *mongo.Collection
	hasTTL bool
}

type notificationHeadDoc struct {
	ID     string `bson:"_id"`
	Seq    int64  `bson:"seq"`
	LastID string `bson:"lastId"`
}

// requestDoc is the client request key a document was created under.
type requestDoc struct {
	Scope string `bson:"scope"`
	Key   string `bson:"key"`
	Hash  string `bson:"hash"`
}

// requestIndex makes a request key unique among the documents that have one.
func requestIndex() mongo.IndexModel {
	return mongo.IndexModel{Keys: bson.D{{Key: "req.scope", Value: 1}, {Key: "req.key", Value: 1}},
		Options: options.Index().SetName("req_scope_key").SetUnique(true).SetSparse(true)}
}

// ensureRequestIndex creates requestIndex on coll; a server that refuses it
// is logged (keys are then checked before the insert only).
func ensureRequestIndex(ctx context.Context, s *Store, coll string) {
	if _, err := s.db.Collection(coll).Indexes().CreateOne(ctx, requestIndex()); err != nil {
		s.log.Warn("mongo: the server refused the sparse unique request-key index", "collection", coll, "err", err)
	}
}

func newRequestDoc(req domain.RequestKey, ok bool) *requestDoc {
	if !ok {
		return nil
	}
	return &requestDoc{Scope: req.Scope, Key: req.Key, Hash: req.Hash}
}

var _ notification.Repository = (*NotificationRepository)(nil)

type notificationDoc struct {
	ID        string      `bson:"_id"`
	UserID    string      `bson:"userId"`
	Type      string      `bson:"type"`
	Title     string      `bson:"title"`
	Message   string      `bson:"message"`
	Metadata  bson.Raw    `bson:"metadata"`
	ActionURL string      `bson:"actionUrl"`
	Priority  string      `bson:"priority"`
	Source    string      `bson:"source"`
	Read      bool        `bson:"read"`
	ReadAt    *time.Time  `bson:"readAt,omitempty"`
	CreatedAt time.Time   `bson:"createdAt"`
	Seq       int64       `bson:"seq,omitempty"`
	Req       *requestDoc `bson:"req,omitempty"`
	// ArchivedAt is set by Archive (absent or null: in the inbox).
	ArchivedAt *time.Time `bson:"archivedAt,omitempty"`
}

// NewNotificationRepository creates the indexes and returns the repository.
// With ttl > 0 it also creates a TTL index on createdAt, so that the server
// removes notifications older than ttl; a server that refuses it (or an
// existing index it cannot change) is logged, and HasTTLIndex reports false so
// that the caller purges on a timer instead.
func NewNotificationRepository(ctx context.Context, s *Store, ttl time.Duration) (*NotificationRepository, error) {
	if err := s.EnsureIndexes(ctx, notificationsCollection,
		mongo.IndexModel{Keys: bson.D{{Key: "userId", Value: 1}, {Key: "_id", Value: -1}},
			Options: options.Index().SetName("userId_id")},
		mongo.IndexModel{Keys: bson.D{{Key: "userId", Value: 1}, {Key: "read", Value: 1}, {Key: "_id", Value: -1}},
			Options: options.Index().SetName("userId_read_id")},
	); err != nil {
		return nil, err
	}
	ensureRequestIndex(ctx, s, notificationsCollection)
	r := &NotificationRepository{coll: s.db.Collection(notificationsCollection), heads: s.db.Collection(notificationHeadsCollection)}
	if ttl > 0 {
		r.hasTTL = ensureTTLIndex(ctx, s, int32(min(ttl/time.Second, 1<<31-1)))
	}
	return r, nil
}

func ensureTTLIndex(ctx context.Context, s *Store, seconds int32) bool {
	_, err := s.db.Collection(notificationsCollection).Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "createdAt", Value: 1}},
		Options: options.Index().SetName(notificationsTTLIndex).SetExpireAfterSeconds(seconds),
	})
	if err == nil {
		return true
	}
	// The index exists with another TTL (NOTIFICATION_TTL changed): change it in place.
	if cerr := s.db.RunCommand(ctx, bson.D{{Key: "collMod", Value: notificationsCollection},
		{Key: "index", Value: bson.D{{Key: "name", Value: notificationsTTLIndex}, {Key: "expireAfterSeconds", Value: seconds}}}}).Err(); cerr == nil {
		return true
	}
	s.log.Warn("mongo: the server refused the notifications TTL index; purging on a timer instead", "err", err)
	return false
}

// HasTTLIndex reports whether the server expires old notifications itself.
func (r *NotificationRepository) HasTTLIndex() bool { return r.hasTTL }

// Create implements notification.Repository: the user's head gives the seq
// (and moves the id past the user's newest when needed), then the insert; the
// count after it is counted on the {userId, read, _id} index.
func (r *NotificationRepository) Create(ctx context.Context, n notification.Notification) (notification.Created, error) {
	if err := r.requestUsed(ctx, n); err != nil {
		return notification.Created{}, err
	}
	id, seq, err := r.place(ctx, n.UserID(), n.ID())
	if err != nil {
		return notification.Created{}, fmt.Errorf("mongo: create notification: %w", err)
	}
	n = n.Stored(id, seq)
	doc, err := newNotificationDoc(n)
	if err != nil {
		return notification.Created{}, err
	}
	if _, err = r.coll.InsertOne(ctx, doc); err != nil {
		return notification.Created{}, r.insertError(ctx, n, err)
	}
	unread, err := r.UnreadCount(ctx, n.UserID())
	if err != nil {
		return notification.Created{}, err
	}
	return notification.Created{Notification: n, Unread: unread}, nil
}

// newNotificationDoc is n as stored (with its final id and seq).
func newNotificationDoc(n notification.Notification) (notificationDoc, error) {
	rec := n.Record()
	meta, err := bson.Marshal(rec.Metadata)
	if err != nil {
		return notificationDoc{}, fmt.Errorf("mongo: create notification: metadata: %w", err)
	}
	req, keyed := n.Request()
	return notificationDoc{ID: rec.ID, UserID: rec.UserID, Type: string(rec.Type), Title: rec.Title,
		Message: rec.Message, Metadata: meta, ActionURL: rec.ActionURL, Priority: string(rec.Priority), Source: rec.Source,
		Read: rec.Read, ReadAt: rec.ReadAt, CreatedAt: rec.CreatedAt, Seq: rec.Seq, Req: newRequestDoc(req, keyed)}, nil
}

// requestUsed returns domain.ErrRequestExists when n is keyed and its key is
// already stored (checked before the write too, for a server that refused
// the unique request-key index).
func (r *NotificationRepository) requestUsed(ctx context.Context, n notification.Notification) error {
	req, keyed := n.Request()
	if !keyed {
		return nil
	}
	if _, _, err := r.ByRequest(ctx, req.Scope, req.Key); err == nil {
		return fmt.Errorf("mongo: create notification: %w", domain.ErrRequestExists)
	}
	return nil
}

// insertError maps the failed insert of n: a duplicate key is its request
// key stored meanwhile (domain.ErrRequestExists) or its id (ErrConflict).
func (r *NotificationRepository) insertError(ctx context.Context, n notification.Notification, err error) error {
	if !IsDuplicateKey(err) {
		return fmt.Errorf("mongo: create notification: %w", err)
	}
	if used := r.requestUsed(ctx, n); used != nil {
		return used
	}
	return fmt.Errorf("notification %s exists: %w", n.ID(), domain.ErrConflict)
}

// placeAttempts bounds the retries of place when other creates for the
// same user keep moving its head.
const placeAttempts = 8

// place takes the user's next seq and, when id does not sort after the
// user's newest id, the id just after that one: one findOneAndUpdate ($inc
// seq, $max lastId, the new head returned) in the common case. When the
// returned lastId is not ours, a conditional update moves lastId to the id
// just after it, on the condition that nobody took a seq since ours; if
// somebody did, a new seq and the moved id are taken together in one
// conditional update (the first seq stays a hole). So the head's seq and
// lastId always move together and a user's ids sort as their seqs; ids are
// never handed out twice.
func (r *NotificationRepository) place(ctx context.Context, userID, id string) (string, int64, error) {
	var h notificationHeadDoc
	err := r.heads.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: userID}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: 1}}}, {Key: "$max", Value: bson.D{{Key: "lastId", Value: id}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&h)
	if err != nil {
		return "", 0, fmt.Errorf("head: %w", err)
	}
	if h.LastID == id {
		return id, h.Seq, nil
	}
	filter := bson.D{{Key: "_id", Value: userID}, {Key: "seq", Value: h.Seq}, {Key: "lastId", Value: h.LastID}}
	takeSeq := false
	for range placeAttempts {
		next := domain.IDAfter(h.LastID)
		update := bson.D{{Key: "$set", Value: bson.D{{Key: "lastId", Value: next}}}}
		if takeSeq {
			update = append(update, bson.E{Key: "$inc", Value: bson.D{{Key: "seq", Value: 1}}})
		}
		var got notificationHeadDoc
		err := r.heads.FindOneAndUpdate(ctx, filter, update,
			options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&got)
		if err == nil {
			return next, got.Seq, nil
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return "", 0, fmt.Errorf("head: %w", err)
		}
		// Another create moved the head meanwhile: read it and take a new seq
		// with the id after its newest.
		if err := r.heads.FindOne(ctx, bson.D{{Key: "_id", Value: userID}}).Decode(&h); err != nil {
			return "", 0, fmt.Errorf("head: %w", err)
		}
		filter = bson.D{{Key: "_id", Value: userID}, {Key: "seq", Value: h.Seq}, {Key: "lastId", Value: h.LastID}}
		takeSeq = true
	}
	return "", 0, fmt.Errorf("head of user %s kept moving: %w", userID, domain.ErrConflict)
}

// Head implements notification.Repository.
func (r *NotificationRepository) Head(ctx context.Context, userID string) (notification.Head, error) {
	var h notificationHeadDoc
	err := r.heads.FindOne(ctx, bson.D{{Key: "_id", Value: userID}}).Decode(&h)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return notification.Head{}, fmt.Errorf("mongo: notification head: %w", err)
	}
	unread, err := r.UnreadCount(ctx, userID)
	if err != nil {
		return notification.Head{}, err
	}
	return notification.Head{Unread: unread, Seq: h.Seq, LastID: h.LastID}, nil
}

// Has implements notification.Repository (the {userId, _id} index).
func (r *NotificationRepository) Has(ctx context.Context, userID, id string) (bool, error) {
	n, err := r.coll.CountDocuments(ctx, bson.D{{Key: "userId", Value: userID}, {Key: "_id", Value: id}}, options.Count().SetLimit(1))
	if err != nil {
		return false, fmt.Errorf("mongo: notification lookup: %w", err)
	}
	return n > 0, nil
}

// ByRequest implements notification.Repository (the req_scope_key index).
// Keys live on their notification, as long as it does.
func (r *NotificationRepository) ByRequest(ctx context.Context, scope, key string) (notification.Notification, string, error) {
	var d notificationDoc
	err := r.coll.FindOne(ctx, bson.D{{Key: "req.scope", Value: scope}, {Key: "req.key", Value: key}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return notification.Notification{}, "", fmt.Errorf("request %s: %w", key, notification.ErrNotFound)
	}
	if err != nil {
		return notification.Notification{}, "", fmt.Errorf("mongo: notification by request: %w", err)
	}
	n, err := d.toDomain()
	if err != nil {
		return notification.Notification{}, "", err
	}
	return n, d.Req.Hash, nil
}

// List implements notification.Repository.
func (r *NotificationRepository) List(ctx context.Context, q notification.ListQuery) (notification.Page, error) {
	filter := bson.D{{Key: "userId", Value: q.UserID}}
	if q.Status == notification.StatusUnread {
		filter = append(filter, bson.E{Key: "read", Value: false})
	}
	if q.Type != "" {
		filter = append(filter, bson.E{Key: "type", Value: string(q.Type)})
	}
	if q.Archived {
		filter = append(filter, bson.E{Key: "archivedAt", Value: bson.D{{Key: "$ne", Value: nil}}})
	} else {
		filter = append(filter, bson.E{Key: "archivedAt", Value: nil}) // absent or null
	}
	if len(q.Priorities) > 0 {
		in := make(bson.A, len(q.Priorities))
		for i, p := range q.Priorities {
			in[i] = string(p)
		}
		filter = append(filter, bson.E{Key: "priority", Value: bson.D{{Key: "$in", Value: in}}})
	}
	if q.Cursor != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$lt", Value: q.Cursor}}})
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	items, err := r.find(ctx, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit+1)))
	if err != nil {
		return notification.Page{}, fmt.Errorf("mongo: list notifications: %w", err)
	}
	page := notification.Page{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = items[limit-1].ID()
	}
	return page, nil
}

// After implements notification.Repository.
func (r *NotificationRepository) After(ctx context.Context, userID, afterID string, limit int) ([]notification.Notification, error) {
	if limit <= 0 {
		limit = 100
	}
	items, err := r.find(ctx, bson.D{{Key: "userId", Value: userID}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: afterID}}}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, fmt.Errorf("mongo: notifications after: %w", err)
	}
	return items, nil
}

// UnreadCount implements notification.Repository.
func (r *NotificationRepository) UnreadCount(ctx context.Context, userID string) (int, error) {
	n, err := r.coll.CountDocuments(ctx, bson.D{{Key: "userId", Value: userID}, {Key: "read", Value: false}})
	if err != nil {
		return 0, fmt.Errorf("mongo: unread count: %w", err)
	}
	return int(n), nil
}

func readUpdate(at time.Time) bson.D {
	return bson.D{{Key: "$set", Value: bson.D{{Key: "read", Value: true}, {Key: "readAt", Value: at.UTC()}}}}
}

// MarkRead implements notification.Repository.
func (r *NotificationRepository) MarkRead(ctx context.Context, userID, id string, at time.Time) (bool, error) {
	return r.change(ctx, "mark read", userID, id, bson.E{Key: "read", Value: false}, readUpdate(at))
}

// MarkUnread implements notification.Repository.
func (r *NotificationRepository) MarkUnread(ctx context.Context, userID, id string) (bool, error) {
	return r.change(ctx, "mark unread", userID, id,
		bson.E{Key: "$or", Value: bson.A{bson.D{{Key: "read", Value: true}}, bson.D{{Key: "archivedAt", Value: bson.D{{Key: "$ne", Value: nil}}}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "read", Value: false}}},
			{Key: "$unset", Value: bson.D{{Key: "readAt", Value: ""}, {Key: "archivedAt", Value: ""}}}})
}

// Archive implements notification.Repository: $min keeps an earlier readAt.
func (r *NotificationRepository) Archive(ctx context.Context, userID, id string, at time.Time) (bool, error) {
	return r.change(ctx, "archive", userID, id, bson.E{Key: "archivedAt", Value: nil},
		bson.D{{Key: "$set", Value: bson.D{{Key: "archivedAt", Value: at.UTC()}, {Key: "read", Value: true}}},
			{Key: "$min", Value: bson.D{{Key: "readAt", Value: at.UTC()}}}})
}

// change updates one of userID's notifications when cond holds, and tells
// "changed", "already so" and "not theirs" apart (one document: no transaction).
func (r *NotificationRepository) change(ctx context.Context, what, userID, id string, cond bson.E, update bson.D) (bool, error) {
	if !domain.ValidID(id) {
		return false, notification.ErrNotFound
	}
	res, err := r.coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "userId", Value: userID}, cond}, update)
	if err != nil {
		return false, fmt.Errorf("mongo: %s: %w", what, err)
	}
	if res.MatchedCount > 0 {
		return true, nil
	}
	n, err := r.coll.CountDocuments(ctx, bson.D{{Key: "_id", Value: id}, {Key: "userId", Value: userID}}, options.Count().SetLimit(1))
	if err != nil {
		return false, fmt.Errorf("mongo: %s: %w", what, err)
	}
	if n == 0 {
		return false, notification.ErrNotFound
	}
	return false, nil
}

// MarkAllRead implements notification.Repository.
func (r *NotificationRepository) MarkAllRead(ctx context.Context, userID string, at time.Time) (int, error) {
	res, err := r.coll.UpdateMany(ctx, bson.D{{Key: "userId", Value: userID}, {Key: "read", Value: false}}, readUpdate(at))
	if err != nil {
		return 0, fmt.Errorf("mongo: mark all read: %w", err)
	}
	return int(res.ModifiedCount), nil
}

// MarkMatchingRead implements notification.Repository. Without transactions,
// it finds the candidates and then marks each one conditionally: an id is
// returned only by the call that changed it.
func (r *NotificationRepository) MarkMatchingRead(ctx context.Context, m notification.Match, at time.Time) ([]string, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	cur, err := r.coll.Find(ctx, bson.D{{Key: "userId", Value: m.UserID}, {Key: "read", Value: false},
		{Key: "type", Value: string(m.Type)}, {Key: "metadata." + m.MetadataKey, Value: m.Value}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}).SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(5000))
	if err != nil {
		return nil, fmt.Errorf("mongo: mark matching read: %w", err)
	}
	var found []struct {
		ID string `bson:"_id"`
	}
	if err := cur.All(ctx, &found); err != nil {
		return nil, fmt.Errorf("mongo: mark matching read: %w", err)
	}
	var ids []string
	for _, f := range found {
		res, err := r.coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: f.ID}, {Key: "read", Value: false}}, readUpdate(at))
		if err != nil {
			return ids, fmt.Errorf("mongo: mark matching read: %w", err)
		}
		if res.ModifiedCount > 0 {
			ids = append(ids, f.ID)
		}
	}
	return ids, nil
}

// Delete implements notification.Repository.
func (r *NotificationRepository) Delete(ctx context.Context, userID, id string) error {
	if !domain.ValidID(id) {
		return notification.ErrNotFound
	}
	res, err := r.coll.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "userId", Value: userID}})
	if err != nil {
		return fmt.Errorf("mongo: delete notification: %w", err)
	}
	if res.DeletedCount == 0 {
		return notification.ErrNotFound
	}
	return nil
}

// DeleteOlderThan implements notification.Repository (the purge where the
// server has no TTL index; the TTL monitor does it otherwise).
func (r *NotificationRepository) DeleteOlderThan(ctx context.Context, cutoff time.Time) (int, error) {
	res, err := r.coll.DeleteMany(ctx, bson.D{{Key: "createdAt", Value: bson.D{{Key: "$lt", Value: cutoff.UTC()}}}})
	if err != nil {
		return 0, fmt.Errorf("mongo: purge notifications: %w", err)
	}
	return int(res.DeletedCount), nil
}

func (r *NotificationRepository) find(ctx context.Context, filter bson.D, opts *options.FindOptionsBuilder) ([]notification.Notification, error) {
	docs, err := findAll[notificationDoc](ctx, r.coll, filter, opts)
	if err != nil {
		return nil, err
	}
	out := make([]notification.Notification, len(docs))
	for i, d := range docs {
		n, err := d.toDomain()
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func (d notificationDoc) toDomain() (notification.Notification, error) {
	meta := map[string]any{}
	if len(d.Metadata) > 0 {
		var raw bson.D
		if err := bson.Unmarshal(d.Metadata, &raw); err != nil {
			return notification.Notification{}, fmt.Errorf("notification %s metadata: %w", d.ID, err)
		}
		meta = plain(raw).(map[string]any)
	}
	return notification.FromStore(notification.StoreRecord{ID: d.ID, UserID: d.UserID, Type: notification.Type(d.Type),
		Title: d.Title, Message: d.Message, Metadata: meta, ActionURL: d.ActionURL, Priority: notification.Priority(d.Priority),
		Source: d.Source, Read: d.Read, ReadAt: d.ReadAt, CreatedAt: d.CreatedAt, Seq: d.Seq, ArchivedAt: d.ArchivedAt}), nil
}

// plain turns decoded BSON into what JSON decoding gives (maps, slices,
// float64 numbers), so that both stores return the same metadata.
func plain(v any) any {
	switch t := v.(type) {
	case bson.D:
		m := make(map[string]any, len(t))
		for _, e := range t {
			m[e.Key] = plain(e.Value)
		}
		return m
	case bson.M:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = plain(e)
		}
		return m
	case bson.A:
		s := make([]any, len(t))
		for i, e := range t {
			s[i] = plain(e)
		}
		return s
	case int32:
		return float64(t)
	case int64:
		return float64(t)
	case bson.DateTime:
		return t.Time().UTC().Format(time.RFC3339Nano)
	default:
		return v
	}
}
