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
	for _, s := range []*sql.Stmt{st.addUnread, st.addOne, st.heads, st.head} {
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
