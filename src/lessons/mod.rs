//! Lessons as the timetable gives them and as teachers fill them: laying a period's lessons out
//! from the timetable over its school days, adding, moving and cancelling a single lesson,
//! substitutions, and the lesson form (topic, kinds of work, homework, comment). The timetable
//! itself lives in [`timetable`], thematic plans and their import in [`plan`], the Today screen's
//! data in [`today`].
//!
//! Every change checks the acting staff member's rights, runs in one immediate transaction and
//! writes its audit row in that transaction. Laying out never loses a lesson that holds anything
//! (a topic, homework, a comment, kinds of work, marks, absences, a substitute, a cancellation):
//! such a lesson is kept where it is and reported; only empty lessons are moved or removed.
//! Nor does it undo the deputy's hand: a lesson added outside the timetable or moved stays where
//! it was put, and the slot a lesson was moved away from stays empty. Lessons run Monday to
//! Saturday (a six-day week is the timetable's to say), never on Sunday.
//! This module does not touch marks or attendance — `journal` and `attendance` own those.

/// The room id of lesson `l` of course `c` (SQL): the own room of the course's timetable entry
/// for that weekday and lesson number on the lesson's date, else the course's room. A lesson has
/// no room of its own; it is where the timetable puts it.
macro_rules! lesson_room_sql {
    () => {
        "IFNULL((SELECT e.room_id FROM timetable_entry e WHERE e.course_id = l.course_id
              AND e.lesson_no = l.lesson_no AND e.weekday = (CAST(strftime('%w', l.date) AS INTEGER) + 6) % 7 + 1
              AND e.valid_from <= l.date AND (e.valid_to IS NULL OR e.valid_to >= l.date)
              AND e.room_id IS NOT NULL LIMIT 1), c.room_id)"
    };
}

pub mod plan;
pub mod timetable;
pub mod today;

use std::collections::HashMap;
use std::fmt;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use crate::access::{self, LessonChange};
use crate::audit::{self, Entry};
use crate::auth::{self, Session};
use crate::db::{Db, settings, ts};
use crate::error::{Denied, Error, Result};
use crate::model::*;
use crate::school::{self, CourseInfo};

/// Ids of plan topics and timetable entries (in `model` with the others).
pub use crate::model::{EntryId, PlanTopicId};

/// The result of a change that the school's rules may refuse with conflicts to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<T> {
    Done(T),
    /// Nothing was changed: these bookings clash.
    Refused(Vec<Conflict>),
    /// Nothing was changed: the school's rules do not allow it (see [`Block`]).
    Blocked(Block),
}

impl<T> Outcome<T> {
    pub fn done(self) -> Option<T> {
        match self {
            Outcome::Done(t) => Some(t),
            Outcome::Refused(_) | Outcome::Blocked(_) => None,
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Done(t) => Outcome::Done(f(t)),
            Outcome::Refused(k) => Outcome::Refused(k),
            Outcome::Blocked(b) => Outcome::Blocked(b),
        }
    }
}

/// Why a single lesson cannot be put where it was asked, or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// Marks or absences hang on the lesson: it took place on its date and stays there.
    TookPlace,
    /// The date is outside the school year.
    OutsideYear(NaiveDate),
    /// The class has no lessons that day: a Sunday or its holidays.
    NoSchool(NaiveDate),
    /// The bell schedule has no lesson with this number.
    NoSuchBell(u8),
    /// The course ended on this day (its class was split into groups, or the subject dropped).
    CourseEnded(NaiveDate),
}

impl fmt::Display for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Block::TookPlace => f.write_str(
                "the lesson has marks or absences: it took place on its date and cannot be moved or cancelled",
            ),
            Block::OutsideYear(d) => write!(f, "{} is outside the school year", format_date(*d)),
            Block::NoSchool(d) => write!(
                f,
                "{} is no school day for the class (a Sunday or holidays)",
                format_date(*d)
            ),
            Block::NoSuchBell(n) => write!(f, "the bell schedule has no lesson {n}"),
            Block::CourseEnded(d) => write!(f, "the course ended on {}", format_date(*d)),
        }
    }
}

/// What a booking of `course` (taught by `teacher` in `room`) clashes with in another booking at
/// the same time, if anything: the same teacher, the class (a group clashes with the whole class
/// and with itself, not with the class's other group), or the same room. One rule for timetable
/// entries and single lessons.
pub(crate) fn clash(
    course: &CourseInfo,
    teacher: StaffId,
    room: Option<RoomId>,
    other_teacher: StaffId,
    other_class: ClassId,
    other_group: Option<GroupId>,
    other_room: Option<RoomId>,
) -> Option<ConflictKind> {
    if other_teacher == teacher {
        Some(ConflictKind::Teacher)
    } else if other_class == course.class
        && (other_group.is_none() || course.group.is_none() || other_group == course.group)
    {
        Some(ConflictKind::Class)
    } else if room.is_some() && room == other_room {
        Some(ConflictKind::Room)
    } else {
        None
    }
}

/// What was booked twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConflictKind {
    /// The same teacher in two places at once.
    Teacher,
    /// The same room twice.
    Room,
    /// The same class (or a class and its own group) twice.
    Class,
}

/// One side of a clash: a course at a weekday and lesson number over some dates (a timetable
/// entry), or on one date (a lesson).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub course: CourseId,
    /// "5А, Математика" or "5А, Английский язык (1 группа)".
    pub title: String,
    pub teacher: String,
    pub room: Option<String>,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub lesson_no: u8,
    pub from: NaiveDate,
    /// The last day; `None` while the entry stands. For a lesson, equal to `from`.
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub wanted: Booking,
    pub existing: Booking,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ConflictKind::Teacher => format!("teacher {} is", self.existing.teacher),
            ConflictKind::Room => {
                format!("room {} is", self.existing.room.clone().unwrap_or_default())
            }
            ConflictKind::Class => "the class is".to_string(),
        };
        write!(
            f,
            "{what} booked twice on weekday {} at lesson {}: {} and {}",
            self.wanted.weekday, self.wanted.lesson_no, self.wanted.title, self.existing.title
        )
    }
}

/// The names of weekdays as the timetable numbers them (1 = Monday).
pub fn weekday_no(d: NaiveDate) -> u8 {
    d.weekday().number_from_monday() as u8
}

/// The last weekday a timetable may use: Saturday, for schools with a six-day week. Nothing is
/// taught on Sundays.
pub const LAST_WEEKDAY: u8 = 6;

