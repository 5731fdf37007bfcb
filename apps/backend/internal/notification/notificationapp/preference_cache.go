package notificationapp

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// PreferenceCache holds users' notification preferences in memory so that
// the publish path reads the store at most once per user per TTL, not once
// per notification. A change is announced (notification.preferences, through
// the same publisher and bus as every stream event) and each instance's
// delivery of that announcement calls Forget: the next notification reads
// the new preferences. When an announcement is lost (the bus reconnecting),
// an instance acts on the old preferences for at most TTL — the bound. It
// remembers at most maxEntries users (the least recently used go first).
type PreferenceCache struct {
	repo notification.PreferenceRepository
	ttl  time.Duration
	lru  *expirable.LRU[string, notification.Preferences]

	mu  sync.Mutex // orders Forget against keeping a read
	gen uint64     // bumped by every Forget: a read that raced one is not kept
}

// NewPreferenceCache builds the cache; ttl <= 0 means 30 s; maxEntries <= 0 means 200,000 users.
func NewPreferenceCache(repo notification.PreferenceRepository, ttl time.Duration, maxEntries int) *PreferenceCache {
	if ttl <= 0 {
		ttl = 30 * time.Second
	}
	if maxEntries <= 0 {
		maxEntries = 200_000
	}
	return &PreferenceCache{repo: repo, ttl: ttl,
		lru: expirable.NewLRU[string, notification.Preferences](maxEntries, nil, ttl)}
}

// TTL returns the staleness bound.
func (c *PreferenceCache) TTL() time.Duration { return c.ttl }

// Len is how many users' preferences are held.
func (c *PreferenceCache) Len() int { return c.lru.Len() }

// Preferences returns userID's preferences, from memory when read less than TTL ago.
func (c *PreferenceCache) Preferences(ctx context.Context, userID string) (notification.Preferences, error) {
	if p, ok := c.lru.Get(userID); ok {
		return p, nil
	}
	c.mu.Lock()
	gen := c.gen
	c.mu.Unlock()
	p, err := c.repo.Preferences(ctx, userID)
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("notification preferences: %w", err)
	}
	c.mu.Lock()
	if c.gen == gen { // no Forget since the read began: what was read is current
		c.lru.Add(userID, p)
	}
	c.mu.Unlock()
	return p, nil
}

// Forget drops userID's preferences: the next read goes to the store.
func (c *PreferenceCache) Forget(userID string) {
	c.mu.Lock()
	c.lru.Remove(userID)
	c.gen++
	c.mu.Unlock()
}
