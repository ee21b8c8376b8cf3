//! The school and its year: the profile, academic years with their reporting periods (chosen per
//! grade) and holidays, the bell schedule, work types, classes, groups and courses — the directories
//! that journals hang on. Setting up a new school lives here too.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use rusqlite::{Connection, OptionalExtension, params};

use crate::audit::{self, Entry};
use crate::auth::{self, NewStaff, Session};
use crate::error::{Error, Result};
use crate::model::*;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct School {
    pub name: String,
    pub address: String,
    pub director: String,
}

pub fn profile(conn: &Connection) -> Result<Option<School>> {
    Ok(conn
        .prepare_cached("SELECT name, address, director FROM school WHERE id = 1")?
        .query_row([], |r| {
            Ok(School {
                name: r.get(0)?,
                address: r.get(1)?,
                director: r.get(2)?,
            })
        })
        .optional()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub id: YearId,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub closed: bool,
}

pub fn years(conn: &Connection) -> Result<Vec<Year>> {
    let mut st = conn.prepare(
        "SELECT id, name, start_date, end_date, closed FROM academic_year ORDER BY start_date",
    )?;
    Ok(st
        .query_map([], |r| {
            Ok(Year {
                id: r.get(0)?,
                name: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                closed: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

/// The year the school works in: of the years still open (and not older than a year already
/// closed), the one `today` falls in, else the latest that started before it, else the next to
/// come — so after a rollover the new year is current even before its first day. With no such
/// year: the year `today` falls in, else the latest that started before it, else the first.
pub fn current_year(conn: &Connection, today: NaiveDate) -> Result<Option<Year>> {
    let ys = years(conn)?;
    let last_closed = ys.iter().filter(|y| y.closed).map(|y| y.start).max();
    let open: Vec<&Year> = ys
        .iter()
        .filter(|y| !y.closed && last_closed.is_none_or(|c| y.start > c))
        .collect();
    let pick = |list: &[&Year]| -> Option<Year> {
        list.iter()
            .find(|y| y.start <= today && today <= y.end)
            .or_else(|| list.iter().rev().find(|y| y.start <= today))
            .copied()
            .cloned()
    };
    let all: Vec<&Year> = ys.iter().collect();
    Ok(pick(&open)
        .or_else(|| open.first().map(|y| (*y).clone()))
        .or_else(|| pick(&all))
        .or_else(|| ys.first().cloned()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub id: PeriodId,
    pub scheme: Scheme,
    pub number: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

/// The reporting periods a grade follows in a year, in order.
pub fn periods_for_grade(conn: &Connection, year: YearId, grade: u8) -> Result<Vec<Period>> {
    let mut st = conn.prepare_cached(
        "SELECT p.id, p.scheme, p.number, p.start_date, p.end_date
         FROM period p JOIN grade_scheme g ON g.year_id = p.year_id AND g.scheme = p.scheme
         WHERE p.year_id = ?1 AND g.grade = ?2 ORDER BY p.number",
    )?;
    Ok(st
        .query_map(params![year, grade], |r| {
            Ok(Period {
                id: r.get(0)?,
                scheme: r.get(1)?,
                number: r.get(2)?,
                start: r.get(3)?,
                end: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

pub fn period(conn: &Connection, id: PeriodId) -> Result<Period> {
    conn.prepare_cached(
        "SELECT id, scheme, number, start_date, end_date FROM period WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(Period {
            id: r.get(0)?,
            scheme: r.get(1)?,
            number: r.get(2)?,
            start: r.get(3)?,
            end: r.get(4)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("period #{id}")))
}

/// A holiday stretch: no lessons on these dates for the grades named.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Holiday {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub min_grade: u8,
    pub max_grade: u8,
}

pub fn holidays(conn: &Connection, year: YearId) -> Result<Vec<Holiday>> {
    let mut st = conn.prepare("SELECT name, start_date, end_date, min_grade, max_grade FROM holiday WHERE year_id = ?1 ORDER BY start_date")?;
    Ok(st
        .query_map([year], |r| {
            Ok(Holiday {
                name: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
                min_grade: r.get(3)?,
                max_grade: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

/// The usual Russian school calendar for the year starting in September of `y`: the periods of each
/// scheme and the holidays. A school edits them afterwards; this is the starting point.
pub struct Calendar {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub periods: Vec<(Scheme, u32, NaiveDate, NaiveDate)>,
    pub holidays: Vec<Holiday>,
}

pub fn standard_calendar(y: i32) -> Calendar {
    let d = |yy: i32, m: u32, day: u32| {
        NaiveDate::from_ymd_opt(yy, m, day).expect("valid calendar date")
    };
    let start = d(y, 9, 1);
    let end = d(y + 1, 5, 26);
    let periods = vec![
        (Scheme::Quarter, 1, start, d(y, 10, 24)),
        (Scheme::Quarter, 2, d(y, 11, 5), d(y, 12, 28)),
        (Scheme::Quarter, 3, d(y + 1, 1, 12), d(y + 1, 3, 21)),
        (Scheme::Quarter, 4, d(y + 1, 3, 30), end),
        (Scheme::Trimester, 1, start, d(y, 11, 30)),
        (Scheme::Trimester, 2, d(y, 12, 1), d(y + 1, 2, 28)),
        (Scheme::Trimester, 3, d(y + 1, 3, 1), end),
        (Scheme::Half, 1, start, d(y, 12, 28)),
        (Scheme::Half, 2, d(y + 1, 1, 12), end),
    ];
    let h = |name: &str, s: NaiveDate, e: NaiveDate, min: u8, max: u8| Holiday {
        name: name.into(),
        start: s,
        end: e,
        min_grade: min,
        max_grade: max,
    };
    let holidays = vec![
        h("Осенние каникулы", d(y, 10, 25), d(y, 11, 4), 1, 11),
        h("Зимние каникулы", d(y, 12, 29), d(y + 1, 1, 11), 1, 11),
        h(
            "Дополнительные каникулы",
            d(y + 1, 2, 16),
            d(y + 1, 2, 22),
            1,
            1,
        ),
        h("Весенние каникулы", d(y + 1, 3, 22), d(y + 1, 3, 29), 1, 11),
        h(
            "День защитника Отечества",
            d(y + 1, 2, 23),
            d(y + 1, 2, 23),
            1,
            11,
        ),
        h(
            "Международный женский день",
            d(y + 1, 3, 8),
            d(y + 1, 3, 8),
            1,
            11,
        ),
        h(
            "Праздник Весны и Труда",
            d(y + 1, 5, 1),
            d(y + 1, 5, 1),
            1,
            11,
        ),
        h("День Победы", d(y + 1, 5, 9), d(y + 1, 5, 9), 1, 11),
    ];
    Calendar {
        start,
        end,
        periods,
        holidays,
    }
}

/// The usual bell schedule: 45-minute lessons from 8:30.
pub fn standard_bells() -> Vec<(u8, NaiveTime, NaiveTime)> {
    let t = |h: u32, m: u32| NaiveTime::from_hms_opt(h, m, 0).expect("valid time");
    vec![
        (1, t(8, 30), t(9, 15)),
        (2, t(9, 25), t(10, 10)),
        (3, t(10, 30), t(11, 15)),
        (4, t(11, 35), t(12, 20)),
        (5, t(12, 30), t(13, 15)),
        (6, t(13, 25), t(14, 10)),
        (7, t(14, 20), t(15, 5)),
        (8, t(15, 15), t(16, 0)),
    ]
}

/// Work types with the weights most schools use for the weighted average.
pub const STANDARD_WORK_TYPES: &[(&str, &str, f64)] = &[
    ("Ответ на уроке", "отв", 1.0),
    ("Домашняя работа", "д/з", 1.0),
    ("Самостоятельная работа", "с/р", 1.5),
    ("Контрольная работа", "к/р", 2.0),
    ("Диктант", "дикт", 2.0),
    ("Сочинение", "соч", 2.0),
    ("Изложение", "изл", 1.5),
    ("Лабораторная работа", "л/р", 1.5),
    ("Практическая работа", "п/р", 1.5),
    ("Тест", "тест", 1.5),
    ("Проект", "проект", 1.5),
];

/// Is `d` a school day for `grade`: a weekday (Monday–Friday), inside the year, not a holiday?
pub fn is_school_day(cal_holidays: &[Holiday], grade: u8, d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
        && !cal_holidays
            .iter()
            .any(|h| h.min_grade <= grade && grade <= h.max_grade && h.start <= d && d <= h.end)
}

/// A brand-new school: what the first-run screen asks for.
#[derive(Debug, Clone)]
pub struct NewSchool {
    pub name: String,
    pub address: String,
    pub director: String,
    /// The first academic year, by its starting calendar year (2026 for 2026/2027).
    pub year_start: i32,
    /// Which scheme each grade follows; e.g. 1–9 by quarters, 10–11 by half-years.
    pub schemes: Vec<(u8, Scheme)>,
    pub admin: NewStaff,
}

/// The usual split: grades 1–9 by quarters, 10–11 by half-years.
pub fn usual_schemes() -> Vec<(u8, Scheme)> {
    (1..=11)
        .map(|g| {
            (
                g,
                if g >= 10 {
                    Scheme::Half
                } else {
                    Scheme::Quarter
                },
            )
        })
        .collect()
}

/// Fills an empty journal file with a new school, inside a transaction: the profile, the first
/// year with the standard calendar, bells, work types, default settings and the first
/// administrator, whose password `admin_password_hash` holds (the password itself is checked
/// where it was typed).
pub(crate) fn create_school_in(
    tx: &Connection,
    now: NaiveDateTime,
    s: &NewSchool,
    admin_password_hash: &str,
) -> Result<(StaffId, YearId)> {
    if s.name.trim().is_empty() {
        return Err(Error::said("said-need-school-name", &[]));
    }
    if profile(tx)?.is_some() {
        return Err(Error::said("said-school-exists", &[]));
    }
    if !s.admin.roles.contains(&Role::Admin) {
        return Err(Error::said("said-first-admin", &[]));
    }
    tx.prepare_cached("INSERT INTO school(id, name, address, director) VALUES (1, ?1, ?2, ?3)")?
        .execute(params![s.name.trim(), s.address.trim(), s.director.trim()])?;
    let year = insert_year(tx, s.year_start, &s.schemes)?;
    let mut wt =
        tx.prepare("INSERT INTO work_type(name, short_name, weight) VALUES (?1, ?2, ?3)")?;
    for (n, short, w) in STANDARD_WORK_TYPES {
        wt.execute(params![n, short, w])?;
    }
    drop(wt);
    let admin = auth::insert_staff(tx, now, &s.admin, admin_password_hash)?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(admin),
            action: "create",
            entity: "school",
            new: Some(s.name.trim().to_string()),
            ..Default::default()
        },
    )?;
    Ok((admin, year))
}

/// Adds an academic year with the standard calendar and bells.
pub fn insert_year(conn: &Connection, year_start: i32, schemes: &[(u8, Scheme)]) -> Result<YearId> {
    let cal = standard_calendar(year_start);
    let name = format!("{}/{}", year_start, year_start + 1);
    conn.prepare_cached(
        "INSERT INTO academic_year(name, start_date, end_date) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![name, cal.start, cal.end])?;
    let year = YearId(conn.last_insert_rowid());
    let used: std::collections::HashSet<Scheme> = schemes.iter().map(|(_, s)| *s).collect();
    for (scheme, n, a, b) in &cal.periods {
        if used.contains(scheme) {
            conn.prepare_cached("INSERT INTO period(year_id, scheme, number, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![year, scheme, n, a, b],
            )?;
        }
    }
    for (g, sc) in schemes {
        conn.prepare_cached(
            "INSERT INTO grade_scheme(year_id, grade, scheme) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![year, g, sc])?;
    }
    for h in &cal.holidays {
        conn.prepare_cached("INSERT INTO holiday(year_id, name, start_date, end_date, min_grade, max_grade) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?.execute(params![year, h.name, h.start, h.end, h.min_grade, h.max_grade],
        )?;
    }
    for (n, a, b) in standard_bells() {
        conn.prepare_cached(
            "INSERT INTO bell(year_id, lesson_no, starts, ends) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            year,
            n,
            a.format("%H:%M").to_string(),
            b.format("%H:%M").to_string()
        ])?;
    }
    Ok(year)
}

/// A class as lists show it: "5А".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassInfo {
    pub id: ClassId,
    pub year: YearId,
    pub grade: u8,
    pub letter: String,
    pub class_teacher: Option<StaffId>,
}

impl ClassInfo {
    pub fn name(&self) -> String {
        format!("{}{}", self.grade, self.letter)
    }
}

pub fn classes(conn: &Connection, year: YearId) -> Result<Vec<ClassInfo>> {
    let mut st = conn.prepare(
        "SELECT id, year_id, grade, letter, class_teacher_id FROM class WHERE year_id = ?1 ORDER BY grade, letter",
    )?;
    Ok(st
        .query_map([year], |r| {
            Ok(ClassInfo {
                id: r.get(0)?,
                year: r.get(1)?,
                grade: r.get(2)?,
                letter: r.get(3)?,
                class_teacher: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

/// A course as lists and journal headers show it.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseInfo {
    pub id: CourseId,
    pub year: YearId,
    pub subject: String,
    pub class: ClassId,
    pub class_name: String,
    pub grade: u8,
    pub group: Option<GroupId>,
    pub group_name: Option<String>,
    pub teacher: StaffId,
    pub teacher_name: PersonName,
    pub scale: Scale,
    pub no_attestation: bool,
    /// The last day of a course ended during the year (its class split into groups, its subject
    /// dropped); None while it runs.
    pub end: Option<NaiveDate>,
}

impl CourseInfo {
    /// Whether the course runs on `d`: an ended course keeps only its past.
    pub fn runs_on(&self, d: NaiveDate) -> bool {
        self.end.is_none_or(|e| d <= e)
    }

    /// "5А, Английский язык (1 группа)".
    pub fn title(&self) -> String {
        match &self.group_name {
            Some(g) => format!("{}, {} ({g})", self.class_name, self.subject),
            None => format!("{}, {}", self.class_name, self.subject),
        }
    }
}

const COURSE_SELECT: &str = "SELECT c.id, c.year_id, s.name, c.class_id, cl.grade || cl.letter, cl.grade, c.group_id, g.name,
        c.teacher_id, t.surname, t.name, t.patronymic, c.scale, c.no_attestation, c.end_date
     FROM course c JOIN subject s ON s.id = c.subject_id JOIN class cl ON cl.id = c.class_id
     JOIN staff t ON t.id = c.teacher_id LEFT JOIN study_group g ON g.id = c.group_id";

fn course_row(r: &rusqlite::Row) -> rusqlite::Result<CourseInfo> {
    Ok(CourseInfo {
        id: r.get(0)?,
        year: r.get(1)?,
        subject: r.get(2)?,
        class: r.get(3)?,
        class_name: r.get(4)?,
        grade: r.get(5)?,
        group: r.get(6)?,
        group_name: r.get(7)?,
        teacher: r.get(8)?,
        teacher_name: PersonName {
            surname: r.get(9)?,
            name: r.get(10)?,
            patronymic: r.get(11)?,
        },
        scale: r.get(12)?,
        no_attestation: r.get(13)?,
        end: r.get(14)?,
    })
}

pub fn course(conn: &Connection, id: CourseId) -> Result<CourseInfo> {
    let mut st = conn.prepare_cached(&format!("{COURSE_SELECT} WHERE c.id = ?1"))?;
    st.query_row([id], course_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("course #{id}")))
}

/// Every course of a year, ordered by class, subject and group.
pub fn courses(conn: &Connection, year: YearId) -> Result<Vec<CourseInfo>> {
    let mut st = conn.prepare(&format!(
        "{COURSE_SELECT} WHERE c.year_id = ?1 ORDER BY cl.grade, cl.letter, s.name, g.name"
    ))?;
    Ok(st
        .query_map([year], course_row)?
        .collect::<Result<Vec<_>, _>>()?)
}

/// The courses a staff member may open a journal page of, as `access::can_view_course` decides.
pub fn visible_courses(
    conn: &Connection,
    session: &Session,
    year: YearId,
) -> Result<Vec<CourseInfo>> {
    let all = courses(conn, year)?;
    let mut out = Vec::new();
    for c in all {
        if crate::access::can_view_course(conn, session, &c)? {
            out.push(c);
        }
    }
    Ok(out)
}

/// Counts of what a journal file holds, for `check` and the restore preview.
pub fn counts(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    let tables = [
        "staff",
        "class",
        "student",
        "enrolment",
        "parent",
        "course",
        "timetable_entry",
        "plan_topic",
        "lesson",
        "mark",
        "attendance",
        "period_mark",
        "audit",
    ];
    tables
        .iter()
        .map(|t| {
            Ok((
                *t,
                conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?,
            ))
        })
        .collect()
}

/// The bell schedule of a year: lesson number → start and end.
pub fn bells(conn: &Connection, year: YearId) -> Result<Vec<(u8, NaiveTime, NaiveTime)>> {
    let mut st = conn.prepare_cached(
        "SELECT lesson_no, starts, ends FROM bell WHERE year_id = ?1 ORDER BY lesson_no",
    )?;
    let rows: Vec<(u8, String, String)> = st
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(n, a, b)| {
            Some((
                n,
                NaiveTime::parse_from_str(&a, "%H:%M").ok()?,
                NaiveTime::parse_from_str(&b, "%H:%M").ok()?,
            ))
        })
        .collect())
}

/// The lesson running at `time` (or the next one in a break), by the bell schedule.
pub fn lesson_at(bells: &[(u8, NaiveTime, NaiveTime)], time: NaiveTime) -> Option<u8> {
    bells
        .iter()
        .find(|(_, _, end)| time <= *end)
        .map(|(n, _, _)| *n)
}
