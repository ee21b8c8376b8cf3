//! Students and their families: enrolment, transfer to another class from a date, withdrawal on a
//! date with a reason, personal data and file numbers (corrected with the old data kept in the
//! audit log), parents with relation and contacts (added, corrected, taken off a card), consent to
//! personal-data processing (152-ФЗ) with the date it was signed, and its withdrawal, and refusal
//! of the electronic service. History is never deleted: an enrolment ends, it is not removed, so
//! past journals keep the student for their dates. The records clerk and the administrator keep
//! every list; a class teacher keeps their own class's — checked here, not only on screen.
//! Bad data is refused with a [`DataProblem`] a screen can word before it saves.

use chrono::{Days, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::classes::require_class_keeper;
use super::open_year;
use crate::auth::Session;
use crate::db::ts;
use crate::error::{Error, Result};
use crate::model::*;

const KEEPERS: &[Role] = &[Role::Clerk];

/// A student to enrol.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewStudent {
    pub name: PersonName,
    pub birth_date: Option<NaiveDate>,
    pub file_number: Option<String>,
    pub class: ClassId,
    /// The first day in the class.
    pub start: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

/// A parent or legal representative.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewParent {
    pub name: PersonName,
    pub relation: Relation,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Mother,
    Father,
    Guardian,
    Other,
}

impl Relation {
    pub const ALL: [Relation; 4] = [
        Relation::Mother,
        Relation::Father,
        Relation::Guardian,
        Relation::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Relation::Mother => "mother",
            Relation::Father => "father",
            Relation::Guardian => "guardian",
            Relation::Other => "other",
        }
    }
    pub fn from_code(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.code() == s)
    }
    /// Reads what a school writes: мать, отец, опекун, mother…
    pub fn parse(s: &str) -> Option<Relation> {
        let t = collate_key(s.trim());
        match t.as_str() {
            "мать" | "мама" | "mother" | "mum" | "mom" => Some(Relation::Mother),
            "отец" | "папа" | "father" | "dad" => Some(Relation::Father),
            "опекун" | "попечитель" | "guardian" | "законный представитель" => {
                Some(Relation::Guardian)
            }
            "" => None,
            _ => Some(Relation::Other),
        }
    }
    /// A guess from a Russian patronymic: -вна/-чна/-кызы are women's, -вич/-ич/-оглы men's.
    pub fn guess(name: &PersonName) -> Relation {
        let p = collate_key(&name.patronymic);
        if p.ends_with("вна") || p.ends_with("чна") || p.ends_with("кызы") {
            Relation::Mother
        } else if p.ends_with("ич") || p.ends_with("оглы") {
            Relation::Father
        } else {
            Relation::Other
        }
    }
}

/// Why a student's or a parent's data cannot be saved: each a plain rule the screen words in the
/// user's language (`key`), and the CLI and logs in English (`Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataProblem {
    /// A surname and a name are both needed.
    MissingName,
    /// A birth date after today.
    FutureBirth(NaiveDate),
    /// The personal file number is another student's (named).
    FileNumberTaken {
        number: String,
        owner: String,
    },
    BadEmail(String),
    /// A consent or a refusal dated after today.
    FutureDate(NaiveDate),
    /// A withdrawal with no consent in force.
    NoConsent,
}

impl DataProblem {
    /// The i18n key and its arguments.
    pub fn key(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            DataProblem::MissingName => ("students-problem-missing-name", vec![]),
            DataProblem::FutureBirth(d) => (
                "students-problem-future-birth",
                vec![("date", format_date(*d))],
            ),
            DataProblem::FileNumberTaken { number, owner } => (
                "students-problem-file-number-taken",
                vec![("number", number.clone()), ("owner", owner.clone())],
            ),
            DataProblem::BadEmail(v) => ("students-problem-bad-email", vec![("value", v.clone())]),
            DataProblem::FutureDate(d) => (
                "students-problem-future-date",
                vec![("date", format_date(*d))],
            ),
            DataProblem::NoConsent => ("students-problem-no-consent", vec![]),
        }
    }
}

