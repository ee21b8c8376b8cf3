//! Setting up a real school and running it for years: the school profile and its academic years
//! (periods, holidays, bells, rooms, subjects, work types, settings), classes with their groups and
//! courses, staff accounts (including locking a compromised account and reverting what it did),
//! students and parents (enrolment, transfer, withdrawal, consents), importing class lists from
//! CSV and XLSX, and the year rollover.
//!
//! Every function that changes data takes the acting [`Session`], checks the role itself, works in
//! one immediate transaction and writes the audit log in that transaction. Reading functions take a
//! plain `&Connection`. Marks, attendance and period marks are never written here: reverting a
//! compromised account goes through `journal`, so its rules and audit entries stay one.

pub mod checklist;
pub mod classes;
pub mod cli;
pub mod import;
pub mod rollover;
pub mod staff;
pub mod students;
pub mod year;

use chrono::NaiveDateTime;
use rusqlite::Connection;

use crate::audit::{self, Entry};
use crate::auth::{self, Session};
use crate::error::{Denied, Error, Result};
use crate::model::{Role, YearId};

/// Re-reads the session and checks it holds one of `roles`.
pub(crate) fn require(conn: &Connection, session: &Session, roles: &[Role]) -> Result<Session> {
    let s = auth::refresh(conn, session)?;
    if roles.iter().any(|r| s.has(*r)) {
        Ok(s)
    } else {
        Err(Denied::Role.into())
    }
}

/// Refuses changes to a year that is closed (rolled over or archived): it stays read-only.
pub(crate) fn open_year(conn: &Connection, year: YearId) -> Result<()> {
    let closed: Option<bool> = rusqlite::OptionalExtension::optional(
        conn.prepare_cached("SELECT closed FROM academic_year WHERE id = ?1")?
            .query_row([year], |r| r.get(0)),
    )?;
    match closed {
        None => Err(Error::NotFound(format!("academic year #{year}"))),
        Some(true) => Err(Denied::YearClosed.into()),
        Some(false) => Ok(()),
    }
}

/// One audit entry for a setup change: who, what, which row, old → new.
#[allow(clippy::too_many_arguments)]
pub(crate) fn log(
    conn: &Connection,
    at: NaiveDateTime,
    session: &Session,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    old: Option<String>,
    new: Option<String>,
) -> Result<()> {
    audit::record(
        conn,
        at,
        &Entry {
            staff: Some(session.staff),
            action,
            entity,
            entity_id,
            old,
            new,
            ..Default::default()
        },
    )?;
    Ok(())
}

/// A text field that must not be empty; `missing` is the `said-…` key that asks for it.
pub(crate) fn required<'a>(value: &'a str, missing: &'static str) -> Result<&'a str> {
    let v = value.trim();
    if v.is_empty() {
        Err(Error::said(missing, &[]))
    } else {
        Ok(v)
    }
}
