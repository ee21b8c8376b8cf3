//! Staff accounts as operations: created, corrected, switched off and on, passwords reset or
//! changed, locked as compromised and given back. An operation carries a password only as its
//! hash, made where the words were typed: applying it again gives the same account.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::{Done, Failure, Op, one};
use crate::auth::{self, NewStaff, Session};
use crate::db::Db;
use crate::error::Result;
use crate::model::*;
use crate::setup::staff;

/// Applies one of the staff operations inside the caller's transaction.
pub(super) fn apply_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    op: &Op,
) -> std::result::Result<Done, Failure> {
    Ok(match op {
        Op::CreateStaff {
            login,
            name,
            roles,
            temporary,
            password_hash,
        } => {
            let s = NewStaff {
                login: login.clone(),
                name: name.clone(),
                roles: roles.clone(),
                password: String::new(),
                temporary: *temporary,
            };
            // An account is switched off, never removed: its history keeps its name.
            Done::created(auth::create_staff_in(tx, now, session, &s, password_hash)?.0)
        }
        Op::UpdateAccount {
            staff: id,
            name,
            roles,
        } => {
            let (old_name, old_roles) = staff::name_and_roles(tx, *id)?;
            staff::update_account_in(tx, now, session, *id, name, roles)?;
            let changed = staff::name_and_roles(tx, *id)? != (old_name.clone(), old_roles.clone());
            Done::undone_by(
                changed,
                Op::UpdateAccount {
                    staff: *id,
                    name: old_name,
                    roles: old_roles,
                },
            )
        }
        Op::SetActive { staff: id, active } => {
            let was = staff::is_active(tx, *id)?;
            staff::set_active_in(tx, now, session, *id, *active)?;
            Done::undone_by(
                was != *active,
                Op::SetActive {
                    staff: *id,
                    active: was,
                },
            )
        }
        Op::ResetPassword {
            staff: id,
            password_hash,
        } => {
            auth::reset_password_in(tx, now, session, *id, password_hash)?;
            Done::default()
        }
        Op::ChangePassword { password_hash } => {
            auth::change_password_in(tx, now, session, password_hash)?;
            Done::default()
        }
        Op::MarkCompromised { staff: id, since } => {
            staff::mark_compromised_in(tx, now, session, *id, *since)?;
            Done::default()
        }
        Op::ReleaseCompromised {
            staff: id,
            password_hash,
        } => {
            staff::release_compromised_in(tx, now, session, *id)?;
            auth::reset_password_in(tx, now, session, *id, password_hash)?;
            Done::default()
        }
        _ => unreachable!("not a staff operation: {op:?}"),
    })
}

/// The administrator creates an account ([`Op::CreateStaff`]).
pub fn create_staff(db: &mut Db, admin: &Session, s: &NewStaff) -> Result<StaffId> {
    auth::check_new_password(&s.password, s.temporary)?;
    let op = Op::CreateStaff {
        login: s.login.clone(),
        name: s.name.clone(),
        roles: s.roles.clone(),
        temporary: s.temporary,
        password_hash: auth::hash_password(&s.password),
    };
    Ok(StaffId(one(db, admin, op)?.created[0]))
}

/// The administrator resets a password to a new temporary one, returned for the login slip
/// ([`Op::ResetPassword`]).
pub fn reset_password(db: &mut Db, admin: &Session, staff: StaffId) -> Result<String> {
    let password = auth::temporary_password();
    let op = Op::ResetPassword {
        staff,
        password_hash: auth::hash_password(&password),
    };
    one(db, admin, op)?;
    Ok(password)
}

/// Replaces the session's own password ([`Op::ChangePassword`]); the session as it is now.
pub fn change_password(db: &mut Db, session: &Session, old: &str, new: &str) -> Result<Session> {
    auth::check_password_change(&db.conn, session, old, new)?;
    let op = Op::ChangePassword {
        password_hash: auth::hash_password(new),
    };
    one(db, session, op)?;
    auth::session_of(&db.conn, session.staff)
}

/// Corrects an account's name and replaces its roles ([`Op::UpdateAccount`]).
pub fn update_account(
    db: &mut Db,
    session: &Session,
    staff: StaffId,
    name: &PersonName,
    roles: &[Role],
) -> Result<()> {
    let op = Op::UpdateAccount {
        staff,
        name: name.clone(),
        roles: roles.to_vec(),
    };
    one(db, session, op).map(drop)
}

/// Switches an account off (a leaver) or on again ([`Op::SetActive`]).
pub fn set_active(db: &mut Db, session: &Session, staff: StaffId, active: bool) -> Result<()> {
    one(db, session, Op::SetActive { staff, active }).map(drop)
}

/// Locks an account as compromised since `since` ([`Op::MarkCompromised`]).
pub fn mark_compromised(
    db: &mut Db,
    session: &Session,
    staff: StaffId,
    since: NaiveDateTime,
) -> Result<()> {
    one(db, session, Op::MarkCompromised { staff, since }).map(drop)
}

/// Gives a compromised account back to its owner with a new temporary password, returned for the
/// login slip ([`Op::ReleaseCompromised`]).
pub fn release_compromised(db: &mut Db, session: &Session, staff: StaffId) -> Result<String> {
    let password = auth::temporary_password();
    let op = Op::ReleaseCompromised {
        staff,
        password_hash: auth::hash_password(&password),
    };
    one(db, session, op)?;
    Ok(password)
}
