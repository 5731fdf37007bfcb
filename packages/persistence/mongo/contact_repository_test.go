package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestContactRepository(t *testing.T) {
	repotest.Contacts(t, func(t *testing.T) contact.Repository {
		r, err := NewContactRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}
