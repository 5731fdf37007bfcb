-- The notifications table in each user's order: its primary key becomes
-- (user_id, id), so that a user's notifications lie side by side in the
-- table's own B-tree. The replay after a Last-Event-ID, the inbox page, the
-- unread listing and mark-all-read read one range of rows instead of a range
-- of the (user_id, id, read) index and then each row by its id, a B-tree
-- search per row: on a store of 10 M notifications each of those searches
-- mostly reads a page no connection holds. The index of ids (unique: ids are
-- unique across users) serves lookups by id alone (a request key's
-- notification); the created_at index stays for the TTL purge, and holds the
-- primary key (user_id, id) of each row it points to.
--
-- The rows are copied in the new order; on a large store this migration
-- takes a while (the copy of 10 M rows is one sort), once.
CREATE TABLE notifications_by_user (
	id          TEXT NOT NULL,
	user_id     TEXT NOT NULL,
	type        TEXT NOT NULL,
	title       TEXT NOT NULL,
	message     TEXT NOT NULL,
	metadata    TEXT NOT NULL DEFAULT '{}',
	action_url  TEXT NOT NULL DEFAULT '',
	priority    TEXT NOT NULL,
	source      TEXT NOT NULL DEFAULT '',
	read        INTEGER NOT NULL DEFAULT 0,
	read_at     INTEGER,
	created_at  INTEGER NOT NULL,
	seq         INTEGER NOT NULL DEFAULT 0,
	archived_at INTEGER,
	PRIMARY KEY (user_id, id)
) WITHOUT ROWID;

INSERT INTO notifications_by_user (id, user_id, type, title, message, metadata, action_url, priority, source,
		read, read_at, created_at, seq, archived_at)
	SELECT id, user_id, type, title, message, metadata, action_url, priority, source,
		read, read_at, created_at, seq, archived_at
	FROM notifications ORDER BY user_id, id;

-- Dropping the table drops its indexes and triggers; both come back below,
-- the triggers as 0011_notification_unread.sql made them.
DROP TABLE notifications;
ALTER TABLE notifications_by_user RENAME TO notifications;

CREATE UNIQUE INDEX notifications_id ON notifications (id);
CREATE INDEX notifications_created_at ON notifications (created_at);

CREATE TRIGGER notifications_unread_delete AFTER DELETE ON notifications WHEN OLD.read = 0
BEGIN
	UPDATE notification_unread SET count = count - 1 WHERE user_id = OLD.user_id;
END;

CREATE TRIGGER notifications_unread_update AFTER UPDATE OF read, user_id ON notifications
	WHEN OLD.read <> NEW.read OR OLD.user_id <> NEW.user_id
BEGIN
	UPDATE notification_unread SET count = count - 1 WHERE user_id = OLD.user_id AND OLD.read = 0;
	INSERT INTO notification_unread (user_id, count) SELECT NEW.user_id, 1 WHERE NEW.read = 0
		ON CONFLICT (user_id) DO UPDATE SET count = count + 1;
END;
