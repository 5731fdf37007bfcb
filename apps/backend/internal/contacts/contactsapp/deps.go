// Package contactsapp holds the contacts use cases: send a request by email, accept
// or decline it, list requests and contacts, remove a contact.
package contactsapp

import (
	"context"
	"log/slog"
	"time"

	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// Notifier creates a notification (persisted, then published).
type Notifier interface {
	Create(ctx context.Context, d notification.Draft) (notification.Notification, error)
}

// NotificationReader marks matching notifications read (and publishes that).
type NotificationReader interface {
	MarkMatchingRead(ctx context.Context, m notification.Match) ([]string, error)
}

// Users finds accounts.
type Users interface {
	ByID(ctx context.Context, id string) (user.User, error)
	ByEmail(ctx context.Context, email string) (user.User, error)
	ByIDs(ctx context.Context, ids []string) ([]user.User, error)
}

// Notification texts (i18n keys of docs/api-shapes.md) and source.
const (
	source               = "contacts"
	actionURL            = "/contacts"
	requestTitleKey      = "notification.contactRequest.title"
	requestBodyKey       = "notification.contactRequest.body"
	acceptedTitleKey     = "notification.contactAccepted.title"
	acceptedBodyKey      = "notification.contactAccepted.body"
	notificationDeadline = 5 * time.Second
)

// RequestView is a request with both users.
type RequestView struct {
	Request   contact.Request
	Requester user.User
	Recipient user.User
}

// ContactView is one contact of a user.
type ContactView struct {
	User  user.User
	Since time.Time
}

// Deps are what the contacts use cases share: the stores they read and
// write, the NotificationService they notify through, a logger and a clock.
// Each use case is a handler of its own (SendContactRequestHandler, …)
// built on one Deps.
type Deps struct {
	contacts contact.Repository
	users    Users
	notifier Notifier
	reader   NotificationReader
	log      *slog.Logger
	now      func() time.Time
}

// NewDeps builds the contacts use cases' dependencies. reader may be nil (then a
// CONTACT_REQUEST notification stays unread when its request is answered).
func NewDeps(contacts contact.Repository, users Users, notifier Notifier, reader NotificationReader, log *slog.Logger) *Deps {
	if log == nil {
		log = slog.Default()
	}
	return &Deps{contacts: contacts, users: users, notifier: notifier, reader: reader, log: log, now: time.Now}
}

// notify creates d after the state change it reports is stored. It never
// fails the use case: a lost notification is logged, the change stands.
func (s *Deps) notify(ctx context.Context, d notification.Draft) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notificationDeadline)
	defer cancel()
	if _, err := s.notifier.Create(ctx, d); err != nil {
		s.log.ErrorContext(ctx, "contact notification not created", "type", d.Type, "user", d.UserID, "err", err)
	}
}

// markRequestNotificationRead clears the recipient's CONTACT_REQUEST
// notification of an answered request in every open tab.
func (s *Deps) markRequestNotificationRead(ctx context.Context, req contact.Request) {
	if s.reader == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notificationDeadline)
	defer cancel()
	if _, err := s.reader.MarkMatchingRead(ctx, notification.Match{UserID: req.RecipientID(),
		Type: notification.TypeContactRequest, MetadataKey: "requestId", Value: req.ID()}); err != nil {
		s.log.WarnContext(ctx, "contact request notification not marked read", "request", req.ID(), "err", err)
	}
}

// views loads the users of requests in one query.
func (s *Deps) views(ctx context.Context, reqs ...[]contact.Request) ([][]RequestView, error) {
	var ids []string
	for _, list := range reqs {
		for _, r := range list {
			ids = append(ids, r.RequesterID(), r.RecipientID())
		}
	}
	byID, err := s.usersByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([][]RequestView, len(reqs))
	for i, list := range reqs {
		out[i] = make([]RequestView, 0, len(list))
		for _, r := range list {
			requester, ok1 := byID[r.RequesterID()]
			recipient, ok2 := byID[r.RecipientID()]
			if ok1 && ok2 {
				out[i] = append(out[i], RequestView{Request: r, Requester: requester, Recipient: recipient})
			}
		}
	}
	return out, nil
}

func (s *Deps) usersByID(ctx context.Context, ids []string) (map[string]user.User, error) {
	seen := make(map[string]bool, len(ids))
	unique := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	users, err := s.users.ByIDs(ctx, unique)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]user.User, len(users))
	for _, u := range users {
		byID[u.ID()] = u
	}
	return byID, nil
}
