package messaginghttp_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

type messageReadEvent struct {
	ConversationWith string    `json:"conversationWith"`
	UpToMessageID    string    `json:"upToMessageId"`
	ReadAt           time.Time `json:"readAt"`
}

// TestReadingAConversationSendsTheSenderAReadReceipt: Ana sends Ben two
// messages; Ben reads the conversation; Ana's open tabs get message.read
// naming Ben and the second message, and a reload of the conversation shows
// both read at that time (persisted: a sender who reconnects sees it too).
// Reading again changes nothing and sends nothing; Ben's own stream gets no
// receipt for his read.
func TestReadingAConversationSendsTheSenderAReadReceipt(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben := s.Register(t, "Ana"), s.Register(t, "Ben")
	befriend(t, ana, ben)
	send(t, ana, ben, "first")
	second := send(t, ana, ben, "second")
	mine := send(t, ben, ana, "Ben's own, unread by Ana")

	anaTabs := []*testkit.Stream{ana.Stream(t, ""), ana.Stream(t, "")}
	benTab := ben.Stream(t, "")
	for _, st := range append(anaTabs, benTab) {
		st.NextOf(t, "connected", 5*time.Second)
	}
	ben.Do(t, "POST", "/api/v1/messages/conversations/"+ana.ID+"/read", nil).Expect(t, http.StatusNoContent)

	var receipt messageReadEvent
	for i, st := range anaTabs {
		ev := st.NextOf(t, "message.read", 5*time.Second)
		var got messageReadEvent
		if err := json.Unmarshal([]byte(ev.Data), &got); err != nil {
			t.Fatalf("tab %d: %v in %q", i, err, ev.Data)
		}
		if got.ConversationWith != ben.ID || got.UpToMessageID != second.ID || got.ReadAt.IsZero() || ev.LastEventID != "" {
			t.Fatalf("tab %d got %+v (id %q), want Ben up to %s", i, got, ev.LastEventID, second.ID)
		}
		receipt = got
	}

	var page pageDTO
	ana.Do(t, "GET", "/api/v1/messages/conversations/"+ben.ID, nil).Expect(t, http.StatusOK).JSON(t, &page)
	for _, m := range page.Items {
		switch {
		case m.ID == mine.ID:
			if m.ReadAt != nil {
				t.Fatalf("Ben's own message shows read: %+v", m)
			}
		case m.ReadAt == nil:
			t.Fatalf("message %q not read after the receipt", m.Content)
		default:
			at, err := time.Parse(time.RFC3339Nano, *m.ReadAt)
			if err != nil || !at.Equal(receipt.ReadAt) {
				t.Fatalf("message %q read at %v, the receipt says %v", m.Content, *m.ReadAt, receipt.ReadAt)
			}
		}
	}

	ben.Do(t, "POST", "/api/v1/messages/conversations/"+ana.ID+"/read", nil).Expect(t, http.StatusNoContent)
	send(t, ben, ana, "a marker after the second read") // Ana's tabs hear this after any receipt of the second read
	for i, st := range anaTabs {
		st.NextOf(t, "notification", 5*time.Second)
		n := 0
		for _, ev := range st.Events() {
			if ev.Type == "message.read" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("tab %d heard %d receipts, want 1 (the second read changed nothing)", i, n)
		}
	}
	for _, ev := range benTab.Events() {
		if ev.Type == "message.read" {
			t.Fatalf("the reader's own stream got a receipt: %s", ev.Data)
		}
	}
}

// TestAStrangerCannotReadAConversationOrRaiseAReceipt: someone who is not
// Ana's contact gets 404 for her conversation and sends her nothing.
func TestAStrangerCannotReadAConversationOrRaiseAReceipt(t *testing.T) {
	s := testkit.NewServer(t)
	ana, ben, eve := s.Register(t, "Ana"), s.Register(t, "Ben"), s.Register(t, "Eve")
	befriend(t, ana, ben)
	send(t, ana, ben, "hello")
	st := ana.Stream(t, "")
	st.NextOf(t, "connected", 5*time.Second)
	eve.Do(t, "POST", "/api/v1/messages/conversations/"+ana.ID+"/read", nil).Expect(t, http.StatusNotFound)
	send(t, ben, ana, "a marker") // heard after any receipt the stranger's call could have raised
	st.NextOf(t, "notification", 5*time.Second)
	for _, ev := range st.Events() {
		if ev.Type == "message.read" {
			t.Fatalf("a stranger raised a receipt: %s", ev.Data)
		}
	}
}
