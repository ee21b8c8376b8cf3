//! The journal page and the changes made on it: marks (several per student per lesson, each with a
//! work type), attendance codes, period/year/exam/final marks and closing a period. Every change
//! is checked by `access`, made in one immediate transaction and written to the audit log in that
//! same transaction (who, when, old → new, why).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use crate::access::{self, LessonChange};
use crate::audit::{self, Entry};
use crate::auth::Session;
use crate::db::{Db, settings, ts};
use crate::error::{Denied, Error, Result};
use crate::model::*;
use crate::school::{self, CourseInfo, Period};

/// A dated stay of a student in a class or group; `end` is the last day, `None` while there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

impl Span {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
    }
}

/// A student on a course's list over some dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub student: StudentId,
    pub name: PersonName,
    pub spans: Vec<Span>,
}

impl Member {
    pub fn on(&self, d: NaiveDate) -> bool {
        self.spans.iter().any(|s| s.contains(d))
    }
}

/// The students who belonged to the course's class (or group) on any day from `from` to `to`,
/// in Russian alphabetical order.
pub fn members(
    conn: &Connection,
    course: &CourseInfo,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Member>> {
    let sql = if course.group.is_some() {
        "SELECT s.id, s.surname, s.name, s.patronymic, m.start_date, m.end_date
         FROM group_member m JOIN student s ON s.id = m.student_id
         WHERE m.group_id = ?1 AND m.start_date <= ?3 AND (m.end_date IS NULL OR m.end_date >= ?2)"
    } else {
        "SELECT s.id, s.surname, s.name, s.patronymic, m.start_date, m.end_date
         FROM enrolment m JOIN student s ON s.id = m.student_id
         WHERE m.class_id = ?1 AND m.start_date <= ?3 AND (m.end_date IS NULL OR m.end_date >= ?2)"
    };
    let owner = course.group.map(|g| g.0).unwrap_or(course.class.0);
    let mut st = conn.prepare_cached(sql)?;
    let mut rows = st.query(params![owner, from, to])?;
    let mut by_id: HashMap<StudentId, usize> = HashMap::new();
    let mut out: Vec<Member> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: StudentId = r.get(0)?;
        let span = Span {
            start: r.get(4)?,
            end: r.get(5)?,
        };
        match by_id.get(&id) {
            Some(&i) => out[i].spans.push(span),
            None => {
                by_id.insert(id, out.len());
                out.push(Member {
                    student: id,
                    name: PersonName {
                        surname: r.get(1)?,
                        name: r.get(2)?,
                        patronymic: r.get(3)?,
                    },
                    spans: vec![span],
                });
            }
        }
    }
    out.sort_by_cached_key(|m| {
        (
            collate_key(&m.name.surname),
            collate_key(&m.name.name),
            collate_key(&m.name.patronymic),
        )
    });
    Ok(out)
}

/// A lesson as a journal column.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonColumn {
    pub id: LessonId,
    pub date: NaiveDate,
    pub lesson_no: u8,
    pub topic: String,
    pub homework: String,
    /// Short names of the kinds of work done, the default (for new marks) first.
    pub work: Vec<(WorkTypeId, String)>,
    pub substitute: Option<StaffId>,
    pub cancelled: bool,
}