/// Can a class of `grade` have lessons on `d`: Monday to Saturday and not in its holidays. Which
/// of those days it does have is the timetable's business: a school with a five-day week simply
/// has no Saturday entries.
pub fn lesson_day(holidays: &[school::Holiday], grade: u8, d: NaiveDate) -> bool {
    weekday_no(d) <= LAST_WEEKDAY
        && !holidays
            .iter()
            .any(|h| h.min_grade <= grade && grade <= h.max_grade && h.start <= d && d <= h.end)
}

fn require_planner(conn: &Connection, session: &Session) -> Result<Session> {
    let s = auth::refresh(conn, session)?;
    if s.has(Role::Admin) || s.has(Role::Deputy) {
        Ok(s)
    } else {
        Err(Denied::Role.into())
    }
}

fn year_closed(conn: &Connection, year: YearId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT closed FROM academic_year WHERE id = ?1")?
        .query_row([year], |r| r.get(0))?)
}

/// A lesson as lists show it.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonRow {
    pub id: LessonId,
    pub course: CourseId,
    pub title: String,
    pub class_name: String,
    pub date: NaiveDate,
    pub lesson_no: u8,
    pub topic: String,
    pub homework: String,
    pub teacher: StaffId,
    pub teacher_name: PersonName,
    pub substitute: Option<StaffId>,
    pub substitute_name: Option<PersonName>,
    pub cancelled: bool,
    /// The room: its timetable slot's own room that day, else the course's.
    pub room: Option<String>,
    /// Added by hand outside the timetable.
    pub extra: bool,
    /// Moved by hand from this timetable slot (date, lesson number).
    pub moved_from: Option<(NaiveDate, u8)>,
}

const LESSON_SELECT: &str = concat!(
    "SELECT l.id, l.course_id, cl.grade || cl.letter || ', ' || s.name || IFNULL(' (' || g.name || ')', ''),
        cl.grade || cl.letter, l.date, l.lesson_no, l.topic, l.homework, c.teacher_id, t.surname, t.name, t.patronymic,
        l.substitute_id, st.surname, st.name, st.patronymic, l.cancelled,
        (SELECT name FROM room WHERE id = ",
    lesson_room_sql!(),
    "), l.extra, l.moved_from, l.moved_from_no
     FROM lesson l JOIN course c ON c.id = l.course_id JOIN subject s ON s.id = c.subject_id
     JOIN class cl ON cl.id = c.class_id LEFT JOIN study_group g ON g.id = c.group_id
     JOIN staff t ON t.id = c.teacher_id LEFT JOIN staff st ON st.id = l.substitute_id"
);

fn lesson_row(r: &rusqlite::Row) -> rusqlite::Result<LessonRow> {
    let sub_surname: Option<String> = r.get(13)?;
    Ok(LessonRow {
        id: r.get(0)?,
        course: r.get(1)?,
        title: r.get(2)?,
        class_name: r.get(3)?,
        date: r.get(4)?,
        lesson_no: r.get(5)?,
        topic: r.get(6)?,
        homework: r.get(7)?,
        teacher: r.get(8)?,
        teacher_name: PersonName {
            surname: r.get(9)?,
            name: r.get(10)?,
            patronymic: r.get(11)?,
        },
        substitute: r.get(12)?,
        substitute_name: match sub_surname {
            Some(surname) => Some(PersonName {
                surname,
                name: r.get(14)?,
                patronymic: r.get(15)?,
            }),
            None => None,
        },
        cancelled: r.get(16)?,
        room: r.get(17)?,
        extra: r.get(18)?,
        moved_from: match (
            r.get::<_, Option<NaiveDate>>(19)?,
            r.get::<_, Option<u8>>(20)?,
        ) {
            (Some(d), Some(n)) => Some((d, n)),
            _ => None,
        },
    })
}

pub fn lesson(conn: &Connection, id: LessonId) -> Result<LessonRow> {
    conn.prepare_cached(&format!("{LESSON_SELECT} WHERE l.id = ?1"))?
        .query_row([id], lesson_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("lesson #{id}")))
}

/// A course's lessons from `from` to `to`, in order.
pub fn course_lessons(
    conn: &Connection,
    course: CourseId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<LessonRow>> {
    let mut st = conn.prepare_cached(&format!(
        "{LESSON_SELECT} WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3 ORDER BY l.date, l.lesson_no"
    ))?;
    Ok(st
        .query_map(params![course, from, to], lesson_row)?
        .collect::<Result<_, _>>()?)
}

/// A class's lessons on one date, all its groups, by lesson number.
pub fn class_day(conn: &Connection, class: ClassId, date: NaiveDate) -> Result<Vec<LessonRow>> {
    let mut st = conn.prepare_cached(&format!(
        "{LESSON_SELECT} WHERE c.class_id = ?1 AND l.date = ?2 ORDER BY l.lesson_no, g.name"
    ))?;
    Ok(st
        .query_map(params![class, date], lesson_row)?
        .collect::<Result<_, _>>()?)
}

/// A class's lessons from `from` to `to`, all its groups, by date and lesson number.
pub fn class_lessons(
    conn: &Connection,
    class: ClassId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<LessonRow>> {
    let mut st = conn.prepare_cached(&format!(
        "{LESSON_SELECT} WHERE c.class_id = ?1 AND l.date BETWEEN ?2 AND ?3 ORDER BY l.date, l.lesson_no, g.name, l.id"
    ))?;
    Ok(st
        .query_map(params![class, from, to], lesson_row)?
        .collect::<Result<_, _>>()?)
}

/// Whether a lesson holds anything a person entered, so that re-laying must keep it.
fn holds_data(conn: &Connection, lesson: LessonId) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT topic <> '' OR plan_topic_id IS NOT NULL OR homework <> '' OR comment <> ''
                 OR substitute_id IS NOT NULL OR cancelled
                 OR EXISTS(SELECT 1 FROM mark WHERE lesson_id = l.id)
                 OR EXISTS(SELECT 1 FROM attendance WHERE lesson_id = l.id)
                 OR EXISTS(SELECT 1 FROM lesson_work WHERE lesson_id = l.id)
                 OR EXISTS(SELECT 1 FROM attendance_check WHERE lesson_id = l.id)
             FROM lesson l WHERE l.id = ?1",
        )?
        .query_row([lesson], |r| r.get(0))?)
}

/// Whether marks or absences hang on a lesson (it cannot be moved or cancelled then).
fn has_marks_or_absences(conn: &Connection, lesson: LessonId) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM mark WHERE lesson_id = ?1) OR EXISTS(SELECT 1 FROM attendance WHERE lesson_id = ?1)",
        )?
        .query_row([lesson], |r| r.get(0))?)
}

