//! The year rollover: a new academic year made from the old one. Classes are promoted (5А → 6А)
//! with their class teachers, the last grade graduates (its enrolments end with 'graduated'),
//! students the school keeps back stay in their grade, and groups and the courses still running
//! (not ended during the year) are copied into the new classes for the administrator to review. The old year is closed: read-only, still viewable
//! and printable. The calendar of the new year is the standard one (`school::insert_year`) with the
//! old year's grade schemes and bell schedule.

use std::collections::HashMap;

use chrono::Datelike;
use rusqlite::params;

use super::{open_year, require};
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::*;

/// What the rollover did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rollover {
    pub new_year: Option<YearId>,
    pub classes: usize,
    pub promoted: usize,
    pub graduated: usize,
    pub kept_back: usize,
    pub groups: usize,
    pub courses: usize,
}

/// One class of the year being rolled over: where it goes and who would go with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub class: crate::school::ClassInfo,
    /// The class it becomes ("6А"), or None when it graduates.
    pub next: Option<String>,
    /// The students on its list now (those who have not left), alphabetically.
    pub students: Vec<(StudentId, PersonName)>,
}

/// What a rollover of `year` with `last_grade` graduating would do, class by class: the screen
/// shows it and lets the administrator tick who is kept back before anything changes.
pub fn plan(conn: &rusqlite::Connection, year: YearId, last_grade: u8) -> Result<Vec<PlanRow>> {
    let mut st = conn.prepare(
        "SELECT DISTINCT s.id, s.surname, s.name, s.patronymic FROM enrolment e
         JOIN student s ON s.id = e.student_id WHERE e.class_id = ?1 AND e.end_date IS NULL",
    )?;
    let mut out = Vec::new();
    for class in crate::school::classes(conn, year)? {
        let mut students: Vec<(StudentId, PersonName)> = st
            .query_map([class.id], |r| {
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
        students.sort_by_cached_key(|(_, n)| collate_key(&n.full()));
        let next =
            (class.grade < last_grade).then(|| format!("{}{}", class.grade + 1, class.letter));
        out.push(PlanRow {
            class,
            next,
            students,
        });
    }
    Ok(out)
}

/// Rolls `from` over into the next year. `last_grade` graduates (11, or 9 for a basic school);
/// `kept_back` students stay in their grade.
pub fn rollover(
    db: &mut Db,
    session: &Session,
    from: YearId,
    last_grade: u8,
    kept_back: &[StudentId],
) -> Result<Rollover> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    require(&tx, session, &[Role::Admin])?;
    open_year(&tx, from)?;
    if !(1..=11).contains(&last_grade) {
        return Err(Error::said("said-grade-range", &[]));
    }
    for st in kept_back {
        let on_list: bool = tx
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM enrolment e JOIN class c ON c.id = e.class_id
             WHERE e.student_id = ?1 AND c.year_id = ?2 AND e.end_date IS NULL)",
            )?
            .query_row(params![st, from], |r| r.get(0))?;
        if !on_list {
            return Err(Error::said(
                "said-kept-back-not-listed",
                &[("id", st.0.into())],
            ));
        }
    }
    let (old_start, old_end): (chrono::NaiveDate, chrono::NaiveDate) = tx
        .prepare_cached("SELECT start_date, end_date FROM academic_year WHERE id = ?1")?
        .query_row([from], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let next_start = old_start.year() + 1;
    let name = format!("{}/{}", next_start, next_start + 1);
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM academic_year WHERE name = ?1)")?
        .query_row([&name], |r| r.get(0))?;
    if exists {
        return Err(Error::said(
            "said-year-exists",
            &[("name", name.as_str().into())],
        ));
    }
    let schemes = super::year::grade_schemes(&tx, from)?;
    let new_year = crate::school::insert_year(&tx, next_start, &schemes)?;
    let new_start: chrono::NaiveDate = tx
        .prepare_cached("SELECT start_date FROM academic_year WHERE id = ?1")?
        .query_row([new_year], |r| r.get(0))?;
    // The bell schedule the school settled on carries over.
    tx.prepare_cached("DELETE FROM bell WHERE year_id = ?1")?
        .execute([new_year])?;
    tx.prepare_cached(
        "INSERT INTO bell(year_id, lesson_no, starts, ends) SELECT ?2, lesson_no, starts, ends
         FROM bell WHERE year_id = ?1",
    )?
    .execute(params![from, new_year])?;
    let mut out = Rollover {
        new_year: Some(new_year),
        ..Default::default()
    };
    let old_classes = crate::school::classes(&tx, from)?;
    // New classes by (grade, letter), created on demand.
    let mut made: HashMap<(u8, String), ClassId> = HashMap::new();
    let mut class_for = |tx: &rusqlite::Transaction,
                         grade: u8,
                         letter: &str,
                         teacher: Option<StaffId>|
     -> Result<ClassId> {
        if let Some(id) = made.get(&(grade, letter.to_string())) {
            return Ok(*id);
        }
        tx.prepare_cached(
            "INSERT INTO class(year_id, grade, letter, class_teacher_id) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![new_year, grade, letter, teacher])?;
        let id = ClassId(tx.last_insert_rowid());
        made.insert((grade, letter.to_string()), id);
        Ok(id)
    };
    // Promoted classes first, so a kept-back student joins the class that moved up into the grade.
    let mut promoted_to: HashMap<ClassId, ClassId> = HashMap::new();
    for c in old_classes.iter().filter(|c| c.grade < last_grade) {
        let id = class_for(&tx, c.grade + 1, &c.letter, c.class_teacher)?;
        promoted_to.insert(c.id, id);
    }
    out.classes = promoted_to.len();
    let last_day = old_end;
    for c in &old_classes {
        let mut st = tx.prepare(
            "SELECT id, student_id FROM enrolment WHERE class_id = ?1 AND end_date IS NULL",
        )?;
        let stays: Vec<(i64, StudentId)> = st
            .query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        drop(st);
        for (enrolment, student) in stays {
            let (reason, note, next) = if kept_back.contains(&student) {
                out.kept_back += 1;
                let id = class_for(&tx, c.grade, &c.letter, None)?;
                ("transferred", "kept back", Some(id))
            } else if c.grade >= last_grade {
                out.graduated += 1;
                ("graduated", "", None)
            } else {
                out.promoted += 1;
                ("promoted", "", promoted_to.get(&c.id).copied())
            };
            super::students::end_stay(&tx, enrolment, student, last_day, reason, note)?;
            if let Some(next) = next {
                tx.prepare_cached(
                    "INSERT INTO enrolment(student_id, class_id, start_date) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![student, next, new_start])?;
            }
        }
    }
    out.classes = made.len();
    // Groups and courses of promoted classes, for review.
    let mut group_map: HashMap<GroupId, GroupId> = HashMap::new();
    for (old, new) in &promoted_to {
        let mut st =
            tx.prepare("SELECT id, name, subject_id FROM study_group WHERE class_id = ?1")?;
        let groups: Vec<(GroupId, String, Option<SubjectId>)> = st
            .query_map([old], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        drop(st);
        for (gid, gname, subject) in groups {
            tx.prepare_cached(
                "INSERT INTO study_group(class_id, name, subject_id) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![new, gname, subject])?;
            let ng = GroupId(tx.last_insert_rowid());
            group_map.insert(gid, ng);
            out.groups += 1;
            // Members who moved up with the class stay in the group.
            tx.prepare_cached(
                "INSERT INTO group_member(group_id, student_id, start_date)
                 SELECT ?1, m.student_id, ?3 FROM group_member m
                 WHERE m.group_id = ?2 AND m.end_date = ?4
                   AND EXISTS(SELECT 1 FROM enrolment e WHERE e.student_id = m.student_id
                              AND e.class_id = ?5 AND e.start_date = ?3)",
            )?
            .execute(params![ng, gid, new_start, last_day, new])?;
        }
        out.courses += tx.prepare_cached("INSERT INTO course(year_id, subject_id, class_id, group_id, teacher_id, room_id, scale,
                 no_attestation, hours_per_week)
             SELECT ?1, c.subject_id, ?3, NULL, c.teacher_id, c.room_id, c.scale, c.no_attestation,
                 c.hours_per_week FROM course c
             WHERE c.class_id = ?2 AND c.group_id IS NULL AND c.end_date IS NULL")?.execute(params![new_year, old, new],
        )?;
    }
    for (old, new) in &group_map {
        let class: ClassId = tx
            .prepare_cached("SELECT class_id FROM study_group WHERE id = ?1")?
            .query_row([new], |r| r.get(0))?;
        out.courses += tx.prepare_cached("INSERT INTO course(year_id, subject_id, class_id, group_id, teacher_id, room_id, scale,
                 no_attestation, hours_per_week)
             SELECT ?1, c.subject_id, ?3, ?4, c.teacher_id, c.room_id, c.scale, c.no_attestation,
                 c.hours_per_week FROM course c WHERE c.group_id = ?2 AND c.end_date IS NULL")?.execute(params![new_year, old, class, new],
        )?;
    }
    tx.prepare_cached("UPDATE academic_year SET closed = 1 WHERE id = ?1")?
        .execute([from])?;
    super::log(
        &tx,
        now,
        session,
        "rollover",
        "academic_year",
        Some(from.0),
        None,
        Some(format!(
            "{name}: {} promoted, {} graduated, {} kept back",
            out.promoted, out.graduated, out.kept_back
        )),
    )?;
    tx.commit()?;
    Ok(out)
}
