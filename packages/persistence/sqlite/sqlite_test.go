package sqlite

import (
	"context"
	"path/filepath"
	"testing"
)

// openTestDB opens a fresh store in a real file under the test's temp dir.
func openTestDB(t *testing.T) *DB {
	t.Helper()
	return openTestDBAt(t, filepath.Join(t.TempDir(), "fleetman.db"))
}

// openTestDBAt opens the store at path, closed when the test ends.
func openTestDBAt(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMigrationsAreIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.db")
	for i := 0; i < 2; i++ {
		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if err := db.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}
