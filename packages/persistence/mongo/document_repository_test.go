package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestDocumentRepository(t *testing.T) {
	repotest.Documents(t, func(t *testing.T) document.Repository {
		r, err := NewDocumentRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}
