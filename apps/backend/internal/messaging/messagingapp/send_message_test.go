package messagingapp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
)

type fakeUsers map[string]user.User

func (f fakeUsers) ByID(_ context.Context, id string) (user.User, error) {
	u, ok := f[id]
	if !ok {
		return user.User{}, user.ErrNotFound
	}
	return u, nil
}

type fakeContacts struct {
	pairs map[string]bool
	err   error
	calls int
}

func (f *fakeContacts) AreContacts(_ context.Context, a, b string) (bool, error) {
	f.calls++
	return f.pairs[message.PairKey(a, b)], f.err
}

// fakeMessages records what was written and keeps request keys; other
// reads are not used here.
type fakeMessages struct {
	message.Repository
	created []message.Message
	err     error
	// beforeCreate runs at the start of Create (to store a concurrent
	// retry's message first).
	beforeCreate func()
	byRequests   int
}

func (f *fakeMessages) Create(_ context.Context, m message.Message) error {
	if f.beforeCreate != nil {
		f.beforeCreate()
	}
	if f.err != nil {
		return f.err
	}
	if req, ok := m.Request(); ok {
		for _, c := range f.created {
			if r, keyed := c.Request(); keyed && r.Scope == req.Scope && r.Key == req.Key {
				return fmt.Errorf("fake: %w", domain.ErrRequestExists)
			}
		}
	}
	f.created = append(f.created, m)
	return nil
}

func (f *fakeMessages) ByRequest(_ context.Context, scope, key string) (message.Message, string, error) {
	f.byRequests++
	for _, c := range f.created {
		if r, keyed := c.Request(); keyed && r.Scope == scope && r.Key == key {
			return c, r.Hash, nil
		}
	}
	return message.Message{}, "", message.ErrNotFound
}

type fakeNotifier struct {
	drafts []notification.Draft
	err    error
	ctxErr error // the context's state when Create ran
}

func (f *fakeNotifier) Create(ctx context.Context, d notification.Draft) (notification.Notification, error) {
	f.drafts = append(f.drafts, d)
	f.ctxErr = ctx.Err()
	if f.err != nil {
		return notification.Notification{}, f.err
	}
	return notification.New(d, time.Now())
}

type sendFixture struct {
	ana, ben, cy, gone user.User
	users              fakeUsers
	contacts           *fakeContacts
	messages           *fakeMessages
	notifier           *fakeNotifier
	h                  *SendMessageHandler
}

