package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestMessageRepository(t *testing.T) {
	repotest.Messages(t, func(t *testing.T) message.Repository { return NewMessageRepository(openTestDB(t)) })
}
