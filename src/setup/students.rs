//! Students and their families: enrolment, transfer to another class from a date, withdrawal on a
//! date with a reason, personal data and file numbers, parents with relation and contacts, consent
//! to personal-data processing (152-ФЗ) and refusal of the electronic service. History is never
//! deleted: an enrolment ends, it is not removed, so past journals keep the student for their dates.
//! The records clerk and the administrator keep every list; a class teacher keeps their own class's.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::classes::require_class_keeper;
use super::open_year;
use crate::auth::Session;
use crate::db::{Db, ts};
use crate::error::{Error, Result};
use crate::model::*;

const KEEPERS: &[Role] = &[Role::Clerk];

/// A student to enrol.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStudent {
    pub name: PersonName,
    pub birth_date: Option<NaiveDate>,
    pub file_number: Option<String>,
    pub class: ClassId,
    /// The first day in the class.
    pub start: NaiveDate,
}

/// A parent or legal representative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParent {
    pub name: PersonName,
    pub relation: Relation,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

fn check_name(n: &PersonName) -> Result<()> {
    if n.surname.trim().is_empty() || n.name.trim().is_empty() {
        return Err(Error::invalid("a person needs a surname and a name"));
    }
    Ok(())
}

fn file_number_taken(conn: &Connection, number: &str, except: Option<StudentId>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM student WHERE file_number = ?1 AND id IS NOT ?2)",
        params![number, except],
        |r| r.get(0),
    )?)
}

fn class_year_bounds(conn: &Connection, class: ClassId) -> Result<(YearId, NaiveDate, NaiveDate)> {
    conn.query_row(
        "SELECT y.id, y.start_date, y.end_date FROM class c JOIN academic_year y ON y.id = c.year_id
         WHERE c.id = ?1",
        [class],
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
    check_name(&s.name)?;
    let (_, ys, ye) = class_year_bounds(conn, s.class)?;
    if s.start < ys || s.start > ye {
        return Err(Error::invalid(format!(
            "{} is outside the class's year",
            format_date(s.start)
        )));
    }
    let number = s
        .file_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if let Some(n) = number
        && file_number_taken(conn, n, None)?
    {
        return Err(Error::invalid(format!(
            "the personal file № {n} belongs to another student"
        )));
    }
    conn.execute(
        "INSERT INTO student(surname, name, patronymic, birth_date, file_number, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            s.name.surname.trim(),
            s.name.name.trim(),
            s.name.patronymic.trim(),
            s.birth_date,
            number,
            ts(at)
        ],
    )?;
    let id = StudentId(conn.last_insert_rowid());
    conn.execute(
        "INSERT INTO enrolment(student_id, class_id, start_date) VALUES (?1, ?2, ?3)",
        params![id, s.class, s.start],
    )?;
    Ok(id)
}

/// Enrols a new student into a class from a date.
pub fn enrol(db: &mut Db, session: &Session, s: &NewStudent) -> Result<StudentId> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let (year, _) = require_class_keeper(&tx, session, s.class, KEEPERS)?;
    open_year(&tx, year)?;
    let id = insert_student(&tx, now, s)?;
    crate::audit::record(
        &tx,
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
    tx.commit()?;
    Ok(id)
}

/// The student's enrolment open on `date`: (row id, class, start).
fn open_enrolment(
    conn: &Connection,
    student: StudentId,
    date: NaiveDate,
) -> Result<(i64, ClassId, NaiveDate)> {
    conn.query_row(
        "SELECT id, class_id, start_date FROM enrolment WHERE student_id = ?1 AND start_date <= ?2
           AND (end_date IS NULL OR end_date >= ?2) ORDER BY start_date DESC LIMIT 1",
        params![student, date],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(format!(
            "the student is in no class on {}",
            format_date(date)
        ))
    })
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
    conn.execute(
        "UPDATE enrolment SET end_date = ?2, end_reason = ?3, note = ?4 WHERE id = ?1",
        params![enrolment, last_day, reason, note],
    )?;
    conn.execute(
        "UPDATE group_member SET end_date = ?2 WHERE student_id = ?1 AND start_date <= ?2
           AND (end_date IS NULL OR end_date > ?2)",
        params![student, last_day],
    )?;
    // A membership that would only start after the last day never happens.
    conn.execute(
        "DELETE FROM group_member WHERE student_id = ?1 AND start_date > ?2
           AND group_id IN (SELECT g.id FROM study_group g JOIN enrolment e ON e.class_id = g.class_id WHERE e.id = ?3)",
        params![student, last_day, enrolment],
    )?;
    Ok(())
}

