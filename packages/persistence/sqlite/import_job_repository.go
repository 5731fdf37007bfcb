package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain/importjob"
)

// ImportJobRepository stores import jobs and their files in SQLite.
type ImportJobRepository struct{ db *DB }

var _ importjob.Repository = (*ImportJobRepository)(nil)

// NewImportJobRepository returns the import jobs repository of db.
func NewImportJobRepository(db *DB) *ImportJobRepository { return &ImportJobRepository{db: db} }

type rowErrorJSON struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func encodeRowErrors(errs []importjob.RowError) (string, error) {
	out := make([]rowErrorJSON, len(errs))
	for i, e := range errs {
		out[i] = rowErrorJSON(e)
	}
	b, err := json.Marshal(out)
	return string(b), err
}

const importJobColumns = `id, owner_id, file_name, on_duplicate, status, total, processed, created, updated, skipped,
	failed, errors, reason, runner, attempts, heartbeat_at, created_at, started_at, finished_at`

// Create implements importjob.Repository.
func (r *ImportJobRepository) Create(ctx context.Context, j importjob.Job, file []byte) error {
	rec := j.Record()
	errs, err := encodeRowErrors(rec.Errors)
	if err != nil {
		return fmt.Errorf("sqlite: create import job: %w", err)
	}
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: create import job: %w", err)
	}
	defer tx.Rollback()
	c := rec.Counts
	if _, err := tx.ExecContext(ctx, `INSERT INTO import_jobs (`+importJobColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rec.ID, rec.OwnerID, rec.FileName, string(rec.OnDuplicate), string(rec.Status), c.Total, c.Processed, c.Created,
		c.Updated, c.Skipped, c.Failed, errs, rec.Reason, rec.Runner, rec.Attempts, Millis(rec.HeartbeatAt), Millis(rec.CreatedAt),
		NullMillis(rec.StartedAt), NullMillis(rec.FinishedAt)); err != nil {
		return fmt.Errorf("sqlite: create import job: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO import_files (job_id, content) VALUES (?, ?)`, rec.ID, file); err != nil {
		return fmt.Errorf("sqlite: create import job: file: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: create import job: %w", err)
	}
	return nil
}

type rowScanner interface{ Scan(dest ...any) error }

func scanImportJob(s rowScanner) (importjob.Job, error) {
	var rec importjob.StoreRecord
	var onDup, status, errs string
	var heartbeat, created int64
	var started, finished sql.NullInt64
	c := &rec.Counts
	if err := s.Scan(&rec.ID, &rec.OwnerID, &rec.FileName, &onDup, &status, &c.Total, &c.Processed, &c.Created,
		&c.Updated, &c.Skipped, &c.Failed, &errs, &rec.Reason, &rec.Runner, &rec.Attempts, &heartbeat, &created, &started, &finished); err != nil {
		return importjob.Job{}, err
	}
	var list []rowErrorJSON
	if err := json.Unmarshal([]byte(errs), &list); err != nil {
		return importjob.Job{}, fmt.Errorf("sqlite: import job %s errors: %w", rec.ID, err)
	}
	rec.Errors = make([]importjob.RowError, len(list))
	for i, e := range list {
		rec.Errors[i] = importjob.RowError(e)
	}
	rec.OnDuplicate, rec.Status = importjob.OnDuplicate(onDup), importjob.Status(status)
	rec.HeartbeatAt, rec.CreatedAt = FromMillis(heartbeat), FromMillis(created)
	rec.StartedAt, rec.FinishedAt = FromNullMillis(started), FromNullMillis(finished)
	return importjob.FromStore(rec), nil
}

// ByID implements importjob.Repository.
func (r *ImportJobRepository) ByID(ctx context.Context, id string) (importjob.Job, error) {
	j, err := scanImportJob(r.db.queryRow(ctx, `SELECT `+importJobColumns+` FROM import_jobs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return importjob.Job{}, importjob.ErrNotFound
	}
	if err != nil {
		return importjob.Job{}, fmt.Errorf("sqlite: import job: %w", err)
	}
	return j, nil
}

// ForOwner implements importjob.Repository.
func (r *ImportJobRepository) ForOwner(ctx context.Context, ownerID string, limit int) ([]importjob.Job, error) {
	rows, err := r.db.query(ctx, `SELECT `+importJobColumns+` FROM import_jobs WHERE owner_id = ?
		ORDER BY id DESC LIMIT ?`, ownerID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: import jobs: %w", err)
	}
	defer rows.Close()
	var out []importjob.Job
	for rows.Next() {
		j, err := scanImportJob(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: import jobs: %w", err)
		}
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: import jobs: %w", err)
	}
	return out, nil
}

// File implements importjob.Repository.
func (r *ImportJobRepository) File(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	err := r.db.queryRow(ctx, `SELECT content FROM import_files WHERE job_id = ?`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, importjob.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: import file: %w", err)
	}
	return b, nil
}

// DeleteFile implements importjob.Repository.
func (r *ImportJobRepository) DeleteFile(ctx context.Context, id string) error {
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM import_files WHERE job_id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: delete import file: %w", err)
	}
	return nil
}

// Save implements importjob.Repository.
func (r *ImportJobRepository) Save(ctx context.Context, j importjob.Job) error {
	rec := j.Record()
	errs, err := encodeRowErrors(rec.Errors)
	if err != nil {
		return fmt.Errorf("sqlite: save import job: %w", err)
	}
	c := rec.Counts
	res, err := r.db.w.ExecContext(ctx, `UPDATE import_jobs SET status = ?, total = ?, processed = ?, created = ?,
		updated = ?, skipped = ?, failed = ?, errors = ?, reason = ?, attempts = ?, heartbeat_at = ?, started_at = ?,
		finished_at = ? WHERE id = ? AND runner = ?`,
		string(rec.Status), c.Total, c.Processed, c.Created, c.Updated, c.Skipped, c.Failed, errs, rec.Reason,
		rec.Attempts, Millis(rec.HeartbeatAt), NullMillis(rec.StartedAt), NullMillis(rec.FinishedAt), rec.ID, rec.Runner)
	if err != nil {
		return fmt.Errorf("sqlite: save import job: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := r.ByID(ctx, rec.ID); err != nil {
			return err
		}
		return importjob.ErrNotRunner
	}
	return nil
}

// Claim implements importjob.Repository: one UPDATE … RETURNING on the single
// writer connection, so two claimers never get the same job.
func (r *ImportJobRepository) Claim(ctx context.Context, runner string, staleBefore, now time.Time) (importjob.Job, bool, error) {
	j, err := scanImportJob(r.db.w.QueryRowContext(ctx, `UPDATE import_jobs SET runner = ?, heartbeat_at = ?, attempts = attempts + 1
		WHERE id = (SELECT id FROM import_jobs WHERE status IN ('QUEUED', 'RUNNING') AND (runner = '' OR heartbeat_at < ?)
			ORDER BY id LIMIT 1)
		RETURNING `+importJobColumns, runner, Millis(now), Millis(staleBefore)))
	if errors.Is(err, sql.ErrNoRows) {
		return importjob.Job{}, false, nil
	}
	if err != nil {
		return importjob.Job{}, false, fmt.Errorf("sqlite: claim import job: %w", err)
	}
	return j, true, nil
}