impl std::fmt::Display for DataProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DataProblem::MissingName => f.write_str("a person needs a surname and a name"),
            DataProblem::FutureBirth(d) => {
                write!(f, "the birth date {} is after today", format_date(*d))
            }
            DataProblem::FileNumberTaken { number, owner } => {
                write!(f, "the personal file № {number} belongs to {owner}")
            }
            DataProblem::BadEmail(v) => write!(f, "«{v}» is not an e-mail address"),
            DataProblem::FutureDate(d) => write!(f, "{} is after today", format_date(*d)),
            DataProblem::NoConsent => f.write_str("there is no consent in force to withdraw"),
        }
    }
}

impl From<DataProblem> for Error {
    fn from(p: DataProblem) -> Error {
        let (key, args) = p.key();
        Error::worded(key, args)
    }
}

fn name_problem(n: &PersonName) -> Option<DataProblem> {
    (n.surname.trim().is_empty() || n.name.trim().is_empty()).then_some(DataProblem::MissingName)
}

/// The student (full name) whose personal file number this is, other than `except`.
fn file_number_owner(
    conn: &Connection,
    number: &str,
    except: Option<StudentId>,
) -> Result<Option<String>> {
    let owner: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT surname, name, patronymic FROM student WHERE file_number = ?1 AND id IS NOT ?2",
        )?
        .query_row(params![number, except], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(owner.map(|(surname, name, patronymic)| {
        PersonName {
            surname,
            name,
            patronymic,
        }
        .full()
    }))
}

/// What is wrong with a student's data, if anything: the checks `enrol` and `update_student`
/// make, for a screen to word them before it saves. `student` is the one being corrected.
pub fn check_student(
    conn: &Connection,
    student: Option<StudentId>,
    name: &PersonName,
    birth_date: Option<NaiveDate>,
    file_number: Option<&str>,
    today: NaiveDate,
) -> Result<Option<DataProblem>> {
    if let Some(p) = name_problem(name) {
        return Ok(Some(p));
    }
    if let Some(b) = birth_date.filter(|b| *b > today) {
        return Ok(Some(DataProblem::FutureBirth(b)));
    }
    if let Some(n) = file_number.map(str::trim).filter(|n| !n.is_empty())
        && let Some(owner) = file_number_owner(conn, n, student)?
    {
        return Ok(Some(DataProblem::FileNumberTaken {
            number: n.to_string(),
            owner,
        }));
    }
    Ok(None)
}

/// What is wrong with a parent's data, if anything.
pub fn check_parent(p: &NewParent) -> Option<DataProblem> {
    if let Some(problem) = name_problem(&p.name) {
        return Some(problem);
    }
    let email = p.email.trim();
    if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
        return Some(DataProblem::BadEmail(email.to_string()));
    }
    None
}

fn class_year_bounds(conn: &Connection, class: ClassId) -> Result<(YearId, NaiveDate, NaiveDate)> {
    conn.prepare_cached("SELECT y.id, y.start_date, y.end_date FROM class c JOIN academic_year y ON y.id = c.year_id
         WHERE c.id = ?1")?.query_row([class],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("class #{class}")))
}

/// Inserts a student and their first enrolment inside an open transaction (enrol and import).
pub(crate) fn insert_student(
    conn: &Connection,
    at: chrono::NaiveDateTime,
    s: &NewStudent,
) -> Result<StudentId> {
    let (_, ys, ye) = class_year_bounds(conn, s.class)?;
    if s.start < ys || s.start > ye {
        return Err(Error::said(
            "said-date-outside-year",
            &[("date", s.start.into())],
        ));
    }
    let number = s
        .file_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    // A birth date is checked against the first day in the class: an import may enrol ahead.
    if let Some(p) = check_student(
        conn,
        None,
        &s.name,
        s.birth_date,
        number,
        s.start.max(at.date()),
    )? {
        return Err(p.into());
    }
    conn.prepare_cached("INSERT INTO student(surname, name, patronymic, birth_date, file_number, created_at, gender)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![
            s.name.surname.trim(),
            s.name.name.trim(),
            s.name.patronymic.trim(),
            s.birth_date,
            number,
            ts(at),
            s.gender
        ],
    )?;
    let id = StudentId(conn.last_insert_rowid());
    conn.prepare_cached(
        "INSERT INTO enrolment(student_id, class_id, start_date) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, s.class, s.start])?;
    Ok(id)
}

/// Enrols a new student into a class from a date.
pub(crate) fn enrol_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    s: &NewStudent,
) -> Result<StudentId> {
    let (year, _) = require_class_keeper(tx, session, s.class, KEEPERS)?;
    open_year(tx, year)?;
    let id = insert_student(tx, now, s)?;
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "enrol",
            entity: "student",
            entity_id: Some(id.0),
            student: Some(id),
            new: Some(format!(
                "{} → class #{} from {}",
                s.name.full(),
                s.class,
                s.start
            )),
            ..Default::default()
        },
    )?;
    Ok(id)
}

