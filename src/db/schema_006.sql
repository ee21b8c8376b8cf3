-- Version 6: a course can end during the year — a class split into groups for its subject, or a
-- subject dropped. `end_date` is its last day (NULL while it runs). The journal of its past
-- dates stays as it was; no lesson and no timetable entry may lie after that day, and the year
-- rollover does not copy an ended course.
ALTER TABLE course ADD COLUMN end_date TEXT;

CREATE TRIGGER lesson_after_course_end BEFORE INSERT ON lesson
WHEN NEW.date > (SELECT end_date FROM course WHERE id = NEW.course_id)
BEGIN SELECT RAISE(ABORT, 'the course has ended: no lesson after its last day'); END;

CREATE TRIGGER lesson_moved_after_course_end BEFORE UPDATE OF date, course_id ON lesson
WHEN NEW.date > (SELECT end_date FROM course WHERE id = NEW.course_id)
BEGIN SELECT RAISE(ABORT, 'the course has ended: no lesson after its last day'); END;

CREATE TRIGGER timetable_after_course_end BEFORE INSERT ON timetable_entry
WHEN IFNULL(NEW.valid_to, '9999-12-31') > (SELECT end_date FROM course WHERE id = NEW.course_id)
BEGIN SELECT RAISE(ABORT, 'the course has ended: its timetable stops on its last day'); END;

CREATE TRIGGER timetable_moved_after_course_end
BEFORE UPDATE OF valid_from, valid_to, course_id ON timetable_entry
WHEN IFNULL(NEW.valid_to, '9999-12-31') > (SELECT end_date FROM course WHERE id = NEW.course_id)
BEGIN SELECT RAISE(ABORT, 'the course has ended: its timetable stops on its last day'); END;
