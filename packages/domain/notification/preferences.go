package notification

import (
	"context"
	"slices"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// TypePreference is how one user wants one notification type delivered.
//
//   - InApp off: notifications of the type below HIGH priority are not
//     created at all (no inbox entry, no stream event, no write).
//   - Desktop off: the web app shows no desktop (system) notification for the type.
//   - Quiet on: notifications of the type below HIGH priority reach the
//     inbox and the badge silently: no toast, no desktop notification.
//
// HIGH and URGENT notifications are always created and shown, whatever the
// preference: a safety alert cannot be muted.
type TypePreference struct {
	InApp   bool
	Desktop bool
	Quiet   bool
}

// DefaultTypePreference is every type's setting for an account that never
// changed it: everything delivered, desktop notifications on, not quiet.
var DefaultTypePreference = TypePreference{InApp: true, Desktop: true, Quiet: false}

// Mutable reports whether users may change t's preference: SYSTEM
// notifications (from the operators of the service) always reach everyone.
func (t Type) Mutable() bool { return t.Valid() && t != TypeSystem }

// Urgent reports whether p is delivered whatever the user's preferences (HIGH or URGENT).
func (p Priority) Urgent() bool { return p == PriorityHigh || p == PriorityUrgent }

// Preferences are one user's delivery preferences, one per notification type.
// A type the user never set has DefaultTypePreference: a new account's default
// set costs no write.
type Preferences struct {
	userID    string
	byType    map[Type]TypePreference
	updatedAt time.Time // zero: never changed
}

// DefaultPreferences are the preferences of a user who never changed them.
func DefaultPreferences(userID string) Preferences {
	return Preferences{userID: userID, byType: map[Type]TypePreference{}}
}

// NewPreferences validates a user's new preferences: every key must be a
// type users may change (SYSTEM may not be). Types left out keep the default.
func NewPreferences(userID string, byType map[Type]TypePreference, now time.Time) (Preferences, error) {
	if !domain.ValidID(userID) {
		return Preferences{}, domain.Invalid("userId", "must be a user id")
	}
	m := make(map[Type]TypePreference, len(byType))
	for t, p := range byType {
		if !t.Mutable() {
			return Preferences{}, domain.Invalid("types."+string(t), "must be a notification type other than SYSTEM")
		}
		m[t] = p
	}
	return Preferences{userID: userID, byType: m, updatedAt: now.UTC().Truncate(time.Millisecond)}, nil
}

// PreferencesFromStore rebuilds stored preferences.
func PreferencesFromStore(userID string, byType map[Type]TypePreference, updatedAt time.Time) Preferences {
	if byType == nil {
		byType = map[Type]TypePreference{}
	}
	return Preferences{userID: userID, byType: byType, updatedAt: updatedAt.UTC()}
}

// UserID returns whose preferences these are.
func (p Preferences) UserID() string { return p.userID }

// UpdatedAt returns when they last changed (zero: never).
func (p Preferences) UpdatedAt() time.Time { return p.updatedAt }

// For returns the preference for t (the default when never set).
func (p Preferences) For(t Type) TypePreference {
	if v, ok := p.byType[t]; ok && t.Mutable() {
		return v
	}
	return DefaultTypePreference
}

// Stored returns the types set explicitly, sorted, for adapters.
func (p Preferences) Stored() []Type {
	out := make([]Type, 0, len(p.byType))
	for t := range p.byType {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Delivers reports whether a notification of type t and priority prio is to
// be created at all for this user: HIGH and URGENT always are; others only
// when the type's in-app switch is on.
func (p Preferences) Delivers(t Type, prio Priority) bool {
	if prio == "" {
		prio = PriorityNormal
	}
	return prio.Urgent() || p.For(t).InApp
}

// PreferenceRepository stores users' preferences.
type PreferenceRepository interface {
	// Preferences returns userID's preferences; DefaultPreferences when the
	// user never saved any (never ErrNotFound).
	Preferences(ctx context.Context, userID string) (Preferences, error)
	// SavePreferences replaces the user's stored preferences with p.
	SavePreferences(ctx context.Context, p Preferences) error
}
