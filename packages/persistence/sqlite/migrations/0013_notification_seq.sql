-- Each notification's place among its user's notifications in store order
-- (seq 1, 2, ...), and where each user stands (newest seq and id), kept in
-- the same transaction as every insert: streams deliver in seq order and
-- find a missing one by its seq. Notifications stored before keep seq 0
-- (unknown); the first one after this gets 1.
ALTER TABLE notifications ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notification_unread ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notification_unread ADD COLUMN last_id TEXT NOT NULL DEFAULT '';

INSERT INTO notification_unread (user_id, count)
	SELECT DISTINCT user_id, 0 FROM notifications WHERE true
	ON CONFLICT (user_id) DO NOTHING;
UPDATE notification_unread SET last_id = COALESCE(
	(SELECT MAX(id) FROM notifications n WHERE n.user_id = notification_unread.user_id), '');

-- Client request keys (Idempotency-Key): what a request created, written in
-- the same transaction, kept 48 hours.
CREATE TABLE request_keys (
	scope       TEXT NOT NULL,
	key         TEXT NOT NULL,
	hash        TEXT NOT NULL,
	resource_id TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX request_keys_created_at ON request_keys (created_at);
