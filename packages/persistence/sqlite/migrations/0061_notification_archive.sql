-- Archived notifications are kept (and listed on their own) but leave the
-- inbox; NULL: in the inbox. Archiving also marks a notification read, so the
-- unread counts of notification_unread never include an archived one.
ALTER TABLE notifications ADD COLUMN archived_at INTEGER;
