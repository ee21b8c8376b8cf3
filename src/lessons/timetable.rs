//! The timetable (расписание уроков): per course, weekday and lesson number, with the dates an
//! entry is valid. The timetable changes during the year: a change from a date closes the old
//! entries on the day before and adds the new ones, so the past keeps the timetable it had.
//! Entries that would book a teacher, a room or a class twice at the same time are refused,
//! naming both bookings. Who may change it: the deputy director and the administrator.

use chrono::{Days, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::{
    Booking, Conflict, ConflictKind, EntryId, LAST_WEEKDAY, LayoutReport, Outcome, lay_out_course,
    require_planner, year_closed,
};
use crate::audit::{self, Entry as AuditEntry};
use crate::auth::Session;
use crate::error::{Error, Result};
use crate::model::*;
use crate::school::{self, CourseInfo};

/// A timetable entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: EntryId,
    pub course: CourseId,
    pub weekday: u8,
    pub lesson_no: u8,
    /// A room of its own, else the course's room.
    pub room: Option<RoomId>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Entry {
    pub fn valid_on(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }
}

/// A weekly slot wanted for a course.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Slot {
    pub weekday: u8,
    pub lesson_no: u8,
    pub room: Option<RoomId>,
}

pub fn course_entries(conn: &Connection, course: CourseId) -> Result<Vec<Entry>> {
    let mut st = conn.prepare_cached(
        "SELECT id, course_id, weekday, lesson_no, room_id, valid_from, valid_to FROM timetable_entry
         WHERE course_id = ?1 ORDER BY valid_from, weekday, lesson_no",
    )?;
    Ok(st
        .query_map([course], |r| {
            Ok(Entry {
                id: r.get(0)?,
                course: r.get(1)?,
                weekday: r.get(2)?,
                lesson_no: r.get(3)?,
                room: r.get(4)?,
                from: r.get(5)?,
                to: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// The course's weekly slots valid on `date`.
pub fn slots_on(conn: &Connection, course: CourseId, date: NaiveDate) -> Result<Vec<Slot>> {
    let mut out: Vec<Slot> = course_entries(conn, course)?
        .into_iter()
        .filter(|e| e.valid_on(date))
        .map(|e| Slot {
            weekday: e.weekday,
            lesson_no: e.lesson_no,
            room: e.room,
        })
        .collect();
    out.sort();
    Ok(out)
}

/// Names a course's booking for a message.
pub fn booking(
    conn: &Connection,
    course: CourseId,
    room: Option<RoomId>,
    weekday: u8,
    lesson_no: u8,
    from: NaiveDate,
    to: Option<NaiveDate>,
) -> Result<Booking> {
    let c = school::course(conn, course)?;
    let room_name: Option<String> = conn.prepare_cached("SELECT r.name FROM course c LEFT JOIN room r ON r.id = IFNULL(?2, c.room_id) WHERE c.id = ?1")?.query_row(params![course, room],
        |r| r.get(0),
    )?;
    Ok(Booking {
        course,
        title: c.title(),
        teacher: c.teacher_name.short(),
        room: room_name,
        weekday,
        lesson_no,
        from,
        to,
    })
}

/// One cell of the weekly grid.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub course: CourseId,
    pub subject: String,
    pub group: Option<String>,
    pub teacher: String,
    /// The room's name: the entry's own room, else the course's.
    pub room: Option<String>,
    /// The entry's own room, if it has one (else the lesson is in the course's room).
    pub own_room: Option<RoomId>,
}

/// A class's week as the timetable stands on `date`: (weekday, lesson number) → what is taught.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub class: ClassId,
    pub date: NaiveDate,
    pub cells: Vec<(u8, u8, GridCell)>,
}

impl Week {
    pub fn at(&self, weekday: u8, lesson_no: u8) -> impl Iterator<Item = &GridCell> {
        self.cells
            .iter()
            .filter(move |c| c.0 == weekday && c.1 == lesson_no)
            .map(|c| &c.2)
    }
}

pub fn week(conn: &Connection, class: ClassId, date: NaiveDate) -> Result<Week> {
    let mut st = conn.prepare_cached(
        "SELECT e.weekday, e.lesson_no, c.id, s.name, g.name, t.surname, t.name, t.patronymic, r.name, e.room_id
         FROM timetable_entry e JOIN course c ON c.id = e.course_id JOIN subject s ON s.id = c.subject_id
         JOIN staff t ON t.id = c.teacher_id LEFT JOIN study_group g ON g.id = c.group_id
         LEFT JOIN room r ON r.id = IFNULL(e.room_id, c.room_id)
         WHERE c.class_id = ?1 AND e.valid_from <= ?2 AND (e.valid_to IS NULL OR e.valid_to >= ?2)
         ORDER BY e.weekday, e.lesson_no, g.name",
    )?;
    let cells = st
        .query_map(params![class, date], |r| {
            let teacher = PersonName {
                surname: r.get(5)?,
                name: r.get(6)?,
                patronymic: r.get(7)?,
            };
            Ok((
                r.get(0)?,
                r.get(1)?,
                GridCell {
                    course: r.get(2)?,
                    subject: r.get(3)?,
                    group: r.get(4)?,
                    teacher: teacher.short(),
                    room: r.get(8)?,
                    own_room: r.get(9)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(Week { class, date, cells })
}

/// What else is booked at one weekday and lesson number from a date on (`timetable_slot`).
pub(crate) const BOOKED_SQL: &str = "SELECT e.course_id, e.room_id, IFNULL(e.room_id, c.room_id), e.valid_from, e.valid_to, c.teacher_id, c.class_id, c.group_id
     FROM timetable_entry e JOIN course c ON c.id = e.course_id
     WHERE c.year_id = ?1 AND e.course_id <> ?2 AND e.weekday = ?3 AND e.lesson_no = ?4
       AND (e.valid_to IS NULL OR e.valid_to >= ?5)";

/// The lessons placed by hand (extra or moved) at one weekday and lesson number from a date on
/// (`lesson_placed`; its condition is written here as the index has it).
pub(crate) const PLACED_SQL: &str = concat!(
    "SELECT l.course_id, ",
    lesson_room_sql!(),
    ", l.date, IFNULL(l.substitute_id, c.teacher_id), c.class_id, c.group_id
     FROM lesson l JOIN course c ON c.id = l.course_id
     WHERE c.year_id = ?1 AND l.course_id <> ?2 AND l.lesson_no = ?4
       AND (CAST(strftime('%w', l.date) AS INTEGER) + 6) % 7 + 1 = ?3 AND l.date >= ?5
       AND NOT l.cancelled AND (l.extra OR l.moved_from IS NOT NULL)
     ORDER BY l.date"
);

/// Entries of other courses that clash with `slots` of `course` from `from` on, and lessons the
/// deputy placed by hand at those times from `from` on.
pub fn conflicts(
    conn: &Connection,
    course: &CourseInfo,
    slots: &[Slot],
    from: NaiveDate,
) -> Result<Vec<Conflict>> {
    let course_room: Option<RoomId> = conn
        .prepare_cached("SELECT room_id FROM course WHERE id = ?1")?
        .query_row([course.id], |r| r.get(0))?;
    let mut st = conn.prepare_cached(BOOKED_SQL)?;
    let mut by_hand = conn.prepare_cached(PLACED_SQL)?;
    let mut out = Vec::new();
    for (i, s) in slots.iter().enumerate() {
        let wanted = || booking(conn, course.id, s.room, s.weekday, s.lesson_no, from, None);
        // The same course twice at one time is the class booked twice.
        if slots[..i]
            .iter()
            .any(|o| o.weekday == s.weekday && o.lesson_no == s.lesson_no)
        {
            out.push(Conflict {
                kind: ConflictKind::Class,
                wanted: wanted()?,
                existing: wanted()?,
            });
            continue;
        }
        let room = s.room.or(course_room);
        type Row = (
            CourseId,
            Option<RoomId>,
            Option<RoomId>,
            NaiveDate,
            Option<NaiveDate>,
            StaffId,
            ClassId,
            Option<GroupId>,
        );
        let rows: Vec<Row> = st
            .query_map(
                params![course.year, course.id, s.weekday, s.lesson_no, from],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                    ))
                },
            )?
            .collect::<Result<_, _>>()?;
        for (other, own_room, other_room, ofrom, oto, teacher, class, group) in rows {
            let Some(kind) = super::clash(
                course,
                course.teacher,
                room,
                teacher,
                class,
                group,
                other_room,
            ) else {
                continue;
            };
            out.push(Conflict {
                kind,
                wanted: wanted()?,
                existing: booking(conn, other, own_room, s.weekday, s.lesson_no, ofrom, oto)?,
            });
        }
        // Lessons the deputy placed by hand (extra or moved) at that time from the date on.
        type Placed = (
            CourseId,
            Option<RoomId>,
            NaiveDate,
            StaffId,
            ClassId,
            Option<GroupId>,
        );
        let placed: Vec<Placed> = by_hand
            .query_map(
                params![course.year, course.id, s.weekday, s.lesson_no, from],
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
        for (other, other_room, date, teacher, class, group) in placed {
            let Some(kind) = super::clash(
                course,
                course.teacher,
                room,
                teacher,
                class,
                group,
                other_room,
            ) else {
                continue;
            };
            let mut existing = booking(
                conn,
                other,
                other_room,
                s.weekday,
                s.lesson_no,
                date,
                Some(date),
            )?;
            existing.teacher = super::staff_short(conn, teacher)?;
            out.push(Conflict {
                kind,
                wanted: wanted()?,
                existing,
            });
        }
    }
    Ok(out)
}

/// What a timetable change did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changed {
    pub closed: usize,
    pub added: usize,
    /// The course's lessons from the date on, laid out again.
    pub lessons: LayoutReport,
}

/// Changes a course's weekly slots from `from` on: entries running on that date end the day
/// before, entries that would start later are dropped, the new `slots` start on `from`, and the
/// course's lessons from `from` to the year's end follow (kept lessons reported). Refused with
/// the clashing bookings named if a teacher, room or class would be booked twice.
pub(crate) fn change_from_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    course: CourseId,
    from: NaiveDate,
    slots: &[Slot],
) -> Result<Outcome<Changed>> {
    let s = require_planner(tx, session)?;
    let c = school::course(tx, course)?;
    if year_closed(tx, c.year)? {
        return Err(crate::error::Denied::YearClosed.into());
    }
    if let Some(end) = c.end {
        return Err(Error::said(
            "said-course-ended",
            &[("course", c.title().into()), ("date", end.into())],
        ));
    }
    let year_end: NaiveDate = tx
        .prepare_cached("SELECT end_date FROM academic_year WHERE id = ?1")?
        .query_row([c.year], |r| r.get(0))?;
    let year_start: NaiveDate = tx
        .prepare_cached("SELECT start_date FROM academic_year WHERE id = ?1")?
        .query_row([c.year], |r| r.get(0))?;
    if from < year_start || from > year_end {
        return Err(Error::said(
            "said-date-outside-year",
            &[("date", from.into())],
        ));
    }
    if let Some(bad) = slots
        .iter()
        .find(|s| !(1..=LAST_WEEKDAY).contains(&s.weekday) || !(1..=12).contains(&s.lesson_no))
    {
        return Err(Error::said(
            "said-no-such-slot",
            &[
                ("weekday", bad.weekday.into()),
                ("lesson", bad.lesson_no.into()),
            ],
        ));
    }
    let found = conflicts(tx, &c, slots, from)?;
    if !found.is_empty() {
        return Ok(Outcome::Refused(found));
    }
    let before = slots_on(tx, course, from)?;
    let day_before = from.checked_sub_days(Days::new(1)).unwrap_or(from);
    let closed = tx.prepare_cached("UPDATE timetable_entry SET valid_to = ?2 WHERE course_id = ?1 AND valid_from < ?3 AND (valid_to IS NULL OR valid_to >= ?3)")?.execute(params![course, day_before, from],
    )?;
    let dropped = tx
        .prepare_cached("DELETE FROM timetable_entry WHERE course_id = ?1 AND valid_from >= ?2")?
        .execute(params![course, from])?;
    for sl in slots {
        tx.prepare_cached("INSERT INTO timetable_entry(course_id, weekday, lesson_no, room_id, valid_from) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![course, sl.weekday, sl.lesson_no, sl.room, from],
        )?;
    }
    let show = |v: &[Slot]| {
        v.iter()
            .map(|s| format!("{}/{}", s.weekday, s.lesson_no))
            .collect::<Vec<_>>()
            .join(" ")
    };
    audit::record(
        tx,
        now,
        &AuditEntry {
            staff: Some(s.staff),
            action: "change_from",
            entity: "timetable",
            course: Some(course),
            old: Some(show(&before)),
            new: Some(format!("{from}: {}", show(slots))),
            ..Default::default()
        },
    )?;
    let lessons = lay_out_course(tx, now, s.staff, &c, from, year_end)?;
    Ok(Outcome::Done(Changed {
        closed: closed + dropped,
        added: slots.len(),
        lessons,
    }))
}

/// Rooms by name, for choosing one.
pub fn rooms(conn: &Connection) -> Result<Vec<(RoomId, String)>> {
    let mut st = conn.prepare_cached("SELECT id, name FROM room ORDER BY name")?;
    Ok(st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// The name of a course's own room, if it has one: where its lessons are unless a timetable
/// entry names another.
pub fn course_room(conn: &Connection, course: CourseId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.name FROM course c JOIN room r ON r.id = c.room_id WHERE c.id = ?1",
        )?
        .query_row([course], |r| r.get(0))
        .optional()?)
}

/// Does the school teach on Saturdays as its timetable stands on `date` (a six-day week)?
pub fn uses_saturday(conn: &Connection, year: YearId, date: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM timetable_entry e JOIN course c ON c.id = e.course_id
               WHERE c.year_id = ?1 AND e.weekday = 6 AND e.valid_from <= ?2
                 AND (e.valid_to IS NULL OR e.valid_to >= ?2))",
        )?
        .query_row(params![year, date], |r| r.get(0))?)
}
