//! The administrator's school and year: the profile, academic years with their periods per grade
//! and holidays (checked: inside the year, periods of one scheme not overlapping), the bell
//! schedule, buildings and rooms, subjects, work types with their weights, and the school's
//! settings. The standard calendar a new year starts from is `school::insert_year`'s.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::{log, open_year, require, required};
use crate::auth::Session;
use crate::db::settings;
use crate::error::{Error, Result};
use crate::model::*;
use crate::school::{self, Holiday, School};

const ADMIN: &[Role] = &[Role::Admin];

/// Changes the school's name, address and director.
pub(crate) fn update_profile_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    p: &School,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    let name = required(&p.name, "said-need-school-name")?;
    let old = school::profile(tx)?.ok_or_else(|| Error::NotFound("school".into()))?;
    tx.prepare_cached("UPDATE school SET name = ?1, address = ?2, director = ?3 WHERE id = 1")?
        .execute(params![name, p.address.trim(), p.director.trim()])?;
    log(
        tx,
        now,
        session,
        "change",
        "school",
        Some(1),
        Some(format!("{} | {} | {}", old.name, old.address, old.director)),
        Some(format!(
            "{name} | {} | {}",
            p.address.trim(),
            p.director.trim()
        )),
    )?;
    Ok(())
}

/// Adds the academic year starting in September of `year_start` with the standard calendar and
/// bells; each grade follows the scheme given for it.
pub(crate) fn add_year_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    year_start: i32,
    schemes: &[(u8, Scheme)],
) -> Result<YearId> {
    require(tx, session, ADMIN)?;
    let name = format!("{}/{}", year_start, year_start + 1);
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM academic_year WHERE name = ?1)")?
        .query_row([&name], |r| r.get(0))?;
    if exists {
        return Err(Error::said(
            "said-year-exists",
            &[("name", name.as_str().into())],
        ));
    }
    let id = school::insert_year(tx, year_start, schemes)?;
    log(
        tx,
        now,
        session,
        "create",
        "academic_year",
        Some(id.0),
        None,
        Some(name),
    )?;
    Ok(id)
}

/// A period of a year as the setup screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRow {
    pub id: PeriodId,
    pub scheme: Scheme,
    pub number: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The grades following this period's scheme.
    pub grades: Vec<u8>,
}