impl LessonColumn {
    pub fn default_work_type(&self) -> Option<WorkTypeId> {
        self.work.first().map(|w| w.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CellMark {
    pub id: MarkId,
    pub value: MarkValue,
    pub work_type: WorkTypeId,
    pub weight: f64,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub marks: Vec<CellMark>,
    pub attendance: Option<(AttendanceCode, Option<u16>)>,
    /// The student belonged to the class or group on this lesson's date.
    pub on_list: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub member: Member,
    pub cells: Vec<Cell>,
    pub averages: Averages,
    pub proposed: Option<u8>,
    pub period_mark: Option<PeriodMarkValue>,
}

/// One page of the journal: a course over one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub course: CourseInfo,
    pub period: Period,
    pub lessons: Vec<LessonColumn>,
    pub rows: Vec<Row>,
    /// The period's final marks are set: closed to the teacher.
    pub closed: bool,
    pub rounding: Rounding,
}

/// Work types and their weights.
pub fn work_types(conn: &Connection) -> Result<Vec<(WorkTypeId, String, String, f64)>> {
    let mut st =
        conn.prepare_cached("SELECT id, name, short_name, weight FROM work_type ORDER BY id")?;
    Ok(st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<Vec<_>, _>>()?)
}

/// Reads one journal page. The session must be allowed to view the course.
pub fn page(
    conn: &Connection,
    session: &Session,
    course: CourseId,
    period: PeriodId,
) -> Result<Page> {
    let course = school::course(conn, course)?;
    if !access::can_view_course(conn, session, &course)? {
        return Err(Denied::NotYourCourse.into());
    }
    let period = school::period(conn, period)?;
    read_page(conn, course, period)
}

/// Reads a page without a permission check: for reports and benchmarks that checked already.
pub fn read_page(conn: &Connection, course: CourseInfo, period: Period) -> Result<Page> {
    let weights: HashMap<WorkTypeId, (String, f64)> = work_types(conn)?
        .into_iter()
        .map(|(id, _, short, w)| (id, (short, w)))
        .collect();

    let mut lessons = Vec::new();
    let mut index: HashMap<LessonId, usize> = HashMap::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT id, date, lesson_no, topic, homework, substitute_id, cancelled FROM lesson
             WHERE course_id = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date, lesson_no",
        )?;
        let mut rows = st.query(params![course.id, period.start, period.end])?;
        while let Some(r) = rows.next()? {
            let id: LessonId = r.get(0)?;
            index.insert(id, lessons.len());
            lessons.push(LessonColumn {
                id,
                date: r.get(1)?,
                lesson_no: r.get(2)?,
                topic: r.get(3)?,
                homework: r.get(4)?,
                work: Vec::new(),
                substitute: r.get(5)?,
                cancelled: r.get(6)?,
            });
        }
    }
    {
        let mut st = conn.prepare_cached(
            "SELECT w.lesson_id, w.work_type_id FROM lesson_work w JOIN lesson l ON l.id = w.lesson_id
             WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3 ORDER BY w.lesson_id, w.position",
        )?;
        let mut rows = st.query(params![course.id, period.start, period.end])?;
        while let Some(r) = rows.next()? {
            let (l, w): (LessonId, WorkTypeId) = (r.get(0)?, r.get(1)?);
            if let (Some(&i), Some((short, _))) = (index.get(&l), weights.get(&w)) {
                lessons[i].work.push((w, short.clone()));
            }
        }
    }

