package repotest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/contact"
)

func newRequest(t testing.TB, from, to string) contact.Request {
	t.Helper()
	r, err := contact.NewRequest(from, to, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Contacts runs the contact.Repository contract against a fresh repository from newRepo.
func Contacts(t *testing.T, newRepo func(t *testing.T) contact.Repository) {
	ctx := context.Background()

	t.Run("a request reads back and is pending for both sides", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		r := newRequest(t, a, b)
		if err := repo.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		got, err := repo.RequestByID(ctx, r.ID())
		if err != nil {
			t.Fatal(err)
		}
		if got.ID() != r.ID() || got.RequesterID() != a || got.RecipientID() != b || got.Status() != contact.StatusPending ||
			got.RespondedAt() != nil || !got.CreatedAt().Equal(r.CreatedAt()) {
			t.Fatalf("read back %+v, stored %+v", got.Record(), r.Record())
		}
		in, out, err := repo.Pending(ctx, b)
		if err != nil || len(in) != 1 || len(out) != 0 || in[0].ID() != r.ID() {
			t.Fatalf("recipient's pending = %v, %v, %v", in, out, err)
		}
		in, out, err = repo.Pending(ctx, a)
		if err != nil || len(in) != 0 || len(out) != 1 || out[0].ID() != r.ID() {
			t.Fatalf("requester's pending = %v, %v, %v", in, out, err)
		}
		if ok, err := repo.AreContacts(ctx, a, b); err != nil || ok {
			t.Fatalf("AreContacts while pending = %v, %v", ok, err)
		}
		if _, err := repo.RequestByID(ctx, domain.NewID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown request: %v", err)
		}
	})

	t.Run("a pending request in either direction refuses another", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		if err := repo.CreateRequest(ctx, newRequest(t, a, b)); err != nil {
			t.Fatal(err)
		}
		for _, r := range []contact.Request{newRequest(t, a, b), newRequest(t, b, a)} {
			if err := repo.CreateRequest(ctx, r); !errors.Is(err, contact.ErrRequestPending) {
				t.Fatalf("duplicate: %v", err)
			}
		}
	})

	t.Run("accepting makes contacts once; a second accept changes nothing", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		r := newRequest(t, a, b)
		if err := repo.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		if changed, err := repo.Respond(ctx, r.ID(), a, contact.StatusAccepted, time.Now()); err != nil || changed {
			t.Fatalf("the requester accepted: %v, %v", changed, err)
		}
		at := time.Now().Add(time.Second).UTC().Truncate(time.Millisecond)
		if changed, err := repo.Respond(ctx, r.ID(), b, contact.StatusAccepted, at); err != nil || !changed {
			t.Fatalf("accept: %v, %v", changed, err)
		}
		if changed, err := repo.Respond(ctx, r.ID(), b, contact.StatusAccepted, at.Add(time.Hour)); err != nil || changed {
			t.Fatalf("second accept: %v, %v", changed, err)
		}
		if changed, err := repo.Respond(ctx, r.ID(), b, contact.StatusDeclined, at.Add(time.Hour)); err != nil || changed {
			t.Fatalf("decline after accept: %v, %v", changed, err)
		}
		got, err := repo.RequestByID(ctx, r.ID())
		if err != nil || got.Status() != contact.StatusAccepted || got.RespondedAt() == nil || !got.RespondedAt().Equal(at) {
			t.Fatalf("after accept: %+v, %v", got.Record(), err)
		}
		for _, pair := range [][2]string{{a, b}, {b, a}} {
			if ok, err := repo.AreContacts(ctx, pair[0], pair[1]); err != nil || !ok {
				t.Fatalf("AreContacts(%v) = %v, %v", pair, ok, err)
			}
		}
		for _, who := range [][2]string{{a, b}, {b, a}} {
			list, err := repo.Contacts(ctx, who[0])
			if err != nil || len(list) != 1 || list[0].UserID != who[0] || list[0].ContactID != who[1] || !list[0].Since.Equal(at) {
				t.Fatalf("Contacts(%s) = %+v, %v", who[0], list, err)
			}
		}
		if in, out, err := repo.Pending(ctx, b); err != nil || len(in)+len(out) != 0 {
			t.Fatalf("pending after accept: %v %v %v", in, out, err)
		}
		for _, r := range []contact.Request{newRequest(t, a, b), newRequest(t, b, a)} {
			if err := repo.CreateRequest(ctx, r); !errors.Is(err, contact.ErrAlreadyContacts) {
				t.Fatalf("request between contacts: %v", err)
			}
		}
	})

	t.Run("concurrent accepts: exactly one changes", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		r := newRequest(t, a, b)
		if err := repo.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		var wins atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				changed, err := repo.Respond(ctx, r.ID(), b, contact.StatusAccepted, time.Now())
				if err != nil {
					t.Error(err)
				}
				if changed {
					wins.Add(1)
				}
			}()
		}
		wg.Wait()
		if wins.Load() != 1 {
			t.Fatalf("%d accepts changed the request", wins.Load())
		}
	})

	t.Run("concurrent requests between two users: exactly one is stored", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		var wins atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				from, to := a, b
				if i%2 == 1 {
					from, to = b, a
				}
				err := repo.CreateRequest(ctx, newRequest(t, from, to))
				switch {
				case err == nil:
					wins.Add(1)
				case !errors.Is(err, contact.ErrRequestPending):
					t.Errorf("unexpected error %v", err)
				}
			}()
		}
		wg.Wait()
		if wins.Load() != 1 {
			t.Fatalf("%d requests stored", wins.Load())
		}
	})

	t.Run("a declined request may be replaced by a new one", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		r := newRequest(t, a, b)
		if err := repo.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		if changed, err := repo.Respond(ctx, r.ID(), b, contact.StatusDeclined, time.Now()); err != nil || !changed {
			t.Fatalf("decline: %v, %v", changed, err)
		}
		if got, err := repo.RequestByID(ctx, r.ID()); err != nil || got.Status() != contact.StatusDeclined || got.RespondedAt() == nil {
			t.Fatalf("declined: %+v, %v", got.Record(), err)
		}
		if ok, _ := repo.AreContacts(ctx, a, b); ok {
			t.Fatal("contacts after a decline")
		}
		if changed, err := repo.Respond(ctx, r.ID(), b, contact.StatusAccepted, time.Now()); err != nil || changed {
			t.Fatalf("accept after decline: %v, %v", changed, err)
		}
		again := newRequest(t, b, a) // the other direction this time
		if err := repo.CreateRequest(ctx, again); err != nil {
			t.Fatalf("request after a decline: %v", err)
		}
		if _, err := repo.RequestByID(ctx, r.ID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("the replaced request: %v", err)
		}
		got, err := repo.RequestByID(ctx, again.ID())
		if err != nil || got.RequesterID() != b || got.RecipientID() != a || got.Status() != contact.StatusPending || got.RespondedAt() != nil {
			t.Fatalf("new request: %+v, %v", got.Record(), err)
		}
		if in, _, _ := repo.Pending(ctx, a); len(in) != 1 || in[0].ID() != again.ID() {
			t.Fatalf("pending after re-request: %v", in)
		}
	})

	t.Run("removing ends the contact for both and allows a new request", func(t *testing.T) {
		repo := newRepo(t)
		a, b, c := domain.NewID(), domain.NewID(), domain.NewID()
		for _, other := range []string{b, c} {
			r := newRequest(t, a, other)
			if err := repo.CreateRequest(ctx, r); err != nil {
				t.Fatal(err)
			}
			if _, err := repo.Respond(ctx, r.ID(), other, contact.StatusAccepted, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if list, _ := repo.Contacts(ctx, a); len(list) != 2 {
			t.Fatalf("a has %d contacts", len(list))
		}
		if err := repo.Remove(ctx, b, a); err != nil {
			t.Fatal(err)
		}
		if ok, _ := repo.AreContacts(ctx, a, b); ok {
			t.Fatal("still contacts after removal")
		}
		if list, _ := repo.Contacts(ctx, b); len(list) != 0 {
			t.Fatalf("b still has %v", list)
		}
		if list, _ := repo.Contacts(ctx, a); len(list) != 1 || list[0].ContactID != c {
			t.Fatalf("a has %v", list)
		}
		if err := repo.Remove(ctx, a, b); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("second removal: %v", err)
		}
		pending := newRequest(t, domain.NewID(), a)
		if err := repo.CreateRequest(ctx, pending); err != nil {
			t.Fatal(err)
		}
		if err := repo.Remove(ctx, a, pending.RequesterID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("removing a pending request as a contact: %v", err)
		}
		if err := repo.CreateRequest(ctx, newRequest(t, b, a)); err != nil {
			t.Fatalf("request after removal: %v", err)
		}
	})
}
