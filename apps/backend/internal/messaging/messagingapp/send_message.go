package messagingapp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// SendMessage is the command to send Content from SenderID to RecipientID.
// RequestKey is the client's Idempotency-Key, if it sent one: the send then
// takes effect at most once per sender and key.
type SendMessage struct {
	SenderID    string
	RecipientID string
	Content     string
	RequestKey  string
}

// request is the command's request key: scoped to the sender and to sending,
// hashed over what makes the request (recipient and content as sent).
func (cmd SendMessage) request() domain.RequestKey {
	sum := sha256.Sum256([]byte(cmd.RecipientID + "\x00" + cmd.Content))
	return domain.RequestKey{Scope: "message:" + cmd.SenderID, Key: cmd.RequestKey, Hash: hex.EncodeToString(sum[:])}
}

// Texts of the NEW_MESSAGE notification (docs/api-shapes.md).
const (
	newMessageTitleKey = "notification.newMessage.title"
	newMessageBodyKey  = "notification.newMessage.body"
	messagingSource    = "messaging"
	notifyDeadline     = 5 * time.Second
)

// SendMessageHandler runs SendMessage.
type SendMessageHandler struct {
	users    UserFinder
	contacts ContactChecker
	messages message.Repository
	notifier Notifier
	log      *slog.Logger
	now      func() time.Time
}

// NewSendMessageHandler builds the handler.
func NewSendMessageHandler(users UserFinder, contacts ContactChecker, messages message.Repository,
	notifier Notifier, log *slog.Logger) *SendMessageHandler {
	if log == nil {
		log = slog.Default()
	}
	return &SendMessageHandler{users: users, contacts: contacts, messages: messages, notifier: notifier,
		log: log, now: time.Now}
}

// Handle checks, in this order, that both users exist and are active (404),
// that they are contacts (403) and that the content is valid (400); then it
// stores the message and sends the recipient one NEW_MESSAGE notification.
// Nothing is written before every check passed. Once the message is stored
// the sender gets it back whatever happens to the notification: a failure
// there is logged, never turned into an error that would invite a resend.
//
// With a RequestKey, a send already made under it is answered with the
// message it stored, without a check, a write or a notification; under it
// with another recipient or content, with ErrIdempotencyKeyReused. The key is
// stored with the message, in the same write, so of two concurrent sends
// under one key the store refuses the second (domain.ErrRequestExists), which
// then answers with the first's message.
func (h *SendMessageHandler) Handle(ctx context.Context, cmd SendMessage) (message.Message, error) {
	var req domain.RequestKey
	if cmd.RequestKey != "" {
		if req = cmd.request(); !req.Valid() {
			return message.Message{}, domain.Invalid("Idempotency-Key", "must be 1 to 200 printable ASCII characters")
		}
		if m, err := h.sent(ctx, req); !errors.Is(err, message.ErrNotFound) {
			return m, err
		}
	}
	sender, err := h.activeUser(ctx, cmd.SenderID)
	if err != nil {
		return message.Message{}, err
	}
	if _, err := h.activeUser(ctx, cmd.RecipientID); err != nil {
		return message.Message{}, err
	}
	if cmd.SenderID == cmd.RecipientID {
		return message.Message{}, ErrNotContacts
	}
	ok, err := h.contacts.AreContacts(ctx, cmd.SenderID, cmd.RecipientID)
	if err != nil {
		return message.Message{}, fmt.Errorf("send message: %w", err)
	}
	if !ok {
		return message.Message{}, ErrNotContacts
	}
	m, err := message.New(cmd.SenderID, cmd.RecipientID, cmd.Content, h.now())
	if err != nil {
		return message.Message{}, err
	}
	if req.Key != "" {
		m = m.WithRequest(req)
	}
	if err := h.messages.Create(ctx, m); err != nil {
		if errors.Is(err, domain.ErrRequestExists) { // a concurrent retry stored it first
			return h.sent(ctx, req)
		}
		return message.Message{}, fmt.Errorf("send message: %w", err)
	}
	h.notify(ctx, m, sender.Name())
	return m, nil
}

// sent returns the message stored under req's key: message.ErrNotFound when
// none, ErrIdempotencyKeyReused when it was stored for another request.
func (h *SendMessageHandler) sent(ctx context.Context, req domain.RequestKey) (message.Message, error) {
	m, hash, err := h.messages.ByRequest(ctx, req.Scope, req.Key)
	if err != nil {
		return message.Message{}, fmt.Errorf("send message: %w", err)
	}
	if hash != req.Hash {
		return message.Message{}, ErrIdempotencyKeyReused
	}
	return m, nil
}

// activeUser returns the account id, ErrUserNotFound when it does not exist
// or is deactivated.
func (h *SendMessageHandler) activeUser(ctx context.Context, id string) (user.User, error) {
	if !domain.ValidID(id) {
		return user.User{}, ErrUserNotFound
	}
	u, err := h.users.ByID(ctx, id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && !u.Active()) {
		return user.User{}, ErrUserNotFound
	}
	if err != nil {
		return user.User{}, fmt.Errorf("send message: %w", err)
	}
	return u, nil
}

// notify sends the NEW_MESSAGE notification. It runs on a context detached
// from the request, so a client that hangs up after the message is stored
// does not cancel it.
func (h *SendMessageHandler) notify(ctx context.Context, m message.Message, senderName string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyDeadline)
	defer cancel()
	_, err := h.notifier.Create(ctx, NewMessageDraft(m, senderName))
	if err != nil {
		h.log.ErrorContext(ctx, "NEW_MESSAGE notification not created; the message is stored",
			"message", m.ID(), "recipient", m.RecipientID(), "err", err)
	}
}

// NewMessageDraft is the recipient's NEW_MESSAGE notification for m.
func NewMessageDraft(m message.Message, senderName string) notification.Draft {
	return notification.Draft{
		UserID:  m.RecipientID(),
		Type:    notification.TypeNewMessage,
		Title:   newMessageTitleKey,
		Message: newMessageBodyKey,
		Metadata: map[string]any{
			"messageId":        m.ID(),
			"senderId":         m.SenderID(),
			"senderName":       senderName,
			"preview":          m.Preview(),
			"conversationWith": m.SenderID(),
		},
		ActionURL: "/messages/" + m.SenderID(),
		Priority:  notification.PriorityNormal,
		Source:    messagingSource,
	}
}
