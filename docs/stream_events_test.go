package docs

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestSpecNamesEveryStreamEvent: the stream route's description names every
// event a client can receive, and marking a conversation read names the
// message.read event it sends the sender.
func TestSpecNamesEveryStreamEvent(t *testing.T) {
	raw, err := os.ReadFile("swagger.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]struct {
			Description string `json:"description"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	stream := spec.Paths["/notifications/stream"]["get"].Description
	for _, event := range []string{"connected", "reset", "unread-count", "notification", "notification.read", "notification.unread",
		"notification.archived", "notification.deleted", "notification.preferences", "message.read", "fleet.changed",
		"import.progress", "import.finished", "heartbeat", "shutdown"} {
		if !strings.Contains(stream, event) {
			t.Errorf("the stream's description does not name %q", event)
		}
	}
	if d := spec.Paths["/messages/conversations/{userId}/read"]["post"].Description; !strings.Contains(d, "message.read") {
		t.Errorf("marking a conversation read does not name message.read: %q", d)
	}
}
