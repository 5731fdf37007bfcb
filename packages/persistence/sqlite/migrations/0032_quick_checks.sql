CREATE TABLE quick_checks (
	id              TEXT PRIMARY KEY,
	machine_id      TEXT NOT NULL,
	author_id       TEXT NOT NULL,
	items           TEXT NOT NULL, -- JSON array of {key, label, passed, notes}
	operating_hours REAL,
	notes           TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL
);
CREATE INDEX quick_checks_machine ON quick_checks(machine_id, id DESC);
