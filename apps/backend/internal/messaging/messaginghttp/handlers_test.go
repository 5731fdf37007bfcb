package messaginghttp_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/apps/backend/internal/messaging/messagingapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

type messageDTO struct {
	ID          string  `json:"id"`
	SenderID    string  `json:"senderId"`
	RecipientID string  `json:"recipientId"`
	Content     string  `json:"content"`
	CreatedAt   string  `json:"createdAt"`
	ReadAt      *string `json:"readAt"`
}

type pageDTO struct {
	Items      []messageDTO `json:"items"`
	NextCursor *string      `json:"nextCursor"`
}

type conversationDTO struct {
	Contact struct {
		ID, Name string
		Roles    []string `json:"roles"`
	} `json:"contact"`
	LastMessage *messageDTO `json:"lastMessage"`
	UnreadCount int         `json:"unreadCount"`
}

// befriend makes a and b contacts through the API.
func befriend(t *testing.T, a, b *testkit.User) {
	t.Helper()
	var req struct{ ID string }
	a.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": b.Email}).Expect(t, http.StatusCreated).JSON(t, &req)
	b.Do(t, "POST", "/api/v1/contacts/requests/"+req.ID+"/accept", nil).Expect(t, http.StatusOK)
}

func send(t *testing.T, from, to *testkit.User, content string) messageDTO {
	t.Helper()
	var m messageDTO
	from.Do(t, "POST", "/api/v1/messages", map[string]string{"recipientId": to.ID, "content": content}).
		Expect(t, http.StatusCreated).JSON(t, &m)
	return m
}

func TestSendMessageRules(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben, cy := s.Register(t, "Ana"), s.Register(t, "Ben"), s.Register(t, "Cy")
	befriend(t, ana, ben)

	tests := []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"unknown recipient", map[string]string{"recipientId": "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", "content": "hi"}, 404, "NOT_FOUND"},
		{"malformed recipient", map[string]string{"recipientId": "../../x", "content": "hi"}, 404, "NOT_FOUND"},
		{"not a contact, even with blank content", map[string]string{"recipientId": cy.ID, "content": "  "}, 403, "FORBIDDEN"},
		{"oneself", map[string]string{"recipientId": ana.ID, "content": "hi"}, 403, "FORBIDDEN"},
		{"empty content", map[string]string{"recipientId": ben.ID, "content": ""}, 400, "VALIDATION_FAILED"},
		{"blank content", map[string]string{"recipientId": ben.ID, "content": " \n\t "}, 400, "VALIDATION_FAILED"},
		{"2001 characters", map[string]string{"recipientId": ben.ID, "content": strings.Repeat("é", 2001)}, 400, "VALIDATION_FAILED"},
		{"missing recipient", map[string]string{"content": "hi"}, 400, "VALIDATION_FAILED"},
		{"unknown field", map[string]any{"recipientId": ben.ID, "content": "hi", "senderId": cy.ID}, 400, "VALIDATION_FAILED"},
		{"wrong type", `{"recipientId":"` + ben.ID + `","content":42}`, 400, "VALIDATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ana.Do(t, "POST", "/api/v1/messages", tt.body).Expect(t, tt.status)
			if res.ErrorCode() != tt.code {
				t.Fatalf("code %q: %s", res.ErrorCode(), res.Body)
			}
		})
	}
	if n := ben.Notifications(t, "NEW_MESSAGE"); len(n) != 0 {
		t.Fatalf("refused sends created %d notifications", len(n))
	}
	var page pageDTO
	ana.Do(t, "GET", "/api/v1/messages/conversations/"+ben.ID, nil).Expect(t, 200).JSON(t, &page)
	if len(page.Items) != 0 {
		t.Fatalf("refused sends stored %d messages", len(page.Items))
	}

	content := "  " + strings.Repeat("ñ😀", 1000) + "\n"
	m := send(t, ana, ben, content)
	if m.ID == "" || m.SenderID != ana.ID || m.RecipientID != ben.ID || m.Content != strings.TrimSpace(content) ||
		m.ReadAt != nil || m.CreatedAt == "" {
		t.Fatalf("sent %+v", m)
	}
	got := ben.Notifications(t, "NEW_MESSAGE")
	if len(got) != 1 {
		t.Fatalf("Ben has %d NEW_MESSAGE notifications", len(got))
	}
	rec := got[0]
	preview, _ := rec.Metadata["preview"].(string)
	if rec.Title != "notification.newMessage.title" || rec.Message != "notification.newMessage.body" ||
		rec.ActionURL != "/messages/"+ana.ID || rec.Source != "messaging" || rec.Read ||
		rec.Metadata["messageId"] != m.ID || rec.Metadata["senderId"] != ana.ID || rec.Metadata["senderName"] != "Ana" ||
		rec.Metadata["conversationWith"] != ana.ID ||
		utf8.RuneCountInString(preview) != 100 || !utf8.ValidString(preview) || !strings.HasPrefix(m.Content, preview) {
		t.Fatalf("NEW_MESSAGE %+v", rec)
	}
	if n := ana.Notifications(t, "NEW_MESSAGE"); len(n) != 0 {
		t.Fatal("the sender got a NEW_MESSAGE notification")
	}
}

