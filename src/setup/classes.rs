//! Classes with their class teachers, study groups (a class split for a subject — the class
//! teacher may split their own class) with dated memberships, and courses: subject × class or
//! group × teacher × room, with the mark scale, "without attestation" and hours a week.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::{log, open_year, require, required};
use crate::auth::Session;
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
    let ok: bool = conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM staff WHERE id = ?1 AND active = 1)")?
        .query_row([staff], |r| r.get(0))?;
    if ok {
        Ok(())
    } else {
        Err(Error::NotFound(format!("active staff member #{staff}")))
    }
}

/// Makes sure the class teacher holds the class-teacher role (one person, several roles).
fn grant_class_teacher(conn: &Connection, staff: StaffId) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO staff_role(staff_id, role) VALUES (?1, 'class_teacher')",
    )?
    .execute([staff])?;
    Ok(())
}

/// Creates a class of a year, with its class teacher if named.
pub(crate) fn create_class_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    year: YearId,
    grade: u8,
    letter: &str,
    class_teacher: Option<StaffId>,
) -> Result<ClassId> {
    require(tx, session, ADMIN)?;
    open_year(tx, year)?;
    let (grade, letter) = parse_class_name(&format!("{grade}{letter}")).ok_or_else(|| {
        Error::said(
            "said-not-a-class-name",
            &[("name", format!("{grade}{letter}").into())],
        )
    })?;
    if let Some(t) = class_teacher {
        staff_exists(tx, t)?;
        grant_class_teacher(tx, t)?;
    }
    tx.prepare_cached(
        "INSERT INTO class(year_id, grade, letter, class_teacher_id) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![year, grade, letter, class_teacher])
    .map_err(|e| super::year::duplicate(e, &format!("{grade}{letter}")))?;
    let id = ClassId(tx.last_insert_rowid());
    log(
        tx,
        now,
        session,
        "create",
        "class",
        Some(id.0),
        None,
        Some(format!("{grade}{letter}")),
    )?;
    Ok(id)
}

/// Names (or removes) a class's class teacher.
pub(crate) fn set_class_teacher_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    class: ClassId,
    teacher: Option<StaffId>,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    let (year, old): (YearId, Option<StaffId>) = tx
        .prepare_cached("SELECT year_id, class_teacher_id FROM class WHERE id = ?1")?
        .query_row([class], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("class #{class}")))?;
    open_year(tx, year)?;
    if let Some(t) = teacher {
        staff_exists(tx, t)?;
        grant_class_teacher(tx, t)?;
    }
    tx.prepare_cached("UPDATE class SET class_teacher_id = ?2 WHERE id = ?1")?
        .execute(params![class, teacher])?;
    log(
        tx,
        now,
        session,
        "change",
        "class_teacher",
        Some(class.0),
        old.map(|s| s.to_string()),
        teacher.map(|s| s.to_string()),
    )?;
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
        .prepare_cached("SELECT year_id, class_teacher_id FROM class WHERE id = ?1")?
        .query_row([class], |r| Ok((r.get(0)?, r.get(1)?)))
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
#[allow(clippy::too_many_arguments)]
pub(crate) fn create_group_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    class: ClassId,
    name: &str,
    subject: Option<SubjectId>,
    students: &[StudentId],
    from: NaiveDate,
) -> Result<GroupId> {
    let (year, _) = require_class_keeper(tx, session, class, &[])?;
    open_year(tx, year)?;
    let name = required(name, "said-need-group-name")?;
    let taken: bool = tx.prepare_cached("SELECT EXISTS(SELECT 1 FROM study_group WHERE class_id = ?1 AND name = ?2 AND subject_id IS ?3)")?.query_row(params![class, name, subject],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::said("said-group-exists", &[("name", name.into())]));
    }
    tx.prepare_cached("INSERT INTO study_group(class_id, name, subject_id) VALUES (?1, ?2, ?3)")?
        .execute(params![class, name, subject])?;
    let id = GroupId(tx.last_insert_rowid());
    for st in students {
        let in_class: bool = tx
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM enrolment WHERE student_id = ?1 AND class_id = ?2
               AND (end_date IS NULL OR end_date >= ?3))",
            )?
            .query_row(params![st, class, from], |r| r.get(0))?;
        if !in_class {
            return Err(Denied::NotOnList.into());
        }
        tx.prepare_cached(
            "INSERT INTO group_member(group_id, student_id, start_date) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, st, from])?;
    }
    log(
        tx,
        now,
        session,
        "create",
        "study_group",
        Some(id.0),
        None,
        Some(format!("{name} ({} students)", students.len())),
    )?;
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

