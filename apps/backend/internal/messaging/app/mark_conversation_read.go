package app

import (
	"context"
	"fmt"
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
	now           func() time.Time
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
	if _, err := h.messages.MarkConversationRead(ctx, cmd.ReaderID, cmd.OtherID, h.now()); err != nil {
		return fmt.Errorf("mark conversation read: %w", err)
	}
	if _, err := h.notifications.MarkMatchingRead(ctx, notification.Match{UserID: cmd.ReaderID,
		Type: notification.TypeNewMessage, MetadataKey: "conversationWith", Value: cmd.OtherID}); err != nil {
		return fmt.Errorf("mark conversation read: notifications: %w", err)
	}
	return nil
}
