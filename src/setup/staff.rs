//! Staff accounts beyond creating them (`auth::create_staff`) and resetting passwords
//! (`auth::reset_password`): correcting an account's name and roles, switching off a leaver while
//! keeping their history, and the compromised account of seed 004 §3.4 — lock it "compromised
//! since" a moment, list every change it made from then on, and revert the marks, attendance and
//! period marks among them in one audited action: one transaction, all or nothing. Reverts go
//! through `journal`'s in-transaction forms, so each is checked and audited like any change.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::require;
use crate::auth::{self, Session};
use crate::db::{Db, ts};
use crate::error::{Error, Result};
use crate::journal;
use crate::model::*;

const ADMIN: &[Role] = &[Role::Admin];

fn account(conn: &Connection, staff: StaffId) -> Result<(String, bool, Option<String>)> {
    conn.prepare_cached("SELECT login, active, compromised_since FROM staff WHERE id = ?1")?
        .query_row([staff], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("staff #{staff}")))
}

/// Why an account's roles cannot be changed so: a rule a screen words before it saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountProblem {
    /// An administrator dropping their own administrator role.
    OwnAdminRole,
    /// The class-teacher role taken from the class teacher of a class (named) in an open year.
    KeepsClass(String),
}

impl AccountProblem {
    /// The i18n key and its arguments.
    pub fn key(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            AccountProblem::OwnAdminRole => ("staff-problem-own-admin", vec![]),
            AccountProblem::KeepsClass(c) => {
                ("staff-problem-keeps-class", vec![("class", c.clone())])
            }
        }
    }
}

impl std::fmt::Display for AccountProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AccountProblem::OwnAdminRole => {
                f.write_str("you cannot take the administrator role from yourself")
            }
            AccountProblem::KeepsClass(c) => write!(
                f,
                "they are the class teacher of {c}: name another class teacher first"
            ),
        }
    }
}

impl From<AccountProblem> for Error {
    fn from(p: AccountProblem) -> Error {
        let (key, args) = p.key();
        Error::worded(key, args)
    }
}

/// What stops `staff` from holding exactly `roles`, if anything (the checks `update_account`
/// makes, for a screen to word them first).
pub fn check_account(
    conn: &Connection,
    session: &Session,
    staff: StaffId,
    roles: &[Role],
) -> Result<Option<AccountProblem>> {
    // The acting administrator is a working one, so only taking the role from oneself could
    // leave the school without one.
    if staff == session.staff && !roles.contains(&Role::Admin) {
        return Ok(Some(AccountProblem::OwnAdminRole));
    }
    if !roles.contains(&Role::ClassTeacher) {
        let kept: Option<String> = conn
            .prepare_cached(
                "SELECT c.grade || c.letter FROM class c JOIN academic_year y ON y.id = c.year_id
                 WHERE c.class_teacher_id = ?1 AND y.closed = 0 ORDER BY c.grade, c.letter LIMIT 1",
            )?
            .query_row([staff], |r| r.get(0))
            .optional()?;
        if let Some(class) = kept {
            return Ok(Some(AccountProblem::KeepsClass(class)));
        }
    }
    Ok(None)
}

