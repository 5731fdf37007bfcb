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
type NotificationRepository struct {
	db *DB

	mu      sync.Mutex
	pending []*insertReq
	leading bool

	prepOnce sync.Once
	insert   *sql.Stmt // prepared once on the writer connection; nil if that failed
}

const insertNotification = `INSERT INTO notifications (` + notificationColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

var _ notification.Repository = (*NotificationRepository)(nil)

// NewNotificationRepository returns the notifications repository of db.
func NewNotificationRepository(db *DB) *NotificationRepository {
	return &NotificationRepository{db: db}
}

// maxBatch bounds one group commit.
const maxBatch = 256

type insertReq struct {
	n    notification.Notification
	err  error
	done chan struct{}
}

const notificationColumns = `id, user_id, type, title, message, metadata, action_url, priority, source, read, read_at, created_at`

// Create implements notification.Repository. It returns once the notification
// is committed (or failed to be).
func (r *NotificationRepository) Create(ctx context.Context, n notification.Notification) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	req := &insertReq{n: n, done: make(chan struct{})}
	r.mu.Lock()
	r.pending = append(r.pending, req)
	lead := !r.leading
	if lead {
		r.leading = true
	}
	r.mu.Unlock()
	if lead {
		r.commitBatch()
	}
	<-req.done
	return req.err
}

// commitBatch writes the pending inserts (up to maxBatch) in one transaction;
// when more are pending, a new goroutine leads the next batch, so that no
// caller waits for inserts other than those of its own batch.
func (r *NotificationRepository) commitBatch() {
	r.mu.Lock()
	batch := r.pending
	if len(batch) > maxBatch {
		batch = batch[:maxBatch:maxBatch]
		r.pending = r.pending[maxBatch:]
	} else {
		r.pending = nil
	}
	r.mu.Unlock()
	r.insertBatch(batch)
	for _, req := range batch {
		close(req.done)
	}
	r.mu.Lock()
	more := len(r.pending) > 0
	if !more {
		r.leading = false
	}
	r.mu.Unlock()
	if more {
		go r.commitBatch()
	}
}

func (r *NotificationRepository) insertBatch(batch []*insertReq) {
	// The batch belongs to several callers: none of their contexts may cancel it.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	fail := func(err error) {
		for _, req := range batch {
			if req.err == nil {
				req.err = fmt.Errorf("sqlite: create notification: %w", err)
			}
		}
	}
	// Parsing the INSERT costs more than running it: prepare it once (before
	// the transaction takes the single writer connection).
	r.prepOnce.Do(func() { r.insert, _ = r.db.w.PrepareContext(ctx, insertNotification) })
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		fail(err)
		return
	}
	defer tx.Rollback()
	var stmt *sql.Stmt
	if r.insert != nil {
		stmt = tx.StmtContext(ctx, r.insert)
	} else if stmt, err = tx.PrepareContext(ctx, insertNotification); err != nil {
		fail(err)
		return
	}
	defer stmt.Close()
	ok := 0
	for _, req := range batch {
		rec := req.n.Record()
		meta, err := json.Marshal(rec.Metadata)
		if err != nil {
			req.err = fmt.Errorf("sqlite: create notification: metadata: %w", err)
			continue
		}
		// A failed statement rolls back only itself: the others stay in the transaction.
		_, err = stmt.ExecContext(ctx, rec.ID, rec.UserID, string(rec.Type), rec.Title, rec.Message, string(meta),
			rec.ActionURL, string(rec.Priority), rec.Source, rec.Read, NullMillis(rec.ReadAt), Millis(rec.CreatedAt))
		switch {
		case IsUniqueViolation(err):
			req.err = fmt.Errorf("notification %s exists: %w", rec.ID, domain.ErrConflict)
		case err != nil:
			req.err = fmt.Errorf("sqlite: create notification: %w", err)
		default:
			ok++
		}
	}
	if ok == 0 {
		return
	}
	if err := tx.Commit(); err != nil {
		fail(err)
	}
}