    let members = members(conn, &course, period.start, period.end)?;
    let mut row_of: HashMap<StudentId, usize> = HashMap::new();
    let mut rows: Vec<Row> = members
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            row_of.insert(m.student, i);
            let cells = lessons
                .iter()
                .map(|l| Cell {
                    on_list: m.on(l.date),
                    ..Cell::default()
                })
                .collect();
            Row {
                member: m,
                cells,
                averages: Averages::default(),
                proposed: None,
                period_mark: None,
            }
        })
        .collect();

    {
        let mut st = conn.prepare_cached(
            "SELECT m.id, m.lesson_id, m.student_id, m.value, m.work_type_id, m.comment
             FROM mark m JOIN lesson l ON l.id = m.lesson_id
             WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3 ORDER BY m.id",
        )?;
        let mut q = st.query(params![course.id, period.start, period.end])?;
        while let Some(r) = q.next()? {
            let (l, s): (LessonId, StudentId) = (r.get(1)?, r.get(2)?);
            let (Some(&li), Some(&ri)) = (index.get(&l), row_of.get(&s)) else {
                continue;
            };
            let value: String = r.get(3)?;
            let Some(value) = MarkValue::from_code(&value) else {
                continue;
            };
            let work_type: WorkTypeId = r.get(4)?;
            rows[ri].cells[li].marks.push(CellMark {
                id: r.get(0)?,
                value,
                work_type,
                weight: weights.get(&work_type).map(|w| w.1).unwrap_or(1.0),
                comment: r.get(5)?,
            });
        }
    }
    {
        let mut st = conn.prepare_cached(
            "SELECT a.lesson_id, a.student_id, a.code, a.late_minutes
             FROM attendance a JOIN lesson l ON l.id = a.lesson_id
             WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3",
        )?;
        let mut q = st.query(params![course.id, period.start, period.end])?;
        while let Some(r) = q.next()? {
            let (l, s): (LessonId, StudentId) = (r.get(0)?, r.get(1)?);
            if let (Some(&li), Some(&ri)) = (index.get(&l), row_of.get(&s)) {
                rows[ri].cells[li].attendance = Some((r.get(2)?, r.get(3)?));
            }
        }
    }
    {
        let mut st = conn.prepare_cached(
            "SELECT student_id, value FROM period_mark WHERE course_id = ?1 AND kind = 'period' AND period_id = ?2",
        )?;
        let mut q = st.query(params![course.id, period.id])?;
        while let Some(r) = q.next()? {
            let s: StudentId = r.get(0)?;
            let v: String = r.get(1)?;
            if let Some(&ri) = row_of.get(&s) {
                rows[ri].period_mark = PeriodMarkValue::from_code(&v);
            }
        }
    }
    let rounding = settings::rounding(conn)?;
    for row in &mut rows {
        row.averages = Averages::of(
            row.cells
                .iter()
                .flat_map(|c| c.marks.iter().map(|m| (m.value, m.weight))),
        );
        row.proposed = row.averages.proposed(rounding);
    }
    let closed = access::period_closed(conn, course.id, period.id)?;
    Ok(Page {
        course,
        period,
        lessons,
        rows,
        closed,
        rounding,
    })
}

/// The administrator's reason for a correction past a lock, when given.
pub type Reason<'a> = Option<&'a str>;

/// Adds a mark typed for a student at a lesson. `work_type` defaults to the lesson's first kind of
/// work, else "Ответ на уроке".
#[allow(clippy::too_many_arguments)]
pub fn add_mark(
    db: &mut Db,
    session: &Session,
    lesson: LessonId,
    student: StudentId,
    text: &str,
    work_type: Option<WorkTypeId>,
    comment: &str,
    reason: Reason,
) -> Result<MarkId> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let id = add_mark_in(
        &tx, now, session, None, lesson, student, text, work_type, comment, reason,
    )?;
    tx.commit()?;
    Ok(id)
}

/// [`add_mark`] inside a transaction the caller opened (and commits), at the moment `now`:
/// several changes that must stand or fall together, like reverting a compromised account.
/// With `id`, the mark takes that id (an operation replayed or undone keeps its mark's id).
#[allow(clippy::too_many_arguments)]
pub(crate) fn add_mark_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    id: Option<MarkId>,
    lesson: LessonId,
    student: StudentId,
    text: &str,
    work_type: Option<WorkTypeId>,
    comment: &str,
    reason: Reason,
) -> Result<MarkId> {
    let ctx = access::check_lesson_change(
        tx,
        session,
        lesson,
        Some(student),
        LessonChange::Marks,
        now.date(),
        reason,
    )?;
    let value = MarkValue::parse(ctx.scale, text)?;
    let work_type = match work_type {
        Some(w) => w,
        None => default_work_type(tx, lesson)?,
    };
    // Who entered the mark and when: the session now, or — when a removed mark comes back as it
    // was (undoing its removal) — its first author and moment, read from its tombstone.
    let mut created = (session.staff, ts(now));
    if let Some(id) = id {
        let taken: bool = tx
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM mark WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?;
        if taken {
            return Err(Error::said("said-mark-id-taken", &[("id", id.0.into())]));
        }
        let first: Option<(StaffId, String)> = tx
            .prepare_cached(
                "SELECT json_extract(data, '$.created_by'), json_extract(data, '$.created_at')
                 FROM removed_row WHERE entity = 'mark' AND entity_id = ?1
                   AND json_extract(data, '$.lesson_id') = ?2
                   AND json_extract(data, '$.student_id') = ?3
                   AND json_extract(data, '$.value') = ?4
                   AND json_extract(data, '$.work_type_id') = ?5
                   AND json_extract(data, '$.comment') = ?6",
            )?
            .query_row(
                params![id, lesson, student, value.code(), work_type, comment],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some(first) = first {
            created = first;
            tx.prepare_cached("DELETE FROM removed_row WHERE entity = 'mark' AND entity_id = ?1")?
                .execute([id])?;
        }
    }
    tx.prepare_cached(
        "INSERT INTO mark(id, lesson_id, student_id, value, work_type_id, comment, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![id, lesson, student, value.code(), work_type, comment, created.0, created.1])?;
    let id = MarkId(tx.last_insert_rowid());
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: "add",
            entity: "mark",
            entity_id: Some(id.0),
            lesson: Some(lesson),
            student: Some(student),
            course: Some(ctx.course),
            old: None,
            new: Some(value.code()),
            reason,
            op: None,
        },
    )?;
    Ok(id)
}

