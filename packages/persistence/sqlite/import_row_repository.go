package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// ImportRowRepository writes the rows of an import in SQLite.
//
// Rows are written in transactions of up to rowsPerTx rows on the writer;
// inside one, each row is a SAVEPOINT that a failing row rolls back alone,
// so that a row is stored whole or not at all and the rows around it are
// stored. The statements are prepared once on the writer connection and
// reused by every transaction.
type ImportRowRepository struct {
	db *DB

	mu    sync.Mutex
	stmts *importRowStatements // prepared by the first WriteRows
}

var _ importjob.RowRepository = (*ImportRowRepository)(nil)

// NewImportRowRepository returns the import rows repository of db.
func NewImportRowRepository(db *DB) *ImportRowRepository { return &ImportRowRepository{db: db} }

// rowsPerTx bounds one transaction. The writer connection is shared with
// every other write (notifications' group commits among them), which wait
// for it while a transaction runs: a transaction of this many rows holds
// it about a millisecond, and still commits once for many rows.
const rowsPerTx = 32

// The statements of a row. A machine, a plan or a reading whose id is stored
// already (the same rows written again) is kept as it is (ON CONFLICT (id) DO
// NOTHING); another machine of the owner with the serial number still fails.
const (
	importInsertMachine = `INSERT INTO machines (id, owner_id, serial_number, name, brand, model, type,
		operating_hours, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	importInsertOperator = `INSERT INTO machine_operators (machine_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`
	importUpdateDetails  = `UPDATE machines SET serial_number = ?, name = ?, brand = ?, model = ?, type = ?,
		updated_at = ? WHERE id = ?`
	importRaiseHours = `UPDATE machines SET operating_hours = ?, updated_at = max(updated_at, ?)
		WHERE id = ? AND operating_hours <= ?`
	importInsertReading = `INSERT INTO machine_readings (id, machine_id, author_id, operating_hours, recorded_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	importInsertPlan = `INSERT INTO maintenance_plans (` + planColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	importSelectMachine = `SELECT ` + machineColumns + ` FROM machines m WHERE m.id = ?`
)

type importRowStatements struct {
	savepoint, release, rollbackTo                       *sql.Stmt
	insertMachine, insertOperator, updateDetails         *sql.Stmt
	raiseHours, insertReading, insertPlan, selectMachine *sql.Stmt
}

func (r *ImportRowRepository) statements(ctx context.Context) (*importRowStatements, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stmts != nil {
		return r.stmts, nil
	}
	st := &importRowStatements{}
	var errs []error
	prepare := func(q string) *sql.Stmt {
		s, err := r.db.w.PrepareContext(ctx, q)
		errs = append(errs, err)
		return s
	}
	st.savepoint, st.release, st.rollbackTo = prepare(`SAVEPOINT import_row`), prepare(`RELEASE import_row`),
		prepare(`ROLLBACK TO import_row`)
	st.insertMachine, st.insertOperator, st.updateDetails = prepare(importInsertMachine), prepare(importInsertOperator),
		prepare(importUpdateDetails)
	st.raiseHours, st.insertReading, st.insertPlan = prepare(importRaiseHours), prepare(importInsertReading),
		prepare(importInsertPlan)
	st.selectMachine = prepare(importSelectMachine)
	if err := errors.Join(errs...); err != nil {
		for _, s := range st.all() {
			if s != nil {
				s.Close()
			}
		}
		return nil, fmt.Errorf("sqlite: prepare import rows: %w", err)
	}
	r.stmts = st
	return st, nil
}

// bind returns the statements of tx (on the writer connection they were
// prepared on, so nothing is prepared again).
func (st *importRowStatements) bind(ctx context.Context, tx *sql.Tx) *importRowStatements {
	b := func(s *sql.Stmt) *sql.Stmt { return tx.StmtContext(ctx, s) }
	return &importRowStatements{savepoint: b(st.savepoint), release: b(st.release), rollbackTo: b(st.rollbackTo),
		insertMachine: b(st.insertMachine), insertOperator: b(st.insertOperator), updateDetails: b(st.updateDetails),
		raiseHours: b(st.raiseHours), insertReading: b(st.insertReading), insertPlan: b(st.insertPlan),
		selectMachine: b(st.selectMachine)}
}

func (st *importRowStatements) all() []*sql.Stmt {
	return []*sql.Stmt{st.savepoint, st.release, st.rollbackTo, st.insertMachine, st.insertOperator, st.updateDetails,
		st.raiseHours, st.insertReading, st.insertPlan, st.selectMachine}
}

// WriteRows implements importjob.RowRepository.
func (r *ImportRowRepository) WriteRows(ctx context.Context, rows []importjob.Row) ([]importjob.Written, error) {
	out := make([]importjob.Written, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	st, err := r.statements(ctx)
	if err != nil {
		return out, err
	}
	for start := 0; start < len(rows); start += rowsPerTx {
		end := min(start+rowsPerTx, len(rows))
		if err := r.writeTx(ctx, st, rows[start:end], out[start:end]); err != nil {
			return out, err
		}
	}
	return out, nil
}

// writeTx writes rows in one transaction, each in a savepoint.
func (r *ImportRowRepository) writeTx(ctx context.Context, st *importRowStatements, rows []importjob.Row, out []importjob.Written) error {
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: import rows: %w", err)
	}
	defer tx.Rollback()
	st = st.bind(ctx, tx)
	for i, row := range rows {
		if _, err := st.savepoint.ExecContext(ctx); err != nil {
			return fmt.Errorf("sqlite: import rows: %w", err)
		}
		m, rowErr, err := writeImportRow(ctx, st, row)
		if err == nil && rowErr != nil {
			_, err = st.rollbackTo.ExecContext(ctx)
		}
		if err == nil {
			_, err = st.release.ExecContext(ctx)
		}
		if err != nil {
			return fmt.Errorf("sqlite: import rows: %w", err)
		}
		out[i] = importjob.Written{Machine: m, Err: rowErr}
	}
	if err := tx.Commit(); err != nil {
		for i := range out {
			out[i] = importjob.Written{}
		}
		return fmt.Errorf("sqlite: import rows: %w", err)
	}
	return nil
}

// writeImportRow runs a row's statements; rowErr is why the row is refused (its
// savepoint is then rolled back), err the store failing.
func writeImportRow(ctx context.Context, st *importRowStatements, row importjob.Row) (m machine.Machine, rowErr, err error) {
	rec := row.Machine.Record()
	inserted := false // a new machine stored by this row (not one stored by an earlier write of it)
	switch {
	case !row.Existing:
		res, err := st.insertMachine.ExecContext(ctx, rec.ID, rec.OwnerID, rec.Details.SerialNumber, rec.Details.Name,
			rec.Details.Brand, rec.Details.Model, rec.Details.Type, rec.OperatingHours, Millis(rec.CreatedAt), Millis(rec.UpdatedAt))
		if IsUniqueViolation(err) {
			return machine.Machine{}, machine.ErrSerialTaken, nil
		}
		if err != nil {
			return machine.Machine{}, nil, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return machine.Machine{}, nil, err
		}
		inserted = n == 1
		for _, op := range rec.OperatorIDs {
			if _, err := st.insertOperator.ExecContext(ctx, rec.ID, op); err != nil {
				return machine.Machine{}, nil, err
			}
		}
	case row.Details:
		res, err := st.updateDetails.ExecContext(ctx, rec.Details.SerialNumber, rec.Details.Name, rec.Details.Brand,
			rec.Details.Model, rec.Details.Type, Millis(rec.UpdatedAt), rec.ID)
		if IsUniqueViolation(err) {
			return machine.Machine{}, machine.ErrSerialTaken, nil
		}
		if err != nil {
			return machine.Machine{}, nil, err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return machine.Machine{}, machine.ErrNotFound, err
		}
	}
	if rd := row.Reading; rd != nil {
		res, err := st.raiseHours.ExecContext(ctx, rd.OperatingHours(), Millis(rd.RecordedAt()), rd.MachineID(), rd.OperatingHours())
		if err != nil {
			return machine.Machine{}, nil, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return machine.Machine{}, nil, err
		}
		if n == 1 { // else the machine is gone (found below) or a higher reading came first: this one is not stored
			if inserted {
				rec.OperatingHours, rec.UpdatedAt = rd.OperatingHours(), maxTime(rec.UpdatedAt, rd.RecordedAt())
			}
			if _, err := st.insertReading.ExecContext(ctx, rd.ID(), rd.MachineID(), rd.AuthorID(), rd.OperatingHours(),
				Millis(rd.RecordedAt())); err != nil {
				return machine.Machine{}, nil, err
			}
		}
	}
	for _, p := range row.Plans {
		pr := p.Record()
		if _, err := st.insertPlan.ExecContext(ctx, pr.ID, pr.MachineID, pr.OwnerID, pr.Name, pr.Type,
			fleetNullFloat(pr.IntervalHours), fleetNullInt(pr.IntervalDays), fleetNullFloat(pr.DueSoonHours),
			fleetNullInt(pr.DueSoonDays), pr.StartHours, Millis(pr.StartedAt), NullMillis(pr.LastCompletedAt),
			fleetNullFloat(pr.LastCompletedHours), pr.Cycle, pr.AlertCycle, int(pr.AlertState), Millis(pr.CreatedAt)); err != nil {
			return machine.Machine{}, nil, err
		}
	}
	if inserted { // as stored: no need to read it back
		return machine.FromStore(rec), nil, nil
	}
	m, err = scanMachine(st.selectMachine.QueryRowContext(ctx, rec.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return machine.Machine{}, machine.ErrNotFound, nil
	}
	if err != nil {
		return machine.Machine{}, nil, err
	}
	return m, nil, nil
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
