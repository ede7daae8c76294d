-- False positives are few: the lead's "false positives" view and the training export read them through this
-- partial index instead of scanning the team's whole history.
CREATE INDEX ix_audit_flag_false_positive ON audit_flag (team, checked_at) WHERE false_positive = 1;
