ALTER TABLE users ADD COLUMN roles TEXT NOT NULL DEFAULT '';

CREATE TABLE sessions (
	id         TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	ended_at   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id, ended_at);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE health_probe (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL
);
