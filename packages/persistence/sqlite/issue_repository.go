package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/issue"
)

// IssueRepository stores issues, their comments and the resolve policies in SQLite.
type IssueRepository struct{ db *DB }

var _ issue.Repository = (*IssueRepository)(nil)

// NewIssueRepository returns the issues repository of db.
func NewIssueRepository(db *DB) *IssueRepository { return &IssueRepository{db: db} }

const issueColumns = `id, machine_id, owner_id, reporter_id, title, description, severity, status, check_id, item_key,
	work_order_id, acknowledged_by, acknowledged_at, closed_by, closed_at, rev, created_at, updated_at`

func nullText(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func stepColumns(s *issue.Step) (string, sql.NullInt64) {
	if s == nil {
		return "", sql.NullInt64{}
	}
	return s.By, sql.NullInt64{Int64: Millis(s.At), Valid: true}
}

func stepFrom(by string, at sql.NullInt64) *issue.Step {
	if !at.Valid {
		return nil
	}
	return &issue.Step{By: by, At: FromMillis(at.Int64)}
}

// Create implements issue.Repository.
func (r *IssueRepository) Create(ctx context.Context, i issue.Issue) error {
	rec := i.Record()
	ackBy, ackAt := stepColumns(rec.Acknowledged)
	closedBy, closedAt := stepColumns(rec.Closed)
	_, err := r.db.w.ExecContext(ctx, `INSERT INTO issues (`+issueColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		rec.ID, rec.MachineID, rec.OwnerID, rec.ReporterID, rec.Title, rec.Description, string(rec.Severity), string(rec.Status),
		nullText(rec.CheckID), nullText(rec.ItemKey), rec.WorkOrderID, ackBy, ackAt, closedBy, closedAt, rec.Rev,
		Millis(rec.CreatedAt), Millis(rec.UpdatedAt))
	if IsUniqueViolation(err) {
		return issue.ErrDuplicate
	}
	if err != nil {
		return fmt.Errorf("sqlite: create issue: %w", err)
	}
	return nil
}

func scanIssue(s scanner) (issue.Issue, error) {
	var (
		rec              issue.StoreRecord
		sev, st          string
		checkID, itemKey sql.NullString
		ackBy, closedBy  string
		ackAt, closedAt  sql.NullInt64
		created, updated int64
	)
	if err := s.Scan(&rec.ID, &rec.MachineID, &rec.OwnerID, &rec.ReporterID, &rec.Title, &rec.Description, &sev, &st,
		&checkID, &itemKey, &rec.WorkOrderID, &ackBy, &ackAt, &closedBy, &closedAt, &rec.Rev, &created, &updated); err != nil {
		return issue.Issue{}, err
	}
	rec.Severity, rec.Status = issue.Severity(sev), issue.Status(st)
	rec.CheckID, rec.ItemKey = checkID.String, itemKey.String
	rec.Acknowledged, rec.Closed = stepFrom(ackBy, ackAt), stepFrom(closedBy, closedAt)
	rec.CreatedAt, rec.UpdatedAt = FromMillis(created), FromMillis(updated)
	return issue.FromStore(rec), nil
}

// ByID implements issue.Repository.
func (r *IssueRepository) ByID(ctx context.Context, id string) (issue.Issue, error) {
	i, err := scanIssue(r.db.queryRow(ctx, `SELECT `+issueColumns+` FROM issues WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return issue.Issue{}, issue.ErrNotFound
	}
	if err != nil {
		return issue.Issue{}, fmt.Errorf("sqlite: issue: %w", err)
	}
	return i, nil
}

// List implements issue.Repository.
func (r *IssueRepository) List(ctx context.Context, q issue.ListQuery) ([]issue.Issue, error) {
	return queryMachinePage(ctx, r.db, "issues", machinePage{table: "issues", columns: issueColumns, machineIDs: q.MachineIDs,
		filters: [][2]string{{"status", string(q.Status)}, {"severity", string(q.Severity)}}, before: q.Before, limit: q.Limit}, scanIssue)
}

// CountOpen implements issue.Repository.
func (r *IssueRepository) CountOpen(ctx context.Context, machineIDs []string) (int, error) {
	var n int
	if err := r.db.queryRow(ctx, `SELECT COUNT(*) FROM issues WHERE machine_id IN (SELECT value FROM json_each(?))
		AND status IN ('OPEN', 'ACKNOWLEDGED')`, idsJSON(machineIDs)).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count open issues: %w", err)
	}
	return n, nil
}

// Update implements issue.Repository.
func (r *IssueRepository) Update(ctx context.Context, i issue.Issue) error {
	rec := i.Record()
	ackBy, ackAt := stepColumns(rec.Acknowledged)
	closedBy, closedAt := stepColumns(rec.Closed)
	res, err := r.db.w.ExecContext(ctx, `UPDATE issues SET title = ?, description = ?, severity = ?, status = ?, work_order_id = ?,
		acknowledged_by = ?, acknowledged_at = ?, closed_by = ?, closed_at = ?, rev = ?, updated_at = ? WHERE id = ? AND rev = ?`,
		rec.Title, rec.Description, string(rec.Severity), string(rec.Status), rec.WorkOrderID, ackBy, ackAt, closedBy, closedAt,
		rec.Rev, Millis(rec.UpdatedAt), rec.ID, rec.Rev-1)
	if err != nil {
		return fmt.Errorf("sqlite: update issue: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := r.ByID(ctx, rec.ID); err != nil {
			return err
		}
		return issue.ErrStale
	}
	return nil
}

// AddComment implements issue.Repository.
func (r *IssueRepository) AddComment(ctx context.Context, c issue.Comment) error {
	if _, err := r.db.w.ExecContext(ctx, `INSERT INTO issue_comments (id, issue_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)`,
		c.ID, c.IssueID, c.AuthorID, c.Body, Millis(c.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: add issue comment: %w", err)
	}
	return nil
}

// Comments implements issue.Repository.
func (r *IssueRepository) Comments(ctx context.Context, issueID string, limit int) ([]issue.Comment, error) {
	rows, err := r.db.query(ctx, `SELECT id, issue_id, author_id, body, created_at FROM issue_comments
		WHERE issue_id = ? ORDER BY id LIMIT ?`, issueID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: issue comments: %w", err)
	}
	defer rows.Close()
	out := []issue.Comment{}
	for rows.Next() {
		var (
			c  issue.Comment
			at int64
		)
		if err := rows.Scan(&c.ID, &c.IssueID, &c.AuthorID, &c.Body, &at); err != nil {
			return nil, fmt.Errorf("sqlite: issue comments: %w", err)
		}
		c.CreatedAt = FromMillis(at)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: issue comments: %w", err)
	}
	return out, nil
}

// SetResolvePolicy implements issue.Repository.
func (r *IssueRepository) SetResolvePolicy(ctx context.Context, ownerID, machineID string, allow *bool) error {
	var err error
	if allow == nil {
		_, err = r.db.w.ExecContext(ctx, `DELETE FROM issue_resolve_policies WHERE owner_id = ? AND machine_id = ?`, ownerID, machineID)
	} else {
		_, err = r.db.w.ExecContext(ctx, `INSERT INTO issue_resolve_policies (owner_id, machine_id, allow) VALUES (?, ?, ?)
			ON CONFLICT (owner_id, machine_id) DO UPDATE SET allow = excluded.allow`, ownerID, machineID, *allow)
	}
	if err != nil {
		return fmt.Errorf("sqlite: set resolve policy: %w", err)
	}
	return nil
}

// ResolvePolicy implements issue.Repository: the machine's row wins over the fleet's (”).
func (r *IssueRepository) ResolvePolicy(ctx context.Context, ownerID, machineID string) (bool, error) {
	var allow bool
	err := r.db.queryRow(ctx, `SELECT allow FROM issue_resolve_policies WHERE owner_id = ? AND machine_id IN (?, '')
		ORDER BY machine_id DESC LIMIT 1`, ownerID, machineID).Scan(&allow)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sqlite: resolve policy: %w", err)
	}
	return allow, nil
}

// DeleteByMachine implements issue.Repository: comments first, then the
// issues, then the machine's policy, so that a retry after a failure between
// them still finds the issues whose comments are left.
func (r *IssueRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	for _, q := range []string{
		`DELETE FROM issue_comments WHERE issue_id IN (SELECT id FROM issues WHERE machine_id = ?)`,
		`DELETE FROM issues WHERE machine_id = ?`,
		`DELETE FROM issue_resolve_policies WHERE machine_id = ?`,
	} {
		if _, err := r.db.w.ExecContext(ctx, q, machineID); err != nil {
			return fmt.Errorf("sqlite: delete machine's issues: %w", err)
		}
	}
	return nil
}
