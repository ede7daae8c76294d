-- ReplyCoach audit trail, SQLite. Times are Unix milliseconds (UTC); week is the Unix milliseconds of the week's
-- Monday 00:00 UTC. Booleans are 0/1. Draft text lives only in audit_text, so retention and redaction can erase it
-- by deleting rows (secure_delete zeroes the freed bytes) without touching the record itself.
CREATE TABLE audit_flag (
    id                INTEGER PRIMARY KEY,
    check_id          TEXT    NOT NULL,
    agent_id          TEXT    NOT NULL,
    agent_name        TEXT,
    team              TEXT    NOT NULL DEFAULT '',
    checked_at        INTEGER NOT NULL,
    week              INTEGER NOT NULL,
    message_hash      TEXT,
    conversation_hash TEXT,
    level             INTEGER NOT NULL,
    risk              REAL    NOT NULL,
    s_hostility       REAL    NOT NULL,
    s_blame           REAL    NOT NULL,
    s_generalization  REAL    NOT NULL,
    s_threat          REAL    NOT NULL,
    s_condescension   REAL    NOT NULL,
    s_dismissiveness  REAL    NOT NULL,
    s_profanity       REAL    NOT NULL,
    flagged_mask      INTEGER NOT NULL,
    source            INTEGER NOT NULL,
    outcome           INTEGER NOT NULL DEFAULT 0,
    risk_at_send      REAL,
    outcome_at        INTEGER,
    improved          INTEGER NOT NULL DEFAULT 0,
    counted           INTEGER NOT NULL DEFAULT 0,
    redaction         INTEGER NOT NULL,
    text_purged       INTEGER NOT NULL DEFAULT 0,
    reviewed          INTEGER NOT NULL DEFAULT 0,
    reviewed_at       INTEGER,
    reviewed_by       TEXT,
    coaching_note     TEXT,
    false_positive    INTEGER NOT NULL DEFAULT 0,
    fp_by             TEXT,
    fp_at             INTEGER,
    detail            TEXT    NOT NULL
);

-- Idempotency: one record per check id, whoever retries.
CREATE UNIQUE INDEX ux_audit_flag_check ON audit_flag (check_id);

-- The lead's list and the weekly chart: one team, newest first / grouped by week. Every column the aggregates and
-- the common filters read is in the index, so both are answered from the index alone (rowid is implied).
CREATE INDEX ix_audit_flag_team ON audit_flag (team, checked_at, week, flagged_mask, level, outcome, improved, counted, false_positive, reviewed);

-- An agent's own records, and a lead filtering on one agent.
CREATE INDEX ix_audit_flag_agent ON audit_flag (agent_id, checked_at, week, flagged_mask, level, outcome, improved, counted, false_positive, reviewed);

-- Retention and the operator's (all teams) view.
CREATE INDEX ix_audit_flag_time ON audit_flag (checked_at, week, flagged_mask, level, outcome, improved, counted, false_positive, reviewed);

-- Kept draft text: kind 1 = span words, 2 = span sentence, 3 = suggested replacement, 4 = suggested sentence.
CREATE TABLE audit_text (
    flag_id  INTEGER NOT NULL,
    kind     INTEGER NOT NULL,
    ordinal  INTEGER NOT NULL,
    body     TEXT    NOT NULL,
    PRIMARY KEY (flag_id, kind, ordinal)
) WITHOUT ROWID;
