// Package events defines what the notification stream carries: the JSON
// payloads of docs/api.md's stream events and Message, the envelope that travels
// between instances. A use-case event is encoded here once per publish.
package events

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// The stream's event names (docs/api.md, The live stream).
const (
	Connected        = "connected"
	Notification     = "notification"
	NotificationRead = "notification.read"
	// NotificationDeleted carries DeletedDTO; the unread count follows in the same frame.
	NotificationDeleted = "notification.deleted"
	UnreadCount         = "unread-count"
	// NotificationUnread and NotificationArchived carry DeletedDTO's shape
	// ({ids}); the unread count follows in the same frame.
	NotificationUnread   = "notification.unread"
	NotificationArchived = "notification.archived"
	Shutdown             = "shutdown"
	// Reset tells a reconnecting client that its Last-Event-ID cannot be
	// replayed from: it must refetch its inbox and counts.
	Reset = "reset"
	// Announcements (docs/notifications.md): not stored, never replayed, no id.
	ImportProgress = "import.progress"
	ImportFinished = "import.finished"
	FleetChanged   = "fleet.changed"
	// PreferencesChanged: the user's notification preferences changed
	// ({updatedAt}); clients refetch them, instances forget their cached copy.
	PreferencesChanged = "notification.preferences"
	// MessageRead: a read receipt for the sender ({conversationWith, upToMessageId, readAt}).
	MessageRead = "message.read"
)

// The reasons of a reset event.
const (
	ResetGone    = "gone"    // the id is no longer stored (purged by the TTL, or deleted)
	ResetInvalid = "invalid" // not a notification id of this server
)

// ResetDTO is the data of the reset event.
type ResetDTO struct {
	Reason string `json:"reason" example:"gone" enums:"gone,invalid"`
}

// NotificationDTO is a notification as the API shows it.
type NotificationDTO struct {
	ID        string         `json:"id" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"`
	UserID    string         `json:"userId" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e60"`
	Type      string         `json:"type" example:"NEW_MESSAGE" enums:"MAINTENANCE_ALERT,QUICK_CHECK_COMPLETED,NEW_MESSAGE,CONTACT_REQUEST,CONTACT_ACCEPTED,SYSTEM,IMPORT_FINISHED,ISSUE,DOCUMENT_EXPIRY"`
	Title     string         `json:"title" example:"notification.newMessage.title"`
	Message   string         `json:"message" example:"notification.newMessage.body"`
	Metadata  map[string]any `json:"metadata"`
	ActionURL *string        `json:"actionUrl" example:"/messages/0190c6f1a2b37c4d8e9f0a1b2c3d4e61" extensions:"x-nullable"`
	Priority  string         `json:"priority" example:"NORMAL" enums:"LOW,NORMAL,HIGH,URGENT"`
	Source    string         `json:"source" example:"messaging"`
	Read      bool           `json:"read"`
	ReadAt    *time.Time     `json:"readAt" extensions:"x-nullable"`
	CreatedAt time.Time      `json:"createdAt"`
	// ArchivedAt: when it left the inbox (archived); null in the inbox.
	ArchivedAt *time.Time `json:"archivedAt" extensions:"x-nullable"`
}

// NewNotificationDTO maps a notification.
func NewNotificationDTO(n notification.Notification) NotificationDTO {
	r := n.Record()
	d := NotificationDTO{ID: r.ID, UserID: r.UserID, Type: string(r.Type), Title: r.Title, Message: r.Message,
		Metadata: r.Metadata, Priority: string(r.Priority), Source: r.Source, Read: r.Read, ReadAt: r.ReadAt,
		CreatedAt: r.CreatedAt, ArchivedAt: r.ArchivedAt}
	if d.Metadata == nil {
		d.Metadata = map[string]any{}
	}
	if r.ActionURL != "" {
		u := r.ActionURL
		d.ActionURL = &u
	}
	return d
}

// ReadDTO is the data of notification.read: the ids now read, or all.
type ReadDTO struct {
	IDs []string `json:"ids,omitempty"`
	All bool     `json:"all,omitempty"`
}

// DeletedDTO is the data of notification.deleted: the ids now gone.
type DeletedDTO struct {
	IDs []string `json:"ids"`
}

// CountDTO is the data of unread-count and the answer of GET /notifications/unread-count.
type CountDTO struct {
	Count int `json:"count" example:"3"`
}

// ConnectedDTO is the data of the connected event.
type ConnectedDTO struct {
	ConnectionID string    `json:"connectionId"`
	ServerTime   time.Time `json:"serverTime"`
}

