package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Probe writes one row through the writer: the store can take writes (for
// /readyz; a read-only file or folder, a full disk or a held lock fail it).
func (db *DB) Probe(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `INSERT INTO health_probe (id, at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET at = excluded.at`, time.Now().UnixMilli()); err != nil {
		return fmt.Errorf("sqlite: write probe: %w", err)
	}
	return nil
}

// IsUnavailable reports whether err means the store cannot answer now
// (busy or locked, read-only, an I/O error, a full disk, a file it cannot
// open) rather than a fault of the request: such errors answer 503.
func IsUnavailable(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff { // the primary code of an extended one
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR,
		sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}