/// One group of a split: its name and who is in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GroupPlan {
    pub name: String,
    pub students: Vec<StudentId>,
}

/// Splits a class for a subject as [`split_in`] does and, in the same transaction, retires
/// the class's whole-class `course` of that subject from the same day as [`retire_course`] does
/// (ended, or deleted if its journal is empty): the subject is then taught in the groups only.
/// The administrator only, since courses are theirs to change.
#[allow(clippy::too_many_arguments)]
pub(crate) fn split_and_retire_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    class: ClassId,
    subject: SubjectId,
    plan: &[GroupPlan],
    from: NaiveDate,
    course: CourseId,
) -> Result<(Vec<GroupId>, Retired)> {
    require(tx, session, ADMIN)?;
    let c = crate::school::course(tx, course)?;
    let terms_subject: SubjectId = tx
        .prepare_cached("SELECT subject_id FROM course WHERE id = ?1")?
        .query_row([course], |r| r.get(0))?;
    if c.class != class || c.group.is_some() || terms_subject != subject {
        return Err(Error::said(
            "said-not-whole-class-course",
            &[("course", c.title().into())],
        ));
    }
    let ids = split_in(tx, now, session, class, Some(subject), plan, from)?;
    let retired = retire_in(tx, now, session, &c, from)?;
    Ok((ids, retired))
}

