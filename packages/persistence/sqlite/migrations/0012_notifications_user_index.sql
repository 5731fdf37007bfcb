-- One index of a user's notifications instead of two: (user_id, id) for
-- listings and replay, with read in the entry so that unread listings and
-- mark-all-read skip read ones without reading their rows. The partial index
-- of unread rows served the unread counts, which notification_unread keeps
-- now; each insert wrote a page of both indexes, in a random place of each.
DROP INDEX notifications_user_unread;
DROP INDEX notifications_user_id;
CREATE INDEX notifications_user_id_read ON notifications (user_id, id, read);
