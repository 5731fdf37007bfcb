CREATE TABLE issues (
	id               TEXT PRIMARY KEY,
	machine_id       TEXT NOT NULL,
	owner_id         TEXT NOT NULL,
	reporter_id      TEXT NOT NULL,
	title            TEXT NOT NULL DEFAULT '',
	description      TEXT NOT NULL DEFAULT '',
	severity         TEXT NOT NULL,
	status           TEXT NOT NULL,
	check_id         TEXT,             -- the quick check that opened it (NULL: by hand)
	item_key         TEXT,
	work_order_id    TEXT NOT NULL DEFAULT '',
	acknowledged_by  TEXT NOT NULL DEFAULT '',
	acknowledged_at  INTEGER,
	closed_by        TEXT NOT NULL DEFAULT '',
	closed_at        INTEGER,
	rev              INTEGER NOT NULL,
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL
);
-- One issue per failed check item: opening them again is a no-op.
CREATE UNIQUE INDEX issues_check_item ON issues(check_id, item_key) WHERE check_id IS NOT NULL;
CREATE INDEX issues_machine ON issues(machine_id, id DESC);
CREATE INDEX issues_machine_status ON issues(machine_id, status, id DESC);

CREATE TABLE issue_comments (
	id         TEXT PRIMARY KEY,
	issue_id   TEXT NOT NULL,
	author_id  TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX issue_comments_issue ON issue_comments(issue_id, id);

-- Whether operators may acknowledge and close issues: per machine, or per fleet (machine_id '').
CREATE TABLE issue_resolve_policies (
	owner_id   TEXT NOT NULL,
	machine_id TEXT NOT NULL,
	allow      INTEGER NOT NULL,
	PRIMARY KEY (owner_id, machine_id)
);
