-- The one file a machine document may carry: its bytes are in the document
-- file store under (machine_id, file_id); file_id '' means no file. The name
-- is the safe display name, the type the sniffed one.
ALTER TABLE machine_documents ADD COLUMN file_id TEXT NOT NULL DEFAULT '';
ALTER TABLE machine_documents ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
ALTER TABLE machine_documents ADD COLUMN file_type TEXT NOT NULL DEFAULT '';
ALTER TABLE machine_documents ADD COLUMN file_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE machine_documents ADD COLUMN file_uploaded_at INTEGER NOT NULL DEFAULT 0;
