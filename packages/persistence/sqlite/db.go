// Package sqlite is the embedded store: one SQLite file (pure-Go driver, WAL),
// schema migrations applied at start-up, safe for concurrent requests.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open store. Writes go through one connection (SQLite has one
// writer; queuing them in Go avoids SQLITE_BUSY), reads through a pool.
//
// The writer never checkpoints the WAL itself (wal_autocheckpoint=0): a
// checkpoint copies pages into the database file and fsyncs it, and done by
// the committing connection it holds every queued write for that long. A
// goroutine of the DB checkpoints instead, on a connection of its own, while
// the writer goes on (see checkpointer).
type DB struct {
	w *sql.DB
	r *sql.DB
	// reads keeps the read pool's statements prepared (query, queryRow).
	reads readStatements

	ckpt *checkpointer
}

// writerCacheKiB is the page cache of the writer connection. The writer
// touches the newest leaf pages of every user's index entries; with the
// default 2 MiB many are read back from the file on every insert. (Much more
// costs more than it saves: SQLite walks the cache's hash table at the end
// of some write transactions.)
const writerCacheKiB = 16 << 10

// readerMmapBytes is how much of the database file each reader maps (the
// address space is shared: the mapping costs no memory of its own).
const readerMmapBytes = 1 << 30

// readers is the size of the read pool.
const readers = 8

// Open opens (creating if needed) the file at path and migrates it.
func Open(ctx context.Context, path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: create folder: %w", err)
		}
	}
	dsn := func(txlock string, pragmas ...string) string {
		q := url.Values{}
		for _, p := range append([]string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)"}, pragmas...) {
			q.Add("_pragma", p)
		}
		if txlock != "" {
			q.Set("_txlock", txlock)
		}
		return "file:" + path + "?" + q.Encode()
	}
	// temp_store(MEMORY): the statement journals of multi-row INSERTs stay in
	// memory instead of spilling to a temporary file.
	w, err := sql.Open("sqlite", dsn("immediate", "wal_autocheckpoint(0)", fmt.Sprintf("cache_size(-%d)", writerCacheKiB), "temp_store(MEMORY)"))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	// mmap_size: readers map the database file instead of copying each page
	// they miss from it (a pread per page, into each connection's own cache):
	// reads of pages the OS holds cost no system call, which is most of a
	// cold reader's work after a restart, when every stream replays at once.
	r, err := sql.Open("sqlite", dsn("", fmt.Sprintf("mmap_size(%d)", readerMmapBytes)))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	// Keep every reader open: a connection that is closed and opened again
	// re-reads the schema and starts with an empty page cache.
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	db := &DB{w: w, r: r, reads: readStatements{pool: r}}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	ck, err := sql.Open("sqlite", dsn(""))
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	db.ckpt = startCheckpointer(ck, w, checkpointInterval)
	return db, nil
}

// Close stops the checkpointer and closes the pools; the last connection to
// close checkpoints what is left in the WAL.
func (db *DB) Close() error {
	var err error
	if db.ckpt != nil {
		err = db.ckpt.stop()
	}
	db.reads.close()
	return errors.Join(err, db.w.Close(), db.r.Close())
}

// Ping checks that the file can be read (for /readyz).
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.queryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// Writer returns the single-connection pool for writes.
func (db *DB) Writer() *sql.DB { return db.w }

// Reader returns the pool for reads.
func (db *DB) Reader() *sql.DB { return db.r }

func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrations table: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("sqlite: list migrations: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		version := strings.TrimSuffix(filepath.Base(name), ".sql")
		body, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("sqlite: read %s: %w", name, err)
		}
		if err := db.apply(ctx, version, string(body)); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, version, body string) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", version, err)
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&done); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", version, err)
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", version, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`,
		version, time.Now().UnixMilli()); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: migrate %s: %w", version, err)
	}
	return nil
}

// IsUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY constraint failure.
func IsUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		code := se.Code()
		return code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// Millis converts a time to the stored form (Unix milliseconds, UTC).
func Millis(t time.Time) int64 { return t.UnixMilli() }

// FromMillis converts a stored time back.
func FromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// NullMillis converts an optional time.
func NullMillis(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// FromNullMillis converts an optional stored time back.
func FromNullMillis(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := FromMillis(v.Int64)
	return &t
}