fn default_work_type(conn: &Connection, lesson: LessonId) -> Result<WorkTypeId> {
    let w: Option<WorkTypeId> = conn
        .prepare_cached(
            "SELECT work_type_id FROM lesson_work WHERE lesson_id = ?1 ORDER BY position LIMIT 1",
        )?
        .query_row([lesson], |r| r.get(0))
        .optional()?;
    match w {
        Some(w) => Ok(w),
        None => conn
            .prepare_cached("SELECT id FROM work_type ORDER BY id LIMIT 1")?
            .query_row([], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::said("said-no-work-types", &[])),
    }
}

/// A mark as stored.
pub(crate) struct MarkRow {
    pub lesson: LessonId,
    pub student: StudentId,
    pub value: String,
    pub work_type: WorkTypeId,
    pub comment: String,
}

pub(crate) fn mark_row(conn: &Connection, id: MarkId) -> Result<MarkRow> {
    conn.prepare_cached(
        "SELECT lesson_id, student_id, value, work_type_id, comment FROM mark WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(MarkRow {
            lesson: r.get(0)?,
            student: r.get(1)?,
            value: r.get(2)?,
            work_type: r.get(3)?,
            comment: r.get(4)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("mark #{id}")))
}

/// Changes a mark's value, work type or comment.
pub fn update_mark(
    db: &mut Db,
    session: &Session,
    mark: MarkId,
    text: &str,
    work_type: WorkTypeId,
    comment: &str,
    reason: Reason,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    update_mark_in(&tx, now, session, mark, text, work_type, comment, reason)?;
    tx.commit()?;
    Ok(())
}

/// [`update_mark`] inside a transaction the caller opened (and commits).
#[allow(clippy::too_many_arguments)]
pub(crate) fn update_mark_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    mark: MarkId,
    text: &str,
    work_type: WorkTypeId,
    comment: &str,
    reason: Reason,
) -> Result<()> {
    let old = mark_row(tx, mark)?;
    let ctx = access::check_lesson_change(
        tx,
        session,
        old.lesson,
        Some(old.student),
        LessonChange::Marks,
        now.date(),
        reason,
    )?;
    let value = MarkValue::parse(ctx.scale, text)?.code();
    if value == old.value && work_type == old.work_type && comment == old.comment {
        return Ok(());
    }
    tx.prepare_cached("UPDATE mark SET value = ?2, work_type_id = ?3, comment = ?4 WHERE id = ?1")?
        .execute(params![mark, value, work_type, comment])?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: "change",
            entity: "mark",
            entity_id: Some(mark.0),
            lesson: Some(old.lesson),
            student: Some(old.student),
            course: Some(ctx.course),
            old: Some(old.value),
            new: Some(value),
            reason,
            op: None,
        },
    )?;
    Ok(())
}

