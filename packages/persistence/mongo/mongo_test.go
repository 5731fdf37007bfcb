package mongostore

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// TestMain probes MONGODB_URI once before the suite: a server that cannot
// be reached fails the run at once (in CI, CI=true, and on a workstation
// alike) instead of every test timing out. Without MONGODB_URI every test
// skips; `make test` prints the count of skipped tests on one line.
func TestMain(m *testing.M) {
	if uri := os.Getenv("MONGODB_URI"); uri != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		s, err := Connect(ctx, uri, "fleetman_test_probe", nil)
		if err != nil {
			cancel()
			where := "here"
			if os.Getenv("CI") == "true" {
				where = "in CI"
			}
			fmt.Fprintf(os.Stderr, "FAIL: MONGODB_URI is set but the MongoDB server cannot be reached (%v): the MongoDB contract suite cannot run %s\n", err, where)
			os.Exit(1)
		}
		_ = s.Close(ctx)
		cancel()
	}
	os.Exit(m.Run())
}

// openTestStore connects to MONGODB_URI with a database of the test's own,
// dropped at the end; it skips the test when MONGODB_URI is unset.
func openTestStore(t *testing.T) *Store {
	t.Helper()
	uri := os.Getenv("MONGODB_URI")
	if uri == "" {
		t.Skip("MONGODB_URI is not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := Connect(ctx, uri, "fleetman_test_"+domain.NewID()[16:], nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = s.Drop(ctx)
		_ = s.Close(ctx)
	})
	return s
}
