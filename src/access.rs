//! Who may do what (DOMAIN.md's role table), decided here and only here. Screens may hide what a
//! user cannot do, but every change in the core goes through these checks:
//! - a teacher fills only their own courses and the lessons they substitute;
//! - a class teacher sees every subject of their class and records its absences;
//! - director, deputy and archivist read everything and change no marks; the clerk no journals;
//! - the administrator may correct anything, but after a lock only with a reason;
//! - the edit window, a closed period and a closed year lock lessons; future lessons take no marks;
//! - a student takes marks only for dates they belonged to the class or group.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::auth::{self, Session};
use crate::db::settings;
use crate::error::{Denied, Error, Result};
use crate::model::*;
use crate::school::CourseInfo;

/// What the core needs to know about a lesson to decide who may change it.
#[derive(Debug, Clone)]
pub struct LessonCtx {
    pub lesson: LessonId,
    pub course: CourseId,
    pub date: NaiveDate,
    pub teacher: StaffId,
    pub substitute: Option<StaffId>,
    pub cancelled: bool,
    pub class: ClassId,
    pub group: Option<GroupId>,
    pub class_teacher: Option<StaffId>,
    pub scale: Scale,
    pub year_closed: bool,
}

pub fn lesson_ctx(conn: &Connection, lesson: LessonId) -> Result<LessonCtx> {
    let mut st = conn.prepare_cached(
        "SELECT l.course_id, l.date, c.teacher_id, l.substitute_id, l.cancelled, c.class_id, c.group_id,
                cl.class_teacher_id, c.scale, y.closed
         FROM lesson l JOIN course c ON c.id = l.course_id JOIN class cl ON cl.id = c.class_id
         JOIN academic_year y ON y.id = c.year_id WHERE l.id = ?1",
    )?;
    st.query_row([lesson], |r| {
        Ok(LessonCtx {
            lesson,
            course: r.get(0)?,
            date: r.get(1)?,
            teacher: r.get(2)?,
            substitute: r.get(3)?,
            cancelled: r.get(4)?,
            class: r.get(5)?,
            group: r.get(6)?,
            class_teacher: r.get(7)?,
            scale: r.get(8)?,
            year_closed: r.get(9)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("lesson #{lesson}")))
}

/// Is the course's period that holds `date` closed (its final marks set)?
pub fn period_closed_on(conn: &Connection, course: CourseId, date: NaiveDate) -> Result<bool> {
    let mut st = conn.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM period_close pc JOIN period p ON p.id = pc.period_id
             WHERE pc.course_id = ?1 AND ?2 BETWEEN p.start_date AND p.end_date)",
    )?;
    Ok(st.query_row(params![course, date], |r| r.get(0))?)
}

pub fn period_closed(conn: &Connection, course: CourseId, period: PeriodId) -> Result<bool> {
    let mut st = conn.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM period_close WHERE course_id = ?1 AND period_id = ?2)",
    )?;
    Ok(st.query_row(params![course, period], |r| r.get(0))?)
}

/// Was the student in the course's class (or group) on `date`?
pub fn on_list(
    conn: &Connection,
    class: ClassId,
    group: Option<GroupId>,
    student: StudentId,
    date: NaiveDate,
) -> Result<bool> {
    let sql = if group.is_some() {
        "SELECT EXISTS(SELECT 1 FROM group_member WHERE group_id = ?1 AND student_id = ?2
             AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3))"
    } else {
        "SELECT EXISTS(SELECT 1 FROM enrolment WHERE class_id = ?1 AND student_id = ?2
             AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3))"
    };
    let owner = group.map(|g| g.0).unwrap_or(class.0);
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params![owner, student, date], |r| r.get(0))?)
}

/// What kind of change is asked for on a lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonChange {
    /// Marks of students.
    Marks,
    /// Attendance: the class teacher may record it for their own class too.
    Attendance,
}