/// What laying out did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutReport {
    pub added: usize,
    /// Empty lessons moved to the lesson number the timetable now gives that day.
    pub moved: usize,
    /// Empty lessons the timetable no longer gives.
    pub removed: usize,
    /// Lessons off the timetable kept because they hold a topic, marks, absences or the like.
    pub kept: Vec<LessonRow>,
}

impl LayoutReport {
    fn merge(&mut self, o: LayoutReport) {
        self.added += o.added;
        self.moved += o.moved;
        self.removed += o.removed;
        self.kept.extend(o.kept);
    }
}

/// The (date, lesson number) slots the timetable gives a course from `from` to `to` on the days
/// its grade may have lessons (Saturday included: a six-day week is the timetable's to say).
pub fn timetable_slots(
    conn: &Connection,
    course: &CourseInfo,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, u8)>> {
    let year = school::years(conn)?
        .into_iter()
        .find(|y| y.id == course.year)
        .ok_or_else(|| Error::NotFound(format!("year #{}", course.year)))?;
    let holidays = school::holidays(conn, course.year)?;
    let entries = timetable::course_entries(conn, course.id)?;
    let (from, to) = (from.max(year.start), to.min(year.end));
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        if lesson_day(&holidays, course.grade, d) {
            let wd = weekday_no(d);
            let mut nos: Vec<u8> = entries
                .iter()
                .filter(|e| e.weekday == wd && e.valid_on(d))
                .map(|e| e.lesson_no)
                .collect();
            nos.sort_unstable();
            nos.dedup();
            out.extend(nos.into_iter().map(|n| (d, n)));
        }
        d = d + Days::new(1);
    }
    Ok(out)
}

