package messagingapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/message"
)

// GetConversation asks for one page of the conversation of UserID and
// OtherID: the Limit messages before the cursor Before (a message id; empty
// for the newest), oldest to newest.
type GetConversation struct {
	UserID  string
	OtherID string
	Before  string
	Limit   int // 0 means message.DefaultPageSize
}

// GetConversationHandler runs GetConversation.
type GetConversationHandler struct {
	access   conversationAccess
	messages message.Repository
}

// NewGetConversationHandler builds the handler.
func NewGetConversationHandler(users UserFinder, contacts ContactChecker, messages message.Repository) *GetConversationHandler {
	return &GetConversationHandler{access: conversationAccess{users: users, contacts: contacts, history: messages}, messages: messages}
}

// Handle returns the page; 404 when the two have no conversation, 400 for a
// bad cursor or limit.
func (h *GetConversationHandler) Handle(ctx context.Context, q GetConversation) (message.Page, error) {
	if q.Limit == 0 {
		q.Limit = message.DefaultPageSize
	}
	if q.Limit < 1 || q.Limit > message.MaxPageSize {
		return message.Page{}, domain.Invalid("limit", fmt.Sprintf("must be 1 to %d", message.MaxPageSize))
	}
	if q.Before != "" && !domain.ValidID(q.Before) {
		return message.Page{}, domain.Invalid("before", "must be a cursor from nextCursor")
	}
	if err := h.access.check(ctx, q.UserID, q.OtherID); err != nil {
		return message.Page{}, err
	}
	p, err := h.messages.Page(ctx, message.PageQuery{UserID: q.UserID, OtherID: q.OtherID, Before: q.Before, Limit: q.Limit})
	if err != nil {
		return message.Page{}, fmt.Errorf("conversation: %w", err)
	}
	return p, nil
}