/// Checks that `session` may change `change` on the lesson for `student` today. Returns the lesson's
/// context, and whether the change is an administrator's correction past a lock (which the audit
/// entry must carry with its reason).
pub fn check_lesson_change(
    conn: &Connection,
    session: &Session,
    lesson: LessonId,
    student: Option<StudentId>,
    change: LessonChange,
    today: NaiveDate,
    reason: Option<&str>,
) -> Result<LessonCtx> {
    let s = auth::refresh(conn, session)?;
    let ctx = lesson_ctx(conn, lesson)?;
    let closed = period_closed_on(conn, ctx.course, ctx.date)?;
    decide(
        &s,
        &ctx,
        closed,
        settings::edit_window(conn)?,
        today,
        change,
        reason,
    )?;
    if let Some(st) = student
        && !on_list(conn, ctx.class, ctx.group, st, ctx.date)?
    {
        return Err(Denied::NotOnList.into());
    }
    Ok(ctx)
}

/// The rule itself, without the database: may `s` make `change` on the lesson `ctx` today, given
/// whether its period is closed and the school's edit window? Shared by the checks before every
/// change and by the journal page, which shows locked lessons before anyone tries them.
pub fn decide(
    s: &Session,
    ctx: &LessonCtx,
    period_closed: bool,
    window: EditWindow,
    today: NaiveDate,
    change: LessonChange,
    reason: Option<&str>,
) -> Result<(), Denied> {
    if ctx.year_closed {
        return Err(Denied::YearClosed);
    }
    if ctx.cancelled {
        return Err(Denied::LessonCancelled);
    }
    if ctx.date > today {
        return Err(Denied::FutureLesson);
    }
    let admin = s.has(Role::Admin);
    let teaches = (s.has(Role::Teacher) || s.has(Role::ClassTeacher))
        && (ctx.teacher == s.staff || ctx.substitute == Some(s.staff));
    let own_class = change == LessonChange::Attendance && ctx.class_teacher == Some(s.staff);
    if !admin && !teaches && !own_class {
        let reads_all = s.has(Role::Director)
            || s.has(Role::Deputy)
            || s.has(Role::Archivist)
            || s.has(Role::Clerk);
        let teaches_anything = s.has(Role::Teacher) || s.has(Role::ClassTeacher);
        return Err(if reads_all && !teaches_anything {
            Denied::Role
        } else {
            Denied::NotYourCourse
        });
    }
    let lock = if period_closed {
        Some(Denied::PeriodClosed)
    } else {
        window
            .last_day(ctx.date)
            .filter(|last| today > *last)
            .map(Denied::EditWindowClosed)
    };
    if let Some(lock) = lock {
        if !admin {
            return Err(lock);
        }
        if reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(Denied::ReasonRequired);
        }
    }
    Ok(())
}

/// May the session read this course's journal page?
pub fn can_view_course(conn: &Connection, s: &Session, c: &CourseInfo) -> Result<bool> {
    if s.has(Role::Admin) || s.has(Role::Director) || s.has(Role::Deputy) || s.has(Role::Archivist)
    {
        return Ok(true);
    }
    if c.teacher == s.staff {
        return Ok(true);
    }
    let class_teacher: Option<StaffId> = conn
        .prepare_cached("SELECT class_teacher_id FROM class WHERE id = ?1")?
        .query_row([c.class], |r| r.get(0))?;
    if class_teacher == Some(s.staff) {
        return Ok(true);
    }
    let substitutes: bool = conn
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM lesson WHERE course_id = ?1 AND substitute_id = ?2)",
        )?
        .query_row(params![c.id, s.staff], |r| r.get(0))?;
    Ok(substitutes)
}

/// May the session set period, year, exam and final marks in this course (before any lock)?
pub fn check_period_marks(
    conn: &Connection,
    session: &Session,
    c: &CourseInfo,
    period: Option<PeriodId>,
    reason: Option<&str>,
) -> Result<()> {
    let s = auth::refresh(conn, session)?;
    let closed_year: bool = conn
        .prepare_cached("SELECT closed FROM academic_year WHERE id = ?1")?
        .query_row([c.year], |r| r.get(0))?;
    if closed_year {
        return Err(Denied::YearClosed.into());
    }
    let admin = s.has(Role::Admin);
    if !admin && c.teacher != s.staff {
        return Err(if s.has(Role::Teacher) {
            Denied::NotYourCourse
        } else {
            Denied::Role
        }
        .into());
    }
    if let Some(p) = period
        && period_closed(conn, c.id, p)?
    {
        if !admin {
            return Err(Denied::PeriodClosed.into());
        }
        if reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(Denied::ReasonRequired.into());
        }
    }
    Ok(())
}
