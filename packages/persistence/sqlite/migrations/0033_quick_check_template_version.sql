-- The checklist version a quick check was filled in on (0: custom, or stored before versions).
ALTER TABLE quick_checks ADD COLUMN template_version INTEGER NOT NULL DEFAULT 0;
