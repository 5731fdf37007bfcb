package fleethttp_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

type documentBody struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	Name      string  `json:"name"`
	ExpiresOn string  `json:"expiresOn"`
	IssuedOn  *string `json:"issuedOn"`
	DaysLeft  int     `json:"daysLeft"`
}

type reminderBody struct {
	Type     string         `json:"type"`
	Priority string         `json:"priority"`
	Metadata map[string]any `json:"metadata"`
}

func day(offset int) string { return time.Now().UTC().AddDate(0, 0, offset).Format(time.DateOnly) }

func reminders(t *testing.T, u *testkit.User) []reminderBody {
	t.Helper()
	var page struct{ Items []reminderBody }
	u.Do(t, "GET", "/api/v1/notifications?type=DOCUMENT_EXPIRY", nil).Expect(t, http.StatusOK).JSON(t, &page)
	return page.Items
}

// TestADocumentNearItsExpiryRaisesOneReminderLive: a document added 5 days
// before it expires sends its owner one DUE_SOON reminder (the 7-day
// threshold, not also the 30-day one) at once, live on the owner's stream;
// an expired one sends one EXPIRED (HIGH); one far from expiry sends none.
func TestADocumentNearItsExpiryRaisesOneReminderLive(t *testing.T) {
	s := testkit.NewServer(t)
	owner := s.Register(t, "Owner")
	m := createMachine(t, owner, "DOC-1", 100)
	st := owner.Stream(t, "")
	st.NextOf(t, "connected", 5*time.Second)
	path := "/api/v1/machines/" + m.ID + "/documents"

	var soon documentBody
	owner.Do(t, "POST", path, map[string]any{"type": "INSURANCE", "number": "POL-1", "issuedOn": day(-360), "expiresOn": day(5)}).
		Expect(t, http.StatusCreated).JSON(t, &soon)
	if soon.DaysLeft != 5 || soon.IssuedOn == nil {
		t.Fatalf("added %+v", soon)
	}
	ev := st.NextOf(t, "notification", 5*time.Second)
	var live reminderBody
	if err := json.Unmarshal([]byte(ev.Data), &live); err != nil {
		t.Fatal(err)
	}
	if live.Type != "DOCUMENT_EXPIRY" || live.Priority != "NORMAL" || live.Metadata["status"] != "DUE_SOON" ||
		live.Metadata["threshold"] != float64(7) || live.Metadata["documentId"] != soon.ID || live.Metadata["machineName"] != m.Name {
		t.Fatalf("live reminder %+v", live)
	}
	owner.Do(t, "POST", path, map[string]any{"type": "CUSTOM", "name": "Crane permit", "expiresOn": day(-1)}).Expect(t, http.StatusCreated)
	owner.Do(t, "POST", path, map[string]any{"type": "REGISTRATION", "expiresOn": day(90)}).Expect(t, http.StatusCreated)
	got := reminders(t, owner)
	if len(got) != 2 || got[0].Metadata["status"] != "EXPIRED" || got[0].Priority != "HIGH" || got[1].Metadata["status"] != "DUE_SOON" {
		t.Fatalf("reminders %+v, want one EXPIRED (HIGH) and one DUE_SOON", got)
	}
	var list []documentBody
	owner.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &list)
	if len(list) != 3 || list[0].Name != "Crane permit" || list[2].Type != "REGISTRATION" {
		t.Fatalf("list %+v, want soonest expiry first", list)
	}
}

func TestDocumentsAuthorizationAndBadInput(t *testing.T) {
	s := testkit.NewServer(t)
	owner, op, stranger := s.Register(t, "Owner"), s.Register(t, "Operator"), s.Register(t, "Stranger")
	befriend(t, owner, op)
	m := createMachine(t, owner, "DOC-2", 100)
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)
	path := "/api/v1/machines/" + m.ID + "/documents"
	var d documentBody
	owner.Do(t, "POST", path, map[string]any{"type": "INSURANCE", "expiresOn": day(200)}).Expect(t, http.StatusCreated).JSON(t, &d)
	body := map[string]any{"type": "INSURANCE", "expiresOn": day(200)}

	op.Do(t, "POST", path, body).Expect(t, http.StatusForbidden)
	op.Do(t, "DELETE", path+"/"+d.ID, nil).Expect(t, http.StatusForbidden)
	var seen []documentBody
	op.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &seen)
	if len(seen) != 1 {
		t.Fatalf("operator sees %d documents", len(seen))
	}
	stranger.Do(t, "GET", path, nil).Expect(t, http.StatusNotFound)
	stranger.Do(t, "POST", path, body).Expect(t, http.StatusNotFound)
	stranger.Do(t, "DELETE", path+"/"+d.ID, nil).Expect(t, http.StatusNotFound)

	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"type": "PASSPORT", "expiresOn": day(10)}, "type"},
		{map[string]any{"type": "INSURANCE"}, "expiresOn"},
		{map[string]any{"type": "INSURANCE", "expiresOn": "soon"}, "expiresOn"},
		{map[string]any{"type": "CUSTOM", "expiresOn": day(10)}, "name"},
		{map[string]any{"type": "INSURANCE", "issuedOn": day(10), "expiresOn": day(5)}, "expiresOn"},
	} {
		res := owner.Do(t, "POST", path, c.body).Expect(t, http.StatusBadRequest)
		var b struct {
			Error struct {
				Fields map[string]string `json:"fields"`
			} `json:"error"`
		}
		res.JSON(t, &b)
		if b.Error.Fields[c.field] == "" {
			t.Errorf("%v: %s, want the field %s named", c.body, res.Body, c.field)
		}
	}
	owner.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &seen)
	if len(seen) != 1 {
		t.Fatalf("refused input stored something: %d documents", len(seen))
	}
	owner.Do(t, "DELETE", path+"/"+d.ID, nil).Expect(t, http.StatusNoContent)
	owner.Do(t, "DELETE", path+"/"+d.ID, nil).Expect(t, http.StatusNotFound)
}