/// Removes a mark.
pub fn delete_mark(db: &mut Db, session: &Session, mark: MarkId, reason: Reason) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    delete_mark_in(&tx, now, session, mark, reason)?;
    tx.commit()?;
    Ok(())
}

/// [`delete_mark`] inside a transaction the caller opened (and commits).
pub(crate) fn delete_mark_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    mark: MarkId,
    reason: Reason,
) -> Result<()> {
    let old = mark_row(tx, mark)?;
    let ctx = access::check_lesson_change(
        tx,
        session,
        old.lesson,
        Some(old.student),
        LessonChange::Marks,
        now.date(),
        reason,
    )?;
    tx.prepare_cached("DELETE FROM mark WHERE id = ?1")?
        .execute([mark])?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: "delete",
            entity: "mark",
            entity_id: Some(mark.0),
            lesson: Some(old.lesson),
            student: Some(old.student),
            course: Some(ctx.course),
            old: Some(old.value),
            new: None,
            reason,
            op: None,
        },
    )?;
    Ok(())
}

/// An attendance entry's stored form for the audit log: "absent", "late:10".
/// A student's attendance entry at a lesson, as stored.
pub(crate) fn attendance_row(
    conn: &Connection,
    lesson: LessonId,
    student: StudentId,
) -> Result<Option<(AttendanceCode, Option<u16>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT code, late_minutes FROM attendance WHERE lesson_id = ?1 AND student_id = ?2",
        )?
        .query_row(params![lesson, student], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A period, year, exam or final mark as stored.
pub(crate) fn period_mark_row(
    conn: &Connection,
    course: CourseId,
    student: StudentId,
    kind: PeriodMarkKind,
    period: Option<PeriodId>,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT value FROM period_mark WHERE course_id = ?1 AND student_id = ?2 AND kind = ?3 AND IFNULL(period_id, 0) = IFNULL(?4, 0)",
        )?
        .query_row(params![course, student, kind, period], |r| r.get(0))
        .optional()?)
}

fn attendance_text(a: Option<(AttendanceCode, Option<u16>)>) -> Option<String> {
    a.map(|(c, m)| match m {
        Some(m) => format!("{}:{m}", c.code()),
        None => c.code().to_string(),
    })
}

/// Sets (or with `None` clears) a student's attendance at a lesson.
pub fn set_attendance(
    db: &mut Db,
    session: &Session,
    lesson: LessonId,
    student: StudentId,
    entry: Option<(AttendanceCode, Option<u16>)>,
    reason: Reason,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    set_attendance_in(&tx, now, session, lesson, student, entry, reason)?;
    tx.commit()?;
    Ok(())
}

/// [`set_attendance`] inside a transaction the caller opened (and commits).
pub(crate) fn set_attendance_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    lesson: LessonId,
    student: StudentId,
    entry: Option<(AttendanceCode, Option<u16>)>,
    reason: Reason,
) -> Result<()> {
    let ctx = access::check_lesson_change(
        tx,
        session,
        lesson,
        Some(student),
        LessonChange::Attendance,
        now.date(),
        reason,
    )?;
    let entry = entry.map(|(c, m)| (c, if c == AttendanceCode::Late { m } else { None }));
    let old = attendance_row(tx, lesson, student)?;
    if old == entry {
        return Ok(());
    }
    match entry {
        Some((code, minutes)) => {
            tx.prepare_cached(
                "INSERT INTO attendance(lesson_id, student_id, code, late_minutes) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(lesson_id, student_id) DO UPDATE SET code = excluded.code, late_minutes = excluded.late_minutes",
            )?
            .execute(params![lesson, student, code, minutes])?;
        }
        None => {
            tx.prepare_cached("DELETE FROM attendance WHERE lesson_id = ?1 AND student_id = ?2")?
                .execute(params![lesson, student])?;
        }
    }
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: if entry.is_some() { "set" } else { "clear" },
            entity: "attendance",
            entity_id: None,
            lesson: Some(lesson),
            student: Some(student),
            course: Some(ctx.course),
            old: attendance_text(old),
            new: attendance_text(entry),
            reason,
            op: None,
        },
    )?;
    Ok(())
}

