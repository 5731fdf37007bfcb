package sqlite

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain/notification"
)

// NotificationPreferenceRepository stores notification preferences in SQLite,
// one row per user and type the user changed.
type NotificationPreferenceRepository struct{ db *DB }

var _ notification.PreferenceRepository = (*NotificationPreferenceRepository)(nil)

// NewNotificationPreferenceRepository returns the preferences repository of db.
func NewNotificationPreferenceRepository(db *DB) *NotificationPreferenceRepository {
	return &NotificationPreferenceRepository{db: db}
}

// Preferences implements notification.PreferenceRepository.
func (r *NotificationPreferenceRepository) Preferences(ctx context.Context, userID string) (notification.Preferences, error) {
	rows, err := r.db.query(ctx, `SELECT type, in_app, desktop, quiet, updated_at
		FROM notification_preferences WHERE user_id = ?`, userID)
	if err != nil {
		return notification.Preferences{}, fmt.Errorf("sqlite: notification preferences: %w", err)
	}
	defer rows.Close()
	byType := map[notification.Type]notification.TypePreference{}
	var updated int64
	for rows.Next() {
		var (
			typ string
			p   notification.TypePreference
			at  int64
		)
		if err := rows.Scan(&typ, &p.InApp, &p.Desktop, &p.Quiet, &at); err != nil {
			return notification.Preferences{}, fmt.Errorf("sqlite: notification preferences: %w", err)
		}
		byType[notification.Type(typ)] = p
		updated = max(updated, at)
	}
	if err := rows.Err(); err != nil {
		return notification.Preferences{}, fmt.Errorf("sqlite: notification preferences: %w", err)
	}
	if len(byType) == 0 {
		return notification.DefaultPreferences(userID), nil
	}
	return notification.PreferencesFromStore(userID, byType, FromMillis(updated)), nil
}

// SavePreferences implements notification.PreferenceRepository: the user's
// rows are replaced in one transaction.
func (r *NotificationPreferenceRepository) SavePreferences(ctx context.Context, p notification.Preferences) error {
	tx, err := r.db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: save notification preferences: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, `DELETE FROM notification_preferences WHERE user_id = ?`, p.UserID()); err != nil {
		return fmt.Errorf("sqlite: save notification preferences: %w", err)
	}
	for _, t := range p.Stored() {
		v := p.For(t)
		if _, err := tx.ExecContext(ctx, `INSERT INTO notification_preferences (user_id, type, in_app, desktop, quiet, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, p.UserID(), string(t), v.InApp, v.Desktop, v.Quiet, Millis(p.UpdatedAt())); err != nil {
			return fmt.Errorf("sqlite: save notification preferences: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: save notification preferences: %w", err)
	}
	return nil
}
