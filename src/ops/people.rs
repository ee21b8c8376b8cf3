//! Students, their parents and consents as operations: enrolment, transfer, withdrawal, the
//! student's card, parents, consents to personal-data processing, paper summaries.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::{Done, Failure, Op, one};
use crate::auth::Session;
use crate::db::Db;
use crate::error::Result;
use crate::model::*;
use crate::setup::students::{self, NewParent, NewStudent, Person};

/// Applies one of the people operations inside the caller's transaction.
pub(super) fn apply_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    op: &Op,
) -> std::result::Result<Done, Failure> {
    let done = |inverse: Vec<Op>| Done {
        created: Vec::new(),
        inverse,
        reply: None,
    };
    Ok(match op {
        Op::Enrol { student } => {
            let id = students::enrol_in(tx, now, session, student)?;
            Done {
                created: vec![id.0],
                inverse: Vec::new(),
                reply: None,
            }
        }
        Op::Transfer { student, to, from } => {
            students::transfer_in(tx, now, session, *student, *to, *from)?;
            done(Vec::new())
        }
        Op::Withdraw {
            student,
            last_day,
            why,
        } => {
            students::withdraw_in(tx, now, session, *student, *last_day, why)?;
            done(Vec::new())
        }
        Op::UpdateStudent {
            student,
            name,
            birth_date,
            file_number,
        } => {
            let (old_name, old_birth, old_number) = students::student_data(tx, *student)?;
            students::update_student_in(
                tx,
                now,
                session,
                *student,
                name,
                *birth_date,
                file_number.as_deref(),
            )?;
            let (new_name, new_birth, new_number) = students::student_data(tx, *student)?;
            Done::undone_by(
                (&old_name, old_birth, &old_number) != (&new_name, new_birth, &new_number),
                Op::UpdateStudent {
                    student: *student,
                    name: old_name,
                    birth_date: old_birth,
                    file_number: old_number,
                },
            )
        }
        Op::AddParent { student, parent } => {
            let id = students::add_parent_in(tx, now, session, *student, parent)?;
            Done {
                created: vec![id.0],
                inverse: vec![Op::RemoveParent {
                    student: *student,
                    parent: id,
                }],
                reply: None,
            }
        }
        Op::UpdateParent {
            student,
            parent,
            data,
        } => {
            let old = students::parent_data(tx, *student, *parent)?;
            students::update_parent_in(tx, now, session, *student, *parent, data)?;
            let new = students::parent_data(tx, *student, *parent)?;
            Done::undone_by(
                old != new,
                Op::UpdateParent {
                    student: *student,
                    parent: *parent,
                    data: old,
                },
            )
        }
        Op::RemoveParent { student, parent } => {
            students::remove_parent_in(tx, now, session, *student, *parent)?;
            done(Vec::new())
        }
        Op::SetConsent {
            student,
            person,
            given,
        } => {
            students::set_consent_in(tx, now, session, *student, *person, *given)?;
            done(Vec::new())
        }
        Op::WithdrawConsent {
            student,
            person,
            on,
        } => {
            students::withdraw_consent_in(tx, now, session, *student, *person, *on)?;
            done(Vec::new())
        }
        Op::SetPaperReports {
            student,
            paper,
            since,
        } => {
            let (was, was_since) = students::paper_state(tx, *student)?;
            students::set_paper_reports_in(tx, now, session, *student, *paper, *since)?;
            let (is, is_since) = students::paper_state(tx, *student)?;
            Done::undone_by(
                (was, was_since) != (is, is_since),
                Op::SetPaperReports {
                    student: *student,
                    paper: was,
                    since: was_since.unwrap_or(*since),
                },
            )
        }
        _ => unreachable!("not a people operation: {op:?}"),
    })
}

/// Enrols a new student into a class from `student.start` ([`Op::Enrol`]).
pub fn enrol(db: &mut Db, session: &Session, student: &NewStudent) -> Result<StudentId> {
    let d = one(
        db,
        session,
        Op::Enrol {
            student: student.clone(),
        },
    )?;
    Ok(StudentId(d.created[0]))
}

/// Transfers a student to another class from `from` ([`Op::Transfer`]).
pub fn transfer(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    to: ClassId,
    from: NaiveDate,
) -> Result<()> {
    one(db, session, Op::Transfer { student, to, from }).map(drop)
}

/// Withdraws a student; `last_day` is their last day on the list ([`Op::Withdraw`]).
pub fn withdraw(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    last_day: NaiveDate,
    why: &str,
) -> Result<()> {
    let op = Op::Withdraw {
        student,
        last_day,
        why: why.to_string(),
    };
    one(db, session, op).map(drop)
}

/// Corrects a student's card ([`Op::UpdateStudent`]).
pub fn update_student(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    name: &PersonName,
    birth_date: Option<NaiveDate>,
    file_number: Option<&str>,
) -> Result<()> {
    let op = Op::UpdateStudent {
        student,
        name: name.clone(),
        birth_date,
        file_number: file_number.map(str::to_string),
    };
    one(db, session, op).map(drop)
}

/// Adds a parent to a student's card ([`Op::AddParent`]).
pub fn add_parent(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    parent: &NewParent,
) -> Result<ParentId> {
    let op = Op::AddParent {
        student,
        parent: parent.clone(),
    };
    Ok(ParentId(one(db, session, op)?.created[0]))
}

/// Corrects a parent ([`Op::UpdateParent`]).
pub fn update_parent(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    parent: ParentId,
    data: &NewParent,
) -> Result<()> {
    let op = Op::UpdateParent {
        student,
        parent,
        data: data.clone(),
    };
    one(db, session, op).map(drop)
}

/// Takes a parent off a student's card ([`Op::RemoveParent`]).
pub fn remove_parent(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    parent: ParentId,
) -> Result<()> {
    one(db, session, Op::RemoveParent { student, parent }).map(drop)
}

/// Records the consent given on `given`, or with `None` withdraws it today ([`Op::SetConsent`]).
pub fn set_consent(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    person: Person,
    given: Option<NaiveDate>,
) -> Result<()> {
    let op = Op::SetConsent {
        student,
        person,
        given,
    };
    one(db, session, op).map(drop)
}

/// Records a consent withdrawn on `on` ([`Op::WithdrawConsent`]).
pub fn withdraw_consent(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    person: Person,
    on: NaiveDate,
) -> Result<()> {
    let op = Op::WithdrawConsent {
        student,
        person,
        on,
    };
    one(db, session, op).map(drop)
}

/// Paper summaries for a student's parents from `since`, or back to electronic
/// ([`Op::SetPaperReports`]).
pub fn set_paper_reports(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    paper: bool,
    since: NaiveDate,
) -> Result<()> {
    let op = Op::SetPaperReports {
        student,
        paper,
        since,
    };
    one(db, session, op).map(drop)
}
