package messagingapp

import (
	"context"
	"fmt"
	"sort"

	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// MaxConversations bounds the conversations list.
const MaxConversations = 5000

// ContactLister lists a user's contacts.
type ContactLister interface {
	Contacts(ctx context.Context, userID string) ([]contact.Contact, error)
}

// UsersByID loads several accounts in one query.
type UsersByID interface {
	ByIDs(ctx context.Context, ids []string) ([]user.User, error)
}

// ConversationView is one entry of the conversations list: the other user,
// the newest message (nil when none yet) and how many of theirs are unread.
type ConversationView struct {
	Contact     user.User
	LastMessage *message.Message
	UnreadCount int
}

// ListConversations asks for a user's conversations.
type ListConversations struct {
	UserID string
}

// ListConversationsHandler lists a user's conversations.
type ListConversationsHandler struct {
	messages message.Repository
	contacts ContactLister
	users    UsersByID
}

// NewListConversationsHandler builds the handler.
func NewListConversationsHandler(messages message.Repository, contacts ContactLister, users UsersByID) *ListConversationsHandler {
	return &ListConversationsHandler{messages: messages, contacts: contacts, users: users}
}

// Handle returns q.UserID's conversations, newest message first, followed by
// the contacts with no message yet (the most recent contact first). It takes
// a fixed number of queries whatever the number of conversations: the
// summaries (one store query, see the repositories), the contacts, and the
// users in one batch.
func (h *ListConversationsHandler) Handle(ctx context.Context, q ListConversations) ([]ConversationView, error) {
	userID := q.UserID
	summaries, err := h.messages.Conversations(ctx, userID, MaxConversations)
	if err != nil {
		return nil, fmt.Errorf("conversations: %w", err)
	}
	contacts, err := h.contacts.Contacts(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("conversations: %w", err)
	}
	ids := make([]string, 0, len(summaries)+len(contacts))
	seen := make(map[string]bool, cap(ids))
	for _, s := range summaries {
		if !seen[s.OtherID] {
			seen[s.OtherID] = true
			ids = append(ids, s.OtherID)
		}
	}
	var silent []contact.Contact
	for _, c := range contacts {
		if !seen[c.ContactID] {
			seen[c.ContactID] = true
			ids = append(ids, c.ContactID)
			silent = append(silent, c)
		}
	}
	users, err := h.users.ByIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("conversations: %w", err)
	}
	byID := make(map[string]user.User, len(users))
	for _, u := range users {
		byID[u.ID()] = u
	}
	out := make([]ConversationView, 0, len(ids))
	for _, s := range summaries {
		if u, ok := byID[s.OtherID]; ok {
			last := s.LastMessage
			out = append(out, ConversationView{Contact: u, LastMessage: &last, UnreadCount: s.UnreadCount})
		}
	}
	sort.SliceStable(silent, func(i, j int) bool { return silent[i].Since.After(silent[j].Since) })
	for _, c := range silent {
		if u, ok := byID[c.ContactID]; ok && len(out) < MaxConversations {
			out = append(out, ConversationView{Contact: u})
		}
	}
	return out, nil
}
