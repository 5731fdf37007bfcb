-- One row per pair of users: their pending, accepted (contacts) or declined
-- request. pair_key (smaller id ':' larger id) makes the pair unique without
-- transactions; a new request replaces a declined one in place.
CREATE TABLE contact_pairs (
	pair_key     TEXT PRIMARY KEY,
	request_id   TEXT NOT NULL UNIQUE,
	requester_id TEXT NOT NULL,
	recipient_id TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
	created_at   INTEGER NOT NULL,
	responded_at INTEGER
);
CREATE INDEX contact_pairs_requester ON contact_pairs (requester_id, status);
CREATE INDEX contact_pairs_recipient ON contact_pairs (recipient_id, status);
