package sqlite

import (
	"context"
	"database/sql"
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

// The readers map the file (the driver was built with memory-mapped I/O,
// which SQLite may leave out), and the writer does not.
func TestReadersMapTheFile(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	for name, pool := range map[string]*sql.DB{"reader": db.r, "writer": db.w} {
		var got int64
		if err := pool.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&got); err != nil {
			t.Fatal(err)
		}
		want := int64(0)
		if name == "reader" {
			want = readerMmapBytes
		}
		if got != want {
			t.Errorf("%s: mmap_size = %d, want %d", name, got, want)
		}
	}
}
