CREATE TABLE work_orders (
	id          TEXT PRIMARY KEY,
	machine_id  TEXT NOT NULL,
	owner_id    TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	title       TEXT NOT NULL,
	notes       TEXT NOT NULL DEFAULT '',
	plan_id     TEXT NOT NULL DEFAULT '',
	issue_ids   TEXT NOT NULL DEFAULT '[]', -- JSON array of issue ids
	lines       TEXT NOT NULL DEFAULT '[]', -- JSON array of {kind, description, quantity, unitCost, currency}
	assignee_id TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL,
	completion  TEXT,                       -- JSON completion record, set when completion begins
	rev         INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	started_at  INTEGER,
	closed_at   INTEGER
);
CREATE INDEX work_orders_machine ON work_orders(machine_id, id DESC);
CREATE INDEX work_orders_machine_status ON work_orders(machine_id, status, id DESC);