// List implements notification.Repository.
func (r *NotificationRepository) List(ctx context.Context, q notification.ListQuery) (notification.Page, error) {
	var where strings.Builder
	args := []any{q.UserID}
	where.WriteString(`user_id = ?`)
	if q.Status == notification.StatusUnread {
		where.WriteString(` AND read = 0`)
	}
	if q.Type != "" {
		where.WriteString(` AND type = ?`)
		args = append(args, string(q.Type))
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
	items, err := r.query(ctx, `SELECT `+notificationColumns+` FROM notifications WHERE `+where.String()+
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
	items, err := r.query(ctx, `SELECT `+notificationColumns+` FROM notifications WHERE user_id = ? AND id > ? ORDER BY id ASC LIMIT ?`,
		userID, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: notifications after: %w", err)
	}
	return items, nil
}

// UnreadCount implements notification.Repository.
func (r *NotificationRepository) UnreadCount(ctx context.Context, userID string) (int, error) {
	var n int
	if err := r.db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read = 0`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: unread count: %w", err)
	}
	return n, nil
}

// UnreadCounts implements notification.Repository.
func (r *NotificationRepository) UnreadCounts(ctx context.Context, userIDs []string) (map[string]int, error) {
	out := make(map[string]int, len(userIDs))
	const chunk = 500 // well under SQLite's bound-parameter limit
	for start := 0; start < len(userIDs); start += chunk {
		part := userIDs[start:min(start+chunk, len(userIDs))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := r.db.r.QueryContext(ctx, `SELECT user_id, COUNT(*) FROM notifications WHERE read = 0 AND user_id IN (?`+
			strings.Repeat(",?", len(part)-1)+`) GROUP BY user_id`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: unread counts: %w", err)
		}
		for rows.Next() {
			var id string
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: unread counts: %w", err)
			}
			out[id] = n
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlite: unread counts: %w", err)
		}
	}
	return out, nil
}

// MarkRead implements notification.Repository.
func (r *NotificationRepository) MarkRead(ctx context.Context, userID, id string, at time.Time) (bool, error) {
	if !domain.ValidID(id) {
		return false, notification.ErrNotFound
	}
	res, err := r.db.w.ExecContext(ctx, `UPDATE notifications SET read = 1, read_at = ? WHERE id = ? AND user_id = ? AND read = 0`,
		Millis(at), id, userID)
	if err != nil {
		return false, fmt.Errorf("sqlite: mark read: %w", err)
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
		return false, fmt.Errorf("sqlite: mark read: %w", err)
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

// DeleteOlderThan implements notification.Repository. It deletes in chunks so
// that the single writer is never held for long.
func (r *NotificationRepository) DeleteOlderThan(ctx context.Context, cutoff time.Time) (int, error) {
	total := 0
	for {
		res, err := r.db.w.ExecContext(ctx, `DELETE FROM notifications WHERE id IN
			(SELECT id FROM notifications WHERE created_at < ? LIMIT 2000)`, Millis(cutoff))
		if err != nil {
			return total, fmt.Errorf("sqlite: purge notifications: %w", err)
		}
		n, _ := res.RowsAffected()
		total += int(n)
		if n < 2000 {
			return total, nil
		}
	}
}

func (r *NotificationRepository) query(ctx context.Context, q string, args ...any) ([]notification.Notification, error) {
	rows, err := r.db.r.QueryContext(ctx, q, args...)
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
		readAt              sql.NullInt64
		created             int64
	)
	if err := s.Scan(&rec.ID, &rec.UserID, &typ, &rec.Title, &rec.Message, &meta, &rec.ActionURL, &priority,
		&rec.Source, &rec.Read, &readAt, &created); err != nil {
		return notification.Notification{}, fmt.Errorf("scan notification: %w", err)
	}
	rec.Type, rec.Priority = notification.Type(typ), notification.Priority(priority)
	if err := json.Unmarshal([]byte(meta), &rec.Metadata); err != nil {
		return notification.Notification{}, fmt.Errorf("notification %s metadata: %w", rec.ID, err)
	}
	rec.ReadAt, rec.CreatedAt = FromNullMillis(readAt), FromMillis(created)
	return notification.FromStore(rec), nil
}
