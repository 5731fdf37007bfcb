package sqlite

import (
	"testing"

	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestImportJobRepository(t *testing.T) {
	repotest.ImportJobs(t, func(t *testing.T) importjob.Repository { return NewImportJobRepository(openTestDB(t)) })
}
