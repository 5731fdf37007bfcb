package messaginghttp_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

type streamedNotification struct {
	ID        string         `json:"id"`
	UserID    string         `json:"userId"`
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Message   string         `json:"message"`
	Metadata  map[string]any `json:"metadata"`
	ActionURL string         `json:"actionUrl"`
	Read      bool           `json:"read"`
}

// TestRecipientStreamGetsNewMessageAndReadStateInEveryTab sends a message to
// a user with two open tabs: both get NEW_MESSAGE live (how fast is the load
// tool's question, not a unit test's: the bound here only catches "never"); marking the conversation read publishes notification.read (and an
// unread count of 0) to both tabs; the sender's stream gets nothing.
func TestRecipientStreamGetsNewMessageAndReadStateInEveryTab(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben := s.Register(t, "Ana"), s.Register(t, "Ben")
	befriend(t, ana, ben)

	tabs := []*testkit.Stream{ben.Stream(t, ""), ben.Stream(t, "")}
	anaTab := ana.Stream(t, "")
	for _, st := range append(tabs, anaTab) {
		st.NextOf(t, "connected", 5*time.Second)
	}

	sent := send(t, ana, ben, "Is the excavator back from the site?")
	var ids []string
	for i, st := range tabs {
		ev := st.NextOf(t, "notification", 5*time.Second)
		var n streamedNotification
		if err := json.Unmarshal([]byte(ev.Data), &n); err != nil {
			t.Fatalf("tab %d: %v in %q", i, err, ev.Data)
		}
		if n.Type != "NEW_MESSAGE" || n.UserID != ben.ID || n.Metadata["messageId"] != sent.ID ||
			n.Metadata["senderId"] != ana.ID || n.Metadata["conversationWith"] != ana.ID ||
			n.Metadata["preview"] != sent.Content || n.ActionURL != "/messages/"+ana.ID || n.Read || ev.LastEventID != n.ID {
			t.Fatalf("tab %d got %+v (id %q)", i, n, ev.LastEventID)
		}
		ids = append(ids, n.ID)
	}
	if ids[0] != ids[1] {
		t.Fatalf("the tabs got different notifications: %v", ids)
	}

	ben.Do(t, "POST", "/api/v1/messages/conversations/"+ana.ID+"/read", nil).Expect(t, http.StatusNoContent)
	for i, st := range tabs {
		// notification.read naming the notification, and an unread count of 0, in either order.
		read, zero := false, false
		deadline := time.Now().Add(2 * time.Second)
		for !read || !zero {
			ev, ok := st.TryNext(time.Until(deadline))
			if !ok {
				t.Fatalf("tab %d: notification.read seen %v, unread-count 0 seen %v", i, read, zero)
			}
			switch ev.Type {
			case "notification.read":
				var body struct {
					IDs []string `json:"ids"`
					All bool     `json:"all"`
				}
				if err := json.Unmarshal([]byte(ev.Data), &body); err != nil {
					t.Fatalf("tab %d: %v in %q", i, err, ev.Data)
				}
				read = read || body.All || slices.Contains(body.IDs, ids[0])
			case "unread-count":
				var c struct{ Count int }
				if err := json.Unmarshal([]byte(ev.Data), &c); err != nil {
					t.Fatal(err)
				}
				zero = c.Count == 0
			}
		}
	}

	// The sender's own stream got no notification of this message.
	for _, ev := range anaTab.Events() {
		if ev.Type == "notification" {
			t.Fatalf("the sender's stream got %s", ev.Data)
		}
	}
}
