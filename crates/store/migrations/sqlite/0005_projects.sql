-- Projects on the ladder of co-production and the decision log. Kept in
-- step with ../postgres/0005_projects.sql: same tables, columns and
-- constraint names. The rules that make a plan honest are also checks
-- here, so no write can slip past them.

CREATE TABLE projects (
    id INTEGER CONSTRAINT projects_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT projects_organisation_id_fkey REFERENCES organisations (id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    service_area TEXT NOT NULL CONSTRAINT projects_service_area_check CHECK (service_area IN
        ('home_care', 'care_homes', 'day_opportunities', 'carers', 'mental_health', 'learning_disability',
         'housing', 'information', 'direct_payments', 'hospital_discharge', 'workforce', 'strategy')),
    level TEXT NOT NULL CONSTRAINT projects_level_check CHECK (level IN ('strategic', 'service_design', 'individual')),
    lead_user_id BIGINT CONSTRAINT projects_lead_user_id_fkey REFERENCES users (id),
    starts_on TEXT,
    ends_on TEXT,
    budget_pence BIGINT CONSTRAINT projects_budget_pence_check CHECK (budget_pence IS NULL OR budget_pence >= 0),
    planned_rung TEXT NOT NULL CONSTRAINT projects_planned_rung_check CHECK (planned_rung IN
        ('coercion', 'educating', 'informing', 'consultation', 'engagement', 'co_design', 'co_production')),
    rung_reason TEXT NOT NULL,
    nc_category TEXT CONSTRAINT projects_nc_category_check CHECK (nc_category IS NULL OR nc_category IN
        ('legal_deadline', 'decided_elsewhere', 'safeguarding', 'no_budget', 'too_little_time', 'other')),
    nc_explanation TEXT,
    nc_decided_by TEXT,
    nc_instead TEXT,
    fit_power TEXT CONSTRAINT projects_fit_power_check CHECK (fit_power IS NULL OR fit_power IN ('yes', 'partly', 'no')),
    fit_time TEXT CONSTRAINT projects_fit_time_check CHECK (fit_time IS NULL OR fit_time IN ('yes', 'partly', 'no')),
    fit_money TEXT CONSTRAINT projects_fit_money_check CHECK (fit_money IS NULL OR fit_money IN ('yes', 'partly', 'no')),
    fit_access TEXT CONSTRAINT projects_fit_access_check CHECK (fit_access IS NULL OR fit_access IN ('yes', 'partly', 'no')),
    fit_notes TEXT,
    groups_involved TEXT,
    status TEXT NOT NULL CONSTRAINT projects_status_check CHECK (status IN ('planning', 'active', 'closed')),
    achieved_rung TEXT CONSTRAINT projects_achieved_rung_check CHECK (achieved_rung IS NULL OR achieved_rung IN
        ('coercion', 'educating', 'informing', 'consultation', 'engagement', 'co_design', 'co_production')),
    reflection TEXT,
    published BIGINT NOT NULL DEFAULT 0 CONSTRAINT projects_published_check CHECK (published IN (0, 1)),
    created_by BIGINT CONSTRAINT projects_created_by_fkey REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- Below co-design, the reason for not co-producing is always there.
    CONSTRAINT projects_not_coproduced_check CHECK (
        planned_rung IN ('co_design', 'co_production')
        OR (nc_category IS NOT NULL AND nc_explanation IS NOT NULL AND nc_decided_by IS NOT NULL AND nc_instead IS NOT NULL)),
    -- A closed project says what it reached, and only a closed one does.
    CONSTRAINT projects_closed_check CHECK (
        (status = 'closed') = (achieved_rung IS NOT NULL AND reflection IS NOT NULL))
);
CREATE INDEX projects_organisation_idx ON projects (organisation_id, id);
CREATE INDEX projects_published_idx ON projects (published, id);

CREATE TABLE project_methods (
    project_id BIGINT NOT NULL CONSTRAINT project_methods_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
    method TEXT NOT NULL CONSTRAINT project_methods_method_check CHECK (method IN ('information', 'consultation',
        'community_engagement', 'stakeholder_engagement', 'involvement', 'participation', 'co_production')),
    CONSTRAINT project_methods_pkey PRIMARY KEY (project_id, method)
);

CREATE TABLE project_stages (
    project_id BIGINT NOT NULL CONSTRAINT project_stages_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CONSTRAINT project_stages_stage_check CHECK (stage IN ('idea', 'design', 'delivery', 'review')),
    involved BIGINT NOT NULL CONSTRAINT project_stages_involved_check CHECK (involved IN (0, 1)),
    how TEXT,
    CONSTRAINT project_stages_pkey PRIMARY KEY (project_id, stage)
);

-- People from the register taking part, and their role.
CREATE TABLE project_members (
    project_id BIGINT NOT NULL CONSTRAINT project_members_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL CONSTRAINT project_members_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL CONSTRAINT project_members_role_check CHECK (role IN ('co_chair', 'member', 'adviser')),
    added_at BIGINT NOT NULL,
    CONSTRAINT project_members_pkey PRIMARY KEY (project_id, person_id)
);
CREATE INDEX project_members_person_idx ON project_members (person_id);

-- Every version of a project's working agreement; the newest is in force.
CREATE TABLE project_agreements (
    id INTEGER CONSTRAINT project_agreements_pkey PRIMARY KEY,
    project_id BIGINT NOT NULL CONSTRAINT project_agreements_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    how_we_work TEXT NOT NULL,
    success TEXT NOT NULL,
    agreed_by TEXT NOT NULL,
    agreed_on TEXT NOT NULL,
    recorded_by BIGINT CONSTRAINT project_agreements_recorded_by_fkey REFERENCES users (id),
    recorded_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX project_agreements_version_key ON project_agreements (project_id, version);

-- Every change of a project's planned or achieved rung: who, when and why.
CREATE TABLE project_rung_changes (
    id INTEGER CONSTRAINT project_rung_changes_pkey PRIMARY KEY,
    project_id BIGINT NOT NULL CONSTRAINT project_rung_changes_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CONSTRAINT project_rung_changes_kind_check CHECK (kind IN ('planned', 'achieved')),
    from_rung TEXT,
    to_rung TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by BIGINT CONSTRAINT project_rung_changes_changed_by_fkey REFERENCES users (id),
    changed_at BIGINT NOT NULL
);
CREATE INDEX project_rung_changes_project_idx ON project_rung_changes (project_id, id);

-- The decision log: where decisions were made and whether co-production
-- was considered.
CREATE TABLE decisions (
    id INTEGER CONSTRAINT decisions_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT decisions_organisation_id_fkey REFERENCES organisations (id),
    decided_on TEXT NOT NULL,
    title TEXT NOT NULL,
    forum TEXT NOT NULL CONSTRAINT decisions_forum_check CHECK (forum IN ('officer_meeting', 'management_team', 'cabinet_or_board', 'other')),
    coproduction_considered BIGINT NOT NULL CONSTRAINT decisions_coproduction_considered_check CHECK (coproduction_considered IN (0, 1)),
    involvement TEXT NOT NULL,
    project_id BIGINT CONSTRAINT decisions_project_id_fkey REFERENCES projects (id),
    recorded_by BIGINT CONSTRAINT decisions_recorded_by_fkey REFERENCES users (id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX decisions_organisation_idx ON decisions (organisation_id, decided_on, id);
CREATE INDEX decisions_project_idx ON decisions (project_id);