/// Sets (or with `None` clears) a period, year, exam or final mark. `period` is required for
/// `PeriodMarkKind::Period` and must be `None` otherwise.
#[allow(clippy::too_many_arguments)]
pub fn set_period_mark(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    student: StudentId,
    kind: PeriodMarkKind,
    period: Option<PeriodId>,
    text: Option<&str>,
    reason: Reason,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    set_period_mark_in(
        &tx, now, session, course, student, kind, period, text, reason,
    )?;
    tx.commit()?;
    Ok(())
}

/// [`set_period_mark`] inside a transaction the caller opened (and commits).
#[allow(clippy::too_many_arguments)]
pub(crate) fn set_period_mark_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    course: CourseId,
    student: StudentId,
    kind: PeriodMarkKind,
    period: Option<PeriodId>,
    text: Option<&str>,
    reason: Reason,
) -> Result<()> {
    if (kind == PeriodMarkKind::Period) != period.is_some() {
        return Err(Error::said("said-period-mark-kind", &[]));
    }
    let c = school::course(tx, course)?;
    access::check_period_marks(tx, session, &c, period, reason)?;
    let value = text
        .map(|t| PeriodMarkValue::parse(c.scale, t))
        .transpose()?
        .map(|v| v.code());
    let on_date = match period {
        Some(p) => school::period(tx, p)?.end,
        None => tx
            .prepare_cached("SELECT end_date FROM academic_year WHERE id = ?1")?
            .query_row([c.year], |r| r.get(0))?,
    };
    // A student who left before the period ended still gets their mark: they must have been on the
    // list at some time in the period.
    let from = match period {
        Some(p) => school::period(tx, p)?.start,
        None => tx
            .prepare_cached("SELECT start_date FROM academic_year WHERE id = ?1")?
            .query_row([c.year], |r| r.get(0))?,
    };
    if !members(tx, &c, from, on_date)?
        .iter()
        .any(|m| m.student == student)
    {
        return Err(Denied::NotOnList.into());
    }
    let old: Option<(i64, String)> = tx
        .prepare_cached(
            "SELECT id, value FROM period_mark WHERE course_id = ?1 AND student_id = ?2 AND kind = ?3
             AND IFNULL(period_id, 0) = IFNULL(?4, 0)",
        )?
        .query_row(params![course, student, kind, period], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if old.as_ref().map(|o| &o.1) == value.as_ref() {
        return Ok(());
    }
    let id = match (&old, &value) {
        (Some((id, _)), Some(v)) => {
            tx.prepare_cached(
                "UPDATE period_mark SET value = ?2, set_by = ?3, set_at = ?4 WHERE id = ?1",
            )?
            .execute(params![id, v, session.staff, ts(now)])?;
            *id
        }
        (Some((id, _)), None) => {
            tx.prepare_cached("DELETE FROM period_mark WHERE id = ?1")?
                .execute([id])?;
            *id
        }
        (None, Some(v)) => {
            tx.prepare_cached("INSERT INTO period_mark(course_id, student_id, kind, period_id, value, set_by, set_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![course, student, kind, period, v, session.staff, ts(now)],
            )?;
            tx.last_insert_rowid()
        }
        (None, None) => return Ok(()),
    };
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: if value.is_some() { "set" } else { "clear" },
            entity: "period_mark",
            entity_id: Some(id),
            student: Some(student),
            course: Some(course),
            old: old.map(|o| o.1),
            new: value,
            reason,
            ..Default::default()
        },
    )?;
    Ok(())
}

/// The teacher confirms the period's final marks: the period closes to them. Every student on the
/// list at the period's end must have a period mark first (unless the course is without attestation).
pub fn close_period(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    period: PeriodId,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    close_period_in(&tx, now, session, course, period)?;
    tx.commit()?;
    Ok(())
}

