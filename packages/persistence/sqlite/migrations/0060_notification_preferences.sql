-- One row per user and notification type the user changed; a type without a
-- row has the default preference (in-app on, desktop on, not quiet).
CREATE TABLE notification_preferences (
	user_id    TEXT NOT NULL,
	type       TEXT NOT NULL,
	in_app     INTEGER NOT NULL CHECK (in_app IN (0, 1)),
	desktop    INTEGER NOT NULL CHECK (desktop IN (0, 1)),
	quiet      INTEGER NOT NULL CHECK (quiet IN (0, 1)),
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (user_id, type)
) WITHOUT ROWID;
