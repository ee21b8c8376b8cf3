-- Version 5: lessons placed by hand. The deputy director adds a lesson outside the timetable (an
-- extra lesson, a lesson made up after a cancellation) or moves one to another date or bell; laying
-- the timetable out again must leave such a lesson where it was put, and must not fill again the
-- timetable slot a lesson was moved away from.
ALTER TABLE lesson ADD COLUMN extra INTEGER NOT NULL DEFAULT 0;
-- Where a moved lesson stood in the timetable; NULL for a lesson in its own slot.
ALTER TABLE lesson ADD COLUMN moved_from TEXT;
ALTER TABLE lesson ADD COLUMN moved_from_no INTEGER;