func newSendFixture(t *testing.T) *sendFixture {
	t.Helper()
	mk := func(name string, active bool) user.User {
		u, err := user.New(name+"@example.com", name, "", "hash", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return user.FromStore(u.ID(), u.Email(), u.Name(), "", "hash", active, u.CreatedAt())
	}
	f := &sendFixture{ana: mk("Ana", true), ben: mk("Ben", true), cy: mk("Cy", true), gone: mk("Gone", false)}
	f.users = fakeUsers{f.ana.ID(): f.ana, f.ben.ID(): f.ben, f.cy.ID(): f.cy, f.gone.ID(): f.gone}
	f.contacts = &fakeContacts{pairs: map[string]bool{
		message.PairKey(f.ana.ID(), f.ben.ID()):  true,
		message.PairKey(f.ana.ID(), f.gone.ID()): true,
	}}
	f.messages = &fakeMessages{}
	f.notifier = &fakeNotifier{}
	f.h = NewSendMessageHandler(f.users, f.contacts, f.messages, f.notifier, slog.New(slog.NewTextHandler(io.Discard, nil)))
	return f
}

func TestSendMessageChecksInOrderAndWritesNothingOnFailure(t *testing.T) {
	f := newSendFixture(t)
	tests := []struct {
		name               string
		cmd                SendMessage
		want               error
		contactChecksAfter int
	}{
		{"unknown recipient, blank content", SendMessage{SenderID: f.ana.ID(), RecipientID: domain.NewID(), Content: " "}, domain.ErrNotFound, 0},
		{"malformed recipient id", SendMessage{SenderID: f.ana.ID(), RecipientID: "../x", Content: "hi"}, domain.ErrNotFound, 0},
		{"inactive recipient who is a contact", SendMessage{SenderID: f.ana.ID(), RecipientID: f.gone.ID(), Content: "hi"}, domain.ErrNotFound, 0},
		{"inactive sender", SendMessage{SenderID: f.gone.ID(), RecipientID: f.ana.ID(), Content: "hi"}, domain.ErrNotFound, 0},
		{"not contacts, blank content", SendMessage{SenderID: f.ana.ID(), RecipientID: f.cy.ID(), Content: "   "}, domain.ErrForbidden, 1},
		{"oneself", SendMessage{SenderID: f.ana.ID(), RecipientID: f.ana.ID(), Content: "hi"}, domain.ErrForbidden, 0},
		{"contacts, blank content", SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: " \n "}, domain.ErrInvalid, 1},
		{"contacts, too long", SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: strings.Repeat("x", 2001)}, domain.ErrInvalid, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.contacts.calls = 0
			_, err := f.h.Handle(context.Background(), tt.cmd)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if f.contacts.calls != tt.contactChecksAfter {
				t.Fatalf("contact checks = %d, want %d", f.contacts.calls, tt.contactChecksAfter)
			}
			if len(f.messages.created) != 0 || len(f.notifier.drafts) != 0 {
				t.Fatalf("wrote %d messages and %d notifications", len(f.messages.created), len(f.notifier.drafts))
			}
		})
	}
}

func TestSendMessageStoresThenNotifiesTheRecipientOnce(t *testing.T) {
	f := newSendFixture(t)
	content := "  " + strings.Repeat("ñ😀", 60) + "  "
	ctx, cancel := context.WithCancel(context.Background())
	f.notifier.err = nil
	m, err := f.h.Handle(ctx, SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: content})
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.messages.created) != 1 || f.messages.created[0].ID() != m.ID() || m.Content() != strings.TrimSpace(content) {
		t.Fatalf("stored %v, answered %+v", f.messages.created, m.Record())
	}
	if len(f.notifier.drafts) != 1 {
		t.Fatalf("%d notifications", len(f.notifier.drafts))
	}
	d := f.notifier.drafts[0]
	if d.UserID != f.ben.ID() || d.Type != notification.TypeNewMessage || d.Title != "notification.newMessage.title" ||
		d.Message != "notification.newMessage.body" || d.ActionURL != "/messages/"+f.ana.ID() || d.Source != "messaging" {
		t.Fatalf("draft %+v", d)
	}
	preview, _ := d.Metadata["preview"].(string)
	if d.Metadata["messageId"] != m.ID() || d.Metadata["senderId"] != f.ana.ID() || d.Metadata["senderName"] != "Ana" ||
		d.Metadata["conversationWith"] != f.ana.ID() || utf8.RuneCountInString(preview) != 100 ||
		!utf8.ValidString(preview) || !strings.HasPrefix(m.Content(), preview) {
		t.Fatalf("metadata %+v", d.Metadata)
	}
	if _, err := notification.New(d, time.Now()); err != nil {
		t.Fatalf("the draft is not a valid notification: %v", err)
	}
}

func TestSendMessageKeepsTheMessageWhenTheNotificationFails(t *testing.T) {
	f := newSendFixture(t)
	f.notifier.err = errors.New("store down")
	m, err := f.h.Handle(context.Background(), SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: "hello"})
	if err != nil {
		t.Fatalf("a failed notification failed the send: %v", err)
	}
	if len(f.messages.created) != 1 || f.messages.created[0].ID() != m.ID() {
		t.Fatal("the message was not stored")
	}
}

