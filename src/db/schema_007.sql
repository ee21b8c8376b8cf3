-- Version 7: the operation log. Every operation applied through the core's one entry point
-- (`ops::apply`: a mark typed, an absence, a lesson saved...) in commit order: who, when, the
-- operation in its versioned JSON form and the ids it created, hash-chained like the audit log.
-- Each audit entry an operation wrote names it (`audit.op_id`); entries written before version 7
-- have none and verify as before.
CREATE TABLE op_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    staff_id    INTEGER REFERENCES staff(id),
    line        TEXT NOT NULL,
    created     TEXT NOT NULL DEFAULT '[]',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);

CREATE TRIGGER op_log_no_update BEFORE UPDATE ON op_log
BEGIN SELECT RAISE(ABORT, 'the operation log is append-only'); END;
CREATE TRIGGER op_log_no_delete BEFORE DELETE ON op_log
BEGIN SELECT RAISE(ABORT, 'the operation log is append-only'); END;

-- Deferred: an operation's audit entries are written before its log row, which holds what it created.
ALTER TABLE audit ADD COLUMN op_id INTEGER REFERENCES op_log(id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX audit_op ON audit(op_id) WHERE op_id IS NOT NULL;
