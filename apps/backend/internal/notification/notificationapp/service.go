// Package notificationapp holds the NotificationService (Service: persist,
// then publish), built once in the composition root and shared by every
// module that notifies users, and the notification use cases (the inbox,
// the admin publish, preferences, the purge), one handler each.
package notificationapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// EventKind names what changed; the stream's event names of docs/api.md.
type EventKind string

// The kinds of event a user's streams hear about.
const (
	KindNotification EventKind = "notification"
	KindRead         EventKind = "notification.read"
	KindDeleted      EventKind = "notification.deleted"
	KindUnread       EventKind = "notification.unread"   // ids marked unread again
	KindArchived     EventKind = "notification.archived" // ids moved out of the inbox
	KindUnreadCount  EventKind = "unread-count"

	// Announcements: stream events that are not notifications (nothing is
	// stored, nothing is replayed); their data is Event.Payload as JSON.
	KindImportProgress EventKind = "import.progress"
	KindImportFinished EventKind = "import.finished"
	KindFleetChanged   EventKind = "fleet.changed"
	// KindPreferencesChanged: the user's notification preferences changed
	// (every tab refreshes them; every instance forgets its cached copy).
	KindPreferencesChanged EventKind = "notification.preferences"
	// KindMessageRead: a read receipt for the sender (the reader read their
	// messages up to one); the message's readAt is stored.
	KindMessageRead EventKind = "message.read"
)

// Announced reports whether k is an announcement kind (see Announce).
func (k EventKind) Announced() bool {
	switch k {
	case KindImportProgress, KindImportFinished, KindFleetChanged, KindPreferencesChanged, KindMessageRead:
		return true
	}
	return false
}

// Event is one change for one user's open streams.
type Event struct {
	UserID       string
	Kind         EventKind
	Notification notification.Notification // KindNotification
	ReadIDs      []string                  // KindRead: these ids, or
	ReadAll      bool                      // KindRead: every notification
	DeletedIDs   []string                  // KindDeleted: these ids are gone
	ChangedIDs   []string                  // KindUnread, KindArchived: these ids
	Count        int                       // KindUnreadCount
	// Unread is the user's unread count right after a notification or read
	// change, announced with it (an unread-count event written together
	// with the change's event); nil when not known.
	Unread *int
	// Payload is the data of an announcement (KindImportProgress, …), encoded as JSON.
	Payload any
}

// Publisher hands events to every instance's streams. It must not block for
// long; an error means the event was not handed on (the notification stays stored).
type Publisher interface {
	Publish(ctx context.Context, e Event) error
}

// Options tune a Service.
type Options struct {
	Now func() time.Time // the clock; time.Now when nil
	Log *slog.Logger
	// OnPublishError is called when an event could not be handed on (metrics).
	OnPublishError func(err error)
	// Preferences answers users' notification preferences (a PreferenceCache);
	// nil delivers everything.
	Preferences PreferenceSource
}

// PreferenceSource answers a user's notification preferences without a store
// read per notification (PreferenceCache).
type PreferenceSource interface {
	Preferences(ctx context.Context, userID string) (notification.Preferences, error)
}

// Service is the NotificationService: it persists, then publishes. It is the
// one multi-method type among the use cases on purpose: every change a user's
// streams hear of goes through it, under one per-user lock around the write
// and the publish, so that a user's events keep the order of the store. The
// inbox and publish use cases are handlers over it; reads are not on it
// (the handlers' own repository reads, StreamReader).
type Service struct {
	repo  notification.Repository
	pub   Publisher
	opts  Options
	users userLocks // per-user order of change → publish
}

// NewService builds the service.
func NewService(repo notification.Repository, pub Publisher, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	return &Service{repo: repo, pub: pub, opts: opts, users: userLocks{held: map[string]*userLock{}}}
}

// Create validates the draft, persists the notification and only then
// publishes it. What failed to persist is never published and the caller gets
// the error. A notification the user's preferences mute (Delivers) is
// neither stored nor published: Create returns a zero Notification (empty
// ID) and no error. A user's notifications are published in the order of their ids,
// so that a stream's Last-Event-ID is a safe replay point; the user's new
// unread count follows.
func (s *Service) Create(ctx context.Context, d notification.Draft) (notification.Notification, error) {
	defer s.users.lock(d.UserID)()
	n, err := notification.New(d, s.opts.Now())
	if err != nil {
		return notification.Notification{}, err
	}
	if !s.Delivers(ctx, n) {
		return notification.Notification{}, nil
	}
	return s.create(ctx, n)
}