/// [`close_period`] inside a transaction the caller opened (and commits), at the moment `now`.
pub(crate) fn close_period_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    course: CourseId,
    period: PeriodId,
) -> Result<()> {
    let c = school::course(tx, course)?;
    access::check_period_marks(tx, session, &c, Some(period), None)?;
    let p = school::period(tx, period)?;
    if !c.no_attestation {
        let mut has = tx.prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM period_mark WHERE course_id = ?1 AND student_id = ?2 AND kind = 'period' AND period_id = ?3)",
        )?;
        let mut missing = Vec::new();
        for m in members(tx, &c, p.end, p.end)? {
            if !has.query_row(params![course, m.student, period], |r| r.get::<_, bool>(0))? {
                missing.push(m.name.short());
            }
        }
        if !missing.is_empty() {
            return Err(Error::said(
                "said-period-marks-missing",
                &[
                    ("count", missing.len().into()),
                    ("names", missing.join(", ").into()),
                ],
            ));
        }
    }
    tx.prepare_cached("INSERT OR IGNORE INTO period_close(course_id, period_id, closed_by, closed_at) VALUES (?1, ?2, ?3, ?4)")?.execute(params![course, period, session.staff, ts(now)],
    )?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: "close",
            entity: "period",
            entity_id: Some(period.0),
            course: Some(course),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// The administrator reopens a closed period, with a reason.
