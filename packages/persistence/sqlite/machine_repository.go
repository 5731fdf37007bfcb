package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// MachineRepository stores machines, operators and readings in SQLite.
type MachineRepository struct{ db *DB }

var _ machine.Repository = (*MachineRepository)(nil)

// NewMachineRepository returns the machines repository of db.
func NewMachineRepository(db *DB) *MachineRepository { return &MachineRepository{db: db} }

const machineColumns = `m.id, m.owner_id, m.serial_number, m.name, m.brand, m.model, m.type, m.operating_hours,
	m.created_at, m.updated_at,
	COALESCE((SELECT group_concat(o.user_id) FROM machine_operators o WHERE o.machine_id = m.id), '')`

// Create implements machine.Repository.
func (r *MachineRepository) Create(ctx context.Context, m machine.Machine) error {
	rec := m.Record()
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: create machine: %w", err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO machines (id, owner_id, serial_number, name, brand, model, type,
		operating_hours, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rec.ID, rec.OwnerID, rec.Details.SerialNumber, rec.Details.Name, rec.Details.Brand, rec.Details.Model,
		rec.Details.Type, rec.OperatingHours, Millis(rec.CreatedAt), Millis(rec.UpdatedAt))
	if IsUniqueViolation(err) {
		return machine.ErrSerialTaken
	}
	if err != nil {
		return fmt.Errorf("sqlite: create machine: %w", err)
	}
	for _, op := range rec.OperatorIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO machine_operators (machine_id, user_id) VALUES (?, ?)`, rec.ID, op); err != nil {
			return fmt.Errorf("sqlite: create machine: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: create machine: %w", err)
	}
	return nil
}

// ByID implements machine.Repository.
func (r *MachineRepository) ByID(ctx context.Context, id string) (machine.Machine, error) {
	m, err := scanMachine(r.db.queryRow(ctx, `SELECT `+machineColumns+` FROM machines m WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return machine.Machine{}, machine.ErrNotFound
	}
	return m, err
}

// ByIDs implements machine.Repository.
func (r *MachineRepository) ByIDs(ctx context.Context, ids []string) ([]machine.Machine, error) {
	return inChunks(ids, func(in string, args []any) ([]machine.Machine, error) {
		return r.list(ctx, `SELECT `+machineColumns+` FROM machines m WHERE m.id IN (`+in+`)`, args...)
	})
}

// UpdateDetails implements machine.Repository.
func (r *MachineRepository) UpdateDetails(ctx context.Context, m machine.Machine) error {
	rec := m.Record()
	res, err := r.db.w.ExecContext(ctx, `UPDATE machines SET serial_number = ?, name = ?, brand = ?, model = ?, type = ?,
		updated_at = ? WHERE id = ?`, rec.Details.SerialNumber, rec.Details.Name, rec.Details.Brand, rec.Details.Model,
		rec.Details.Type, Millis(rec.UpdatedAt), rec.ID)
	if IsUniqueViolation(err) {
		return machine.ErrSerialTaken
	}
	if err != nil {
		return fmt.Errorf("sqlite: update machine: %w", err)
	}
	return fleetRowChanged(res, machine.ErrNotFound)
}

// Delete implements machine.Repository; operators and readings go with it (ON DELETE CASCADE).
func (r *MachineRepository) Delete(ctx context.Context, id string) error {
	res, err := r.db.w.ExecContext(ctx, `DELETE FROM machines WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("sqlite: delete machine: %w", err)
	}
	return fleetRowChanged(res, machine.ErrNotFound)
}

// ForUser implements machine.Repository.
func (r *MachineRepository) ForUser(ctx context.Context, userID string) ([]machine.Machine, error) {
	return r.list(ctx, `SELECT `+machineColumns+` FROM machines m WHERE m.owner_id = ?
		OR m.id IN (SELECT machine_id FROM machine_operators WHERE user_id = ?) ORDER BY m.id`, userID, userID)
}

// AddOperator implements machine.Repository.
func (r *MachineRepository) AddOperator(ctx context.Context, machineID, userID string) error {
	_, err := r.db.w.ExecContext(ctx, `INSERT INTO machine_operators (machine_id, user_id)
		SELECT id, ? FROM machines WHERE id = ? ON CONFLICT DO NOTHING`, userID, machineID)
	if err != nil {
		return fmt.Errorf("sqlite: add operator: %w", err)
	}
	return r.exists(ctx, machineID)
}

// RemoveOperator implements machine.Repository.
func (r *MachineRepository) RemoveOperator(ctx context.Context, machineID, userID string) error {
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM machine_operators WHERE machine_id = ? AND user_id = ?`, machineID, userID); err != nil {
		return fmt.Errorf("sqlite: remove operator: %w", err)
	}
	return r.exists(ctx, machineID)
}

