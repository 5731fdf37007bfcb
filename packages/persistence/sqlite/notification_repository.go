package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// NotificationRepository stores notifications in SQLite.
//
// Inserts are group-committed: concurrent Create calls are gathered and
// written in one transaction by whichever caller finds no batch running (the
// leader), so the single writer connection commits once per batch instead of
// once per notification. A leader writes one batch and returns to its caller;
// what arrived meanwhile is written by a goroutine that exists only while
// inserts are pending.
//
// A commit costs far more than an insert, so under concurrent load that
// keeps the writer busy a leader first lets its batch gather for up to
// gatherWindow (see gather). A lone caller, one insert at a time, never
// waits, and neither do callers while the writer is mostly idle.
type NotificationRepository struct {
	db *DB

	mu         sync.Mutex
	pending    []*insertReq
	leading    bool
	concurrent time.Time // when a batch last saw inserts from more than one caller
	lastBatch  int       // inserts in the last batch
	load       writerLoad

	stmts *insertStatements // prepared on the writer by the first batch

}

const selectUnreadCount = `SELECT count FROM notification_unread WHERE user_id = ?`

var _ notification.Repository = (*NotificationRepository)(nil)

// NewNotificationRepository returns the notifications repository of db.
func NewNotificationRepository(db *DB) *NotificationRepository {
	return &NotificationRepository{db: db}
}

// maxBatch bounds one group commit: a whole batch of CreateMany (up to
// notification.MaxBatch) fits in one.
const maxBatch = notification.MaxBatch

const (
	// gatherWindow is how long a leader waits for its batch to fill under
	// concurrent load: the latency it adds is well under what it saves, since
	// at a few thousand inserts a second most batches were one or two inserts
	// long and each paid a whole commit. After a large batch (busyBatch) it
	// waits twice as long: at several thousand a second, larger batches cost
	// less per insert (fewer commits, and the pages a batch shares are
	// written once), which leaves more CPU for everything else; measured, p99
	// fell by a few milliseconds at 6,000–8,000/s while p50 rose by one.
	gatherWindow = time.Millisecond
	busyBatch    = 16
	// gatherEnough is a batch large enough not to wait for more.
	gatherEnough = 64
	// concurrentFor is how long after a batch of several callers the load is
	// still taken as concurrent.
	concurrentFor = 100 * time.Millisecond
	// gatherBusy is the writer's load (see writerLoad) from which batches
	// gather: below it a commit is cheap beside the time between inserts, a
	// window would save little CPU and add its whole length to every
	// insert's latency (at 1,000/s, half of the publish-to-delivery median).
	// At 0.3, 1,000/s gathered in half hours when the machine was slower
	// (1,000/s at 300 µs a write is 0.3) and its median rose by about 1.3 ms;
	// at 0.5 it did not, and from 2,000/s on both gathered (BENCHMARKS.md).
	gatherBusy = 0.5
	// loadPeriod is how often the writer's load is measured anew.
	loadPeriod = 100 * time.Millisecond
)

// writerLoad measures how busy the single writer would be without
// gathering: inserts a second times the mean time a batch takes to write.
// Batches that gathered take a little longer than single inserts would, so
// the figure errs towards gathering once gathering has begun, which keeps it
// from turning on and off at the threshold.
type writerLoad struct {
	since   time.Time     // start of the current period
	inserts int           // in the current period
	batches int           // in the current period
	busy    time.Duration // writing batches, in the current period
	busyNow float64       // the last whole period's figure
}

// add counts a batch of n inserts that took took to write, at now.
func (l *writerLoad) add(now time.Time, n int, took time.Duration) {
	if l.since.IsZero() {
		l.since = now
	}
	l.inserts += n
	l.batches++
	l.busy += took
	if elapsed := now.Sub(l.since); elapsed >= loadPeriod {
		rate := float64(l.inserts) / elapsed.Seconds()
		l.busyNow = rate * (l.busy.Seconds() / float64(l.batches))
		*l = writerLoad{since: now, busyNow: l.busyNow}
	}
}

