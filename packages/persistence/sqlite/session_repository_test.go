package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestSessionRepository(t *testing.T) {
	repotest.Sessions(t, func(t *testing.T) session.Repository { return NewSessionRepository(openTestDB(t)) })
}

func TestUserCredentials(t *testing.T) {
	repotest.UserCredentials(t, func(t *testing.T) (user.Repository, user.Credentials) {
		r := NewUserRepository(openTestDB(t))
		return r, r
	})
}