// RecordReading implements machine.Repository in one transaction.
func (r *MachineRepository) RecordReading(ctx context.Context, rd machine.Reading) (machine.Machine, error) {
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return machine.Machine{}, fmt.Errorf("sqlite: record reading: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE machines SET operating_hours = ?, updated_at = ?
		WHERE id = ? AND operating_hours <= ?`, rd.OperatingHours(), Millis(rd.RecordedAt()), rd.MachineID(), rd.OperatingHours())
	if err != nil {
		return machine.Machine{}, fmt.Errorf("sqlite: record reading: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM machines WHERE id = ?`, rd.MachineID()).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return machine.Machine{}, machine.ErrNotFound
		}
		if err != nil {
			return machine.Machine{}, fmt.Errorf("sqlite: record reading: %w", err)
		}
		return machine.Machine{}, machine.ErrHoursBackwards
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO machine_readings (id, machine_id, author_id, operating_hours, recorded_at)
		VALUES (?, ?, ?, ?, ?)`, rd.ID(), rd.MachineID(), rd.AuthorID(), rd.OperatingHours(), Millis(rd.RecordedAt())); err != nil {
		return machine.Machine{}, fmt.Errorf("sqlite: record reading: %w", err)
	}
	m, err := scanMachine(tx.QueryRowContext(ctx, `SELECT `+machineColumns+` FROM machines m WHERE m.id = ?`, rd.MachineID()))
	if err != nil {
		return machine.Machine{}, err
	}
	if err := tx.Commit(); err != nil {
		return machine.Machine{}, fmt.Errorf("sqlite: record reading: %w", err)
	}
	return m, nil
}

// Readings implements machine.Repository.
func (r *MachineRepository) Readings(ctx context.Context, machineID string, limit int) ([]machine.Reading, error) {
	rows, err := r.db.query(ctx, `SELECT id, machine_id, author_id, operating_hours, recorded_at
		FROM machine_readings WHERE machine_id = ? ORDER BY recorded_at DESC, id DESC LIMIT ?`, machineID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: readings: %w", err)
	}
	defer rows.Close()
	var out []machine.Reading
	for rows.Next() {
		var (
			id, mid, author string
			hours           float64
			at              int64
		)
		if err := rows.Scan(&id, &mid, &author, &hours, &at); err != nil {
			return nil, fmt.Errorf("sqlite: readings: %w", err)
		}
		out = append(out, machine.ReadingFromStore(id, mid, author, hours, FromMillis(at)))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: readings: %w", err)
	}
	return out, nil
}

func (r *MachineRepository) exists(ctx context.Context, id string) error {
	var one int
	err := r.db.w.QueryRowContext(ctx, `SELECT 1 FROM machines WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return machine.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("sqlite: machine exists: %w", err)
	}
	return nil
}

func (r *MachineRepository) list(ctx context.Context, q string, args ...any) ([]machine.Machine, error) {
	rows, err := r.db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list machines: %w", err)
	}
	defer rows.Close()
	var out []machine.Machine
	for rows.Next() {
		m, err := scanMachine(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list machines: %w", err)
	}
	return out, nil
}

func scanMachine(s scanner) (machine.Machine, error) {
	var (
		rec              machine.StoreRecord
		created, updated int64
		ops              string
	)
	err := s.Scan(&rec.ID, &rec.OwnerID, &rec.Details.SerialNumber, &rec.Details.Name, &rec.Details.Brand,
		&rec.Details.Model, &rec.Details.Type, &rec.OperatingHours, &created, &updated, &ops)
	if errors.Is(err, sql.ErrNoRows) {
		return machine.Machine{}, err
	}
	if err != nil {
		return machine.Machine{}, fmt.Errorf("sqlite: scan machine: %w", err)
	}
	rec.CreatedAt, rec.UpdatedAt = FromMillis(created), FromMillis(updated)
	if ops != "" {
		rec.OperatorIDs = strings.Split(ops, ",")
	}
	return machine.FromStore(rec), nil
}

// fleetRowChanged turns "no row changed" into notFound.
func fleetRowChanged(res sql.Result, notFound error) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sqlite: rows affected: %w", err)
	}
	if n == 0 {
		return notFound
	}
	return nil
}
