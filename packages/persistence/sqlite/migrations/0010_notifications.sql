CREATE TABLE notifications (
	id         TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL,
	type       TEXT NOT NULL,
	title      TEXT NOT NULL,
	message    TEXT NOT NULL,
	metadata   TEXT NOT NULL DEFAULT '{}',
	action_url TEXT NOT NULL DEFAULT '',
	priority   TEXT NOT NULL,
	source     TEXT NOT NULL DEFAULT '',
	read       INTEGER NOT NULL DEFAULT 0,
	read_at    INTEGER,
	created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A user's notifications newest first, replay in id order, type filters.
CREATE INDEX notifications_user_id ON notifications (user_id, id);
-- Unread counts and unread listings touch only the unread rows.
CREATE INDEX notifications_user_unread ON notifications (user_id, id) WHERE read = 0;
-- The TTL purge.
CREATE INDEX notifications_created_at ON notifications (created_at);
