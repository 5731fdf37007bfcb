package messaginghttp_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// TestConversationsListWithAThousandConversations seeds 1,000 contacts with
// messages straight into the server's store, then lists them through the API.
func TestConversationsListWithAThousandConversations(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 1,000 conversations")
	}
	s := testkit.NewServer(t)
	me := s.Register(t, "Me")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, s.Config.SQLitePath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users, contacts, messages := sqlite.NewUserRepository(db), sqlite.NewContactRepository(db), sqlite.NewMessageRepository(db)
	const n = 1000
	var newest string
	for i := 0; i < n; i++ {
		u, err := user.New(fmt.Sprintf("peer%04d@example.com", i), fmt.Sprintf("Peer %d", i), "", "hash", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := users.Create(ctx, u); err != nil {
			t.Fatal(err)
		}
		req, _ := contact.NewRequest(u.ID(), me.ID, time.Now())
		if err := contacts.CreateRequest(ctx, req); err != nil {
			t.Fatal(err)
		}
		if _, err := contacts.Respond(ctx, req.ID(), me.ID, contact.StatusAccepted, time.Now()); err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 3; j++ {
			from, to := u.ID(), me.ID
			if j == 1 {
				from, to = me.ID, u.ID()
			}
			m, _ := message.New(from, to, fmt.Sprintf("m%d-%d", i, j), time.Now())
			if err := messages.Create(ctx, m); err != nil {
				t.Fatal(err)
			}
			newest = m.ID()
		}
	}
	start := time.Now()
	var list []conversationDTO
	me.Do(t, "GET", "/api/v1/messages/conversations", nil).Expect(t, http.StatusOK).JSON(t, &list)
	took := time.Since(start)
	if len(list) != n {
		t.Fatalf("%d conversations", len(list))
	}
	if list[0].LastMessage == nil || list[0].LastMessage.ID != newest {
		t.Fatalf("newest conversation first: %+v", list[0])
	}
	for i, c := range list {
		if c.UnreadCount != 2 || c.LastMessage == nil {
			t.Fatalf("conversation %d: %+v", i, c)
		}
		if i > 0 && list[i-1].LastMessage.ID <= c.LastMessage.ID {
			t.Fatalf("not newest first at %d", i)
		}
	}
	t.Logf("listed %d conversations through the API in %v", n, took)
	if took > 2*time.Second {
		t.Fatalf("listing took %v", took)
	}
}