/// The student's enrolment open on `date`: (row id, class, start).
fn open_enrolment(
    conn: &Connection,
    student: StudentId,
    date: NaiveDate,
) -> Result<(i64, ClassId, NaiveDate)> {
    conn.prepare_cached(
        "SELECT id, class_id, start_date FROM enrolment WHERE student_id = ?1 AND start_date <= ?2
           AND (end_date IS NULL OR end_date >= ?2) ORDER BY start_date DESC LIMIT 1",
    )?
    .query_row(params![student, date], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .optional()?
    .ok_or_else(|| Error::said("said-student-no-class", &[("date", date.into())]))
}

/// Ends the enrolment (and every group membership) on `last_day`, inside a transaction.
pub(crate) fn end_stay(
    conn: &Connection,
    enrolment: i64,
    student: StudentId,
    last_day: NaiveDate,
    reason: &str,
    note: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE enrolment SET end_date = ?2, end_reason = ?3, note = ?4 WHERE id = ?1",
    )?
    .execute(params![enrolment, last_day, reason, note])?;
    conn.prepare_cached(
        "UPDATE group_member SET end_date = ?2 WHERE student_id = ?1 AND start_date <= ?2
           AND (end_date IS NULL OR end_date > ?2)",
    )?
    .execute(params![student, last_day])?;
    // A membership that would only start after the last day never happens.
    conn.prepare_cached("DELETE FROM group_member WHERE student_id = ?1 AND start_date > ?2
           AND group_id IN (SELECT g.id FROM study_group g JOIN enrolment e ON e.class_id = g.class_id WHERE e.id = ?3)")?.execute(params![student, last_day, enrolment],
    )?;
    Ok(())
}

/// Transfers a student to another class of the same year from `from`: the old enrolment ends the
/// day before, the new one starts that day; group memberships end with the old class.
pub(crate) fn transfer_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    to: ClassId,
    from: NaiveDate,
) -> Result<()> {
    let (enrolment, old_class, started) = open_enrolment(tx, student, from)?;
    // The keeper of either list may move the student; the clerk and administrator always.
    let (year, _) = require_class_keeper(tx, session, old_class, KEEPERS)
        .or_else(|_| require_class_keeper(tx, session, to, KEEPERS))?;
    open_year(tx, year)?;
    let (to_year, _, _) = class_year_bounds(tx, to)?;
    if to_year != year {
        return Err(Error::said("said-transfer-other-year", &[]));
    }
    if to == old_class {
        return Err(Error::said("said-transfer-same-class", &[]));
    }
    if from <= started {
        return Err(Error::said(
            "said-transfer-before-joining",
            &[("date", started.into())],
        ));
    }
    let last = from - Days::new(1);
    end_stay(tx, enrolment, student, last, "transferred", "")?;
    tx.prepare_cached(
        "INSERT INTO enrolment(student_id, class_id, start_date) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![student, to, from])?;
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "transfer",
            entity: "enrolment",
            entity_id: Some(enrolment),
            student: Some(student),
            old: Some(format!("class #{old_class}")),
            new: Some(format!("class #{to} from {from}")),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// Withdraws a student: `last_day` is the day they leave (their last day on the list).
pub(crate) fn withdraw_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    last_day: NaiveDate,
    reason: &str,
) -> Result<()> {
    let reason = super::required(reason, "said-need-leaving-reason")?;
    let (enrolment, class, _) = open_enrolment(tx, student, last_day)?;
    let (year, _) = require_class_keeper(tx, session, class, KEEPERS)?;
    open_year(tx, year)?;
    end_stay(tx, enrolment, student, last_day, "withdrawn", reason)?;
    // Anything that started after the last day (a transfer booked ahead) is void.
    tx.prepare_cached("DELETE FROM enrolment WHERE student_id = ?1 AND start_date > ?2")?
        .execute(params![student, last_day])?;
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "withdraw",
            entity: "enrolment",
            entity_id: Some(enrolment),
            student: Some(student),
            new: Some(format!("{last_day}: {reason}")),
            reason: Some(reason),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// The class a student is (or was last) in, for permission checks on their record.
fn latest_class(conn: &Connection, student: StudentId) -> Result<ClassId> {
    conn.prepare_cached(
        "SELECT class_id FROM enrolment WHERE student_id = ?1 ORDER BY start_date DESC LIMIT 1",
    )?
    .query_row([student], |r| r.get(0))
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("student #{student}")))
}

