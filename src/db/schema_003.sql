-- Version 3: "attendance was taken" for a lesson where nobody was absent. An absence row says it by
-- itself; a lesson with no absence rows is either all present or not checked, and only this row
-- tells the two apart (seed 004: absences are entered on the day).
CREATE TABLE attendance_check (
    lesson_id   INTEGER PRIMARY KEY REFERENCES lesson(id),
    checked_by  INTEGER NOT NULL REFERENCES staff(id),
    checked_at  TEXT NOT NULL
);
