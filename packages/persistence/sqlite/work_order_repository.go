package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// WorkOrderRepository stores work orders in SQLite; lines, issue ids and the
// completion record are JSON columns.
type WorkOrderRepository struct{ db *DB }

var _ workorder.Repository = (*WorkOrderRepository)(nil)

// NewWorkOrderRepository returns the work orders repository of db.
func NewWorkOrderRepository(db *DB) *WorkOrderRepository { return &WorkOrderRepository{db: db} }

const workOrderColumns = `id, machine_id, owner_id, created_by, title, notes, plan_id, issue_ids, lines, assignee_id,
	status, completion, rev, created_at, updated_at, started_at, closed_at`

type workOrderLineRow struct {
	Kind        workorder.Kind `json:"kind"`
	Description string         `json:"description"`
	Quantity    float64        `json:"quantity"`
	UnitCost    int64          `json:"unitCost"`
	Currency    string         `json:"currency"`
}

type workOrderCompletionRow struct {
	By               string  `json:"by"`
	At               int64   `json:"at"`
	OperatingHours   float64 `json:"operatingHours"`
	PlanCycle        int     `json:"planCycle"`
	PlanCompletionID string  `json:"planCompletionId"`
}

// workOrderJSON holds the JSON columns of a work order.
type workOrderJSON struct{ issues, lines string }

func encodeWorkOrder(rec workorder.StoreRecord) (workOrderJSON, sql.NullString, error) {
	lines := make([]workOrderLineRow, len(rec.Spec.Lines))
	for i, l := range rec.Spec.Lines {
		lines[i] = workOrderLineRow(l)
	}
	rawLines, err := json.Marshal(lines)
	if err != nil {
		return workOrderJSON{}, sql.NullString{}, err
	}
	var completion sql.NullString
	if c := rec.Completion; c != nil {
		raw, err := json.Marshal(workOrderCompletionRow{By: c.By, At: Millis(c.At), OperatingHours: c.OperatingHours,
			PlanCycle: c.PlanCycle, PlanCompletionID: c.PlanCompletionID})
		if err != nil {
			return workOrderJSON{}, sql.NullString{}, err
		}
		completion = sql.NullString{String: string(raw), Valid: true}
	}
	return workOrderJSON{issues: idsJSON(rec.Spec.IssueIDs), lines: string(rawLines)}, completion, nil
}

// Create implements workorder.Repository.
func (r *WorkOrderRepository) Create(ctx context.Context, w workorder.WorkOrder) error {
	rec := w.Record()
	j, completion, err := encodeWorkOrder(rec)
	if err != nil {
		return fmt.Errorf("sqlite: create work order: %w", err)
	}
	if _, err := r.db.w.ExecContext(ctx, `INSERT INTO work_orders (`+workOrderColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		rec.ID, rec.MachineID, rec.OwnerID, rec.CreatedBy, rec.Spec.Title, rec.Spec.Notes, rec.Spec.PlanID, j.issues, j.lines,
		rec.Spec.AssigneeID, string(rec.Status), completion, rec.Rev, Millis(rec.CreatedAt), Millis(rec.UpdatedAt),
		NullMillis(rec.StartedAt), NullMillis(rec.ClosedAt)); err != nil {
		return fmt.Errorf("sqlite: create work order: %w", err)
	}
	return nil
}

