-- Direct messages. Ids sort by creation time and are the paging cursors.
CREATE TABLE messages (
	id           TEXT PRIMARY KEY,
	pair_key     TEXT NOT NULL,
	sender_id    TEXT NOT NULL,
	recipient_id TEXT NOT NULL,
	content      TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	read_at      INTEGER
);
-- A conversation's pages.
CREATE INDEX messages_pair ON messages (pair_key, id);
-- The conversations list reads only these two covering indexes.
CREATE INDEX messages_sender ON messages (sender_id, pair_key, id);
CREATE INDEX messages_recipient ON messages (recipient_id, pair_key, id, read_at);
-- Marking a conversation read.
CREATE INDEX messages_unread ON messages (recipient_id, sender_id) WHERE read_at IS NULL;
