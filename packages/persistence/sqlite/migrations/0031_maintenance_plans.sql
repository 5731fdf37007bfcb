-- A plan belongs to a machine; owner_id is copied from it (machines never
-- change owner) so that an owner's plans can be walked in pages by id.
-- alert_cycle/alert_state record the highest state announced in a cycle:
-- claiming an alert is one conditional UPDATE (no transaction needed).
CREATE TABLE maintenance_plans (
	id                   TEXT PRIMARY KEY,
	machine_id           TEXT NOT NULL,
	owner_id             TEXT NOT NULL,
	name                 TEXT NOT NULL,
	type                 TEXT NOT NULL DEFAULT '',
	interval_hours       REAL,
	interval_days        INTEGER,
	due_soon_hours       REAL,
	due_soon_days        INTEGER,
	start_hours          REAL NOT NULL,
	started_at           INTEGER NOT NULL,
	last_completed_at    INTEGER,
	last_completed_hours REAL,
	cycle                INTEGER NOT NULL DEFAULT 0,
	alert_cycle          INTEGER NOT NULL DEFAULT 0,
	alert_state          INTEGER NOT NULL DEFAULT 0,
	created_at           INTEGER NOT NULL
);
CREATE INDEX maintenance_plans_machine ON maintenance_plans(machine_id, id);
CREATE INDEX maintenance_plans_owner ON maintenance_plans(owner_id, id);

CREATE TABLE maintenance_completions (
	id              TEXT PRIMARY KEY,
	plan_id         TEXT NOT NULL REFERENCES maintenance_plans(id) ON DELETE CASCADE,
	machine_id      TEXT NOT NULL,
	performed_by    TEXT NOT NULL,
	operating_hours REAL NOT NULL,
	performed_at    INTEGER NOT NULL,
	notes           TEXT NOT NULL DEFAULT '',
	cycle           INTEGER NOT NULL,
	UNIQUE (plan_id, cycle)
);
