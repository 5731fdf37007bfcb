package bootstrap

import (
	"context"

	"github.com/fleetman/fleetman/apps/backend/internal/messaging/messagingapp"
	"github.com/fleetman/fleetman/apps/backend/internal/messaging/messaginghttp"
	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// wireMessaging builds the message repository, the messaging use cases and
// their handlers. It runs after wireNotifications and wireContacts.
func (a *App) wireMessaging(ctx context.Context) error {
	messages, err := pick(ctx, a.store,
		func(db *sqlite.DB) message.Repository { return sqlite.NewMessageRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (message.Repository, error) {
			return mongostore.NewMessageRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	markRead := messagingapp.NewMarkConversationReadHandler(a.users, a.contacts, messages, a.notifications)
	markRead.AnnounceReceiptsTo(streamAnnouncer{a.notifications}, a.log) // message.read to the sender
	messaginghttp.NewHandler(
		messagingapp.NewSendMessageHandler(a.users, a.contacts, messages, a.notifications, a.log),
		messagingapp.NewListConversationsHandler(messages, a.contacts, a.users),
		messagingapp.NewGetConversationHandler(a.users, a.contacts, messages),
		markRead,
	).Register(a.priv)
	return nil
}
