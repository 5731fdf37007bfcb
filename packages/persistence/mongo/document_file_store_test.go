package mongo

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestDocumentFileStore(t *testing.T) {
	repotest.DocumentFiles(t, func(t *testing.T) repotest.DocumentFileStore {
		s, err := NewDocumentFileStore(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
