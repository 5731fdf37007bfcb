package notificationapp

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// PreferenceCache holds users' notification preferences in memory so that
// the publish path reads the store at most once per user per TTL, not once
// per notification. A change is announced (notification.preferences, through
// the same publisher and bus as every stream event) and each instance's
// delivery of that announcement calls Forget: the next notification reads
// the new preferences. When an announcement is lost (the bus reconnecting),
// an instance acts on the old preferences for at most TTL — the bound.
type PreferenceCache struct {
	repo notification.PreferenceRepository
	ttl  time.Duration
	max  int
	now  func() time.Time

	mu      sync.Mutex
	entries map[string]preferenceEntry
	gen     uint64 // bumped by every Forget: a read that raced one is not kept
}

type preferenceEntry struct {
	prefs notification.Preferences
	until time.Time
}

// NewPreferenceCache builds the cache; ttl <= 0 means 30 s; maxEntries <= 0 means 200,000 users.
func NewPreferenceCache(repo notification.PreferenceRepository, ttl time.Duration, maxEntries int) *PreferenceCache {
	if ttl <= 0 {
		ttl = 30 * time.Second
	}
	if maxEntries <= 0 {
		maxEntries = 200_000
	}
	return &PreferenceCache{repo: repo, ttl: ttl, max: maxEntries, now: time.Now, entries: map[string]preferenceEntry{}}
}

// TTL returns the staleness bound.
func (c *PreferenceCache) TTL() time.Duration { return c.ttl }

// Preferences returns userID's preferences, from memory when read less than TTL ago.
func (c *PreferenceCache) Preferences(ctx context.Context, userID string) (notification.Preferences, error) {
	now := c.now()
	c.mu.Lock()
	e, ok := c.entries[userID]
	gen := c.gen
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.prefs, nil
	}
	p, err := c.repo.Preferences(ctx, userID)
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("notification preferences: %w", err)
	}
	c.mu.Lock()
	if c.gen == gen { // no Forget since the read began: what was read is current
		if len(c.entries) >= c.max {
			for k, v := range c.entries {
				if !now.Before(v.until) {
					delete(c.entries, k)
				}
			}
			if len(c.entries) >= c.max {
				clear(c.entries)
			}
		}
		c.entries[userID] = preferenceEntry{prefs: p, until: now.Add(c.ttl)}
	}
	c.mu.Unlock()
	return p, nil
}

// Forget drops userID's preferences: the next read goes to the store.
func (c *PreferenceCache) Forget(userID string) {
	c.mu.Lock()
	delete(c.entries, userID)
	c.gen++
	c.mu.Unlock()
}
