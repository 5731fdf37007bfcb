package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestUserRepository(t *testing.T) {
	repotest.Users(t, func(t *testing.T) user.Repository {
		r, err := NewUserRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}