type insertReq struct {
	n      notification.Notification // as stored, once the batch gave it its seq (and maybe a new id)
	args   []any                     // the row's values, in notificationColumns order
	unread int                       // the user's unread count after the batch
	keyID  string                    // the id its request key was stored with, if keyed
	err    error
	done   chan struct{}
}

const notificationColumns = `id, user_id, type, title, message, metadata, action_url, priority, source, read, read_at, created_at, seq`

// notificationSelect is what reads return: the inserted columns and archived_at (set by Archive).
const notificationSelect = notificationColumns + `, archived_at`

// Create implements notification.Repository. It returns once the notification
// is committed (or failed to be).
func (r *NotificationRepository) Create(ctx context.Context, n notification.Notification) (notification.Created, error) {
	if err := ctx.Err(); err != nil {
		return notification.Created{}, err
	}
	req := &insertReq{n: n, done: make(chan struct{})}
	r.write(req)
	if req.err != nil {
		return notification.Created{}, req.err
	}
	return notification.Created{Notification: req.n, Unread: req.unread}, nil
}

// CreateMany implements notification.Repository: the notifications join the
// pending inserts together, in order, so that they are written by as few
// group commits (of up to maxBatch rows, multi-row INSERTs) as their number
// needs, each row on its own (one that fails does not stop the others).
func (r *NotificationRepository) CreateMany(ctx context.Context, ns []notification.Notification) []notification.CreateResult {
	out := make([]notification.CreateResult, len(ns))
	if len(ns) == 0 {
		return out
	}
	if err := ctx.Err(); err != nil {
		for i := range out {
			out[i].Err = err
		}
		return out
	}
	reqs := make([]*insertReq, len(ns))
	for i, n := range ns {
		reqs[i] = &insertReq{n: n, done: make(chan struct{})}
	}
	r.write(reqs...)
	for i, req := range reqs {
		if req.err != nil {
			out[i].Err = req.err
			continue
		}
		out[i].Created = notification.Created{Notification: req.n, Unread: req.unread}
	}
	return out
}

// write queues reqs, in order and together, leads a batch when none is
// running, and returns once every one of them is committed (or failed).
func (r *NotificationRepository) write(reqs ...*insertReq) {
	r.mu.Lock()
	r.pending = append(r.pending, reqs...)
	lead := !r.leading
	if lead {
		r.leading = true
	}
	r.mu.Unlock()
	if lead {
		r.commitBatch()
	}
	for _, req := range reqs {
		<-req.done
	}
}

// commitBatch writes the pending inserts (up to maxBatch) in one transaction;
// when more are pending, a new goroutine leads the next batch, so that no
// caller waits for inserts other than those of its own batch.
func (r *NotificationRepository) commitBatch() {
	r.gather()
	r.mu.Lock()
	batch := r.pending
	if len(batch) > maxBatch {
		batch = batch[:maxBatch:maxBatch]
		r.pending = r.pending[maxBatch:]
	} else {
		r.pending = nil
	}
	r.mu.Unlock()
	start := time.Now()
	r.insertBatch(batch)
	for _, req := range batch {
		close(req.done)
	}
	now := time.Now()
	r.mu.Lock()
	more := len(r.pending) > 0
	if more || len(batch) > 1 {
		r.concurrent = now
	}
	r.lastBatch = len(batch)
	r.load.add(now, len(batch), now.Sub(start))
	if !more {
		r.leading = false
	}
	r.mu.Unlock()
	if more {
		go r.commitBatch()
	}
}

// gather lets the leader's batch gather for gatherWait before it is written.
func (r *NotificationRepository) gather() {
	r.mu.Lock()
	wait := r.gatherWait(time.Now())
	r.mu.Unlock()
	if wait > 0 {
		time.Sleep(wait)
	}
}

