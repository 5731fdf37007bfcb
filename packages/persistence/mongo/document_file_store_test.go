package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestDocumentFileStore(t *testing.T) {
	repotest.DocumentFiles(t, func(t *testing.T) document.FileStore {
		s, err := NewDocumentFileStore(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
