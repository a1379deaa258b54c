-- Foundation: the partnership, organisations, staff, sessions, tokens, the
-- audit trail and the job queue. Kept in step with
-- ../sqlite/0001_foundation.sql: same tables, columns and constraint names.

CREATE TABLE partnership (
    id BIGINT CONSTRAINT partnership_pkey PRIMARY KEY CONSTRAINT partnership_single_row CHECK (id = 1),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE organisations (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT organisations_pkey PRIMARY KEY,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CONSTRAINT organisations_kind_check
        CHECK (kind IN ('council', 'nhs', 'care_provider', 'voluntary_sector', 'other')),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX organisations_slug_key ON organisations (slug);

CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT users_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT users_organisation_id_fkey REFERENCES organisations (id),
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CONSTRAINT users_role_check
        CHECK (role IN ('admin', 'lead', 'officer', 'finance', 'board', 'partner')),
    password_hash TEXT,
    active BIGINT NOT NULL DEFAULT 1 CONSTRAINT users_active_check CHECK (active IN (0, 1)),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_organisation_id_idx ON users (organisation_id, id);

CREATE TABLE sessions (
    id_hash TEXT NOT NULL CONSTRAINT sessions_pkey PRIMARY KEY,
    user_id BIGINT NOT NULL CONSTRAINT sessions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE sign_in_failures (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT sign_in_failures_pkey PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_key_idx ON sign_in_failures (throttle_key, failed_at);

CREATE TABLE password_tokens (
    token_hash TEXT NOT NULL CONSTRAINT password_tokens_pkey PRIMARY KEY,
    user_id BIGINT NOT NULL CONSTRAINT password_tokens_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CONSTRAINT password_tokens_purpose_check CHECK (purpose IN ('set', 'reset')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_tokens_user_id_idx ON password_tokens (user_id);

CREATE TABLE api_tokens (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT api_tokens_pkey PRIMARY KEY,
    user_id BIGINT NOT NULL CONSTRAINT api_tokens_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_token_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

CREATE TABLE audit_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT audit_events_pkey PRIMARY KEY,
    occurred_at BIGINT NOT NULL,
    actor_user_id BIGINT CONSTRAINT audit_events_actor_user_id_fkey REFERENCES users (id),
    actor_label TEXT NOT NULL,
    organisation_id BIGINT CONSTRAINT audit_events_organisation_id_fkey REFERENCES organisations (id),
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id BIGINT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_events_organisation_idx ON audit_events (organisation_id, id);
CREATE INDEX audit_events_record_idx ON audit_events (record_type, record_id);

-- The audit trail is append-only: nothing may change or remove an entry.
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE jobs (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT jobs_pkey PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    last_error TEXT,
    done_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due_idx ON jobs (done_at, run_at);
