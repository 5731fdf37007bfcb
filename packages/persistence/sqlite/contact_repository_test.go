package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestContactRepository(t *testing.T) {
	repotest.Contacts(t, func(t *testing.T) contact.Repository { return NewContactRepository(openTestDB(t)) })
}
