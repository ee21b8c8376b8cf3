//! The attendance report for a period, the year or any dates: per class, each student's lessons
//! missed by reason (Н without a reason, Б ill, УП excused) and late arrivals, with the class's
//! totals. A class teacher or those who read everything count every course of the class; a
//! teacher counts the courses they teach (the report says so).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::text::{t, ta};
use super::{
    Imprint, PeriodChoice, Result, class_info, class_pupils, current, may_print_class, period_label,
};
use crate::access;
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Denied, Error};
use crate::model::*;
use crate::pdf::{Align, Cell, Column, Font, Layout, Numbering, Orientation, Row, Table};
use crate::school::{self, CourseInfo, Year};

#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceReport {
    pub imprint: Imprint,
    pub year_name: String,
    pub classes: Vec<ClassAttendance>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClassAttendance {
    pub class: ClassId,
    pub class_name: String,
    /// "II четверть (05.11.2026 – 28.12.2026)" or the dates.
    pub span_label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The subjects counted when not the whole class's (a teacher's own courses, or `--subject`).
    pub only_subjects: Option<Vec<String>>,
    /// Lessons held in the courses counted.
    pub lessons: u32,
    pub rows: Vec<StudentAttendance>,
    pub totals: Tally,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StudentAttendance {
    pub student: StudentId,
    pub name: PersonName,
    pub tally: Tally,
    /// Not on the list for the whole span: arrived or left within it.
    pub partial: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub absent: u32,
    pub ill: u32,
    pub excused: u32,
    pub late: u32,
}

impl Tally {
    pub fn missed(&self) -> u32 {
        self.absent + self.ill + self.excused
    }
    fn add(&mut self, o: &Tally) {
        self.absent += o.absent;
        self.ill += o.ill;
        self.excused += o.excused;
        self.late += o.late;
    }
}

