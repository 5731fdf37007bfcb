package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// MaintenanceRepository stores maintenance plans and completions in SQLite.
type MaintenanceRepository struct{ db *DB }

var _ maintenance.Repository = (*MaintenanceRepository)(nil)

// NewMaintenanceRepository returns the maintenance plans repository of db.
func NewMaintenanceRepository(db *DB) *MaintenanceRepository { return &MaintenanceRepository{db: db} }

const planColumns = `id, machine_id, owner_id, name, type, interval_hours, interval_days, due_soon_hours,
	due_soon_days, start_hours, started_at, last_completed_at, last_completed_hours, cycle, alert_cycle,
	alert_state, created_at`

func fleetNullFloat(p *float64) sql.NullFloat64 {
	if p == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *p, Valid: true}
}

func fleetNullInt(p *int) sql.NullInt64 {
	if p == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*p), Valid: true}
}

// Create implements maintenance.Repository.
func (r *MaintenanceRepository) Create(ctx context.Context, p maintenance.Plan) error {
	rec := p.Record()
	_, err := r.db.w.ExecContext(ctx, `INSERT INTO maintenance_plans (`+planColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rec.ID, rec.MachineID, rec.OwnerID, rec.Name, rec.Type, fleetNullFloat(rec.IntervalHours), fleetNullInt(rec.IntervalDays),
		fleetNullFloat(rec.DueSoonHours), fleetNullInt(rec.DueSoonDays), rec.StartHours, Millis(rec.StartedAt),
		NullMillis(rec.LastCompletedAt), fleetNullFloat(rec.LastCompletedHours), rec.Cycle, rec.AlertCycle,
		int(rec.AlertState), Millis(rec.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create plan: %w", err)
	}
	return nil
}

// ByID implements maintenance.Repository.
func (r *MaintenanceRepository) ByID(ctx context.Context, id string) (maintenance.Plan, error) {
	p, err := scanPlan(r.db.queryRow(ctx, `SELECT `+planColumns+` FROM maintenance_plans WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return maintenance.Plan{}, maintenance.ErrNotFound
	}
	return p, err
}

// ByMachine implements maintenance.Repository.
func (r *MaintenanceRepository) ByMachine(ctx context.Context, machineID string) ([]maintenance.Plan, error) {
	return r.list(ctx, `SELECT `+planColumns+` FROM maintenance_plans WHERE machine_id = ? ORDER BY id`, machineID)
}

// ByMachines implements maintenance.Repository: the ids go in as one JSON
// array, so the statement's text (and its prepared form) is the same for any count.
func (r *MaintenanceRepository) ByMachines(ctx context.Context, machineIDs []string) ([]maintenance.Plan, error) {
	if len(machineIDs) == 0 {
		return nil, nil
	}
	ids, err := json.Marshal(machineIDs)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list plans: %w", err)
	}
	return r.list(ctx, `SELECT `+planColumns+` FROM maintenance_plans
		WHERE machine_id IN (SELECT value FROM json_each(?)) ORDER BY id`, string(ids))
}

// Page implements maintenance.Repository.
func (r *MaintenanceRepository) Page(ctx context.Context, q maintenance.PageQuery) ([]maintenance.Plan, error) {
	if q.OwnerID != "" {
		return r.list(ctx, `SELECT `+planColumns+` FROM maintenance_plans WHERE owner_id = ? AND id > ?
			ORDER BY id LIMIT ?`, q.OwnerID, q.AfterID, q.Limit)
	}
	return r.list(ctx, `SELECT `+planColumns+` FROM maintenance_plans WHERE id > ? ORDER BY id LIMIT ?`, q.AfterID, q.Limit)
}

// Complete implements maintenance.Repository in one transaction.
func (r *MaintenanceRepository) Complete(ctx context.Context, p maintenance.Plan, c maintenance.Completion) error {
	rec := p.Record()
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: complete plan: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE maintenance_plans SET last_completed_at = ?, last_completed_hours = ?,
		cycle = ? WHERE id = ? AND cycle = ?`, NullMillis(rec.LastCompletedAt), fleetNullFloat(rec.LastCompletedHours),
		rec.Cycle, rec.ID, rec.Cycle-1)
	if err != nil {
		return fmt.Errorf("sqlite: complete plan: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM maintenance_plans WHERE id = ?`, rec.ID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return maintenance.ErrNotFound
		}
		return maintenance.ErrStale
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO maintenance_completions (id, plan_id, machine_id, performed_by,
		operating_hours, performed_at, notes, cycle) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID(), c.PlanID(), c.MachineID(),
		c.PerformedBy(), c.OperatingHours(), Millis(c.PerformedAt()), c.Notes(), c.Cycle()); err != nil {
		if IsUniqueViolation(err) {
			return maintenance.ErrStale
		}
		return fmt.Errorf("sqlite: complete plan: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: complete plan: %w", err)
	}
	return nil
}

// Completions implements maintenance.Repository.
func (r *MaintenanceRepository) Completions(ctx context.Context, planID string, limit int) ([]maintenance.Completion, error) {
	rows, err := r.db.query(ctx, `SELECT id, plan_id, machine_id, performed_by, operating_hours, performed_at,
		notes, cycle FROM maintenance_completions WHERE plan_id = ? ORDER BY cycle DESC LIMIT ?`, planID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: completions: %w", err)
	}
	defer rows.Close()
	var out []maintenance.Completion
	for rows.Next() {
		var (
			id, pid, mid, by, notes string
			hours                   float64
			at                      int64
			cycle                   int
		)
		if err := rows.Scan(&id, &pid, &mid, &by, &hours, &at, &notes, &cycle); err != nil {
			return nil, fmt.Errorf("sqlite: completions: %w", err)
		}
		out = append(out, maintenance.CompletionFromStore(id, pid, mid, by, hours, FromMillis(at), notes, cycle))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: completions: %w", err)
	}
	return out, nil
}

// ClaimAlert implements maintenance.Repository with one conditional UPDATE:
// SQLite runs it atomically, so of two racing runners only one changes the row.
func (r *MaintenanceRepository) ClaimAlert(ctx context.Context, planID string, cycle int, state maintenance.Status) (bool, error) {
	res, err := r.db.w.ExecContext(ctx, `UPDATE maintenance_plans SET alert_cycle = ?, alert_state = ?
		WHERE id = ? AND cycle = ? AND NOT (alert_cycle = ? AND alert_state >= ?)`,
		cycle, int(state), planID, cycle, cycle, int(state))
	if err != nil {
		return false, fmt.Errorf("sqlite: claim alert: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlite: claim alert: %w", err)
	}
	return n == 1, nil
}

// DeleteByMachine implements maintenance.Repository (completions cascade).
func (r *MaintenanceRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM maintenance_plans WHERE machine_id = ?`, machineID); err != nil {
		return fmt.Errorf("sqlite: delete plans: %w", err)
	}
	return nil
}

func (r *MaintenanceRepository) list(ctx context.Context, q string, args ...any) ([]maintenance.Plan, error) {
	rows, err := r.db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list plans: %w", err)
	}
	defer rows.Close()
	var out []maintenance.Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list plans: %w", err)
	}
	return out, nil
}

func scanPlan(s scanner) (maintenance.Plan, error) {
	var (
		rec                                    maintenance.StoreRecord
		intervalHours, dueSoonHours, lastHours sql.NullFloat64
		intervalDays, dueSoonDays, lastAt      sql.NullInt64
		startedAt, createdAt                   int64
		alertState                             int
	)
	err := s.Scan(&rec.ID, &rec.MachineID, &rec.OwnerID, &rec.Name, &rec.Type, &intervalHours, &intervalDays,
		&dueSoonHours, &dueSoonDays, &rec.StartHours, &startedAt, &lastAt, &lastHours, &rec.Cycle, &rec.AlertCycle,
		&alertState, &createdAt)
	if errors.Is(err, sql.ErrNoRows) {
		return maintenance.Plan{}, err
	}
	if err != nil {
		return maintenance.Plan{}, fmt.Errorf("sqlite: scan plan: %w", err)
	}
	f := func(v sql.NullFloat64) *float64 {
		if !v.Valid {
			return nil
		}
		return &v.Float64
	}
	i := func(v sql.NullInt64) *int {
		if !v.Valid {
			return nil
		}
		n := int(v.Int64)
		return &n
	}
	rec.IntervalHours, rec.DueSoonHours, rec.LastCompletedHours = f(intervalHours), f(dueSoonHours), f(lastHours)
	rec.IntervalDays, rec.DueSoonDays = i(intervalDays), i(dueSoonDays)
	rec.StartedAt, rec.CreatedAt, rec.LastCompletedAt = FromMillis(startedAt), FromMillis(createdAt), FromNullMillis(lastAt)
	rec.AlertState = maintenance.Status(alertState)
	return maintenance.FromStore(rec), nil
}
