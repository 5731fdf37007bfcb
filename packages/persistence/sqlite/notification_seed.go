package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// Seed sizes: rows per INSERT statement (13 values a row, well under
// SQLite's 32,766 variables) and rows per transaction.
const (
	seedRowsPerStatement = 256
	seedRowsPerTx        = 200_000
)

// seedHead adds a seeded transaction's unread notifications to a user's count
// and moves the user's head, as addUnreadCount does for a batch of inserts.
const seedHead = `INSERT INTO notification_unread (user_id, count, seq, last_id) VALUES (?, ?, ?, ?)
	ON CONFLICT (user_id) DO UPDATE SET ` + moveHead

// Seed stores many notifications at once, for filling a store before a load
// test (fleetseed -notifications): ns must give each user's notifications in
// the order they are to be stored (their ids increasing, as Create would
// have them; an id that does not sort after the user's newest is moved past
// it, as Create moves it). Each is given the next seq of its user, its
// user's unread count and head move in the same transaction as its row (the
// count for a read one stays), and read ones are stored read: the result is
// the store that Create, then MarkRead for the read ones, would have left,
// without a trigger or a commit per row. Request keys are not stored.
//
// It is a bulk load into a store no server writes to meanwhile: the
// notifications' secondary indexes are dropped first and rebuilt at the end
// from their own stored definitions (one sort each instead of a random
// B-tree insert per row; the unique index of ids stays, see
// dropNotificationIndexes); rows given user by user in the order of the
// users' ids keep the table's own B-tree, whose key is (user_id, id),
// appending. It returns how many it stored; on an error the transactions
// committed before it stay, and the indexes are rebuilt all the same.
func (r *NotificationRepository) Seed(ctx context.Context, ns iter.Seq[notification.Notification]) (int, error) {
	return r.seed(ctx, ns, seedRowsPerTx)
}

// seed is Seed with rowsPerTx rows a transaction.
func (r *NotificationRepository) seed(ctx context.Context, ns iter.Seq[notification.Notification], rowsPerTx int) (stored int, err error) {
	heads, err := r.seedHeads(ctx)
	if err != nil {
		return 0, err
	}
	indexes, err := r.dropNotificationIndexes(ctx)
	if err != nil {
		return 0, errors.Join(err, r.createNotificationIndexes(context.WithoutCancel(ctx), indexes))
	}
	defer func() {
		// The indexes come back whatever happened (ctx may have ended: the
		// rebuild must not be cut short by it).
		if rerr := r.createNotificationIndexes(context.WithoutCancel(ctx), indexes); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", insertColumns), ", ") + ")"
	insertAll, err := r.db.w.PrepareContext(ctx, `INSERT INTO notifications (`+notificationColumns+`) VALUES `+
		strings.TrimSuffix(strings.Repeat(row+", ", seedRowsPerStatement), ", "))
	if err != nil {
		return 0, fmt.Errorf("sqlite: seed notifications: %w", err)
	}
	defer insertAll.Close()

	s := &seeding{repo: r, insertAll: insertAll, heads: heads, rowsPerTx: rowsPerTx, args: make([]any, 0, seedRowsPerStatement*insertColumns)}
	defer s.rollback()
	for n := range ns {
		if err := s.add(ctx, n); err != nil {
			return s.stored, fmt.Errorf("sqlite: seed notifications: %w", err)
		}
	}
	if err := s.commit(ctx); err != nil {
		return s.stored, fmt.Errorf("sqlite: seed notifications: %w", err)
	}
	return s.stored, nil
}

// seedUser is where one user stands during a seed: the head, and what the
// open transaction added to the count.
type seedUser struct {
	seq     int64
	lastID  string
	unread  int
	touched bool
}

// seeding is one Seed under way.
type seeding struct {
	repo      *NotificationRepository
	insertAll *sql.Stmt
	rowsPerTx int
	heads     map[string]*seedUser
	touched   []string // users of the open transaction
	tx        *sql.Tx
	args      []any // the statement being filled
	inTx      int   // rows of the open transaction, inserted or in args
	stored    int   // rows committed
}

func (s *seeding) add(ctx context.Context, n notification.Notification) error {
	if s.tx == nil {
		tx, err := s.repo.db.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		s.tx = tx
	}
	h := s.heads[n.UserID()]
	if h == nil {
		h = &seedUser{}
		s.heads[n.UserID()] = h
	}
	id := n.ID()
	if id <= h.lastID {
		id = domain.IDAfter(h.lastID)
	}
	h.seq++
	h.lastID = id
	if !n.Read() {
		h.unread++
	}
	if !h.touched {
		h.touched = true
		s.touched = append(s.touched, n.UserID())
	}
	args, err := insertArgs(n.Stored(id, h.seq))
	if err != nil {
		return fmt.Errorf("notification %s: %w", id, err)
	}
	s.args = append(s.args, args...)
	s.inTx++
	if len(s.args) == cap(s.args) {
		if err := s.flushRows(ctx); err != nil {
			return err
		}
	}
	if s.inTx >= s.rowsPerTx {
		return s.commit(ctx)
	}
	return nil
}

