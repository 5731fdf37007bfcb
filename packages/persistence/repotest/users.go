// Package repotest holds the repository contract suites: one per port, run by
// every store's tests so that the stores behave the same.
package repotest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// NewUser makes a valid user with a unique email, for suites and tests.
func NewUser(t testing.TB, name string) user.User {
	t.Helper()
	u, err := user.New(fmt.Sprintf("%s.%s@example.com", name, domain.NewID()[20:]), name, name+" Ltd", "hash:"+name, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// Users runs the user.Repository contract against a fresh repository from newRepo.
func Users(t *testing.T, newRepo func(t *testing.T) user.Repository) {
	ctx := context.Background()

	t.Run("create and read back", func(t *testing.T) {
		repo := newRepo(t)
		u := NewUser(t, "ana")
		if err := repo.Create(ctx, u); err != nil {
			t.Fatal(err)
		}
		byID, err := repo.ByID(ctx, u.ID())
		if err != nil {
			t.Fatal(err)
		}
		byEmail, err := repo.ByEmail(ctx, u.Email())
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range []user.User{byID, byEmail} {
			if got.ID() != u.ID() || got.Email() != u.Email() || got.Name() != u.Name() ||
				got.BusinessName() != u.BusinessName() || got.PasswordHash() != u.PasswordHash() ||
				!got.Active() || !got.CreatedAt().Equal(u.CreatedAt().Truncate(time.Millisecond)) {
				t.Fatalf("read back %+v, stored %+v", got, u)
			}
		}
	})

	t.Run("unknown ids and emails are ErrNotFound", func(t *testing.T) {
		repo := newRepo(t)
		if _, err := repo.ByID(ctx, domain.NewID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("ByID: %v", err)
		}
		if _, err := repo.ByEmail(ctx, "nobody@example.com"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("ByEmail: %v", err)
		}
	})

	t.Run("email is unique", func(t *testing.T) {
		repo := newRepo(t)
		u := NewUser(t, "bea")
		if err := repo.Create(ctx, u); err != nil {
			t.Fatal(err)
		}
		again, _ := user.New(u.Email(), "Other", "", "hash", time.Now())
		if err := repo.Create(ctx, again); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("duplicate email: %v", err)
		}
	})

	t.Run("concurrent registrations of one email: exactly one wins", func(t *testing.T) {
		repo := newRepo(t)
		email := NewUser(t, "race").Email()
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				u, _ := user.New(email, "Racer", "", "hash", time.Now())
				err := repo.Create(ctx, u)
				if err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				} else if !errors.Is(err, domain.ErrConflict) {
					t.Errorf("unexpected error %v", err)
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d registrations won", wins)
		}
	})

	t.Run("ByIDs returns the existing ones", func(t *testing.T) {
		repo := newRepo(t)
		a, b := NewUser(t, "a"), NewUser(t, "b")
		for _, u := range []user.User{a, b} {
			if err := repo.Create(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		got, err := repo.ByIDs(ctx, []string{a.ID(), domain.NewID(), b.ID()})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, u := range got {
			seen[u.ID()] = true
		}
		if len(got) != 2 || !seen[a.ID()] || !seen[b.ID()] {
			t.Fatalf("ByIDs = %v", got)
		}
		if none, err := repo.ByIDs(ctx, nil); err != nil || len(none) != 0 {
			t.Fatalf("ByIDs(nil) = %v, %v", none, err)
		}
	})
}
