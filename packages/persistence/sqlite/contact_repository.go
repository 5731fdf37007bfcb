package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain/contact"
)

// ContactRepository stores contact requests in SQLite, one row per pair of users.
type ContactRepository struct{ db *DB }

var _ contact.Repository = (*ContactRepository)(nil)

// NewContactRepository returns the contacts repository of db.
func NewContactRepository(db *DB) *ContactRepository { return &ContactRepository{db: db} }

const contactColumns = `request_id, requester_id, recipient_id, status, created_at, responded_at`

// CreateRequest implements contact.Repository. It needs no transaction: the
// insert fails on the pair's primary key, a declined pair is replaced by a
// conditional update, and what else is there decides the error.
func (r *ContactRepository) CreateRequest(ctx context.Context, req contact.Request) error {
	rec := req.Record()
	for attempt := 0; attempt < 3; attempt++ {
		_, err := r.db.w.ExecContext(ctx, `INSERT INTO contact_pairs (pair_key, `+contactColumns+`)
			VALUES (?, ?, ?, ?, 'PENDING', ?, NULL)`,
			req.PairKey(), rec.ID, rec.RequesterID, rec.RecipientID, Millis(rec.CreatedAt))
		if err == nil {
			return nil
		}
		if !IsUniqueViolation(err) {
			return fmt.Errorf("sqlite: create contact request: %w", err)
		}
		res, err := r.db.w.ExecContext(ctx, `UPDATE contact_pairs SET request_id = ?, requester_id = ?,
			recipient_id = ?, status = 'PENDING', created_at = ?, responded_at = NULL
			WHERE pair_key = ? AND status = 'DECLINED'`,
			rec.ID, rec.RequesterID, rec.RecipientID, Millis(rec.CreatedAt), req.PairKey())
		if err != nil {
			return fmt.Errorf("sqlite: replace declined contact request: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		var status string
		err = r.db.w.QueryRowContext(ctx, `SELECT status FROM contact_pairs WHERE pair_key = ?`, req.PairKey()).Scan(&status)
		switch {
		case errors.Is(err, sql.ErrNoRows): // removed meanwhile: try again
		case err != nil:
			return fmt.Errorf("sqlite: read contact pair: %w", err)
		case contact.Status(status) == contact.StatusPending:
			return contact.ErrRequestPending
		case contact.Status(status) == contact.StatusAccepted:
			return contact.ErrAlreadyContacts
		}
	}
	return contact.ErrRequestPending
}

// RequestByID implements contact.Repository.
func (r *ContactRepository) RequestByID(ctx context.Context, id string) (contact.Request, error) {
	req, err := scanRequest(r.db.queryRow(ctx, `SELECT `+contactColumns+` FROM contact_pairs WHERE request_id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return contact.Request{}, contact.ErrRequestNotFound
	}
	return req, err
}

// Respond implements contact.Repository with one conditional update.
func (r *ContactRepository) Respond(ctx context.Context, id, recipientID string, status contact.Status, at time.Time) (bool, error) {
	res, err := r.db.w.ExecContext(ctx, `UPDATE contact_pairs SET status = ?, responded_at = ?
		WHERE request_id = ? AND recipient_id = ? AND status = 'PENDING'`, string(status), Millis(at), id, recipientID)
	if err != nil {
		return false, fmt.Errorf("sqlite: respond to contact request: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlite: respond to contact request: %w", err)
	}
	return n == 1, nil
}

// Pending implements contact.Repository.
func (r *ContactRepository) Pending(ctx context.Context, userID string) (incoming, outgoing []contact.Request, err error) {
	rows, err := r.db.query(ctx, `SELECT `+contactColumns+` FROM contact_pairs
		WHERE recipient_id = ?1 AND status = 'PENDING'
		UNION ALL
		SELECT `+contactColumns+` FROM contact_pairs WHERE requester_id = ?1 AND status = 'PENDING'
		ORDER BY request_id`, userID)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: pending contact requests: %w", err)
	}
	defer rows.Close()
	incoming, outgoing = []contact.Request{}, []contact.Request{}
	for rows.Next() {
		req, err := scanRequest(rows)
		if err != nil {
			return nil, nil, err
		}
		if req.RecipientID() == userID {
			incoming = append(incoming, req)
		} else {
			outgoing = append(outgoing, req)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("sqlite: pending contact requests: %w", err)
	}
	return incoming, outgoing, nil
}

// Contacts implements contact.Repository.
func (r *ContactRepository) Contacts(ctx context.Context, userID string) ([]contact.Contact, error) {
	rows, err := r.db.query(ctx, `SELECT recipient_id, responded_at, request_id FROM contact_pairs
		WHERE requester_id = ?1 AND status = 'ACCEPTED'
		UNION ALL
		SELECT requester_id, responded_at, request_id FROM contact_pairs WHERE recipient_id = ?1 AND status = 'ACCEPTED'
		ORDER BY 2 DESC, 3 DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: contacts: %w", err)
	}
	defer rows.Close()
	out := []contact.Contact{}
	for rows.Next() {
		var other, reqID string
		var since sql.NullInt64
		if err := rows.Scan(&other, &since, &reqID); err != nil {
			return nil, fmt.Errorf("sqlite: scan contact: %w", err)
		}
		out = append(out, contact.Contact{UserID: userID, ContactID: other, Since: FromMillis(since.Int64)})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: contacts: %w", err)
	}
	return out, nil
}

// AreContacts implements contact.Repository.
func (r *ContactRepository) AreContacts(ctx context.Context, a, b string) (bool, error) {
	var n int
	if err := r.db.queryRow(ctx, `SELECT COUNT(*) FROM contact_pairs WHERE pair_key = ? AND status = 'ACCEPTED'`,
		contact.PairKey(a, b)).Scan(&n); err != nil {
		return false, fmt.Errorf("sqlite: are contacts: %w", err)
	}
	return n > 0, nil
}

// Remove implements contact.Repository.
func (r *ContactRepository) Remove(ctx context.Context, a, b string) error {
	res, err := r.db.w.ExecContext(ctx, `DELETE FROM contact_pairs WHERE pair_key = ? AND status = 'ACCEPTED'`, contact.PairKey(a, b))
	if err != nil {
		return fmt.Errorf("sqlite: remove contact: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return contact.ErrNotContacts
	}
	return nil
}

func scanRequest(s scanner) (contact.Request, error) {
	var (
		id, requester, recipient, status string
		created                          int64
		responded                        sql.NullInt64
	)
	if err := s.Scan(&id, &requester, &recipient, &status, &created, &responded); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return contact.Request{}, err
		}
		return contact.Request{}, fmt.Errorf("sqlite: scan contact request: %w", err)
	}
	return contact.FromStore(contact.StoreRecord{ID: id, RequesterID: requester, RecipientID: recipient,
		Status: contact.Status(status), CreatedAt: FromMillis(created), RespondedAt: FromNullMillis(responded)}), nil
}