/// Every period of a year, by scheme and number, with the grades that follow it.
pub fn periods(conn: &Connection, year: YearId) -> Result<Vec<PeriodRow>> {
    let mut st = conn.prepare(
        "SELECT id, scheme, number, start_date, end_date FROM period WHERE year_id = ?1
         ORDER BY scheme, number",
    )?;
    let mut rows = st
        .query_map([year], |r| {
            Ok(PeriodRow {
                id: r.get(0)?,
                scheme: r.get(1)?,
                number: r.get(2)?,
                start: r.get(3)?,
                end: r.get(4)?,
                grades: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (grade, scheme) in grade_schemes(conn, year)? {
        for p in rows.iter_mut().filter(|p| p.scheme == scheme) {
            p.grades.push(grade);
        }
    }
    Ok(rows)
}

/// Which scheme each grade follows in a year.
pub fn grade_schemes(conn: &Connection, year: YearId) -> Result<Vec<(u8, Scheme)>> {
    let mut st =
        conn.prepare("SELECT grade, scheme FROM grade_scheme WHERE year_id = ?1 ORDER BY grade")?;
    Ok(st
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?)
}

fn year_bounds(conn: &Connection, year: YearId) -> Result<(NaiveDate, NaiveDate)> {
    conn.prepare_cached("SELECT start_date, end_date FROM academic_year WHERE id = ?1")?
        .query_row([year], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("academic year #{year}")))
}

fn inside_year(conn: &Connection, year: YearId, start: NaiveDate, end: NaiveDate) -> Result<()> {
    let (ys, ye) = year_bounds(conn, year)?;
    if start > end {
        return Err(Error::said(
            "said-dates-backwards",
            &[("start", start.into()), ("end", end.into())],
        ));
    }
    if start < ys || end > ye {
        return Err(Error::said(
            "said-dates-outside-year",
            &[
                ("start", start.into()),
                ("end", end.into()),
                ("year_start", ys.into()),
                ("year_end", ye.into()),
            ],
        ));
    }
    Ok(())
}

/// Moves a period's dates. The period must stay inside its year and not overlap the other periods
/// of its scheme.
pub(crate) fn set_period_dates_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    period: PeriodId,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    let (year, scheme, old_start, old_end): (YearId, Scheme, NaiveDate, NaiveDate) = tx
        .prepare_cached("SELECT year_id, scheme, start_date, end_date FROM period WHERE id = ?1")?
        .query_row([period], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("period #{period}")))?;
    open_year(tx, year)?;
    inside_year(tx, year, start, end)?;
    let clash: Option<u32> = tx
        .prepare_cached(
            "SELECT number FROM period WHERE year_id = ?1 AND scheme = ?2 AND id <> ?3
             AND start_date <= ?5 AND end_date >= ?4 LIMIT 1",
        )?
        .query_row(params![year, scheme, period, start, end], |r| r.get(0))
        .optional()?;
    if let Some(n) = clash {
        return Err(Error::said(
            "said-period-overlap",
            &[
                ("start", start.into()),
                ("end", end.into()),
                ("number", n.into()),
            ],
        ));
    }
    tx.prepare_cached("UPDATE period SET start_date = ?2, end_date = ?3 WHERE id = ?1")?
        .execute(params![period, start, end])?;
    log(
        tx,
        now,
        session,
        "change",
        "period",
        Some(period.0),
        Some(format!("{old_start} – {old_end}")),
        Some(format!("{start} – {end}")),
    )?;
    Ok(())
}

/// The grades of a year that have period marks already: their scheme is settled for the year.
pub fn grades_with_period_marks(conn: &Connection, year: YearId) -> Result<Vec<u8>> {
    let mut st = conn.prepare(
        "SELECT DISTINCT cl.grade FROM period_mark pm JOIN course c ON c.id = pm.course_id
         JOIN class cl ON cl.id = c.class_id WHERE c.year_id = ?1 AND pm.kind = 'period'
         ORDER BY cl.grade",
    )?;
    Ok(st
        .query_map([year], |r| r.get(0))?
        .collect::<Result<Vec<_>, _>>()?)
}

/// Sets the reporting scheme of grades `min..=max` in a year (e.g. 10–11 by half-years). The
/// scheme's standard periods are added if the year has none of that scheme yet.
pub(crate) fn set_grade_scheme_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    year: YearId,
    min: u8,
    max: u8,
    scheme: Scheme,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    open_year(tx, year)?;
    if !(1..=11).contains(&min) || !(min..=11).contains(&max) {
        return Err(Error::said("said-grade-range", &[]));
    }
    // Period marks already given by the old scheme would fall out of every report.
    let marked: Option<u8> = tx
        .prepare_cached(
            "SELECT cl.grade FROM period_mark pm JOIN course c ON c.id = pm.course_id
             JOIN class cl ON cl.id = c.class_id JOIN period p ON p.id = pm.period_id
             WHERE c.year_id = ?1 AND cl.grade BETWEEN ?2 AND ?3 AND pm.kind = 'period'
               AND p.scheme <> ?4 LIMIT 1",
        )?
        .query_row(params![year, min, max, scheme], |r| r.get(0))
        .optional()?;
    if let Some(g) = marked {
        return Err(Error::said("said-scheme-has-marks", &[("grade", g.into())]));
    }
    let has: bool = tx
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM period WHERE year_id = ?1 AND scheme = ?2)")?
        .query_row(params![year, scheme], |r| r.get(0))?;
    if !has {
        let (start, _) = year_bounds(tx, year)?;
        let cal = school::standard_calendar(year_start_of(start));
        for (sc, n, a, b) in cal.periods.iter().filter(|p| p.0 == scheme) {
            tx.prepare_cached("INSERT INTO period(year_id, scheme, number, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![year, sc, n, a, b],
            )?;
        }
    }
    for g in min..=max {
        tx.prepare_cached(
            "INSERT INTO grade_scheme(year_id, grade, scheme) VALUES (?1, ?2, ?3)
             ON CONFLICT(year_id, grade) DO UPDATE SET scheme = excluded.scheme",
        )?
        .execute(params![year, g, scheme])?;
    }
    log(
        tx,
        now,
        session,
        "change",
        "grade_scheme",
        Some(year.0),
        None,
        Some(format!("{min}–{max}: {}", scheme.code())),
    )?;
    Ok(())
}

