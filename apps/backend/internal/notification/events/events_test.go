package events_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

func TestEncodeGivesTheStreamPayloadsOfAPIMD(t *testing.T) {
	user := domain.NewID()
	n, err := notification.New(notification.Draft{UserID: user, Type: notification.TypeQuickCheckCompleted,
		Title: "notification.quickCheckFailed.title", Message: "notification.quickCheckFailed.body",
		Metadata: map[string]any{"failedItems": []string{"Brakes"}, "failedCount": 1}, Source: "quickcheck"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	m, err := events.Encode(notificationapp.Event{UserID: user, Kind: notificationapp.KindNotification, Notification: n}, now)
	if err != nil {
		t.Fatal(err)
	}
	if m.UserID != user || m.Event != "notification" || m.ID != n.ID() || m.PublishedAt != now.UnixNano() {
		t.Fatalf("%+v", m)
	}
	var dto map[string]any
	if err := json.Unmarshal(m.Data, &dto); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "userId", "type", "title", "message", "metadata", "actionUrl", "priority", "source", "read", "createdAt"} {
		if _, ok := dto[k]; !ok {
			t.Errorf("no %s in %s", k, m.Data)
		}
	}
	if dto["actionUrl"] != nil || dto["priority"] != "NORMAL" || dto["read"] != false || dto["type"] != "QUICK_CHECK_COMPLETED" {
		t.Fatalf("%s", m.Data)
	}

	for _, c := range []struct {
		e    notificationapp.Event
		name string
		data string
	}{
		{notificationapp.Event{UserID: user, Kind: notificationapp.KindRead, ReadIDs: []string{"a", "b"}}, "notification.read", `{"ids":["a","b"]}`},
		{notificationapp.Event{UserID: user, Kind: notificationapp.KindRead, ReadAll: true}, "notification.read", `{"all":true}`},
		{notificationapp.Event{UserID: user, Kind: notificationapp.KindUnreadCount, Count: 0}, "unread-count", `{"count":0}`},
		{notificationapp.Event{UserID: user, Kind: notificationapp.KindDeleted, DeletedIDs: []string{"a"}}, "notification.deleted", `{"ids":["a"]}`},
	} {
		m, err := events.Encode(c.e, now)
		if err != nil || m.Event != c.name || string(m.Data) != c.data || m.ID != "" {
			t.Errorf("%+v → %+v %s, %v", c.e, m, m.Data, err)
		}
	}
	if _, err := events.Encode(notificationapp.Event{Kind: "bogus"}, now); err == nil {
		t.Error("an unknown kind was encoded")
	}
}
