package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestUserRepository(t *testing.T) {
	repotest.Users(t, func(t *testing.T) user.Repository { return NewUserRepository(openTestDB(t)) })
}
