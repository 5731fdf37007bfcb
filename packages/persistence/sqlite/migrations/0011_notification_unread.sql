-- Each user's unread count, kept in the same transaction as every change, so
-- that reading it is one primary-key lookup however large the user's unread
-- backlog. Reads and deletes are counted by the triggers below; inserts by
-- the notification repository's batch insert, one statement per batch
-- (addUnreadCounts), which is far cheaper than a trigger per row.
CREATE TABLE notification_unread (
	user_id TEXT PRIMARY KEY,
	count   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO notification_unread (user_id, count)
	SELECT user_id, COUNT(*) FROM notifications WHERE read = 0 GROUP BY user_id;

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
