-- A machine's documents and their expiry; dates are days (YYYY-MM-DD).
CREATE TABLE machine_documents (
	id         TEXT PRIMARY KEY,
	machine_id TEXT NOT NULL,
	owner_id   TEXT NOT NULL,
	type       TEXT NOT NULL CHECK (type IN ('INSURANCE', 'INSPECTION_CERTIFICATE', 'REGISTRATION', 'CUSTOM')),
	name       TEXT NOT NULL DEFAULT '',
	number     TEXT NOT NULL DEFAULT '',
	issued_on  TEXT NOT NULL DEFAULT '',
	expires_on TEXT NOT NULL,
	created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX machine_documents_machine ON machine_documents (machine_id, expires_on);
CREATE INDEX machine_documents_expiry ON machine_documents (expires_on, id);

-- One row per reminder sent: the primary key makes a (document, threshold)
-- reminder go out once, across runs and instances.
CREATE TABLE document_reminders (
	document_id TEXT NOT NULL,
	threshold   INTEGER NOT NULL,
	PRIMARY KEY (document_id, threshold)
) WITHOUT ROWID;
