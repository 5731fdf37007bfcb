package messagingapp

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// MarkConversationRead marks what OtherID sent to ReaderID read.
type MarkConversationRead struct {
	ReaderID string
	OtherID  string
}

// MarkConversationReadHandler runs MarkConversationRead.
type MarkConversationReadHandler struct {
	access        conversationAccess
	messages      message.Repository
	notifications NotificationReader
	receipts      Announcer // nil: no read receipts
	log           *slog.Logger
	now           func() time.Time
}

// EventMessageRead is the stream event a sender's tabs get when the
// recipient reads the conversation (docs/notifications.md).
const EventMessageRead = "message.read"

// MessageRead is the data of message.read: the reader read, at ReadAt,
// every message the sender sent them up to and including UpToMessageID.
// ConversationWith is the reader: the sender's conversation is the one
// with them (/messages/{conversationWith}).
type MessageRead struct {
	ConversationWith string    `json:"conversationWith"`
	UpToMessageID    string    `json:"upToMessageId"`
	ReadAt           time.Time `json:"readAt"`
}

// AnnounceReceiptsTo makes a read that changed something send the sender
// a message.read event through a.
func (h *MarkConversationReadHandler) AnnounceReceiptsTo(a Announcer, log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	h.receipts, h.log = a, log
}

// NewMarkConversationReadHandler builds the handler.
func NewMarkConversationReadHandler(users UserFinder, contacts ContactChecker, messages message.Repository,
	notifications NotificationReader) *MarkConversationReadHandler {
	return &MarkConversationReadHandler{access: conversationAccess{users: users, contacts: contacts, history: messages},
		messages: messages, notifications: notifications, now: time.Now}
}

// Handle marks the messages read, then the reader's unread NEW_MESSAGE
// notifications of this conversation, which publishes notification.read (and
// the new unread count) so that badges clear in every open tab. Both steps
// are idempotent: a retry after a failure finishes the job.
func (h *MarkConversationReadHandler) Handle(ctx context.Context, cmd MarkConversationRead) error {
	if err := h.access.check(ctx, cmd.ReaderID, cmd.OtherID); err != nil {
		return err
	}
	changed, err := h.messages.MarkConversationRead(ctx, cmd.ReaderID, cmd.OtherID, h.now())
	if err != nil {
		return fmt.Errorf("mark conversation read: %w", err)
	}
	if changed > 0 {
		h.receipt(ctx, cmd)
	}
	if _, err := h.notifications.MarkMatchingRead(ctx, notification.Match{UserID: cmd.ReaderID,
		Type: notification.TypeNewMessage, MetadataKey: "conversationWith", Value: cmd.OtherID}); err != nil {
		return fmt.Errorf("mark conversation read: notifications: %w", err)
	}
	return nil
}

// receipt tells the sender's open streams how far the reader has read. The
// read is stored (readAt) before: a sender who was not connected sees it in
// the conversation when they next load it. A receipt that cannot be sent is
// logged, never an error: the read itself succeeded.
func (h *MarkConversationReadHandler) receipt(ctx context.Context, cmd MarkConversationRead) {
	if h.receipts == nil {
		return
	}
	last, err := h.messages.LastRead(ctx, cmd.ReaderID, cmd.OtherID)
	if err == nil && last.ReadAt() != nil {
		err = h.receipts.Announce(ctx, cmd.OtherID, EventMessageRead,
			MessageRead{ConversationWith: cmd.ReaderID, UpToMessageID: last.ID(), ReadAt: *last.ReadAt()})
	}
	if err != nil {
		h.log.Warn("read receipt not sent", "reader", cmd.ReaderID, "sender", cmd.OtherID, "err", err)
	}
}
