// Package notification holds the Notification entity and its repository port.
package notification

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

// Type says what a notification is about.
type Type string

// The notification types of docs/api.md.
const (
	TypeMaintenanceAlert    Type = "MAINTENANCE_ALERT"
	TypeQuickCheckCompleted Type = "QUICK_CHECK_COMPLETED"
	TypeNewMessage          Type = "NEW_MESSAGE"
	TypeContactRequest      Type = "CONTACT_REQUEST"
	TypeContactAccepted     Type = "CONTACT_ACCEPTED"
	TypeSystem              Type = "SYSTEM"
	// TypeImportFinished: a bulk import ended (completed or failed).
	TypeImportFinished Type = "IMPORT_FINISHED"
	// TypeIssue: an issue of a machine was opened or closed.
	TypeIssue Type = "ISSUE"
	// TypeDocumentExpiry: a machine document reached a reminder threshold (DUE_SOON or EXPIRED).
	TypeDocumentExpiry Type = "DOCUMENT_EXPIRY"
)

// Types lists every valid Type.
var Types = []Type{TypeMaintenanceAlert, TypeQuickCheckCompleted, TypeNewMessage,
	TypeContactRequest, TypeContactAccepted, TypeSystem, TypeImportFinished, TypeIssue, TypeDocumentExpiry}

// Valid reports whether t is one of Types.
func (t Type) Valid() bool {
	for _, v := range Types {
		if v == t {
			return true
		}
	}
	return false
}

// Priority orders notifications by urgency.
type Priority string

// The priorities of docs/api.md.
const (
	PriorityLow    Priority = "LOW"
	PriorityNormal Priority = "NORMAL"
	PriorityHigh   Priority = "HIGH"
	PriorityUrgent Priority = "URGENT"
)

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool {
	switch p {
	case PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent:
		return true
	}
	return false
}

// Errors of this aggregate.
var ErrNotFound = domain.NewError(domain.ErrNotFound, "notification not found")

// Limits on a notification's text fields.
const (
	MaxKeyLength       = 200
	MaxActionURLLength = 2000
	MaxSourceLength    = 50
)

// Draft is what a use case asks the NotificationService to create.
type Draft struct {
	UserID    string
	Type      Type
	Title     string // an i18n key (or plain text for SYSTEM)
	Message   string // an i18n key (or plain text for SYSTEM)
	Metadata  map[string]any
	ActionURL string
	Priority  Priority // NORMAL when empty
	Source    string
}

// Notification is something a user should know about, persisted before it is pushed.
type Notification struct {
	id        string
	userID    string
	typ       Type
	title     string
	message   string
	metadata  map[string]any
	actionURL string
	priority  Priority
	source    string
	read      bool
	readAt    *time.Time
	createdAt time.Time
	// archivedAt is when the owner archived it (kept, out of the inbox); nil: in the inbox.
	archivedAt *time.Time
	// seq is the notification's place among its user's notifications, in
	// the order they were stored (1, 2, ...), assigned by the store; 0 when
	// not stored yet or stored before seqs existed.
	seq     int64
	request *domain.RequestKey // the client request that creates it, if keyed
}

// New validates a draft and makes a new unread notification.
func New(d Draft, now time.Time) (Notification, error) {
	if !domain.ValidID(d.UserID) {
		return Notification{}, domain.Invalid("userId", "must be a user id")
	}
	if !d.Type.Valid() {
		return Notification{}, domain.Invalid("type", "must be one of MAINTENANCE_ALERT, QUICK_CHECK_COMPLETED, NEW_MESSAGE, CONTACT_REQUEST, CONTACT_ACCEPTED, SYSTEM")
	}
	if d.Priority == "" {
		d.Priority = PriorityNormal
	}
	if !d.Priority.Valid() {
		return Notification{}, domain.Invalid("priority", "must be one of LOW, NORMAL, HIGH, URGENT")
	}
	title, message := strings.TrimSpace(d.Title), strings.TrimSpace(d.Message)
	if title == "" || utf8.RuneCountInString(title) > MaxKeyLength {
		return Notification{}, domain.Invalid("title", fmt.Sprintf("must be 1 to %d characters", MaxKeyLength))
	}
	if message == "" || utf8.RuneCountInString(message) > MaxKeyLength*10 {
		return Notification{}, domain.Invalid("message", fmt.Sprintf("must be 1 to %d characters", MaxKeyLength*10))
	}
	if len(d.ActionURL) > MaxActionURLLength || (d.ActionURL != "" && !SameOriginPath(d.ActionURL)) {
		return Notification{}, domain.Invalid("actionUrl", "must be an app path: / followed by a character other than / or \\")
	}
	if len(d.Source) > MaxSourceLength {
		return Notification{}, domain.Invalid("source", fmt.Sprintf("must be at most %d characters", MaxSourceLength))
	}
	meta := d.Metadata
	if meta == nil {
		meta = map[string]any{}
	}
	return Notification{
		id:        domain.NewID(),
		userID:    d.UserID,
		typ:       d.Type,
		title:     title,
		message:   message,
		metadata:  meta,
		actionURL: d.ActionURL,
		priority:  d.Priority,
		source:    d.Source,
		createdAt: now.UTC().Truncate(time.Millisecond),
	}, nil
}

