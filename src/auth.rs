//! Staff accounts and logging in: argon2id password hashes, temporary passwords that must be
//! changed at first login, lockout after repeated wrong passwords, and the [`Session`] every
//! mutating operation of the core takes. Who may do what once logged in is `access`'s business.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, NaiveDateTime};
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, params};

use crate::audit::{self, Entry};
use crate::db::{Db, settings, ts};
use crate::error::{AuthError, Denied, Error, Result};
use crate::model::{PersonName, Role, StaffId};

pub const MIN_PASSWORD_LEN: usize = 6;

/// A logged-in staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub staff: StaffId,
    pub login: String,
    pub name: PersonName,
    pub roles: Vec<Role>,
    /// A temporary password: the program must ask for a new one before anything else.
    pub must_change_password: bool,
}

impl Session {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Hashes a password with argon2id at the library's recommended cost.
pub fn hash_password(password: &str) -> String {
    hash_with(&Argon2::default(), password)
}

/// A cheap argon2id hash for the demo school's well-known passwords, so that building a demo with a
/// hundred accounts stays fast; the salt is the caller's (the demo draws it from its seed, so the
/// same seed gives the same file). Never used for a password a person chose.
pub fn hash_demo_password(password: &str, salt: [u8; 16]) -> String {
    let params = Params::new(1024, 1, 1, None).expect("valid argon2 params");
    salted(
        &Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
        password,
        salt,
    )
}

fn hash_with(argon: &Argon2, password: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    salted(argon, password, bytes)
}

fn salted(argon: &Argon2, password: &str, bytes: [u8; 16]) -> String {
    let salt = SaltString::encode_b64(&bytes).expect("16 bytes make a valid salt");
    argon
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing of a short password cannot fail")
        .to_string()
}

fn verify(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A readable temporary password for a login slip: no look-alike characters.
pub fn temporary_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 10];
    rand::rng().fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// Checks a login and password. Wrong passwords are counted; after too many the account is locked
/// for a while. Unknown logins get the same answer as wrong passwords.
pub fn login(db: &mut Db, login: &str, password: &str) -> Result<Session> {
    let now = db.clock.now();
    let max = settings::max_failed_logins(&db.conn)?;
    let lock_minutes = settings::lockout_minutes(&db.conn)?;
    let tx = db.immediate()?;
    let row = tx
        .prepare_cached(
            "SELECT id, password_hash, failed_logins, locked_until, active, compromised_since
             FROM staff WHERE login = ?1",
        )?
        .query_row([login.trim()], |r| {
            Ok((
                r.get::<_, StaffId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .optional()?;
    let Some((id, hash, failed, locked_until, active, compromised)) = row else {
        // Spend the same time as a real check so a login's existence does not show.
        let _ = verify(&hash_demo_password("x", [0; 16]), password);
        return Err(AuthError::WrongPassword { remaining: max }.into());
    };
    may_enter(now, locked_until.as_deref(), active, compromised.as_deref())?;
    if !verify(&hash, password) {
        let failed = failed + 1;
        if failed >= max {
            let until = now + Duration::minutes(lock_minutes as i64);
            tx.prepare_cached(
                "UPDATE staff SET failed_logins = 0, locked_until = ?2 WHERE id = ?1",
            )?
            .execute(params![id, ts(until)])?;
            audit::record(
                &tx,
                now,
                &Entry {
                    staff: Some(id),
                    action: "lockout",
                    entity: "staff",
                    entity_id: Some(id.0),
                    new: Some(ts(until)),
                    ..Default::default()
                },
            )?;
            tx.commit()?;
            return Err(AuthError::LockedOut { until }.into());
        }
        tx.prepare_cached("UPDATE staff SET failed_logins = ?2 WHERE id = ?1")?
            .execute(params![id, failed])?;
        tx.commit()?;
        return Err(AuthError::WrongPassword {
            remaining: max - failed,
        }
        .into());
    }
    tx.prepare_cached("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?1")?
        .execute([id])?;
    audit::record(
        &tx,
        now,
        &Entry {
            staff: Some(id),
            action: "login",
            entity: "staff",
            entity_id: Some(id.0),
            ..Default::default()
        },
    )?;
    let session = load_session(&tx, id)?;
    tx.commit()?;
    Ok(session)
}

/// Whether an account may enter at all, before its password is looked at: not locked out after
/// wrong passwords, switched on, not locked as compromised. Login and the lock screen alike.
fn may_enter(
    now: NaiveDateTime,
    locked_until: Option<&str>,
    active: bool,
    compromised: Option<&str>,
) -> Result<()> {
    if let Some(until) = locked_until.and_then(parse_ts)
        && until > now
    {
        return Err(AuthError::LockedOut { until }.into());
    }
    if !active {
        return Err(AuthError::Inactive.into());
    }
    if compromised.is_some() {
        return Err(AuthError::Compromised.into());
    }
    Ok(())
}

/// Unlocks the lock screen for the session's own account. The account's state is checked as at
/// login (locked out, switched off, compromised since), but a wrong password is not counted
/// against the account: at a shared PC it is usually the next person typing their own. The screen
/// limits the tries and then asks for a full login, which counts.
pub fn unlock(db: &mut Db, session: &Session, password: &str) -> Result<Session> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let (hash, locked_until, active, compromised): (String, Option<String>, bool, Option<String>) =
        tx.prepare_cached("SELECT password_hash, locked_until, active, compromised_since FROM staff WHERE id = ?1")?.query_row([session.staff],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    may_enter(now, locked_until.as_deref(), active, compromised.as_deref())?;
    if !verify(&hash, password) {
        return Err(AuthError::NotTheLockedUser.into());
    }
    audit::record(
        &tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: "login",
            entity: "staff",
            entity_id: Some(session.staff.0),
            ..Default::default()
        },
    )?;
    let s = load_session(&tx, session.staff)?;
    tx.commit()?;
    Ok(s)
}

/// Lifts a lockout after wrong passwords before it runs out (the owner phoned the
/// administrator). Administrator; audited. Inside the caller's transaction (an operation).
pub(crate) fn lift_lockout_in(
    tx: &Connection,
    now: NaiveDateTime,
    admin: &Session,
    staff: StaffId,
) -> Result<bool> {
    let a = refresh(tx, admin)?;
    if !a.has(Role::Admin) {
        return Err(Denied::Role.into());
    }
    let (failed, until): (u32, Option<String>) = tx
        .prepare_cached("SELECT failed_logins, locked_until FROM staff WHERE id = ?1")?
        .query_row([staff], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("staff #{staff}")))?;
    let locked = until.as_deref().and_then(parse_ts).is_some_and(|u| u > now);
    if !locked && failed == 0 {
        return Ok(false);
    }
    tx.prepare_cached("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?1")?
        .execute([staff])?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(a.staff),
            action: "unlock",
            entity: "staff",
            entity_id: Some(staff.0),
            old: until,
            ..Default::default()
        },
    )?;
    Ok(true)
}

/// Re-reads a session's account: roles may have changed, the account may have been switched off or
/// locked as compromised since the login. Every mutating operation starts here.
pub fn refresh(conn: &Connection, session: &Session) -> Result<Session> {
    let (active, compromised): (bool, Option<String>) = conn
        .prepare_cached("SELECT active, compromised_since FROM staff WHERE id = ?1")?
        .query_row([session.staff], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(AuthError::SessionEnded)?;
    if !active {
        return Err(AuthError::Inactive.into());
    }
    if compromised.is_some() {
        return Err(AuthError::Compromised.into());
    }
    load_session(conn, session.staff)
}

fn load_session(conn: &Connection, id: StaffId) -> Result<Session> {
    let (login, surname, name, patronymic, must): (String, String, String, String, bool) = conn
        .prepare_cached("SELECT login, surname, name, patronymic, must_change_password FROM staff WHERE id = ?1")?.query_row([id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    Ok(Session {
        staff: id,
        login,
        name: PersonName {
            surname,
            name,
            patronymic,
        },
        roles: roles_of(conn, id)?,
        must_change_password: must,
    })
}

pub fn roles_of(conn: &Connection, id: StaffId) -> Result<Vec<Role>> {
    let mut st = conn.prepare_cached("SELECT role FROM staff_role WHERE staff_id = ?1")?;
    let mut roles = st
        .query_map([id], |r| r.get::<_, Role>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    roles.sort();
    Ok(roles)
}

/// Checks a change of one's own password: `old` is the session's password, `new` long enough and
/// neither the old one nor the login.
pub fn check_password_change(
    conn: &Connection,
    session: &Session,
    old: &str,
    new: &str,
) -> Result<()> {
    refresh(conn, session)?;
    let hash: String = conn
        .prepare_cached("SELECT password_hash FROM staff WHERE id = ?1")?
        .query_row([session.staff], |r| r.get(0))?;
    if !verify(&hash, old) {
        return Err(AuthError::WrongPassword {
            remaining: settings::max_failed_logins(conn)?,
        }
        .into());
    }
    check_new_password(new, false)?;
    if new == old || new.eq_ignore_ascii_case(&session.login) {
        return Err(AuthError::SameAsOld.into());
    }
    Ok(())
}

/// A password a person chose is long enough (a temporary one is the program's own).
pub fn check_new_password(password: &str, temporary: bool) -> Result<()> {
    if !temporary && password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AuthError::TooShort {
            min: MIN_PASSWORD_LEN,
        }
        .into());
    }
    Ok(())
}

/// Replaces the session's own password by the one `password_hash` holds (checked beforehand by
/// [`check_password_change`], where the words typed are known).
pub(crate) fn change_password_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    password_hash: &str,
) -> Result<()> {
    refresh(tx, session)?;
    tx.prepare_cached(
        "UPDATE staff SET password_hash = ?2, must_change_password = 0 WHERE id = ?1",
    )?
    .execute(params![session.staff, password_hash])?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: "change_password",
            entity: "staff",
            entity_id: Some(session.staff.0),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// The account with this login, if any.
pub fn staff_by_login(conn: &Connection, login: &str) -> Result<Option<StaffId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM staff WHERE login = ?1")?
        .query_row([login], |r| r.get(0))
        .optional()?)
}

/// The session of `staff` as it stands now (after a change of its password or roles).
pub fn session_of(conn: &Connection, staff: StaffId) -> Result<Session> {
    load_session(conn, staff)
}

/// A new staff account.
#[derive(Debug, Clone)]
pub struct NewStaff {
    pub login: String,
    pub name: PersonName,
    pub roles: Vec<Role>,
    pub password: String,
    /// The password is temporary and must be changed at first login.
    pub temporary: bool,
}

/// Creates an account inside an open transaction; used by setup, the demo and the administrator.
pub fn insert_staff(
    conn: &Connection,
    at: NaiveDateTime,
    s: &NewStaff,
    password_hash: &str,
) -> Result<StaffId> {
    let login = s.login.trim();
    if login.is_empty() {
        return Err(Error::said("said-empty-login", &[]));
    }
    if login.chars().any(char::is_whitespace) {
        return Err(Error::said("said-bad-login", &[("login", login.into())]));
    }
    if s.name.surname.trim().is_empty() || s.name.name.trim().is_empty() {
        return Err(Error::said("said-staff-needs-name", &[]));
    }
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM staff WHERE login = ?1)")?
        .query_row([login], |r| r.get(0))?;
    if exists {
        return Err(Error::said("said-login-taken", &[("login", login.into())]));
    }
    conn.prepare_cached("INSERT INTO staff(login, surname, name, patronymic, password_hash, must_change_password, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![login, s.name.surname.trim(), s.name.name.trim(), s.name.patronymic.trim(), password_hash, s.temporary, ts(at)],
    )?;
    let id = StaffId(conn.last_insert_rowid());
    let mut st = conn.prepare_cached("INSERT INTO staff_role(staff_id, role) VALUES (?1, ?2)")?;
    for r in &s.roles {
        st.execute(params![id, r])?;
    }
    Ok(id)
}

