// Package sessions answers, from memory, whether a token's session still
// lasts (auth.SessionChecker), and spreads "a session ended" between
// instances so that every instance forgets it and closes its streams.
package sessions

import (
	"context"
	"sync"
)

// Ended says that a session, or every session of a user, ended — or that
// the user's account changed (deactivated, roles) and must be read again.
type Ended struct {
	UserID    string `json:"u"`
	SessionID string `json:"s,omitempty"` // empty: every session of UserID
}

// Events carries Ended messages to every instance (this one included).
type Events interface {
	Publish(ctx context.Context, e Ended) error
	// Subscribe registers fn for every message; call it before publishing.
	Subscribe(fn func(Ended))
}

// InProcess is Events for a single instance: Publish calls the subscribers.
type InProcess struct {
	mu   sync.RWMutex
	subs []func(Ended)
}

// NewInProcess returns in-process events.
func NewInProcess() *InProcess { return &InProcess{} }

// Publish implements Events.
func (p *InProcess) Publish(_ context.Context, e Ended) error {
	p.mu.RLock()
	subs := p.subs
	p.mu.RUnlock()
	for _, fn := range subs {
		fn(e)
	}
	return nil
}

// Subscribe implements Events.
func (p *InProcess) Subscribe(fn func(Ended)) {
	p.mu.Lock()
	p.subs = append(p.subs[:len(p.subs):len(p.subs)], fn)
	p.mu.Unlock()
}
