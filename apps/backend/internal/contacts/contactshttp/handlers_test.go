package contactshttp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

type userDTO struct {
	ID, Email, Name string
	Roles           []string `json:"roles"`
}

type requestDTO struct {
	ID          string  `json:"id"`
	Requester   userDTO `json:"requester"`
	Recipient   userDTO `json:"recipient"`
	Status      string  `json:"status"`
	CreatedAt   string  `json:"createdAt"`
	RespondedAt *string `json:"respondedAt"`
}

type requestsDTO struct {
	Incoming []requestDTO `json:"incoming"`
	Outgoing []requestDTO `json:"outgoing"`
}

type contactDTO struct {
	User  userDTO `json:"user"`
	Since string  `json:"since"`
}

func sendRequest(t *testing.T, from, to *testkit.User) requestDTO {
	t.Helper()
	var r requestDTO
	from.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": to.Email}).Expect(t, http.StatusCreated).JSON(t, &r)
	return r
}

func TestRequestAcceptListRemove(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben := s.Register(t, "Ana"), s.Register(t, "Ben")

	var req requestDTO
	ana.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": "  " + strings.ToUpper(ben.Email) + " "}).
		Expect(t, http.StatusCreated).JSON(t, &req)
	if req.Status != "PENDING" || req.Requester.ID != ana.ID || req.Recipient.ID != ben.ID || req.RespondedAt != nil ||
		req.Recipient.Roles != nil || req.CreatedAt == "" {
		t.Fatalf("request %+v", req)
	}

	var benReqs, anaReqs requestsDTO
	ben.Do(t, "GET", "/api/v1/contacts/requests", nil).Expect(t, 200).JSON(t, &benReqs)
	ana.Do(t, "GET", "/api/v1/contacts/requests", nil).Expect(t, 200).JSON(t, &anaReqs)
	if len(benReqs.Incoming) != 1 || benReqs.Incoming[0].ID != req.ID || len(benReqs.Outgoing) != 0 {
		t.Fatalf("Ben's requests %+v", benReqs)
	}
	if len(anaReqs.Outgoing) != 1 || anaReqs.Outgoing[0].ID != req.ID || len(anaReqs.Incoming) != 0 {
		t.Fatalf("Ana's requests %+v", anaReqs)
	}

	got := ben.Notifications(t, "CONTACT_REQUEST")
	if len(got) != 1 {
		t.Fatalf("Ben has %d CONTACT_REQUEST notifications", len(got))
	}
	rec := got[0]
	if rec.Title != "notification.contactRequest.title" || rec.Message != "notification.contactRequest.body" ||
		rec.Metadata["requestId"] != req.ID || rec.Metadata["requesterId"] != ana.ID || rec.Metadata["requesterName"] != "Ana" ||
		rec.ActionURL != "/contacts" || rec.Source != "contacts" {
		t.Fatalf("CONTACT_REQUEST %+v", rec)
	}

	// Only the recipient may answer; a stranger does not even see the request.
	ana.Do(t, "POST", "/api/v1/contacts/requests/"+req.ID+"/accept", nil).Expect(t, http.StatusForbidden)
	s.Register(t, "Cy").Do(t, "POST", "/api/v1/contacts/requests/"+req.ID+"/accept", nil).Expect(t, http.StatusNotFound)

	var accepted requestDTO
	ben.Do(t, "POST", "/api/v1/contacts/requests/"+req.ID+"/accept", nil).Expect(t, 200).JSON(t, &accepted)
	if accepted.Status != "ACCEPTED" || accepted.RespondedAt == nil || accepted.Requester.ID != ana.ID {
		t.Fatalf("accepted %+v", accepted)
	}
	// A double accept answers the same and changes nothing twice.
	ben.Do(t, "POST", "/api/v1/contacts/requests/"+req.ID+"/accept", nil).Expect(t, 200)
	ben.Do(t, "POST", "/api/v1/contacts/requests/"+req.ID+"/decline", nil).Expect(t, http.StatusConflict)
	acc := ana.Notifications(t, "CONTACT_ACCEPTED")
	if len(acc) != 1 {
		t.Fatalf("Ana has %d CONTACT_ACCEPTED notifications", len(acc))
	}
	if m := acc[0].Metadata; m["requestId"] != req.ID || m["contactId"] != ben.ID || m["contactName"] != "Ben" {
		t.Fatalf("CONTACT_ACCEPTED metadata %v", m)
	}
	if n := ben.Notifications(t, "CONTACT_REQUEST"); len(n) != 1 || !n[0].Read {
		t.Fatal("the answered request's notification is still unread")
	}

	for _, pair := range [][2]*testkit.User{{ana, ben}, {ben, ana}} {
		var list []contactDTO
		pair[0].Do(t, "GET", "/api/v1/contacts", nil).Expect(t, 200).JSON(t, &list)
		if len(list) != 1 || list[0].User.ID != pair[1].ID || list[0].Since == "" || list[0].User.Roles != nil {
			t.Fatalf("%s's contacts %+v", pair[0].Name, list)
		}
	}
	ben.Do(t, "GET", "/api/v1/contacts/requests", nil).Expect(t, 200).JSON(t, &benReqs)
	if len(benReqs.Incoming)+len(benReqs.Outgoing) != 0 {
		t.Fatalf("requests after accepting %+v", benReqs)
	}

	// Removal ends it for both sides.
	ben.Do(t, "DELETE", "/api/v1/contacts/"+ana.ID, nil).Expect(t, http.StatusNoContent)
	for _, u := range []*testkit.User{ana, ben} {
		var list []contactDTO
		u.Do(t, "GET", "/api/v1/contacts", nil).Expect(t, 200).JSON(t, &list)
		if len(list) != 0 {
			t.Fatalf("%s still has %+v", u.Name, list)
		}
	}
	ana.Do(t, "DELETE", "/api/v1/contacts/"+ben.ID, nil).Expect(t, http.StatusNotFound)
	// They may become contacts again.
	sendRequest(t, ben, ana)
}

