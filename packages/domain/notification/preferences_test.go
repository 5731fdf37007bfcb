package notification_test

import (
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

func TestPreferencesDelivers(t *testing.T) {
	user := domain.NewID()
	p, err := notification.NewPreferences(user, map[notification.Type]notification.TypePreference{
		notification.TypeNewMessage:       {InApp: false, Desktop: true},
		notification.TypeMaintenanceAlert: {InApp: true, Desktop: false, Quiet: true},
	}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		typ  notification.Type
		prio notification.Priority
		want bool
	}{
		{notification.TypeNewMessage, notification.PriorityNormal, false},
		{notification.TypeNewMessage, "", false},
		{notification.TypeNewMessage, notification.PriorityLow, false},
		{notification.TypeNewMessage, notification.PriorityHigh, true},
		{notification.TypeNewMessage, notification.PriorityUrgent, true},
		{notification.TypeMaintenanceAlert, notification.PriorityNormal, true},
		{notification.TypeContactRequest, notification.PriorityNormal, true}, // never set: the default
	}
	for _, c := range cases {
		if got := p.Delivers(c.typ, c.prio); got != c.want {
			t.Errorf("Delivers(%s, %q) = %v, want %v", c.typ, c.prio, got, c.want)
		}
	}
	if got := p.For(notification.TypeMaintenanceAlert); got.Desktop || !got.Quiet {
		t.Errorf("For(MAINTENANCE_ALERT) = %+v", got)
	}
	if got := notification.DefaultPreferences(user).For(notification.TypeNewMessage); got != notification.DefaultTypePreference {
		t.Errorf("default = %+v", got)
	}
}

func TestNewPreferencesRefuses(t *testing.T) {
	cases := []struct {
		name   string
		user   string
		byType map[notification.Type]notification.TypePreference
		field  string
	}{
		{"no user", "", nil, "userId"},
		{"unknown type", domain.NewID(), map[notification.Type]notification.TypePreference{"BOGUS": {}}, "types.BOGUS"},
		{"system is not mutable", domain.NewID(), map[notification.Type]notification.TypePreference{notification.TypeSystem: {}}, "types.SYSTEM"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := notification.NewPreferences(c.user, c.byType, time.Now())
			var fe *domain.FieldError
			if !errors.Is(err, domain.ErrInvalid) || !errors.As(err, &fe) || fe.Field != c.field {
				t.Fatalf("err = %v, want a field error on %s", err, c.field)
			}
		})
	}
}