/// Lays out one course's lessons from `from` to `to` inside an open transaction.
fn lay_out_course(
    conn: &Connection,
    now: NaiveDateTime,
    staff: StaffId,
    course: &CourseInfo,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<LayoutReport> {
    let slots = timetable_slots(conn, course, from, to)?;
    let existing = course_lessons(conn, course.id, from, to)?;
    let mut report = LayoutReport::default();
    #[derive(Default)]
    struct Day {
        slots: Vec<u8>,
        lessons: Vec<LessonRow>,
        /// Timetable slots the deputy moved a lesson away from.
        vacated: Vec<u8>,
    }
    let mut by_date: HashMap<NaiveDate, Day> = HashMap::new();
    for (d, n) in slots {
        by_date.entry(d).or_default().slots.push(n);
    }
    for (d, n) in moved_away(conn, course.id, from, to)? {
        by_date.entry(d).or_default().vacated.push(n);
    }
    for l in existing {
        by_date.entry(l.date).or_default().lessons.push(l);
    }
    let mut dates: Vec<NaiveDate> = by_date.keys().copied().collect();
    dates.sort();
    for d in dates {
        let Day {
            slots,
            lessons,
            vacated,
        } = by_date.remove(&d).unwrap_or_default();
        // A lesson placed by hand (added, or moved here) stays where it was put; off the
        // timetable it neither takes a slot of the day nor is reported.
        let lessons: Vec<LessonRow> = lessons
            .into_iter()
            .filter(|l| !(l.extra || l.moved_from.is_some()) || slots.contains(&l.lesson_no))
            .collect();
        // Lessons exactly where the timetable wants them stay as they are.
        let mut free_slots: Vec<u8> = slots
            .iter()
            .copied()
            .filter(|n| !lessons.iter().any(|l| l.lesson_no == *n))
            .collect();
        // A lesson moved away from this day still stands for one of its slots: its own if the
        // timetable still gives it, else the first free one.
        for n in vacated {
            match free_slots.iter().position(|f| *f == n) {
                Some(i) => {
                    free_slots.remove(i);
                }
                None if !free_slots.is_empty() && !slots.contains(&n) => {
                    free_slots.remove(0);
                }
                None => {}
            }
        }
        let mut off: Vec<LessonRow> = lessons
            .into_iter()
            .filter(|l| !slots.contains(&l.lesson_no))
            .collect();
        // Lessons with data first: they cover a slot of the day without being moved.
        let mut with_data = Vec::new();
        let mut empty = Vec::new();
        for l in off.drain(..) {
            if holds_data(conn, l.id)? {
                with_data.push(l)
            } else {
                empty.push(l)
            }
        }
        for l in with_data {
            if !free_slots.is_empty() {
                free_slots.remove(0);
            }
            report.kept.push(l);
        }
        for l in empty {
            if let Some(n) = (!free_slots.is_empty()).then(|| free_slots.remove(0)) {
                conn.prepare_cached("UPDATE lesson SET lesson_no = ?2 WHERE id = ?1")?
                    .execute(params![l.id, n])?;
                report.moved += 1;
            } else {
                conn.prepare_cached("DELETE FROM lesson WHERE id = ?1")?
                    .execute([l.id])?;
                report.removed += 1;
            }
        }
        for n in free_slots {
            conn.prepare_cached(
                "INSERT INTO lesson(course_id, date, lesson_no) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![course.id, d, n])?;
            report.added += 1;
        }
    }
    if report.added + report.moved + report.removed > 0 {
        audit::record(
            conn,
            now,
            &Entry {
                staff: Some(staff),
                action: "lay_out",
                entity: "lesson",
                course: Some(course.id),
                new: Some(format!(
                    "{}..{}: +{} ~{} -{} kept {}",
                    from,
                    to,
                    report.added,
                    report.moved,
                    report.removed,
                    report.kept.len()
                )),
                ..Default::default()
            },
        )?;
    }
    Ok(report)
}

/// The timetable slots (date, lesson number) from `from` to `to` that lessons of `course` were
/// moved away from.
fn moved_away(
    conn: &Connection,
    course: CourseId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, u8)>> {
    let mut st = conn.prepare_cached(
        "SELECT moved_from, moved_from_no FROM lesson
         WHERE course_id = ?1 AND moved_from BETWEEN ?2 AND ?3 AND moved_from_no IS NOT NULL",
    )?;
    Ok(st
        .query_map(params![course, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// Lays out the lessons of `courses` (all courses of the year when empty) from `from` to `to`
/// from the timetable: adds missing lessons, moves or removes empty ones the timetable no longer
/// gives, keeps (and reports) any lesson holding data. Deputy director or administrator.
pub(crate) fn lay_out_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    year: YearId,
    courses: &[CourseId],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<LayoutReport> {
    let s = require_planner(tx, session)?;
    if year_closed(tx, year)? {
        return Err(Denied::YearClosed.into());
    }
    let list: Vec<CourseInfo> = school::courses(tx, year)?
        .into_iter()
        .filter(|c| courses.is_empty() || courses.contains(&c.id))
        .collect();
    let mut report = LayoutReport::default();
    for c in &list {
        report.merge(lay_out_course(tx, now, s.staff, c, from, to)?);
    }
    Ok(report)
}

/// What laying out a reporting period covers: its year, the courses of the grades that follow
/// its scheme, its first and last day.
pub fn period_layout(
    conn: &Connection,
    period: PeriodId,
) -> Result<(YearId, Vec<CourseId>, NaiveDate, NaiveDate)> {
    let (year, scheme, start, end): (YearId, Scheme, NaiveDate, NaiveDate) = conn
        .prepare_cached("SELECT year_id, scheme, start_date, end_date FROM period WHERE id = ?1")?
        .query_row([period], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let grades: Vec<u8> = {
        let mut st =
            conn.prepare("SELECT grade FROM grade_scheme WHERE year_id = ?1 AND scheme = ?2")?;
        st.query_map(params![year, scheme], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    let courses: Vec<CourseId> = school::courses(conn, year)?
        .into_iter()
        .filter(|c| grades.contains(&c.grade))
        .map(|c| c.id)
        .collect();
    Ok((year, courses, start, end))
}

/// Lessons already booked at `date` and `lesson_no` that clash with `course` taught by `teacher`
/// (its own teacher, or a substitute): the same teacher (as teacher or substitute), the same
/// room, or the same class (a class and its own group clash; two groups of a class do not).
pub fn lesson_conflicts(
    conn: &Connection,
    course: &CourseInfo,
    teacher: StaffId,
    date: NaiveDate,
    lesson_no: u8,
    except: Option<LessonId>,
) -> Result<Vec<Conflict>> {
    let mut st = conn.prepare_cached(concat!(
        "SELECT l.id, l.course_id, c.class_id, c.group_id, IFNULL(l.substitute_id, c.teacher_id), ",
        lesson_room_sql!(),
        " FROM lesson l JOIN course c ON c.id = l.course_id
         WHERE l.date = ?1 AND l.lesson_no = ?2 AND NOT l.cancelled AND l.id <> ?3"
    ))?;
    type Booked = (
        LessonId,
        CourseId,
        ClassId,
        Option<GroupId>,
        StaffId,
        Option<RoomId>,
    );
    let rows: Vec<Booked> = st
        .query_map(
            params![date, lesson_no, except.map(|l| l.0).unwrap_or(-1)],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?
        .collect::<Result<_, _>>()?;
    let room = room_at(conn, course.id, date, lesson_no)?;
    let mut out = Vec::new();
    for (_, other, class, group, other_teacher, other_room) in rows {
        let Some(kind) = clash(
            course,
            teacher,
            room,
            other_teacher,
            class,
            group,
            other_room,
        ) else {
            continue;
        };
        let wd = weekday_no(date);
        let mut wanted =
            timetable::booking(conn, course.id, room, wd, lesson_no, date, Some(date))?;
        if teacher != course.teacher {
            wanted.teacher = staff_short(conn, teacher)?;
        }
        let mut existing =
            timetable::booking(conn, other, other_room, wd, lesson_no, date, Some(date))?;
        existing.teacher = staff_short(conn, other_teacher)?;
        out.push(Conflict {
            kind,
            wanted,
            existing,
        });
    }
    Ok(out)
}

/// The room a lesson of `course` at `date` and `lesson_no` is in: the own room of the course's
/// timetable entry for that slot, else the course's room.
pub fn room_at(
    conn: &Connection,
    course: CourseId,
    date: NaiveDate,
    lesson_no: u8,
) -> Result<Option<RoomId>> {
    Ok(conn
        .prepare_cached(
            "SELECT IFNULL((SELECT e.room_id FROM timetable_entry e WHERE e.course_id = c.id
                     AND e.lesson_no = ?3 AND e.weekday = ?4 AND e.valid_from <= ?2
                     AND (e.valid_to IS NULL OR e.valid_to >= ?2) AND e.room_id IS NOT NULL LIMIT 1),
                   c.room_id)
             FROM course c WHERE c.id = ?1",
        )?
        .query_row(params![course, date, lesson_no, weekday_no(date)], |r| {
            r.get(0)
        })?)
}

pub(crate) fn staff_short(conn: &Connection, id: StaffId) -> Result<String> {
    let n: PersonName = conn
        .prepare_cached("SELECT surname, name, patronymic FROM staff WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(PersonName {
                surname: r.get(0)?,
                name: r.get(1)?,
                patronymic: r.get(2)?,
            })
        })?;
    Ok(n.short())
}

/// Adds a single lesson outside the timetable (an extra lesson, a lesson made up after a
/// cancellation). It stays where it was put when the timetable is laid out again. Refused,
/// changing nothing, on a day the class has no lessons, at a bell the schedule lacks, or when
/// the teacher, the room or the class is booked then. Deputy director or administrator.
pub(crate) fn add_lesson_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    id: Option<LessonId>,
    course: CourseId,
    date: NaiveDate,
    lesson_no: u8,
) -> Result<Outcome<LessonId>> {
    let s = require_planner(tx, session)?;
    let c = school::course(tx, course)?;
    if let Some(b) = placement_block(tx, &c, date, lesson_no)? {
        return Ok(Outcome::Blocked(b));
    }
    let conflicts = lesson_conflicts(tx, &c, c.teacher, date, lesson_no, None)?;
    if !conflicts.is_empty() {
        return Ok(Outcome::Refused(conflicts));
    }
    if let Some(id) = id {
        let taken: bool = tx
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM lesson WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?;
        if taken {
            return Err(Error::said("said-lesson-id-taken", &[("id", id.0.into())]));
        }
    }
    tx.prepare_cached(
        "INSERT INTO lesson(id, course_id, date, lesson_no, extra) VALUES (?4, ?1, ?2, ?3, 1)",
    )?
    .execute(params![course, date, lesson_no, id])?;
    let id = LessonId(tx.last_insert_rowid());
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(s.staff),
            action: "add",
            entity: "lesson",
            entity_id: Some(id.0),
            lesson: Some(id),
            course: Some(course),
            new: Some(format!("{date} #{lesson_no}")),
            ..Default::default()
        },
    )?;
    Ok(Outcome::Done(id))
}

/// Removes a lesson added outside the timetable (an extra lesson put by mistake; undoing
/// «Добавить урок»). Only an extra lesson, and only while nothing was entered for it: no marks,
/// no absences, no topic or homework, attendance not taken. Deputy director or administrator.
pub(crate) fn remove_extra_lesson_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    lesson: LessonId,
) -> Result<Outcome<()>> {
    let s = require_planner(tx, session)?;
    let old = self::lesson(tx, lesson)?;
    let c = school::course(tx, old.course)?;
    if year_closed(tx, c.year)? {
        return Err(Denied::YearClosed.into());
    }
    if !old.extra {
        return Err(Error::said("said-lesson-not-extra", &[]));
    }
    let checked: bool = tx
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM attendance_check WHERE lesson_id = ?1)")?
        .query_row([lesson], |r| r.get(0))?;
    if has_marks_or_absences(tx, lesson)?
        || checked
        || !old.topic.trim().is_empty()
        || !old.homework.trim().is_empty()
    {
        return Ok(Outcome::Blocked(Block::TookPlace));
    }
    tx.prepare_cached("DELETE FROM lesson_work WHERE lesson_id = ?1")?
        .execute([lesson])?;
    tx.prepare_cached("DELETE FROM lesson WHERE id = ?1")?
        .execute([lesson])?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(s.staff),
            action: "remove",
            entity: "lesson",
            entity_id: Some(lesson.0),
            lesson: Some(lesson),
            course: Some(old.course),
            old: Some(format!("{} #{}", old.date, old.lesson_no)),
            ..Default::default()
        },
    )?;
    Ok(Outcome::Done(()))
}

