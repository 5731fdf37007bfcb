package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// QuickCheckRepository stores quick checks in SQLite; the items are one JSON column.
type QuickCheckRepository struct{ db *DB }

var _ quickcheck.Repository = (*QuickCheckRepository)(nil)

// NewQuickCheckRepository returns the quick checks repository of db.
func NewQuickCheckRepository(db *DB) *QuickCheckRepository { return &QuickCheckRepository{db: db} }

type quickCheckItemRow struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Passed bool   `json:"passed"`
	Notes  string `json:"notes"`
	// Status is absent in rows stored before answers had one (FromStore derives it).
	Status   quickcheck.Status `json:"status,omitempty"`
	Severity string            `json:"severity,omitempty"`
}

// Create implements quickcheck.Repository.
func (r *QuickCheckRepository) Create(ctx context.Context, q quickcheck.QuickCheck) error {
	rec := q.Record()
	items := make([]quickCheckItemRow, len(rec.Items))
	for i, it := range rec.Items {
		items[i] = quickCheckItemRow(it)
	}
	raw, err := json.Marshal(items)
	if err != nil {
		return fmt.Errorf("sqlite: create quick check: %w", err)
	}
	_, err = r.db.w.ExecContext(ctx, `INSERT INTO quick_checks (id, machine_id, author_id, items, operating_hours, notes, template_version, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, rec.ID, rec.MachineID, rec.AuthorID, string(raw), fleetNullFloat(rec.OperatingHours),
		rec.Notes, rec.TemplateVersion, Millis(rec.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create quick check: %w", err)
	}
	return nil
}

// ByMachine implements quickcheck.Repository.
func (r *QuickCheckRepository) ByMachine(ctx context.Context, machineID string, limit int) ([]quickcheck.QuickCheck, error) {
	return r.list(ctx, `SELECT `+quickCheckColumns+` FROM quick_checks WHERE machine_id = ? ORDER BY id DESC LIMIT ?`, machineID, limit)
}

// LatestByMachines implements quickcheck.Repository: for each id of the JSON
// array, the newest row of the (machine_id, id DESC) index.
func (r *QuickCheckRepository) LatestByMachines(ctx context.Context, machineIDs []string) ([]quickcheck.QuickCheck, error) {
	if len(machineIDs) == 0 {
		return nil, nil
	}
	ids, err := json.Marshal(machineIDs)
	if err != nil {
		return nil, fmt.Errorf("sqlite: quick checks: %w", err)
	}
	return r.list(ctx, `SELECT `+quickCheckColumns+` FROM json_each(?) AS m
		JOIN quick_checks ON quick_checks.id = (SELECT id FROM quick_checks WHERE machine_id = m.value ORDER BY id DESC LIMIT 1)`, string(ids))
}

const quickCheckColumns = `quick_checks.id, machine_id, author_id, items, operating_hours, notes, template_version, created_at`

func (r *QuickCheckRepository) list(ctx context.Context, q string, args ...any) ([]quickcheck.QuickCheck, error) {
	rows, err := r.db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: quick checks: %w", err)
	}
	defer rows.Close()
	var out []quickcheck.QuickCheck
	for rows.Next() {
		var (
			rec     quickcheck.StoreRecord
			raw     string
			hours   sql.NullFloat64
			created int64
		)
		if err := rows.Scan(&rec.ID, &rec.MachineID, &rec.AuthorID, &raw, &hours, &rec.Notes, &rec.TemplateVersion, &created); err != nil {
			return nil, fmt.Errorf("sqlite: quick checks: %w", err)
		}
		var items []quickCheckItemRow
		if err := json.Unmarshal([]byte(raw), &items); err != nil {
			return nil, fmt.Errorf("sqlite: quick check %s items: %w", rec.ID, err)
		}
		for _, it := range items {
			rec.Items = append(rec.Items, quickcheck.Item(it))
		}
		if hours.Valid {
			h := hours.Float64
			rec.OperatingHours = &h
		}
		rec.CreatedAt = FromMillis(created)
		out = append(out, quickcheck.FromStore(rec))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: quick checks: %w", err)
	}
	return out, nil
}

// DeleteByMachine implements quickcheck.Repository.
func (r *QuickCheckRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM quick_checks WHERE machine_id = ?`, machineID); err != nil {
		return fmt.Errorf("sqlite: delete quick checks: %w", err)
	}
	return nil
}