// Delivers is the one place where users' notification preferences are
// applied: it reports whether n is to be created at all (HIGH and URGENT
// always are; a type the user switched off in-app is not). Every path that
// creates notifications (one at a time or in a batch, per item) asks it
// before writing, so a muted notification costs no write. The preferences
// come from memory (PreferenceCache); when they cannot be read the
// notification is delivered: a store hiccup must not lose news.
func (s *Service) Delivers(ctx context.Context, n notification.Notification) bool {
	if s.opts.Preferences == nil || n.Priority().Urgent() || !n.Type().Mutable() {
		return true
	}
	p, err := s.opts.Preferences.Preferences(ctx, n.UserID())
	if err != nil {
		s.opts.Log.Warn("notification preferences not read; delivering", "user", n.UserID(), "err", err)
		return true
	}
	return p.Delivers(n.Type(), n.Priority())
}

func (s *Service) create(ctx context.Context, n notification.Notification) (notification.Notification, error) {
	created, err := s.repo.Create(ctx, n)
	if err != nil {
		return notification.Notification{}, fmt.Errorf("create notification: %w", err)
	}
	n = created.Notification
	s.publish(ctx, Event{UserID: n.UserID(), Kind: KindNotification, Notification: n, Unread: &created.Unread})
	return n, nil
}

// ErrRequestKeyReused answers a request key (Idempotency-Key) that was used
// before for a different request.
var ErrRequestKeyReused = domain.NewError(domain.ErrConflict, "this Idempotency-Key was used for a different request")

// CreateOnce is Create for a client request that may be retried (an
// Idempotency-Key): the first call with req creates the notification; a
// retry with the same key and the same request (req.Hash) returns what the
// first one created, with replayed true, and creates and publishes nothing.
// The same key with another request gets ErrRequestKeyReused. The key is
// stored with the notification, in the same write, so that a retry after a
// crash finds it.
func (s *Service) CreateOnce(ctx context.Context, d notification.Draft, req domain.RequestKey) (n notification.Notification, replayed bool, err error) {
	if !req.Valid() {
		return notification.Notification{}, false, domain.Invalid("Idempotency-Key", "must be 1 to 200 printable characters")
	}
	if n, err := s.byRequest(ctx, req); err == nil || !errors.Is(err, domain.ErrNotFound) {
		return n, err == nil, err
	}
	defer s.users.lock(d.UserID)()
	n, err = notification.New(d, s.opts.Now())
	if err != nil {
		return notification.Notification{}, false, err
	}
	if !s.Delivers(ctx, n) {
		return notification.Notification{}, false, nil
	}
	n, err = s.create(ctx, n.WithRequest(req))
	if errors.Is(err, domain.ErrRequestExists) { // a concurrent retry won
		n, err = s.byRequest(ctx, req)
		return n, err == nil, err
	}
	return n, false, err
}

// byRequest returns the notification created under req's key.
func (s *Service) byRequest(ctx context.Context, req domain.RequestKey) (notification.Notification, error) {
	n, hash, err := s.repo.ByRequest(ctx, req.Scope, req.Key)
	if err != nil {
		return notification.Notification{}, fmt.Errorf("notification by request: %w", err)
	}
	if hash != req.Hash {
		return notification.Notification{}, ErrRequestKeyReused
	}
	return n, nil
}

// MarkRead marks one of the user's notifications read; ErrNotFound when it is
// not theirs. A change publishes notification.read and unread-count.
func (s *Service) MarkRead(ctx context.Context, userID, id string) error {
	defer s.users.lock(userID)()
	changed, err := s.repo.MarkRead(ctx, userID, id, s.opts.Now())
	if err != nil {
		return fmt.Errorf("mark read: %w", err)
	}
	if changed {
		s.publishRead(ctx, Event{UserID: userID, Kind: KindRead, ReadIDs: []string{id}})
	}
	return nil
}

// MarkAllRead marks every unread notification of the user read.
func (s *Service) MarkAllRead(ctx context.Context, userID string) error {
	defer s.users.lock(userID)()
	n, err := s.repo.MarkAllRead(ctx, userID, s.opts.Now())
	if err != nil {
		return fmt.Errorf("mark all read: %w", err)
	}
	if n > 0 {
		s.publishRead(ctx, Event{UserID: userID, Kind: KindRead, ReadAll: true})
	}
	return nil
}

// MarkMatchingRead marks the user's unread notifications of m.Type whose
// metadata[m.MetadataKey] is m.Value read (e.g. the NEW_MESSAGE notifications
// of a conversation the user has just read) and returns their ids.
func (s *Service) MarkMatchingRead(ctx context.Context, m notification.Match) ([]string, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	defer s.users.lock(m.UserID)()
	ids, err := s.repo.MarkMatchingRead(ctx, m, s.opts.Now())
	if err != nil {
		return nil, fmt.Errorf("mark matching read: %w", err)
	}
	if len(ids) > 0 {
		s.publishRead(ctx, Event{UserID: m.UserID, Kind: KindRead, ReadIDs: ids})
	}
	return ids, nil
}