// Message is one event for one user's streams, encoded once, as it travels
// between instances.
type Message struct {
	UserID string          `json:"u"`
	Event  string          `json:"e"`
	ID     string          `json:"i,omitempty"` // the notification id of a notification event
	Data   json.RawMessage `json:"d"`
	// Unread is the user's unread count after this change, when known: the
	// hub writes an unread-count event right after this one, in the same write.
	Unread *int `json:"c,omitempty"`
	// PublishedAt is when the event was handed to the bus (Unix ns), for the latency histogram.
	PublishedAt int64 `json:"t"`
	// Seq is a notification event's place in its user's store order (1, 2,
	// ...): streams deliver in that order and ask the store for a seq they
	// are missing.
	Seq int64 `json:"s,omitempty"`
	// Origin and OriginSeq are set by the bus: the publishing instance and
	// its count of messages handed to the bus, so that a receiver can tell it
	// missed some (a gap) and catch up from the store.
	Origin    string `json:"o,omitempty"`
	OriginSeq uint64 `json:"n,omitempty"`
}

// Encode turns a use-case event into a Message.
func Encode(e notificationapp.Event, now time.Time) (Message, error) {
	m := Message{UserID: e.UserID, Event: string(e.Kind), Unread: e.Unread, PublishedAt: now.UnixNano()}
	var v any
	switch e.Kind {
	case notificationapp.KindNotification:
		m.ID = e.Notification.ID()
		m.Seq = e.Notification.Seq()
		data, err := NewNotificationDTO(e.Notification).AppendJSON(nil)
		if err != nil {
			return Message{}, fmt.Errorf("events: encode %s: %w", e.Kind, err)
		}
		m.Data = data
		return m, nil
	case notificationapp.KindRead:
		v = ReadDTO{IDs: e.ReadIDs, All: e.ReadAll}
	case notificationapp.KindDeleted:
		v = DeletedDTO{IDs: e.DeletedIDs}
	case notificationapp.KindUnread, notificationapp.KindArchived:
		v = DeletedDTO{IDs: e.ChangedIDs}
	case notificationapp.KindUnreadCount:
		v = CountDTO{Count: e.Count}
	case notificationapp.KindImportProgress, notificationapp.KindImportFinished, notificationapp.KindFleetChanged, notificationapp.KindPreferencesChanged,
		notificationapp.KindMessageRead:
		v = e.Payload
	default:
		return Message{}, fmt.Errorf("events: unknown kind %q", e.Kind)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return Message{}, fmt.Errorf("events: encode %s: %w", e.Kind, err)
	}
	m.Data = data
	return m, nil
}

// Sender hands a Message to every instance (the bus).
type Sender interface {
	Publish(ctx context.Context, m Message) error
}

// Publisher is the NotificationService's Publisher: it encodes each event
// once, delivers it to this instance's own streams at once (Local), then
// hands it to the bus for the other instances (Bus, nil on a single
// instance). The bus's Publish must not wait on the network: this instance's
// streams never depend on the bus, and the others catch up from the store
// when the bus loses messages.
type Publisher struct {
	Local func(Message)
	Bus   Sender
}

// Publish implements notificationapp.Publisher.
func (p Publisher) Publish(ctx context.Context, e notificationapp.Event) error {
	m, err := Encode(e, time.Now())
	if err != nil {
		return err
	}
	if p.Local != nil {
		p.Local(m)
	}
	if p.Bus == nil {
		return nil
	}
	return p.Bus.Publish(ctx, m)
}

// Replayer reads stored notifications (notificationapp.StreamReader).
type Replayer interface {
	Replay(ctx context.Context, userID, afterID string, limit int) ([]notification.Notification, error)
	UnreadCount(ctx context.Context, userID string) (int, error)
}

// Source is the hub's view of the store for catch-up: stored notifications
// as the Messages their publish carried (without a publish time).
type Source struct{ Store Replayer }

// After returns the user's notification events after afterID, in seq order.
func (s Source) After(ctx context.Context, userID, afterID string, limit int) ([]Message, error) {
	items, err := s.Store.Replay(ctx, userID, afterID, limit)
	if err != nil {
		return nil, err
	}
	out := make([]Message, len(items))
	for i, n := range items {
		m, err := Encode(notificationapp.Event{UserID: userID, Kind: notificationapp.KindNotification, Notification: n}, time.Time{})
		if err != nil {
			return nil, err
		}
		m.PublishedAt = 0 // not a publish: no latency to observe
		out[i] = m
	}
	return out, nil
}

// UnreadCount returns the user's unread count.
func (s Source) UnreadCount(ctx context.Context, userID string) (int, error) {
	return s.Store.UnreadCount(ctx, userID)
}
