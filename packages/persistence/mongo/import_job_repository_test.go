package mongostore

import (
	"context"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestImportJobRepository(t *testing.T) {
	repotest.ImportJobs(t, func(t *testing.T) importjob.Repository {
		r, err := NewImportJobRepository(context.Background(), openTestStore(t))
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}
