CREATE TABLE users (
	id            TEXT PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	business_name TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	active        INTEGER NOT NULL DEFAULT 1,
	created_at    INTEGER NOT NULL
);
