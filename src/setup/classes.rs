//! Classes with their class teachers, study groups (a class split for a subject — the class
//! teacher may split their own class) with dated memberships, and courses: subject × class or
//! group × teacher × room, with the mark scale, "without attestation" and hours a week.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{log, open_year, require, required};
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Denied, Error, Result};
use crate::model::*;

const ADMIN: &[Role] = &[Role::Admin];

/// "5А", "5 а", "5-А" → (5, "А"). Latin look-alikes of Cyrillic letters are read as Cyrillic.
pub fn parse_class_name(s: &str) -> Option<(u8, String)> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '«' | '»' | '"'))
        .collect();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let grade: u8 = digits.parse().ok().filter(|g| (1..=11).contains(g))?;
    let letter: String = t[digits.len()..]
        .chars()
        .map(|c| match c.to_uppercase().next().unwrap_or(c) {
            'A' => 'А',
            'B' => 'В',
            'E' => 'Е',
            'K' => 'К',
            'M' => 'М',
            'H' => 'Н',
            'O' => 'О',
            'P' => 'Р',
            'C' => 'С',
            'T' => 'Т',
            'X' => 'Х',
            u => u,
        })
        .collect();
    if letter.chars().count() > 3 || letter.chars().any(|c| !c.is_alphabetic()) {
        return None;
    }
    Some((grade, letter))
}

fn staff_exists(conn: &Connection, staff: StaffId) -> Result<()> {
    let ok: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM staff WHERE id = ?1 AND active = 1)",
        [staff],
        |r| r.get(0),
    )?;
    if ok {
        Ok(())
    } else {
        Err(Error::NotFound(format!("active staff member #{staff}")))
    }
}

/// Makes sure the class teacher holds the class-teacher role (one person, several roles).
fn grant_class_teacher(conn: &Connection, staff: StaffId) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO staff_role(staff_id, role) VALUES (?1, 'class_teacher')",
        [staff],
    )?;
    Ok(())
}

/// Creates a class of a year, with its class teacher if named.
pub fn create_class(
    db: &mut Db,
    session: &Session,
    year: YearId,
    grade: u8,
    letter: &str,
    class_teacher: Option<StaffId>,
) -> Result<ClassId> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    require(&tx, session, ADMIN)?;
    open_year(&tx, year)?;
    let (grade, letter) = parse_class_name(&format!("{grade}{letter}"))
        .ok_or_else(|| Error::invalid(format!("«{grade}{letter}» is not a class name")))?;
    if let Some(t) = class_teacher {
        staff_exists(&tx, t)?;
        grant_class_teacher(&tx, t)?;
    }
    tx.execute(
        "INSERT INTO class(year_id, grade, letter, class_teacher_id) VALUES (?1, ?2, ?3, ?4)",
        params![year, grade, letter, class_teacher],
    )
    .map_err(|e| super::year::duplicate(e, &format!("{grade}{letter}")))?;
    let id = ClassId(tx.last_insert_rowid());
    log(
        &tx,
        now,
        session,
        "create",
        "class",
        Some(id.0),
        None,
        Some(format!("{grade}{letter}")),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Names (or removes) a class's class teacher.
pub fn set_class_teacher(
    db: &mut Db,
    session: &Session,
    class: ClassId,
    teacher: Option<StaffId>,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    require(&tx, session, ADMIN)?;
    let (year, old): (YearId, Option<StaffId>) = tx
        .query_row(
            "SELECT year_id, class_teacher_id FROM class WHERE id = ?1",
            [class],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("class #{class}")))?;
    open_year(&tx, year)?;
    if let Some(t) = teacher {
        staff_exists(&tx, t)?;
        grant_class_teacher(&tx, t)?;
    }
    tx.execute(
        "UPDATE class SET class_teacher_id = ?2 WHERE id = ?1",
        params![class, teacher],
    )?;
    log(
        &tx,
        now,
        session,
        "change",
        "class_teacher",
        Some(class.0),
        old.map(|s| s.to_string()),
        teacher.map(|s| s.to_string()),
    )?;
    tx.commit()?;
    Ok(())
}

/// The administrator, or the class teacher of `class`.
pub(crate) fn require_class_keeper(
    conn: &Connection,
    session: &Session,
    class: ClassId,
    others: &[Role],
) -> Result<(YearId, Session)> {
    let s = crate::auth::refresh(conn, session)?;
    let (year, teacher): (YearId, Option<StaffId>) = conn
        .query_row(
            "SELECT year_id, class_teacher_id FROM class WHERE id = ?1",
            [class],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("class #{class}")))?;
    let allowed = s.has(Role::Admin)
        || others.iter().any(|r| s.has(*r))
        || (s.has(Role::ClassTeacher) && teacher == Some(s.staff));
    if !allowed {
        return Err(if s.has(Role::ClassTeacher) {
            Denied::NotYourCourse
        } else {
            Denied::Role
        }
        .into());
    }
    Ok((year, s))
}

/// A study group as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    pub id: GroupId,
    pub class: ClassId,
    pub name: String,
    pub subject: Option<SubjectId>,
    pub subject_name: Option<String>,
    pub members: Vec<StudentId>,
}

