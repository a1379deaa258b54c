-- The insights library, "you said, we did" and "has this already been
-- asked?". Kept in step with ../sqlite/0008_insights.sql: same tables,
-- columns and constraint names, except the search index, which is each
-- engine's own (a tsvector column here, FTS5 there).

CREATE TABLE insights (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT insights_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT insights_organisation_id_fkey REFERENCES organisations (id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    findings TEXT NOT NULL,
    source TEXT NOT NULL CONSTRAINT insights_source_check CHECK (source IN ('project', 'activity', 'survey', 'partner_report', 'other')),
    source_detail TEXT,
    project_id BIGINT CONSTRAINT insights_project_id_fkey REFERENCES projects (id),
    activity_id BIGINT CONSTRAINT insights_activity_id_fkey REFERENCES activities (id),
    method TEXT NOT NULL CONSTRAINT insights_method_check CHECK (method IN
        ('information', 'consultation', 'community_engagement', 'stakeholder_engagement', 'involvement', 'participation', 'co_production')),
    rung TEXT NOT NULL CONSTRAINT insights_rung_check CHECK (rung IN
        ('coercion', 'educating', 'informing', 'consultation', 'engagement', 'co_design', 'co_production')),
    happened_on TEXT,
    people_count BIGINT CONSTRAINT insights_people_count_check CHECK (people_count IS NULL OR people_count > 0),
    consent_to_reuse BIGINT NOT NULL DEFAULT 0 CONSTRAINT insights_consent_to_reuse_check CHECK (consent_to_reuse IN (0, 1)),
    visibility TEXT NOT NULL CONSTRAINT insights_visibility_check CHECK (visibility IN ('organisation', 'partnership', 'public')),
    created_by BIGINT CONSTRAINT insights_created_by_fkey REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_by BIGINT CONSTRAINT insights_updated_by_fkey REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    -- Nothing people said is published without their consent.
    CONSTRAINT insights_public_consent_check CHECK (visibility <> 'public' OR consent_to_reuse = 1)
);
CREATE INDEX insights_visibility_idx ON insights (visibility, organisation_id, id);
CREATE INDEX insights_organisation_idx ON insights (organisation_id, id);
CREATE INDEX insights_project_idx ON insights (project_id);
CREATE INDEX insights_activity_idx ON insights (activity_id);

-- Topics (the partnership's list), service areas and localities.
CREATE TABLE insight_tags (
    insight_id BIGINT NOT NULL CONSTRAINT insight_tags_insight_id_fkey REFERENCES insights (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CONSTRAINT insight_tags_kind_check CHECK (kind IN ('topic', 'service_area', 'locality')),
    value TEXT NOT NULL,
    CONSTRAINT insight_tags_pkey PRIMARY KEY (insight_id, kind, value)
);
CREATE INDEX insight_tags_value_idx ON insight_tags (kind, value, insight_id);

-- Files kept in the database, never under the web root; `text` is what
-- was read out of them for searching.
CREATE TABLE insight_attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT insight_attachments_pkey PRIMARY KEY,
    insight_id BIGINT NOT NULL CONSTRAINT insight_attachments_insight_id_fkey REFERENCES insights (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CONSTRAINT insight_attachments_size_bytes_check CHECK (size_bytes > 0),
    content BYTEA NOT NULL,
    text TEXT NOT NULL,
    uploaded_by BIGINT CONSTRAINT insight_attachments_uploaded_by_fkey REFERENCES users (id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX insight_attachments_insight_idx ON insight_attachments (insight_id, id);

-- "You said, we did": what people said and what was done about it.
CREATE TABLE you_said (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT you_said_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT you_said_organisation_id_fkey REFERENCES organisations (id),
    statement TEXT NOT NULL,
    theme TEXT NOT NULL,
    insight_id BIGINT CONSTRAINT you_said_insight_id_fkey REFERENCES insights (id),
    activity_id BIGINT CONSTRAINT you_said_activity_id_fkey REFERENCES activities (id),
    action TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT,
    status TEXT NOT NULL CONSTRAINT you_said_status_check CHECK (status IN ('planned', 'in_progress', 'done', 'not_possible')),
    reason TEXT,
    published BIGINT NOT NULL DEFAULT 0 CONSTRAINT you_said_published_check CHECK (published IN (0, 1)),
    status_changed_at BIGINT NOT NULL,
    created_by BIGINT CONSTRAINT you_said_created_by_fkey REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT you_said_source_check CHECK (insight_id IS NOT NULL OR activity_id IS NOT NULL),
    CONSTRAINT you_said_reason_check CHECK ((status = 'not_possible') = (reason IS NOT NULL))
);
CREATE INDEX you_said_published_idx ON you_said (published, status_changed_at, id);
CREATE INDEX you_said_organisation_idx ON you_said (organisation_id, id);
CREATE INDEX you_said_insight_idx ON you_said (insight_id);

CREATE TABLE you_said_topics (
    entry_id BIGINT NOT NULL CONSTRAINT you_said_topics_entry_id_fkey REFERENCES you_said (id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    CONSTRAINT you_said_topics_pkey PRIMARY KEY (entry_id, topic)
);
CREATE INDEX you_said_topics_topic_idx ON you_said_topics (topic, entry_id);

-- The people who said it and agreed to hear what happened.
CREATE TABLE you_said_people (
    entry_id BIGINT NOT NULL CONSTRAINT you_said_people_entry_id_fkey REFERENCES you_said (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL CONSTRAINT you_said_people_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    CONSTRAINT you_said_people_pkey PRIMARY KEY (entry_id, person_id)
);
CREATE INDEX you_said_people_person_idx ON you_said_people (person_id);

-- Each change of an action's status, with the day it happened.
CREATE TABLE you_said_updates (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT you_said_updates_pkey PRIMARY KEY,
    entry_id BIGINT NOT NULL CONSTRAINT you_said_updates_entry_id_fkey REFERENCES you_said (id) ON DELETE CASCADE,
    status TEXT NOT NULL CONSTRAINT you_said_updates_status_check CHECK (status IN ('planned', 'in_progress', 'done', 'not_possible')),
    reason TEXT,
    told BIGINT NOT NULL DEFAULT 0,
    changed_by BIGINT CONSTRAINT you_said_updates_changed_by_fkey REFERENCES users (id),
    changed_at BIGINT NOT NULL
);
CREATE INDEX you_said_updates_entry_idx ON you_said_updates (entry_id, id);

-- "Has this already been asked?": an officer's check before asking
-- people again, kept with the project or activity.
CREATE TABLE asked_checks (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT asked_checks_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT asked_checks_organisation_id_fkey REFERENCES organisations (id),
    project_id BIGINT CONSTRAINT asked_checks_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
    activity_id BIGINT CONSTRAINT asked_checks_activity_id_fkey REFERENCES activities (id) ON DELETE CASCADE,
    decision TEXT NOT NULL CONSTRAINT asked_checks_decision_check CHECK (decision IN ('go_ahead', 'reuse', 'join_up')),
    note TEXT,
    topics TEXT NOT NULL,
    shown BIGINT NOT NULL,
    checked_by BIGINT CONSTRAINT asked_checks_checked_by_fkey REFERENCES users (id),
    checked_at BIGINT NOT NULL,
    CONSTRAINT asked_checks_subject_check CHECK ((project_id IS NULL) <> (activity_id IS NULL))
);
CREATE INDEX asked_checks_project_idx ON asked_checks (project_id, id);
CREATE INDEX asked_checks_activity_idx ON asked_checks (activity_id, id);

-- Full-text search with PostgreSQL's own text search: the title weighs
-- most, then the summary, the findings and the attachments' text. Kept in
-- step by the store in the same transaction as every change.
CREATE TABLE insight_search (
    insight_id BIGINT NOT NULL CONSTRAINT insight_search_pkey PRIMARY KEY
        CONSTRAINT insight_search_insight_id_fkey REFERENCES insights (id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
CREATE INDEX insight_search_document_idx ON insight_search USING GIN (document);
