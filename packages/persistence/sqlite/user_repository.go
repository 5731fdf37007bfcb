package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/fleetman/fleetman/packages/domain/user"
)

// UserRepository stores users in SQLite.
type UserRepository struct{ db *DB }

var _ user.Repository = (*UserRepository)(nil)

// NewUserRepository returns the users repository of db.
func NewUserRepository(db *DB) *UserRepository { return &UserRepository{db: db} }

const userColumns = `id, email, name, business_name, password_hash, active, created_at`

// userSelect adds the roles granted beyond "user" (comma-separated).
const userSelect = userColumns + `, roles`

var _ user.Credentials = (*UserRepository)(nil)

// Create implements user.Repository.
func (r *UserRepository) Create(ctx context.Context, u user.User) error {
	_, err := r.db.w.ExecContext(ctx, `INSERT INTO users (`+userSelect+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID(), u.Email(), u.Name(), u.BusinessName(), u.PasswordHash(), u.Active(), Millis(u.CreatedAt()), joinRoles(u.Roles()))
	if IsUniqueViolation(err) {
		return user.ErrEmailTaken
	}
	if err != nil {
		return fmt.Errorf("sqlite: create user: %w", err)
	}
	return nil
}

// ByID implements user.Repository.
func (r *UserRepository) ByID(ctx context.Context, id string) (user.User, error) {
	return r.one(ctx, `SELECT `+userSelect+` FROM users WHERE id = ?`, id)
}

// ByEmail implements user.Repository.
func (r *UserRepository) ByEmail(ctx context.Context, email string) (user.User, error) {
	return r.one(ctx, `SELECT `+userSelect+` FROM users WHERE email = ?`, email)
}

// ByIDs implements user.Repository.
func (r *UserRepository) ByIDs(ctx context.Context, ids []string) ([]user.User, error) {
	return inChunks(ids, func(in string, args []any) ([]user.User, error) {
		rows, err := r.db.query(ctx, `SELECT `+userSelect+` FROM users WHERE id IN (`+in+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: users by ids: %w", err)
		}
		defer rows.Close()
		var out []user.User
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, u)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: users by ids: %w", err)
		}
		return out, nil
	})
}

func (r *UserRepository) one(ctx context.Context, q string, arg any) (user.User, error) {
	u, err := scanUser(r.db.queryRow(ctx, q, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return user.User{}, user.ErrNotFound
	}
	return u, err
}

type scanner interface{ Scan(dest ...any) error }

func scanUser(s scanner) (user.User, error) {
	var (
		id, email, name, business, hash string
		active                          bool
		created                         int64
		roles                           string
	)
	if err := s.Scan(&id, &email, &name, &business, &hash, &active, &created, &roles); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return user.User{}, err
		}
		return user.User{}, fmt.Errorf("sqlite: scan user: %w", err)
	}
	return user.FromStore(id, email, name, business, hash, active, FromMillis(created)).WithRoles(splitRoles(roles)...), nil
}

// SetPassword implements user.Credentials.
func (r *UserRepository) SetPassword(ctx context.Context, id, passwordHash string) error {
	return r.update(ctx, "set password", `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, id)
}

// SetActive implements user.Credentials.
func (r *UserRepository) SetActive(ctx context.Context, id string, active bool) error {
	return r.update(ctx, "set active", `UPDATE users SET active = ? WHERE id = ?`, active, id)
}

func (r *UserRepository) update(ctx context.Context, what, q string, args ...any) error {
	res, err := r.db.w.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sqlite: %s: %w", what, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: %s: %w", what, err)
	} else if n == 0 {
		return user.ErrNotFound
	}
	return nil
}

func joinRoles(roles []user.Role) string {
	parts := make([]string, len(roles))
	for i, r := range roles {
		parts[i] = string(r)
	}
	return strings.Join(parts, ",")
}

func splitRoles(s string) []user.Role {
	var out []user.Role
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, user.Role(p))
		}
	}
	return out
}
