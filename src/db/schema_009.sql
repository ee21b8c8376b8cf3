-- Version 9: a timetable's clashes found from indexes. Checking a change of the timetable looks,
-- for each of its lessons, at what else is booked at that weekday and lesson number, and at the
-- lessons the deputy placed by hand (extra or moved) from that date on; both read the whole
-- timetable and every later lesson of the school (a thousand-student school: building the demo
-- spent four tenths of its time there).
CREATE INDEX timetable_slot ON timetable_entry(weekday, lesson_no);
CREATE INDEX lesson_placed ON lesson(lesson_no, date) WHERE extra OR moved_from IS NOT NULL;
