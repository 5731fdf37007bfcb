CREATE TABLE import_jobs (
	id            TEXT PRIMARY KEY,
	owner_id      TEXT NOT NULL,
	file_name     TEXT NOT NULL DEFAULT '',
	on_duplicate  TEXT NOT NULL,
	status        TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
	total         INTEGER NOT NULL DEFAULT 0,
	processed     INTEGER NOT NULL DEFAULT 0,
	created       INTEGER NOT NULL DEFAULT 0,
	updated       INTEGER NOT NULL DEFAULT 0,
	skipped       INTEGER NOT NULL DEFAULT 0,
	failed        INTEGER NOT NULL DEFAULT 0,
	errors        TEXT NOT NULL DEFAULT '[]', -- JSON array of {row, field, message}
	reason        TEXT NOT NULL DEFAULT '',
	runner        TEXT NOT NULL DEFAULT '',
	heartbeat_at  INTEGER NOT NULL,
	created_at    INTEGER NOT NULL,
	started_at    INTEGER,
	finished_at   INTEGER
);
CREATE INDEX import_jobs_owner ON import_jobs(owner_id, id DESC);
CREATE INDEX import_jobs_unfinished ON import_jobs(status, heartbeat_at) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE import_files (
	job_id  TEXT PRIMARY KEY REFERENCES import_jobs(id) ON DELETE CASCADE,
	content BLOB NOT NULL
);
