package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// insertColumns is the number of values of one notifications row.
const insertColumns = 13

// insertSizes are the row counts of the prepared multi-row INSERTs, largest
// first: a batch is written with as few statements as these sizes allow
// (a batch of 7 rows: 4 + 1 + 1 + 1), since each statement costs a round
// through database/sql and the driver whatever its size.
var insertSizes = [...]int{64, 16, 4, 1}

// insertSize is the largest prepared INSERT size that n rows fill.
func insertSize(n int) int {
	for _, size := range insertSizes {
		if size <= n {
			return size
		}
	}
	return insertSizes[len(insertSizes)-1]
}

// addUnreadCounts adds a batch's new unread notifications to their users'
// counts and moves their heads, {"<userId>": [n, seq, lastId], ...} (n may be
// 0), and returns the counts that result; addUnreadCount does the same for
// the one user of a batch (the usual batch of a lone caller), without JSON.
// The triggers of migration 0011 keep the counts on reads and deletes;
// inserts are counted here, once per batch, rather than by a trigger per row.
const (
	addUnreadCounts = `INSERT INTO notification_unread (user_id, count, seq, last_id)
	SELECT key, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
	ON CONFLICT (user_id) DO UPDATE SET ` + moveHead + `
	RETURNING user_id, count`
	addUnreadCount = `INSERT INTO notification_unread (user_id, count, seq, last_id) VALUES (?, ?, ?, ?)
	ON CONFLICT (user_id) DO UPDATE SET ` + moveHead + `
	RETURNING user_id, count`
	moveHead = `count = count + excluded.count,
		seq = max(seq, excluded.seq), last_id = max(last_id, excluded.last_id)`
)

// selectHeads reads where the batch's users stand, ["<userId>", ...];
// selectHead, where the one user of a batch stands (the usual batch of a
// lone caller, which this keeps free of JSON).
const (
	selectHeads = `SELECT user_id, seq, last_id FROM notification_unread
	WHERE user_id IN (SELECT value FROM json_each(?))`
	selectHead = `SELECT user_id, seq, last_id FROM notification_unread WHERE user_id = ?`
)

// insertStatements are prepared once on the writer connection.
type insertStatements struct {
	insert    map[int]*sql.Stmt // by rows per statement
	addUnread *sql.Stmt
	addOne    *sql.Stmt
	heads     *sql.Stmt
	head      *sql.Stmt
	bump      *sql.Stmt // the fast path's (insertFast)
	bumpOne   *sql.Stmt
}