// StoreRecord carries every field of a Notification between an adapter and FromStore.
type StoreRecord struct {
	ID        string
	UserID    string
	Type      Type
	Title     string
	Message   string
	Metadata  map[string]any
	ActionURL string
	Priority  Priority
	Source    string
	Read      bool
	ReadAt    *time.Time
	CreatedAt time.Time
	Seq       int64
	// ArchivedAt is when it was archived; nil: in the inbox.
	ArchivedAt *time.Time
}

// FromStore rebuilds a Notification read from a store.
func FromStore(r StoreRecord) Notification {
	if r.Metadata == nil {
		r.Metadata = map[string]any{}
	}
	n := Notification{id: r.ID, userID: r.UserID, typ: r.Type, title: r.Title, message: r.Message,
		metadata: r.Metadata, actionURL: r.ActionURL, priority: r.Priority, source: r.Source,
		read: r.Read, createdAt: r.CreatedAt.UTC(), seq: r.Seq}
	if r.ReadAt != nil {
		t := r.ReadAt.UTC()
		n.readAt = &t
	}
	if r.ArchivedAt != nil {
		t := r.ArchivedAt.UTC()
		n.archivedAt = &t
	}
	return n
}

// Record returns every field, for adapters and DTOs.
func (n Notification) Record() StoreRecord {
	return StoreRecord{ID: n.id, UserID: n.userID, Type: n.typ, Title: n.title, Message: n.message,
		Metadata: n.metadata, ActionURL: n.actionURL, Priority: n.priority, Source: n.source,
		Read: n.read, ReadAt: n.readAt, CreatedAt: n.createdAt, Seq: n.seq, ArchivedAt: n.archivedAt}
}

// Seq returns the notification's place in its user's store order (1, 2, ...;
// 0 when unknown). Ids sort the same way within a user.
func (n Notification) Seq() int64 { return n.seq }

// WithRequest returns n to be created under the client request r, so that
// the store refuses a second notification for the same request.
func (n Notification) WithRequest(r domain.RequestKey) Notification {
	n.request = &r
	return n
}

// Request returns the client request n is created under, if any.
func (n Notification) Request() (domain.RequestKey, bool) {
	if n.request == nil {
		return domain.RequestKey{}, false
	}
	return *n.request, true
}

// Stored returns n as the store wrote it: with its final id (a store may move
// an id forward so that a user's ids sort in store order) and its seq.
func (n Notification) Stored(id string, seq int64) Notification {
	n.id, n.seq = id, seq
	return n
}

// ID returns the notification's id; ids sort by creation time.
func (n Notification) ID() string { return n.id }

// UserID returns the owner's id.
func (n Notification) UserID() string { return n.userID }

// Type returns the type.
func (n Notification) Type() Type { return n.typ }

// Priority returns the priority.
func (n Notification) Priority() Priority { return n.priority }

// Metadata returns the i18n values and references.
func (n Notification) Metadata() map[string]any { return n.metadata }

// Read reports whether the owner has read it.
func (n Notification) Read() bool { return n.read }

// CreatedAt returns when it was created.
func (n Notification) CreatedAt() time.Time { return n.createdAt }

// SameOriginPath reports whether p is a path of this app's own origin: "/"
// alone or "/" followed by a character other than "/" and "\\" (which
// browsers read as another host), with no control characters or spaces
// (browsers drop tabs and newlines, so "/\t/evil" would become "//evil")
// and no backslash anywhere.
func SameOriginPath(p string) bool {
	if p == "" || p[0] != '/' || (len(p) > 1 && (p[1] == '/' || p[1] == '\\')) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; c <= 0x20 || c == 0x7f || c == '\\' {
			return false
		}
	}
	return true
}
