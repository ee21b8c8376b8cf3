//! The weekly timetable, laying lessons out from it, and the courses' thematic plans as
//! operations.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::{Done, Failure, Op, Reply, apply_placed, one, placed};
use crate::auth::Session;
use crate::db::Db;
use crate::error::Result;
use crate::lessons::plan::{self, PlanImport, PlanRow};
use crate::lessons::timetable::{self, Changed, Slot};
use crate::lessons::{self, LayoutReport, Outcome};
use crate::model::*;

/// Applies one of the timetable and plan operations inside the caller's transaction.
pub(super) fn apply_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    op: &Op,
) -> std::result::Result<Done, Failure> {
    Ok(match op {
        Op::ChangeTimetable {
            course,
            from,
            slots,
        } => {
            let changed = placed(timetable::change_from_in(
                tx, now, session, *course, *from, slots,
            )?)?;
            Done {
                reply: Some(Reply::Timetable(changed)),
                ..Done::default()
            }
        }
        Op::LayOut {
            year,
            courses,
            from,
            to,
        } => {
            let report = lessons::lay_out_in(tx, now, session, *year, courses, *from, *to)?;
            Done {
                reply: Some(Reply::Layout(report)),
                ..Done::default()
            }
        }
        Op::SavePlan { course, topics } => {
            plan::save_plan_in(tx, now, session, *course, topics)?;
            Done::default()
        }
        _ => unreachable!("not a timetable operation: {op:?}"),
    })
}

/// Changes a course's weekly slots from `from` on ([`Op::ChangeTimetable`]); refused with the
/// clashing bookings if a teacher, room or class would be booked twice.
pub fn change_timetable(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    from: NaiveDate,
    slots: &[Slot],
) -> Result<Outcome<Changed>> {
    let op = Op::ChangeTimetable {
        course,
        from,
        slots: slots.to_vec(),
    };
    Ok(apply_placed(db, session, op)?.map(|d| match d.reply {
        Some(Reply::Timetable(c)) => c,
        r => unreachable!("a timetable change replies with what it did: {r:?}"),
    }))
}

/// Lays out the lessons of `courses` (every course of the year when empty) from `from` to `to`
/// ([`Op::LayOut`]).
pub fn lay_out(
    db: &mut Db,
    session: &Session,
    year: YearId,
    courses: &[CourseId],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<LayoutReport> {
    let op = Op::LayOut {
        year,
        courses: courses.to_vec(),
        from,
        to,
    };
    match one(db, session, op)?.reply {
        Some(Reply::Layout(r)) => Ok(r),
        r => unreachable!("laying out replies with what it did: {r:?}"),
    }
}

/// Lays out a reporting period's lessons for every course of the grades that follow its scheme.
pub fn lay_out_period(db: &mut Db, session: &Session, period: PeriodId) -> Result<LayoutReport> {
    let (year, courses, start, end) = lessons::period_layout(&db.conn, period)?;
    if courses.is_empty() {
        return Ok(LayoutReport::default());
    }
    lay_out(db, session, year, &courses, start, end)
}

/// Replaces a course's thematic plan with `topics`, in that order ([`Op::SavePlan`]).
pub fn save_plan(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    topics: &[PlanRow],
) -> Result<()> {
    let op = Op::SavePlan {
        course,
        topics: topics.to_vec(),
    };
    one(db, session, op).map(drop)
}

/// Saves an imported plan, only if the file had no errors; how many topics.
pub fn import_plan(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    file: &PlanImport,
) -> Result<usize> {
    let topics = plan::import_rows(file)?;
    save_plan(db, session, course, &topics)?;
    Ok(file.rows.len())
}