/// Holidays of a year with their row ids.
pub fn holidays(conn: &Connection, year: YearId) -> Result<Vec<(i64, Holiday)>> {
    let mut st = conn.prepare(
        "SELECT id, name, start_date, end_date, min_grade, max_grade FROM holiday
         WHERE year_id = ?1 ORDER BY start_date, id",
    )?;
    Ok(st
        .query_map([year], holiday_row)?
        .collect::<Result<Vec<_>, _>>()?)
}

/// (id or year, holiday) from columns (id or year_id, name, start, end, min and max grade).
fn holiday_row<T: rusqlite::types::FromSql>(r: &rusqlite::Row) -> rusqlite::Result<(T, Holiday)> {
    Ok((
        r.get(0)?,
        Holiday {
            name: r.get(1)?,
            start: r.get(2)?,
            end: r.get(3)?,
            min_grade: r.get(4)?,
            max_grade: r.get(5)?,
        },
    ))
}

/// One holiday stretch with its year.
pub fn holiday(conn: &Connection, id: i64) -> Result<(YearId, Holiday)> {
    conn.prepare_cached("SELECT year_id, name, start_date, end_date, min_grade, max_grade FROM holiday WHERE id = ?1")?.query_row([id],
        holiday_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("holiday #{id}")))
}

/// A period's dates: (start, end).
pub fn period_dates(conn: &Connection, period: PeriodId) -> Result<(NaiveDate, NaiveDate)> {
    conn.prepare_cached("SELECT start_date, end_date FROM period WHERE id = ?1")?
        .query_row([period], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("period #{period}")))
}

/// A work type's weight.
pub fn work_type_weight(conn: &Connection, id: WorkTypeId) -> Result<f64> {
    conn.prepare_cached("SELECT weight FROM work_type WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("work type #{id}")))
}

/// Adds a holiday stretch; it must lie inside the year.
pub(crate) fn add_holiday_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    id: Option<i64>,
    year: YearId,
    h: &Holiday,
) -> Result<i64> {
    require(tx, session, ADMIN)?;
    open_year(tx, year)?;
    let name = required(&h.name, "said-need-holiday-name")?;
    inside_year(tx, year, h.start, h.end)?;
    if !(1..=11).contains(&h.min_grade) || !(h.min_grade..=11).contains(&h.max_grade) {
        return Err(Error::said("said-grade-range", &[]));
    }
    tx.prepare_cached(
        "INSERT INTO holiday(id, year_id, name, start_date, end_date, min_grade, max_grade)
         VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        year,
        name,
        h.start,
        h.end,
        h.min_grade,
        h.max_grade,
        id
    ])?;
    let id = tx.last_insert_rowid();
    log(
        tx,
        now,
        session,
        "create",
        "holiday",
        Some(id),
        None,
        Some(format!("{name}: {} – {}", h.start, h.end)),
    )?;
    Ok(id)
}

/// Removes a holiday stretch.
pub(crate) fn delete_holiday_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    holiday: i64,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    let (year, name): (YearId, String) = tx
        .prepare_cached("SELECT year_id, name FROM holiday WHERE id = ?1")?
        .query_row([holiday], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("holiday #{holiday}")))?;
    open_year(tx, year)?;
    tx.prepare_cached("DELETE FROM holiday WHERE id = ?1")?
        .execute([holiday])?;
    log(
        tx,
        now,
        session,
        "delete",
        "holiday",
        Some(holiday),
        Some(name),
        None,
    )?;
    Ok(())
}