/// Transfers a student to another class of the same year from `from`: the old enrolment ends the
/// day before, the new one starts that day; group memberships end with the old class.
pub fn transfer(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    to: ClassId,
    from: NaiveDate,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let (enrolment, old_class, started) = open_enrolment(&tx, student, from)?;
    // The keeper of either list may move the student; the clerk and administrator always.
    let (year, _) = require_class_keeper(&tx, session, old_class, KEEPERS)
        .or_else(|_| require_class_keeper(&tx, session, to, KEEPERS))?;
    open_year(&tx, year)?;
    let (to_year, _, _) = class_year_bounds(&tx, to)?;
    if to_year != year {
        return Err(Error::invalid(
            "a transfer stays within the year; the rollover moves years",
        ));
    }
    if to == old_class {
        return Err(Error::invalid("the student is already in that class"));
    }
    if from <= started {
        return Err(Error::invalid(format!(
            "the transfer must be after the student joined the class ({})",
            format_date(started)
        )));
    }
    let last = from - Days::new(1);
    end_stay(&tx, enrolment, student, last, "transferred", "")?;
    tx.execute(
        "INSERT INTO enrolment(student_id, class_id, start_date) VALUES (?1, ?2, ?3)",
        params![student, to, from],
    )?;
    crate::audit::record(
        &tx,
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
    tx.commit()?;
    Ok(())
}

/// Withdraws a student: `last_day` is the day they leave (their last day on the list).
pub fn withdraw(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    last_day: NaiveDate,
    reason: &str,
) -> Result<()> {
    let reason = super::required(reason, "the reason for leaving")?;
    let now = db.clock.now();
    let tx = db.immediate()?;
    let (enrolment, class, _) = open_enrolment(&tx, student, last_day)?;
    let (year, _) = require_class_keeper(&tx, session, class, KEEPERS)?;
    open_year(&tx, year)?;
    end_stay(&tx, enrolment, student, last_day, "withdrawn", reason)?;
    // Anything that started after the last day (a transfer booked ahead) is void.
    tx.execute(
        "DELETE FROM enrolment WHERE student_id = ?1 AND start_date > ?2",
        params![student, last_day],
    )?;
    crate::audit::record(
        &tx,
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
    tx.commit()?;
    Ok(())
}

/// The class a student is (or was last) in, for permission checks on their record.
fn latest_class(conn: &Connection, student: StudentId) -> Result<ClassId> {
    conn.query_row(
        "SELECT class_id FROM enrolment WHERE student_id = ?1 ORDER BY start_date DESC LIMIT 1",
        [student],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("student #{student}")))
}

/// Corrects a student's personal data and file number.
pub fn update_student(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    name: &PersonName,
    birth_date: Option<NaiveDate>,
    file_number: Option<&str>,
) -> Result<()> {
    check_name(name)?;
    let now = db.clock.now();
    let tx = db.immediate()?;
    let class = latest_class(&tx, student)?;
    require_class_keeper(&tx, session, class, KEEPERS)?;
    let number = file_number.map(str::trim).filter(|n| !n.is_empty());
    if let Some(n) = number
        && file_number_taken(&tx, n, Some(student))?
    {
        return Err(Error::invalid(format!(
            "the personal file № {n} belongs to another student"
        )));
    }
    let old: String = tx.query_row(
        "SELECT surname || ' ' || name || ' ' || patronymic || ' | ' || IFNULL(birth_date, '') || ' | ' || IFNULL(file_number, '')
         FROM student WHERE id = ?1",
        [student],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE student SET surname = ?2, name = ?3, patronymic = ?4, birth_date = ?5, file_number = ?6
         WHERE id = ?1",
        params![
            student,
            name.surname.trim(),
            name.name.trim(),
            name.patronymic.trim(),
            birth_date,
            number
        ],
    )?;
    crate::audit::record(
        &tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "change",
            entity: "student",
            entity_id: Some(student.0),
            student: Some(student),
            old: Some(old),
            new: Some(format!(
                "{} | {} | {}",
                name.full(),
                birth_date.map(|d| d.to_string()).unwrap_or_default(),
                number.unwrap_or_default()
            )),
            ..Default::default()
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// Inserts a parent and links them to the student, inside a transaction.
pub(crate) fn insert_parent(
    conn: &Connection,
    student: StudentId,
    p: &NewParent,
) -> Result<ParentId> {
    check_name(&p.name)?;
    let email = p.email.trim();
    if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
        return Err(Error::invalid(format!(
            "«{email}» is not an e-mail address"
        )));
    }
    conn.execute(
        "INSERT INTO parent(surname, name, patronymic, phone, email) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            p.name.surname.trim(),
            p.name.name.trim(),
            p.name.patronymic.trim(),
            p.phone.trim(),
            email
        ],
    )?;
    let id = ParentId(conn.last_insert_rowid());
    conn.execute(
        "INSERT INTO student_parent(student_id, parent_id, relation) VALUES (?1, ?2, ?3)",
        params![student, id, p.relation.code()],
    )?;
    Ok(id)
}

/// Adds a parent or legal representative of a student.
pub fn add_parent(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    p: &NewParent,
) -> Result<ParentId> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let class = latest_class(&tx, student)?;
    require_class_keeper(&tx, session, class, KEEPERS)?;
    let id = insert_parent(&tx, student, p)?;
    crate::audit::record(
        &tx,
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
    tx.commit()?;
    Ok(id)
}

/// Whose consent to personal-data processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        .query_row(
            "SELECT given_on FROM consent WHERE person_kind = ?1 AND person_id = ?2
               AND withdrawn_on IS NULL ORDER BY given_on DESC LIMIT 1",
            params![kind, id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records consent given on `given` (`Some`) or withdraws the one in force on `on` (`None`).
pub(crate) fn write_consent(
    conn: &Connection,
    person: Person,
    given: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<()> {
    let (kind, id) = person.kind_id();
    match given {
        Some(d) => {
            conn.execute(
                "INSERT INTO consent(person_kind, person_id, given_on) VALUES (?1, ?2, ?3)",
                params![kind, id, d],
            )?;
        }
        None => {
            conn.execute(
                "UPDATE consent SET withdrawn_on = ?3 WHERE person_kind = ?1 AND person_id = ?2
                   AND withdrawn_on IS NULL",
                params![kind, id, on],
            )?;
        }
    }
    Ok(())
}

/// Records a consent (with its date) or its withdrawal for a student or a parent.
pub fn set_consent(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    person: Person,
    given: Option<NaiveDate>,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let class = latest_class(&tx, student)?;
    require_class_keeper(&tx, session, class, KEEPERS)?;
    match person {
        Person::Student(s) if s == student => {}
        Person::Parent(p) => {
            let linked: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM student_parent WHERE student_id = ?1 AND parent_id = ?2)",
                params![student, p],
                |r| r.get(0),
            )?;
            if !linked {
                return Err(Error::invalid("that parent is not this student's"));
            }
        }
        _ => {
            return Err(Error::invalid(
                "a consent here is the student's or a parent's",
            ));
        }
    }
    write_consent(&tx, person, given, now.date())?;
    let (kind, id) = person.kind_id();
    crate::audit::record(
        &tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: if given.is_some() { "give" } else { "withdraw" },
            entity: "consent",
            entity_id: Some(id),
            student: Some(student),
            new: Some(format!(
                "{kind}: {}",
                given.map(|d| d.to_string()).unwrap_or_default()
            )),
            ..Default::default()
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// The family refused the electronic service from `since` (they get paper), or takes it back.
pub fn set_paper_reports(
    db: &mut Db,
    session: &Session,
    student: StudentId,
    paper: bool,
    since: NaiveDate,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let class = latest_class(&tx, student)?;
    require_class_keeper(&tx, session, class, KEEPERS)?;
    tx.execute(
        "UPDATE student SET paper_reports = ?2, paper_since = ?3 WHERE id = ?1",
        params![student, paper, paper.then_some(since)],
    )?;
    crate::audit::record(
        &tx,
        now,
        &crate::audit::Entry {
            staff: Some(session.staff),
            action: "change",
            entity: "paper_reports",
            entity_id: Some(student.0),
            student: Some(student),
            new: Some(if paper {
                format!("paper since {since}")
            } else {
                "electronic".into()
            }),
            ..Default::default()
        },
    )?;
    tx.commit()?;
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
    pub consent: Option<NaiveDate>,
    pub parents: Vec<ParentRow>,
}

/// Everyone who was ever in the class, in alphabetical order, with their dates there; those who
/// left show their last day and why.
pub fn class_list(conn: &Connection, class: ClassId) -> Result<Vec<StudentRow>> {
    let mut st = conn.prepare(
        "SELECT s.id, s.surname, s.name, s.patronymic, s.birth_date, s.file_number, e.start_date,
                e.end_date, e.end_reason, s.paper_reports
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
