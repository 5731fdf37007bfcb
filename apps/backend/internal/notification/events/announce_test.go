package events_test

import (
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
)

func TestEncodeAnnouncementsCarryTheirPayloadWithoutAnID(t *testing.T) {
	now := time.Now()
	for _, c := range []struct {
		kind notificationapp.EventKind
		name string
	}{
		{notificationapp.KindImportProgress, events.ImportProgress},
		{notificationapp.KindImportFinished, events.ImportFinished},
		{notificationapp.KindFleetChanged, events.FleetChanged},
	} {
		m, err := events.Encode(notificationapp.Event{UserID: "u", Kind: c.kind, Payload: map[string]any{"processed": 3}}, now)
		if err != nil || m.Event != c.name || m.ID != "" || m.Unread != nil || string(m.Data) != `{"processed":3}` {
			t.Errorf("%s → %+v %s, %v", c.kind, m, m.Data, err)
		}
	}
}