func TestConversationsListAndMarkRead(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben, cy, dee := s.Register(t, "Ana"), s.Register(t, "Ben"), s.Register(t, "Cy"), s.Register(t, "Dee")
	befriend(t, ana, ben)
	befriend(t, cy, ana)
	befriend(t, ana, dee) // no messages yet
	send(t, ben, ana, "b1")
	send(t, ben, ana, "b2")
	send(t, cy, ana, "c1")
	last := send(t, ana, cy, "c2")

	var list []conversationDTO
	ana.Do(t, "GET", "/api/v1/messages/conversations", nil).Expect(t, 200).JSON(t, &list)
	if len(list) != 3 {
		t.Fatalf("%d conversations: %+v", len(list), list)
	}
	if list[0].Contact.ID != cy.ID || list[0].LastMessage == nil || list[0].LastMessage.ID != last.ID || list[0].UnreadCount != 1 {
		t.Fatalf("first %+v", list[0])
	}
	if list[1].Contact.ID != ben.ID || list[1].LastMessage.Content != "b2" || list[1].UnreadCount != 2 || list[1].Contact.Roles != nil {
		t.Fatalf("second %+v", list[1])
	}
	if list[2].Contact.ID != dee.ID || list[2].LastMessage != nil || list[2].UnreadCount != 0 {
		t.Fatalf("third %+v", list[2])
	}

	// A third user can neither read nor mark the conversation.
	eve := s.Register(t, "Eve")
	eve.Do(t, "GET", "/api/v1/messages/conversations/"+ana.ID, nil).Expect(t, http.StatusNotFound)
	eve.Do(t, "POST", "/api/v1/messages/conversations/"+ana.ID+"/read", nil).Expect(t, http.StatusNotFound)
	eve.Do(t, "GET", "/api/v1/messages/conversations/not-an-id", nil).Expect(t, http.StatusNotFound)
	ana.Do(t, "GET", "/api/v1/messages/conversations/"+ana.ID, nil).Expect(t, http.StatusNotFound)
	var eves []conversationDTO
	eve.Do(t, "GET", "/api/v1/messages/conversations", nil).Expect(t, 200).JSON(t, &eves)
	if len(eves) != 0 {
		t.Fatalf("Eve sees %+v", eves)
	}

	// Marking read clears the messages' unread count and the NEW_MESSAGE notifications of that conversation only.
	ana.Do(t, "POST", "/api/v1/messages/conversations/"+ben.ID+"/read", nil).Expect(t, http.StatusNoContent)
	ana.Do(t, "GET", "/api/v1/messages/conversations", nil).Expect(t, 200).JSON(t, &list)
	unread := map[string]int{}
	for _, c := range list {
		unread[c.Contact.ID] = c.UnreadCount
	}
	if unread[ben.ID] != 0 || unread[cy.ID] != 1 {
		t.Fatalf("unread after marking: %v", unread)
	}
	for _, n := range ana.Notifications(t, "NEW_MESSAGE") {
		from := n.Metadata["conversationWith"]
		if (from == ben.ID) != n.Read {
			t.Fatalf("notification from %v read=%v", from, n.Read)
		}
	}
	var page pageDTO
	ana.Do(t, "GET", "/api/v1/messages/conversations/"+ben.ID, nil).Expect(t, 200).JSON(t, &page)
	for _, m := range page.Items {
		if m.ReadAt == nil {
			t.Fatalf("message %q unread after marking", m.Content)
		}
	}
	// Ben's side: his messages are read by Ana, nothing unread for him.
	var bens []conversationDTO
	ben.Do(t, "GET", "/api/v1/messages/conversations", nil).Expect(t, 200).JSON(t, &bens)
	if len(bens) != 1 || bens[0].Contact.ID != ana.ID || bens[0].UnreadCount != 0 || bens[0].LastMessage.ReadAt == nil {
		t.Fatalf("Ben's list %+v", bens)
	}
	ana.Do(t, "POST", "/api/v1/messages/conversations/"+ben.ID+"/read", nil).Expect(t, http.StatusNoContent)
}

