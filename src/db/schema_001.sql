-- Zhurnal schema, version 1. Append-only: later changes are new files, never edits of this one.
-- Dates are ISO 'YYYY-MM-DD' text, moments are ISO 'YYYY-MM-DDTHH:MM:SS' local time text.

CREATE TABLE school (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    address   TEXT NOT NULL DEFAULT '',
    director  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE academic_year (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,           -- '2025/2026'
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    closed      INTEGER NOT NULL DEFAULT 0,     -- read-only after the year is archived
    CHECK (start_date < end_date)
);

-- Which reporting scheme a grade follows in a year: quarters, trimesters or half-years.
CREATE TABLE grade_scheme (
    year_id  INTEGER NOT NULL REFERENCES academic_year(id),
    grade    INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
    scheme   TEXT NOT NULL CHECK (scheme IN ('quarter', 'trimester', 'half')),
    PRIMARY KEY (year_id, grade)
);

CREATE TABLE period (
    id          INTEGER PRIMARY KEY,
    year_id     INTEGER NOT NULL REFERENCES academic_year(id),
    scheme      TEXT NOT NULL CHECK (scheme IN ('quarter', 'trimester', 'half')),
    number      INTEGER NOT NULL CHECK (number >= 1),
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    CHECK (start_date <= end_date),
    UNIQUE (year_id, scheme, number)
);

CREATE TABLE holiday (
    id          INTEGER PRIMARY KEY,
    year_id     INTEGER NOT NULL REFERENCES academic_year(id),
    name        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    min_grade   INTEGER NOT NULL DEFAULT 1,
    max_grade   INTEGER NOT NULL DEFAULT 11,
    CHECK (start_date <= end_date)
);

CREATE TABLE bell (
    year_id    INTEGER NOT NULL REFERENCES academic_year(id),
    lesson_no  INTEGER NOT NULL CHECK (lesson_no BETWEEN 0 AND 12),
    starts     TEXT NOT NULL,   -- 'HH:MM'
    ends       TEXT NOT NULL,
    PRIMARY KEY (year_id, lesson_no),
    CHECK (starts < ends)
);

CREATE TABLE building (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    address  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE room (
    id           INTEGER PRIMARY KEY,
    building_id  INTEGER REFERENCES building(id),
    name         TEXT NOT NULL,
    UNIQUE (building_id, name)
);

CREATE TABLE subject (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    short_name  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE staff (
    id                    INTEGER PRIMARY KEY,
    login                 TEXT NOT NULL UNIQUE COLLATE NOCASE,
    surname               TEXT NOT NULL,
    name                  TEXT NOT NULL,
    patronymic            TEXT NOT NULL DEFAULT '',
    password_hash         TEXT NOT NULL,
    must_change_password  INTEGER NOT NULL DEFAULT 1,
    failed_logins         INTEGER NOT NULL DEFAULT 0,
    locked_until          TEXT,                  -- lockout after repeated wrong passwords
    active                INTEGER NOT NULL DEFAULT 1,
    compromised_since     TEXT,                  -- seed 004 §3.4
    created_at            TEXT NOT NULL
);

CREATE TABLE staff_role (
    staff_id  INTEGER NOT NULL REFERENCES staff(id),
    role      TEXT NOT NULL CHECK (role IN ('admin', 'director', 'deputy', 'class_teacher',
                                              'teacher', 'clerk', 'archivist')),
    PRIMARY KEY (staff_id, role)
);

CREATE TABLE class (
    id                INTEGER PRIMARY KEY,
    year_id           INTEGER NOT NULL REFERENCES academic_year(id),
    grade             INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
    letter            TEXT NOT NULL,
    class_teacher_id  INTEGER REFERENCES staff(id),
    UNIQUE (year_id, grade, letter)
);

CREATE TABLE study_group (
    id          INTEGER PRIMARY KEY,
    class_id    INTEGER NOT NULL REFERENCES class(id),
    name        TEXT NOT NULL,
    subject_id  INTEGER REFERENCES subject(id),   -- the subject the split is for, if only one
    UNIQUE (class_id, subject_id, name)
);

CREATE TABLE student (
    id                 INTEGER PRIMARY KEY,
    surname            TEXT NOT NULL CHECK (length(trim(surname)) > 0),
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    patronymic         TEXT NOT NULL DEFAULT '',
    birth_date         TEXT,
    gender             TEXT CHECK (gender IN ('m', 'f')),
    file_number        TEXT UNIQUE,              -- № личного дела
    individual_plan    INTEGER NOT NULL DEFAULT 0,
    paper_reports      INTEGER NOT NULL DEFAULT 0, -- family refused the electronic service
    paper_since        TEXT,
    created_at         TEXT NOT NULL
);

-- Class membership with dates. Never deleted: a withdrawn student keeps their past.
CREATE TABLE enrolment (
    id          INTEGER PRIMARY KEY,
    student_id  INTEGER NOT NULL REFERENCES student(id),
    class_id    INTEGER NOT NULL REFERENCES class(id),
    start_date  TEXT NOT NULL,
    end_date    TEXT,                            -- last day in the class; NULL while there
    end_reason  TEXT CHECK (end_reason IN ('transferred', 'withdrawn', 'graduated', 'promoted')),
    note        TEXT NOT NULL DEFAULT '',
    CHECK (end_date IS NULL OR start_date <= end_date)
);
CREATE INDEX enrolment_class ON enrolment(class_id, start_date);
CREATE INDEX enrolment_student ON enrolment(student_id);

CREATE TABLE group_member (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES study_group(id),
    student_id  INTEGER NOT NULL REFERENCES student(id),
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    CHECK (end_date IS NULL OR start_date <= end_date)
);
CREATE INDEX group_member_group ON group_member(group_id);
CREATE INDEX group_member_student ON group_member(student_id);

CREATE TABLE parent (
    id          INTEGER PRIMARY KEY,
    surname     TEXT NOT NULL,
    name        TEXT NOT NULL,
    patronymic  TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE student_parent (
    student_id  INTEGER NOT NULL REFERENCES student(id),
    parent_id   INTEGER NOT NULL REFERENCES parent(id),
    relation    TEXT NOT NULL CHECK (relation IN ('mother', 'father', 'guardian', 'other')),
    PRIMARY KEY (student_id, parent_id)
);

-- Consent to personal-data processing (152-ФЗ).
CREATE TABLE consent (
    id            INTEGER PRIMARY KEY,
    person_kind   TEXT NOT NULL CHECK (person_kind IN ('student', 'parent', 'staff')),
    person_id     INTEGER NOT NULL,
    given_on      TEXT NOT NULL,
    withdrawn_on  TEXT
);
CREATE INDEX consent_person ON consent(person_kind, person_id);

CREATE TABLE work_type (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    short_name  TEXT NOT NULL,
    weight      REAL NOT NULL CHECK (weight > 0)
);

CREATE TABLE course (
    id              INTEGER PRIMARY KEY,
    year_id         INTEGER NOT NULL REFERENCES academic_year(id),
    subject_id      INTEGER NOT NULL REFERENCES subject(id),
    class_id        INTEGER NOT NULL REFERENCES class(id),
    group_id        INTEGER REFERENCES study_group(id),
    teacher_id      INTEGER NOT NULL REFERENCES staff(id),
    room_id         INTEGER REFERENCES room(id),
    scale           TEXT NOT NULL DEFAULT 'five' CHECK (scale IN ('five', 'pass_fail', 'ten')),
    no_attestation  INTEGER NOT NULL DEFAULT 0,
    hours_per_week  REAL NOT NULL DEFAULT 1
);
CREATE INDEX course_class ON course(class_id);
CREATE INDEX course_teacher ON course(teacher_id);

CREATE TABLE timetable_entry (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES course(id),
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    lesson_no   INTEGER NOT NULL,
    room_id     INTEGER REFERENCES room(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT
);
CREATE INDEX timetable_course ON timetable_entry(course_id);

CREATE TABLE plan_topic (
    id         INTEGER PRIMARY KEY,
    course_id  INTEGER NOT NULL REFERENCES course(id),
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    hours      REAL NOT NULL DEFAULT 1,
    UNIQUE (course_id, position)
);

CREATE TABLE lesson (
    id             INTEGER PRIMARY KEY,
    course_id      INTEGER NOT NULL REFERENCES course(id),
    date           TEXT NOT NULL,
    lesson_no      INTEGER NOT NULL,
    topic          TEXT NOT NULL DEFAULT '',
    plan_topic_id  INTEGER REFERENCES plan_topic(id),
    homework       TEXT NOT NULL DEFAULT '',
    comment        TEXT NOT NULL DEFAULT '',
    substitute_id  INTEGER REFERENCES staff(id),  -- the teacher who actually takes it, if not the course's
    cancelled      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX lesson_course_date ON lesson(course_id, date, lesson_no);
CREATE INDEX lesson_date ON lesson(date);
CREATE INDEX lesson_substitute ON lesson(substitute_id) WHERE substitute_id IS NOT NULL;

-- Kinds of work done at a lesson; the first (lowest position) is the default for new marks.
CREATE TABLE lesson_work (
    lesson_id     INTEGER NOT NULL REFERENCES lesson(id),
    work_type_id  INTEGER NOT NULL REFERENCES work_type(id),
    position      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (lesson_id, work_type_id)
);

CREATE TABLE mark (
    id            INTEGER PRIMARY KEY,
    lesson_id     INTEGER NOT NULL REFERENCES lesson(id),
    student_id    INTEGER NOT NULL REFERENCES student(id),
    value         TEXT NOT NULL,
    work_type_id  INTEGER NOT NULL REFERENCES work_type(id),
    comment       TEXT NOT NULL DEFAULT '',
    created_by    INTEGER NOT NULL REFERENCES staff(id),
    created_at    TEXT NOT NULL
);
CREATE INDEX mark_lesson_student ON mark(lesson_id, student_id);
CREATE INDEX mark_student ON mark(student_id);

CREATE TABLE attendance (
    lesson_id     INTEGER NOT NULL REFERENCES lesson(id),
    student_id    INTEGER NOT NULL REFERENCES student(id),
    code          TEXT NOT NULL CHECK (code IN ('absent', 'ill', 'excused', 'late')),
    late_minutes  INTEGER,
    PRIMARY KEY (lesson_id, student_id)
) WITHOUT ROWID;
CREATE INDEX attendance_student ON attendance(student_id);

-- Period, year, exam and final marks. period_id is set only for kind = 'period'.
CREATE TABLE period_mark (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES course(id),
    student_id  INTEGER NOT NULL REFERENCES student(id),
    kind        TEXT NOT NULL CHECK (kind IN ('period', 'year', 'exam', 'final')),
    period_id   INTEGER REFERENCES period(id),
    value       TEXT NOT NULL,
    set_by      INTEGER NOT NULL REFERENCES staff(id),
    set_at      TEXT NOT NULL,
    CHECK ((kind = 'period') = (period_id IS NOT NULL))
);
CREATE UNIQUE INDEX period_mark_one ON period_mark(course_id, student_id, kind, IFNULL(period_id, 0));

-- A period whose final marks are set is closed to the course's teacher.
CREATE TABLE period_close (
    course_id  INTEGER NOT NULL REFERENCES course(id),
    period_id  INTEGER NOT NULL REFERENCES period(id),
    closed_by  INTEGER NOT NULL REFERENCES staff(id),
    closed_at  TEXT NOT NULL,
    PRIMARY KEY (course_id, period_id)
);

-- Append-only, hash-chained record of every change that matters.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    staff_id    INTEGER REFERENCES staff(id),
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    lesson_id   INTEGER,
    student_id  INTEGER,
    course_id   INTEGER,
    old_value   TEXT,
    new_value   TEXT,
    reason      TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_staff_at ON audit(staff_id, at);
CREATE INDEX audit_lesson_student ON audit(lesson_id, student_id);
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
