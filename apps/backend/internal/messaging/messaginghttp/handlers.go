// Package messaginghttp serves the messaging endpoints of docs/api.md.
package messaginghttp

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accounthttp"
	"github.com/fleetman/fleetman/apps/backend/internal/messaging/messagingapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/message"
)

// The use cases the handlers run.
type (
	// Sender runs SendMessage.
	Sender interface {
		Handle(ctx context.Context, cmd messagingapp.SendMessage) (message.Message, error)
	}
	// ConversationLister lists a user's conversations.
	ConversationLister interface {
		Handle(ctx context.Context, q messagingapp.ListConversations) ([]messagingapp.ConversationView, error)
	}
	// ConversationReader reads one page of a conversation.
	ConversationReader interface {
		Handle(ctx context.Context, q messagingapp.GetConversation) (message.Page, error)
	}
	// ConversationMarker marks a conversation read.
	ConversationMarker interface {
		Handle(ctx context.Context, cmd messagingapp.MarkConversationRead) error
	}
)

// Handler serves /messages.
type Handler struct {
	send   Sender
	list   ConversationLister
	read   ConversationReader
	marker ConversationMarker
}

// NewHandler builds the handler.
func NewHandler(send Sender, list ConversationLister, read ConversationReader, marker ConversationMarker) *Handler {
	return &Handler{send: send, list: list, read: read, marker: marker}
}

// Register mounts the routes on the authenticated group.
func (h *Handler) Register(priv *gin.RouterGroup) {
	priv.POST("/messages", h.sendMessage)
	priv.GET("/messages/conversations", h.conversations)
	priv.GET("/messages/conversations/:userId", h.conversation)
	priv.POST("/messages/conversations/:userId/read", h.markRead)
}

// MessageDTO is a message as the API shows it.
type MessageDTO struct {
	ID          string     `json:"id" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"`
	SenderID    string     `json:"senderId" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e60"`
	RecipientID string     `json:"recipientId" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e61"`
	Content     string     `json:"content" example:"The excavator is ready for pickup."`
	CreatedAt   time.Time  `json:"createdAt"`
	ReadAt      *time.Time `json:"readAt" extensions:"x-nullable"`
}

// NewMessageDTO maps a message.
func NewMessageDTO(m message.Message) MessageDTO {
	return MessageDTO{ID: m.ID(), SenderID: m.SenderID(), RecipientID: m.RecipientID(), Content: m.Content(),
		CreatedAt: m.CreatedAt(), ReadAt: m.ReadAt()}
}

// ConversationDTO is one entry of the conversations list.
type ConversationDTO struct {
	Contact     accounthttp.UserDTO `json:"contact"`
	LastMessage *MessageDTO         `json:"lastMessage" extensions:"x-nullable"`
	UnreadCount int                 `json:"unreadCount" example:"2"`
}

// MessagePageDTO is one page of a conversation, oldest to newest; nextCursor
// (null on the oldest page) is the `before` of the page of older messages.
type MessagePageDTO struct {
	Items      []MessageDTO `json:"items"`
	NextCursor *string      `json:"nextCursor" extensions:"x-nullable"`
}

type sendMessageBody struct {
	RecipientID string `json:"recipientId" validate:"required,max=64" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e61"`
	// Checked by the Message entity after the contact check: trimmed, 1 to 2000 characters.
	Content string `json:"content" example:"The excavator is ready for pickup."`
}