func TestRemovedContactKeepsHistoryButCannotSend(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben := s.Register(t, "Ana"), s.Register(t, "Ben")
	befriend(t, ana, ben)
	first := send(t, ana, ben, "before")
	send(t, ben, ana, "reply")
	ana.Do(t, "DELETE", "/api/v1/contacts/"+ben.ID, nil).Expect(t, http.StatusNoContent)

	for _, pair := range [][2]*testkit.User{{ana, ben}, {ben, ana}} {
		res := pair[0].Do(t, "POST", "/api/v1/messages", map[string]string{"recipientId": pair[1].ID, "content": "after"})
		if res.Expect(t, http.StatusForbidden).ErrorCode() != "FORBIDDEN" {
			t.Fatalf("send after removal: %s", res.Body)
		}
		var page pageDTO
		pair[0].Do(t, "GET", "/api/v1/messages/conversations/"+pair[1].ID, nil).Expect(t, 200).JSON(t, &page)
		if len(page.Items) != 2 || page.Items[0].ID != first.ID || page.Items[1].Content != "reply" {
			t.Fatalf("%s's history %+v", pair[0].Name, page)
		}
		var list []conversationDTO
		pair[0].Do(t, "GET", "/api/v1/messages/conversations", nil).Expect(t, 200).JSON(t, &list)
		if len(list) != 1 || list[0].Contact.ID != pair[1].ID {
			t.Fatalf("%s's conversations %+v", pair[0].Name, list)
		}
	}
	ben.Do(t, "POST", "/api/v1/messages/conversations/"+ana.ID+"/read", nil).Expect(t, http.StatusNoContent)
}

