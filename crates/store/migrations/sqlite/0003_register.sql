-- The register of experts by experience. Kept in step with
-- ../postgres/0003_register.sql: same tables, columns and constraint names.

-- Lists the partnership sets for itself: localities and topics.
CREATE TABLE vocabulary (
    id INTEGER CONSTRAINT vocabulary_pkey PRIMARY KEY,
    kind TEXT NOT NULL CONSTRAINT vocabulary_kind_check CHECK (kind IN ('locality', 'topic')),
    slug TEXT NOT NULL,
    label TEXT NOT NULL,
    position BIGINT NOT NULL
);
CREATE UNIQUE INDEX vocabulary_kind_slug_key ON vocabulary (kind, slug);

-- The organisation that keeps people who apply through the public form.
ALTER TABLE partnership ADD COLUMN register_organisation_id BIGINT
    CONSTRAINT partnership_register_organisation_id_fkey REFERENCES organisations (id);

CREATE TABLE people (
    id INTEGER CONSTRAINT people_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT people_organisation_id_fkey REFERENCES organisations (id),
    name TEXT NOT NULL,
    search_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    phone_digits TEXT,
    address TEXT,
    postcode TEXT,
    supporter_name TEXT,
    supporter_contact TEXT,
    other_language TEXT,
    access_other TEXT,
    experience_other TEXT,
    recognition TEXT CONSTRAINT people_recognition_check
        CHECK (recognition IS NULL OR recognition IN ('paid', 'vouchers', 'volunteer', 'not_sure')),
    status TEXT NOT NULL CONSTRAINT people_status_check
        CHECK (status IN ('enquiry', 'contacted', 'onboarding', 'active', 'paused', 'left')),
    source TEXT NOT NULL CONSTRAINT people_source_check
        CHECK (source IN ('public_form', 'easy_read_form', 'staff', 'import')),
    entered_by_user_id BIGINT CONSTRAINT people_entered_by_user_id_fkey REFERENCES users (id),
    review_needed BIGINT NOT NULL DEFAULT 0 CONSTRAINT people_review_needed_check CHECK (review_needed IN (0, 1)),
    last_involved_on TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX people_organisation_idx ON people (organisation_id, id);
CREATE INDEX people_email_idx ON people (organisation_id, email);
CREATE INDEX people_phone_idx ON people (organisation_id, phone_digits);
CREATE INDEX people_status_idx ON people (organisation_id, status, id);
CREATE INDEX people_search_name_idx ON people (organisation_id, search_name);

-- Every list answer of a person (formats, access needs, areas, topics,
-- localities, days, times, ways of taking part, contact methods), one row
-- each, so the register can filter on any of them with an index.
CREATE TABLE person_tags (
    person_id BIGINT NOT NULL CONSTRAINT person_tags_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    CONSTRAINT person_tags_pkey PRIMARY KEY (person_id, kind, value)
);
CREATE INDEX person_tags_value_idx ON person_tags (kind, value, person_id);

CREATE TABLE person_status_changes (
    id INTEGER CONSTRAINT person_status_changes_pkey PRIMARY KEY,
    person_id BIGINT NOT NULL CONSTRAINT person_status_changes_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_on TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    changed_by BIGINT CONSTRAINT person_status_changes_changed_by_fkey REFERENCES users (id)
);
CREATE INDEX person_status_changes_person_idx ON person_status_changes (person_id, id);

CREATE TABLE person_notes (
    id INTEGER CONSTRAINT person_notes_pkey PRIMARY KEY,
    person_id BIGINT NOT NULL CONSTRAINT person_notes_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    author_user_id BIGINT CONSTRAINT person_notes_author_user_id_fkey REFERENCES users (id),
    author_label TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX person_notes_person_idx ON person_notes (person_id, id);

CREATE TABLE consents (
    id INTEGER CONSTRAINT consents_pkey PRIMARY KEY,
    person_id BIGINT NOT NULL CONSTRAINT consents_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CONSTRAINT consents_kind_check CHECK (kind IN ('register', 'contact')),
    method TEXT NOT NULL CONSTRAINT consents_method_check
        CHECK (method IN ('online_form', 'easy_read_form', 'paper', 'phone', 'in_person', 'import')),
    notice_version TEXT NOT NULL,
    given_at BIGINT NOT NULL,
    recorded_by BIGINT CONSTRAINT consents_recorded_by_fkey REFERENCES users (id),
    withdrawn_at BIGINT
);
CREATE INDEX consents_person_idx ON consents (person_id, id);

CREATE TABLE onboarding_steps (
    id INTEGER CONSTRAINT onboarding_steps_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT onboarding_steps_organisation_id_fkey REFERENCES organisations (id),
    position BIGINT NOT NULL,
    label TEXT NOT NULL
);
CREATE UNIQUE INDEX onboarding_steps_label_key ON onboarding_steps (organisation_id, label);

CREATE TABLE person_onboarding (
    person_id BIGINT NOT NULL CONSTRAINT person_onboarding_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    step_id BIGINT NOT NULL CONSTRAINT person_onboarding_step_id_fkey REFERENCES onboarding_steps (id) ON DELETE CASCADE,
    done_on TEXT NOT NULL,
    done_by BIGINT CONSTRAINT person_onboarding_done_by_fkey REFERENCES users (id),
    CONSTRAINT person_onboarding_pkey PRIMARY KEY (person_id, step_id)
);

CREATE TABLE contact_log (
    id INTEGER CONSTRAINT contact_log_pkey PRIMARY KEY,
    person_id BIGINT NOT NULL CONSTRAINT contact_log_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    contacted_at BIGINT NOT NULL,
    method TEXT NOT NULL,
    summary TEXT NOT NULL,
    by_user BIGINT CONSTRAINT contact_log_by_user_fkey REFERENCES users (id)
);
CREATE INDEX contact_log_person_idx ON contact_log (person_id, id);

-- Equality monitoring answers: deliberately not linked to a person, and
-- reported only as totals.
CREATE TABLE equality_responses (
    id INTEGER CONSTRAINT equality_responses_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT equality_responses_organisation_id_fkey REFERENCES organisations (id),
    submitted_on TEXT NOT NULL,
    age_band TEXT NOT NULL,
    sex TEXT NOT NULL,
    gender_identity TEXT NOT NULL,
    ethnicity TEXT NOT NULL,
    disability TEXT NOT NULL,
    religion TEXT NOT NULL,
    sexual_orientation TEXT NOT NULL
);
CREATE INDEX equality_responses_organisation_idx ON equality_responses (organisation_id);

-- Answers to a multi-page public form, kept between pages for a visitor
-- without an account. Removed when sent or out of date.
CREATE TABLE form_drafts (
    id_hash TEXT NOT NULL CONSTRAINT form_drafts_pkey PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