/// Sets (adds or changes) the times of one lesson in the bell schedule.
pub(crate) fn set_bell_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    year: YearId,
    lesson_no: u8,
    starts: NaiveTime,
    ends: NaiveTime,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    open_year(tx, year)?;
    if lesson_no > 12 {
        return Err(Error::said("said-lesson-number-range", &[]));
    }
    if starts >= ends {
        return Err(Error::said("said-bell-backwards", &[]));
    }
    let others = school::bells(tx, year)?;
    if let Some((n, _, _)) = others
        .iter()
        .find(|(n, a, b)| *n != lesson_no && *a < ends && starts < *b)
    {
        return Err(Error::said("said-bell-overlap", &[("number", (*n).into())]));
    }
    let (a, b) = (
        starts.format("%H:%M").to_string(),
        ends.format("%H:%M").to_string(),
    );
    tx.prepare_cached("INSERT INTO bell(year_id, lesson_no, starts, ends) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(year_id, lesson_no) DO UPDATE SET starts = excluded.starts, ends = excluded.ends")?.execute(params![year, lesson_no, a, b],
    )?;
    log(
        tx,
        now,
        session,
        "set",
        "bell",
        Some(lesson_no as i64),
        None,
        Some(format!("{a}–{b}")),
    )?;
    Ok(())
}

/// Removes a lesson from the bell schedule. Refused, saying how many, while timetable entries or
/// lessons of the year's courses stand at that lesson number: they would have no time.
pub(crate) fn delete_bell_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    year: YearId,
    lesson_no: u8,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    open_year(tx, year)?;
    let (entries, lessons): (u32, u32) = tx
        .prepare_cached(
            "SELECT
           (SELECT count(*) FROM timetable_entry e JOIN course c ON c.id = e.course_id
             WHERE c.year_id = ?1 AND e.lesson_no = ?2),
           (SELECT count(*) FROM lesson l JOIN course c ON c.id = l.course_id
             WHERE c.year_id = ?1 AND l.lesson_no = ?2)",
        )?
        .query_row(params![year, lesson_no], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let key = match (entries > 0, lessons > 0) {
        (false, false) => None,
        (true, false) => Some("said-bell-in-timetable"),
        (false, true) => Some("said-bell-in-lessons"),
        (true, true) => Some("said-bell-in-both"),
    };
    if let Some(key) = key {
        return Err(Error::said(
            key,
            &[
                ("number", lesson_no.into()),
                ("entries", entries.into()),
                ("lessons", lessons.into()),
            ],
        ));
    }
    tx.prepare_cached("DELETE FROM bell WHERE year_id = ?1 AND lesson_no = ?2")?
        .execute(params![year, lesson_no])?;
    log(
        tx,
        now,
        session,
        "delete",
        "bell",
        Some(lesson_no as i64),
        None,
        None,
    )?;
    Ok(())
}

/// A room with its building, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomRow {
    pub id: RoomId,
    pub building_id: Option<i64>,
    pub building: Option<String>,
    pub name: String,
}

/// A building with its address, as the directories list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildingRow {
    pub id: i64,
    pub name: String,
    pub address: String,
}

/// Adds a building; returns its id.
pub(crate) fn add_building_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    name: &str,
    address: &str,
) -> Result<i64> {
    require(tx, session, ADMIN)?;
    let name = required(name, "said-need-building-name")?;
    tx.prepare_cached("INSERT INTO building(name, address) VALUES (?1, ?2)")?
        .execute(params![name, address.trim()])
        .map_err(|e| duplicate(e, name))?;
    let id = tx.last_insert_rowid();
    log(
        tx,
        now,
        session,
        "create",
        "building",
        Some(id),
        None,
        Some(name.into()),
    )?;
    Ok(id)
}

/// The buildings: id and name.
pub fn buildings(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut st = conn.prepare("SELECT id, name FROM building ORDER BY name")?;
    Ok(st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?)
}