// flushRows inserts the filled rows: one statement when full, one each
// otherwise (the tail of the seed).
func (s *seeding) flushRows(ctx context.Context) error {
	if len(s.args) == 0 {
		return nil
	}
	var err error
	if len(s.args) == seedRowsPerStatement*insertColumns {
		_, err = s.tx.StmtContext(ctx, s.insertAll).ExecContext(ctx, s.args...)
	} else {
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", insertColumns), ", ") + ")"
		rows := len(s.args) / insertColumns
		_, err = s.tx.ExecContext(ctx, `INSERT INTO notifications (`+notificationColumns+`) VALUES `+
			strings.TrimSuffix(strings.Repeat(row+", ", rows), ", "), s.args...)
	}
	if IsUniqueViolation(err) {
		return fmt.Errorf("insert: %w", domain.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("insert: %w", err)
	}
	s.args = s.args[:0]
	return nil
}

// commit inserts what is left, writes the heads and counts of the users the
// transaction touched, and commits.
func (s *seeding) commit(ctx context.Context) error {
	if s.tx == nil {
		return nil
	}
	if err := s.flushRows(ctx); err != nil {
		return err
	}
	head, err := s.tx.PrepareContext(ctx, seedHead)
	if err != nil {
		return fmt.Errorf("heads: %w", err)
	}
	defer head.Close()
	for _, user := range s.touched {
		h := s.heads[user]
		if _, err := head.ExecContext(ctx, user, h.unread, h.seq, h.lastID); err != nil {
			return fmt.Errorf("heads: %w", err)
		}
		h.unread, h.touched = 0, false
	}
	s.touched = s.touched[:0]
	if err := s.tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	s.tx = nil
	s.stored += s.inTx
	s.inTx = 0
	return nil
}

func (s *seeding) rollback() {
	if s.tx != nil {
		_ = s.tx.Rollback()
	}
}

// seedHeads reads where every user stands.
func (r *NotificationRepository) seedHeads(ctx context.Context) (map[string]*seedUser, error) {
	rows, err := r.db.w.QueryContext(ctx, `SELECT user_id, seq, last_id FROM notification_unread`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: seed notifications: heads: %w", err)
	}
	defer rows.Close()
	heads := map[string]*seedUser{}
	for rows.Next() {
		var user string
		h := &seedUser{}
		if err := rows.Scan(&user, &h.seq, &h.lastID); err != nil {
			return nil, fmt.Errorf("sqlite: seed notifications: heads: %w", err)
		}
		heads[user] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: seed notifications: heads: %w", err)
	}
	return heads, nil
}

// storedIndex is one secondary index as the schema holds it.
type storedIndex struct{ name, sql string }

// dropNotificationIndexes drops the notifications table's secondary indexes
// but the unique ones (the index of ids: it refuses a duplicate id row by
// row, as Create does, where a rebuild would find it only at the end, after
// the rows were committed) and returns their definitions (the CREATE INDEX the migrations ran, as
// SQLite keeps it), so that createNotificationIndexes makes the same ones.
func (r *NotificationRepository) dropNotificationIndexes(ctx context.Context) ([]storedIndex, error) {
	rows, err := r.db.w.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = 'notifications' AND sql IS NOT NULL
		AND sql NOT LIKE 'CREATE UNIQUE INDEX%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: seed notifications: indexes: %w", err)
	}
	var indexes []storedIndex
	for rows.Next() {
		var ix storedIndex
		if err := rows.Scan(&ix.name, &ix.sql); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: seed notifications: indexes: %w", err)
		}
		indexes = append(indexes, ix)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: seed notifications: indexes: %w", err)
	}
	for i, ix := range indexes {
		if _, err := r.db.w.ExecContext(ctx, `DROP INDEX "`+ix.name+`"`); err != nil {
			return indexes[:i], fmt.Errorf("sqlite: seed notifications: drop index %s: %w", ix.name, err)
		}
	}
	return indexes, nil
}

// createNotificationIndexes creates the indexes dropNotificationIndexes dropped.
func (r *NotificationRepository) createNotificationIndexes(ctx context.Context, indexes []storedIndex) error {
	var errs []error
	for _, ix := range indexes {
		if _, err := r.db.w.ExecContext(ctx, ix.sql); err != nil {
			errs = append(errs, fmt.Errorf("sqlite: seed notifications: create index %s: %w", ix.name, err))
		}
	}
	return errors.Join(errs...)
}
