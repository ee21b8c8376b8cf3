//! Attendance beyond the single cell: the class teacher's day sheet (the class's students × the
//! day's lessons), marking a student absent for the whole day or from lesson N on, excusing
//! absences for a date range when a note arrives, and totals by reason for any dates. There is one
//! truth: these read and write the same `attendance` rows as the journal pages, each change checked
//! by `access` and audited by `journal::set_attendance`.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use crate::auth::{self, Session};
use crate::db::{Db, settings};
use crate::error::{Denied, Error, Result};
use crate::journal;
use crate::model::*;
use crate::school;

/// A lesson of the class on the day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayLesson {
    pub lesson: LessonId,
    pub lesson_no: u8,
    pub subject: String,
    /// The group the lesson is for, if the class is split.
    pub group: Option<GroupId>,
    pub group_name: Option<String>,
    pub cancelled: bool,
}

/// A student's line on the day sheet: one entry a lesson; `None` in `on_list` means the lesson is
/// not theirs (the other group's, or they were not in the class that day).
#[derive(Debug, Clone, PartialEq)]
pub struct DayRow {
    pub student: StudentId,
    pub name: PersonName,
    pub entries: Vec<Option<AttendanceCode>>,
    pub late_minutes: Vec<Option<u16>>,
    pub theirs: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DaySheet {
    pub class: ClassId,
    pub class_name: String,
    pub date: NaiveDate,
    pub lessons: Vec<DayLesson>,
    pub rows: Vec<DayRow>,
}

/// May the session keep this class's attendance: its class teacher, or the administrator; the
/// director and deputy may read it.
fn check_class(conn: &Connection, session: &Session, class: ClassId, write: bool) -> Result<()> {
    let s = auth::refresh(conn, session)?;
    let class_teacher: Option<StaffId> = conn
        .prepare_cached("SELECT class_teacher_id FROM class WHERE id = ?1")?
        .query_row([class], |r| r.get(0))?;
    if s.has(Role::Admin) || class_teacher == Some(s.staff) {
        return Ok(());
    }
    if !write && (s.has(Role::Director) || s.has(Role::Deputy)) {
        return Ok(());
    }
    Err(
        if class_teacher.is_some() && (s.has(Role::Teacher) || s.has(Role::ClassTeacher)) {
            Denied::NotYourCourse
        } else {
            Denied::Role
        }
        .into(),
    )
}

/// The classes whose day sheet the session may open.
pub fn my_classes(
    conn: &Connection,
    session: &Session,
    year: YearId,
) -> Result<Vec<school::ClassInfo>> {
    let s = auth::refresh(conn, session)?;
    let all = school::classes(conn, year)?;
    Ok(all
        .into_iter()
        .filter(|c| {
            s.has(Role::Admin)
                || s.has(Role::Director)
                || s.has(Role::Deputy)
                || c.class_teacher == Some(s.staff)
        })
        .collect())
}

/// The class's students × the day's lessons with their attendance.
pub fn day_sheet(
    conn: &Connection,
    session: &Session,
    class: ClassId,
    date: NaiveDate,
) -> Result<DaySheet> {
    check_class(conn, session, class, false)?;
    let class_name: String = conn
        .prepare_cached("SELECT grade || letter FROM class WHERE id = ?1")?
        .query_row([class], |r| r.get(0))?;
    let mut st = conn.prepare_cached(
        "SELECT l.id, l.lesson_no, s.name, c.group_id, g.name, l.cancelled FROM lesson l
         JOIN course c ON c.id = l.course_id JOIN subject s ON s.id = c.subject_id
         LEFT JOIN study_group g ON g.id = c.group_id
         WHERE c.class_id = ?1 AND l.date = ?2 ORDER BY l.lesson_no, g.name",
    )?;
    let lessons: Vec<DayLesson> = st
        .query_map(params![class, date], |r| {
            Ok(DayLesson {
                lesson: r.get(0)?,
                lesson_no: r.get(1)?,
                subject: r.get(2)?,
                group: r.get(3)?,
                group_name: r.get(4)?,
                cancelled: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    // Students in the class that day.
    let mut st = conn.prepare_cached(
        "SELECT s.id, s.surname, s.name, s.patronymic FROM enrolment e JOIN student s ON s.id = e.student_id
         WHERE e.class_id = ?1 AND e.start_date <= ?2 AND (e.end_date IS NULL OR e.end_date >= ?2)",
    )?;
    let mut students: Vec<(StudentId, PersonName)> = st
        .query_map(params![class, date], |r| {
            Ok((
                r.get(0)?,
                PersonName {
                    surname: r.get(1)?,
                    name: r.get(2)?,
                    patronymic: r.get(3)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    students.sort_by_cached_key(|(_, n)| (collate_key(&n.surname), collate_key(&n.name)));
    // Group lists that day.
    let mut in_group: std::collections::HashSet<(GroupId, StudentId)> = Default::default();
    let mut st = conn.prepare_cached(
        "SELECT m.group_id, m.student_id FROM group_member m JOIN study_group g ON g.id = m.group_id
         WHERE g.class_id = ?1 AND m.start_date <= ?2 AND (m.end_date IS NULL OR m.end_date >= ?2)",
    )?;
    for r in st.query_map(params![class, date], |r| Ok((r.get(0)?, r.get(1)?)))? {
        in_group.insert(r?);
    }
    let mut att: HashMap<(LessonId, StudentId), (AttendanceCode, Option<u16>)> = HashMap::new();
    let mut st = conn.prepare_cached(
        "SELECT a.lesson_id, a.student_id, a.code, a.late_minutes FROM attendance a JOIN lesson l ON l.id = a.lesson_id
         JOIN course c ON c.id = l.course_id WHERE c.class_id = ?1 AND l.date = ?2",
    )?;
    for r in st.query_map(params![class, date], |r| {
        Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?)))
    })? {
        let (k, v) = r?;
        att.insert(k, v);
    }
    let rows = students
        .into_iter()
        .map(|(student, name)| {
            let theirs: Vec<bool> = lessons
                .iter()
                .map(|l| l.group.is_none_or(|g| in_group.contains(&(g, student))))
                .collect();
            let entries = lessons
                .iter()
                .map(|l| att.get(&(l.lesson, student)).map(|a| a.0))
                .collect();
            let late_minutes = lessons
                .iter()
                .map(|l| att.get(&(l.lesson, student)).and_then(|a| a.1))
                .collect();
            DayRow {
                student,
                name,
                entries,
                late_minutes,
                theirs,
            }
        })
        .collect();
    Ok(DaySheet {
        class,
        class_name,
        date,
        lessons,
        rows,
    })
}

/// Marks a student absent with `code` for every lesson of theirs that day from lesson number
/// `from_lesson` on (1 = the whole day). Lessons not yet begun are marked too only if they are
/// today's (a student sent home ill). Returns how many lessons were marked.
pub fn mark_day(
    db: &mut Db,
    session: &Session,
    class: ClassId,
    student: StudentId,
    date: NaiveDate,
    from_lesson: u8,
    code: AttendanceCode,
) -> Result<usize> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let n = mark_day_in(&tx, now, session, class, student, date, from_lesson, code)?.len();
    tx.commit()?;
    Ok(n)
}

/// The entries [`mark_day`] and [`excuse`] changed: each lesson with what it held before.
pub type Changed = Vec<(LessonId, Option<(AttendanceCode, Option<u16>)>)>;

/// [`mark_day`] inside a transaction the caller opened (and commits): every lesson or none.
#[allow(clippy::too_many_arguments)]
pub(crate) fn mark_day_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    class: ClassId,
    student: StudentId,
    date: NaiveDate,
    from_lesson: u8,
    code: AttendanceCode,
) -> Result<Changed> {
    check_class(tx, session, class, true)?;
    let sheet = day_sheet(tx, session, class, date)?;
    let row = sheet
        .rows
        .iter()
        .find(|r| r.student == student)
        .ok_or(Denied::NotOnList)?;
    let mut changed = Vec::new();
    for (i, l) in sheet.lessons.iter().enumerate() {
        if l.cancelled
            || !row.theirs[i]
            || l.lesson_no < from_lesson
            || row.entries[i] == Some(code)
        {
            continue;
        }
        let old = journal::attendance_row(tx, l.lesson, student)?;
        journal::set_attendance_in(
            tx,
            now,
            session,
            l.lesson,
            student,
            Some((code, None)),
            None,
        )?;
        changed.push((l.lesson, old));
    }
    Ok(changed)
}

/// A note from home or a doctor arrived: the student's unexcused absences (Н) from `from` to `to`
/// become `code` (УП or Б). Returns how many entries changed.
pub fn excuse(
    db: &mut Db,
    session: &Session,
    class: ClassId,
    student: StudentId,
    from: NaiveDate,
    to: NaiveDate,
    code: AttendanceCode,
) -> Result<usize> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let n = excuse_in(&tx, now, session, class, student, from, to, code)?.len();
    tx.commit()?;
    Ok(n)
}

/// [`excuse`] inside a transaction the caller opened (and commits): every entry or none.
#[allow(clippy::too_many_arguments)]
pub(crate) fn excuse_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    class: ClassId,
    student: StudentId,
    from: NaiveDate,
    to: NaiveDate,
    code: AttendanceCode,
) -> Result<Changed> {
    if !matches!(code, AttendanceCode::Excused | AttendanceCode::Ill) {
        return Err(Error::said("said-excuse-code", &[]));
    }
    if from > to {
        return Err(Error::said("said-days-backwards", &[]));
    }
    check_class(tx, session, class, true)?;
    let lessons: Vec<LessonId> = tx
        .prepare(
            "SELECT a.lesson_id FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN course c ON c.id = l.course_id
             WHERE a.student_id = ?1 AND c.class_id = ?2 AND a.code = 'absent' AND l.date BETWEEN ?3 AND ?4 ORDER BY l.date, l.lesson_no",
        )?
        .query_map(params![student, class, from, to], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut changed = Vec::new();
    for l in lessons {
        let old = journal::attendance_row(tx, l, student)?;
        journal::set_attendance_in(tx, now, session, l, student, Some((code, None)), None)?;
        changed.push((l, old));
    }
    Ok(changed)
}

/// A student's attendance over some dates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    pub student: Option<StudentId>,
    pub name: Option<PersonName>,
    /// Lessons held for the student in the dates (not cancelled).
    pub lessons: u32,
    pub absent: u32,
    pub ill: u32,
    pub excused: u32,
    pub late: u32,
    /// School days on which the student missed every lesson of theirs.
    pub whole_days: u32,
}

impl Totals {
    pub fn missed(&self) -> u32 {
        self.absent + self.ill + self.excused
    }
    /// Missed lessons as a share of lessons held, in percent.
    pub fn missed_percent(&self) -> f64 {
        if self.lessons == 0 {
            0.0
        } else {
            self.missed() as f64 * 100.0 / self.lessons as f64
        }
    }
}

/// Totals per student of a class for `from`..=`to`, in list order, and the class's sum.
pub fn class_totals(
    conn: &Connection,
    session: &Session,
    class: ClassId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<Totals>, Totals)> {
    let s = auth::refresh(conn, session)?;
    let class_teacher: Option<StaffId> = conn
        .prepare_cached("SELECT class_teacher_id FROM class WHERE id = ?1")?
        .query_row([class], |r| r.get(0))?;
    if !(s.has(Role::Admin)
        || s.has(Role::Director)
        || s.has(Role::Deputy)
        || s.has(Role::Archivist)
        || class_teacher == Some(s.staff))
    {
        return Err(Denied::Role.into());
    }
    // Every lesson held for each student: class lessons while enrolled, group lessons while in the group.
    let mut st = conn.prepare(
        "WITH held AS (
            SELECT l.id AS lesson_id, l.date, c.group_id FROM lesson l JOIN course c ON c.id = l.course_id
            WHERE c.class_id = ?1 AND l.cancelled = 0 AND l.date BETWEEN ?2 AND ?3
         ), theirs AS (
            SELECT e.student_id, h.lesson_id, h.date FROM held h
            JOIN enrolment e ON e.class_id = ?1 AND e.start_date <= h.date AND (e.end_date IS NULL OR e.end_date >= h.date)
            WHERE h.group_id IS NULL
              OR EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = h.group_id AND m.student_id = e.student_id
                         AND m.start_date <= h.date AND (m.end_date IS NULL OR m.end_date >= h.date))
         )
         SELECT t.student_id, t.date, a.code FROM theirs t
         LEFT JOIN attendance a ON a.lesson_id = t.lesson_id AND a.student_id = t.student_id",
    )?;
    let mut per: HashMap<StudentId, Totals> = HashMap::new();
    let mut days: HashMap<(StudentId, NaiveDate), (u32, u32)> = HashMap::new();
    let mut rows = st.query(params![class, from, to])?;
    while let Some(r) = rows.next()? {
        let student: StudentId = r.get(0)?;
        let date: NaiveDate = r.get(1)?;
        let code: Option<AttendanceCode> = r.get(2)?;
        let t = per.entry(student).or_insert_with(|| Totals {
            student: Some(student),
            ..Totals::default()
        });
        t.lessons += 1;
        let day = days.entry((student, date)).or_default();
        day.0 += 1;
        match code {
            Some(AttendanceCode::Absent) => t.absent += 1,
            Some(AttendanceCode::Ill) => t.ill += 1,
            Some(AttendanceCode::Excused) => t.excused += 1,
            Some(AttendanceCode::Late) => t.late += 1,
            None => {}
        }
        if code.is_some_and(|c| c.is_missed()) {
            day.1 += 1;
        }
    }
    for ((student, _), (held, missed)) in days {
        if held > 0 && held == missed {
            per.entry(student).or_default().whole_days += 1;
        }
    }
    let mut names: HashMap<StudentId, PersonName> = HashMap::new();
    let mut st = conn.prepare("SELECT id, surname, name, patronymic FROM student WHERE id IN (SELECT student_id FROM enrolment WHERE class_id = ?1)")?;
    for r in st.query_map([class], |r| {
        Ok((
            r.get(0)?,
            PersonName {
                surname: r.get(1)?,
                name: r.get(2)?,
                patronymic: r.get(3)?,
            },
        ))
    })? {
        let (id, n) = r?;
        names.insert(id, n);
    }
    let mut list: Vec<Totals> = per
        .into_values()
        .map(|mut t| {
            t.name = t.student.and_then(|s| names.get(&s).cloned());
            t
        })
        .collect();
    list.sort_by_cached_key(|t| {
        t.name
            .as_ref()
            .map(|n| (collate_key(&n.surname), collate_key(&n.name)))
    });
    let mut sum = Totals::default();
    for t in &list {
        sum.lessons += t.lessons;
        sum.absent += t.absent;
        sum.ill += t.ill;
        sum.excused += t.excused;
        sum.late += t.late;
        sum.whole_days += t.whole_days;
    }
    Ok((list, sum))
}

/// The share of missed lessons above which a student is on the warning list (administrator's
/// setting, percent).
pub fn warning_percent(conn: &Connection) -> Result<f64> {
    Ok(settings::get(conn, "absence_warning_percent")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(30.0))
}

/// Students of the class above the warning share.
pub fn warnings(
    conn: &Connection,
    session: &Session,
    class: ClassId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Totals>> {
    let limit = warning_percent(conn)?;
    Ok(class_totals(conn, session, class, from, to)?
        .0
        .into_iter()
        .filter(|t| t.missed_percent() > limit)
        .collect())
}

/// Who is absent right now: students of the class marked absent at the lesson running at `time`.
pub fn absent_now(
    conn: &Connection,
    session: &Session,
    class: ClassId,
    date: NaiveDate,
    lesson_no: u8,
) -> Result<Vec<(PersonName, AttendanceCode)>> {
    let sheet = day_sheet(conn, session, class, date)?;
    let cols: Vec<usize> = sheet
        .lessons
        .iter()
        .enumerate()
        .filter(|(_, l)| l.lesson_no == lesson_no)
        .map(|(i, _)| i)
        .collect();
    Ok(sheet
        .rows
        .iter()
        .filter_map(|r| {
            cols.iter().find_map(|&i| {
                r.entries[i]
                    .filter(|c| c.is_missed())
                    .map(|c| (r.name.clone(), c))
            })
        })
        .collect())
}
