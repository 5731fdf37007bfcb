package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/message"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestMessageRepository(t *testing.T) {
	repotest.Messages(t, func(t *testing.T) message.Repository {
		r, err := NewMessageRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}
