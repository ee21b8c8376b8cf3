-- Version 4: the last state of a deleted mark or period mark, kept so that reverting the changes
-- of a compromised account (seed 004 §3.4) can restore what it removed exactly — work type and
-- comment of a mark, kind and period of a period mark — which the audit entry does not carry.
CREATE TABLE removed_row (
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    data        TEXT NOT NULL,   -- JSON of the row's columns
    PRIMARY KEY (entity, entity_id)
);

CREATE TRIGGER mark_removed AFTER DELETE ON mark
BEGIN
    INSERT OR REPLACE INTO removed_row(entity, entity_id, data) VALUES ('mark', OLD.id,
        json_object('lesson_id', OLD.lesson_id, 'student_id', OLD.student_id, 'value', OLD.value,
                    'work_type_id', OLD.work_type_id, 'comment', OLD.comment,
                    'created_by', OLD.created_by, 'created_at', OLD.created_at));
END;

CREATE TRIGGER period_mark_removed AFTER DELETE ON period_mark
BEGIN
    INSERT OR REPLACE INTO removed_row(entity, entity_id, data) VALUES ('period_mark', OLD.id,
        json_object('course_id', OLD.course_id, 'student_id', OLD.student_id, 'kind', OLD.kind,
                    'period_id', OLD.period_id, 'value', OLD.value));
END;
