package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxReadStatements bounds the read statements kept prepared: queries whose
// text varies (IN lists of a chunk's size, filters) take a few hundred
// texts at most; past the bound a query is run unprepared.
const maxReadStatements = 512

// readStatements keeps the read pool's statements prepared, by text, so that
// a read does not parse its SQL again on every call (in the pure-Go SQLite,
// parsing and planning a short SELECT costs as much as running it: a
// reconnect storm spent a seventh of the server's CPU in the parser).
// database/sql prepares a statement on each pooled connection the first time
// it runs there; the pool keeps its connections, so that is once each.
type readStatements struct {
	pool *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
}

// get returns the prepared statement for q, preparing it on first use, or
// nil when q cannot be kept (the bound is reached, or preparing failed: the
// caller then runs q unprepared and gets the error from there).
func (s *readStatements) get(ctx context.Context, q string) *sql.Stmt {
	s.mu.Lock()
	st, ok := s.m[q]
	s.mu.Unlock()
	if ok {
		return st
	}
	st, err := s.pool.PrepareContext(context.WithoutCancel(ctx), q)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.m[q]; ok { // prepared meanwhile by another caller
		st.Close()
		return prev
	}
	if len(s.m) >= maxReadStatements {
		st.Close()
		return nil
	}
	if s.m == nil {
		s.m = make(map[string]*sql.Stmt)
	}
	s.m[q] = st
	return st
}

func (s *readStatements) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.m {
		st.Close()
	}
	s.m = nil
}

// query runs q on the read pool, prepared once.
func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := db.reads.get(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return db.r.QueryContext(ctx, q, args...)
}

// queryRow runs q on the read pool, prepared once.
func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := db.reads.get(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.r.QueryRowContext(ctx, q, args...)
}