/// Splits off a group of a class for a subject with the students given, members from `from`.
/// The administrator or the class's own class teacher may.
pub fn create_group(
    db: &mut Db,
    session: &Session,
    class: ClassId,
    name: &str,
    subject: Option<SubjectId>,
    students: &[StudentId],
    from: NaiveDate,
) -> Result<GroupId> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    let (year, _) = require_class_keeper(&tx, session, class, &[])?;
    open_year(&tx, year)?;
    let name = required(name, "the group's name")?;
    let taken: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM study_group WHERE class_id = ?1 AND name = ?2 AND subject_id IS ?3)",
        params![class, name, subject],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid(format!("the group «{name}» exists already")));
    }
    tx.execute(
        "INSERT INTO study_group(class_id, name, subject_id) VALUES (?1, ?2, ?3)",
        params![class, name, subject],
    )?;
    let id = GroupId(tx.last_insert_rowid());
    for st in students {
        let in_class: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM enrolment WHERE student_id = ?1 AND class_id = ?2
               AND (end_date IS NULL OR end_date >= ?3))",
            params![st, class, from],
            |r| r.get(0),
        )?;
        if !in_class {
            return Err(Denied::NotOnList.into());
        }
        tx.execute(
            "INSERT INTO group_member(group_id, student_id, start_date) VALUES (?1, ?2, ?3)",
            params![id, st, from],
        )?;
    }
    log(
        &tx,
        now,
        session,
        "create",
        "study_group",
        Some(id.0),
        None,
        Some(format!("{name} ({} students)", students.len())),
    )?;
    tx.commit()?;
    Ok(id)
}

/// The groups of a class with the students in them on `on`.
pub fn groups(conn: &Connection, class: ClassId, on: NaiveDate) -> Result<Vec<GroupInfo>> {
    let mut st = conn.prepare(
        "SELECT g.id, g.class_id, g.name, g.subject_id, s.name FROM study_group g
         LEFT JOIN subject s ON s.id = g.subject_id WHERE g.class_id = ?1 ORDER BY s.name, g.name",
    )?;
    let mut out = st
        .query_map([class], |r| {
            Ok(GroupInfo {
                id: r.get(0)?,
                class: r.get(1)?,
                name: r.get(2)?,
                subject: r.get(3)?,
                subject_name: r.get(4)?,
                members: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut m = conn.prepare(
        "SELECT student_id FROM group_member WHERE group_id = ?1 AND start_date <= ?2
         AND (end_date IS NULL OR end_date >= ?2)",
    )?;
    for g in &mut out {
        g.members = m
            .query_map(params![g.id, on], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()?;
    }
    Ok(out)
}

/// A new course, or a course's changed terms.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseTerms {
    pub subject: SubjectId,
    pub class: ClassId,
    pub group: Option<GroupId>,
    pub teacher: StaffId,
    pub room: Option<RoomId>,
    pub scale: Scale,
    pub no_attestation: bool,
    pub hours_per_week: f64,
}

fn check_terms(conn: &Connection, t: &CourseTerms) -> Result<YearId> {
    let year: YearId = conn
        .query_row("SELECT year_id FROM class WHERE id = ?1", [t.class], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("class #{}", t.class)))?;
    open_year(conn, year)?;
    if let Some(g) = t.group {
        let of_class: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM study_group WHERE id = ?1 AND class_id = ?2)",
            params![g, t.class],
            |r| r.get(0),
        )?;
        if !of_class {
            return Err(Error::invalid("the group belongs to another class"));
        }
    }
    staff_exists(conn, t.teacher)?;
    if !(t.hours_per_week > 0.0 && t.hours_per_week <= 20.0) {
        return Err(Error::invalid("hours a week: above 0, at most 20"));
    }
    Ok(year)
}

/// Creates a course; its teacher gets the teacher role if they lacked it.
pub fn create_course(db: &mut Db, session: &Session, t: &CourseTerms) -> Result<CourseId> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    require(&tx, session, ADMIN)?;
    let year = check_terms(&tx, t)?;
    tx.execute(
        "INSERT OR IGNORE INTO staff_role(staff_id, role) VALUES (?1, 'teacher')",
        [t.teacher],
    )?;
    tx.execute(
        "INSERT INTO course(year_id, subject_id, class_id, group_id, teacher_id, room_id, scale,
            no_attestation, hours_per_week) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            year,
            t.subject,
            t.class,
            t.group,
            t.teacher,
            t.room,
            t.scale,
            t.no_attestation,
            t.hours_per_week
        ],
    )?;
    let id = CourseId(tx.last_insert_rowid());
    let title = crate::school::course(&tx, id)?.title();
    log(
        &tx,
        now,
        session,
        "create",
        "course",
        Some(id.0),
        None,
        Some(title),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Changes a course's teacher, room, scale, attestation or hours (not its class or subject).
pub fn update_course(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    t: &CourseTerms,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    require(&tx, session, ADMIN)?;
    let old = crate::school::course(&tx, course)?;
    if old.class != t.class || old.group != t.group {
        return Err(Error::invalid(
            "a course keeps its class and group; make a new course",
        ));
    }
    check_terms(&tx, t)?;
    if old.scale != t.scale {
        let marks: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.course_id = ?1)",
            [course],
            |r| r.get(0),
        )?;
        if marks {
            return Err(Error::invalid(
                "the course has marks: its scale cannot change",
            ));
        }
    }
    tx.execute(
        "INSERT OR IGNORE INTO staff_role(staff_id, role) VALUES (?1, 'teacher')",
        [t.teacher],
    )?;
    tx.execute(
        "UPDATE course SET subject_id = ?2, teacher_id = ?3, room_id = ?4, scale = ?5,
            no_attestation = ?6, hours_per_week = ?7 WHERE id = ?1",
        params![
            course,
            t.subject,
            t.teacher,
            t.room,
            t.scale,
            t.no_attestation,
            t.hours_per_week
        ],
    )?;
    log(
        &tx,
        now,
        session,
        "change",
        "course",
        Some(course.0),
        Some(format!(
            "teacher {} scale {}",
            old.teacher,
            old.scale.code()
        )),
        Some(format!("teacher {} scale {}", t.teacher, t.scale.code())),
    )?;
    tx.commit()?;
    Ok(())
}
