package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain/document"
)

// DocumentRepository stores machine documents in SQLite.
type DocumentRepository struct{ db *DB }

var _ document.Repository = (*DocumentRepository)(nil)

// NewDocumentRepository returns the documents repository of db.
func NewDocumentRepository(db *DB) *DocumentRepository { return &DocumentRepository{db: db} }

const documentColumns = `id, machine_id, owner_id, type, name, number, issued_on, expires_on, created_at,
	file_id, file_name, file_type, file_size, file_uploaded_at`

// fileColumns are a document's file as the row keeps it (” and zeros: none).
func fileColumns(f *document.File) (id, name, typ string, size, uploaded int64) {
	if f == nil {
		return "", "", "", 0, 0
	}
	return f.ID, f.Name, f.ContentType, f.Size, Millis(f.UploadedAt)
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(document.DateLayout)
}

// Create implements document.Repository.
func (r *DocumentRepository) Create(ctx context.Context, d document.Document) error {
	rec := d.Record()
	fid, fname, ftype, fsize, fat := fileColumns(rec.File)
	if _, err := r.db.w.ExecContext(ctx, `INSERT INTO machine_documents (`+documentColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rec.ID, rec.MachineID, rec.OwnerID, string(rec.Type), rec.Name, rec.Number, dateText(rec.IssuedOn),
		dateText(rec.ExpiresOn), Millis(rec.CreatedAt), fid, fname, ftype, fsize, fat); err != nil {
		return fmt.Errorf("sqlite: create document: %w", err)
	}
	return nil
}

// ByID implements document.Repository.
func (r *DocumentRepository) ByID(ctx context.Context, machineID, id string) (document.Document, error) {
	items, err := r.list(ctx, `WHERE machine_id = ? AND id = ?`, machineID, id)
	if err != nil {
		return document.Document{}, err
	}
	if len(items) == 0 {
		return document.Document{}, document.ErrNotFound
	}
	return items[0], nil
}

// ByMachine implements document.Repository.
func (r *DocumentRepository) ByMachine(ctx context.Context, machineID string) ([]document.Document, error) {
	return r.list(ctx, `WHERE machine_id = ? ORDER BY expires_on, id`, machineID)
}

// Delete implements document.Repository.
func (r *DocumentRepository) Delete(ctx context.Context, machineID, id string) error {
	res, err := r.db.w.ExecContext(ctx, `DELETE FROM machine_documents WHERE machine_id = ? AND id = ?`, machineID, id)
	if err != nil {
		return fmt.Errorf("sqlite: delete document: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return document.ErrNotFound
	}
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM document_reminders WHERE document_id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: delete document reminders: %w", err)
	}
	return nil
}

// SetFile implements document.Repository.
func (r *DocumentRepository) SetFile(ctx context.Context, machineID, id string, f *document.File) error {
	fid, fname, ftype, fsize, fat := fileColumns(f)
	res, err := r.db.w.ExecContext(ctx, `UPDATE machine_documents SET file_id = ?, file_name = ?, file_type = ?,
		file_size = ?, file_uploaded_at = ? WHERE machine_id = ? AND id = ?`, fid, fname, ftype, fsize, fat, machineID, id)
	if err != nil {
		return fmt.Errorf("sqlite: set document file: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return document.ErrNotFound
	}
	return nil
}

// DeleteByMachine implements document.Repository: the reminder claims go
// first, so that a retry after a failure still finds the documents they belong to.
func (r *DocumentRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM document_reminders WHERE document_id IN
		(SELECT id FROM machine_documents WHERE machine_id = ?)`, machineID); err != nil {
		return fmt.Errorf("sqlite: delete machine's document reminders: %w", err)
	}
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM machine_documents WHERE machine_id = ?`, machineID); err != nil {
		return fmt.Errorf("sqlite: delete machine's documents: %w", err)
	}
	return nil
}

// ExpiringBy implements document.Repository (the expiry index).
func (r *DocumentRepository) ExpiringBy(ctx context.Context, date time.Time, afterID string, limit int) ([]document.Document, error) {
	return r.list(ctx, `WHERE expires_on <= ? AND id > ? ORDER BY id LIMIT ?`, dateText(date), afterID, limit)
}

// ClaimReminder implements document.Repository: the primary key refuses a second claim.
func (r *DocumentRepository) ClaimReminder(ctx context.Context, documentID string, threshold int) (bool, error) {
	res, err := r.db.w.ExecContext(ctx, `INSERT INTO document_reminders (document_id, threshold) VALUES (?, ?)
		ON CONFLICT DO NOTHING`, documentID, threshold)
	if err != nil {
		return false, fmt.Errorf("sqlite: claim document reminder: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func (r *DocumentRepository) list(ctx context.Context, where string, args ...any) ([]document.Document, error) {
	rows, err := r.db.query(ctx, `SELECT `+documentColumns+` FROM machine_documents `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", err)
	}
	defer rows.Close()
	out := []document.Document{}
	for rows.Next() {
		var (
			rec             document.StoreRecord
			typ             string
			issued, expires string
			created         int64
			f               document.File
			fileAt          int64
		)
		if err := rows.Scan(&rec.ID, &rec.MachineID, &rec.OwnerID, &typ, &rec.Name, &rec.Number, &issued, &expires, &created,
			&f.ID, &f.Name, &f.ContentType, &f.Size, &fileAt); err != nil {
			return nil, fmt.Errorf("sqlite: documents: %w", err)
		}
		if f.ID != "" {
			f.UploadedAt = FromMillis(fileAt)
			rec.File = &f
		}
		rec.Type, rec.CreatedAt = document.Type(typ), FromMillis(created)
		if issued != "" {
			rec.IssuedOn, _ = time.Parse(document.DateLayout, issued)
		}
		rec.ExpiresOn, _ = time.Parse(document.DateLayout, expires)
		out = append(out, document.FromStore(rec))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", err)
	}
	return out, nil
}