pub fn reopen_period(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    period: PeriodId,
    reason: &str,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    if !crate::auth::refresh(&tx, session)?.has(Role::Admin) {
        return Err(Denied::Role.into());
    }
    if reason.trim().is_empty() {
        return Err(Denied::ReasonRequired.into());
    }
    tx.prepare_cached("DELETE FROM period_close WHERE course_id = ?1 AND period_id = ?2")?
        .execute(params![course, period])?;
    audit::record(
        &tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: "reopen",
            entity: "period",
            entity_id: Some(period.0),
            course: Some(course),
            reason: Some(reason),
            ..Default::default()
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// One change in a cell's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub at: String,
    pub who: String,
    pub entity: String,
    pub action: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
}

/// Everything that happened to a student's marks and attendance at a lesson, oldest first.
pub fn cell_history(
    conn: &Connection,
    lesson: LessonId,
    student: StudentId,
) -> Result<Vec<HistoryEntry>> {
    let mut st = conn.prepare_cached(
        "SELECT a.at, IFNULL(s.surname || ' ' || substr(s.name, 1, 1) || '.', ''), a.entity, a.action,
                a.old_value, a.new_value, a.reason
         FROM audit a LEFT JOIN staff s ON s.id = a.staff_id
         WHERE a.lesson_id = ?1 AND a.student_id = ?2 ORDER BY a.id",
    )?;
    Ok(st
        .query_map(params![lesson, student], |r| {
            Ok(HistoryEntry {
                at: r.get(0)?,
                who: r.get(1)?,
                entity: r.get(2)?,
                action: r.get(3)?,
                old: r.get(4)?,
                new: r.get(5)?,
                reason: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

/// What the session may change on a page, lesson by lesson, decided by the same rule every change
/// is checked against (`access::decide`); `None` means allowed. The page shows locked cells and
/// why before anyone tries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rights {
    pub marks: Vec<Option<Denied>>,
    pub attendance: Vec<Option<Denied>>,
    /// Setting period marks (and closing the period).
    pub period_marks: Option<Denied>,
}

pub fn rights(
    conn: &Connection,
    session: &Session,
    page: &Page,
    today: NaiveDate,
) -> Result<Rights> {
    let s = crate::auth::refresh(conn, session)?;
    let (class_teacher, year_closed): (Option<StaffId>, bool) = conn
        .prepare_cached(
            "SELECT cl.class_teacher_id, y.closed FROM class cl JOIN academic_year y ON y.id = cl.year_id WHERE cl.id = ?1",
        )?
        .query_row([page.course.class], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let window = settings::edit_window(conn)?;
    let decide = |l: &LessonColumn, change: LessonChange| {
        let ctx = access::LessonCtx {
            lesson: l.id,
            course: page.course.id,
            date: l.date,
            teacher: page.course.teacher,
            substitute: l.substitute,
            cancelled: l.cancelled,
            class: page.course.class,
            group: page.course.group,
            class_teacher,
            scale: page.course.scale,
            year_closed,
        };
        access::decide(&s, &ctx, page.closed, window, today, change, None).err()
    };
    let period_marks =
        match access::check_period_marks(conn, &s, &page.course, Some(page.period.id), None) {
            Ok(()) => None,
            Err(Error::Denied(d)) => Some(d),
            Err(e) => return Err(e),
        };
    Ok(Rights {
        marks: page
            .lessons
            .iter()
            .map(|l| decide(l, LessonChange::Marks))
            .collect(),
        attendance: page
            .lessons
            .iter()
            .map(|l| decide(l, LessonChange::Attendance))
            .collect(),
        period_marks,
    })
}

/// A student's period, year, exam and final marks in a course: the year view of the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    pub member: Member,
    /// One a period, in order.
    pub periods: Vec<Option<PeriodMarkValue>>,
    pub year: Option<PeriodMarkValue>,
    pub exam: Option<PeriodMarkValue>,
    pub final_mark: Option<PeriodMarkValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearView {
    pub course: CourseInfo,
    pub periods: Vec<Period>,
    pub rows: Vec<YearRow>,
}

pub fn year_view(conn: &Connection, session: &Session, course: CourseId) -> Result<YearView> {
    let course = school::course(conn, course)?;
    if !access::can_view_course(conn, session, &course)? {
        return Err(Denied::NotYourCourse.into());
    }
    let periods = school::periods_for_grade(conn, course.year, course.grade)?;
    let (from, to) = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => {
            return Ok(YearView {
                course,
                periods,
                rows: Vec::new(),
            });
        }
    };
    let members = members(conn, &course, from, to)?;
    let index: HashMap<StudentId, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.student, i))
        .collect();
    let mut rows: Vec<YearRow> = members
        .into_iter()
        .map(|m| YearRow {
            member: m,
            periods: vec![None; periods.len()],
            year: None,
            exam: None,
            final_mark: None,
        })
        .collect();
    let mut st = conn.prepare_cached(
        "SELECT student_id, kind, period_id, value FROM period_mark WHERE course_id = ?1",
    )?;
    let mut q = st.query([course.id])?;
    while let Some(r) = q.next()? {
        let s: StudentId = r.get(0)?;
        let Some(&i) = index.get(&s) else { continue };
        let kind: PeriodMarkKind = r.get(1)?;
        let pid: Option<PeriodId> = r.get(2)?;
        let v = PeriodMarkValue::from_code(&r.get::<_, String>(3)?);
        match kind {
            PeriodMarkKind::Period => {
                if let Some(pi) = periods.iter().position(|p| Some(p.id) == pid) {
                    rows[i].periods[pi] = v;
                }
            }
            PeriodMarkKind::Year => rows[i].year = v,
            PeriodMarkKind::Exam => rows[i].exam = v,
            PeriodMarkKind::Final => rows[i].final_mark = v,
        }
    }
    Ok(YearView {
        course,
        periods,
        rows,
    })
}

/// The last journal page a staff member had open, to open it again at the next login.
pub fn last_page(
    conn: &Connection,
    staff: StaffId,
) -> Result<Option<(CourseId, Option<PeriodId>)>> {
    let v = settings::get(conn, &format!("last_page:{staff}"))?;
    Ok(v.and_then(|v| {
        let (c, p) = v.split_once(':')?;
        Some((CourseId(c.parse().ok()?), p.parse().ok().map(PeriodId)))
    }))
}

pub fn remember_page(
    conn: &Connection,
    staff: StaffId,
    course: CourseId,
    period: Option<PeriodId>,
) -> Result<()> {
    let p = period
        .map(|p| p.0.to_string())
        .unwrap_or_else(|| "year".into());
    settings::set(
        conn,
        &format!("last_page:{staff}"),
        &format!("{course}:{p}"),
    )
}
