package bootstrap_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/account/sessions"
	"github.com/fleetman/fleetman/apps/backend/internal/contacts/contactsapp"
	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/messaging/messagingapp"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/domain/user"
)

type errorBody struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// TestErrorBodiesSpeakTheSentinelsWords provokes each domain sentinel
// through the real server and checks the answer: its status, its stable
// code and the sentinel's (or the field's) own message, never a wrap chain.
func TestErrorBodiesSpeakTheSentinelsWords(t *testing.T) {
	adminEmail := "admin." + domain.NewID()[20:] + "@example.com"
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"ADMIN_EMAILS": adminEmail, "REGISTER_BURST_PER_CLIENT": "20"}))
	admin := s.Admin(t, "Admin", adminEmail)
	owner, op, stranger, third := s.Register(t, "Owner"), s.Register(t, "Operator"), s.Register(t, "Stranger"), s.Register(t, "Third")
	var req struct {
		ID string `json:"id"`
	}
	owner.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": op.Email}).Expect(t, http.StatusCreated).JSON(t, &req)
	op.Do(t, "POST", "/api/v1/contacts/requests/"+req.ID+"/accept", nil).Expect(t, http.StatusOK)
	answered := req.ID
	owner.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": third.Email}).Expect(t, http.StatusCreated).JSON(t, &req)
	pending := req.ID
	var m struct {
		ID string `json:"id"`
	}
	owner.Do(t, "POST", "/api/v1/machines", map[string]any{"serialNumber": "SN-E1", "name": "Excavator", "brand": "Cat",
		"model": "320", "type": "excavator", "operatingHours": 100}).Expect(t, http.StatusCreated).JSON(t, &m)
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)
	ended := s.Login(t, stranger.Email, "password-Stranger")
	ended.Do(t, "POST", "/api/v1/auth/logout", nil).Expect(t, http.StatusNoContent)
	publish := map[string]any{"userId": owner.ID, "type": "SYSTEM", "title": "t", "message": "m"}
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/notifications", Token: admin.Token, Body: publish, Header: map[string]string{"Idempotency-Key": "k1"}}).Expect(t, http.StatusCreated)
	unknown := domain.NewID()
	var doc struct {
		ID string `json:"id"`
	}
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/documents", map[string]any{"type": "INSURANCE", "expiresOn": "2099-01-01"}).
		Expect(t, http.StatusCreated).JSON(t, &doc)
	docFile := "/api/v1/machines/" + m.ID + "/documents/" + doc.ID + "/file"
	attach := func(content []byte) *testkit.Response {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		fw, _ := w.CreateFormFile("file", "f.pdf")
		_, _ = fw.Write(content)
		_ = w.Close()
		return s.Send(t, testkit.Request{Method: "PUT", Path: docFile, Token: owner.Token, Body: body.Bytes(),
			Header: map[string]string{"Content-Type": w.FormDataContentType()}})
	}

	tests := []struct {
		sentinel error
		do       func() *testkit.Response
		status   int
		field    string // for a field's error: the field named
	}{
		{user.ErrEmailTaken, func() *testkit.Response {
			return s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/register",
				Body: map[string]string{"email": owner.Email, "password": "long-enough", "name": "X", "businessName": "X"}})
		}, 409, ""},
		{user.ErrInvalidEmail, func() *testkit.Response {
			return s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/register",
				Body: map[string]string{"email": "no-at-sign", "password": "long-enough", "name": "X", "businessName": "X"}})
		}, 400, "email"},
		{accountapp.ErrBadCredentials, func() *testkit.Response {
			return s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
				Body: map[string]string{"email": owner.Email, "password": "not-the-password"}})
		}, 401, ""},
		{accountapp.ErrWrongPassword, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/users/me/password", map[string]string{"currentPassword": "wrong-one", "newPassword": "another-long-one"})
		}, 400, "currentPassword"},
		{auth.ErrNoToken, func() *testkit.Response {
			return s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me"})
		}, 401, ""},
		{auth.ErrBearerPrefixMissing, func() *testkit.Response {
			return s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Header: map[string]string{"Authorization": owner.Token}})
		}, 401, ""},
		{auth.ErrNotBearer, func() *testkit.Response {
			return s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Header: map[string]string{"Authorization": "Basic b3duZXI6cHc="}})
		}, 401, ""},
		{auth.ErrInvalidToken, func() *testkit.Response {
			return s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/users/me", Token: owner.Token + "x"})
		}, 401, ""},
		{sessions.ErrSessionEnded, func() *testkit.Response { return ended.Do(t, "GET", "/api/v1/users/me", nil) }, 401, ""},
		{auth.ErrAdminRequired, func() *testkit.Response { return owner.Do(t, "POST", "/api/v1/notifications", publish) }, 403, ""},
		{auth.ErrCrossOrigin, func() *testkit.Response {
			return s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/notifications/read-all", Cookies: []*http.Cookie{owner.Cookie},
				Header: map[string]string{"Origin": "https://evil.example"}})
		}, 403, ""},
		{notificationapp.ErrRequestKeyReused, func() *testkit.Response {
			other := map[string]any{"userId": owner.ID, "type": "SYSTEM", "title": "another", "message": "m"}
			return s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/notifications", Token: admin.Token, Body: other, Header: map[string]string{"Idempotency-Key": "k1"}})
		}, 409, ""},
		{user.ErrNotFound, func() *testkit.Response {
			return admin.Do(t, "POST", "/api/v1/notifications", map[string]any{"userId": unknown, "type": "SYSTEM", "title": "t", "message": "m"})
		}, 404, ""},
		{notification.ErrNotFound, func() *testkit.Response { return owner.Do(t, "POST", "/api/v1/notifications/"+unknown+"/read", nil) }, 404, ""},
		{machine.ErrNotFound, func() *testkit.Response { return stranger.Do(t, "GET", "/api/v1/machines/"+m.ID, nil) }, 404, ""},
		{machine.ErrSerialTaken, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/machines", map[string]any{"serialNumber": "SN-E1", "name": "Twin"})
		}, 409, ""},
		{machine.ErrNotOwner, func() *testkit.Response { return op.Do(t, "DELETE", "/api/v1/machines/"+m.ID, nil) }, 403, ""},
		{document.ErrFileNotFound, func() *testkit.Response { return owner.Do(t, "GET", docFile, nil) }, 404, ""},
		{document.ErrFileType, func() *testkit.Response { return attach([]byte("<html><body>x</body></html>")) }, 400, "file"},
		{document.ErrFileTooLarge, func() *testkit.Response {
			return attach(append([]byte("%PDF-1.7\n"), make([]byte, document.MaxFileBytes)...))
		}, 413, ""},
		{machine.ErrHoursBackwards, func() *testkit.Response {
			return op.Do(t, "POST", "/api/v1/machines/"+m.ID+"/readings", map[string]any{"operatingHours": 50})
		}, 400, "operatingHours"},
		{maintenance.ErrNotFound, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/maintenance-plans/"+unknown+"/complete", map[string]any{"operatingHours": 120})
		}, 404, ""},
		{fleetapp.ErrNotContact, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/operators", map[string]string{"userId": stranger.ID})
		}, 403, ""},
		{importjob.ErrNotFound, func() *testkit.Response { return owner.Do(t, "GET", "/api/v1/imports/"+unknown, nil) }, 404, ""},
		{contact.ErrSelf, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": owner.Email})
		}, 400, "email"},
		{contactsapp.ErrNoSuchAccount, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": "nobody." + unknown[20:] + "@example.com"})
		}, 404, ""},
		{contact.ErrAlreadyContacts, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": op.Email})
		}, 409, ""},
		{contact.ErrRequestPending, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": third.Email})
		}, 409, ""},
		{contact.ErrNotRecipient, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/contacts/requests/"+pending+"/accept", nil)
		}, 403, ""},
		{contact.ErrAlreadyAnswered, func() *testkit.Response {
			return op.Do(t, "POST", "/api/v1/contacts/requests/"+answered+"/decline", nil)
		}, 409, ""},
		{contact.ErrRequestNotFound, func() *testkit.Response { return op.Do(t, "POST", "/api/v1/contacts/requests/"+unknown+"/accept", nil) }, 404, ""},
		{contact.ErrNotContacts, func() *testkit.Response { return owner.Do(t, "DELETE", "/api/v1/contacts/"+stranger.ID, nil) }, 404, ""},
		{messagingapp.ErrNotContacts, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/messages", map[string]string{"recipientId": stranger.ID, "content": "hello"})
		}, 403, ""},
		{messagingapp.ErrUserNotFound, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/messages", map[string]string{"recipientId": unknown, "content": "hello"})
		}, 404, ""},
		{message.ErrInvalidContent, func() *testkit.Response {
			return owner.Do(t, "POST", "/api/v1/messages", map[string]string{"recipientId": op.ID, "content": "   "})
		}, 400, "content"},
	}
	for _, tt := range tests {
		t.Run(tt.sentinel.Error(), func(t *testing.T) {
			res := tt.do()
			var body errorBody
			if err := json.Unmarshal(res.Body, &body); err != nil || res.Status != tt.status {
				t.Fatalf("status %d (want %d): %s", res.Status, tt.status, res.Body)
			}
			want := tt.sentinel.Error()
			var fe *domain.FieldError
			if tt.field != "" && asField(tt.sentinel, &fe) {
				if body.Error.Fields[tt.field] != fe.Message {
					t.Errorf("fields = %v, want %s: %q", body.Error.Fields, tt.field, fe.Message)
				}
			}
			if body.Error.Message != want {
				t.Errorf("message %q, want the sentinel's own %q", body.Error.Message, want)
			}
			if body.Error.Code != codeOf[tt.status] {
				t.Errorf("code %q, want %q", body.Error.Code, codeOf[tt.status])
			}
		})
	}
}

