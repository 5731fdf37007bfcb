package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/app"
	"github.com/fleetman/fleetman/packages/domain"
)

func TestAnnounceGoesThroughThePublisherAndStoresNothing(t *testing.T) {
	rec := &recorder{}
	repo := newRepo(t)
	s := app.NewService(repo, rec, app.Options{})
	ctx := context.Background()
	user := domain.NewID()
	if err := s.Announce(ctx, user, app.KindFleetChanged, map[string]any{"reason": "reading.recorded"}); err != nil {
		t.Fatal(err)
	}
	e, ok := rec.last(app.KindFleetChanged)
	if !ok || e.UserID != user || e.Payload.(map[string]any)["reason"] != "reading.recorded" || e.Unread != nil {
		t.Fatalf("%+v %v", e, ok)
	}
	if n, _ := s.UnreadCount(ctx, user); n != 0 {
		t.Fatalf("an announcement was stored: %d", n)
	}
	if err := s.Announce(ctx, user, app.KindNotification, nil); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("a notification kind was announced: %v", err)
	}
}
