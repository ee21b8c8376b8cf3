//! The weekly summary for a parent (сводная ведомость, seed 004 §2.15): for one student and a date
//! range, every lesson held by subject and date with its topic and homework, the marks received
//! with their kinds of work, the lessons missed by reason, late arrivals and teachers' comments.
//! Printed one student at a time or in a batch for a class — by default for the families who
//! refused the electronic service — each student on pages of their own, numbered on their own.
//!
//! Only the lessons of the class the summary is printed for are listed: a student who moved
//! between classes within the range gets the other class's part from that class.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::text::{t, ta};
use super::{
    Imprint, Progress, Pupil, ReportError, Result, class_info, class_pupils, current,
    may_print_class, staff_name,
};
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Denied, Error};
use crate::journal::{self, work_types};
use crate::model::*;
use crate::pdf::{Align, Cell, Column, Font, Layout, Numbering, Orientation, Row, Table};
use crate::school;

/// Whose summaries a class batch holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Families who refused the electronic service (`student.paper_reports`).
    PaperOnly,
    Everyone,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyBatch {
    pub imprint: Imprint,
    pub class_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub summaries: Vec<WeeklySummary>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WeeklySummary {
    pub student: StudentId,
    pub name: PersonName,
    pub class_name: String,
    pub class_teacher: Option<PersonName>,
    pub subjects: Vec<SubjectWeek>,
    pub missed: Missed,
    /// Lessons the student came late to.
    pub late: u32,
    pub comments: Vec<Comment>,
}

impl WeeklySummary {
    /// Every mark received in the range.
    pub fn marks(&self) -> impl Iterator<Item = &MarkLine> {
        self.subjects
            .iter()
            .flat_map(|s| s.lessons.iter().flat_map(|l| l.marks.iter()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubjectWeek {
    /// "Английский язык (1 группа)".
    pub subject: String,
    pub teacher: PersonName,
    pub lessons: Vec<LessonLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LessonLine {
    pub date: NaiveDate,
    pub lesson_no: u8,
    pub topic: String,
    pub homework: String,
    pub marks: Vec<MarkLine>,
    pub attendance: Option<(AttendanceCode, Option<u16>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarkLine {
    pub value: MarkValue,
    /// The kind of work: short and full name.
    pub work_short: String,
    pub work: String,
}

/// Lessons missed, by reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Missed {
    pub absent: u32,
    pub ill: u32,
    pub excused: u32,
}

impl Missed {
    pub fn total(&self) -> u32 {
        self.absent + self.ill + self.excused
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub date: NaiveDate,
    pub subject: String,
    pub text: String,
}

/// Summaries for the students of a class.
pub fn gather_class(
    db: &Db,
    session: &Session,
    class: ClassId,
    from: NaiveDate,
    to: NaiveDate,
    who: Who,
    progress: &mut Progress,
) -> Result<WeeklyBatch> {
    let info = class_info(&db.conn, class)?;
    gather(
        db,
        session,
        &info,
        from,
        to,
        &|p: &Pupil| who == Who::Everyone || p.paper,
        progress,
    )
}

/// The summary of one student, from the class they were in at the end of the range.
pub fn gather_student(
    db: &Db,
    session: &Session,
    student: StudentId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<WeeklyBatch> {
    let class: ClassId = db
        .conn
        .prepare_cached(
            "SELECT class_id FROM enrolment WHERE student_id = ?1 AND start_date <= ?3
             AND (end_date IS NULL OR end_date >= ?2) ORDER BY start_date DESC LIMIT 1",
        )?
        .query_row(params![student, from, to], |r| r.get(0))
        .map_err(|_| {
            Error::NotFound(format!(
                "student #{student} in a class between {from} and {to}"
            ))
        })?;
    let info = class_info(&db.conn, class)?;
    gather(
        db,
        session,
        &info,
        from,
        to,
        &|p: &Pupil| p.id == student,
        &mut Progress::none(),
    )
}

fn gather(
    db: &Db,
    session: &Session,
    class: &school::ClassInfo,
    from: NaiveDate,
    to: NaiveDate,
    keep: &dyn Fn(&Pupil) -> bool,
    progress: &mut Progress,
) -> Result<WeeklyBatch> {
    let conn = &db.conn;
    let s = current(conn, session)?;
    if !may_print_class(&s, class) {
        return Err(Denied::NotYourCourse.into());
    }
    if from > to {
        return Err(Error::said("said-range-backwards", &[]).into());
    }
    let now = db.clock.now();
    let today = now.date();
    let pupils: Vec<Pupil> = class_pupils(conn, class.id, from, to)?
        .into_iter()
        .filter(|p| keep(p))
        .collect();
    let class_teacher = class
        .class_teacher
        .map(|id| staff_name(conn, id))
        .transpose()?;
    let mut summaries: Vec<WeeklySummary> = pupils
        .iter()
        .map(|p| WeeklySummary {
            student: p.id,
            name: p.name.clone(),
            class_name: class.name(),
            class_teacher: class_teacher.clone(),
            subjects: Vec::new(),
            missed: Missed::default(),
            late: 0,
            comments: Vec::new(),
        })
        .collect();
    let index: HashMap<StudentId, usize> =
        pupils.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let kinds: HashMap<WorkTypeId, (String, String)> = work_types(conn)?
        .into_iter()
        .map(|(id, name, short, _)| (id, (short, name)))
        .collect();
    let courses: Vec<school::CourseInfo> = school::courses(conn, class.year)?
        .into_iter()
        .filter(|c| c.class == class.id)
        .collect();
    let last = to.min(today);
    for (ci, course) in courses.iter().enumerate() {
        progress.step(ci as f32 / courses.len().max(1) as f32)?;
        let members: Vec<journal::Member> = journal::members(conn, course, from, to)?
            .into_iter()
            .filter(|m| index.contains_key(&m.student))
            .collect();
        if members.is_empty() || from > last {
            continue;
        }
        let mut lessons: Vec<(LessonId, NaiveDate, u8, String, String)> = Vec::new();
        {
            let mut st = conn.prepare_cached(
                "SELECT id, date, lesson_no, topic, homework FROM lesson
                 WHERE course_id = ?1 AND date BETWEEN ?2 AND ?3 AND cancelled = 0 ORDER BY date, lesson_no",
            )?;
            let mut rows = st.query(params![course.id, from, last])?;
            while let Some(r) = rows.next()? {
                lessons.push((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
            }
        }
        if lessons.is_empty() {
            continue;
        }
        let mut marks: HashMap<(LessonId, StudentId), Vec<Entered>> = HashMap::new();
        {
            let mut st = conn.prepare_cached(
                "SELECT m.lesson_id, m.student_id, m.value, m.work_type_id, m.comment FROM mark m JOIN lesson l ON l.id = m.lesson_id
                 WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3 AND l.cancelled = 0 ORDER BY m.id",
            )?;
            let mut rows = st.query(params![course.id, from, last])?;
            while let Some(r) = rows.next()? {
                let v: String = r.get(2)?;
                if let Some(v) = MarkValue::from_code(&v) {
                    marks.entry((r.get(0)?, r.get(1)?)).or_default().push((
                        v,
                        r.get(3)?,
                        r.get(4)?,
                    ));
                }
            }
        }
        let mut attendance: HashMap<(LessonId, StudentId), (AttendanceCode, Option<u16>)> =
            HashMap::new();
        {
            let mut st = conn.prepare_cached(
                "SELECT a.lesson_id, a.student_id, a.code, a.late_minutes FROM attendance a JOIN lesson l ON l.id = a.lesson_id
                 WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3 AND l.cancelled = 0",
            )?;
            let mut rows = st.query(params![course.id, from, last])?;
            while let Some(r) = rows.next()? {
                attendance.insert((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?));
            }
        }
        for m in &members {
            let si = index[&m.student];
            let summary = &mut summaries[si];
            let mut week = SubjectWeek {
                subject: subject_title(course),
                teacher: course.teacher_name.clone(),
                lessons: Vec::new(),
            };
            for (id, date, no, topic, homework) in lessons.iter().filter(|l| m.on(l.1)) {
                let key = (*id, m.student);
                let mut line = LessonLine {
                    date: *date,
                    lesson_no: *no,
                    topic: topic.clone(),
                    homework: homework.clone(),
                    marks: Vec::new(),
                    attendance: attendance.get(&key).copied(),
                };
                for (value, work, comment) in marks.get(&key).into_iter().flatten() {
                    let (short, name) = kinds.get(work).cloned().unwrap_or_default();
                    line.marks.push(MarkLine {
                        value: *value,
                        work_short: short,
                        work: name,
                    });
                    if !comment.trim().is_empty() {
                        summary.comments.push(Comment {
                            date: *date,
                            subject: course.subject.clone(),
                            text: comment.trim().to_string(),
                        });
                    }
                }
                match line.attendance.map(|a| a.0) {
                    Some(AttendanceCode::Absent) => summary.missed.absent += 1,
                    Some(AttendanceCode::Ill) => summary.missed.ill += 1,
                    Some(AttendanceCode::Excused) => summary.missed.excused += 1,
                    Some(AttendanceCode::Late) => summary.late += 1,
                    None => {}
                }
                week.lessons.push(line);
            }
            if !week.lessons.is_empty() {
                summary.subjects.push(week);
            }
        }
    }
    for s in &mut summaries {
        s.comments.sort_by_key(|c| c.date);
    }
    progress.step(1.0)?;
    Ok(WeeklyBatch {
        imprint: Imprint::new(conn, &s, now)?,
        class_name: class.name(),
        from,
        to,
        summaries,
    })
}

fn subject_title(c: &school::CourseInfo) -> String {
    match &c.group_name {
        Some(g) => format!("{} ({g})", c.subject),
        None => c.subject.clone(),
    }
}

/// A mark as entered: its value, kind of work and the teacher's comment.
type Entered = (MarkValue, WorkTypeId, String);

/// The paper symbol of an attendance entry: н, б, уп, оп (with the minutes late).
pub fn attendance_symbol(a: (AttendanceCode, Option<u16>)) -> String {
    let s = a.0.symbol().to_lowercase();
    match a {
        (AttendanceCode::Late, Some(m)) => ta(
            "late-minutes",
            &[("symbol", s.into()), ("minutes", m.into())],
        ),
        _ => s,
    }
}

/// The PDF: each student from a new page, pages numbered per student.
pub fn render(batch: &WeeklyBatch, progress: &mut Progress) -> Result<Vec<u8>, ReportError> {
    let title = t("weekly-title");
    let mut l = Layout::new(
        &format!("{title} — {}", batch.class_name),
        Orientation::Portrait,
        Numbering::Section,
    );
    l.set_info(&batch.imprint.printed_by.full(), batch.imprint.printed_at);
    if batch.summaries.is_empty() {
        l.set_frame(Some(
            batch
                .imprint
                .frame(&format!("{title} · {}", batch.class_name)),
        ));
        l.new_section();
        heading(&mut l, &title, &batch.class_name, batch);
        l.paragraph(&t("weekly-nobody"), Font::regular(10.0), Align::Left);
    }
    for (i, s) in batch.summaries.iter().enumerate() {
        progress.step(i as f32 / batch.summaries.len() as f32)?;
        l.set_frame(Some(batch.imprint.frame(&format!(
            "{title} · {} · {}",
            s.class_name,
            s.name.short()
        ))));
        l.new_section();
        summary(&mut l, batch, s);
    }
    progress.step(1.0)?;
    Ok(l.finish())
}

fn heading(l: &mut Layout, title: &str, who: &str, batch: &WeeklyBatch) {
    l.paragraph(&batch.imprint.school, Font::regular(9.0), Align::Center);
    l.advance(2.0);
    l.paragraph(&title.to_uppercase(), Font::bold(12.0), Align::Center);
    l.paragraph(&t("weekly-subtitle"), Font::regular(10.0), Align::Center);
    l.paragraph(who, Font::bold(11.0), Align::Center);
    l.paragraph(
        &ta(
            "range",
            &[
                ("from", format_date(batch.from).into()),
                ("to", format_date(batch.to).into()),
            ],
        ),
        Font::regular(10.0),
        Align::Center,
    );
    l.advance(3.0);
}

fn summary(l: &mut Layout, batch: &WeeklyBatch, s: &WeeklySummary) {
    let who = ta(
        "weekly-student",
        &[
            ("name", s.name.full().into()),
            ("class", s.class_name.clone().into()),
        ],
    );
    heading(l, &t("weekly-title"), &who, batch);
    let x = l.left();
    let table = Table::new(
        x,
        vec![
            Column::new(16.0, Align::Center),
            Column::wrapped(62.0),
            Column::wrapped(48.0),
            Column {
                wrap: true,
                ..Column::new(34.0, Align::Center)
            },
            Column {
                wrap: true,
                ..Column::new(20.0, Align::Center)
            },
        ],
        Font::bold(8.0),
        Font::regular(8.5),
    )
    .with_header(vec![vec![
        Cell::new(t("col-date")),
        Cell::new(t("col-topic")),
        Cell::new(t("col-homework")),
        Cell::new(t("col-marks")),
        Cell::new(t("col-attendance")),
    ]]);
    table.start(l);
    if s.subjects.is_empty() {
        table.row(
            l,
            &Row::new(vec![
                Cell::new(t("weekly-no-lessons"))
                    .span(5)
                    .align(Align::Center),
            ]),
        );
    }
    let mut used_kinds: Vec<(String, String)> = Vec::new();
    for subj in &s.subjects {
        let banner = Row::new(vec![
            Cell::new(ta(
                "subject-with-teacher",
                &[
                    ("subject", subj.subject.clone().into()),
                    ("teacher", subj.teacher.short().into()),
                ],
            ))
            .span(5)
            .bold()
            .align(Align::Left),
        ])
        .shaded(0.94);
        // Keep the subject's banner with its first lesson.
        let first = subj
            .lessons
            .first()
            .map(|ln| table.row_height(&lesson_row(ln)))
            .unwrap_or(0.0);
        table.keep(l, table.row_height(&banner) + first);
        table.row(l, &banner);
        for ln in &subj.lessons {
            for m in &ln.marks {
                if !used_kinds.iter().any(|k| k.0 == m.work_short) {
                    used_kinds.push((m.work_short.clone(), m.work.clone()));
                }
            }
            table.row(l, &lesson_row(ln));
        }
    }
    l.advance(2.0);
    if !used_kinds.is_empty() {
        let legend: Vec<String> = used_kinds
            .iter()
            .map(|(s, n)| format!("{s} — {}", n.to_lowercase()))
            .collect();
        l.paragraph(
            &ta("work-legend", &[("list", legend.join("; ").into())]),
            Font::regular(7.5),
            Align::Left,
        );
        l.paragraph(&t("attendance-legend"), Font::regular(7.5), Align::Left);
        l.advance(2.0);
    }
    let body = Font::regular(9.5);
    l.paragraph(
        &ta(
            "weekly-missed",
            &[
                ("total", s.missed.total().into()),
                ("ill", s.missed.ill.into()),
                ("excused", s.missed.excused.into()),
                ("absent", s.missed.absent.into()),
                ("late", s.late.into()),
            ],
        ),
        body,
        Align::Left,
    );
    l.advance(1.5);
    l.paragraph(&t("weekly-comments"), Font::bold(9.5), Align::Left);
    if s.comments.is_empty() {
        l.paragraph(&t("weekly-no-comments"), body, Align::Left);
    }
    for c in &s.comments {
        l.paragraph(
            &format!("{} · {}: {}", c.date.format("%d.%m"), c.subject, c.text),
            body,
            Align::Left,
        );
    }
    l.advance(4.0);
    let teacher = s
        .class_teacher
        .as_ref()
        .map(|n| n.short())
        .unwrap_or_default();
    l.signature(&t("sign-class-teacher"), &teacher, body);
    l.signature(&t("sign-parent"), "", body);
}

fn lesson_row(ln: &LessonLine) -> Row {
    let marks: Vec<String> = ln
        .marks
        .iter()
        .map(|m| format!("{} ({})", m.value.code(), m.work_short))
        .collect();
    let topic = if ln.topic.is_empty() {
        t("no-topic")
    } else {
        ln.topic.clone()
    };
    Row::new(vec![
        Cell::new(ln.date.format("%d.%m").to_string()),
        Cell::new(topic),
        Cell::new(ln.homework.clone()),
        Cell::new(marks.join(", ")),
        Cell::new(ln.attendance.map(attendance_symbol).unwrap_or_default()),
    ])
}
