// Package knownusers answers "does this account exist?" for the use cases
// that must refuse an unknown target (an admin publish, ...): Store asks the
// user store, Cached is a decorator that remembers the answers. The
// composition root builds Cached around Store.
package knownusers

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/fleetman/fleetman/packages/domain/user"
)

// Checker is the port: nil when the account exists, else an error wrapping
// domain.ErrNotFound (user.ErrNotFound), or the store's fault.
type Checker interface {
	Exists(ctx context.Context, userID string) error
}

// Finder is what Store needs of the user store (user.Repository has it).
type Finder interface {
	ByID(ctx context.Context, id string) (user.User, error)
}

// Store answers from the user store, one read per question.
type Store struct{ Users Finder }

// Exists implements Checker.
func (s Store) Exists(ctx context.Context, userID string) error {
	if _, err := s.Users.ByID(ctx, userID); err != nil {
		return fmt.Errorf("known user: %w", err)
	}
	return nil
}

// Cached remembers the accounts next found (accounts are never deleted, so a
// yes stays true; a no is never remembered, so a new account is found at
// once) in a bounded LRU whose entries also expire after ttl: an integration
// publishing at a high rate to a set of users costs no store read per request.
type Cached struct {
	next Checker
	lru  *expirable.LRU[string, struct{}]
}

// NewCached remembers up to size accounts of next, each for at most ttl.
func NewCached(next Checker, size int, ttl time.Duration) *Cached {
	return &Cached{next: next, lru: expirable.NewLRU[string, struct{}](size, nil, ttl)}
}

// Exists implements Checker.
func (c *Cached) Exists(ctx context.Context, userID string) error {
	if _, ok := c.lru.Get(userID); ok {
		return nil
	}
	if err := c.next.Exists(ctx, userID); err != nil {
		return err
	}
	c.lru.Add(userID, struct{}{})
	return nil
}

// Len is how many accounts are remembered.
func (c *Cached) Len() int { return c.lru.Len() }
