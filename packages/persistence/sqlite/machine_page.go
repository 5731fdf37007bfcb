package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
)

// machinePage is a page of rows of some machines, newest id first, with
// optional equality filters (column → value; empty values are no filter).
type machinePage struct {
	table, columns string
	machineIDs     []string
	filters        [][2]string
	before         string
	limit          int
}

// idsJSON is a list of ids as one JSON parameter, read with json_each.
func idsJSON(ids []string) string {
	if ids == nil {
		ids = []string{}
	}
	raw, _ := json.Marshal(ids)
	return string(raw)
}

// queryMachinePage runs p and scans each row with scan; errors say "sqlite: <what>".
func queryMachinePage[T any](ctx context.Context, db *DB, what string, p machinePage, scan func(scanner) (T, error)) ([]T, error) {
	query := `SELECT ` + p.columns + ` FROM ` + p.table + ` WHERE machine_id IN (SELECT value FROM json_each(?))`
	args := []any{idsJSON(p.machineIDs)}
	for _, f := range p.filters {
		if f[1] != "" {
			query += ` AND ` + f[0] + ` = ?`
			args = append(args, f[1])
		}
	}
	if p.before != "" {
		query += ` AND id < ?`
		args = append(args, p.before)
	}
	query += ` ORDER BY id DESC LIMIT ?`
	args = append(args, p.limit)
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: %s: %w", what, err)
	}
	return out, nil
}