func TestSendMessageNotifiesEvenIfTheClientHangsUp(t *testing.T) {
	f := newSendFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	f.messages.err = nil
	// The request's context is cancelled right after the store call.
	f.h.messages = &cancelAfterCreate{fakeMessages: f.messages, cancel: cancel}
	if _, err := f.h.Handle(ctx, SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: "hello"}); err != nil {
		t.Fatal(err)
	}
	if len(f.notifier.drafts) != 1 || f.notifier.ctxErr != nil {
		t.Fatalf("notified %d times with context error %v", len(f.notifier.drafts), f.notifier.ctxErr)
	}
}

type cancelAfterCreate struct {
	*fakeMessages
	cancel context.CancelFunc
}

func (c *cancelAfterCreate) Create(ctx context.Context, m message.Message) error {
	err := c.fakeMessages.Create(ctx, m)
	c.cancel()
	return err
}

func TestSendMessageStoreFailureIsAnError(t *testing.T) {
	f := newSendFixture(t)
	f.messages.err = errors.New("disk full")
	if _, err := f.h.Handle(context.Background(), SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: "hello"}); err == nil {
		t.Fatal("a failed store reported success")
	}
	if len(f.notifier.drafts) != 0 {
		t.Fatal("notified about a message that was not stored")
	}
}

func TestSendMessageUnderAKeyTakesEffectOnce(t *testing.T) {
	f := newSendFixture(t)
	ctx := context.Background()
	cmd := SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: "hello", RequestKey: "k-1"}
	first, err := f.h.Handle(ctx, cmd)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.h.Handle(ctx, cmd)
	if err != nil || again.ID() != first.ID() {
		t.Fatalf("retry: %s, %v (want %s)", again.ID(), err, first.ID())
	}
	if len(f.messages.created) != 1 || len(f.notifier.drafts) != 1 {
		t.Fatalf("%d messages, %d notifications after a retry", len(f.messages.created), len(f.notifier.drafts))
	}
	for _, other := range []SendMessage{
		{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: "hello!", RequestKey: "k-1"},
		{SenderID: f.ana.ID(), RecipientID: f.cy.ID(), Content: "hello", RequestKey: "k-1"},
	} {
		if _, err := f.h.Handle(ctx, other); !errors.Is(err, ErrIdempotencyKeyReused) {
			t.Fatalf("the key with another request: %v", err)
		}
	}
	// Another sender's same key is another request.
	if _, err := f.h.Handle(ctx, SendMessage{SenderID: f.ben.ID(), RecipientID: f.ana.ID(), Content: "hello", RequestKey: "k-1"}); err != nil {
		t.Fatal(err)
	}
	if len(f.messages.created) != 2 || len(f.notifier.drafts) != 2 {
		t.Fatalf("%d messages, %d notifications", len(f.messages.created), len(f.notifier.drafts))
	}
	if _, err := f.h.Handle(ctx, SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: "hi", RequestKey: "bad key"}); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("a key with a space: %v", err)
	}
}

// Two sends under one key at once: the store refuses the one that comes
// second, which answers with the first's message and notifies nobody.
func TestSendMessageLosingARaceAnswersWithTheWinner(t *testing.T) {
	f := newSendFixture(t)
	ctx := context.Background()
	cmd := SendMessage{SenderID: f.ana.ID(), RecipientID: f.ben.ID(), Content: "hello", RequestKey: "k-1"}
	var winner message.Message
	f.messages.beforeCreate = func() {
		f.messages.beforeCreate = nil
		m, err := message.New(cmd.SenderID, cmd.RecipientID, cmd.Content, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		winner = m.WithRequest(cmd.request())
		f.messages.created = append(f.messages.created, winner)
	}
	got, err := f.h.Handle(ctx, cmd)
	if err != nil || got.ID() != winner.ID() {
		t.Fatalf("got %s, %v; want the winner %s", got.ID(), err, winner.ID())
	}
	if len(f.messages.created) != 1 || len(f.notifier.drafts) != 0 {
		t.Fatalf("%d messages, %d notifications", len(f.messages.created), len(f.notifier.drafts))
	}
}
