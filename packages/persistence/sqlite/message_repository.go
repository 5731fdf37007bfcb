package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/message"
)

// MessageRepository stores direct messages in SQLite.
type MessageRepository struct{ db *DB }

var _ message.Repository = (*MessageRepository)(nil)

// NewMessageRepository returns the messages repository of db.
func NewMessageRepository(db *DB) *MessageRepository { return &MessageRepository{db: db} }

const messageColumns = `id, sender_id, recipient_id, content, created_at, read_at`

// Create implements message.Repository.
func (r *MessageRepository) Create(ctx context.Context, m message.Message) error {
	rec := m.Record()
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: create message: %w", err)
	}
	defer tx.Rollback()
	if key, ok := m.Request(); ok {
		_, err := tx.ExecContext(ctx, `INSERT INTO request_keys (scope, key, hash, resource_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			key.Scope, key.Key, key.Hash, rec.ID, Millis(time.Now()))
		if IsUniqueViolation(err) {
			return fmt.Errorf("sqlite: create message: %w", domain.ErrRequestExists)
		}
		if err != nil {
			return fmt.Errorf("sqlite: create message: request key: %w", err)
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO messages (pair_key, `+messageColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.PairKey(), rec.ID, rec.SenderID, rec.RecipientID, rec.Content, Millis(rec.CreatedAt), NullMillis(rec.ReadAt))
	if IsUniqueViolation(err) {
		return fmt.Errorf("sqlite: message %s exists: %w", rec.ID, domain.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("sqlite: create message: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: create message: %w", err)
	}
	return nil
}

// ByRequest implements message.Repository.
func (r *MessageRepository) ByRequest(ctx context.Context, scope, key string) (message.Message, string, error) {
	id, hash, found, err := requestKey(ctx, r.db, scope, key)
	if err != nil {
		return message.Message{}, "", err
	}
	if !found {
		return message.Message{}, "", fmt.Errorf("request %s: %w", key, message.ErrNotFound)
	}
	row := r.db.queryRow(ctx, `SELECT `+messageColumns+` FROM messages WHERE id = ?`, id)
	m, err := scanMessage(row)
	if errors.Is(err, sql.ErrNoRows) {
		return message.Message{}, "", fmt.Errorf("request %s: %w", key, message.ErrNotFound)
	}
	if err != nil {
		return message.Message{}, "", fmt.Errorf("sqlite: message by request: %w", err)
	}
	return m, hash, nil
}

// Page implements message.Repository: the newest Limit messages older than
// the cursor (read newest first through the (pair_key, id) index), returned
// oldest to newest.
func (r *MessageRepository) Page(ctx context.Context, q message.PageQuery) (message.Page, error) {
	if q.Limit < 1 || q.Limit > message.MaxPageSize {
		return message.Page{}, domain.Invalid("limit", fmt.Sprintf("must be 1 to %d", message.MaxPageSize))
	}
	query := `SELECT ` + messageColumns + ` FROM messages WHERE pair_key = ?`
	args := []any{message.PairKey(q.UserID, q.OtherID)}
	if q.Before != "" {
		query += ` AND id < ?`
		args = append(args, q.Before)
	}
	query += ` ORDER BY id DESC LIMIT ?`
	args = append(args, q.Limit+1)
	rows, err := r.db.query(ctx, query, args...)
	if err != nil {
		return message.Page{}, fmt.Errorf("sqlite: message page: %w", err)
	}
	defer rows.Close()
	items := make([]message.Message, 0, q.Limit+1)
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return message.Page{}, err
		}
		items = append(items, m)
	}
	if err := rows.Err(); err != nil {
		return message.Page{}, fmt.Errorf("sqlite: message page: %w", err)
	}
	return messagePageOf(items, q.Limit), nil
}

// messagePageOf turns up to limit+1 messages, newest first, into a page.
func messagePageOf(newestFirst []message.Message, limit int) message.Page {
	var p message.Page
	if len(newestFirst) > limit {
		newestFirst = newestFirst[:limit]
		p.NextCursor = newestFirst[limit-1].ID()
	}
	p.Items = make([]message.Message, len(newestFirst))
	for i, m := range newestFirst {
		p.Items[len(newestFirst)-1-i] = m
	}
	return p
}

