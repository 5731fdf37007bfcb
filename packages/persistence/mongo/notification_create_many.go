package mongostore

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// CreateMany implements notification.Repository with one unordered bulk
// insert for the whole call (a standalone server has no multi-document
// transactions, and none is needed: each document is written on its own).
// Each user of the call takes its seqs with one findOneAndUpdate ($inc by
// its count of notifications, $max lastId its newest id), kept when the
// head before it shows that its ids sort after the user's newest one (the
// usual case); otherwise its notifications
// are placed one by one as Create places them (the seqs first taken stay
// holes, which the hub tolerates). The counts after the insert are counted
// once per user on the {userId, read, _id} index.
func (r *NotificationRepository) CreateMany(ctx context.Context, ns []notification.Notification) []notification.CreateResult {
	out := make([]notification.CreateResult, len(ns))
	if len(ns) == 0 {
		return out
	}
	ns = slices.Clone(ns) // given their final ids and seqs below
	fail := func(i int, err error) {
		if out[i].Err == nil {
			out[i].Err = err
		}
	}
	// Ids ascend in call order per user, so that seqs and ids agree.
	byUser := map[string][]int{}
	users := []string{}
	for i, n := range ns {
		if err := r.requestUsed(ctx, n); err != nil {
			fail(i, err)
			continue
		}
		idx := byUser[n.UserID()]
		if len(idx) == 0 {
			users = append(users, n.UserID())
		} else if prev := ns[idx[len(idx)-1]].ID(); n.ID() <= prev {
			ns[i] = n.Stored(domain.IDAfter(prev), 0)
		}
		byUser[n.UserID()] = append(idx, i)
	}
	for _, user := range users {
		if err := r.placeMany(ctx, user, ns, byUser[user]); err != nil {
			for _, i := range byUser[user] {
				fail(i, fmt.Errorf("mongo: create notification: %w", err))
			}
		}
	}
	docs := make([]any, 0, len(ns))
	at := make([]int, 0, len(ns)) // docs[j] is ns[at[j]]
	for i, n := range ns {
		if out[i].Err != nil {
			continue
		}
		doc, err := newNotificationDoc(n)
		if err != nil {
			fail(i, err)
			continue
		}
		docs = append(docs, doc)
		at = append(at, i)
	}
	if len(docs) > 0 {
		_, err := r.coll.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
		var bwe mongo.BulkWriteException
		switch {
		case errors.As(err, &bwe) && bwe.WriteConcernError == nil:
			for _, we := range bwe.WriteErrors {
				if we.Index >= 0 && we.Index < len(at) {
					i := at[we.Index]
					fail(i, r.insertError(ctx, ns[i], we.WriteError))
				}
			}
		case err != nil:
			for _, i := range at {
				fail(i, fmt.Errorf("mongo: create notifications: %w", err))
			}
		}
	}
	r.countAfter(ctx, ns, out, users)
	return out
}

// placeMany gives the notifications ns[idx] (one user's, ids ascending) the
// user's next seqs, in order.
func (r *NotificationRepository) placeMany(ctx context.Context, userID string, ns []notification.Notification, idx []int) error {
	first, last := ns[idx[0]].ID(), ns[idx[len(idx)-1]].ID()
	var before notificationHeadDoc // the head as it was: none yet decodes as ErrNoDocuments
	err := r.heads.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: userID}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: len(idx)}}}, {Key: "$max", Value: bson.D{{Key: "lastId", Value: last}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.Before)).Decode(&before)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return fmt.Errorf("head: %w", err)
	}
	if before.LastID < first { // ours all sort after the user's newest: seqs before.Seq+1 ...
		for k, i := range idx {
			ns[i] = ns[i].Stored(ns[i].ID(), before.Seq+int64(k+1))
		}
		return nil
	}
	for _, i := range idx {
		id, seq, err := r.place(ctx, userID, ns[i].ID())
		if err != nil {
			return err
		}
		ns[i] = ns[i].Stored(id, seq)
	}
	return nil
}

// countAfter sets each stored notification's Unread: its user's count after
// the call, less the user's unread ones stored after it in the call.
func (r *NotificationRepository) countAfter(ctx context.Context, ns []notification.Notification, out []notification.CreateResult, users []string) {
	counts := make(map[string]int, len(users))
	for _, user := range users {
		n, err := r.UnreadCount(ctx, user)
		if err != nil {
			for i := range ns {
				if ns[i].UserID() == user && out[i].Err == nil {
					out[i].Err = err
				}
			}
			continue
		}
		counts[user] = n
	}
	for i := len(ns) - 1; i >= 0; i-- {
		if out[i].Err != nil {
			continue
		}
		user := ns[i].UserID()
		out[i].Created = notification.Created{Notification: ns[i], Unread: counts[user]}
		if !ns[i].Read() {
			counts[user]--
		}
	}
}