/// Why a lesson of `c` cannot stand at `date` and `lesson_no`, if it cannot: the date outside
/// the year, a day without lessons for the class (Sunday, holidays), a bell the schedule lacks.
/// A closed year is refused outright.
fn placement_block(
    conn: &Connection,
    c: &CourseInfo,
    date: NaiveDate,
    lesson_no: u8,
) -> Result<Option<Block>> {
    let (start, end, closed): (NaiveDate, NaiveDate, bool) = conn
        .prepare_cached("SELECT start_date, end_date, closed FROM academic_year WHERE id = ?1")?
        .query_row([c.year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if closed {
        return Err(Denied::YearClosed.into());
    }
    if date < start || date > end {
        return Ok(Some(Block::OutsideYear(date)));
    }
    if let Some(last) = c.end.filter(|last| date > *last) {
        return Ok(Some(Block::CourseEnded(last)));
    }
    if !lesson_day(&school::holidays(conn, c.year)?, c.grade, date) {
        return Ok(Some(Block::NoSchool(date)));
    }
    let bells = school::bells(conn, c.year)?;
    let known = if bells.is_empty() {
        (1..=12).contains(&lesson_no)
    } else {
        bells.iter().any(|b| b.0 == lesson_no)
    };
    if !known {
        return Ok(Some(Block::NoSuchBell(lesson_no)));
    }
    Ok(None)
}

/// Moves a lesson to another date or lesson number; its topic, homework, kinds of work,
/// substitute and comment go with it. A lesson with marks or absences stays put: they were given
/// on its date. The timetable slot it leaves stays empty when the timetable is laid out again, and
/// the lesson stays where it was put. Refused, changing nothing, on a clash or a day or bell the
/// class has no lessons at. Deputy director or administrator.
pub(crate) fn move_lesson_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    lesson: LessonId,
    date: NaiveDate,
    lesson_no: u8,
) -> Result<Outcome<()>> {
    let s = require_planner(tx, session)?;
    let old = self::lesson(tx, lesson)?;
    let c = school::course(tx, old.course)?;
    if (old.date, old.lesson_no) == (date, lesson_no) {
        return Ok(Outcome::Done(()));
    }
    if let Some(b) = placement_block(tx, &c, date, lesson_no)? {
        return Ok(Outcome::Blocked(b));
    }
    if has_marks_or_absences(tx, lesson)? {
        return Ok(Outcome::Blocked(Block::TookPlace));
    }
    let teacher = old.substitute.unwrap_or(old.teacher);
    let conflicts = lesson_conflicts(tx, &c, teacher, date, lesson_no, Some(lesson))?;
    if !conflicts.is_empty() {
        return Ok(Outcome::Refused(conflicts));
    }
    // Where the lesson stood in the timetable: kept through later moves, forgotten when it
    // comes back there. An extra lesson never stood in the timetable.
    let origin = if old.extra {
        None
    } else {
        Some(old.moved_from.unwrap_or((old.date, old.lesson_no)))
    }
    .filter(|o| *o != (date, lesson_no));
    tx.prepare_cached("UPDATE lesson SET date = ?2, lesson_no = ?3, moved_from = ?4, moved_from_no = ?5 WHERE id = ?1")?.execute(params![
            lesson,
            date,
            lesson_no,
            origin.map(|o| o.0),
            origin.map(|o| o.1)
        ],
    )?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(s.staff),
            action: "move",
            entity: "lesson",
            entity_id: Some(lesson.0),
            lesson: Some(lesson),
            course: Some(old.course),
            old: Some(format!("{} #{}", old.date, old.lesson_no)),
            new: Some(format!("{date} #{lesson_no}")),
            ..Default::default()
        },
    )?;
    Ok(Outcome::Done(()))
}

/// Cancels a lesson (or takes the cancellation back). A lesson with marks or absences took place
/// and cannot be cancelled; a lesson cannot come back while its time is booked by another.
/// Deputy director or administrator.
pub(crate) fn set_cancelled_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    lesson: LessonId,
    cancelled: bool,
    reason: &str,
) -> Result<Outcome<()>> {
    let s = require_planner(tx, session)?;
    let old = self::lesson(tx, lesson)?;
    let c = school::course(tx, old.course)?;
    if year_closed(tx, c.year)? {
        return Err(Denied::YearClosed.into());
    }
    if old.cancelled == cancelled {
        return Ok(Outcome::Done(()));
    }
    if cancelled && has_marks_or_absences(tx, lesson)? {
        return Ok(Outcome::Blocked(Block::TookPlace));
    }
    if !cancelled {
        let teacher = old.substitute.unwrap_or(old.teacher);
        let conflicts = lesson_conflicts(tx, &c, teacher, old.date, old.lesson_no, Some(lesson))?;
        if !conflicts.is_empty() {
            return Ok(Outcome::Refused(conflicts));
        }
    }
    tx.prepare_cached("UPDATE lesson SET cancelled = ?2 WHERE id = ?1")?
        .execute(params![lesson, cancelled])?;
    let reason = reason.trim();
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(s.staff),
            action: if cancelled { "cancel" } else { "restore" },
            entity: "lesson",
            entity_id: Some(lesson.0),
            lesson: Some(lesson),
            course: Some(old.course),
            old: Some(old.cancelled.to_string()),
            new: Some(cancelled.to_string()),
            reason: (!reason.is_empty()).then_some(reason),
            ..Default::default()
        },
    )?;
    Ok(Outcome::Done(()))
}

