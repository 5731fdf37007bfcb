package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain/session"
)

// SessionRepository stores sessions in SQLite.
type SessionRepository struct{ db *DB }

var _ session.Repository = (*SessionRepository)(nil)

// NewSessionRepository returns the sessions repository of db.
func NewSessionRepository(db *DB) *SessionRepository { return &SessionRepository{db: db} }

// Create implements session.Repository.
func (r *SessionRepository) Create(ctx context.Context, s session.Session) error {
	_, err := r.db.w.ExecContext(ctx, `INSERT INTO sessions (id, user_id, created_at, expires_at, ended_at) VALUES (?, ?, ?, ?, 0)`,
		s.ID(), s.UserID(), Millis(s.CreatedAt()), Millis(s.ExpiresAt()))
	if err != nil {
		return fmt.Errorf("sqlite: create session: %w", err)
	}
	return nil
}

// ByID implements session.Repository.
func (r *SessionRepository) ByID(ctx context.Context, id string) (session.Session, error) {
	s, err := scanSession(r.db.queryRow(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return session.Session{}, session.ErrNotFound
	}
	if err != nil {
		return session.Session{}, fmt.Errorf("sqlite: session: %w", err)
	}
	return s, nil
}

// ByIDs implements session.Repository.
func (r *SessionRepository) ByIDs(ctx context.Context, ids []string) ([]session.Session, error) {
	return inChunks(ids, func(in string, args []any) ([]session.Session, error) {
		rows, err := r.db.query(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id IN (`+in+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: sessions by ids: %w", err)
		}
		defer rows.Close()
		var out []session.Session
		for rows.Next() {
			s, err := scanSession(rows)
			if err != nil {
				return nil, fmt.Errorf("sqlite: sessions by ids: %w", err)
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: sessions by ids: %w", err)
		}
		return out, nil
	})
}

const sessionColumns = `id, user_id, created_at, expires_at, ended_at`

func scanSession(sc scanner) (session.Session, error) {
	var (
		id, userID              string
		created, expires, ended int64
	)
	if err := sc.Scan(&id, &userID, &created, &expires, &ended); err != nil {
		return session.Session{}, err
	}
	var endedAt time.Time
	if ended != 0 {
		endedAt = FromMillis(ended)
	}
	return session.FromStore(id, userID, FromMillis(created), FromMillis(expires), endedAt), nil
}

// End implements session.Repository.
func (r *SessionRepository) End(ctx context.Context, id string, at time.Time) error {
	res, err := r.db.w.ExecContext(ctx, `UPDATE sessions SET ended_at = CASE WHEN ended_at = 0 THEN ? ELSE ended_at END WHERE id = ?`,
		Millis(at), id)
	if err != nil {
		return fmt.Errorf("sqlite: end session: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: end session: %w", err)
	} else if n == 0 {
		return session.ErrNotFound
	}
	return nil
}

// EndAllOf implements session.Repository.
func (r *SessionRepository) EndAllOf(ctx context.Context, userID string, at time.Time) (int, error) {
	res, err := r.db.w.ExecContext(ctx, `UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at = 0 AND expires_at > ?`,
		Millis(at), userID, Millis(at))
	if err != nil {
		return 0, fmt.Errorf("sqlite: end sessions: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Purge implements session.Repository.
func (r *SessionRepository) Purge(ctx context.Context, before time.Time) (int, error) {
	res, err := r.db.w.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < ? OR (ended_at != 0 AND ended_at < ?)`,
		Millis(before), Millis(before))
	if err != nil {
		return 0, fmt.Errorf("sqlite: purge sessions: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// CreateMany stores sessions in one transaction (the load seeder's path).
func (r *SessionRepository) CreateMany(ctx context.Context, sessions []session.Session) error {
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: create sessions: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO sessions (id, user_id, created_at, expires_at, ended_at) VALUES (?, ?, ?, ?, 0)`)
	if err != nil {
		return fmt.Errorf("sqlite: create sessions: %w", err)
	}
	defer stmt.Close()
	for _, s := range sessions {
		if _, err := stmt.ExecContext(ctx, s.ID(), s.UserID(), Millis(s.CreatedAt()), Millis(s.ExpiresAt())); err != nil {
			return fmt.Errorf("sqlite: create sessions: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: create sessions: %w", err)
	}
	return nil
}