/// Splits a class into groups for a subject (or for everything, `subject` None), or regroups it,
/// from `from`: each group named is found (by name) or made, and from that day holds exactly the
/// students given. Groups of the same class and subject left out of the plan keep no one from that
/// day. Memberships before `from` stay as they were, so past journal pages do not change. A student
/// goes to one group at most and must be on the class list that day. The administrator or the
/// class's own class teacher may.
pub(crate) fn split_in(
    tx: &Connection,
    now: chrono::NaiveDateTime,
    session: &Session,
    class: ClassId,
    subject: Option<SubjectId>,
    plan: &[GroupPlan],
    from: NaiveDate,
) -> Result<Vec<GroupId>> {
    let (year, _) = require_class_keeper(tx, session, class, &[])?;
    open_year(tx, year)?;
    let (ys, ye): (NaiveDate, NaiveDate) = tx
        .prepare_cached("SELECT start_date, end_date FROM academic_year WHERE id = ?1")?
        .query_row([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if from < ys || from > ye {
        return Err(Error::said(
            "said-date-outside-year",
            &[("date", from.into())],
        ));
    }
    if plan.is_empty() {
        return Err(Error::said("said-need-group", &[]));
    }
    let mut names: Vec<&str> = Vec::new();
    let mut seen: Vec<StudentId> = Vec::new();
    for g in plan {
        let name = required(&g.name, "said-need-group-name")?;
        if names.contains(&name) {
            return Err(Error::said("said-group-twice", &[("name", name.into())]));
        }
        names.push(name);
        for st in &g.students {
            if seen.contains(st) {
                return Err(Error::said("said-student-two-groups", &[]));
            }
            seen.push(*st);
        }
    }
    // Each student's last day in the class, if they leave: a membership ends with it.
    let mut stay_end: std::collections::HashMap<StudentId, Option<NaiveDate>> = Default::default();
    for st in &seen {
        let end: Option<Option<NaiveDate>> = tx
            .prepare_cached(
                "SELECT end_date FROM enrolment WHERE student_id = ?1 AND class_id = ?2
                   AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3)",
            )?
            .query_row(params![st, class, from], |r| r.get(0))
            .optional()?;
        match end {
            Some(end) => stay_end.insert(*st, end),
            None => return Err(Denied::NotOnList.into()),
        };
    }
    let mut existing: Vec<(GroupId, String)> = {
        let mut st = tx.prepare(
            "SELECT id, name FROM study_group WHERE class_id = ?1 AND subject_id IS ?2 ORDER BY id",
        )?;
        st.query_map(params![class, subject], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let mut ids = Vec::new();
    for (g, name) in plan.iter().zip(&names) {
        let id = match existing.iter().find(|(_, n)| n == name) {
            Some((id, _)) => *id,
            None => {
                tx.prepare_cached(
                    "INSERT INTO study_group(class_id, name, subject_id) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![class, name, subject])?;
                let id = GroupId(tx.last_insert_rowid());
                existing.push((id, name.to_string()));
                id
            }
        };
        ids.push((id, &g.students));
    }
    let day_before = from.pred_opt().unwrap_or(from);
    for (gid, gname) in &existing {
        let wanted: &[StudentId] = ids
            .iter()
            .find(|(id, _)| id == gid)
            .map(|(_, s)| s.as_slice())
            .unwrap_or(&[]);
        let current: Vec<(i64, StudentId, NaiveDate)> = {
            let mut st = tx.prepare(
                "SELECT id, student_id, start_date FROM group_member
                 WHERE group_id = ?1 AND (end_date IS NULL OR end_date >= ?2)",
            )?;
            st.query_map(params![gid, from], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?
        };
        let mut kept: Vec<StudentId> = Vec::new();
        let mut changed = false;
        for (row, student, start) in current {
            if wanted.contains(&student) && !kept.contains(&student) {
                kept.push(student);
                if start > from {
                    tx.prepare_cached("UPDATE group_member SET start_date = ?2 WHERE id = ?1")?
                        .execute(params![row, from])?;
                    changed = true;
                }
            } else if start >= from {
                tx.prepare_cached("DELETE FROM group_member WHERE id = ?1")?
                    .execute([row])?;
                changed = true;
            } else {
                tx.prepare_cached("UPDATE group_member SET end_date = ?2 WHERE id = ?1")?
                    .execute(params![row, day_before])?;
                changed = true;
            }
        }
        for st in wanted.iter().filter(|s| !kept.contains(s)) {
            tx.prepare_cached(
                "INSERT INTO group_member(group_id, student_id, start_date, end_date)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![gid, st, from, stay_end.get(st).copied().flatten()])?;
            changed = true;
        }
        if changed {
            log(
                tx,
                now,
                session,
                "split",
                "study_group",
                Some(gid.0),
                None,
                Some(format!(
                    "{gname}: {} students from {}",
                    wanted.len(),
                    format_date(from)
                )),
            )?;
        }
    }
    Ok(ids.into_iter().map(|(id, _)| id).collect())
}

/// The students on a class's list on `on`, in alphabetical order.
pub fn roll(
    conn: &Connection,
    class: ClassId,
    on: NaiveDate,
) -> Result<Vec<(StudentId, PersonName)>> {
    let mut st = conn.prepare(
        "SELECT DISTINCT s.id, s.surname, s.name, s.patronymic FROM enrolment e
         JOIN student s ON s.id = e.student_id
         WHERE e.class_id = ?1 AND e.start_date <= ?2 AND (e.end_date IS NULL OR e.end_date >= ?2)",
    )?;
    let mut out: Vec<(StudentId, PersonName)> = st
        .query_map(params![class, on], |r| {
            Ok((
                r.get(0)?,
                PersonName {
                    surname: r.get(1)?,
                    name: r.get(2)?,
                    patronymic: r.get(3)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    out.sort_by_cached_key(|(_, n)| collate_key(&n.full()));
    Ok(out)
}

/// A new course, or a course's changed terms.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
        .prepare_cached("SELECT year_id FROM class WHERE id = ?1")?
        .query_row([t.class], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("class #{}", t.class)))?;
    open_year(conn, year)?;
    if let Some(g) = t.group {
        let of_class: bool = conn
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM study_group WHERE id = ?1 AND class_id = ?2)",
            )?
            .query_row(params![g, t.class], |r| r.get(0))?;
        if !of_class {
            return Err(Error::said("said-group-other-class", &[]));
        }
    }
    staff_exists(conn, t.teacher)?;
    if !(t.hours_per_week > 0.0 && t.hours_per_week <= 20.0) {
        return Err(Error::said("said-hours-range", &[]));
    }
    Ok(year)
}

/// One course's terms.
pub fn terms(conn: &Connection, course: CourseId) -> Result<CourseTerms> {
    conn.prepare_cached(
        "SELECT subject_id, class_id, group_id, teacher_id, room_id, scale, no_attestation,
                hours_per_week FROM course WHERE id = ?1",
    )?
    .query_row([course], |r| {
        Ok(CourseTerms {
            subject: r.get(0)?,
            class: r.get(1)?,
            group: r.get(2)?,
            teacher: r.get(3)?,
            room: r.get(4)?,
            scale: r.get(5)?,
            no_attestation: r.get(6)?,
            hours_per_week: r.get(7)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("course #{course}")))
}

/// A class's class teacher.
pub fn class_teacher(conn: &Connection, class: ClassId) -> Result<Option<StaffId>> {
    conn.prepare_cached("SELECT class_teacher_id FROM class WHERE id = ?1")?
        .query_row([class], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("class #{class}")))
}

/// The terms of every course of a year, as the setup screen edits them.
pub fn course_terms(conn: &Connection, year: YearId) -> Result<Vec<(CourseId, CourseTerms)>> {
    let mut st = conn.prepare(
        "SELECT id, subject_id, class_id, group_id, teacher_id, room_id, scale, no_attestation,
                hours_per_week FROM course WHERE year_id = ?1 ORDER BY id",
    )?;
    Ok(st
        .query_map([year], |r| {
            Ok((
                r.get(0)?,
                CourseTerms {
                    subject: r.get(1)?,
                    class: r.get(2)?,
                    group: r.get(3)?,
                    teacher: r.get(4)?,
                    room: r.get(5)?,
                    scale: r.get(6)?,
                    no_attestation: r.get(7)?,
                    hours_per_week: r.get(8)?,
                },
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

/// The courses of a year that have marks: their scale is settled.
pub fn marked_courses(conn: &Connection, year: YearId) -> Result<Vec<CourseId>> {
    let mut st = conn.prepare(
        "SELECT c.id FROM course c WHERE c.year_id = ?1 AND EXISTS(
           SELECT 1 FROM lesson l JOIN mark m ON m.lesson_id = l.id WHERE l.course_id = c.id)",
    )?;
    Ok(st
        .query_map([year], |r| r.get(0))?
        .collect::<Result<Vec<_>, _>>()?)
}

/// Creates a course; its teacher gets the teacher role if they lacked it.
pub(crate) fn create_course_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    t: &CourseTerms,
) -> Result<CourseId> {
    require(tx, session, ADMIN)?;
    let year = check_terms(tx, t)?;
    tx.prepare_cached("INSERT OR IGNORE INTO staff_role(staff_id, role) VALUES (?1, 'teacher')")?
        .execute([t.teacher])?;
    tx.prepare_cached(
        "INSERT INTO course(year_id, subject_id, class_id, group_id, teacher_id, room_id, scale,
            no_attestation, hours_per_week) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        year,
        t.subject,
        t.class,
        t.group,
        t.teacher,
        t.room,
        t.scale,
        t.no_attestation,
        t.hours_per_week
    ])?;
    let id = CourseId(tx.last_insert_rowid());
    let title = crate::school::course(tx, id)?.title();
    log(
        tx,
        now,
        session,
        "create",
        "course",
        Some(id.0),
        None,
        Some(title),
    )?;
    Ok(id)
}

/// A course's terms as the audit log keeps them.
fn describe_terms(t: &CourseTerms) -> String {
    format!(
        "subject {} teacher {} room {} scale {} hours {}{}",
        t.subject,
        t.teacher,
        t.room.map(|r| r.to_string()).unwrap_or_else(|| "-".into()),
        t.scale.code(),
        t.hours_per_week,
        if t.no_attestation {
            " without attestation"
        } else {
            ""
        }
    )
}

/// Changes a course's subject, teacher, room, scale, attestation or hours (not its class or
/// group); the scale only while the course has no marks.
pub(crate) fn update_course_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    course: CourseId,
    t: &CourseTerms,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    let old = crate::school::course(tx, course)?;
    if let Some(end) = old.end {
        return Err(Error::said(
            "said-course-ended",
            &[("course", old.title().into()), ("date", end.into())],
        ));
    }
    let before = course_terms(tx, old.year)?
        .into_iter()
        .find(|(id, _)| *id == course)
        .map(|(_, t)| t)
        .ok_or_else(|| Error::NotFound(format!("course #{course}")))?;
    if old.class != t.class || old.group != t.group {
        return Err(Error::said("said-course-keeps-class", &[]));
    }
    check_terms(tx, t)?;
    if old.scale != t.scale {
        let marks: bool = tx.prepare_cached("SELECT EXISTS(SELECT 1 FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.course_id = ?1)")?.query_row([course],
            |r| r.get(0),
        )?;
        if marks {
            return Err(Error::said("said-course-scale-fixed", &[]));
        }
    }
    tx.prepare_cached("INSERT OR IGNORE INTO staff_role(staff_id, role) VALUES (?1, 'teacher')")?
        .execute([t.teacher])?;
    tx.prepare_cached(
        "UPDATE course SET subject_id = ?2, teacher_id = ?3, room_id = ?4, scale = ?5,
            no_attestation = ?6, hours_per_week = ?7 WHERE id = ?1",
    )?
    .execute(params![
        course,
        t.subject,
        t.teacher,
        t.room,
        t.scale,
        t.no_attestation,
        t.hours_per_week
    ])?;
    log(
        tx,
        now,
        session,
        "change",
        "course",
        Some(course.0),
        Some(describe_terms(&before)),
        Some(describe_terms(t)),
    )?;
    Ok(())
}

// ---- retiring a course ------------------------------------------------------------------------

/// A lesson (`l`) carrying something of the journal: a topic, homework or a comment, marks,
/// absences, attendance taken, kinds of work, a substitute, a cancellation. Such a lesson is never
/// removed by retiring its course.
const LESSON_HOLDS_DATA: &str = "(l.topic <> '' OR l.plan_topic_id IS NOT NULL OR l.homework <> ''
    OR l.comment <> '' OR l.substitute_id IS NOT NULL OR l.cancelled
    OR EXISTS(SELECT 1 FROM mark WHERE lesson_id = l.id)
    OR EXISTS(SELECT 1 FROM attendance WHERE lesson_id = l.id)
    OR EXISTS(SELECT 1 FROM attendance_check WHERE lesson_id = l.id)
    OR EXISTS(SELECT 1 FROM lesson_work WHERE lesson_id = l.id))";

/// How much of a course's journal is written: what retiring it would keep or lose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CourseUse {
    /// Lessons laid out, held or to come.
    pub lessons: u32,
    /// Lessons carrying data (see [`retire_course`]).
    pub held: u32,
    /// The date of the last lesson carrying data.
    pub last_held: Option<NaiveDate>,
    /// Period, year, exam and final marks given, and periods closed.
    pub period_marks: u32,
}

impl CourseUse {
    /// Whether the course has a journal to keep: then it is ended, not deleted.
    pub fn has_data(&self) -> bool {
        self.held > 0 || self.period_marks > 0
    }
}

fn use_query(filter: &str) -> String {
    format!(
        "SELECT c.id,
            (SELECT count(*) FROM lesson l WHERE l.course_id = c.id),
            (SELECT count(*) FROM lesson l WHERE l.course_id = c.id AND {LESSON_HOLDS_DATA}),
            (SELECT max(l.date) FROM lesson l WHERE l.course_id = c.id AND {LESSON_HOLDS_DATA}),
            (SELECT count(*) FROM period_mark WHERE course_id = c.id)
              + (SELECT count(*) FROM period_close WHERE course_id = c.id)
         FROM course c WHERE {filter}"
    )
}

fn use_row(r: &rusqlite::Row) -> rusqlite::Result<(CourseId, CourseUse)> {
    Ok((
        r.get(0)?,
        CourseUse {
            lessons: r.get(1)?,
            held: r.get(2)?,
            last_held: r.get(3)?,
            period_marks: r.get(4)?,
        },
    ))
}

/// What the journal of each course of a year holds, for the screen to say what retiring a
/// course will do before it is done.
pub fn course_use(
    conn: &Connection,
    year: YearId,
) -> Result<std::collections::HashMap<CourseId, CourseUse>> {
    let mut st = conn.prepare(&use_query("c.year_id = ?1"))?;
    Ok(st.query_map([year], use_row)?.collect::<Result<_, _>>()?)
}

/// What retiring a course did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retired {
    /// The course had no journal: it is gone, with its timetable entries, its empty lessons
    /// (`lessons`) and its thematic plan.
    Deleted { lessons: usize, entries: usize },
    /// The course had a journal: `last_day` is its last day. Its timetable stops then, its empty
    /// lessons after it (`lessons`) are gone; everything before stays, readable and printable.
    Ended { last_day: NaiveDate, lessons: usize },
}

/// Takes a course out of the year from `from` on — when its class is split into groups for the
/// subject, or the subject is dropped — so the subject does not appear twice in the timetable
/// and the journals. A course whose journal is empty (no lesson carrying a topic, homework, a
/// comment, marks, absences, attendance taken, kinds of work, a substitute or a cancellation; no
/// period marks) is deleted with its timetable, lessons and plan, whatever the date. A course
/// with a journal is ended instead: its last day is the day before `from`, its timetable entries
/// stop there and its lessons after it are removed — refused, naming how many and from when, if
/// any of those lessons already carries data. The administrator only; one audited transaction.
pub(crate) fn retire_course_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    course: CourseId,
    from: NaiveDate,
) -> Result<Retired> {
    require(tx, session, ADMIN)?;
    let c = crate::school::course(tx, course)?;
    let done = retire_in(tx, now, session, &c, from)?;
    Ok(done)
}

fn retire_in(
    tx: &Connection,
    now: chrono::NaiveDateTime,
    session: &Session,
    c: &crate::school::CourseInfo,
    from: NaiveDate,
) -> Result<Retired> {
    open_year(tx, c.year)?;
    let title = c.title();
    if let Some(end) = c.end {
        return Err(Error::said(
            "said-course-ended",
            &[("course", title.into()), ("date", end.into())],
        ));
    }
    let (_, used) = tx.query_row(&use_query("c.id = ?1"), [c.id], use_row)?;
    let record = |action: &str, old: Option<String>, new: Option<String>| {
        crate::audit::record(
            tx,
            now,
            &crate::audit::Entry {
                staff: Some(session.staff),
                action,
                entity: "course",
                entity_id: Some(c.id.0),
                course: Some(c.id),
                old,
                new,
                ..Default::default()
            },
        )
    };
    if !used.has_data() {
        let terms = course_terms(tx, c.year)?
            .into_iter()
            .find(|(id, _)| *id == c.id)
            .map(|(_, t)| describe_terms(&t))
            .unwrap_or_default();
        let entries = tx
            .prepare_cached("DELETE FROM timetable_entry WHERE course_id = ?1")?
            .execute([c.id])?;
        let lessons = tx
            .prepare_cached("DELETE FROM lesson WHERE course_id = ?1")?
            .execute([c.id])?;
        tx.prepare_cached("DELETE FROM plan_topic WHERE course_id = ?1")?
            .execute([c.id])?;
        // A journal page remembered for the next login must not point at nothing.
        tx.prepare_cached(
            "DELETE FROM setting WHERE key LIKE 'last_page:%' AND value LIKE ?1 || ':%'",
        )?
        .execute([c.id.0.to_string()])?;
        tx.prepare_cached("DELETE FROM course WHERE id = ?1")?
            .execute([c.id])?;
        record(
            "delete",
            Some(format!("{title}: {terms}")),
            Some(format!(
                "{lessons} empty lessons, {entries} timetable entries"
            )),
        )?;
        return Ok(Retired::Deleted { lessons, entries });
    }
    let (start, end): (NaiveDate, NaiveDate) = tx
        .prepare_cached("SELECT start_date, end_date FROM academic_year WHERE id = ?1")?
        .query_row([c.year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let first = start.succ_opt().unwrap_or(start);
    if from < first || from > end {
        return Err(Error::said(
            "said-course-end-outside-year",
            &[
                ("course", title.into()),
                ("first", first.into()),
                ("end", end.into()),
            ],
        ));
    }
    let (count, since): (u32, Option<NaiveDate>) = tx.query_row(
        &format!(
            "SELECT count(*), min(l.date) FROM lesson l
             WHERE l.course_id = ?1 AND l.date >= ?2 AND {LESSON_HOLDS_DATA}"
        ),
        params![c.id, from],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some(since) = since {
        return Err(Error::said(
            "said-course-held-after",
            &[
                ("course", title.into()),
                ("count", count.into()),
                ("date", since.into()),
            ],
        ));
    }
    let last_day = from.pred_opt().unwrap_or(from);
    tx.prepare_cached(
        "UPDATE timetable_entry SET valid_to = ?2 WHERE course_id = ?1 AND valid_from <= ?2
           AND (valid_to IS NULL OR valid_to > ?2)",
    )?
    .execute(params![c.id, last_day])?;
    tx.prepare_cached("DELETE FROM timetable_entry WHERE course_id = ?1 AND valid_from > ?2")?
        .execute(params![c.id, last_day])?;
    let lessons = tx
        .prepare_cached("DELETE FROM lesson WHERE course_id = ?1 AND date > ?2")?
        .execute(params![c.id, last_day])?;
    tx.prepare_cached("UPDATE course SET end_date = ?2 WHERE id = ?1")?
        .execute(params![c.id, last_day])?;
    record(
        "end",
        None,
        Some(format!(
            "{title}: last day {last_day}, {lessons} empty lessons after it removed"
        )),
    )?;
    Ok(Retired::Ended { last_day, lessons })
}