/// When a lesson begins, by the year's bells (midnight of its date if the bell is unknown).
pub fn lesson_start(
    conn: &Connection,
    year: YearId,
    date: NaiveDate,
    lesson_no: u8,
) -> Result<NaiveDateTime> {
    let bells = school::bells(conn, year)?;
    let time = bells
        .iter()
        .find(|b| b.0 == lesson_no)
        .map(|b| b.1)
        .unwrap_or_default();
    Ok(date.and_time(time))
}

/// Assigns `substitute` to take a lesson instead of the course's teacher, or takes the
/// substitution back with `None`. The deputy director or the administrator does this before the
/// lesson begins; the substitute must be a teacher free at that time.
pub(crate) fn assign_substitute_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    lesson: LessonId,
    substitute: Option<StaffId>,
) -> Result<Outcome<()>> {
    let s = require_planner(tx, session)?;
    let old = self::lesson(tx, lesson)?;
    let c = school::course(tx, old.course)?;
    if year_closed(tx, c.year)? {
        return Err(Denied::YearClosed.into());
    }
    if old.cancelled {
        return Err(Denied::LessonCancelled.into());
    }
    if lesson_start(tx, c.year, old.date, old.lesson_no)? <= now {
        return Err(Error::said("said-substitute-too-late", &[]));
    }
    let substitute = substitute.filter(|t| *t != old.teacher);
    if let Some(t) = substitute {
        let roles = auth::roles_of(tx, t)?;
        if !roles
            .iter()
            .any(|r| matches!(r, Role::Teacher | Role::ClassTeacher))
        {
            return Err(Error::said("said-substitute-not-teacher", &[]));
        }
        let conflicts: Vec<Conflict> =
            lesson_conflicts(tx, &c, t, old.date, old.lesson_no, Some(lesson))?
                .into_iter()
                .filter(|k| k.kind == ConflictKind::Teacher)
                .collect();
        if !conflicts.is_empty() {
            return Ok(Outcome::Refused(conflicts));
        }
    }
    if substitute == old.substitute {
        return Ok(Outcome::Done(()));
    }
    tx.prepare_cached("UPDATE lesson SET substitute_id = ?2 WHERE id = ?1")?
        .execute(params![lesson, substitute])?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(s.staff),
            action: if substitute.is_some() {
                "substitute"
            } else {
                "unsubstitute"
            },
            entity: "lesson",
            entity_id: Some(lesson.0),
            lesson: Some(lesson),
            course: Some(old.course),
            old: old.substitute.map(|x| x.to_string()),
            new: substitute.map(|x| x.to_string()),
            ..Default::default()
        },
    )?;
    Ok(Outcome::Done(()))
}

/// Lessons cancelled or taken by a substitute from `from` to `to`, by date and lesson number.
pub fn changes(
    conn: &Connection,
    year: YearId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<LessonRow>> {
    let mut st = conn.prepare_cached(&format!(
        "{LESSON_SELECT} WHERE c.year_id = ?1 AND l.date BETWEEN ?2 AND ?3 AND (l.cancelled OR l.substitute_id IS NOT NULL)
         ORDER BY l.date, l.lesson_no, cl.grade, cl.letter"
    ))?;
    Ok(st
        .query_map(params![year, from, to], lesson_row)?
        .collect::<Result<_, _>>()?)
}

/// Teachers who could take a lesson at `date` and `lesson_no`: every active teacher but the
/// course's own who has no lesson (own or substituted) at that time.
pub fn free_teachers(conn: &Connection, lesson: LessonId) -> Result<Vec<(StaffId, PersonName)>> {
    let l = self::lesson(conn, lesson)?;
    let mut st = conn.prepare_cached(
        "SELECT s.id, s.surname, s.name, s.patronymic FROM staff s
         WHERE s.active AND s.id <> ?1
           AND EXISTS(SELECT 1 FROM staff_role r WHERE r.staff_id = s.id AND r.role IN ('teacher', 'class_teacher'))
           AND NOT EXISTS(SELECT 1 FROM lesson x JOIN course c ON c.id = x.course_id
                 WHERE x.date = ?2 AND x.lesson_no = ?3 AND NOT x.cancelled AND x.id <> ?4
                   AND IFNULL(x.substitute_id, c.teacher_id) = s.id)",
    )?;
    let mut out: Vec<(StaffId, PersonName)> = st
        .query_map(params![l.teacher, l.date, l.lesson_no, lesson], |r| {
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
    out.sort_by_cached_key(|(_, n)| (collate_key(&n.surname), collate_key(&n.name)));
    Ok(out)
}

/// Where a lesson could be moved on `date`: each bell of the year with the bookings that would
/// clash there (teacher, class or group, room), empty where the bell is free. What `move_lesson`
/// would refuse, shown before the deputy picks a bell.
pub fn bells_for_move(
    conn: &Connection,
    lesson: LessonId,
    date: NaiveDate,
) -> Result<Vec<(u8, Vec<Conflict>)>> {
    let l = self::lesson(conn, lesson)?;
    let c = school::course(conn, l.course)?;
    let teacher = l.substitute.unwrap_or(l.teacher);
    let mut numbers: Vec<u8> = school::bells(conn, c.year)?.iter().map(|b| b.0).collect();
    if numbers.is_empty() {
        numbers = (1..=8).collect();
    }
    numbers
        .into_iter()
        .map(|n| {
            Ok((
                n,
                lesson_conflicts(conn, &c, teacher, date, n, Some(lesson))?,
            ))
        })
        .collect()
}

/// A plan topic as the lesson form offers it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicChoice {
    pub id: PlanTopicId,
    pub position: u32,
    pub title: String,
    pub hours: f64,
    /// Lessons that took it so far.
    pub used: u32,
}

impl TopicChoice {
    /// The lessons a topic takes: its hours, at least one.
    pub fn lessons(&self) -> u32 {
        (self.hours.round() as u32).max(1)
    }
}

/// What the lesson form may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormRights {
    /// Topic, kinds of work, comment (and homework).
    pub lesson: bool,
    /// Homework alone: a future lesson's homework is set ahead.
    pub homework: bool,
}

/// The lesson form.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonForm {
    pub lesson: LessonRow,
    pub grade: u8,
    pub topic: String,
    pub plan_topic: Option<PlanTopicId>,
    pub homework: String,
    pub comment: String,
    pub work: Vec<WorkTypeId>,
    /// All work types: (id, name, short name).
    pub work_types: Vec<(WorkTypeId, String, String)>,
    /// The next unused plan topic, offered when the lesson has none.
    pub suggested: Option<TopicChoice>,
    pub plan: Vec<TopicChoice>,
    pub rights: FormRights,
    /// Why the lesson cannot be changed, if it cannot.
    pub denied: Option<Denied>,
    pub attendance_taken: bool,
}

