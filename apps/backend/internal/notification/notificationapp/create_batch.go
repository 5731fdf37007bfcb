package notificationapp

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// BatchResult is the outcome of one draft of CreateBatch, in the drafts' order.
type BatchResult struct {
	Notification notification.Notification // as stored, when Err is nil
	// Replayed is true when a retry under the same Idempotency-Key found it
	// created by the first attempt (it is not published again).
	Replayed bool
	// Muted is true when the user's preferences mute this type (below
	// HIGH): nothing was stored or published, as Create does.
	Muted bool
	Err   error
}

// CreateBatch is the NotificationService's batch path: it creates many
// notifications at once, each on its own (a draft that is invalid or fails
// to store fails alone and the others go on), persisting them with the
// store's batch write (CreateMany) and only then publishing each stored one,
// with the same guarantees as Create: nothing is published that is not
// stored, and a user's notifications are published in the order of their
// ids (the drafts' order within the batch), each with the user's unread
// count right after it.
//
// With req (an Idempotency-Key for the whole request) each draft is stored
// under its own key, req.Key#index, with req.Hash: a retry of the same
// request returns what the first attempt created for each draft (Replayed)
// and creates only what it did not store; the same key with another
// request is refused with ErrRequestKeyReused before anything is written.
//
// Every draft goes through admit, the one per-draft check of the batch path.
func (s *Service) CreateBatch(ctx context.Context, drafts []notification.Draft, req *domain.RequestKey) ([]BatchResult, error) {
	if len(drafts) == 0 || len(drafts) > notification.MaxBatch {
		return nil, domain.Invalid("items", fmt.Sprintf("must hold 1 to %d notifications", notification.MaxBatch))
	}
	if req != nil && !req.Valid() {
		return nil, domain.Invalid("Idempotency-Key", "must be 1 to 200 printable characters")
	}
	out := make([]BatchResult, len(drafts))
	ns := make([]notification.Notification, 0, len(drafts))
	at := make([]int, 0, len(drafts)) // ns[j] is drafts[at[j]]
	now := s.opts.Now()
	for i, d := range drafts {
		n, err := s.admit(ctx, d, now)
		if errors.Is(err, errMuted) {
			out[i].Muted = true
			continue
		}
		if err != nil {
			out[i].Err = err
			continue
		}
		if req != nil {
			n = n.WithRequest(batchItemKey(*req, i))
		}
		ns = append(ns, n)
		at = append(at, i)
	}
	if len(ns) == 0 {
		return out, nil
	}
	if req != nil {
		// The drafts that pass admit are the same on every retry of the same
		// request: the first of them tells a retry from another request.
		first, _ := ns[0].Request()
		if _, err := s.byRequest(ctx, first); err != nil && !errors.Is(err, domain.ErrNotFound) {
			return nil, err
		}
	}
	s.createBatch(ctx, ns, at, out)
	return out, nil
}

// CreateMany is CreateBatch for the use cases that raise many notifications
// at once (an alarm run): one error per draft, nil when it was stored (and
// published), in order.
func (s *Service) CreateMany(ctx context.Context, drafts []notification.Draft) []error {
	errs := make([]error, len(drafts))
	for start := 0; start < len(drafts); start += notification.MaxBatch {
		part := drafts[start:min(start+notification.MaxBatch, len(drafts))]
		res, err := s.CreateBatch(ctx, part, nil)
		for i := range part {
			switch {
			case err != nil:
				errs[start+i] = err
			default:
				errs[start+i] = res[i].Err
			}
		}
	}
	return errs
}

// errMuted is admit's answer for a draft the user's preferences mute.
var errMuted = errors.New("muted by the user's preferences")

// admit validates one draft of a batch and makes its notification: the
// place for any check that must hold for each notification of a batch, as
// Create makes it for one (the user's preferences: Delivers).
func (s *Service) admit(ctx context.Context, d notification.Draft, now time.Time) (notification.Notification, error) {
	n, err := notification.New(d, now)
	if err != nil {
		return notification.Notification{}, err
	}
	if !s.Delivers(ctx, n) {
		return notification.Notification{}, errMuted
	}
	return n, nil
}

// createBatch stores ns with one CreateMany while holding the lock of every
// user in it, then publishes each stored one in order and fills out[at[j]].
// A notification whose request key is already stored (a retry) is read back
// and reported as replayed, not published.
func (s *Service) createBatch(ctx context.Context, ns []notification.Notification, at []int, out []BatchResult) {
	users := make([]string, 0, len(ns))
	for _, n := range ns {
		users = append(users, n.UserID())
	}
	defer s.users.lockAll(users)()
	for j, r := range s.repo.CreateMany(ctx, ns) {
		i := at[j]
		switch {
		case r.Err == nil:
			n := r.Notification
			out[i].Notification = n
			unread := r.Unread
			s.publish(ctx, Event{UserID: n.UserID(), Kind: KindNotification, Notification: n, Unread: &unread})
		case errors.Is(r.Err, domain.ErrRequestExists):
			key, _ := ns[j].Request()
			out[i].Notification, out[i].Err = s.byRequest(ctx, key)
			out[i].Replayed = out[i].Err == nil
		default:
			out[i].Err = fmt.Errorf("create notification: %w", r.Err)
		}
	}
}

// batchItemKey is the request key of the index-th draft of a keyed batch.
func batchItemKey(req domain.RequestKey, index int) domain.RequestKey {
	req.Key += "#" + strconv.Itoa(index)
	return req
}

// lockAll takes the locks of every user in userIDs (each once, in sorted
// order, so that two batches sharing users never wait on each other in a
// circle; Create holds one lock only) and returns what releases them.
func (l *userLocks) lockAll(userIDs []string) (unlock func()) {
	ids := slices.Clone(userIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	unlocks := make([]func(), len(ids))
	for i, id := range ids {
		unlocks[i] = l.lock(id)
	}
	return func() {
		for _, u := range unlocks {
			u()
		}
	}
}