/// Corrects an account's name and replaces its roles (a teacher who becomes a class teacher, a
/// typo in a surname). The login and the password stay. An administrator cannot drop their own
/// administrator role (the school keeps a working administrator), and a class teacher of a class in an open year keeps that role until another
/// class teacher is named.
pub(crate) fn update_account_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    staff: StaffId,
    name: &PersonName,
    roles: &[Role],
) -> Result<()> {
    let surname = super::required(&name.surname, "said-need-surname")?;
    let first = super::required(&name.name, "said-need-name")?;
    let patronymic = name.patronymic.trim();
    if roles.is_empty() {
        return Err(Error::said("said-need-role", &[]));
    }
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    require(tx, session, ADMIN)?;
    let (login, _, _) = account(tx, staff)?;
    let (old_surname, old_name, old_patronymic): (String, String, String) = tx
        .prepare_cached("SELECT surname, name, patronymic FROM staff WHERE id = ?1")?
        .query_row([staff], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let old_roles = auth::roles_of(tx, staff)?;
    let unchanged = old_roles == roles
        && (
            old_surname.as_str(),
            old_name.as_str(),
            old_patronymic.as_str(),
        ) == (surname, first, patronymic);
    if unchanged {
        return Ok(());
    }
    if let Some(p) = check_account(tx, session, staff, &roles)? {
        return Err(p.into());
    }
    tx.prepare_cached("UPDATE staff SET surname = ?2, name = ?3, patronymic = ?4 WHERE id = ?1")?
        .execute(params![staff, surname, first, patronymic])?;
    tx.prepare_cached("DELETE FROM staff_role WHERE staff_id = ?1")?
        .execute([staff])?;
    for r in &roles {
        tx.prepare_cached("INSERT INTO staff_role(staff_id, role) VALUES (?1, ?2)")?
            .execute(params![staff, r])?;
    }
    let codes = |rs: &[Role]| rs.iter().map(|r| r.code()).collect::<Vec<_>>().join(",");
    super::log(
        tx,
        now,
        session,
        "change",
        "staff",
        Some(staff.0),
        Some(format!(
            "{login}: {} [{}]",
            PersonName {
                surname: old_surname,
                name: old_name,
                patronymic: old_patronymic,
            }
            .full(),
            codes(&old_roles)
        )),
        Some(format!(
            "{login}: {} [{}]",
            PersonName {
                surname: surname.into(),
                name: first.into(),
                patronymic: patronymic.into(),
            }
            .full(),
            codes(&roles)
        )),
    )?;
    Ok(())
}

/// Switches an account off (a leaver) or on again. Nothing of theirs is deleted: their marks,
/// lessons and audit entries keep their name.
pub(crate) fn set_active_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    staff: StaffId,
    active: bool,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    if staff == session.staff && !active {
        return Err(Error::said("said-own-account-off", &[]));
    }
    let (login, was, _) = account(tx, staff)?;
    if was == active {
        return Ok(());
    }
    if !active {
        let admins: i64 = tx.prepare_cached("SELECT count(*) FROM staff s JOIN staff_role r ON r.staff_id = s.id
             WHERE r.role = 'admin' AND s.active = 1 AND s.compromised_since IS NULL AND s.id <> ?1")?.query_row([staff],
            |r| r.get(0),
        )?;
        if admins == 0 {
            return Err(Error::said("said-last-admin", &[]));
        }
    }
    tx.prepare_cached("UPDATE staff SET active = ?2 WHERE id = ?1")?
        .execute(params![staff, active])?;
    super::log(
        tx,
        now,
        session,
        if active { "activate" } else { "deactivate" },
        "staff",
        Some(staff.0),
        None,
        Some(login),
    )?;
    Ok(())
}

/// What of a staff member's work the journal keeps: it stays when the account is switched off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Footprint {
    /// Marks they entered.
    pub marks: i64,
    /// Courses they teach or taught.
    pub courses: i64,
    /// Entries of the audit log made by them.
    pub changes: i64,
}

pub fn footprint(conn: &Connection, staff: StaffId) -> Result<Footprint> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM mark WHERE created_by = ?1),
                (SELECT count(*) FROM course WHERE teacher_id = ?1),
                (SELECT count(*) FROM audit WHERE staff_id = ?1)",
        )?
        .query_row([staff], |r| {
            Ok(Footprint {
                marks: r.get(0)?,
                courses: r.get(1)?,
                changes: r.get(2)?,
            })
        })?)
}

/// Locks an account as compromised since `since` (seed 004 §3.4): it can no longer log in, and an
/// open session of it is refused at its next change.
pub(crate) fn mark_compromised_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    staff: StaffId,
    since: NaiveDateTime,
) -> Result<()> {
    if since > now {
        return Err(Error::said("said-breach-future", &[]));
    }
    require(tx, session, ADMIN)?;
    if staff == session.staff {
        return Err(Error::said("said-own-account-lock", &[]));
    }
    let (login, _, old) = account(tx, staff)?;
    tx.prepare_cached("UPDATE staff SET compromised_since = ?2 WHERE id = ?1")?
        .execute(params![staff, ts(since)])?;
    super::log(
        tx,
        now,
        session,
        "compromised",
        "staff",
        Some(staff.0),
        old,
        Some(format!("{login} since {}", ts(since))),
    )?;
    Ok(())
}

