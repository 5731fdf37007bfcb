package bootstrap

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/contacts/contactsapp"
	"github.com/fleetman/fleetman/apps/backend/internal/demo"
	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/messaging/messagingapp"
	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// wireDemoData seeds the demo accounts and their fleet into an empty store
// when DEMO_DATA=true (make run sets it), and prints the credentials. A store
// that holds any account is never touched. It runs last, through the real
// use cases.
func (a *App) wireDemoData(ctx context.Context) error {
	if !a.cfg.DemoData {
		return nil
	}
	empty, err := a.storeIsEmpty(ctx)
	if err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	if !empty {
		a.log.Info("demo data skipped: the store already has accounts")
		return nil
	}
	register := accountapp.NewRegisterUserHandler(a.accounts)
	contactDeps := contactsapp.NewDeps(a.contacts, a.users, a.notifications, a.notifications, a.log)
	sendRequest, accept := contactsapp.NewSendContactRequestHandler(contactDeps), contactsapp.NewAcceptContactRequestHandler(contactDeps)
	messages, err := pick(ctx, a.store,
		func(db *sqlite.DB) message.Repository { return sqlite.NewMessageRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (message.Repository, error) {
			return mongostore.NewMessageRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	send := messagingapp.NewSendMessageHandler(a.users, a.contacts, messages, a.notifications, a.log)

	res, err := demo.Seed(ctx, demo.Deps{
		Register: func(ctx context.Context, email, pw, name, business string) (string, error) {
			s, err := register.Handle(ctx, accountapp.RegisterUser{Email: email, Password: pw, Name: name, BusinessName: business})
			return s.User.ID(), err
		},
		Befriend: func(ctx context.Context, requesterID, recipientID, recipientEmail string) error {
			req, err := sendRequest.Handle(ctx, contactsapp.SendContactRequest{RequesterID: requesterID, Email: recipientEmail})
			if err != nil {
				return err
			}
			_, err = accept.Handle(ctx, contactsapp.AcceptContactRequest{UserID: recipientID, RequestID: req.Request.ID()})
			return err
		},
		SendMessage: func(ctx context.Context, from, to, content string) error {
			_, err := send.Handle(ctx, messagingapp.SendMessage{SenderID: from, RecipientID: to, Content: content})
			return err
		},
		Fleet: a.demoFleet,
		Log:   a.log,
	})
	if err != nil {
		return err
	}
	a.log.Info("demo data seeded: sign in with these accounts",
		"owner", demo.OwnerEmail, "ownerPassword", demo.OwnerPassword,
		"operator", demo.OperatorEmail, "operatorPassword", demo.OperatorPassword,
		"machines", len(res.MachineIDs), "messages", res.Messages)
	return nil
}

// demoFleet builds the fleet use cases the seeder drives on its clock, with
// issues, work orders and documents wired as the server's are (a failed check
// item opens an issue; a document past a threshold is reminded at once).
func (a *App) demoFleet(clock fleetapp.Clock) demo.Fleet {
	m, q, al := a.fleetUseCases(clock)
	f := demo.Fleet{Machines: m, QuickChecks: q, Alarms: al}
	f.Issues = fleetapp.NewIssueUseCases(m, a.fleet.issueRepo, a.notifications, clock, a.log)
	q.OpenIssuesWith(f.Issues.FromCheck)
	f.WorkOrders = fleetapp.NewWorkOrderUseCases(f.Issues, a.fleet.workOrderRepo)
	if a.fleet.documentRepo != nil {
		expiry := fleetapp.NewCheckDocumentExpiryHandler(a.fleet.documentRepo, a.fleet.machineRepo, a.notifications, clock, a.log,
			a.cfg.DocumentExpiryThresholds)
		f.Documents = fleetapp.NewDocumentDeps(m, a.fleet.documentRepo, a.fleet.documentFiles, expiry, clock, a.log)
	}
	return f
}

// storeIsEmpty reports whether the store holds no account at all.
func (a *App) storeIsEmpty(ctx context.Context) (bool, error) {
	if a.store.mongo != nil {
		n, err := a.store.mongo.Database().Collection("users").CountDocuments(ctx, bson.D{})
		return n == 0, err
	}
	var n int
	err := a.store.sqlite.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n == 0, err
}