// MarkUnread marks one of the user's notifications unread again (an
// archived one returns to the inbox); ErrNotFound when it is not theirs. A
// change publishes notification.unread and the unread count.
func (s *Service) MarkUnread(ctx context.Context, userID, id string) error {
	return s.changeOne(ctx, userID, id, "mark unread", KindUnread, func() (bool, error) {
		return s.repo.MarkUnread(ctx, userID, id)
	})
}

// Archive moves one of the user's notifications out of the inbox (kept,
// listed with ListQuery.Archived, read); ErrNotFound when it is not theirs.
// A change publishes notification.archived and the unread count.
func (s *Service) Archive(ctx context.Context, userID, id string) error {
	return s.changeOne(ctx, userID, id, "archive notification", KindArchived, func() (bool, error) {
		return s.repo.Archive(ctx, userID, id, s.opts.Now())
	})
}

// changeOne runs a change of one notification under the user's lock and,
// when it changed something, publishes kind (with ChangedIDs) and the count.
func (s *Service) changeOne(ctx context.Context, userID, id, what string, kind EventKind, change func() (bool, error)) error {
	defer s.users.lock(userID)()
	changed, err := change()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if changed {
		s.publishRead(ctx, Event{UserID: userID, Kind: kind, ChangedIDs: []string{id}})
	}
	return nil
}

// Delete removes one of the user's notifications; ErrNotFound when it is not
// theirs. It publishes notification.deleted with the unread count after it
// (it may have been unread), so every tab and device drops it.
func (s *Service) Delete(ctx context.Context, userID, id string) error {
	defer s.users.lock(userID)()
	if err := s.repo.Delete(ctx, userID, id); err != nil {
		return fmt.Errorf("delete notification: %w", err)
	}
	s.publishRead(ctx, Event{UserID: userID, Kind: KindDeleted, DeletedIDs: []string{id}})
	return nil
}

// Announce hands an announcement (a stream event that is not a notification:
// import progress, a fleet change) to userID's open streams through the same
// publisher as notifications. Nothing is stored: a stream that is not open
// misses it, and its client refetches what it shows on reconnect. A publish
// failure is logged and counted like any other, never returned.
func (s *Service) Announce(ctx context.Context, userID string, kind EventKind, payload any) error {
	if !kind.Announced() {
		return fmt.Errorf("announce: %q is not an announcement kind: %w", kind, domain.ErrInvalid)
	}
	if userID == "" {
		return domain.Invalid("userId", "is required")
	}
	s.publish(ctx, Event{UserID: userID, Kind: kind, Payload: payload})
	return nil
}

func (s *Service) publish(ctx context.Context, e Event) {
	// The change is stored: a caller that gives up now must not stop the news.
	// (The publisher delivers to this instance's streams and queues for the
	// bus without waiting on the network.)
	ctx = context.WithoutCancel(ctx)
	if err := s.pub.Publish(ctx, e); err != nil {
		s.opts.Log.Warn("notification event not published", "kind", e.Kind, "user", e.UserID, "err", err)
		if s.opts.OnPublishError != nil {
			s.opts.OnPublishError(err)
		}
	}
}

// publishRead publishes a read change with the user's unread count after it.
func (s *Service) publishRead(ctx context.Context, e Event) {
	if n, ok := s.unreadCount(ctx, e.UserID); ok {
		e.Unread = &n
	}
	s.publish(ctx, e)
}

// unreadCount reads the user's unread count after a change, while the caller
// still holds the user's lock: no later change of this instance can be
// announced before it. The stores keep the count, so this read does not grow
// with the user's backlog. A count that cannot be read is logged and not
// announced; the next change announces the right one.
func (s *Service) unreadCount(ctx context.Context, userID string) (int, bool) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	n, err := s.repo.UnreadCount(ctx, userID)
	if err != nil {
		s.opts.Log.Warn("unread count not published", "user", userID, "err", err)
		return 0, false
	}
	return n, true
}

// userLocks serialises the changes of one user's notifications with the
// events that announce them, so that every stream hears a user's changes in
// the order they were stored and the last unread count it hears is the
// current one. A lock is held across the store's write (a few milliseconds
// of group commit), so it is the user's alone: a lock shared by several
// users would make each wait for the others' writes. It holds one mutex per
// user with a change under way; a user's entry goes when its last holder or
// waiter is done.
type userLocks struct {
	mu   sync.Mutex
	held map[string]*userLock
}

type userLock struct {
	mu   sync.Mutex
	refs int // holders and waiters
}

func (l *userLocks) lock(userID string) (unlock func()) {
	l.mu.Lock()
	ul := l.held[userID]
	if ul == nil {
		ul = &userLock{}
		l.held[userID] = ul
	}
	ul.refs++
	l.mu.Unlock()
	ul.mu.Lock()
	return func() {
		ul.mu.Unlock()
		l.mu.Lock()
		if ul.refs--; ul.refs == 0 {
			delete(l.held, userID)
		}
		l.mu.Unlock()
	}
}
