-- How many times an import job was claimed since it last advanced: the
-- runner fails a job whose runs keep failing instead of claiming it forever.
ALTER TABLE import_jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
