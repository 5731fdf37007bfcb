// Package message holds the direct Message entity and its repository port.
package message

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

// Limits of a message.
const (
	MaxContentLength = 2000 // characters (Unicode code points), after trimming
	PreviewLength    = 100  // characters of a notification preview
)

// Errors of this entity.
var (
	ErrInvalidContent = &domain.FieldError{Field: "content",
		Message: fmt.Sprintf("must be 1 to %d characters", MaxContentLength)}
	ErrNotFound = fmt.Errorf("message: %w", domain.ErrNotFound)
)

// PairKey is the canonical key of the conversation of a and b: the smaller id,
// a colon, the larger id.
func PairKey(a, b string) string { return domain.PairKey(a, b) }

// Message is a direct message from one user to another.
type Message struct {
	id          string
	senderID    string
	recipientID string
	content     string
	createdAt   time.Time
	readAt      *time.Time
	request     *domain.RequestKey // the client request that sends it, if keyed
}

// WithRequest returns m to be stored under the client request r, so that the
// store refuses a second message for the same request.
func (m Message) WithRequest(r domain.RequestKey) Message {
	m.request = &r
	return m
}

// Request returns the client request m is stored under, if any.
func (m Message) Request() (domain.RequestKey, bool) {
	if m.request == nil {
		return domain.RequestKey{}, false
	}
	return *m.request, true
}

// New validates a new unread message. The content is trimmed and must then
// hold 1 to MaxContentLength characters of valid UTF-8.
func New(senderID, recipientID, content string, now time.Time) (Message, error) {
	if !domain.ValidID(senderID) {
		return Message{}, domain.Invalid("senderId", "must be a user id")
	}
	if !domain.ValidID(recipientID) {
		return Message{}, domain.Invalid("recipientId", "must be a user id")
	}
	if senderID == recipientID {
		return Message{}, domain.Invalid("recipientId", "you cannot message yourself")
	}
	content = strings.TrimSpace(content)
	if content == "" || !utf8.ValidString(content) || utf8.RuneCountInString(content) > MaxContentLength {
		return Message{}, ErrInvalidContent
	}
	return Message{id: domain.NewID(), senderID: senderID, recipientID: recipientID, content: content,
		createdAt: now.UTC().Truncate(time.Millisecond)}, nil
}

// StoreRecord carries every field of a Message between an adapter and FromStore.
type StoreRecord struct {
	ID          string
	SenderID    string
	RecipientID string
	Content     string
	CreatedAt   time.Time
	ReadAt      *time.Time
}

// FromStore rebuilds a Message read from a store.
func FromStore(r StoreRecord) Message {
	m := Message{id: r.ID, senderID: r.SenderID, recipientID: r.RecipientID, content: r.Content,
		createdAt: r.CreatedAt.UTC()}
	if r.ReadAt != nil {
		t := r.ReadAt.UTC()
		m.readAt = &t
	}
	return m
}

// Record returns every field, for adapters.
func (m Message) Record() StoreRecord {
	return StoreRecord{ID: m.id, SenderID: m.senderID, RecipientID: m.recipientID, Content: m.content,
		CreatedAt: m.createdAt, ReadAt: m.readAt}
}

// ID returns the message's id; ids sort by creation time and serve as paging cursors.
func (m Message) ID() string { return m.id }

// SenderID returns who wrote it.
func (m Message) SenderID() string { return m.senderID }

// RecipientID returns who it is for.
func (m Message) RecipientID() string { return m.recipientID }

// PairKey returns the key of the conversation it belongs to.
func (m Message) PairKey() string { return PairKey(m.senderID, m.recipientID) }

// Content returns the trimmed text.
func (m Message) Content() string { return m.content }

// CreatedAt returns when it was sent.
func (m Message) CreatedAt() time.Time { return m.createdAt }

// ReadAt returns when the recipient read it (nil while unread).
func (m Message) ReadAt() *time.Time { return m.readAt }

// Preview returns the first PreviewLength characters of the content, cut on
// a character boundary (a client adds an ellipsis if it wants one).
func (m Message) Preview() string { return Truncate(m.content, PreviewLength) }

// Truncate returns the first n characters (code points) of s, never splitting one.
func Truncate(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}
