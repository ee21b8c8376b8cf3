//! The school's directories and accounts as operations: subjects (added, renamed, removed while
//! unused), a lockout lifted.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::{Done, Failure, Op, apply};
use crate::auth::Session;
use crate::db::Db;
use crate::error::Result;
use crate::model::*;
use crate::setup::year;

/// Applies one of the directory operations inside the caller's transaction.
pub(super) fn apply_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    op: &Op,
) -> std::result::Result<Done, Failure> {
    Ok(match op {
        Op::AddSubject { id, name, short } => {
            let id = year::add_subject_in(tx, now, session, *id, name, short)?;
            Done {
                created: vec![id.0],
                inverse: vec![Op::RemoveSubject { subject: id }],
                reply: None,
            }
        }
        Op::RenameSubject {
            subject,
            name,
            short,
        } => {
            let old = year::subject(tx, *subject)?;
            year::rename_subject_in(tx, now, session, *subject, name, short)?;
            let new = year::subject(tx, *subject)?;
            Done::undone_by(
                old != new,
                Op::RenameSubject {
                    subject: *subject,
                    name: old.0,
                    short: old.1,
                },
            )
        }
        Op::RemoveSubject { subject } => {
            let (name, short) = year::subject(tx, *subject)?;
            year::remove_subject_in(tx, now, session, *subject)?;
            Done {
                created: Vec::new(),
                inverse: vec![Op::AddSubject {
                    id: Some(*subject),
                    name,
                    short,
                }],
                reply: None,
            }
        }
        Op::LiftLockout { staff } => {
            crate::auth::lift_lockout_in(tx, now, session, *staff)?;
            // A lockout is not put back: it protected against guessing, which is over.
            Done {
                created: Vec::new(),
                inverse: Vec::new(),
                reply: None,
            }
        }
        _ => unreachable!("not a directory operation: {op:?}"),
    })
}

/// Adds a subject ([`Op::AddSubject`]); administrator.
pub fn add_subject(db: &mut Db, session: &Session, name: &str, short: &str) -> Result<SubjectId> {
    let op = Op::AddSubject {
        id: None,
        name: name.trim().to_string(),
        short: short.trim().to_string(),
    };
    Ok(SubjectId(
        apply(db, session, &[op], None)?.remove(0).created[0],
    ))
}

/// Renames a subject ([`Op::RenameSubject`]).
pub fn rename_subject(
    db: &mut Db,
    session: &Session,
    subject: SubjectId,
    name: &str,
    short: &str,
) -> Result<()> {
    let op = Op::RenameSubject {
        subject,
        name: name.trim().to_string(),
        short: short.trim().to_string(),
    };
    apply(db, session, &[op], None)
        .map(drop)
        .map_err(Into::into)
}

/// Removes a subject no course or group uses ([`Op::RemoveSubject`]).
pub fn remove_subject(db: &mut Db, session: &Session, subject: SubjectId) -> Result<()> {
    apply(db, session, &[Op::RemoveSubject { subject }], None)
        .map(drop)
        .map_err(Into::into)
}

/// Lets an account locked after wrong passwords in again now ([`Op::LiftLockout`]);
/// administrator.
pub fn lift_lockout(db: &mut Db, session: &Session, staff: StaffId) -> Result<()> {
    apply(db, session, &[Op::LiftLockout { staff }], None)
        .map(drop)
        .map_err(Into::into)
}
