package repotest

import (
	"context"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// NotificationPreferences runs the notification.PreferenceRepository contract
// against a fresh repository from newRepo.
func NotificationPreferences(t *testing.T, newRepo func(t *testing.T) notification.PreferenceRepository) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	save := func(t *testing.T, repo notification.PreferenceRepository, userID string, m map[notification.Type]notification.TypePreference, at time.Time) {
		t.Helper()
		p, err := notification.NewPreferences(userID, m, at)
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.SavePreferences(ctx, p); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("a user who never saved any has the defaults", func(t *testing.T) {
		repo := newRepo(t)
		userID := domain.NewID()
		p, err := repo.Preferences(ctx, userID)
		if err != nil {
			t.Fatal(err)
		}
		if p.UserID() != userID || len(p.Stored()) != 0 || !p.UpdatedAt().IsZero() {
			t.Fatalf("defaults = %+v", p)
		}
		for _, typ := range notification.Types {
			if p.For(typ) != notification.DefaultTypePreference || !p.Delivers(typ, notification.PriorityNormal) {
				t.Fatalf("%s: %+v, want the default", typ, p.For(typ))
			}
		}
	})

	t.Run("saved, read back, replaced whole", func(t *testing.T) {
		repo := newRepo(t)
		userID := domain.NewID()
		save(t, repo, userID, map[notification.Type]notification.TypePreference{
			notification.TypeNewMessage:       {InApp: false, Desktop: false, Quiet: false},
			notification.TypeMaintenanceAlert: {InApp: true, Desktop: false, Quiet: true},
		}, now)
		p, err := repo.Preferences(ctx, userID)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.For(notification.TypeNewMessage); got != (notification.TypePreference{}) {
			t.Errorf("NEW_MESSAGE = %+v", got)
		}
		if got := p.For(notification.TypeMaintenanceAlert); got != (notification.TypePreference{InApp: true, Quiet: true}) {
			t.Errorf("MAINTENANCE_ALERT = %+v", got)
		}
		if got := p.For(notification.TypeContactRequest); got != notification.DefaultTypePreference {
			t.Errorf("CONTACT_REQUEST (never set) = %+v", got)
		}
		if !p.UpdatedAt().Equal(now) {
			t.Errorf("updatedAt = %v, want %v", p.UpdatedAt(), now)
		}

		later := now.Add(time.Minute)
		save(t, repo, userID, map[notification.Type]notification.TypePreference{
			notification.TypeContactRequest: {InApp: false, Desktop: true},
		}, later)
		p, err = repo.Preferences(ctx, userID)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Stored(); len(got) != 1 || got[0] != notification.TypeContactRequest {
			t.Fatalf("stored types after replace = %v, want [CONTACT_REQUEST]", got)
		}
		if p.For(notification.TypeNewMessage) != notification.DefaultTypePreference {
			t.Errorf("NEW_MESSAGE kept after replace: %+v", p.For(notification.TypeNewMessage))
		}
		if p.Delivers(notification.TypeContactRequest, notification.PriorityNormal) {
			t.Error("CONTACT_REQUEST still delivered")
		}
		if !p.UpdatedAt().Equal(later) {
			t.Errorf("updatedAt = %v, want %v", p.UpdatedAt(), later)
		}
	})

	t.Run("one user's preferences are not another's", func(t *testing.T) {
		repo := newRepo(t)
		a, b := domain.NewID(), domain.NewID()
		save(t, repo, a, map[notification.Type]notification.TypePreference{notification.TypeNewMessage: {}}, now)
		p, err := repo.Preferences(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Stored()) != 0 || !p.Delivers(notification.TypeNewMessage, notification.PriorityNormal) {
			t.Fatalf("b sees a's preferences: %+v", p)
		}
	})

	t.Run("saving the defaults back clears what was stored", func(t *testing.T) {
		repo := newRepo(t)
		userID := domain.NewID()
		save(t, repo, userID, map[notification.Type]notification.TypePreference{notification.TypeNewMessage: {}}, now)
		save(t, repo, userID, nil, now.Add(time.Second))
		p, err := repo.Preferences(ctx, userID)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Stored()) != 0 || !p.Delivers(notification.TypeNewMessage, notification.PriorityNormal) {
			t.Fatalf("after saving none: %+v", p)
		}
	})
}