func TestRequestErrors(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben, cy := s.Register(t, "Ana"), s.Register(t, "Ben"), s.Register(t, "Cy")
	pending := sendRequest(t, ana, ben)
	accepted := sendRequest(t, ana, cy)
	cy.Do(t, "POST", "/api/v1/contacts/requests/"+accepted.ID+"/accept", nil).Expect(t, 200)

	tests := []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"oneself", map[string]string{"email": strings.ToUpper(ana.Email)}, 400, "VALIDATION_FAILED"},
		{"malformed email", map[string]string{"email": "not-an-email"}, 400, "VALIDATION_FAILED"},
		{"missing email", map[string]string{}, 400, "VALIDATION_FAILED"},
		{"operator injection", `{"email":{"$ne":""}}`, 400, "VALIDATION_FAILED"},
		{"unknown email", map[string]string{"email": "nobody.here@example.com"}, 404, "NOT_FOUND"},
		{"pending duplicate", map[string]string{"email": ben.Email}, 409, "CONFLICT"},
		{"existing contact", map[string]string{"email": cy.Email}, 409, "CONFLICT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ana.Do(t, "POST", "/api/v1/contacts/requests", tt.body).Expect(t, tt.status)
			if res.ErrorCode() != tt.code {
				t.Fatalf("code %q: %s", res.ErrorCode(), res.Body)
			}
			if tt.status == 404 && (strings.Contains(string(res.Body), "nobody.here") || strings.Contains(strings.ToLower(string(res.Body)), "exist")) {
				t.Fatalf("the 404 says more than it must: %s", res.Body)
			}
		})
	}
	// The reverse direction of a pending request and a request between contacts, from the other side.
	ben.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": ana.Email}).Expect(t, http.StatusConflict)
	cy.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": ana.Email}).Expect(t, http.StatusConflict)

	// Unknown and malformed request ids.
	ben.Do(t, "POST", "/api/v1/contacts/requests/0190c6f1a2b37c4d8e9f0a1b2c3d4e5f/accept", nil).Expect(t, http.StatusNotFound)
	ben.Do(t, "POST", "/api/v1/contacts/requests/nope/decline", nil).Expect(t, http.StatusNotFound)

	// A declined request cannot be accepted; a new request may follow it.
	var declined requestDTO
	ben.Do(t, "POST", "/api/v1/contacts/requests/"+pending.ID+"/decline", nil).Expect(t, 200).JSON(t, &declined)
	if declined.Status != "DECLINED" || declined.RespondedAt == nil {
		t.Fatalf("declined %+v", declined)
	}
	ben.Do(t, "POST", "/api/v1/contacts/requests/"+pending.ID+"/decline", nil).Expect(t, 200)
	ben.Do(t, "POST", "/api/v1/contacts/requests/"+pending.ID+"/accept", nil).Expect(t, http.StatusConflict)
	if n := ana.Notifications(t, "CONTACT_ACCEPTED"); len(n) != 1 {
		t.Fatalf("Ana has %d CONTACT_ACCEPTED notifications, want 1 (from Cy)", len(n))
	}
	again := sendRequest(t, ben, ana)
	ana.Do(t, "POST", "/api/v1/contacts/requests/"+again.ID+"/accept", nil).Expect(t, 200)

	// Unauthenticated callers are refused.
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/contacts"}).Expect(t, http.StatusUnauthorized)
}

func TestConcurrentAcceptsNotifyOnce(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben := s.Register(t, "Ana"), s.Register(t, "Ben")
	req := sendRequest(t, ana, ben)
	done := make(chan int, 6)
	for i := 0; i < 6; i++ {
		go func() {
			res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/contacts/requests/" + req.ID + "/accept", Token: ben.Token})
			done <- res.Status
		}()
	}
	for i := 0; i < 6; i++ {
		if st := <-done; st != 200 {
			t.Errorf("concurrent accept: %d", st)
		}
	}
	if n := ana.Notifications(t, "CONTACT_ACCEPTED"); len(n) != 1 {
		t.Fatalf("%d CONTACT_ACCEPTED notifications", len(n))
	}
}