/// The buildings with their addresses, by name.
pub fn building_list(conn: &Connection) -> Result<Vec<BuildingRow>> {
    let mut st = conn.prepare("SELECT id, name, address FROM building ORDER BY name")?;
    Ok(st
        .query_map([], |r| {
            Ok(BuildingRow {
                id: r.get(0)?,
                name: r.get(1)?,
                address: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

/// Adds a room (кабинет), in a building or not.
pub(crate) fn add_room_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    building: Option<i64>,
    name: &str,
) -> Result<RoomId> {
    require(tx, session, ADMIN)?;
    let name = required(name, "said-need-room-name")?;
    if let Some(b) = building {
        let known: bool = tx
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM building WHERE id = ?1)")?
            .query_row([b], |r| r.get(0))?;
        if !known {
            return Err(Error::NotFound(format!("building #{b}")));
        }
    }
    let taken: bool = tx
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM room WHERE name = ?1 AND building_id IS ?2)")?
        .query_row(params![name, building], |r| r.get(0))?;
    if taken {
        return Err(Error::said("said-room-exists", &[("name", name.into())]));
    }
    tx.prepare_cached("INSERT INTO room(building_id, name) VALUES (?1, ?2)")?
        .execute(params![building, name])?;
    let id = RoomId(tx.last_insert_rowid());
    log(
        tx,
        now,
        session,
        "create",
        "room",
        Some(id.0),
        None,
        Some(name.into()),
    )?;
    Ok(id)
}

/// Every room, by building, then numbered rooms by number (3 before 21), then the named ones.
pub fn rooms(conn: &Connection) -> Result<Vec<RoomRow>> {
    let mut st = conn.prepare(
        "SELECT r.id, r.building_id, b.name, r.name FROM room r
         LEFT JOIN building b ON b.id = r.building_id
         ORDER BY b.name, CAST(r.name AS INTEGER) = 0, CAST(r.name AS INTEGER), r.name",
    )?;
    Ok(st
        .query_map([], |r| {
            Ok(RoomRow {
                id: r.get(0)?,
                building_id: r.get(1)?,
                building: r.get(2)?,
                name: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

/// Adds a subject with its short name (the journal's and the ledger's column heads use it);
/// with `id`, the subject takes that id (undoing its removal). Administrator.
pub(crate) fn add_subject_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    id: Option<SubjectId>,
    name: &str,
    short: &str,
) -> Result<SubjectId> {
    require(tx, session, ADMIN)?;
    let name = required(name, "said-need-subject-name")?;
    let short = required(short, "said-need-subject-short")?;
    tx.prepare_cached("INSERT INTO subject(id, name, short_name) VALUES (?3, ?1, ?2)")?
        .execute(params![name, short, id])
        .map_err(|e| duplicate(e, name))?;
    let id = SubjectId(tx.last_insert_rowid());
    log(
        tx,
        now,
        session,
        "create",
        "subject",
        Some(id.0),
        None,
        Some(format!("{name} ({short})")),
    )?;
    Ok(id)
}

/// A subject's name and short name: (name, short name).
pub fn subject(conn: &Connection, subject: SubjectId) -> Result<(String, String)> {
    conn.prepare_cached("SELECT name, short_name FROM subject WHERE id = ?1")?
        .query_row([subject], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("subject #{subject}")))
}

/// Renames a subject (its name, short name or both). Every course of it, in every year, shows the
/// new name: a subject is one thing the school teaches, named once. Administrator.
pub(crate) fn rename_subject_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    subject: SubjectId,
    name: &str,
    short: &str,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    let (old_name, old_short) = self::subject(tx, subject)?;
    let name = required(name, "said-need-subject-name")?;
    let short = required(short, "said-need-subject-short")?;
    if (name, short) == (old_name.as_str(), old_short.as_str()) {
        return Ok(());
    }
    tx.prepare_cached("UPDATE subject SET name = ?2, short_name = ?3 WHERE id = ?1")?
        .execute(params![subject, name, short])
        .map_err(|e| duplicate(e, name))?;
    log(
        tx,
        now,
        session,
        "rename",
        "subject",
        Some(subject.0),
        Some(format!("{old_name} ({old_short})")),
        Some(format!("{name} ({short})")),
    )?;
    Ok(())
}

/// The subjects that courses or groups use (they cannot be removed), with how many courses.
pub fn subjects_in_use(conn: &Connection) -> Result<HashMap<SubjectId, i64>> {
    let mut st = conn.prepare(
        "SELECT s.id, (SELECT count(*) FROM course c WHERE c.subject_id = s.id) FROM subject s
         WHERE EXISTS(SELECT 1 FROM course c WHERE c.subject_id = s.id)
            OR EXISTS(SELECT 1 FROM study_group g WHERE g.subject_id = s.id)",
    )?;
    Ok(st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// Removes a subject entered by mistake, while no course or group uses it. Administrator.
pub(crate) fn remove_subject_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    subject: SubjectId,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    let (name, short) = self::subject(tx, subject)?;
    if let Some(courses) = subjects_in_use(tx)?.get(&subject) {
        return Err(Error::said(
            "said-subject-in-use",
            &[
                ("name", name.as_str().into()),
                ("courses", (*courses).into()),
            ],
        ));
    }
    tx.prepare_cached("DELETE FROM subject WHERE id = ?1")?
        .execute([subject])?;
    log(
        tx,
        now,
        session,
        "remove",
        "subject",
        Some(subject.0),
        Some(format!("{name} ({short})")),
        None,
    )?;
    Ok(())
}

/// The subjects: id, name, short name.
pub fn subjects(conn: &Connection) -> Result<Vec<(SubjectId, String, String)>> {
    let mut st = conn.prepare("SELECT id, name, short_name FROM subject ORDER BY name")?;
    Ok(st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<Vec<_>, _>>()?)
}

/// Adds a work type with its weight in the weighted average.
pub(crate) fn add_work_type_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    name: &str,
    short: &str,
    weight: f64,
) -> Result<WorkTypeId> {
    require(tx, session, ADMIN)?;
    let name = required(name, "said-need-work-type-name")?;
    let short = required(short, "said-need-work-type-short")?;
    check_weight(weight)?;
    tx.prepare_cached("INSERT INTO work_type(name, short_name, weight) VALUES (?1, ?2, ?3)")?
        .execute(params![name, short, weight])
        .map_err(|e| duplicate(e, name))?;
    let id = WorkTypeId(tx.last_insert_rowid());
    log(
        tx,
        now,
        session,
        "create",
        "work_type",
        Some(id.0),
        None,
        Some(format!("{name} ×{weight}")),
    )?;
    Ok(id)
}

/// Changes a work type's weight; every weighted average follows at once.
pub(crate) fn set_work_type_weight_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    id: WorkTypeId,
    weight: f64,
) -> Result<()> {
    require(tx, session, ADMIN)?;
    check_weight(weight)?;
    let old: f64 = tx
        .prepare_cached("SELECT weight FROM work_type WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("work type #{id}")))?;
    tx.prepare_cached("UPDATE work_type SET weight = ?2 WHERE id = ?1")?
        .execute(params![id, weight])?;
    log(
        tx,
        now,
        session,
        "change",
        "work_type",
        Some(id.0),
        Some(old.to_string()),
        Some(weight.to_string()),
    )?;
    Ok(())
}

fn check_weight(weight: f64) -> Result<()> {
    if weight.is_finite() && weight > 0.0 && weight <= 10.0 {
        Ok(())
    } else {
        Err(Error::said(
            "said-weight-range",
            &[("weight", weight.to_string().into())],
        ))
    }
}

/// A unique-constraint failure read as "exists already".
pub(crate) fn duplicate(e: rusqlite::Error, name: &str) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::said("said-name-exists", &[("name", name.into())])
        }
        _ => e.into(),
    }
}

/// The settings the administrator chooses.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SchoolSettings {
    pub edit_window: EditWindow,
    pub rounding: Rounding,
    /// 0 switches the idle lock off.
    pub idle_lock_minutes: u32,
    pub absence_warning_percent: f64,
    pub max_failed_logins: u32,
    pub lockout_minutes: u32,
}

/// The key under which `attendance::warning_percent` reads its setting.
pub const ABSENCE_WARNING_PERCENT: &str = "absence_warning_percent";

pub fn load_settings(conn: &Connection) -> Result<SchoolSettings> {
    Ok(SchoolSettings {
        edit_window: settings::edit_window(conn)?,
        rounding: settings::rounding(conn)?,
        idle_lock_minutes: settings::idle_lock_minutes(conn)?,
        absence_warning_percent: crate::attendance::warning_percent(conn)?,
        max_failed_logins: settings::max_failed_logins(conn)?,
        lockout_minutes: settings::lockout_minutes(conn)?,
    })
}

/// The value a school setting has while none is stored, as it is stored.
fn default_of(key: &str) -> String {
    match key {
        settings::EDIT_WINDOW => EditWindow::TwoWeeks.code().to_string(),
        settings::ROUNDING => Rounding::HalfUp.code().to_string(),
        settings::IDLE_LOCK_MINUTES | settings::MAX_FAILED_LOGINS => 5.to_string(),
        settings::LOCKOUT_MINUTES => 15.to_string(),
        ABSENCE_WARNING_PERCENT => 30.0_f64.to_string(),
        _ => String::new(),
    }
}

/// Saves the settings, each change written to the audit log.
pub(crate) fn save_settings_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    s: &SchoolSettings,
) -> Result<()> {
    if s.idle_lock_minutes > 240 {
        return Err(Error::said("said-idle-range", &[]));
    }
    if !(s.absence_warning_percent > 0.0 && s.absence_warning_percent <= 100.0) {
        return Err(Error::said("said-absence-percent-range", &[]));
    }
    if !(1..=20).contains(&s.max_failed_logins) {
        return Err(Error::said("said-failed-logins-range", &[]));
    }
    if !(1..=1440).contains(&s.lockout_minutes) {
        return Err(Error::said("said-lockout-range", &[]));
    }
    require(tx, session, ADMIN)?;
    let old = load_settings(tx)?;
    let pairs = [
        (
            settings::EDIT_WINDOW,
            old.edit_window.code().to_string(),
            s.edit_window.code().to_string(),
        ),
        (
            settings::ROUNDING,
            old.rounding.code().to_string(),
            s.rounding.code().to_string(),
        ),
        (
            settings::IDLE_LOCK_MINUTES,
            old.idle_lock_minutes.to_string(),
            s.idle_lock_minutes.to_string(),
        ),
        (
            ABSENCE_WARNING_PERCENT,
            old.absence_warning_percent.to_string(),
            s.absence_warning_percent.to_string(),
        ),
        (
            settings::MAX_FAILED_LOGINS,
            old.max_failed_logins.to_string(),
            s.max_failed_logins.to_string(),
        ),
        (
            settings::LOCKOUT_MINUTES,
            old.lockout_minutes.to_string(),
            s.lockout_minutes.to_string(),
        ),
    ];
    for (key, old, new) in pairs {
        if old != new {
            // A setting back at its default is stored as no setting: taking a change back
            // leaves the file as it was.
            if new == default_of(key) {
                tx.prepare_cached("DELETE FROM setting WHERE key = ?1")?
                    .execute([key])?;
            } else {
                settings::set(tx, key, &new)?;
            }
            crate::audit::record(
                tx,
                now,
                &crate::audit::Entry {
                    staff: Some(session.staff),
                    action: "change",
                    entity: "setting",
                    old: Some(format!("{key}={old}")),
                    new: Some(format!("{key}={new}")),
                    ..Default::default()
                },
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn each_settings_default_is_what_a_journal_without_the_setting_reads() {
        let db = Db::memory().unwrap();
        let s = load_settings(&db.conn).unwrap();
        assert_eq!(default_of(settings::EDIT_WINDOW), s.edit_window.code());
        assert_eq!(default_of(settings::ROUNDING), s.rounding.code());
        assert_eq!(
            default_of(settings::IDLE_LOCK_MINUTES),
            s.idle_lock_minutes.to_string()
        );
        assert_eq!(
            default_of(settings::MAX_FAILED_LOGINS),
            s.max_failed_logins.to_string()
        );
        assert_eq!(
            default_of(settings::LOCKOUT_MINUTES),
            s.lockout_minutes.to_string()
        );
        assert_eq!(
            default_of(ABSENCE_WARNING_PERCENT),
            s.absence_warning_percent.to_string()
        );
    }
}
