package events_test

import (
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/app"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
)

func TestEncodeAnnouncementsCarryTheirPayloadWithoutAnID(t *testing.T) {
	now := time.Now()
	for _, c := range []struct {
		kind app.EventKind
		name string
	}{
		{app.KindImportProgress, events.ImportProgress},
		{app.KindImportFinished, events.ImportFinished},
		{app.KindFleetChanged, events.FleetChanged},
	} {
		m, err := events.Encode(app.Event{UserID: "u", Kind: c.kind, Payload: map[string]any{"processed": 3}}, now)
		if err != nil || m.Event != c.name || m.ID != "" || m.Unread != nil || string(m.Data) != `{"processed":3}` {
			t.Errorf("%s → %+v %s, %v", c.kind, m, m.Data, err)
		}
	}
}