/// Who may change the lesson form and how far: the course's teacher or the lesson's substitute,
/// or the administrator; the edit window and a closed period lock past lessons as they lock
/// marks; a future lesson takes only its homework.
pub fn form_rights(
    conn: &Connection,
    session: &Session,
    lesson: LessonId,
    today: NaiveDate,
    reason: Option<&str>,
) -> Result<(FormRights, Option<Denied>)> {
    let s = auth::refresh(conn, session)?;
    let ctx = access::lesson_ctx(conn, lesson)?;
    let closed = access::period_closed_on(conn, ctx.course, ctx.date)?;
    let window = settings::edit_window(conn)?;
    // For a future lesson the time rules do not apply yet (nothing is locked before its date);
    // who may touch it is the same.
    let as_of = today.max(ctx.date);
    match access::decide(&s, &ctx, closed, window, as_of, LessonChange::Marks, reason) {
        Ok(()) if ctx.date > today => Ok((
            FormRights {
                lesson: false,
                homework: true,
            },
            Some(Denied::FutureLesson),
        )),
        Ok(()) => Ok((
            FormRights {
                lesson: true,
                homework: true,
            },
            None,
        )),
        Err(d) => Ok((
            FormRights {
                lesson: false,
                homework: false,
            },
            Some(d),
        )),
    }
}