func prepareInsertStatements(ctx context.Context, db *sql.DB) (*insertStatements, error) {
	st := &insertStatements{insert: make(map[int]*sql.Stmt, len(insertSizes))}
	var errs []error
	prepare := func(q string) *sql.Stmt {
		s, err := db.PrepareContext(ctx, q)
		errs = append(errs, err)
		return s
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", insertColumns), ", ") + ")"
	for _, n := range insertSizes {
		st.insert[n] = prepare(`INSERT INTO notifications (` + notificationColumns + `) VALUES ` +
			strings.TrimSuffix(strings.Repeat(row+", ", n), ", "))
	}
	st.addUnread = prepare(addUnreadCounts)
	st.addOne = prepare(addUnreadCount)
	st.heads = prepare(selectHeads)
	st.head = prepare(selectHead)
	st.bump = prepare(bumpUnreadCounts)
	st.bumpOne = prepare(bumpUnreadCount)
	if err := errors.Join(errs...); err != nil {
		st.close()
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return st, nil
}

func (st *insertStatements) close() {
	for _, s := range st.insert {
		if s != nil {
			s.Close()
		}
	}
	for _, s := range []*sql.Stmt{st.addUnread, st.addOne, st.heads, st.head, st.bump, st.bumpOne} {
		if s != nil {
			s.Close()
		}
	}
}

// insertArgs are n's values in notificationColumns order.
func insertArgs(n notification.Notification) ([]any, error) {
	rec := n.Record()
	meta, err := json.Marshal(rec.Metadata)
	if err != nil {
		return nil, fmt.Errorf("metadata: %w", err)
	}
	return []any{rec.ID, rec.UserID, string(rec.Type), rec.Title, rec.Message, string(meta),
		rec.ActionURL, string(rec.Priority), rec.Source, rec.Read, NullMillis(rec.ReadAt), Millis(rec.CreatedAt), rec.Seq}, nil
}

// insertRequestKey stores a client request key with what it creates.
const insertRequestKey = `INSERT INTO request_keys (scope, key, hash, resource_id, created_at) VALUES (?, ?, ?, ?, ?)`

// bumpUnreadCounts and bumpUnreadCount are the fast path's (insertFast)
// form of addUnreadCounts: they add to the seq instead of setting it, and
// move last_id to the larger id, so that what they return is each user's
// seq and newest id after the batch, without a read before it.
const (
	bumpUnreadCounts = `INSERT INTO notification_unread (user_id, count, seq, last_id)
	SELECT key, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
	ON CONFLICT (user_id) DO UPDATE SET ` + bumpHead + `
	RETURNING user_id, count, seq, last_id`
	bumpUnreadCount = `INSERT INTO notification_unread (user_id, count, seq, last_id) VALUES (?, ?, ?, ?)
	ON CONFLICT (user_id) DO UPDATE SET ` + bumpHead + `
	RETURNING user_id, count, seq, last_id`
	bumpHead = `count = count + excluded.count,
		seq = seq + excluded.seq, last_id = max(last_id, excluded.last_id)`
)

// fastBatch says whether insertFast may write batch: every insert is the
// only one of its user in it and carries no request key.
func fastBatch(batch []*insertReq) bool {
	if len(batch) == 0 {
		return false
	}
	users := make(map[string]struct{}, len(batch))
	for _, req := range batch {
		if _, keyed := req.n.Request(); keyed {
			return false
		}
		if _, seen := users[req.n.UserID()]; seen {
			return false
		}
		users[req.n.UserID()] = struct{}{}
	}
	return true
}

// insertFast writes a fastBatch with one statement fewer than the general
// path (place, insertRows, addUnread): each user's count and head are moved
// first, by one seq and to the larger of the newest id and the insert's, and
// what comes back is the insert's seq, its user's count after it, and — the
// check — a newest id that is the insert's own exactly when the insert sorts
// after everything its user had (ids are unique: equal to the old newest
// means a duplicate, which the INSERT refuses). It reports false, with
// nothing written, when the batch needs the general path: an id that does
// not sort after its user's newest (another instance on the file, or a
// caller that made it before one stored earlier), or a row the INSERT
// refuses (the general path fails it alone); an error only when the
// transaction itself fails.
func (r *NotificationRepository) insertFast(ctx context.Context, batch []*insertReq) (bool, error) {
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var rows *sql.Rows
	if len(batch) == 1 {
		n := batch[0].n
		rows, err = tx.StmtContext(ctx, r.stmts.bumpOne).QueryContext(ctx, n.UserID(), unreadOf(n), 1, n.ID())
	} else {
		add := make(map[string][3]any, len(batch))
		for _, req := range batch {
			add[req.n.UserID()] = [3]any{unreadOf(req.n), 1, req.n.ID()}
		}
		var obj []byte
		if obj, err = json.Marshal(add); err != nil {
			return false, err
		}
		rows, err = tx.StmtContext(ctx, r.stmts.bump).QueryContext(ctx, string(obj))
	}
	if err != nil {
		return false, fmt.Errorf("unread counts: %w", err)
	}
	heads := make(map[string]notification.Head, len(batch))
	for rows.Next() {
		var user string
		var h notification.Head
		if err := rows.Scan(&user, &h.Unread, &h.Seq, &h.LastID); err != nil {
			rows.Close()
			return false, fmt.Errorf("unread counts: %w", err)
		}
		heads[user] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("unread counts: %w", err)
	}
	stored := make([]notification.Notification, len(batch))
	args := make([]any, 0, min(len(batch), insertSizes[0])*insertColumns)
	for i, req := range batch {
		h := heads[req.n.UserID()]
		if h.LastID != req.n.ID() {
			return false, nil // sorts before the user's newest: the general path moves it
		}
		stored[i] = req.n.Stored(req.n.ID(), h.Seq)
	}
	for todo := stored; len(todo) > 0; {
		size := insertSize(len(todo))
		args = args[:0]
		for _, n := range todo[:size] {
			a, err := insertArgs(n)
			if err != nil {
				return false, nil // fails alone on the general path
			}
			args = append(args, a...)
		}
		if _, err := tx.StmtContext(ctx, r.stmts.insert[size]).ExecContext(ctx, args...); err != nil {
			return false, nil // a duplicate, say: it fails alone on the general path
		}
		todo = todo[size:]
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	for i, req := range batch {
		req.n = stored[i]
		req.unread = heads[req.n.UserID()].Unread
	}
	return true, nil
}

// unreadOf is what n adds to its user's unread count.
func unreadOf(n notification.Notification) int {
	if n.Read() {
		return 0
	}
	return 1
}