/// Gathers attendance for a period (`choice`), or `from`–`to`, or the year to date.
#[allow(clippy::too_many_arguments)]
pub fn gather(
    db: &Db,
    session: &Session,
    year: &Year,
    class: Option<ClassId>,
    subject: Option<SubjectId>,
    choice: Option<PeriodChoice>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<AttendanceReport> {
    let conn = &db.conn;
    let s = current(conn, session)?;
    let today = db.clock.today();
    let subject_name: Option<String> = subject
        .map(|id| {
            conn.prepare_cached("SELECT name FROM subject WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
        })
        .transpose()
        .map_err(|_| Error::NotFound("the subject".into()))?;
    let all: Vec<CourseInfo> = school::courses(conn, year.id)?
        .into_iter()
        .filter(|c| class.is_none_or(|k| c.class == k))
        .collect();
    let classes = match class {
        Some(id) => vec![class_info(conn, id)?],
        None => school::classes(conn, year.id)?,
    };
    let mut out = Vec::new();
    for info in classes {
        let class_courses: Vec<&CourseInfo> = all.iter().filter(|c| c.class == info.id).collect();
        let whole = may_print_class(&s, &info);
        let mut counted = Vec::new();
        for c in &class_courses {
            if subject_name.as_ref().is_some_and(|n| &c.subject != n) {
                continue;
            }
            if whole || access::can_view_course(conn, &s, c)? {
                counted.push(*c);
            }
        }
        if counted.is_empty() {
            continue;
        }
        let (label, a, b) = match (choice, from, to) {
            (Some(PeriodChoice::Number(n)), _, _) => {
                let Some(p) = school::periods_for_grade(conn, year.id, info.grade)?
                    .into_iter()
                    .find(|p| p.number == n)
                else {
                    continue;
                };
                (period_label(&p), p.start, p.end)
            }
            (Some(PeriodChoice::Year), _, _) => (t("the-year"), year.start, year.end),
            (None, f, t_) => (
                String::new(),
                f.unwrap_or(year.start),
                t_.unwrap_or(today.min(year.end)),
            ),
        };
        let b_held = b.min(today);
        let span_label = if label.is_empty() {
            ta(
                "range",
                &[
                    ("from", format_date(a).into()),
                    ("to", format_date(b).into()),
                ],
            )
        } else {
            format!("{label} ({} – {})", format_date(a), format_date(b))
        };
        let ids: Vec<i64> = counted.iter().map(|c| c.id.0).collect();
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let mut tallies: HashMap<StudentId, Tally> = HashMap::new();
        {
            let sql = format!(
                "SELECT a.student_id, a.code, count(*) FROM attendance a JOIN lesson l ON l.id = a.lesson_id
                 WHERE l.course_id IN ({list}) AND l.cancelled = 0 AND l.date BETWEEN ?1 AND ?2 GROUP BY a.student_id, a.code"
            );
            let mut st = conn.prepare(&sql)?;
            let mut rows = st.query(params![a, b_held])?;
            while let Some(r) = rows.next()? {
                let (id, code, n): (StudentId, AttendanceCode, u32) =
                    (r.get(0)?, r.get(1)?, r.get(2)?);
                let e = tallies.entry(id).or_default();
                match code {
                    AttendanceCode::Absent => e.absent += n,
                    AttendanceCode::Ill => e.ill += n,
                    AttendanceCode::Excused => e.excused += n,
                    AttendanceCode::Late => e.late += n,
                }
            }
        }
        let lessons: u32 = conn.query_row(
            &format!("SELECT count(*) FROM lesson WHERE course_id IN ({list}) AND cancelled = 0 AND date BETWEEN ?1 AND ?2"),
            params![a, b_held],
            |r| r.get(0),
        )?;
        let mut totals = Tally::default();
        let rows: Vec<StudentAttendance> = class_pupils(conn, info.id, a, b_held.max(a))?
            .into_iter()
            .map(|p| {
                let tally = tallies.get(&p.id).copied().unwrap_or_default();
                totals.add(&tally);
                StudentAttendance {
                    student: p.id,
                    partial: !(p.on(a) && p.on(b_held.max(a))),
                    name: p.name,
                    tally,
                }
            })
            .collect();
        let only_subjects = (counted.len() < class_courses.len()).then(|| {
            let mut v: Vec<String> = counted.iter().map(|c| c.subject.clone()).collect();
            v.dedup();
            v
        });
        out.push(ClassAttendance {
            class: info.id,
            class_name: info.name(),
            span_label,
            from: a,
            to: b,
            only_subjects,
            lessons,
            rows,
            totals,
        });
    }
    if out.is_empty() {
        return Err(Denied::NotYourCourse.into());
    }
    Ok(AttendanceReport {
        imprint: Imprint::new(conn, &s, db.clock.now())?,
        year_name: year.name.clone(),
        classes: out,
    })
}

pub fn render(r: &AttendanceReport) -> Vec<u8> {
    let title = t("attendance-title");
    let mut l = Layout::new(
        &format!("{title} — {}", r.year_name),
        Orientation::Portrait,
        Numbering::Document,
    );
    l.set_info(&r.imprint.printed_by.full(), r.imprint.printed_at);
    for c in &r.classes {
        l.set_frame(Some(
            r.imprint
                .frame(&format!("{title} · {} · {}", c.class_name, c.span_label)),
        ));
        l.new_page();
        l.bookmark(&c.class_name);
        l.paragraph(&title.to_uppercase(), Font::bold(11.0), Align::Center);
        l.paragraph(
            &ta("class-name", &[("class", c.class_name.clone().into())]),
            Font::bold(10.0),
            Align::Center,
        );
        l.paragraph(&c.span_label, Font::regular(10.0), Align::Center);
        if let Some(subjects) = &c.only_subjects {
            l.paragraph(
                &ta(
                    "attendance-only",
                    &[("subjects", subjects.join(", ").into())],
                ),
                Font::regular(9.0),
                Align::Center,
            );
        }
        l.paragraph(
            &ta("attendance-lessons", &[("count", c.lessons.into())]),
            Font::regular(9.0),
            Align::Center,
        );
        l.advance(3.0);
        let table = Table::new(
            l.left(),
            vec![
                Column::new(8.0, Align::Right),
                Column::new(72.0, Align::Left),
                Column::new(20.0, Align::Center),
                Column::new(20.0, Align::Center),
                Column::new(20.0, Align::Center),
                Column::new(20.0, Align::Center),
                Column::new(20.0, Align::Center),
            ],
            Font::bold(7.5),
            Font::regular(8.5),
        )
        .with_header(vec![
            vec![
                Cell::new("№").rows(2),
                Cell::new(t("col-student")).rows(2),
                Cell::new(t("col-missed-lessons")).span(4),
                Cell::new(t("col-late")).rows(2),
            ],
            vec![
                Cell::new(t("col-total")),
                Cell::new(t("col-ill")),
                Cell::new(t("col-excused")),
                Cell::new(t("col-absent")),
            ],
        ]);
        table.start(&mut l);
        for (i, s) in c.rows.iter().enumerate() {
            let name = if s.partial {
                format!("{} *", s.name.full())
            } else {
                s.name.full()
            };
            let k = &s.tally;
            table.row(
                &mut l,
                &Row::new(vec![
                    Cell::new((i + 1).to_string()),
                    Cell::new(name),
                    Cell::new(k.missed().to_string()).bold(),
                    Cell::new(k.ill.to_string()),
                    Cell::new(k.excused.to_string()),
                    Cell::new(k.absent.to_string()),
                    Cell::new(k.late.to_string()),
                ]),
            );
        }
        let k = &c.totals;
        table.row(
            &mut l,
            &Row::new(vec![
                Cell::new(t("total-class")).span(2).align(Align::Right),
                Cell::new(k.missed().to_string()),
                Cell::new(k.ill.to_string()),
                Cell::new(k.excused.to_string()),
                Cell::new(k.absent.to_string()),
                Cell::new(k.late.to_string()),
            ])
            .bold(),
        );
        l.advance(1.5);
        if c.rows.iter().any(|s| s.partial) {
            l.paragraph(&t("attendance-partial"), Font::regular(7.5), Align::Left);
        }
        l.advance(3.0);
        l.signature(&t("sign-class-teacher"), "", Font::regular(10.0));
    }
    if r.classes.len() > 1 {
        let total = r.classes.iter().fold(Tally::default(), |mut a, c| {
            a.add(&c.totals);
            a
        });
        l.advance(3.0);
        l.paragraph(
            &ta(
                "attendance-school",
                &[
                    ("total", total.missed().into()),
                    ("ill", total.ill.into()),
                    ("excused", total.excused.into()),
                    ("absent", total.absent.into()),
                    ("late", total.late.into()),
                ],
            ),
            Font::bold(9.5),
            Align::Left,
        );
    }
    super::certification(&mut l, &r.imprint);
    l.finish()
}