/// The plan topics of a course with how many lessons took each.
pub fn topic_choices(conn: &Connection, course: CourseId) -> Result<Vec<TopicChoice>> {
    let mut st = conn.prepare_cached(
        "SELECT p.id, p.position, p.title, p.hours, (SELECT count(*) FROM lesson l WHERE l.plan_topic_id = p.id)
         FROM plan_topic p WHERE p.course_id = ?1 ORDER BY p.position",
    )?;
    Ok(st
        .query_map([course], |r| {
            Ok(TopicChoice {
                id: r.get(0)?,
                position: r.get(1)?,
                title: r.get(2)?,
                hours: r.get(3)?,
                used: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// The topic the next lesson without one takes: the first plan topic (in order) that has had
/// fewer lessons than its hours.
pub fn next_topic(plan: &[TopicChoice]) -> Option<TopicChoice> {
    plan.iter().find(|t| t.used < t.lessons()).cloned()
}

pub fn lesson_form(
    conn: &Connection,
    session: &Session,
    lesson: LessonId,
    today: NaiveDate,
) -> Result<LessonForm> {
    let row = self::lesson(conn, lesson)?;
    let course = school::course(conn, row.course)?;
    if !access::can_view_course(conn, session, &course)? {
        return Err(Denied::NotYourCourse.into());
    }
    let (rights, denied) = form_rights(conn, session, lesson, today, None)?;
    let (topic, plan_topic, homework, comment): (String, Option<PlanTopicId>, String, String) =
        conn.prepare_cached(
            "SELECT topic, plan_topic_id, homework, comment FROM lesson WHERE id = ?1",
        )?
        .query_row([lesson], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let work: Vec<WorkTypeId> = conn
        .prepare_cached(
            "SELECT work_type_id FROM lesson_work WHERE lesson_id = ?1 ORDER BY position",
        )?
        .query_map([lesson], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let work_types = crate::journal::work_types(conn)?
        .into_iter()
        .map(|(id, n, s, _)| (id, n, s))
        .collect();
    let plan = topic_choices(conn, row.course)?;
    let suggested = if topic.is_empty() && plan_topic.is_none() && !row.cancelled {
        next_topic(&plan)
    } else {
        None
    };
    Ok(LessonForm {
        grade: course.grade,
        topic,
        plan_topic,
        homework,
        comment,
        work,
        work_types,
        suggested,
        plan,
        rights,
        denied,
        attendance_taken: attendance_taken(conn, lesson)?,
        lesson: row,
    })
}

/// What the lesson form saves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LessonEdit {
    pub topic: String,
    /// The plan topic the lesson took, if the topic comes from the plan.
    pub plan_topic: Option<PlanTopicId>,
    pub homework: String,
    pub comment: String,
    /// Kinds of work, the default for new marks first.
    pub work: Vec<WorkTypeId>,
}

/// Saves the lesson form: only what changed is written, each change with its audit row, all in
/// one transaction.
/// A lesson's topic, plan topic, homework, comment and kinds of work as stored.
pub(crate) fn lesson_edit_row(tx: &Connection, lesson: LessonId) -> Result<LessonEdit> {
    let (topic, plan_topic, homework, comment) = tx
        .prepare_cached("SELECT topic, plan_topic_id, homework, comment FROM lesson WHERE id = ?1")?
        .query_row([lesson], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("lesson #{lesson}")))?;
    let work: Vec<WorkTypeId> = tx
        .prepare_cached(
            "SELECT work_type_id FROM lesson_work WHERE lesson_id = ?1 ORDER BY position",
        )?
        .query_map([lesson], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(LessonEdit {
        topic,
        plan_topic,
        homework,
        comment,
        work,
    })
}

pub fn save_lesson(
    db: &mut Db,
    session: &Session,
    lesson: LessonId,
    edit: &LessonEdit,
    reason: Option<&str>,
) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    save_lesson_in(&tx, now, session, lesson, edit, reason)?;
    tx.commit()?;
    Ok(())
}

/// [`save_lesson`] inside a transaction the caller opened (and commits), at the moment `now`.
pub(crate) fn save_lesson_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    lesson: LessonId,
    edit: &LessonEdit,
    reason: Option<&str>,
) -> Result<()> {
    let (rights, denied) = form_rights(tx, session, lesson, now.date(), reason)?;
    let course: CourseId = tx
        .prepare_cached("SELECT course_id FROM lesson WHERE id = ?1")?
        .query_row([lesson], |r| r.get(0))?;
    let LessonEdit {
        topic,
        plan_topic,
        homework,
        comment,
        work,
    } = lesson_edit_row(tx, lesson)?;
    let new_topic = edit.topic.trim().to_string();
    let new_homework = edit.homework.trim().to_string();
    let new_comment = edit.comment.trim().to_string();
    if let Some(p) = edit.plan_topic {
        let owner: Option<CourseId> = tx
            .prepare_cached("SELECT course_id FROM plan_topic WHERE id = ?1")?
            .query_row([p], |r| r.get(0))
            .optional()?;
        if owner != Some(course) {
            return Err(Error::said("said-topic-other-course", &[]));
        }
    }
    let lesson_changed = new_topic != topic
        || edit.plan_topic != plan_topic
        || new_comment != comment
        || edit.work != work;
    let homework_changed = new_homework != homework;
    if (lesson_changed && !rights.lesson) || (homework_changed && !rights.homework) {
        return Err(denied.unwrap_or(Denied::Role).into());
    }
    let who = auth::refresh(tx, session)?.staff;
    let rec = |field: &'static str, old: String, new: String| {
        audit::record(
            tx,
            now,
            &Entry {
                staff: Some(who),
                action: "change",
                entity: field,
                entity_id: Some(lesson.0),
                lesson: Some(lesson),
                course: Some(course),
                old: Some(old),
                new: Some(new),
                reason,
                ..Default::default()
            },
        )
    };
    if new_topic != topic || edit.plan_topic != plan_topic {
        rec("lesson_topic", topic, new_topic.clone())?;
    }
    if homework_changed {
        rec("lesson_homework", homework, new_homework.clone())?;
    }
    if new_comment != comment {
        rec("lesson_comment", comment, new_comment.clone())?;
    }
    if edit.work != work {
        let ids = |w: &[WorkTypeId]| {
            w.iter()
                .map(|x| x.0.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        rec("lesson_work", ids(&work), ids(&edit.work))?;
    }
    tx.prepare_cached("UPDATE lesson SET topic = ?2, plan_topic_id = ?3, homework = ?4, comment = ?5 WHERE id = ?1")?.execute(params![lesson, new_topic, edit.plan_topic, new_homework, new_comment],
    )?;
    if edit.work != work {
        tx.prepare_cached("DELETE FROM lesson_work WHERE lesson_id = ?1")?
            .execute([lesson])?;
        let mut seen = Vec::new();
        for w in &edit.work {
            if !seen.contains(w) {
                tx.prepare_cached("INSERT INTO lesson_work(lesson_id, work_type_id, position) VALUES (?1, ?2, ?3)")?.execute(params![lesson, w, seen.len() as i64],
                )?;
                seen.push(*w);
            }
        }
    }
    Ok(())
}

/// Was attendance taken at the lesson: an absence recorded, or "everyone present" confirmed?
pub fn attendance_taken(conn: &Connection, lesson: LessonId) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM attendance WHERE lesson_id = ?1) OR EXISTS(SELECT 1 FROM attendance_check WHERE lesson_id = ?1)",
        )?
        .query_row([lesson], |r| r.get(0))?)
}

/// Confirms that attendance was taken at a lesson where nobody was absent. The same people may
/// do it as may record absences, under the same locks.
pub fn confirm_attendance(db: &mut Db, session: &Session, lesson: LessonId) -> Result<()> {
    let now = db.clock.now();
    let tx = db.immediate()?;
    confirm_attendance_in(&tx, now, session, lesson)?;
    tx.commit()?;
    Ok(())
}

/// [`confirm_attendance`] inside a transaction the caller opened (and commits), at the moment `now`.
pub(crate) fn confirm_attendance_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    lesson: LessonId,
) -> Result<()> {
    let ctx = access::check_lesson_change(
        tx,
        session,
        lesson,
        None,
        LessonChange::Attendance,
        now.date(),
        None,
    )?;
    let done: bool = tx
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM attendance_check WHERE lesson_id = ?1)")?
        .query_row([lesson], |r| r.get(0))?;
    if done {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO attendance_check(lesson_id, checked_by, checked_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![lesson, session.staff, ts(now)])?;
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(session.staff),
            action: "check",
            entity: "attendance",
            lesson: Some(lesson),
            course: Some(ctx.course),
            new: Some("present".into()),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// Planned against held lessons of a course as of `today`, and the lag (отставание).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Hours in the thematic plan.
    pub plan_hours: f64,
    /// Lessons the timetable gives over the whole year (not cancelled).
    pub year_lessons: u32,
    /// Lessons that should have taken place by today: every lesson dated up to today, cancelled
    /// ones too (the plan counted on them).
    pub planned: u32,
    /// Lessons held by today (not cancelled).
    pub held: u32,
    /// Plan hours covered: lessons that took a plan topic.
    pub covered: u32,
    /// Plan hours behind: planned (capped at the plan) minus covered.
    pub lag: u32,
}

pub fn progress(conn: &Connection, course: CourseId, today: NaiveDate) -> Result<Progress> {
    let plan_hours: f64 = conn
        .prepare_cached("SELECT IFNULL(sum(hours), 0) FROM plan_topic WHERE course_id = ?1")?
        .query_row([course], |r| r.get(0))?;
    let (year_lessons, planned, held, covered): (u32, u32, u32, u32) = conn.prepare_cached("SELECT IFNULL(sum(NOT cancelled), 0), IFNULL(sum(date <= ?2), 0), IFNULL(sum(date <= ?2 AND NOT cancelled), 0),
                IFNULL(sum(date <= ?2 AND plan_topic_id IS NOT NULL), 0)
         FROM lesson WHERE course_id = ?1")?.query_row(params![course, today],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let cap = plan_hours.round() as u32;
    let lag = planned.min(cap).saturating_sub(covered);
    Ok(Progress {
        plan_hours,
        year_lessons,
        planned,
        held,
        covered,
        lag,
    })
}

/// The courses a staff member fills (their own), with the lessons they substitute counted in
/// through [`today`]; the administrator and the deputy see every course.
pub fn my_courses(conn: &Connection, session: &Session, year: YearId) -> Result<Vec<CourseInfo>> {
    let s = auth::refresh(conn, session)?;
    let all = school::courses(conn, year)?;
    if s.has(Role::Admin) || s.has(Role::Deputy) {
        return Ok(all);
    }
    Ok(all.into_iter().filter(|c| c.teacher == s.staff).collect())
}
