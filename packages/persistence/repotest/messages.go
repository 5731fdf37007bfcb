package repotest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/message"
)

// storeMessage makes and stores a message from one user to another.
func storeMessage(t testing.TB, repo message.Repository, from, to, content string) message.Message {
	t.Helper()
	m, err := message.New(from, to, content, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := repo.Create(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	return m
}

// allPages walks a conversation from the newest page to the oldest and
// returns the messages oldest first.
func allPages(t testing.TB, repo message.Repository, user, other string, limit int, between func()) []message.Message {
	t.Helper()
	var pages [][]message.Message
	cursor := ""
	for i := 0; ; i++ {
		p, err := repo.Page(context.Background(), message.PageQuery{UserID: user, OtherID: other, Before: cursor, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) > limit {
			t.Fatalf("page of %d items, limit %d", len(p.Items), limit)
		}
		for j := 1; j < len(p.Items); j++ {
			if p.Items[j-1].ID() >= p.Items[j].ID() {
				t.Fatalf("page not oldest to newest: %s then %s", p.Items[j-1].ID(), p.Items[j].ID())
			}
		}
		pages = append(pages, p.Items)
		if p.NextCursor == "" {
			break
		}
		if len(p.Items) == 0 || p.NextCursor != p.Items[0].ID() {
			t.Fatalf("next cursor %q is not the oldest item of the page", p.NextCursor)
		}
		cursor = p.NextCursor
		if between != nil {
			between()
		}
		if i > 10000 {
			t.Fatal("paging does not end")
		}
	}
	var out []message.Message
	for i := len(pages) - 1; i >= 0; i-- {
		out = append(out, pages[i]...)
	}
	return out
}

// Messages runs the message.Repository contract against a fresh repository from newRepo.
func Messages(t *testing.T, newRepo func(t *testing.T) message.Repository) {
	ctx := context.Background()

	t.Run("a message reads back in its conversation, for both sides only", func(t *testing.T) {
		repo := newRepo(t)
		a, b, c := domain.NewID(), domain.NewID(), domain.NewID()
		m := storeMessage(t, repo, a, b, "  héllo 😀  ")
		for _, q := range []message.PageQuery{{UserID: a, OtherID: b, Limit: 10}, {UserID: b, OtherID: a, Limit: 10}} {
			p, err := repo.Page(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Items) != 1 || p.NextCursor != "" {
				t.Fatalf("page = %+v", p)
			}
			got := p.Items[0]
			if got.ID() != m.ID() || got.SenderID() != a || got.RecipientID() != b || got.Content() != "héllo 😀" ||
				!got.CreatedAt().Equal(m.CreatedAt()) || got.ReadAt() != nil {
				t.Fatalf("read back %+v, stored %+v", got.Record(), m.Record())
			}
		}
		for _, q := range []message.PageQuery{{UserID: c, OtherID: a, Limit: 10}, {UserID: a, OtherID: c, Limit: 10}} {
			if p, err := repo.Page(ctx, q); err != nil || len(p.Items) != 0 {
				t.Fatalf("a third user's page = %+v, %v", p, err)
			}
		}
		if ok, err := repo.Exists(ctx, b, a); err != nil || !ok {
			t.Fatalf("Exists = %v, %v", ok, err)
		}
		if ok, err := repo.Exists(ctx, a, c); err != nil || ok {
			t.Fatalf("Exists(a, c) = %v, %v", ok, err)
		}
	})

	t.Run("pages walk back from the newest, oldest to newest within a page", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		var sent []message.Message
		for i := 0; i < 23; i++ {
			from, to := a, b
			if i%3 == 0 {
				from, to = b, a
			}
			sent = append(sent, storeMessage(t, repo, from, to, fmt.Sprintf("message %d", i)))
		}
		storeMessage(t, repo, a, domain.NewID(), "another conversation")
		first, err := repo.Page(ctx, message.PageQuery{UserID: a, OtherID: b, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(first.Items) != 5 || first.Items[4].ID() != sent[22].ID() || first.Items[0].ID() != sent[18].ID() {
			t.Fatalf("first page %v", ids(first.Items))
		}
		got := allPages(t, repo, b, a, 5, nil)
		if len(got) != len(sent) {
			t.Fatalf("walked %d messages, sent %d", len(got), len(sent))
		}
		for i := range sent {
			if got[i].ID() != sent[i].ID() {
				t.Fatalf("message %d is %s, want %s", i, got[i].ID(), sent[i].ID())
			}
		}
		exact := allPages(t, repo, a, b, 23, nil)
		if len(exact) != 23 {
			t.Fatalf("one full page: %d", len(exact))
		}
	})

	t.Run("paging is stable while new messages arrive", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		var before []message.Message
		for i := 0; i < 40; i++ {
			before = append(before, storeMessage(t, repo, a, b, fmt.Sprintf("old %d", i)))
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					m, _ := message.New(b, a, fmt.Sprintf("new %d", i), time.Now())
					if err := repo.Create(ctx, m); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		got := allPages(t, repo, a, b, 7, func() { time.Sleep(2 * time.Millisecond) })
		close(stop)
		wg.Wait()
		seen := map[string]int{}
		for _, m := range got {
			seen[m.ID()]++
		}
		for id, n := range seen {
			if n > 1 {
				t.Fatalf("message %s appeared %d times", id, n)
			}
		}
		for _, m := range before {
			if seen[m.ID()] != 1 {
				t.Fatalf("message %s (%q) was skipped", m.ID(), m.Content())
			}
		}
	})

	t.Run("conversations: newest first, with the last message and unread count", func(t *testing.T) {
		repo := newRepo(t)
		me, x, y, z := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()
		storeMessage(t, repo, x, me, "x1")
		storeMessage(t, repo, x, me, "x2")
		storeMessage(t, repo, me, y, "y1")
		storeMessage(t, repo, y, me, "y2")
		lastX := storeMessage(t, repo, me, x, "x3")
		storeMessage(t, repo, y, z, "not mine")
		list, err := repo.Conversations(ctx, me, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 {
			t.Fatalf("%d conversations: %+v", len(list), list)
		}
		if list[0].OtherID != x || list[0].LastMessage.ID() != lastX.ID() || list[0].LastMessage.Content() != "x3" || list[0].UnreadCount != 2 {
			t.Fatalf("first conversation %+v", list[0])
		}
		if list[1].OtherID != y || list[1].LastMessage.Content() != "y2" || list[1].UnreadCount != 1 {
			t.Fatalf("second conversation %+v", list[1])
		}
		ofX, err := repo.Conversations(ctx, x, 100)
		if err != nil || len(ofX) != 1 || ofX[0].OtherID != me || ofX[0].UnreadCount != 1 {
			t.Fatalf("x's conversations %+v, %v", ofX, err)
		}
		if one, err := repo.Conversations(ctx, me, 1); err != nil || len(one) != 1 || one[0].OtherID != x {
			t.Fatalf("limit 1: %+v, %v", one, err)
		}
		newest := storeMessage(t, repo, y, me, "y3")
		list, _ = repo.Conversations(ctx, me, 100)
		if len(list) != 2 || list[0].OtherID != y || list[0].LastMessage.ID() != newest.ID() || list[0].UnreadCount != 2 {
			t.Fatalf("after a new message: %+v", list)
		}
	})

	t.Run("the last read message is the newest the reader read of what the other sent", func(t *testing.T) {
		repo := newRepo(t)
		me, x := domain.NewID(), domain.NewID()
		if _, err := repo.LastRead(ctx, me, x); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("nothing read yet: %v", err)
		}
		storeMessage(t, repo, x, me, "x1")
		x2 := storeMessage(t, repo, x, me, "x2")
		storeMessage(t, repo, me, x, "mine, after")
		at := time.Now().UTC().Truncate(time.Millisecond)
		if _, err := repo.MarkConversationRead(ctx, me, x, at); err != nil {
			t.Fatal(err)
		}
		storeMessage(t, repo, x, me, "x3, unread")
		got, err := repo.LastRead(ctx, me, x)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID() != x2.ID() || got.ReadAt() == nil || !got.ReadAt().Equal(at) {
			t.Fatalf("LastRead = %s read at %v, want %s at %v", got.ID(), got.ReadAt(), x2.ID(), at)
		}
		// The other side has read nothing of mine.
		if _, err := repo.LastRead(ctx, x, me); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("x read nothing: %v", err)
		}
	})

	t.Run("marking a conversation read marks only what the other sent", func(t *testing.T) {
		repo := newRepo(t)
		me, x, y := domain.NewID(), domain.NewID(), domain.NewID()
		storeMessage(t, repo, x, me, "x1")
		storeMessage(t, repo, x, me, "x2")
		mine := storeMessage(t, repo, me, x, "mine")
		storeMessage(t, repo, y, me, "y1")
		at := time.Now().UTC().Truncate(time.Millisecond)
		n, err := repo.MarkConversationRead(ctx, me, x, at)
		if err != nil || n != 2 {
			t.Fatalf("MarkConversationRead = %d, %v", n, err)
		}
		if n, err := repo.MarkConversationRead(ctx, me, x, at); err != nil || n != 0 {
			t.Fatalf("again = %d, %v", n, err)
		}
		p, _ := repo.Page(ctx, message.PageQuery{UserID: me, OtherID: x, Limit: 10})
		for _, m := range p.Items {
			if m.ID() == mine.ID() {
				if m.ReadAt() != nil {
					t.Fatal("my own message was marked read by me")
				}
			} else if m.ReadAt() == nil || !m.ReadAt().Equal(at) {
				t.Fatalf("message %q read at %v", m.Content(), m.ReadAt())
			}
		}
		list, _ := repo.Conversations(ctx, me, 10)
		unread := map[string]int{}
		for _, c := range list {
			unread[c.OtherID] = c.UnreadCount
		}
		if unread[x] != 0 || unread[y] != 1 {
			t.Fatalf("unread after marking: %v", unread)
		}
		if ofX, _ := repo.Conversations(ctx, x, 10); len(ofX) != 1 || ofX[0].UnreadCount != 1 {
			t.Fatalf("x's unread: %+v", ofX)
		}
	})

	t.Run("a thousand conversations are listed in one call", func(t *testing.T) {
		repo := newRepo(t)
		me := domain.NewID()
		const n = 1000
		others := make([]string, n)
		for i := range others {
			others[i] = domain.NewID()
			storeMessage(t, repo, others[i], me, fmt.Sprintf("hello %d", i))
			if i%2 == 0 {
				storeMessage(t, repo, me, others[i], fmt.Sprintf("reply %d", i))
			}
		}
		start := time.Now()
		list, err := repo.Conversations(ctx, me, 5000)
		if err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		if len(list) != n {
			t.Fatalf("%d conversations, want %d", len(list), n)
		}
		for i := 1; i < n; i++ {
			if list[i-1].LastMessage.ID() <= list[i].LastMessage.ID() {
				t.Fatalf("not newest first at %d", i)
			}
		}
		if list[0].OtherID != others[n-1] {
			t.Fatalf("newest conversation is with %s, want %s", list[0].OtherID, others[n-1])
		}
		for _, c := range list {
			if c.UnreadCount != 1 {
				t.Fatalf("conversation %+v: unread %d", c.OtherID, c.UnreadCount)
			}
		}
		if took > 2*time.Second {
			t.Fatalf("listing 1,000 conversations took %v", took)
		}
		t.Logf("listed %d conversations in %v", n, took)
	})

	t.Run("unknown cursors page by time order", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		old := storeMessage(t, repo, a, b, "old")
		cut := domain.NewID()
		storeMessage(t, repo, a, b, "new")
		p, err := repo.Page(ctx, message.PageQuery{UserID: a, OtherID: b, Before: cut, Limit: 10})
		if err != nil || len(p.Items) != 1 || p.Items[0].ID() != old.ID() || p.NextCursor != "" {
			t.Fatalf("page before %s: %+v, %v", cut, p, err)
		}
		if _, err := repo.Page(ctx, message.PageQuery{UserID: a, OtherID: b, Limit: 0}); !errors.Is(err, domain.ErrInvalid) {
			t.Fatalf("limit 0: %v", err)
		}
	})

	t.Run("request keys: one message per key, ByRequest", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		key := domain.RequestKey{Scope: "message:" + a, Key: "send-1", Hash: "h1"}
		if _, _, err := repo.ByRequest(ctx, key.Scope, key.Key); !errors.Is(err, message.ErrNotFound) {
			t.Fatalf("unknown key: %v", err)
		}
		first, err := message.New(a, b, "hello", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.Create(ctx, first.WithRequest(key)); err != nil {
			t.Fatal(err)
		}
		got, hash, err := repo.ByRequest(ctx, key.Scope, key.Key)
		if err != nil || got.ID() != first.ID() || got.Content() != "hello" || got.SenderID() != a || hash != "h1" {
			t.Fatalf("by request: %s %q %q, %v", got.ID(), got.Content(), hash, err)
		}
		again, err := message.New(a, b, "hello", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.Create(ctx, again.WithRequest(key)); !errors.Is(err, domain.ErrRequestExists) {
			t.Fatalf("reused key: %v", err)
		}
		// Keys are per scope: another sender's same key is another request.
		other := domain.RequestKey{Scope: "message:" + b, Key: key.Key, Hash: "h2"}
		reply, err := message.New(b, a, "hi", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.Create(ctx, reply.WithRequest(other)); err != nil {
			t.Fatal(err)
		}
		p, err := repo.Page(ctx, message.PageQuery{UserID: a, OtherID: b, Limit: 10})
		if err != nil || len(p.Items) != 2 || p.Items[0].ID() != first.ID() || p.Items[1].ID() != reply.ID() {
			t.Fatalf("stored %v, %v", ids(p.Items), err)
		}
		if _, hash, err := repo.ByRequest(ctx, other.Scope, other.Key); err != nil || hash != "h2" {
			t.Fatalf("the other scope: %q, %v", hash, err)
		}
	})
}

func ids(ms []message.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ID()
	}
	return out
}
