CREATE TABLE machines (
	id              TEXT PRIMARY KEY,
	owner_id        TEXT NOT NULL,
	serial_number   TEXT NOT NULL,
	name            TEXT NOT NULL,
	brand           TEXT NOT NULL DEFAULT '',
	model           TEXT NOT NULL DEFAULT '',
	type            TEXT NOT NULL DEFAULT '',
	operating_hours REAL NOT NULL,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL,
	UNIQUE (owner_id, serial_number)
);

CREATE TABLE machine_operators (
	machine_id TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
	user_id    TEXT NOT NULL,
	PRIMARY KEY (machine_id, user_id)
);
CREATE INDEX machine_operators_user ON machine_operators(user_id);

CREATE TABLE machine_readings (
	id              TEXT PRIMARY KEY,
	machine_id      TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
	author_id       TEXT NOT NULL,
	operating_hours REAL NOT NULL,
	recorded_at     INTEGER NOT NULL
);
CREATE INDEX machine_readings_machine ON machine_readings(machine_id, recorded_at DESC, id DESC);
