package notificationapp_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/packages/domain"
)

func TestAnnounceGoesThroughThePublisherAndStoresNothing(t *testing.T) {
	rec := &recorder{}
	repo := newRepo(t)
	s := notificationapp.NewService(repo, rec, notificationapp.Options{})
	ctx := context.Background()
	user := domain.NewID()
	if err := s.Announce(ctx, user, notificationapp.KindFleetChanged, map[string]any{"reason": "reading.recorded"}); err != nil {
		t.Fatal(err)
	}
	e, ok := rec.last(notificationapp.KindFleetChanged)
	if !ok || e.UserID != user || e.Payload.(map[string]any)["reason"] != "reading.recorded" || e.Unread != nil {
		t.Fatalf("%+v %v", e, ok)
	}
	if n, _ := repo.UnreadCount(ctx, user); n != 0 {
		t.Fatalf("an announcement was stored: %d", n)
	}
	if err := s.Announce(ctx, user, notificationapp.KindNotification, nil); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("a notification kind was announced: %v", err)
	}
}