/// A student's data as the audit log keeps it: "Бирюков Игорь Анатольевич, 24.06.2018, № Б-0027".
fn describe(name: &PersonName, birth: Option<NaiveDate>, number: Option<&str>) -> String {
    let mut s = name.full();
    if let Some(b) = birth {
        s.push_str(&format!(", {}", format_date(b)));
    }
    if let Some(n) = number {
        s.push_str(&format!(", № {n}"));
    }
    s
}

/// Corrects a student's personal data and file number. Only the student's own row changes: their
/// enrolments, marks and attendance stay as they were, so every past journal page shows the same
/// lessons and marks (under the corrected name); the old data stays in the audit log.
pub(crate) fn update_student_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    name: &PersonName,
    birth_date: Option<NaiveDate>,
    file_number: Option<&str>,
) -> Result<()> {
    let class = latest_class(tx, student)?;
    require_class_keeper(tx, session, class, KEEPERS)?;
    let number = file_number.map(str::trim).filter(|n| !n.is_empty());
    if let Some(p) = check_student(tx, Some(student), name, birth_date, number, now.date())? {
        return Err(p.into());
    }
    let (old_name, old_birth, old_number) = student_data(tx, student)?;
    let new_name = PersonName {
        surname: name.surname.trim().into(),
        name: name.name.trim().into(),
        patronymic: name.patronymic.trim().into(),
    };
    if (&old_name, old_birth, old_number.as_deref()) == (&new_name, birth_date, number) {
        return Ok(());
    }
    tx.prepare_cached("UPDATE student SET surname = ?2, name = ?3, patronymic = ?4, birth_date = ?5, file_number = ?6
         WHERE id = ?1")?.execute(params![
            student,
            new_name.surname,
            new_name.name,
            new_name.patronymic,
            birth_date,
            number
        ],
    )?;
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "change",
            entity: "student",
            entity_id: Some(student.0),
            student: Some(student),
            old: Some(describe(&old_name, old_birth, old_number.as_deref())),
            new: Some(describe(&new_name, birth_date, number)),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// Inserts a parent and links them to the student, inside a transaction.
pub(crate) fn insert_parent(
    conn: &Connection,
    student: StudentId,
    p: &NewParent,
) -> Result<ParentId> {
    if let Some(problem) = check_parent(p) {
        return Err(problem.into());
    }
    let email = p.email.trim();
    conn.prepare_cached(
        "INSERT INTO parent(surname, name, patronymic, phone, email) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        p.name.surname.trim(),
        p.name.name.trim(),
        p.name.patronymic.trim(),
        p.phone.trim(),
        email
    ])?;
    let id = ParentId(conn.last_insert_rowid());
    conn.prepare_cached(
        "INSERT INTO student_parent(student_id, parent_id, relation) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![student, id, p.relation.code()])?;
    Ok(id)
}