// gatherWait is how long a batch gathers at now: nothing unless callers were
// seen inserting concurrently lately, the writer is busy (gatherBusy) and the
// batch is still small; then gatherWindow, or twice that after a batch of
// busyBatch or more. The caller holds r.mu.
func (r *NotificationRepository) gatherWait(now time.Time) time.Duration {
	if len(r.pending) >= gatherEnough || now.Sub(r.concurrent) >= concurrentFor || r.load.busyNow < gatherBusy {
		return 0
	}
	if r.lastBatch >= busyBatch {
		return 2 * gatherWindow
	}
	return gatherWindow
}

func (r *NotificationRepository) insertBatch(batch []*insertReq) {
	// The batch belongs to several callers: none of their contexts may cancel
	// it. A context that can never end also spares the driver a watcher
	// goroutine per statement; waits for the file's lock end at busy_timeout.
	ctx := context.Background()
	fail := func(err error) {
		for _, req := range batch {
			if req.err == nil {
				req.err = fmt.Errorf("sqlite: create notification: %w", err)
			}
		}
	}
	// Only one leader runs at a time: no lock needed. Statements are
	// prepared before the transaction takes the single writer connection.
	if r.stmts == nil {
		st, err := prepareInsertStatements(ctx, r.db.w)
		if err != nil {
			fail(err)
			return
		}
		r.stmts = st
	}
	if fastBatch(batch) {
		switch ok, err := r.insertFast(ctx, batch); {
		case err != nil:
			fail(err)
			return
		case ok:
			return
		}
	}
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		fail(err)
		return
	}
	defer tx.Rollback()
	// Request keys first (rare): an insert whose key is already stored fails
	// alone and takes no seq.
	todo, err := r.insertRequestKeys(ctx, tx, batch)
	if err != nil {
		fail(err)
		return
	}
	if err := r.place(ctx, tx, todo); err != nil {
		fail(err)
		return
	}
	kept := make([]*insertReq, 0, len(todo))
	for _, req := range todo {
		if req.args, err = insertArgs(req.n); err != nil {
			req.err = fmt.Errorf("sqlite: create notification: %w", err)
			continue
		}
		kept = append(kept, req)
	}
	stored := r.insertRows(ctx, tx, kept)
	if err := r.settleRequestKeys(ctx, tx, todo); err != nil {
		fail(err)
		return
	}
	if len(stored) == 0 {
		return
	}
	if err := r.addUnread(ctx, tx, stored); err != nil {
		fail(err)
		return
	}
	if err := tx.Commit(); err != nil {
		fail(err)
	}
}

