package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestSessionRepository(t *testing.T) {
	repotest.Sessions(t, func(t *testing.T) session.Repository {
		r, err := NewSessionRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}

func TestUserCredentials(t *testing.T) {
	repotest.UserCredentials(t, func(t *testing.T) (user.Repository, user.Credentials) {
		r, err := NewUserRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r, r
	})
}
