-- Paying people: dated rates, fees from attendance, expenses claims with
-- receipts, each person's choices and earnings limits, and payment runs.
-- Kept in step with ../sqlite/0007_payments.sql: same tables, columns and
-- constraint names.

-- How many days from an activity to payment the organisation aims for.
ALTER TABLE organisations ADD COLUMN payment_target_days BIGINT NOT NULL DEFAULT 14;

-- Which fee rate an activity pays, by the rate's role. No role: unpaid.
ALTER TABLE activities ADD COLUMN fee_role TEXT;

CREATE TABLE rates (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT rates_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT rates_organisation_id_fkey REFERENCES organisations (id),
    category TEXT NOT NULL CONSTRAINT rates_category_check CHECK (category IN ('fee', 'expense')),
    role TEXT,
    unit TEXT CONSTRAINT rates_unit_check CHECK (unit IS NULL OR unit IN ('hour', 'half_day', 'day', 'session')),
    pays_preparation BIGINT NOT NULL DEFAULT 0 CONSTRAINT rates_pays_preparation_check CHECK (pays_preparation IN (0, 1)),
    expense_kind TEXT CONSTRAINT rates_expense_kind_check CHECK (expense_kind IS NULL OR expense_kind IN
        ('mileage', 'public_transport', 'taxi', 'care_cover', 'childcare', 'meals', 'other')),
    amount_pence BIGINT NOT NULL CONSTRAINT rates_amount_pence_check CHECK (amount_pence > 0),
    effective_from TEXT NOT NULL,
    effective_to TEXT,
    example BIGINT NOT NULL DEFAULT 0 CONSTRAINT rates_example_check CHECK (example IN (0, 1)),
    created_by BIGINT CONSTRAINT rates_created_by_fkey REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CONSTRAINT rates_what_check CHECK ((category = 'fee' AND role IS NOT NULL AND unit IS NOT NULL AND expense_kind IS NULL)
        OR (category = 'expense' AND expense_kind IS NOT NULL AND role IS NULL AND unit IS NULL)),
    CONSTRAINT rates_dates_check CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX rates_organisation_idx ON rates (organisation_id, category, effective_from);

-- A person's standing choice about fees, and benefits advice.
CREATE TABLE payment_preferences (
    person_id BIGINT NOT NULL CONSTRAINT payment_preferences_pkey PRIMARY KEY
        CONSTRAINT payment_preferences_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    choice TEXT NOT NULL CONSTRAINT payment_preferences_choice_check CHECK (choice IN ('take', 'reduced', 'decline', 'charity', 'vouchers')),
    reduced_pence BIGINT CONSTRAINT payment_preferences_reduced_pence_check CHECK (reduced_pence IS NULL OR reduced_pence >= 0),
    charity TEXT,
    method TEXT CONSTRAINT payment_preferences_method_check CHECK (method IS NULL OR method IN ('bank_transfer', 'payroll', 'vouchers')),
    advice_offered_on TEXT,
    advice_offered_by BIGINT CONSTRAINT payment_preferences_advice_offered_by_fkey REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

-- A choice for one activity, which wins over the standing one.
CREATE TABLE fee_choices (
    invitation_id BIGINT NOT NULL CONSTRAINT fee_choices_pkey PRIMARY KEY
        CONSTRAINT fee_choices_invitation_id_fkey REFERENCES invitations (id) ON DELETE CASCADE,
    choice TEXT NOT NULL CONSTRAINT fee_choices_choice_check CHECK (choice IN ('take', 'reduced', 'decline', 'charity', 'vouchers')),
    reduced_pence BIGINT CONSTRAINT fee_choices_reduced_pence_check CHECK (reduced_pence IS NULL OR reduced_pence >= 0),
    charity TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE earnings_limits (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT earnings_limits_pkey PRIMARY KEY,
    person_id BIGINT NOT NULL CONSTRAINT earnings_limits_person_id_fkey REFERENCES people (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    amount_pence BIGINT NOT NULL CONSTRAINT earnings_limits_amount_pence_check CHECK (amount_pence > 0),
    period TEXT NOT NULL CONSTRAINT earnings_limits_period_check CHECK (period IN ('week', 'month', 'tax_year')),
    created_at BIGINT NOT NULL
);
CREATE INDEX earnings_limits_person_idx ON earnings_limits (person_id);

CREATE TABLE payment_runs (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT payment_runs_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT payment_runs_organisation_id_fkey REFERENCES organisations (id),
    status TEXT NOT NULL CONSTRAINT payment_runs_status_check CHECK (status IN ('sent', 'paid')),
    item_count BIGINT NOT NULL DEFAULT 0,
    total_pence BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT CONSTRAINT payment_runs_created_by_fkey REFERENCES users (id),
    created_at BIGINT NOT NULL,
    paid_on TEXT,
    reference TEXT,
    paid_by BIGINT CONSTRAINT payment_runs_paid_by_fkey REFERENCES users (id)
);
CREATE INDEX payment_runs_organisation_idx ON payment_runs (organisation_id, id);

CREATE TABLE fees (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT fees_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT fees_organisation_id_fkey REFERENCES organisations (id),
    person_id BIGINT NOT NULL CONSTRAINT fees_person_id_fkey REFERENCES people (id),
    activity_id BIGINT NOT NULL CONSTRAINT fees_activity_id_fkey REFERENCES activities (id),
    invitation_id BIGINT NOT NULL CONSTRAINT fees_invitation_id_fkey REFERENCES invitations (id),
    rate_id BIGINT NOT NULL CONSTRAINT fees_rate_id_fkey REFERENCES rates (id),
    activity_date TEXT NOT NULL,
    minutes BIGINT NOT NULL CONSTRAINT fees_minutes_check CHECK (minutes >= 0),
    preparation_minutes BIGINT NOT NULL CONSTRAINT fees_preparation_minutes_check CHECK (preparation_minutes >= 0),
    worked_out_pence BIGINT NOT NULL CONSTRAINT fees_worked_out_pence_check CHECK (worked_out_pence >= 0),
    amount_pence BIGINT NOT NULL CONSTRAINT fees_amount_pence_check CHECK (amount_pence >= 0),
    basis TEXT NOT NULL,
    choice TEXT NOT NULL CONSTRAINT fees_choice_check CHECK (choice IN ('take', 'reduced', 'decline', 'charity', 'vouchers')),
    charity TEXT,
    method TEXT CONSTRAINT fees_method_check CHECK (method IS NULL OR method IN ('bank_transfer', 'payroll', 'vouchers')),
    status TEXT NOT NULL CONSTRAINT fees_status_check CHECK (status IN ('submitted', 'approved', 'rejected', 'in_run', 'paid')),
    created_by BIGINT CONSTRAINT fees_created_by_fkey REFERENCES users (id),
    created_at BIGINT NOT NULL,
    decided_by BIGINT CONSTRAINT fees_decided_by_fkey REFERENCES users (id),
    decided_at BIGINT,
    rejection_reason TEXT,
    payment_run_id BIGINT CONSTRAINT fees_payment_run_id_fkey REFERENCES payment_runs (id),
    paid_on TEXT,
    payment_reference TEXT
);
CREATE UNIQUE INDEX fees_invitation_key ON fees (invitation_id);
CREATE INDEX fees_organisation_status_idx ON fees (organisation_id, status, id);
CREATE INDEX fees_person_idx ON fees (person_id, activity_date);
CREATE INDEX fees_payment_run_idx ON fees (payment_run_id);

-- Every change of a fee's amount by hand, with its reason.
CREATE TABLE fee_adjustments (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT fee_adjustments_pkey PRIMARY KEY,
    fee_id BIGINT NOT NULL CONSTRAINT fee_adjustments_fee_id_fkey REFERENCES fees (id),
    from_pence BIGINT NOT NULL,
    to_pence BIGINT NOT NULL,
    reason TEXT NOT NULL,
    adjusted_by BIGINT CONSTRAINT fee_adjustments_adjusted_by_fkey REFERENCES users (id),
    adjusted_at BIGINT NOT NULL
);
CREATE INDEX fee_adjustments_fee_idx ON fee_adjustments (fee_id, id);

-- Receipts are kept in the database, so every server process sharing it
-- can serve them and none is ever in a folder the web server shows.
CREATE TABLE receipts (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT receipts_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT receipts_organisation_id_fkey REFERENCES organisations (id),
    content_type TEXT NOT NULL CONSTRAINT receipts_content_type_check CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    file_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE expense_claims (
    id BIGINT GENERATED ALWAYS AS IDENTITY CONSTRAINT expense_claims_pkey PRIMARY KEY,
    organisation_id BIGINT NOT NULL CONSTRAINT expense_claims_organisation_id_fkey REFERENCES organisations (id),
    person_id BIGINT NOT NULL CONSTRAINT expense_claims_person_id_fkey REFERENCES people (id),
    activity_id BIGINT CONSTRAINT expense_claims_activity_id_fkey REFERENCES activities (id),
    kind TEXT NOT NULL CONSTRAINT expense_claims_kind_check CHECK (kind IN
        ('mileage', 'public_transport', 'taxi', 'care_cover', 'childcare', 'meals', 'other')),
    spent_on TEXT NOT NULL,
    amount_pence BIGINT NOT NULL CONSTRAINT expense_claims_amount_pence_check CHECK (amount_pence > 0),
    miles_tenths BIGINT CONSTRAINT expense_claims_miles_tenths_check CHECK (miles_tenths IS NULL OR miles_tenths > 0),
    rate_id BIGINT CONSTRAINT expense_claims_rate_id_fkey REFERENCES rates (id),
    description TEXT NOT NULL,
    receipt_id BIGINT CONSTRAINT expense_claims_receipt_id_fkey REFERENCES receipts (id),
    declared_at BIGINT NOT NULL,
    -- 'link' (the person, through their personal link), 'staff' or 'api'.
    submitted_via TEXT NOT NULL CONSTRAINT expense_claims_submitted_via_check CHECK (submitted_via IN ('link', 'staff', 'api')),
    submitted_by BIGINT CONSTRAINT expense_claims_submitted_by_fkey REFERENCES users (id),
    status TEXT NOT NULL CONSTRAINT expense_claims_status_check CHECK (status IN ('submitted', 'approved', 'rejected', 'in_run', 'paid')),
    created_at BIGINT NOT NULL,
    decided_by BIGINT CONSTRAINT expense_claims_decided_by_fkey REFERENCES users (id),
    decided_at BIGINT,
    rejection_reason TEXT,
    payment_run_id BIGINT CONSTRAINT expense_claims_payment_run_id_fkey REFERENCES payment_runs (id),
    paid_on TEXT,
    payment_reference TEXT
);
CREATE INDEX expense_claims_organisation_status_idx ON expense_claims (organisation_id, status, id);
CREATE INDEX expense_claims_person_idx ON expense_claims (person_id, spent_on);
CREATE INDEX expense_claims_payment_run_idx ON expense_claims (payment_run_id);
