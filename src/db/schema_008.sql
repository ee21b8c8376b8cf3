-- Version 8: what undoes each operation, kept with it, so that the changes of a compromised
-- account (seed 004 §3.4) are undone by operations whatever their kind — topics, homework,
-- cancellations, student cards, timetable and plans as well as marks. `inverse` is the JSON array
-- of operations that undo the row's operation (empty: it is not undone by an operation); rows
-- written before version 8 have none, and their changes are undone from the audit log as before.
ALTER TABLE op_log ADD COLUMN inverse TEXT;

-- Operations undone by reverting a compromised account, and the revert that undid them: a second
-- revert undoes nothing twice.
CREATE TABLE reverted_op (
    op_id       INTEGER PRIMARY KEY REFERENCES op_log(id),
    reverted_by INTEGER NOT NULL REFERENCES op_log(id) DEFERRABLE INITIALLY DEFERRED
);
