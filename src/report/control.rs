//! The journal-keeping control report (seeds 000 §3.5, 003 §2.13) for a week, a month or any
//! dates: per teacher, class and subject — lessons held, lessons without a topic, without
//! homework, lessons where attendance was not taken (no absence recorded and no "all present"
//! check, `attendance_check`), students without a single mark and their share, marks per student (накопляемость), and marks
//! entered more than 7 days after the lesson (the rule for marks, seed 004 §2.5).
//! Teachers see the courses they teach; those who read everything see all.

use chrono::{Days, NaiveDate};
use rusqlite::params;

use super::text::{t, ta};
use super::{Imprint, Result, current, dec2, pct, percent, reads_all};
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Denied, Error};
use crate::journal;
use crate::model::*;
use crate::pdf::{Align, Cell, Column, Font, Row, Table};
use crate::school::{self, CourseInfo};

/// Marks entered later than this many days after the lesson count as late.
pub const MARKS_WITHIN_DAYS: u64 = 7;

#[derive(Debug, Clone, PartialEq)]
pub struct ControlReport {
    pub imprint: Imprint,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<ControlRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ControlRow {
    pub course: CourseId,
    pub teacher: PersonName,
    pub class_name: String,
    pub subject: String,
    pub lessons: u32,
    pub no_topic: u32,
    pub no_homework: u32,
    /// Lessons where attendance was not taken: no absence and no "all present" check.
    pub no_attendance: u32,
    /// On the list at the end of the range.
    pub students: u32,
    /// Students without a single mark; none for a course without attestation (first grade).
    pub without_marks: Option<u32>,
    pub marks: u32,
    pub late_marks: u32,
}

impl ControlRow {
    pub fn without_marks_pct(&self) -> Option<f64> {
        self.without_marks.and_then(|w| percent(w, self.students))
    }
    pub fn marks_per_student(&self) -> Option<f64> {
        (self.students > 0).then(|| f64::from(self.marks) / f64::from(self.students))
    }
}

pub fn gather(
    db: &Db,
    session: &Session,
    from: NaiveDate,
    to: NaiveDate,
    class: Option<ClassId>,
) -> Result<ControlReport> {
    let conn = &db.conn;
    let s = current(conn, session)?;
    if from > to {
        return Err(Error::said("said-range-backwards", &[]).into());
    }
    let today = db.clock.today();
    let held_to = to.min(today);
    let years = school::years(conn)?;
    let mut courses: Vec<CourseInfo> = Vec::new();
    for y in years.iter().filter(|y| y.start <= to && from <= y.end) {
        courses.extend(
            school::courses(conn, y.id)?
                .into_iter()
                .filter(|c| class.is_none_or(|k| c.class == k)),
        );
    }
    if !reads_all(&s) {
        // A teacher answers for the courses they teach, not for colleagues in their class.
        courses.retain(|c| c.teacher == s.staff);
        if courses.is_empty() {
            return Err(Denied::NotYourCourse.into());
        }
    }
    let mut rows = Vec::new();
    for c in &courses {
        let (lessons, no_topic, no_homework, no_attendance): (u32, u32, u32, u32) = conn
            .prepare_cached(
                "SELECT count(*), IFNULL(sum(trim(topic) = ''), 0), IFNULL(sum(trim(homework) = ''), 0),
                        IFNULL(sum(NOT EXISTS(SELECT 1 FROM attendance a WHERE a.lesson_id = l.id)
                                   AND NOT EXISTS(SELECT 1 FROM attendance_check k WHERE k.lesson_id = l.id)), 0)
                 FROM lesson l WHERE l.course_id = ?1 AND l.cancelled = 0 AND l.date BETWEEN ?2 AND ?3",
            )?
            .query_row(params![c.id, from, held_to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        if lessons == 0 {
            continue;
        }
        let late_day = |d: NaiveDate| d + Days::new(MARKS_WITHIN_DAYS);
        let mut marks = 0u32;
        let mut late = 0u32;
        let mut marked: std::collections::HashSet<StudentId> = Default::default();
        {
            let mut st = conn.prepare_cached(
                "SELECT m.student_id, l.date, substr(m.created_at, 1, 10) FROM mark m JOIN lesson l ON l.id = m.lesson_id
                 WHERE l.course_id = ?1 AND l.cancelled = 0 AND l.date BETWEEN ?2 AND ?3",
            )?;
            let mut q = st.query(params![c.id, from, held_to])?;
            while let Some(r) = q.next()? {
                let (student, date, entered): (StudentId, NaiveDate, NaiveDate) =
                    (r.get(0)?, r.get(1)?, r.get(2)?);
                marks += 1;
                marked.insert(student);
                if entered > late_day(date) {
                    late += 1;
                }
            }
        }
        let members = journal::members(conn, c, held_to, held_to)?;
        let without = members
            .iter()
            .filter(|m| !marked.contains(&m.student))
            .count() as u32;
        rows.push(ControlRow {
            course: c.id,
            teacher: c.teacher_name.clone(),
            class_name: c.class_name.clone(),
            subject: match &c.group_name {
                Some(g) => format!("{} ({g})", c.subject),
                None => c.subject.clone(),
            },
            lessons,
            no_topic,
            no_homework,
            no_attendance,
            students: members.len() as u32,
            without_marks: (!c.no_attestation).then_some(without),
            marks,
            late_marks: late,
        });
    }
    rows.sort_by_cached_key(|r| {
        (
            collate_key(&r.teacher.full()),
            r.class_name.len(),
            r.class_name.clone(),
            collate_key(&r.subject),
        )
    });
    Ok(ControlReport {
        imprint: Imprint::new(conn, &s, db.clock.now())?,
        from,
        to,
        rows,
    })
}

pub fn render(r: &ControlReport) -> Vec<u8> {
    let mut l = r.imprint.range_form(&t("control-title"), r.from, r.to);
    l.advance(3.0);
    let cols: [(f32, Align); 13] = [
        (38.0, Align::Left),
        (11.0, Align::Left),
        (44.0, Align::Left),
        (15.0, Align::Center),
        (17.0, Align::Center),
        (17.0, Align::Center),
        (20.0, Align::Center),
        (15.0, Align::Center),
        (17.0, Align::Center),
        (17.0, Align::Center),
        (15.0, Align::Center),
        (19.0, Align::Center),
        (20.0, Align::Center),
    ];
    let columns: Vec<Column> = cols
        .iter()
        .enumerate()
        .map(|(i, (w, a))| {
            if i == 2 {
                Column::wrapped(*w)
            } else {
                Column::new(*w, *a)
            }
        })
        .collect();
    let head: Vec<Cell> = [
        "col-teacher",
        "col-class",
        "col-subject",
        "col-lessons",
        "col-no-topic",
        "col-no-homework",
        "col-no-attendance",
        "col-students",
        "col-without-marks",
        "col-without-marks-pct",
        "col-marks-count",
        "col-marks-per-student",
        "col-late-marks",
    ]
    .iter()
    .map(|k| Cell::new(t(k)))
    .collect();
    let table =
        Table::new(l.left(), columns, Font::bold(6.5), Font::regular(7.5)).with_header(vec![head]);
    table.start(&mut l);
    if r.rows.is_empty() {
        table.row(
            &mut l,
            &Row::new(vec![Cell::new(t("control-nothing")).span(13)]),
        );
    }
    for row in &r.rows {
        let n = |v: u32| Cell::new(v.to_string());
        // Shortcomings stand out in bold.
        let flag = |v: u32| {
            if v > 0 {
                Cell::new(v.to_string()).bold()
            } else {
                Cell::new(v.to_string())
            }
        };
        table.row(
            &mut l,
            &Row::new(vec![
                Cell::new(row.teacher.short()),
                Cell::new(row.class_name.clone()),
                Cell::new(row.subject.clone()),
                n(row.lessons),
                flag(row.no_topic),
                flag(row.no_homework),
                flag(row.no_attendance),
                n(row.students),
                row.without_marks
                    .map(flag)
                    .unwrap_or_else(|| Cell::new("—")),
                Cell::new(pct(row.without_marks_pct())),
                n(row.marks),
                Cell::new(dec2(row.marks_per_student())),
                flag(row.late_marks),
            ]),
        );
    }
    l.advance(2.0);
    l.paragraph(
        &ta("control-notes", &[("days", MARKS_WITHIN_DAYS.into())]),
        Font::regular(7.5),
        Align::Left,
    );
    l.advance(3.0);
    l.signature(&t("sign-deputy"), "", Font::regular(10.0));
    l.finish()
}
