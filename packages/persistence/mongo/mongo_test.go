package mongo

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestMain(m *testing.M) {
	if os.Getenv("MONGODB_URI") == "" {
		fmt.Println("MongoDB contract suite skipped: MONGODB_URI is not set (the SQLite suite ran the same contract)")
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