// place gives each insert of the batch, in batch order, the next seq of its
// user and, when its id does not sort after the user's newest one (another
// instance on the same file stored one meanwhile, or a caller created it
// before one stored earlier), the id just after that one, so that a user's
// ids, seqs and store order agree. The users' heads are read in one
// statement; the batch runs in the writer's BEGIN IMMEDIATE transaction, so
// no other writer moves them before addUnread writes them back.
func (r *NotificationRepository) place(ctx context.Context, tx *sql.Tx, batch []*insertReq) (err error) {
	if len(batch) == 0 {
		return nil
	}
	users := make([]string, 0, len(batch))
	heads := make(map[string]notification.Head, len(batch))
	for _, req := range batch {
		if _, ok := heads[req.n.UserID()]; !ok {
			heads[req.n.UserID()] = notification.Head{}
			users = append(users, req.n.UserID())
		}
	}
	var rows *sql.Rows
	if len(users) == 1 {
		rows, err = tx.StmtContext(ctx, r.stmts.head).QueryContext(ctx, users[0])
	} else {
		var list []byte
		if list, err = json.Marshal(users); err != nil {
			return err
		}
		rows, err = tx.StmtContext(ctx, r.stmts.heads).QueryContext(ctx, string(list))
	}
	if err != nil {
		return fmt.Errorf("heads: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var user string
		var h notification.Head
		if err := rows.Scan(&user, &h.Seq, &h.LastID); err != nil {
			return fmt.Errorf("heads: %w", err)
		}
		heads[user] = h
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("heads: %w", err)
	}
	for _, req := range batch {
		h := heads[req.n.UserID()]
		id := req.n.ID()
		if id <= h.LastID {
			id = domain.IDAfter(h.LastID)
		}
		h.Seq++
		h.LastID = id
		heads[req.n.UserID()] = h
		req.n = req.n.Stored(id, h.Seq)
	}
	return nil
}

// insertRequestKeys stores the request keys of the keyed inserts, one
// statement each (keyed inserts are rare; the unkeyed ones cost a loop), and
// returns the inserts to write: one whose key is already stored fails with
// domain.ErrRequestExists and is not written. A key is stored with the id
// the insert came with; settleRequestKeys points it at the final one.
func (r *NotificationRepository) insertRequestKeys(ctx context.Context, tx *sql.Tx, batch []*insertReq) ([]*insertReq, error) {
	todo := make([]*insertReq, 0, len(batch))
	for _, req := range batch {
		key, ok := req.n.Request()
		if !ok {
			todo = append(todo, req)
			continue
		}
		_, err := tx.ExecContext(ctx, insertRequestKey, key.Scope, key.Key, key.Hash, req.n.ID(), Millis(time.Now()))
		switch {
		case IsUniqueViolation(err):
			req.err = fmt.Errorf("sqlite: create notification: %w", domain.ErrRequestExists)
		case err != nil:
			return nil, fmt.Errorf("request key: %w", err)
		default:
			req.keyID = req.n.ID()
			todo = append(todo, req)
		}
	}
	return todo, nil
}

// settleRequestKeys, after the rows were inserted, removes the keys of keyed
// inserts that failed and points those of inserts whose id place moved at
// the final id.
func (r *NotificationRepository) settleRequestKeys(ctx context.Context, tx *sql.Tx, todo []*insertReq) error {
	for _, req := range todo {
		if req.keyID == "" {
			continue
		}
		key, _ := req.n.Request()
		var err error
		switch {
		case req.err != nil:
			_, err = tx.ExecContext(ctx, `DELETE FROM request_keys WHERE scope = ? AND key = ?`, key.Scope, key.Key)
		case req.keyID != req.n.ID():
			_, err = tx.ExecContext(ctx, `UPDATE request_keys SET resource_id = ? WHERE scope = ? AND key = ?`,
				req.n.ID(), key.Scope, key.Key)
		}
		if err != nil {
			return fmt.Errorf("request key: %w", err)
		}
	}
	return nil
}

// insertRows inserts the rows with as few statements as the prepared sizes
// allow and returns those stored. A statement that fails rolls back only
// itself; its rows are then inserted one by one, so that one bad row (a
// duplicate id) fails alone.
func (r *NotificationRepository) insertRows(ctx context.Context, tx *sql.Tx, todo []*insertReq) []*insertReq {
	stored := make([]*insertReq, 0, len(todo))
	args := make([]any, 0, min(len(todo), insertSizes[0])*insertColumns)
	for len(todo) > 0 {
		size := insertSize(len(todo))
		chunk := todo[:size]
		todo = todo[size:]
		args = args[:0]
		for _, req := range chunk {
			args = append(args, req.args...)
		}
		_, err := tx.StmtContext(ctx, r.stmts.insert[size]).ExecContext(ctx, args...)
		if err == nil {
			stored = append(stored, chunk...)
			continue
		}
		if size > 1 {
			stored = append(stored, r.insertRows(ctx, tx, chunk[:1])...)
			todo = append(chunk[1:len(chunk):len(chunk)], todo...)
			continue
		}
		if IsUniqueViolation(err) {
			chunk[0].err = fmt.Errorf("notification %s exists: %w", chunk[0].n.ID(), domain.ErrConflict)
		} else {
			chunk[0].err = fmt.Errorf("sqlite: create notification: %w", err)
		}
	}
	return stored
}

// addUnread adds the stored unread notifications to their users' counts,
// moves their heads (seq and last id) to their newest stored ones, and sets
// each insert's unread count from what the statement returns: one
// statement for the batch, with every user of the batch in it (adding 0 for
// one whose notifications were all stored read), so that it returns every
// count the batch needs.
func (r *NotificationRepository) addUnread(ctx context.Context, tx *sql.Tx, stored []*insertReq) error {
	type userAdd struct {
		unread int
		seq    int64
		lastID string
	}
	adds := make(map[string]userAdd, len(stored))
	for _, req := range stored {
		a := adds[req.n.UserID()]
		if !req.n.Read() {
			a.unread++
		}
		if req.n.Seq() > a.seq { // the user's newest of the batch
			a.seq, a.lastID = req.n.Seq(), req.n.ID()
		}
		adds[req.n.UserID()] = a // 0 unread stays in: its count is needed too
	}
	var rows *sql.Rows
	var err error
	if len(adds) == 1 {
		for user, a := range adds {
			rows, err = tx.StmtContext(ctx, r.stmts.addOne).QueryContext(ctx, user, a.unread, a.seq, a.lastID)
		}
	} else {
		add := make(map[string][3]any, len(adds))
		for user, a := range adds {
			add[user] = [3]any{a.unread, a.seq, a.lastID}
		}
		var obj []byte
		if obj, err = json.Marshal(add); err != nil {
			return err
		}
		rows, err = tx.StmtContext(ctx, r.stmts.addUnread).QueryContext(ctx, string(obj))
	}
	if err != nil {
		return fmt.Errorf("unread counts: %w", err)
	}
	defer rows.Close()
	counts := make(map[string]int, len(adds))
	for rows.Next() {
		var user string
		var n int
		if err := rows.Scan(&user, &n); err != nil {
			return fmt.Errorf("unread counts: %w", err)
		}
		counts[user] = n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("unread counts: %w", err)
	}
	// counts are the users' counts after the whole batch; going back from
	// the batch's end gives each insert the count right after it.
	for i := len(stored) - 1; i >= 0; i-- {
		req := stored[i]
		req.unread = counts[req.n.UserID()]
		if !req.n.Read() {
			counts[req.n.UserID()]--
		}
	}
	return nil
}

// List implements notification.Repository.
func (r *NotificationRepository) List(ctx context.Context, q notification.ListQuery) (notification.Page, error) {
	var where strings.Builder
	args := []any{q.UserID}
	where.WriteString(`user_id = ?`)
	if q.Status == notification.StatusUnread {
		where.WriteString(` AND read = 0`)
	}
	if q.Archived {
		where.WriteString(` AND archived_at IS NOT NULL`)
	} else {
		where.WriteString(` AND archived_at IS NULL`)
	}
	if q.Type != "" {
		where.WriteString(` AND type = ?`)
		args = append(args, string(q.Type))
	}
	if len(q.Priorities) > 0 {
		where.WriteString(` AND priority IN (?` + strings.Repeat(`, ?`, len(q.Priorities)-1) + `)`)
		for _, p := range q.Priorities {
			args = append(args, string(p))
		}
	}
	if q.Cursor != "" {
		where.WriteString(` AND id < ?`)
		args = append(args, q.Cursor)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	args = append(args, limit+1)
	items, err := r.query(ctx, `SELECT `+notificationSelect+` FROM notifications WHERE `+where.String()+
		` ORDER BY id DESC LIMIT ?`, args...)
	if err != nil {
		return notification.Page{}, fmt.Errorf("sqlite: list notifications: %w", err)
	}
	page := notification.Page{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		page.NextCursor = items[limit-1].ID()
	}
	return page, nil
}

// After implements notification.Repository.
func (r *NotificationRepository) After(ctx context.Context, userID, afterID string, limit int) ([]notification.Notification, error) {
	if limit <= 0 {
		limit = 100
	}
	items, err := r.query(ctx, `SELECT `+notificationSelect+` FROM notifications WHERE user_id = ? AND id > ? ORDER BY id ASC LIMIT ?`,
		userID, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: notifications after: %w", err)
	}
	return items, nil
}

// Head implements notification.Repository: one primary-key read, so exact
// (the count is kept in the same row as the seq, in the insert's transaction).
func (r *NotificationRepository) Head(ctx context.Context, userID string) (notification.Head, error) {
	h := notification.Head{Exact: true}
	err := r.db.queryRow(ctx, `SELECT count, seq, last_id FROM notification_unread WHERE user_id = ?`, userID).
		Scan(&h.Unread, &h.Seq, &h.LastID)
	if errors.Is(err, sql.ErrNoRows) {
		return notification.Head{Exact: true}, nil
	}
	if err != nil {
		return notification.Head{}, fmt.Errorf("sqlite: notification head: %w", err)
	}
	return h, nil
}

// Has implements notification.Repository (the index of ids, which holds each row's user).
func (r *NotificationRepository) Has(ctx context.Context, userID, id string) (bool, error) {
	var one int
	err := r.db.queryRow(ctx, `SELECT 1 FROM notifications WHERE user_id = ? AND id = ?`, userID, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sqlite: notification lookup: %w", err)
	}
	return true, nil
}

// ByRequest implements notification.Repository.
func (r *NotificationRepository) ByRequest(ctx context.Context, scope, key string) (notification.Notification, string, error) {
	id, hash, found, err := requestKey(ctx, r.db, scope, key)
	if err != nil {
		return notification.Notification{}, "", err
	}
	if !found {
		return notification.Notification{}, "", fmt.Errorf("request %s: %w", key, notification.ErrNotFound)
	}
	items, err := r.query(ctx, `SELECT `+notificationSelect+` FROM notifications WHERE id = ?`, id)
	if err != nil {
		return notification.Notification{}, "", fmt.Errorf("sqlite: notification by request: %w", err)
	}
	if len(items) == 0 {
		return notification.Notification{}, "", fmt.Errorf("request %s: %w", key, notification.ErrNotFound)
	}
	return items[0], hash, nil
}

// requestKeyTTL is how long request keys are kept: the ports promise at
// least 24 hours; DeleteOlderThan removes older ones.
const requestKeyTTL = 48 * time.Hour

// requestKey reads what a stored request key created; found is false when
// the key is not stored (never used, or purged).
func requestKey(ctx context.Context, db *DB, scope, key string) (id, hash string, found bool, err error) {
	err = db.queryRow(ctx, `SELECT resource_id, hash FROM request_keys WHERE scope = ? AND key = ?`, scope, key).
		Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("sqlite: request key: %w", err)
	}
	return id, hash, true, nil
}

// UnreadCount implements notification.Repository.
func (r *NotificationRepository) UnreadCount(ctx context.Context, userID string) (int, error) {
	var n int
	row := r.db.queryRow(ctx, selectUnreadCount, userID)
	err := row.Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: unread count: %w", err)
	}
	return n, nil
}

