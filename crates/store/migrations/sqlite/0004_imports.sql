-- Spreadsheet imports in progress: the table read from the file, the
-- columns the officer confirmed, and the outcome. Kept in step with
-- ../postgres/0004_imports.sql.
CREATE TABLE import_batches (
    id INTEGER CONSTRAINT import_batches_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT import_batches_organisation_id_fkey REFERENCES organisations (id),
    user_id BIGINT NOT NULL CONSTRAINT import_batches_user_id_fkey REFERENCES users (id),
    file_name TEXT NOT NULL,
    table_json TEXT NOT NULL,
    mapping_json TEXT,
    result_json TEXT,
    created_at BIGINT NOT NULL,
    imported_at BIGINT
);
CREATE INDEX import_batches_organisation_idx ON import_batches (organisation_id, id);
