//! What a new school still has to set up before teachers can keep the journal, in the order an
//! administrator does it: the school, the year and its periods, the bells, subjects, staff,
//! classes, their courses, the timetable, the students. Each step is done when the journal has
//! what it needs; the administrator's Today page lists those not done yet.

use rusqlite::Connection;

use crate::error::Result;
use crate::model::YearId;

/// One step of setting up a school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The school's name, address and director.
    School,
    /// The academic year with its periods.
    Periods,
    /// The bell schedule.
    Bells,
    Subjects,
    /// Staff accounts beyond the first administrator.
    Staff,
    Classes,
    /// Courses: which subject, teacher and group each class has.
    Courses,
    Timetable,
    Students,
}

impl Step {
    pub const ALL: &'static [Step] = &[
        Step::School,
        Step::Periods,
        Step::Bells,
        Step::Subjects,
        Step::Staff,
        Step::Classes,
        Step::Courses,
        Step::Timetable,
        Step::Students,
    ];

    /// The i18n key of the step's name.
    pub fn key(self) -> &'static str {
        match self {
            Step::School => "setup-step-school",
            Step::Periods => "setup-step-periods",
            Step::Bells => "setup-step-bells",
            Step::Subjects => "setup-step-subjects",
            Step::Staff => "setup-step-staff",
            Step::Classes => "setup-step-classes",
            Step::Courses => "setup-step-courses",
            Step::Timetable => "setup-step-timetable",
            Step::Students => "setup-step-students",
        }
    }
}

/// Each step with whether it is done, for the year `year` (the current one).
pub fn checklist(conn: &Connection, year: Option<YearId>) -> Result<Vec<(Step, bool)>> {
    // Counts of the whole school, and of the year.
    let all = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let of_year = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [year], |r| r.get(0))?) };
    let mut out = Vec::with_capacity(Step::ALL.len());
    for step in Step::ALL {
        let done = match step {
            Step::School => {
                all(
                    "SELECT count(*) FROM school WHERE trim(name) <> '' AND trim(address) <> ''
                       AND trim(director) <> ''",
                )? > 0
            }
            Step::Periods => of_year("SELECT count(*) FROM period WHERE year_id = ?1")? > 0,
            Step::Bells => of_year("SELECT count(*) FROM bell WHERE year_id = ?1")? > 0,
            Step::Subjects => all("SELECT count(*) FROM subject")? > 0,
            Step::Staff => all("SELECT count(*) FROM staff WHERE active")? > 1,
            Step::Classes => of_year("SELECT count(*) FROM class WHERE year_id = ?1")? > 0,
            Step::Courses => of_year("SELECT count(*) FROM course WHERE year_id = ?1")? > 0,
            Step::Timetable => {
                of_year(
                    "SELECT count(*) FROM timetable_entry t JOIN course c ON c.id = t.course_id
                     WHERE c.year_id = ?1",
                )? > 0
            }
            Step::Students => {
                of_year(
                    "SELECT count(*) FROM enrolment e JOIN class c ON c.id = e.class_id
                     WHERE c.year_id = ?1",
                )? > 0
            }
        };
        out.push((*step, done));
    }
    Ok(out)
}
