package message

import (
	"context"
	"time"
)

// Limits of a page of messages.
const (
	DefaultPageSize = 50
	MaxPageSize     = 100
)

// PageQuery selects one page of the conversation of UserID and OtherID.
type PageQuery struct {
	UserID  string
	OtherID string
	Before  string // a message id: only older messages; empty for the newest page
	Limit   int    // 1..MaxPageSize
}

// Page is up to Limit messages, oldest to newest, and the cursor of the page
// of older messages (empty when there is none). Cursors are message ids, which
// sort by creation time, so that new messages never shift older pages.
type Page struct {
	Items      []Message
	NextCursor string
}

// Conversation summarises one conversation of a user: its newest message and
// how many messages the other user sent that the user has not read.
type Conversation struct {
	OtherID     string
	LastMessage Message
	UnreadCount int
}

// Repository stores messages.
type Repository interface {
	// Create stores a new message. Once it returns nil the message is stored.
	// domain.ErrRequestExists when m's request key is already stored (its
	// message and the key are written together).
	Create(ctx context.Context, m Message) error
	// ByRequest returns the message stored under the request key (scope,
	// key) and that request's hash; ErrNotFound when none. Keys are kept at
	// least 24 hours.
	ByRequest(ctx context.Context, scope, key string) (Message, string, error)
	// Page returns one page of the conversation of q.UserID and q.OtherID.
	Page(ctx context.Context, q PageQuery) (Page, error)
	// Exists reports whether a and b have exchanged any message.
	Exists(ctx context.Context, a, b string) (bool, error)
	// Conversations returns up to limit conversations of userID, the one
	// with the newest message first, computed in a fixed number of queries.
	Conversations(ctx context.Context, userID string, limit int) ([]Conversation, error)
	// MarkConversationRead marks the unread messages otherID sent to readerID
	// read and returns how many changed.
	MarkConversationRead(ctx context.Context, readerID, otherID string, at time.Time) (int, error)
	// LastRead returns the newest message otherID sent readerID that
	// readerID has read (a read receipt's "up to"); ErrNotFound when none.
	LastRead(ctx context.Context, readerID, otherID string) (Message, error)
}