/// The administrator creates an account whose password `password_hash` holds.
pub(crate) fn create_staff_in(
    tx: &Connection,
    now: NaiveDateTime,
    admin: &Session,
    s: &NewStaff,
    password_hash: &str,
) -> Result<StaffId> {
    require_admin(tx, admin)?;
    let id = insert_staff(tx, now, s, password_hash)?;
    let roles: Vec<&str> = s.roles.iter().map(|r| r.code()).collect();
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(admin.staff),
            action: "create",
            entity: "staff",
            entity_id: Some(id.0),
            new: Some(format!("{} [{}]", s.login, roles.join(","))),
            ..Default::default()
        },
    )?;
    Ok(id)
}

/// The administrator resets a password to the temporary one `password_hash` holds.
pub(crate) fn reset_password_in(
    tx: &Connection,
    now: NaiveDateTime,
    admin: &Session,
    staff: StaffId,
    password_hash: &str,
) -> Result<()> {
    require_admin(tx, admin)?;
    let n = tx
        .prepare_cached(
            "UPDATE staff SET password_hash = ?2, must_change_password = 1, failed_logins = 0,
             locked_until = NULL WHERE id = ?1",
        )?
        .execute(params![staff, password_hash])?;
    if n == 0 {
        return Err(Error::NotFound(format!("staff #{staff}")));
    }
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(admin.staff),
            action: "reset_password",
            entity: "staff",
            entity_id: Some(staff.0),
            ..Default::default()
        },
    )?;
    Ok(())
}