var codeOf = map[int]string{400: "VALIDATION_FAILED", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT",
	413: "PAYLOAD_TOO_LARGE"}

func asField(err error, fe **domain.FieldError) bool {
	f, ok := err.(*domain.FieldError)
	*fe = f
	return ok
}

// TestNoClientErrorCarriesAWrapChain sends malformed requests everywhere a
// handler adds context to an error and checks the 4xx messages are short
// sentences of their own, not "layer: layer: kind".
func TestNoClientErrorCarriesAWrapChain(t *testing.T) {
	s := testkit.NewServer(t)
	ana := s.Register(t, "Ana")
	for _, path := range []string{"/api/v1/notifications/x/read", "/api/v1/machines/" + domain.NewID(),
		"/api/v1/messages/conversations/" + domain.NewID(), "/api/v1/imports/" + domain.NewID(), "/api/v1/no-such-route"} {
		method := "GET"
		if strings.HasSuffix(path, "/read") {
			method = "POST"
		}
		res := ana.Do(t, method, path, nil)
		var body errorBody
		res.JSON(t, &body)
		if res.Status < 400 || res.Status >= 500 || strings.Count(body.Error.Message, ": ") > 0 {
			t.Errorf("%s %s: %d %q", method, path, res.Status, body.Error.Message)
		}
	}
}