// sendMessage godoc
//
//	@Summary		Send a message to a contact
//	@Description	Checks, in order: the recipient exists and is active (404), the two users are contacts (403), the content is 1 to 2000 characters once trimmed (400). The recipient gets a NEW_MESSAGE notification (metadata messageId, senderId, senderName, preview, conversationWith; actionUrl /messages/{senderId}). With an Idempotency-Key header (kept at least 24 h per sender), a retry with the same recipientId and content returns the first answer (201, the message stored then) and stores and notifies nothing; the same key with another recipientId or content is refused (409 CONFLICT).
//	@Tags			messages
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string			false	"a client key that makes retries of this send safe (1-200 printable ASCII characters)"
//	@Param			body			body		sendMessageBody	true	"The message"
//	@Success		201				{object}	MessageDTO
//	@Failure		400				{object}	httperr.Body
//	@Failure		401				{object}	httperr.UnauthenticatedBody
//	@Failure		403				{object}	httperr.Body	"not contacts"
//	@Failure		404				{object}	httperr.Body	"unknown recipient"
//	@Failure		413				{object}	httperr.Body
//	@Failure		409				{object}	httperr.Body	"the Idempotency-Key was used for another message"
//	@Router			/messages [post]
func (h *Handler) sendMessage(c *gin.Context) {
	var req sendMessageBody
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	m, err := h.send.Handle(c.Request.Context(), messagingapp.SendMessage{SenderID: auth.UserID(c), RecipientID: req.RecipientID,
		Content: req.Content, RequestKey: c.GetHeader("Idempotency-Key")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, NewMessageDTO(m))
}

// conversations godoc
//
//	@Summary		Conversations
//	@Description	One entry per contact or former contact with messages: the newest message and the number of unread messages from them. Newest message first; contacts without messages last (lastMessage null).
//	@Tags			messages
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{array}		ConversationDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/messages/conversations [get]
func (h *Handler) conversations(c *gin.Context) {
	list, err := h.list.Handle(c.Request.Context(), messagingapp.ListConversations{UserID: auth.UserID(c)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	body := make([]ConversationDTO, len(list))
	for i, v := range list {
		body[i] = ConversationDTO{Contact: accounthttp.NewUserDTO(v.Contact, nil), UnreadCount: v.UnreadCount}
		if v.LastMessage != nil {
			dto := NewMessageDTO(*v.LastMessage)
			body[i].LastMessage = &dto
		}
	}
	c.JSON(http.StatusOK, body)
}

// conversation godoc
//
//	@Summary		A conversation's messages
//	@Description	The newest page first; pass nextCursor as `before` for older messages. Messages are oldest to newest within a page. Pages stay stable while new messages arrive. 404 when the caller has no conversation with this user.
//	@Tags			messages
//	@Produce		json
//	@Security		BearerAuth
//	@Param			userId	path		string	true	"The other user's id"
//	@Param			before	query		string	false	"Cursor: nextCursor of the previous page"
//	@Param			limit	query		int		false	"Page size, 1 to 100 (default 50)"
//	@Success		200		{object}	MessagePageDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		404		{object}	httperr.Body
//	@Router			/messages/conversations/{userId} [get]
func (h *Handler) conversation(c *gin.Context) {
	q := messagingapp.GetConversation{UserID: auth.UserID(c), OtherID: c.Param("userId"), Before: c.Query("before")}
	if raw, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > message.MaxPageSize {
			_ = c.Error(domain.Invalid("limit", "must be a whole number from 1 to 100"))
			return
		}
		q.Limit = n
	}
	p, err := h.read.Handle(c.Request.Context(), q)
	if err != nil {
		_ = c.Error(err)
		return
	}
	body := MessagePageDTO{Items: make([]MessageDTO, len(p.Items))}
	for i, m := range p.Items {
		body.Items[i] = NewMessageDTO(m)
	}
	if p.NextCursor != "" {
		body.NextCursor = &p.NextCursor
	}
	c.JSON(http.StatusOK, body)
}

// markRead godoc
//
//	@Summary		Mark a conversation read
//	@Description	Marks the messages the other user sent read, and the caller's NEW_MESSAGE notifications of this conversation (published as notification.read, so badges clear in every tab). When it read something, the sender's open streams get a message.read event ({conversationWith: the caller, upToMessageId, readAt}); readAt is stored on each message first, so a sender who was offline sees it when the conversation loads. 404 when the caller has no conversation with this user.
//	@Tags			messages
//	@Security		BearerAuth
//	@Param			userId	path	string	true	"The other user's id"
//	@Success		204
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		404	{object}	httperr.Body
//	@Router			/messages/conversations/{userId}/read [post]
func (h *Handler) markRead(c *gin.Context) {
	if err := h.marker.Handle(c.Request.Context(), messagingapp.MarkConversationRead{ReaderID: auth.UserID(c), OtherID: c.Param("userId")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}