/// Gives a compromised account back to its owner: the lock is lifted (the operation that does
/// it also replaces the password by a temporary one, so whoever knew the old password is out).
pub(crate) fn release_compromised_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    staff: StaffId,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    let (login, _, old) = account(tx, staff)?;
    if old.is_none() {
        return Err(Error::said(
            "said-not-compromised",
            &[("login", login.as_str().into())],
        ));
    }
    tx.prepare_cached("UPDATE staff SET compromised_since = NULL WHERE id = ?1")?
        .execute([staff])?;
    super::log(
        tx,
        now,
        session,
        "released",
        "staff",
        Some(staff.0),
        old,
        Some(login),
    )?;
    Ok(())
}

/// An account's name and roles.
pub fn name_and_roles(conn: &Connection, staff: StaffId) -> Result<(PersonName, Vec<Role>)> {
    let name = conn
        .prepare_cached("SELECT surname, name, patronymic FROM staff WHERE id = ?1")?
        .query_row([staff], |r| {
            Ok(PersonName {
                surname: r.get(0)?,
                name: r.get(1)?,
                patronymic: r.get(2)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("staff #{staff}")))?;
    Ok((name, auth::roles_of(conn, staff)?))
}

/// Whether an account is switched on.
pub fn is_active(conn: &Connection, staff: StaffId) -> Result<bool> {
    Ok(account(conn, staff)?.1)
}

/// When an account is locked as compromised, if it is.
pub fn compromised_since(conn: &Connection, staff: StaffId) -> Result<Option<NaiveDateTime>> {
    let (_, _, since) = account(conn, staff)?;
    Ok(since.and_then(|s| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok()))
}

/// One change an account made, from the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub audit_id: i64,
    pub at: NaiveDateTime,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub lesson: Option<LessonId>,
    pub student: Option<StudentId>,
    pub course: Option<CourseId>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// A mark, attendance or period mark change the program can undo.
    pub revertible: bool,
    /// Undone already (an audit entry names it).
    pub reverted: bool,
    /// "5А, Математика", the student's short name — for the list on screen.
    pub course_title: Option<String>,
    pub student_name: Option<String>,
}

const REVERTIBLE: &[&str] = &["mark", "attendance", "period_mark"];

/// The marker a revert's reason carries, naming the entry it undoes.
fn marker(audit_id: i64) -> String {
    format!("[revert #{audit_id}]")
}

/// Every change the account made from `since` on, oldest first. Logins are left out.
pub fn changes_since(
    conn: &Connection,
    staff: StaffId,
    since: NaiveDateTime,
) -> Result<Vec<Change>> {
    let mut st = conn.prepare(
        "SELECT a.id, a.at, a.action, a.entity, a.entity_id, a.lesson_id, a.student_id, a.course_id,
                a.old_value, a.new_value, s.surname, s.name, s.patronymic
         FROM audit a LEFT JOIN student s ON s.id = a.student_id
         WHERE a.staff_id = ?1 AND a.at >= ?2 AND a.action NOT IN ('login', 'lockout')
         ORDER BY a.id",
    )?;
    let rows = st
        .query_map(params![staff, ts(since)], |r| {
            let at: String = r.get(1)?;
            let entity: String = r.get(3)?;
            let surname: Option<String> = r.get(10)?;
            let student_name = match surname {
                Some(surname) => Some(
                    PersonName {
                        surname,
                        name: r.get(11)?,
                        patronymic: r.get(12)?,
                    }
                    .short(),
                ),
                None => None,
            };
            Ok(Change {
                audit_id: r.get(0)?,
                at: NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S").unwrap_or(since),
                action: r.get(2)?,
                revertible: REVERTIBLE.contains(&entity.as_str()),
                entity,
                entity_id: r.get(4)?,
                lesson: r.get(5)?,
                student: r.get(6)?,
                course: r.get(7)?,
                old: r.get(8)?,
                new: r.get(9)?,
                reverted: false,
                course_title: None,
                student_name,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    let mut titles: HashMap<CourseId, String> = HashMap::new();
    // Kinds of work are logged by id: the list names them as the journal's heads do («к/р»).
    let work: HashMap<i64, String> = crate::journal::work_types(conn)?
        .into_iter()
        .map(|(id, _, short, _)| (id.0, short))
        .collect();
    let work_names = |v: Option<String>| {
        v.map(|v| {
            v.split(',')
                .filter(|x| !x.is_empty())
                .map(|x| {
                    x.parse::<i64>()
                        .ok()
                        .and_then(|id| work.get(&id).cloned())
                        .unwrap_or_else(|| x.to_string())
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    for mut c in rows {
        if c.entity == "lesson_work" {
            c.old = work_names(c.old.take());
            c.new = work_names(c.new.take());
        }
        c.reverted = conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM audit WHERE reason LIKE '%' || ?1)")?
            .query_row([marker(c.audit_id)], |r| r.get(0))?;
        if let Some(course) = c.course {
            let title = titles.entry(course).or_insert_with(|| {
                crate::school::course(conn, course)
                    .map(|ci| ci.title())
                    .unwrap_or_default()
            });
            c.course_title = Some(title.clone());
        }
        out.push(c);
    }
    Ok(out)
}

/// What a revert did. All or nothing: when `failed` is not empty, nothing was reverted and
/// nothing was written — the changes listed there stop the whole action.
#[derive(Debug, Clone, Default)]
pub struct RevertReport {
    /// Changes undone now.
    pub reverted: usize,
    /// Changes already undone before, or that left nothing to undo.
    pub unchanged: usize,
    /// The changes that cannot be undone, each with why (a closed year, a cancelled lesson…).
    pub failed: Vec<RevertFailure>,
}

/// A change that cannot be undone, and the core's refusal.
#[derive(Debug, Clone)]
pub struct RevertFailure {
    pub change: Change,
    pub error: Error,
}

/// A deleted row's last state, kept by the triggers of schema 3.
fn removed(conn: &Connection, entity: &str, id: i64) -> Result<Option<serde_json::Value>> {
    let data: Option<String> = conn
        .prepare_cached("SELECT data FROM removed_row WHERE entity = ?1 AND entity_id = ?2")?
        .query_row(params![entity, id], |r| r.get(0))
        .optional()?;
    Ok(data.and_then(|d| serde_json::from_str(&d).ok()))
}

fn parse_attendance(s: Option<&str>) -> Option<(AttendanceCode, Option<u16>)> {
    let s = s?;
    let (code, minutes) = match s.split_once(':') {
        Some((c, m)) => (c, m.parse().ok()),
        None => (s, None),
    };
    AttendanceCode::from_code(code).map(|c| (c, minutes))
}

/// Undoes every mark, attendance and period-mark change the compromised account made since it
/// was compromised, newest first, in ONE transaction: each through `journal` (so its checks apply)
/// with the reason and a marker naming the entry undone in its own audit entry, then one summary
/// entry for the whole action. If any change cannot be undone, the transaction is rolled back —
/// nothing is reverted — and the report lists which changes stopped it and why. Running it again
/// undoes nothing twice.
pub fn revert_compromised(
    db: &mut Db,
    session: &Session,
    staff: StaffId,
    reason: &str,
) -> Result<RevertReport> {
    let reason = super::required(reason, "said-need-reason")?.to_string();
    let now = db.clock.now();
    let tx = db.immediate()?;
    require(&tx, session, ADMIN)?;
    let since =
        compromised_since(&tx, staff)?.ok_or_else(|| Error::said("said-lock-first", &[]))?;
    let changes = changes_since(&tx, staff, since)?;
    let mut report = RevertReport::default();
    // Marks and period marks restored under a new id, by the id they had.
    let mut new_mark: HashMap<i64, MarkId> = HashMap::new();
    let mut new_pm: HashMap<i64, i64> = HashMap::new();
    for c in changes.iter().rev().filter(|c| c.revertible) {
        if c.reverted {
            report.unchanged += 1;
            continue;
        }
        let why = format!("{reason} {}", marker(c.audit_id));
        match revert_one(&tx, now, session, c, &why, &mut new_mark, &mut new_pm) {
            Ok(true) => report.reverted += 1,
            Ok(false) => report.unchanged += 1,
            Err(error) => {
                report.failed.push(RevertFailure {
                    change: c.clone(),
                    error,
                });
                // A failure SQLite answered by ending the transaction leaves nothing to go on
                // with; otherwise look on, so the administrator sees every obstacle at once.
                if tx.is_autocommit() {
                    break;
                }
            }
        }
    }
    if !report.failed.is_empty() {
        drop(tx);
        report.reverted = 0;
        report.unchanged = 0;
        return Ok(report);
    }
    crate::audit::record(
        &tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "revert_compromised",
            entity: "staff",
            entity_id: Some(staff.0),
            old: Some(format!("since {}", ts(since))),
            new: Some(format!(
                "{} reverted, {} unchanged",
                report.reverted, report.unchanged
            )),
            reason: Some(&reason),
            ..Default::default()
        },
    )?;
    tx.commit()?;
    Ok(report)
}

/// Undoes one change inside the revert's transaction; `Ok(false)` when there was nothing left to
/// undo.
fn revert_one(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    c: &Change,
    why: &str,
    new_mark: &mut HashMap<i64, MarkId>,
    new_pm: &mut HashMap<i64, i64>,
) -> Result<bool> {
    let missing = || Error::said("said-audit-incomplete", &[]);
    match c.entity.as_str() {
        "mark" => {
            let old_id = c.entity_id.ok_or_else(missing)?;
            let id = new_mark.get(&old_id).copied().unwrap_or(MarkId(old_id));
            let current: Option<(WorkTypeId, String)> = tx
                .prepare_cached("SELECT work_type_id, comment FROM mark WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match c.action.as_str() {
                "add" => match current {
                    Some(_) => {
                        journal::delete_mark_in(tx, now, session, id, Some(why)).map(|_| true)
                    }
                    None => Ok(false),
                },
                "change" => match (current, &c.old) {
                    (Some((wt, comment)), Some(old)) => {
                        journal::update_mark_in(tx, now, session, id, old, wt, &comment, Some(why))
                            .map(|_| true)
                    }
                    _ => Ok(false),
                },
                "delete" => {
                    if current.is_some() {
                        return Ok(false);
                    }
                    let old = c.old.as_deref().ok_or_else(missing)?;
                    let lesson = c.lesson.ok_or_else(missing)?;
                    let student = c.student.ok_or_else(missing)?;
                    let last = removed(tx, "mark", old_id)?;
                    let wt = last
                        .as_ref()
                        .and_then(|v| v["work_type_id"].as_i64())
                        .map(WorkTypeId);
                    let comment = last
                        .as_ref()
                        .and_then(|v| v["comment"].as_str().map(String::from))
                        .unwrap_or_default();
                    let id = journal::add_mark_in(
                        tx,
                        now,
                        session,
                        None,
                        lesson,
                        student,
                        old,
                        wt,
                        &comment,
                        Some(why),
                    )?;
                    new_mark.insert(old_id, id);
                    Ok(true)
                }
                other => Err(Error::said("said-cannot-undo", &[("what", other.into())])),
            }
        }
        "attendance" => {
            let lesson = c.lesson.ok_or_else(missing)?;
            let student = c.student.ok_or_else(missing)?;
            let old = parse_attendance(c.old.as_deref());
            let current: Option<(AttendanceCode, Option<u16>)> = tx
                .prepare_cached("SELECT code, late_minutes FROM attendance WHERE lesson_id = ?1 AND student_id = ?2")?.query_row(params![lesson, student],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if current == old {
                return Ok(false);
            }
            journal::set_attendance_in(tx, now, session, lesson, student, old, Some(why))
                .map(|_| true)
        }
        "period_mark" => {
            let old_id = c.entity_id.ok_or_else(missing)?;
            let id = new_pm.get(&old_id).copied().unwrap_or(old_id);
            let course = c.course.ok_or_else(missing)?;
            let student = c.student.ok_or_else(missing)?;
            let row: Option<(PeriodMarkKind, Option<PeriodId>)> = tx
                .prepare_cached("SELECT kind, period_id FROM period_mark WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (kind, period) = match row {
                Some(k) => k,
                None => {
                    let last = removed(tx, "period_mark", old_id)?
                        .ok_or_else(|| Error::said("said-audit-incomplete", &[]))?;
                    let kind = last["kind"]
                        .as_str()
                        .and_then(PeriodMarkKind::from_code)
                        .ok_or_else(missing)?;
                    (kind, last["period_id"].as_i64().map(PeriodId))
                }
            };
            journal::set_period_mark_in(
                tx,
                now,
                session,
                course,
                student,
                kind,
                period,
                c.old.as_deref(),
                Some(why),
            )?;
            if c.old.is_some() {
                let now_id: Option<i64> = tx
                    .prepare_cached(
                        "SELECT id FROM period_mark WHERE course_id = ?1 AND student_id = ?2
                           AND kind = ?3 AND IFNULL(period_id, 0) = IFNULL(?4, 0)",
                    )?
                    .query_row(params![course, student, kind, period], |r| r.get(0))
                    .optional()?;
                if let Some(n) = now_id {
                    new_pm.insert(old_id, n);
                }
            }
            Ok(true)
        }
        other => Err(Error::said("said-cannot-undo", &[("what", other.into())])),
    }
}