func scanWorkOrder(s scanner) (workorder.WorkOrder, error) {
	var (
		rec               workorder.StoreRecord
		issues, lines, st string
		completion        sql.NullString
		created, updated  int64
		started, closed   sql.NullInt64
	)
	if err := s.Scan(&rec.ID, &rec.MachineID, &rec.OwnerID, &rec.CreatedBy, &rec.Spec.Title, &rec.Spec.Notes, &rec.Spec.PlanID,
		&issues, &lines, &rec.Spec.AssigneeID, &st, &completion, &rec.Rev, &created, &updated, &started, &closed); err != nil {
		return workorder.WorkOrder{}, err
	}
	if err := json.Unmarshal([]byte(issues), &rec.Spec.IssueIDs); err != nil {
		return workorder.WorkOrder{}, fmt.Errorf("work order %s issue ids: %w", rec.ID, err)
	}
	var rows []workOrderLineRow
	if err := json.Unmarshal([]byte(lines), &rows); err != nil {
		return workorder.WorkOrder{}, fmt.Errorf("work order %s lines: %w", rec.ID, err)
	}
	for _, l := range rows {
		rec.Spec.Lines = append(rec.Spec.Lines, workorder.Line(l))
	}
	if completion.Valid {
		var c workOrderCompletionRow
		if err := json.Unmarshal([]byte(completion.String), &c); err != nil {
			return workorder.WorkOrder{}, fmt.Errorf("work order %s completion: %w", rec.ID, err)
		}
		rec.Completion = &workorder.Completion{By: c.By, At: FromMillis(c.At), OperatingHours: c.OperatingHours,
			PlanCycle: c.PlanCycle, PlanCompletionID: c.PlanCompletionID}
	}
	rec.Status = workorder.Status(st)
	rec.CreatedAt, rec.UpdatedAt = FromMillis(created), FromMillis(updated)
	rec.StartedAt, rec.ClosedAt = FromNullMillis(started), FromNullMillis(closed)
	return workorder.FromStore(rec), nil
}

// ByID implements workorder.Repository.
func (r *WorkOrderRepository) ByID(ctx context.Context, id string) (workorder.WorkOrder, error) {
	w, err := scanWorkOrder(r.db.queryRow(ctx, `SELECT `+workOrderColumns+` FROM work_orders WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return workorder.WorkOrder{}, workorder.ErrNotFound
	}
	if err != nil {
		return workorder.WorkOrder{}, fmt.Errorf("sqlite: work order: %w", err)
	}
	return w, nil
}

// List implements workorder.Repository.
func (r *WorkOrderRepository) List(ctx context.Context, q workorder.ListQuery) ([]workorder.WorkOrder, error) {
	return queryMachinePage(ctx, r.db, "work orders", machinePage{table: "work_orders", columns: workOrderColumns,
		machineIDs: q.MachineIDs, filters: [][2]string{{"status", string(q.Status)}}, before: q.Before, limit: q.Limit}, scanWorkOrder)
}

// Update implements workorder.Repository.
func (r *WorkOrderRepository) Update(ctx context.Context, w workorder.WorkOrder) error {
	rec := w.Record()
	j, completion, err := encodeWorkOrder(rec)
	if err != nil {
		return fmt.Errorf("sqlite: update work order: %w", err)
	}
	res, err := r.db.w.ExecContext(ctx, `UPDATE work_orders SET title = ?, notes = ?, plan_id = ?, issue_ids = ?, lines = ?,
		assignee_id = ?, status = ?, completion = ?, rev = ?, updated_at = ?, started_at = ?, closed_at = ? WHERE id = ? AND rev = ?`,
		rec.Spec.Title, rec.Spec.Notes, rec.Spec.PlanID, j.issues, j.lines, rec.Spec.AssigneeID, string(rec.Status), completion,
		rec.Rev, Millis(rec.UpdatedAt), NullMillis(rec.StartedAt), NullMillis(rec.ClosedAt), rec.ID, rec.Rev-1)
	if err != nil {
		return fmt.Errorf("sqlite: update work order: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := r.ByID(ctx, rec.ID); err != nil {
			return err
		}
		return workorder.ErrStale
	}
	return nil
}

// DeleteByMachine implements workorder.Repository.
func (r *WorkOrderRepository) DeleteByMachine(ctx context.Context, machineID string) error {
	if _, err := r.db.w.ExecContext(ctx, `DELETE FROM work_orders WHERE machine_id = ?`, machineID); err != nil {
		return fmt.Errorf("sqlite: delete machine's work orders: %w", err)
	}
	return nil
}