/// Adds a parent or legal representative of a student.
pub(crate) fn add_parent_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    p: &NewParent,
) -> Result<ParentId> {
    let class = latest_class(tx, student)?;
    require_class_keeper(tx, session, class, KEEPERS)?;
    let id = insert_parent(tx, student, p)?;
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "create",
            entity: "parent",
            entity_id: Some(id.0),
            student: Some(student),
            new: Some(format!("{} ({})", p.name.full(), p.relation.code())),
            ..Default::default()
        },
    )?;
    Ok(id)
}

/// Checks that `parent` is `student`'s, returning the relation and the parent as they are.
fn linked_parent(conn: &Connection, student: StudentId, parent: ParentId) -> Result<ParentRow> {
    parents(conn, student)?
        .into_iter()
        .find(|p| p.id == parent)
        .ok_or_else(|| Error::said("said-not-their-parent", &[]))
}

fn describe_parent(name: &PersonName, relation: Relation, phone: &str, email: &str) -> String {
    let mut s = format!("{} ({})", name.full(), relation.code());
    for v in [phone, email] {
        if !v.is_empty() {
            s.push_str(&format!(", {v}"));
        }
    }
    s
}

/// Corrects a parent's name, relation to the student, phone and e-mail. A parent of several
/// children is one person: the name and contacts change for all of them, the relation for this
/// student only.
pub(crate) fn update_parent_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    parent: ParentId,
    p: &NewParent,
) -> Result<()> {
    if let Some(problem) = check_parent(p) {
        return Err(problem.into());
    }
    let class = latest_class(tx, student)?;
    require_class_keeper(tx, session, class, KEEPERS)?;
    let old = linked_parent(tx, student, parent)?;
    let name = PersonName {
        surname: p.name.surname.trim().into(),
        name: p.name.name.trim().into(),
        patronymic: p.name.patronymic.trim().into(),
    };
    let (phone, email) = (p.phone.trim(), p.email.trim());
    if (
        &old.name,
        old.relation,
        old.phone.as_str(),
        old.email.as_str(),
    ) == (&name, p.relation, phone, email)
    {
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE parent SET surname = ?2, name = ?3, patronymic = ?4, phone = ?5, email = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        parent,
        name.surname,
        name.name,
        name.patronymic,
        phone,
        email
    ])?;
    tx.prepare_cached(
        "UPDATE student_parent SET relation = ?3 WHERE student_id = ?1 AND parent_id = ?2",
    )?
    .execute(params![student, parent, p.relation.code()])?;
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "change",
            entity: "parent",
            entity_id: Some(parent.0),
            student: Some(student),
            old: Some(describe_parent(
                &old.name,
                old.relation,
                &old.phone,
                &old.email,
            )),
            new: Some(describe_parent(&name, p.relation, phone, email)),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// Takes a parent off a student's card (entered by mistake, or no longer the legal
/// representative). A parent left with no child at school is removed with their consents: the
/// school keeps no personal data it has no reason for (152-ФЗ); the audit log names what was there.
pub(crate) fn remove_parent_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    parent: ParentId,
) -> Result<()> {
    let class = latest_class(tx, student)?;
    require_class_keeper(tx, session, class, KEEPERS)?;
    let old = linked_parent(tx, student, parent)?;
    tx.prepare_cached("DELETE FROM student_parent WHERE student_id = ?1 AND parent_id = ?2")?
        .execute(params![student, parent])?;
    let orphan: bool = tx
        .prepare_cached("SELECT NOT EXISTS(SELECT 1 FROM student_parent WHERE parent_id = ?1)")?
        .query_row([parent], |r| r.get(0))?;
    if orphan {
        tx.prepare_cached("DELETE FROM consent WHERE person_kind = 'parent' AND person_id = ?1")?
            .execute([parent])?;
        tx.prepare_cached("DELETE FROM parent WHERE id = ?1")?
            .execute([parent])?;
    }
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "delete",
            entity: "parent",
            entity_id: Some(parent.0),
            student: Some(student),
            old: Some(describe_parent(
                &old.name,
                old.relation,
                &old.phone,
                &old.email,
            )),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// Whose consent to personal-data processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Person {
    Student(StudentId),
    Parent(ParentId),
    Staff(StaffId),
}

