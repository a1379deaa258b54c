-- Activities, invitations, replies, adjustments and attendance. Kept in
-- step with ../postgres/0006_activities.sql: same tables, columns and
-- constraint names.

-- How long before an activity its reminder goes out.
ALTER TABLE organisations ADD COLUMN reminder_hours BIGINT NOT NULL DEFAULT 48;

CREATE TABLE activities (
    id INTEGER CONSTRAINT activities_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT activities_organisation_id_fkey REFERENCES organisations (id),
    project_id BIGINT CONSTRAINT activities_project_id_fkey REFERENCES projects (id),
    kind TEXT NOT NULL CONSTRAINT activities_kind_check CHECK (kind IN ('workshop', 'forum_meeting', 'board_meeting',
        'interview_panel', 'training', 'quality_check', 'focus_group', 'survey', 'other')),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    place TEXT,
    online_link TEXT,
    platform TEXT,
    places BIGINT NOT NULL CONSTRAINT activities_places_check CHECK (places >= 1),
    roles_needed TEXT,
    preparation_minutes BIGINT NOT NULL DEFAULT 0 CONSTRAINT activities_preparation_minutes_check CHECK (preparation_minutes >= 0),
    easy_read_papers BIGINT NOT NULL DEFAULT 0 CONSTRAINT activities_easy_read_papers_check CHECK (easy_read_papers IN (0, 1)),
    reply_by TEXT,
    open_to_public BIGINT NOT NULL DEFAULT 0 CONSTRAINT activities_open_to_public_check CHECK (open_to_public IN (0, 1)),
    how_to_take_part TEXT,
    created_by BIGINT CONSTRAINT activities_created_by_fkey REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT activities_times_check CHECK (ends_at > starts_at),
    CONSTRAINT activities_where_check CHECK (place IS NOT NULL OR online_link IS NOT NULL)
);
CREATE INDEX activities_organisation_idx ON activities (organisation_id, starts_at, id);
CREATE INDEX activities_public_idx ON activities (open_to_public, starts_at, id);
CREATE INDEX activities_project_idx ON activities (project_id);

CREATE TABLE activity_features (
    activity_id BIGINT NOT NULL CONSTRAINT activity_features_activity_id_fkey REFERENCES activities (id) ON DELETE CASCADE,
    feature TEXT NOT NULL CONSTRAINT activity_features_feature_check CHECK (feature IN ('step_free', 'hearing_loop',
        'accessible_toilet', 'parking', 'public_transport', 'quiet_room')),
    CONSTRAINT activity_features_pkey PRIMARY KEY (activity_id, feature)
);

-- The experience areas an activity wants to hear from, for matching.
CREATE TABLE activity_areas (
    activity_id BIGINT NOT NULL CONSTRAINT activity_areas_activity_id_fkey REFERENCES activities (id) ON DELETE CASCADE,
    area TEXT NOT NULL,
    CONSTRAINT activity_areas_pkey PRIMARY KEY (activity_id, area)
);

CREATE TABLE invitations (
    id INTEGER CONSTRAINT invitations_pkey PRIMARY KEY,
    activity_id BIGINT NOT NULL CONSTRAINT invitations_activity_id_fkey REFERENCES activities (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL CONSTRAINT invitations_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    status TEXT NOT NULL CONSTRAINT invitations_status_check CHECK (status IN ('invited', 'accepted', 'declined',
        'waiting_list', 'no_reply', 'cancelled')),
    -- Order on the waiting list: the first to ask is the first moved up.
    waiting_position BIGINT,
    asked_at BIGINT NOT NULL,
    replied_at BIGINT,
    reminded_at BIGINT,
    attendance TEXT CONSTRAINT invitations_attendance_check CHECK (attendance IS NULL OR attendance IN
        ('attended', 'apologies', 'did_not_attend')),
    minutes BIGINT CONSTRAINT invitations_minutes_check CHECK (minutes IS NULL OR minutes >= 0),
    attendance_notes TEXT,
    invited_by BIGINT CONSTRAINT invitations_invited_by_fkey REFERENCES users (id)
);
CREATE UNIQUE INDEX invitations_activity_person_key ON invitations (activity_id, person_id);
CREATE INDEX invitations_person_idx ON invitations (person_id, asked_at);
CREATE INDEX invitations_status_idx ON invitations (activity_id, status, waiting_position);

-- Each reply link (accept, decline) works once.
CREATE TABLE invitation_replies (
    invitation_id BIGINT NOT NULL CONSTRAINT invitation_replies_invitation_id_fkey REFERENCES invitations (id) ON DELETE CASCADE,
    answer TEXT NOT NULL CONSTRAINT invitation_replies_answer_check CHECK (answer IN ('accept', 'decline')),
    used_at BIGINT NOT NULL,
    CONSTRAINT invitation_replies_pkey PRIMARY KEY (invitation_id, answer)
);

-- What to arrange so each person can take part.
CREATE TABLE adjustments (
    id INTEGER CONSTRAINT adjustments_pkey PRIMARY KEY,
    invitation_id BIGINT NOT NULL CONSTRAINT adjustments_invitation_id_fkey REFERENCES invitations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    done_at BIGINT,
    done_by BIGINT CONSTRAINT adjustments_done_by_fkey REFERENCES users (id)
);
CREATE UNIQUE INDEX adjustments_invitation_kind_key ON adjustments (invitation_id, kind);

-- A private calendar feed for each member of staff.
CREATE TABLE calendar_feeds (
    user_id BIGINT NOT NULL CONSTRAINT calendar_feeds_pkey PRIMARY KEY CONSTRAINT calendar_feeds_user_id_fkey REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX calendar_feeds_token_hash_key ON calendar_feeds (token_hash);
