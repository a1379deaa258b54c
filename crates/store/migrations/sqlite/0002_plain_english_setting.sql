-- Each organisation chooses whether public texts must pass the plain
-- English check before they are saved. Kept in step with
-- ../postgres/0002_plain_english_setting.sql.
ALTER TABLE organisations ADD COLUMN plain_english_must_pass BIGINT NOT NULL DEFAULT 0
    CONSTRAINT organisations_plain_english_must_pass_check CHECK (plain_english_must_pass IN (0, 1));
