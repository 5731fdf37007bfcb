package bootstrap

import (
	"context"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/contacts/contactsapp"
	"github.com/fleetman/fleetman/apps/backend/internal/contacts/contactshttp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/ratelimit"
	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// wireContacts builds the contact repository (kept on the App as a.contacts:
// messaging and fleet check contacts with it), the contacts use cases and
// their handlers. It runs after wireNotifications.
func (a *App) wireContacts(ctx context.Context) error {
	repo, err := pick(ctx, a.store,
		func(db *sqlite.DB) contact.Repository { return sqlite.NewContactRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (contact.Repository, error) {
			return mongostore.NewContactRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	a.contacts = repo
	uc := contactUseCases(contactsapp.NewDeps(repo, a.users, a.notifications, a.notifications, a.log))
	// Per user: 20 requests at once, then one every 3 seconds (20 a minute).
	contactshttp.NewHandler(uc, ratelimit.New(3*time.Second, 20)).Register(a.priv)
	return nil
}

// contactUseCases builds every contacts use case on d.
func contactUseCases(d *contactsapp.Deps) contactshttp.UseCases {
	return contactshttp.UseCases{
		SendRequest:  contactsapp.NewSendContactRequestHandler(d),
		Accept:       contactsapp.NewAcceptContactRequestHandler(d),
		Decline:      contactsapp.NewDeclineContactRequestHandler(d),
		ListRequests: contactsapp.NewListContactRequestsHandler(d),
		List:         contactsapp.NewListContactsHandler(d),
		Remove:       contactsapp.NewRemoveContactHandler(d),
	}
}