impl Person {
    fn kind_id(self) -> (&'static str, i64) {
        match self {
            Person::Student(s) => ("student", s.0),
            Person::Parent(p) => ("parent", p.0),
            Person::Staff(s) => ("staff", s.0),
        }
    }
}

/// The consent in force for a person: the date it was given, if not withdrawn.
pub fn consent(conn: &Connection, person: Person) -> Result<Option<NaiveDate>> {
    let (kind, id) = person.kind_id();
    Ok(conn
        .prepare_cached(
            "SELECT given_on FROM consent WHERE person_kind = ?1 AND person_id = ?2
               AND withdrawn_on IS NULL ORDER BY given_on DESC LIMIT 1",
        )?
        .query_row(params![kind, id], |r| r.get(0))
        .optional()?)
}

/// Records consent given on `given` (`Some`) or withdraws the one in force on `on` (`None`).
/// A consent given while one is in force corrects that one's date: a person has one consent in
/// force at a time.
pub(crate) fn write_consent(
    conn: &Connection,
    person: Person,
    given: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<()> {
    let (kind, id) = person.kind_id();
    match given {
        Some(d) => {
            let corrected = conn
                .prepare_cached(
                    "UPDATE consent SET given_on = ?3 WHERE person_kind = ?1 AND person_id = ?2
                   AND withdrawn_on IS NULL",
                )?
                .execute(params![kind, id, d])?;
            if corrected == 0 {
                conn.prepare_cached(
                    "INSERT INTO consent(person_kind, person_id, given_on) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![kind, id, d])?;
            }
        }
        None => {
            conn.prepare_cached(
                "UPDATE consent SET withdrawn_on = ?3 WHERE person_kind = ?1 AND person_id = ?2
                   AND withdrawn_on IS NULL",
            )?
            .execute(params![kind, id, on])?;
        }
    }
    Ok(())
}

/// Checks that a consent on this student's card is the student's own or a parent's of theirs.
fn check_person(conn: &Connection, student: StudentId, person: Person) -> Result<()> {
    match person {
        Person::Student(s) if s == student => Ok(()),
        Person::Parent(p) => linked_parent(conn, student, p).map(|_| ()),
        _ => Err(Error::said("said-consent-whose", &[])),
    }
}

/// Records a consent with the date it was signed (`Some`), or withdraws the one in force today
/// (`None`), for a student or one of their parents. A second consent corrects the date of the one
/// in force.
pub(crate) fn set_consent_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    person: Person,
    given: Option<NaiveDate>,
) -> Result<()> {
    match given {
        None => withdraw_consent_in(tx, now, session, student, person, now.date()),
        Some(given) => {
            if given > now.date() {
                return Err(DataProblem::FutureDate(given).into());
            }
            let class = latest_class(tx, student)?;
            require_class_keeper(tx, session, class, KEEPERS)?;
            check_person(tx, student, person)?;
            let old = consent(tx, person)?;
            if old == Some(given) {
                return Ok(());
            }
            write_consent(tx, person, Some(given), given)?;
            let (kind, id) = person.kind_id();
            crate::audit::record(
                tx,
                now,
                &crate::audit::Entry {
                    staff: Some(session.staff),
                    action: "give",
                    entity: "consent",
                    entity_id: Some(id),
                    student: Some(student),
                    old: old.map(|d| format!("{kind}: {}", format_date(d))),
                    new: Some(format!("{kind}: {}", format_date(given))),
                    ..Default::default()
                },
            )?;
            Ok(())
        }
    }
}

/// Withdraws the consent in force of a student or one of their parents on the day the written
/// withdrawal came (`on`, not after today).
pub(crate) fn withdraw_consent_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    person: Person,
    on: NaiveDate,
) -> Result<()> {
    if on > now.date() {
        return Err(DataProblem::FutureDate(on).into());
    }
    let class = latest_class(tx, student)?;
    require_class_keeper(tx, session, class, KEEPERS)?;
    check_person(tx, student, person)?;
    let Some(given) = consent(tx, person)? else {
        return Err(DataProblem::NoConsent.into());
    };
    write_consent(tx, person, None, on)?;
    let (kind, id) = person.kind_id();
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "withdraw",
            entity: "consent",
            entity_id: Some(id),
            student: Some(student),
            old: Some(format!("{kind}: {}", format_date(given))),
            new: Some(format!("{kind}: withdrawn {}", format_date(on))),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// The family refused the electronic service from `since` (they get paper), or takes it back.
pub(crate) fn set_paper_reports_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    student: StudentId,
    paper: bool,
    since: NaiveDate,
) -> Result<()> {
    if paper && since > now.date() {
        return Err(DataProblem::FutureDate(since).into());
    }
    let class = latest_class(tx, student)?;
    require_class_keeper(tx, session, class, KEEPERS)?;
    let (was, was_since) = paper_state(tx, student)?;
    let since = paper.then_some(since);
    if (was, was_since) == (paper, since) {
        return Ok(());
    }
    tx.prepare_cached("UPDATE student SET paper_reports = ?2, paper_since = ?3 WHERE id = ?1")?
        .execute(params![student, paper, since])?;
    let state = |paper: bool, since: Option<NaiveDate>| match (paper, since) {
        (true, Some(d)) => format!("paper since {}", format_date(d)),
        (true, None) => "paper".to_string(),
        (false, _) => "electronic".to_string(),
    };
    crate::audit::record(
        tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "change",
            entity: "paper_reports",
            entity_id: Some(student.0),
            student: Some(student),
            old: Some(state(was, was_since)),
            new: Some(state(paper, since)),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// A parent as a student's card shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct ParentRow {
    pub id: ParentId,
    pub name: PersonName,
    pub relation: Relation,
    pub phone: String,
    pub email: String,
    pub consent: Option<NaiveDate>,
}

/// A student on a class list, with what the class teacher checks.
#[derive(Debug, Clone, PartialEq)]
pub struct StudentRow {
    pub id: StudentId,
    pub name: PersonName,
    pub birth_date: Option<NaiveDate>,
    pub file_number: Option<String>,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub end_reason: Option<String>,
    pub paper_reports: bool,
    /// Since when the family gets paper instead of the electronic diary.
    pub paper_since: Option<NaiveDate>,
    pub consent: Option<NaiveDate>,
    pub parents: Vec<ParentRow>,
}

/// Everyone who was ever in the class, in alphabetical order, with their dates there; those who
/// left show their last day and why.
pub fn class_list(conn: &Connection, class: ClassId) -> Result<Vec<StudentRow>> {
    let mut st = conn.prepare(
        "SELECT s.id, s.surname, s.name, s.patronymic, s.birth_date, s.file_number, e.start_date,
                e.end_date, e.end_reason, s.paper_reports, s.paper_since
         FROM enrolment e JOIN student s ON s.id = e.student_id WHERE e.class_id = ?1",
    )?;
    let mut rows = st
        .query_map([class], |r| {
            Ok(StudentRow {
                id: r.get(0)?,
                name: PersonName {
                    surname: r.get(1)?,
                    name: r.get(2)?,
                    patronymic: r.get(3)?,
                },
                birth_date: r.get(4)?,
                file_number: r.get(5)?,
                start: r.get(6)?,
                end: r.get(7)?,
                end_reason: r.get(8)?,
                paper_reports: r.get(9)?,
                paper_since: r.get(10)?,
                consent: None,
                parents: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for row in &mut rows {
        row.consent = consent(conn, Person::Student(row.id))?;
        row.parents = parents(conn, row.id)?;
    }
    rows.sort_by_cached_key(|r| (collate_key(&r.name.full()), r.start));
    Ok(rows)
}

/// A student's parents.
pub fn parents(conn: &Connection, student: StudentId) -> Result<Vec<ParentRow>> {
    let mut st = conn.prepare_cached(
        "SELECT p.id, p.surname, p.name, p.patronymic, sp.relation, p.phone, p.email
         FROM student_parent sp JOIN parent p ON p.id = sp.parent_id WHERE sp.student_id = ?1
         ORDER BY p.id",
    )?;
    let mut out = st
        .query_map([student], |r| {
            let rel: String = r.get(4)?;
            Ok(ParentRow {
                id: r.get(0)?,
                name: PersonName {
                    surname: r.get(1)?,
                    name: r.get(2)?,
                    patronymic: r.get(3)?,
                },
                relation: Relation::from_code(&rel).unwrap_or(Relation::Other),
                phone: r.get(5)?,
                email: r.get(6)?,
                consent: None,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for p in &mut out {
        p.consent = consent(conn, Person::Parent(p.id))?;
    }
    Ok(out)
}

/// One change to a student's record (their data, class, parents, consents, paper reports), from
/// the audit log: the history the card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordChange {
    pub at: chrono::NaiveDateTime,
    /// Who made it ("Петрова Н. С.").
    pub by: Option<String>,
    pub action: String,
    pub entity: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The changes to a student's record, newest first. Marks and attendance are the journal's.
pub fn record_history(conn: &Connection, student: StudentId) -> Result<Vec<RecordChange>> {
    let mut st = conn.prepare_cached(
        "SELECT a.at, s.surname, s.name, s.patronymic, a.action, a.entity, a.old_value, a.new_value
         FROM audit a LEFT JOIN staff s ON s.id = a.staff_id
         WHERE a.student_id = ?1
           AND a.entity IN ('student', 'enrolment', 'parent', 'consent', 'paper_reports')
         ORDER BY a.id DESC",
    )?;
    let rows = st
        .query_map([student], |r| {
            let at: String = r.get(0)?;
            let surname: Option<String> = r.get(1)?;
            let by = match surname {
                Some(surname) => Some(
                    PersonName {
                        surname,
                        name: r.get(2)?,
                        patronymic: r.get(3)?,
                    }
                    .short(),
                ),
                None => None,
            };
            Ok(RecordChange {
                at: chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S")
                    .unwrap_or_default(),
                by,
                action: r.get(4)?,
                entity: r.get(5)?,
                old: r.get(6)?,
                new: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The classes `session` may keep the list of in a year: all for the clerk and administrator,
/// their own for a class teacher.
pub fn keepable_classes(
    conn: &Connection,
    session: &Session,
    year: YearId,
) -> Result<Vec<crate::school::ClassInfo>> {
    let all = crate::school::classes(conn, year)?;
    if session.has(Role::Admin) || session.has(Role::Clerk) {
        return Ok(all);
    }
    Ok(all
        .into_iter()
        .filter(|c| session.has(Role::ClassTeacher) && c.class_teacher == Some(session.staff))
        .collect())
}

/// A student's card as `update_student` changes it: name, birth date, personal file number.
pub(crate) fn student_data(
    conn: &Connection,
    student: StudentId,
) -> Result<(PersonName, Option<NaiveDate>, Option<String>)> {
    conn.prepare_cached(
        "SELECT surname, name, patronymic, birth_date, file_number FROM student WHERE id = ?1",
    )?
    .query_row([student], |r| {
        Ok((
            PersonName {
                surname: r.get(0)?,
                name: r.get(1)?,
                patronymic: r.get(2)?,
            },
            r.get(3)?,
            r.get(4)?,
        ))
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("student #{student}")))
}

/// Whether a student's parents get paper summaries, and since when.
pub(crate) fn paper_state(
    conn: &Connection,
    student: StudentId,
) -> Result<(bool, Option<NaiveDate>)> {
    Ok(conn
        .prepare_cached("SELECT paper_reports, paper_since FROM student WHERE id = ?1")?
        .query_row([student], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// A parent linked to a student, as `update_parent` changes them.
pub(crate) fn parent_data(
    conn: &Connection,
    student: StudentId,
    parent: ParentId,
) -> Result<NewParent> {
    let p = linked_parent(conn, student, parent)?;
    Ok(NewParent {
        name: p.name,
        relation: p.relation,
        phone: p.phone,
        email: p.email,
    })
}
