package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestDocumentRepository(t *testing.T) {
	repotest.Documents(t, func(t *testing.T) document.Repository { return NewDocumentRepository(openTestDB(t)) })
}
