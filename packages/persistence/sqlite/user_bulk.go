package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/fleetman/fleetman/packages/domain/user"
)

// CreateMany stores many new users in one transaction, in multi-row inserts
// (for seeding load tests with tens of thousands of accounts). It stores all or
// none; user.ErrEmailTaken when any email is already registered.
func (r *UserRepository) CreateMany(ctx context.Context, users []user.User) error {
	if len(users) == 0 {
		return nil
	}
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: create users: %w", err)
	}
	defer tx.Rollback()
	const perStatement = 100 // 7 parameters a row, well under SQLite's limit
	for start := 0; start < len(users); start += perStatement {
		part := users[start:min(start+perStatement, len(users))]
		args := make([]any, 0, len(part)*7)
		for _, u := range part {
			args = append(args, u.ID(), u.Email(), u.Name(), u.BusinessName(), u.PasswordHash(), u.Active(), Millis(u.CreatedAt()))
		}
		q := `INSERT INTO users (` + userColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?)` +
			strings.Repeat(`, (?, ?, ?, ?, ?, ?, ?)`, len(part)-1)
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			if IsUniqueViolation(err) {
				return user.ErrEmailTaken
			}
			return fmt.Errorf("sqlite: create users: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: create users: %w", err)
	}
	return nil
}