// Exists implements message.Repository.
func (r *MessageRepository) Exists(ctx context.Context, a, b string) (bool, error) {
	var n int
	if err := r.db.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE pair_key = ? LIMIT 1)`,
		message.PairKey(a, b)).Scan(&n); err != nil {
		return false, fmt.Errorf("sqlite: conversation exists: %w", err)
	}
	return n > 0, nil
}

// Conversations implements message.Repository in one query: one GROUP BY over
// the user's messages, read from the two covering indexes (sent and
// received), gives each conversation's newest message id and unread count;
// a join on the primary key then fetches those messages.
func (r *MessageRepository) Conversations(ctx context.Context, userID string, limit int) ([]message.Conversation, error) {
	rows, err := r.db.query(ctx, `
		WITH mine AS (
			SELECT pair_key, id, 0 AS unread FROM messages WHERE sender_id = ?1
			UNION ALL
			SELECT pair_key, id, read_at IS NULL FROM messages WHERE recipient_id = ?1
		), heads AS (
			SELECT MAX(id) AS last_id, SUM(unread) AS unread FROM mine GROUP BY pair_key
		)
		SELECT `+qualifyColumns("m.", messageColumns)+`, heads.unread
		FROM heads JOIN messages m ON m.id = heads.last_id
		ORDER BY heads.last_id DESC
		LIMIT ?2`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: conversations: %w", err)
	}
	defer rows.Close()
	out := []message.Conversation{}
	for rows.Next() {
		var (
			rec     message.StoreRecord
			created int64
			readAt  sql.NullInt64
			unread  int
		)
		if err := rows.Scan(&rec.ID, &rec.SenderID, &rec.RecipientID, &rec.Content, &created, &readAt, &unread); err != nil {
			return nil, fmt.Errorf("sqlite: scan conversation: %w", err)
		}
		rec.CreatedAt, rec.ReadAt = FromMillis(created), FromNullMillis(readAt)
		other := rec.SenderID
		if other == userID {
			other = rec.RecipientID
		}
		out = append(out, message.Conversation{OtherID: other, LastMessage: message.FromStore(rec), UnreadCount: unread})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: conversations: %w", err)
	}
	return out, nil
}

// MarkConversationRead implements message.Repository.
func (r *MessageRepository) MarkConversationRead(ctx context.Context, readerID, otherID string, at time.Time) (int, error) {
	res, err := r.db.w.ExecContext(ctx, `UPDATE messages SET read_at = ?
		WHERE recipient_id = ? AND sender_id = ? AND read_at IS NULL`, Millis(at), readerID, otherID)
	if err != nil {
		return 0, fmt.Errorf("sqlite: mark conversation read: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("sqlite: mark conversation read: %w", err)
	}
	return int(n), nil
}

// LastRead implements message.Repository (newest first through the
// messages_recipient index: recipient, pair, id).
func (r *MessageRepository) LastRead(ctx context.Context, readerID, otherID string) (message.Message, error) {
	m, err := scanMessage(r.db.queryRow(ctx, `SELECT `+messageColumns+` FROM messages
		WHERE recipient_id = ? AND pair_key = ? AND sender_id = ? AND read_at IS NOT NULL
		ORDER BY id DESC LIMIT 1`, readerID, message.PairKey(readerID, otherID), otherID))
	if errors.Is(err, sql.ErrNoRows) {
		return message.Message{}, message.ErrNotFound
	}
	if err != nil {
		return message.Message{}, fmt.Errorf("sqlite: last read message: %w", err)
	}
	return m, nil
}

func scanMessage(s scanner) (message.Message, error) {
	var (
		rec     message.StoreRecord
		created int64
		readAt  sql.NullInt64
	)
	if err := s.Scan(&rec.ID, &rec.SenderID, &rec.RecipientID, &rec.Content, &created, &readAt); err != nil {
		return message.Message{}, fmt.Errorf("sqlite: scan message: %w", err)
	}
	rec.CreatedAt, rec.ReadAt = FromMillis(created), FromNullMillis(readAt)
	return message.FromStore(rec), nil
}

// qualifyColumns qualifies each column of a comma-separated list with prefix.
func qualifyColumns(prefix, columns string) string {
	parts := strings.Split(columns, ", ")
	for i, p := range parts {
		parts[i] = prefix + p
	}
	return strings.Join(parts, ", ")
}