fn require_admin(conn: &Connection, s: &Session) -> Result<()> {
    if refresh(conn, s)?.has(Role::Admin) {
        Ok(())
    } else {
        Err(Denied::Role.into())
    }
}

/// A staff member as the users list shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffRow {
    pub id: StaffId,
    pub login: String,
    pub name: PersonName,
    pub roles: Vec<Role>,
    pub active: bool,
    pub must_change_password: bool,
    /// Locked after wrong passwords until this moment (it may have passed).
    pub locked_until: Option<NaiveDateTime>,
    /// Locked as compromised since this moment.
    pub compromised_since: Option<NaiveDateTime>,
}

impl StaffRow {
    /// Locked after wrong passwords at `now`.
    pub fn locked_out(&self, now: NaiveDateTime) -> bool {
        self.locked_until.is_some_and(|u| u > now)
    }
}

/// Every account, in alphabetical order of surname.
pub fn list_staff(conn: &Connection) -> Result<Vec<StaffRow>> {
    let mut st = conn.prepare(
        "SELECT s.id, s.login, s.surname, s.name, s.patronymic, s.active, s.must_change_password,
                group_concat(r.role), s.locked_until, s.compromised_since
         FROM staff s LEFT JOIN staff_role r ON r.staff_id = s.id
         GROUP BY s.id",
    )?;
    let mut rows = st
        .query_map([], |r| {
            let roles: Option<String> = r.get(7)?;
            let mut roles: Vec<Role> = roles
                .unwrap_or_default()
                .split(',')
                .filter_map(Role::from_code)
                .collect();
            roles.sort();
            Ok(StaffRow {
                id: r.get(0)?,
                login: r.get(1)?,
                name: PersonName {
                    surname: r.get(2)?,
                    name: r.get(3)?,
                    patronymic: r.get(4)?,
                },
                active: r.get(5)?,
                must_change_password: r.get(6)?,
                locked_until: r.get::<_, Option<String>>(8)?.as_deref().and_then(parse_ts),
                compromised_since: r.get::<_, Option<String>>(9)?.as_deref().and_then(parse_ts),
                roles,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.sort_by_cached_key(|s| (crate::model::collate_key(&s.name.full()), s.login.clone()));
    Ok(rows)
}

fn parse_ts(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Clock;

    fn db_with(login: &str, password: &str, temporary: bool) -> Db {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let db = Db::memory().unwrap().with_clock(Clock::Fixed(now));
        let s = NewStaff {
            login: login.into(),
            name: PersonName {
                surname: "Иванова".into(),
                name: "Анна".into(),
                patronymic: "Петровна".into(),
            },
            roles: vec![Role::Teacher],
            password: password.into(),
            temporary,
        };
        insert_staff(&db.conn, now, &s, &hash_password(password)).unwrap();
        db
    }

    #[test]
    fn right_password_logs_in_with_roles() {
        let mut db = db_with("ivanova", "secret-1", false);
        let s = login(&mut db, "ivanova", "secret-1").unwrap();
        assert_eq!(s.roles, vec![Role::Teacher]);
        assert!(!s.must_change_password);
        assert!(
            login(&mut db, "IVANOVA", "secret-1").is_ok(),
            "logins are case-insensitive"
        );
    }

    #[test]
    fn wrong_passwords_lock_the_account_for_a_while() {
        let mut db = db_with("ivanova", "secret-1", false);
        for remaining in (1..5).rev() {
            match login(&mut db, "ivanova", "wrong") {
                Err(Error::Auth(AuthError::WrongPassword { remaining: r })) => {
                    assert_eq!(r, remaining)
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(
            login(&mut db, "ivanova", "wrong"),
            Err(Error::Auth(AuthError::LockedOut { .. }))
        ));
        // Even the right password is refused while locked…
        assert!(matches!(
            login(&mut db, "ivanova", "secret-1"),
            Err(Error::Auth(AuthError::LockedOut { .. }))
        ));
        // …and accepted once the lock has run out.
        let later = db.clock.now() + Duration::minutes(16);
        db.clock = Clock::Fixed(later);
        assert!(login(&mut db, "ivanova", "secret-1").is_ok());
    }

    #[test]
    fn unknown_login_looks_like_a_wrong_password() {
        let mut db = db_with("ivanova", "secret-1", false);
        assert!(matches!(
            login(&mut db, "nobody", "x"),
            Err(Error::Auth(AuthError::WrongPassword { .. }))
        ));
    }

    #[test]
    fn a_temporary_password_must_be_changed() {
        let mut db = db_with("ivanova", "tmp-pass", true);
        let s = login(&mut db, "ivanova", "tmp-pass").unwrap();
        assert!(s.must_change_password);
        assert!(matches!(
            crate::ops::change_password(&mut db, &s, "tmp-pass", "123"),
            Err(Error::Auth(AuthError::TooShort { .. }))
        ));
        assert!(matches!(
            crate::ops::change_password(&mut db, &s, "tmp-pass", "tmp-pass"),
            Err(Error::Auth(AuthError::SameAsOld))
        ));
        let s = crate::ops::change_password(&mut db, &s, "tmp-pass", "new-secret").unwrap();
        assert!(!s.must_change_password);
        assert!(login(&mut db, "ivanova", "tmp-pass").is_err());
        assert!(login(&mut db, "ivanova", "new-secret").is_ok());
    }

    #[test]
    fn a_switched_off_account_cannot_log_in_or_act() {
        let mut db = db_with("ivanova", "secret-1", false);
        let s = login(&mut db, "ivanova", "secret-1").unwrap();
        db.conn
            .prepare_cached("UPDATE staff SET active = 0")
            .unwrap()
            .execute([])
            .unwrap();
        assert!(matches!(
            login(&mut db, "ivanova", "secret-1"),
            Err(Error::Auth(AuthError::Inactive))
        ));
        assert!(matches!(
            refresh(&db.conn, &s),
            Err(Error::Auth(AuthError::Inactive))
        ));
    }
}