// MarkRead implements notification.Repository.
func (r *NotificationRepository) MarkRead(ctx context.Context, userID, id string, at time.Time) (bool, error) {
	return r.change(ctx, "mark read", userID, id,
		`UPDATE notifications SET read = 1, read_at = ? WHERE id = ? AND user_id = ? AND read = 0`, Millis(at))
}

// MarkUnread implements notification.Repository (the trigger of migration
// 0011 counts it unread again).
func (r *NotificationRepository) MarkUnread(ctx context.Context, userID, id string) (bool, error) {
	return r.change(ctx, "mark unread", userID, id,
		`UPDATE notifications SET read = 0, read_at = NULL, archived_at = NULL
		WHERE id = ? AND user_id = ? AND (read = 1 OR archived_at IS NOT NULL)`)
}

// Archive implements notification.Repository.
func (r *NotificationRepository) Archive(ctx context.Context, userID, id string, at time.Time) (bool, error) {
	return r.change(ctx, "archive", userID, id,
		`UPDATE notifications SET archived_at = ?, read = 1, read_at = COALESCE(read_at, ?)
		WHERE id = ? AND user_id = ? AND archived_at IS NULL`, Millis(at), Millis(at))
}

// change runs a conditional update of one of userID's notifications (its
// last two arguments are id and userID) and tells "changed", "already so"
// and "not theirs" apart.
func (r *NotificationRepository) change(ctx context.Context, what, userID, id, update string, args ...any) (bool, error) {
	if !domain.ValidID(id) {
		return false, notification.ErrNotFound
	}
	res, err := r.db.w.ExecContext(ctx, update, append(args, id, userID)...)
	if err != nil {
		return false, fmt.Errorf("sqlite: %s: %w", what, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return true, nil
	}
	var one int
	err = r.db.w.QueryRowContext(ctx, `SELECT 1 FROM notifications WHERE id = ? AND user_id = ?`, id, userID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, notification.ErrNotFound
	}
	if err != nil {
		return false, fmt.Errorf("sqlite: %s: %w", what, err)
	}
	return false, nil
}

// MarkAllRead implements notification.Repository.
func (r *NotificationRepository) MarkAllRead(ctx context.Context, userID string, at time.Time) (int, error) {
	res, err := r.db.w.ExecContext(ctx, `UPDATE notifications SET read = 1, read_at = ? WHERE user_id = ? AND read = 0`, Millis(at), userID)
	if err != nil {
		return 0, fmt.Errorf("sqlite: mark all read: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// MarkMatchingRead implements notification.Repository.
func (r *NotificationRepository) MarkMatchingRead(ctx context.Context, m notification.Match, at time.Time) ([]string, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	rows, err := r.db.w.QueryContext(ctx, `UPDATE notifications SET read = 1, read_at = ?
		WHERE user_id = ? AND type = ? AND read = 0 AND json_extract(metadata, ?) = ? RETURNING id`,
		Millis(at), m.UserID, string(m.Type), `$."`+m.MetadataKey+`"`, m.Value)
	if err != nil {
		return nil, fmt.Errorf("sqlite: mark matching read: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: mark matching read: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: mark matching read: %w", err)
	}
	// RETURNING gives no order; callers see ids oldest first.
	slices.Sort(ids)
	return ids, nil
}

// Delete implements notification.Repository.
func (r *NotificationRepository) Delete(ctx context.Context, userID, id string) error {
	if !domain.ValidID(id) {
		return notification.ErrNotFound
	}
	res, err := r.db.w.ExecContext(ctx, `DELETE FROM notifications WHERE id = ? AND user_id = ?`, id, userID)
	if err != nil {
		return fmt.Errorf("sqlite: delete notification: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notification.ErrNotFound
	}
	return nil
}

// The TTL purge's pace: it deletes purgeChunk rows a statement, each in its
// own transaction on the single writer, and after each chunk leaves the
// writer to live inserts for at least purgePause, or purgeRest times as long
// as the chunk took when that is longer (so that the purge takes at most a
// third of the writer's time however slow a chunk is), and never deletes
// more than purgeRate rows a second.
//
// A chunk touches about one random page of the table (its rows lie in their
// users' order since 0072_notifications_by_user.sql; before it, of the
// (user_id, id, read) index) and of notification_unread (the delete trigger) per row, and its commit writes
// them all to the WAL, which the checkpointer then copies into the file: the
// purge's cost is the disk's more than the writer's. On 10 M notifications
// at 1,000 live publishes/s, chunks of 250 rows with a 20 ms pause purged 1 M
// in 110 s, about 9,000 rows and 27,000 pages a second, written twice: the
// disk fell behind, the checkpointer's step on the writer's connection (its
// fsyncs) took 70–120 ms once a second, and live p99 rose to 44–96 ms. A
// live insert queued behind a chunk also waits for the chunk (250 rows:
// about 5 ms; BenchmarkPurgeChunk). Hence smaller chunks and a rate the disk
// absorbs beside the live writes; 1 M rows then take about eight minutes.
// The purge runs hourly: it keeps up with stores that take up to 7.2 M
// notifications an hour on average.
const (
	purgeChunk = 100
	purgePause = 20 * time.Millisecond
	purgeRest  = 2
	purgeRate  = 2000 // rows a second at most
)

// purgeWait is the pause after a chunk of n rows that took took.
func purgeWait(n int, took time.Duration) time.Duration {
	return max(purgePause, purgeRest*took, time.Duration(n)*time.Second/purgeRate-took)
}

// DeleteOlderThan implements notification.Repository. It deletes in chunks
// with a pause after each (see purgeChunk) so that the single writer is
// never held for long and live inserts interleave with the purge. The delete
// trigger of migration 0011 takes each deleted unread one off its user's
// count in the chunk's own statement, so the counts are right after every
// chunk; users' heads stay (a head's id, once purged, is one a stream's
// Last-Event-ID no longer finds, which resets it).
//
// It is also the embedded store's purge of request keys: the keys of every
// kind (notifications' and messages', one table) stored more than
// requestKeyTTL (48 h) ago go first, whatever cutoff says, so that the one
// purge timer keeps both; the count returned is of notifications only.
func (r *NotificationRepository) DeleteOlderThan(ctx context.Context, cutoff time.Time) (int, error) {
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM request_keys WHERE created_at < ?`,
		Millis(time.Now().Add(-requestKeyTTL))); err != nil {
		return 0, fmt.Errorf("sqlite: purge request keys: %w", err)
	}
	total := 0
	for {
		start := time.Now()
		n, err := r.purgeChunk(ctx, cutoff, purgeChunk)
		total += n
		if err != nil {
			return total, err
		}
		if n < purgeChunk {
			return total, nil
		}
		t := time.NewTimer(purgeWait(n, time.Since(start)))
		select {
		case <-ctx.Done():
			t.Stop()
			return total, fmt.Errorf("sqlite: purge notifications: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// purgeChunk deletes up to limit notifications created before cutoff, oldest
// first (the created_at index), and returns how many went.
func (r *NotificationRepository) purgeChunk(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	res, err := r.db.w.ExecContext(ctx, `DELETE FROM notifications WHERE (user_id, id) IN
		(SELECT user_id, id FROM notifications WHERE created_at < ? ORDER BY created_at LIMIT ?)`, Millis(cutoff), limit)
	if err != nil {
		return 0, fmt.Errorf("sqlite: purge notifications: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("sqlite: purge notifications: %w", err)
	}
	return int(n), nil
}

func (r *NotificationRepository) query(ctx context.Context, q string, args ...any) ([]notification.Notification, error) {
	rows, err := r.db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []notification.Notification
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func scanNotification(s scanner) (notification.Notification, error) {
	var (
		rec                 notification.StoreRecord
		typ, priority, meta string
		readAt, archivedAt  sql.NullInt64
		created             int64
	)
	if err := s.Scan(&rec.ID, &rec.UserID, &typ, &rec.Title, &rec.Message, &meta, &rec.ActionURL, &priority,
		&rec.Source, &rec.Read, &readAt, &created, &rec.Seq, &archivedAt); err != nil {
		return notification.Notification{}, fmt.Errorf("scan notification: %w", err)
	}
	rec.Type, rec.Priority = notification.Type(typ), notification.Priority(priority)
	if err := json.Unmarshal([]byte(meta), &rec.Metadata); err != nil {
		return notification.Notification{}, fmt.Errorf("notification %s metadata: %w", rec.ID, err)
	}
	rec.ReadAt, rec.CreatedAt, rec.ArchivedAt = FromNullMillis(readAt), FromMillis(created), FromNullMillis(archivedAt)
	return notification.FromStore(rec), nil
}