func TestPagingIsStableUnderConcurrentInserts(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben := s.Register(t, "Ana"), s.Register(t, "Ben")
	befriend(t, ana, ben)
	var history []messageDTO
	for i := 0; i < 45; i++ {
		history = append(history, send(t, ana, ben, fmt.Sprintf("old %02d", i)))
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/messages", Token: ben.Token,
				Body: map[string]string{"recipientId": ana.ID, "content": fmt.Sprintf("new %d", i)}})
			if res.Status != http.StatusCreated {
				t.Errorf("concurrent send: %d %s", res.Status, res.Body)
				return
			}
		}
	}()

	seen := map[string]int{}
	var walked []messageDTO
	path := "/api/v1/messages/conversations/" + ben.ID + "?limit=10"
	for pages := 0; ; pages++ {
		var page pageDTO
		ana.Do(t, "GET", path, nil).Expect(t, 200).JSON(t, &page)
		if len(page.Items) > 10 {
			t.Fatalf("page of %d", len(page.Items))
		}
		for i := 1; i < len(page.Items); i++ {
			if page.Items[i-1].ID >= page.Items[i].ID {
				t.Fatal("a page is not oldest to newest")
			}
		}
		walked = append(page.Items, walked...)
		for _, m := range page.Items {
			seen[m.ID]++
		}
		if page.NextCursor == nil {
			break
		}
		if *page.NextCursor != page.Items[0].ID {
			t.Fatalf("nextCursor %s is not the page's oldest message", *page.NextCursor)
		}
		path = "/api/v1/messages/conversations/" + ben.ID + "?limit=10&before=" + *page.NextCursor
		time.Sleep(5 * time.Millisecond) // let new messages arrive between pages
		if pages > 100 {
			t.Fatal("paging does not end")
		}
	}
	close(stop)
	wg.Wait()
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("message %s seen %d times", id, n)
		}
	}
	for _, m := range history {
		if seen[m.ID] != 1 {
			t.Fatalf("history message %q skipped", m.Content)
		}
	}
	for i := 1; i < len(walked); i++ {
		if walked[i-1].ID >= walked[i].ID {
			t.Fatal("pages overlap or are out of order")
		}
	}

	// Bad paging parameters.
	for _, q := range []string{"?limit=0", "?limit=101", "?limit=x", "?before=nope"} {
		res := ana.Do(t, "GET", "/api/v1/messages/conversations/"+ben.ID+q, nil).Expect(t, http.StatusBadRequest)
		if res.ErrorCode() != "VALIDATION_FAILED" {
			t.Fatalf("%s: %s", q, res.Body)
		}
	}
}

// A send under an Idempotency-Key takes effect once: retries, one after
// another or at the same time, get the first answer byte for byte; the key
// with another message is refused and stores nothing.
func TestSendMessageWithAnIdempotencyKey(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben := s.Register(t, "Ana"), s.Register(t, "Ben")
	befriend(t, ana, ben)
	sendKeyed := func(key, content string) *testkit.Response {
		return s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/messages", Token: ana.Token,
			Body: map[string]string{"recipientId": ben.ID, "content": content}, Header: map[string]string{"Idempotency-Key": key}})
	}
	first := sendKeyed("send-1", "hello").Expect(t, http.StatusCreated)
	if again := sendKeyed("send-1", "hello").Expect(t, http.StatusCreated); string(again.Body) != string(first.Body) {
		t.Fatalf("retry answered %s, first %s", again.Body, first.Body)
	}
	status, body := httperr.Map(messagingapp.ErrIdempotencyKeyReused)
	reused := sendKeyed("send-1", "hello again").Expect(t, status)
	if reused.ErrorCode() != body.Error.Code {
		t.Fatalf("the key with another message: %s", reused.Body)
	}

	// Concurrent retries of a new key.
	answers := make([]*testkit.Response, 4)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = sendKeyed("send-2", "second")
		}()
	}
	wg.Wait()
	for _, a := range answers {
		if a.Status != http.StatusCreated || string(a.Body) != string(answers[0].Body) {
			t.Fatalf("concurrent retry: %d %s, first %s", a.Status, a.Body, answers[0].Body)
		}
	}

	var page pageDTO
	ana.Do(t, "GET", "/api/v1/messages/conversations/"+ben.ID, nil).Expect(t, 200).JSON(t, &page)
	if len(page.Items) != 2 || page.Items[0].Content != "hello" || page.Items[1].Content != "second" {
		t.Fatalf("stored %+v", page.Items)
	}
	if n := ben.Notifications(t, "NEW_MESSAGE"); len(n) != 2 {
		t.Fatalf("%d NEW_MESSAGE notifications for two messages", len(n))
	}
	sendKeyed("has space", "x").Expect(t, http.StatusBadRequest)
}
