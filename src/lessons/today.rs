//! The teacher's day: today's lessons by bell time (their own and those they substitute), each
//! with what is still missing — topic, attendance, homework, marks — and the gaps of the last
//! seven days measured against seed 004's deadlines: lesson data and absences on the day,
//! homework within an hour after the class's last lesson, marks within seven days. A class
//! teacher also sees today's absences in their class. Read-only.

use std::collections::HashMap;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use rusqlite::{Connection, params};

use super::{LESSON_SELECT, LessonRow, lesson_row};
use crate::attendance;
use crate::auth::{self, Session};
use crate::error::Result;
use crate::model::*;
use crate::school;

/// Something a lesson still lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Missing {
    Topic,
    Attendance,
    Homework,
    Marks,
}

impl Missing {
    pub const ALL: [Missing; 4] = [
        Missing::Topic,
        Missing::Attendance,
        Missing::Homework,
        Missing::Marks,
    ];
}

/// A missing item with its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub what: Missing,
    pub by: NaiveDateTime,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DayLesson {
    pub lesson: LessonRow,
    pub starts: Option<NaiveTime>,
    pub ends: Option<NaiveTime>,
    /// The session's teacher takes it as a substitute.
    pub substituting: bool,
    /// Another teacher takes the session's own lesson.
    pub taken_by_other: bool,
    pub missing: Vec<Due>,
}

/// A student absent today in the class teacher's class: lesson numbers with codes.
#[derive(Debug, Clone, PartialEq)]
pub struct Absent {
    pub name: PersonName,
    pub lessons: Vec<(u8, AttendanceCode)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClassToday {
    pub class: ClassId,
    pub class_name: String,
    /// The class's lessons today (none on a holiday or a day off).
    pub lessons: usize,
    pub absent: Vec<Absent>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Today {
    pub now: NaiveDateTime,
    /// The lesson running now (or next), by the bells.
    pub current: Option<u8>,
    pub lessons: Vec<DayLesson>,
    /// Past lessons of the last seven days still lacking something.
    pub gaps: Vec<DayLesson>,
    pub classes: Vec<ClassToday>,
}

type Bells = Vec<(u8, NaiveTime, NaiveTime)>;

fn end_of(bells: &Bells, date: NaiveDate, no: u8) -> NaiveDateTime {
    let t = bells
        .iter()
        .find(|b| b.0 == no)
        .map(|b| b.2)
        .unwrap_or_else(|| NaiveTime::from_hms_opt(15, 0, 0).expect("time"));
    date.and_time(t)
}

fn day_end(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(23, 59, 59).expect("time")
}

/// What a lesson lacks as of `now`, with the deadlines seed 004 sets.
fn missing(
    conn: &Connection,
    l: &LessonRow,
    class: ClassId,
    bells: &Bells,
    now: NaiveDateTime,
) -> Result<Vec<Due>> {
    let (has_marks, taken): (bool, bool) = conn
        .prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM mark WHERE lesson_id = ?1),
                EXISTS(SELECT 1 FROM attendance WHERE lesson_id = ?1) OR EXISTS(SELECT 1 FROM attendance_check WHERE lesson_id = ?1)",
    )?
    .query_row([l.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let last: u8 = conn
        .prepare_cached("SELECT IFNULL(max(l.lesson_no), ?3) FROM lesson l JOIN course c ON c.id = l.course_id WHERE c.class_id = ?1 AND l.date = ?2 AND NOT l.cancelled")?
        .query_row(params![class, l.date, l.lesson_no], |r| r.get(0))?;
    let mut out = Vec::new();
    let mut due = |what: Missing, by: NaiveDateTime| {
        out.push(Due {
            what,
            by,
            overdue: now > by,
        })
    };
    if l.topic.trim().is_empty() {
        due(Missing::Topic, day_end(l.date));
    }
    if !taken {
        due(Missing::Attendance, day_end(l.date));
    }
    if l.homework.trim().is_empty() {
        due(
            Missing::Homework,
            end_of(bells, l.date, last) + TimeDelta::hours(1),
        );
    }
    if !has_marks {
        due(Missing::Marks, day_end(l.date + Days::new(7)));
    }
    Ok(out)
}

/// The session's day as of `now`.
pub fn today(conn: &Connection, session: &Session, now: NaiveDateTime) -> Result<Today> {
    let s = auth::refresh(conn, session)?;
    let date = now.date();
    let Some(year) = school::current_year(conn, date)? else {
        return Ok(Today {
            now,
            current: None,
            lessons: Vec::new(),
            gaps: Vec::new(),
            classes: Vec::new(),
        });
    };
    let bells = school::bells(conn, year.id)?;
    let from = date - Days::new(7);
    let mut st = conn.prepare_cached(&format!(
        "{LESSON_SELECT} WHERE l.date BETWEEN ?2 AND ?3 AND (c.teacher_id = ?1 OR l.substitute_id = ?1)
         ORDER BY l.date, l.lesson_no"
    ))?;
    let rows: Vec<LessonRow> = st
        .query_map(params![s.staff, from, date], lesson_row)?
        .collect::<Result<_, _>>()?;
    let mut class_of: HashMap<CourseId, ClassId> = HashMap::new();
    let mut lessons = Vec::new();
    let mut gaps = Vec::new();
    for l in rows {
        let class = match class_of.get(&l.course) {
            Some(c) => *c,
            None => {
                let c: ClassId = conn
                    .prepare_cached("SELECT class_id FROM course WHERE id = ?1")?
                    .query_row([l.course], |r| r.get(0))?;
                class_of.insert(l.course, c);
                c
            }
        };
        let substituting = l.substitute == Some(s.staff);
        let taken_by_other = l.substitute.is_some_and(|x| x != s.staff);
        let bell = bells.iter().find(|b| b.0 == l.lesson_no);
        let missing = if l.cancelled || taken_by_other {
            Vec::new()
        } else {
            missing(conn, &l, class, &bells, now)?
        };
        let item = DayLesson {
            starts: bell.map(|b| b.1),
            ends: bell.map(|b| b.2),
            substituting,
            taken_by_other,
            missing,
            lesson: l,
        };
        if item.lesson.date == date {
            lessons.push(item);
        } else if !item.missing.is_empty() {
            gaps.push(item);
        }
    }
    // Latest first: yesterday's gaps are the ones to fill now.
    gaps.reverse();
    let mut classes = Vec::new();
    for c in school::classes(conn, year.id)?
        .into_iter()
        .filter(|c| c.class_teacher == Some(s.staff))
    {
        let sheet = attendance::day_sheet(conn, session, c.id, date)?;
        let absent = sheet
            .rows
            .iter()
            .filter_map(|r| {
                let lessons: Vec<(u8, AttendanceCode)> = r
                    .entries
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| e.map(|code| (sheet.lessons[i].lesson_no, code)))
                    .collect();
                (!lessons.is_empty()).then(|| Absent {
                    name: r.name.clone(),
                    lessons,
                })
            })
            .collect();
        classes.push(ClassToday {
            class: c.id,
            class_name: c.name(),
            lessons: sheet.lessons.len(),
            absent,
        });
    }
    Ok(Today {
        now,
        current: school::lesson_at(&bells, now.time()),
        lessons,
        gaps,
        classes,
    })
}
