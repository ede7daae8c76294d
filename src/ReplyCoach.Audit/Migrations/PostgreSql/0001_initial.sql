-- ReplyCoach audit trail, PostgreSQL. Same shape as the SQLite schema so one set of queries serves both:
-- times are Unix milliseconds (UTC), week is the Unix milliseconds of the week's Monday 00:00 UTC, booleans 0/1.
-- Draft text lives only in audit_text, so retention and redaction erase it by deleting rows (and VACUUM FULL of
-- that small table rewrites its file without them).
CREATE TABLE audit_flag (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    check_id          text             NOT NULL,
    agent_id          text             NOT NULL,
    agent_name        text,
    team              text             NOT NULL DEFAULT '',
    checked_at        bigint           NOT NULL,
    week              bigint           NOT NULL,
    message_hash      text,
    conversation_hash text,
    level             smallint         NOT NULL,
    risk              double precision NOT NULL,
    s_hostility       double precision NOT NULL,
    s_blame           double precision NOT NULL,
    s_generalization  double precision NOT NULL,
    s_threat          double precision NOT NULL,
    s_condescension   double precision NOT NULL,
    s_dismissiveness  double precision NOT NULL,
    s_profanity       double precision NOT NULL,
    flagged_mask      integer          NOT NULL,
    source            smallint         NOT NULL,
    outcome           smallint         NOT NULL DEFAULT 0,
    risk_at_send      double precision,
    outcome_at        bigint,
    improved          smallint         NOT NULL DEFAULT 0,
    counted           smallint         NOT NULL DEFAULT 0,
    redaction         smallint         NOT NULL,
    text_purged       smallint         NOT NULL DEFAULT 0,
    reviewed          smallint         NOT NULL DEFAULT 0,
    reviewed_at       bigint,
    reviewed_by       text,
    coaching_note     text,
    false_positive    smallint         NOT NULL DEFAULT 0,
    fp_by             text,
    fp_at             bigint,
    detail            text             NOT NULL
);

CREATE UNIQUE INDEX ux_audit_flag_check ON audit_flag (check_id);

-- id is part of each index so keyset paging (checked_at, id) and index-only aggregates need no heap visit.
CREATE INDEX ix_audit_flag_team ON audit_flag (team, checked_at, id) INCLUDE (week, flagged_mask, level, outcome, improved, counted, false_positive, reviewed);
CREATE INDEX ix_audit_flag_agent ON audit_flag (agent_id, checked_at, id) INCLUDE (week, flagged_mask, level, outcome, improved, counted, false_positive, reviewed);
CREATE INDEX ix_audit_flag_time ON audit_flag (checked_at, id) INCLUDE (week, flagged_mask, level, outcome, improved, counted, false_positive, reviewed);

CREATE TABLE audit_text (
    flag_id  bigint   NOT NULL REFERENCES audit_flag (id) ON DELETE CASCADE,
    kind     smallint NOT NULL,
    ordinal  integer  NOT NULL,
    body     text     NOT NULL,
    PRIMARY KEY (flag_id, kind, ordinal)
);
