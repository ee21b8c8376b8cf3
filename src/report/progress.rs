//! The progress and quality report (seed 000 §10.2, seed 002 §5.2) for a period or the year: per
//! class and subject the counts of period (year) marks with N, % успеваемости, % качества, the
//! average mark, СОУ (formulas in `stats`) and the average of the current marks; per class the
//! students by category (отличники, хорошисты, with one «3», failing, not attested). Teachers see
//! the rows of their own courses; the class summary needs the whole class (its class teacher, or
//! those who read everything).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::stats::{Categories, Counted, Counts, categorize};
use super::text::{t, ta};
use super::{
    Imprint, PeriodChoice, Result, class_pupils, current, dec2, may_print_class, pct, period_label,
    staff_name,
};
use crate::access;
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Denied, Error};
use crate::journal;
use crate::model::*;
use crate::pdf::{Align, Cell, Column, Font, Layout, Numbering, Orientation, Row, Table};
use crate::school::{self, CourseInfo, Year};

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressReport {
    pub imprint: Imprint,
    pub year_name: String,
    pub choice: PeriodChoice,
    /// "II четверть" (or "II четверть / 1 полугодие" when grades differ), "учебный год".
    pub period_name: String,
    pub subjects: Vec<SubjectStats>,
    pub classes: Vec<ClassStats>,
    /// The classes' categories added up (over the classes listed).
    pub school: Categories,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubjectStats {
    pub course: CourseId,
    pub class: ClassId,
    pub class_name: String,
    pub subject: String,
    pub teacher: PersonName,
    /// The period (or year) the counts are for.
    pub period_label: String,
    pub counts: Counts,
    /// Current marks of the period (a double mark counts as two), for their average.
    pub current_marks: u32,
    pub current_average: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClassStats {
    pub class: ClassId,
    pub class_name: String,
    pub class_teacher: Option<PersonName>,
    pub period_label: String,
    pub categories: Categories,
}

/// Gathers the report for `choice` over one class or every class of the year.
pub fn gather(
    db: &Db,
    session: &Session,
    year: &Year,
    choice: PeriodChoice,
    class: Option<ClassId>,
    progress: &mut super::Progress,
) -> Result<ProgressReport> {
    let conn = &db.conn;
    let s = current(conn, session)?;
    let courses: Vec<CourseInfo> = school::courses(conn, year.id)?
        .into_iter()
        .filter(|c| class.is_none_or(|k| c.class == k) && !c.no_attestation)
        .collect();
    if courses.is_empty() {
        // First grades and subjects without attestation have no period marks to count.
        return Err(Error::NotFound("subjects with period marks in this class".into()).into());
    }
    let mut visible = Vec::new();
    for c in courses {
        if access::can_view_course(conn, &s, &c)? {
            visible.push(c);
        }
    }
    if visible.is_empty() {
        return Err(if class.is_some() {
            Denied::NotYourCourse.into()
        } else {
            Error::NotFound("a course to report on".into()).into()
        });
    }
    // The span each grade's choice covers (none when the grade has no such period).
    let mut spans: HashMap<u8, Option<Span>> = HashMap::new();
    let mut span_of = |grade: u8| -> Result<Option<Span>> {
        if let Some(v) = spans.get(&grade) {
            return Ok(v.clone());
        }
        let v = match choice {
            PeriodChoice::Year => Some((t("the-year"), year.start, year.end, None)),
            PeriodChoice::Number(n) => school::periods_for_grade(conn, year.id, grade)?
                .into_iter()
                .find(|p| p.number == n)
                .map(|p| (period_label(&p), p.start, p.end, Some(p.id))),
        };
        spans.insert(grade, v.clone());
        Ok(v)
    };
    let mut subjects = Vec::new();
    let total = visible.len();
    let mut labels: Vec<String> = Vec::new();
    for (i, c) in visible.iter().enumerate() {
        progress.step(i as f32 / total as f32)?;
        let Some((label, from, to, period)) = span_of(c.grade)? else {
            continue;
        };
        if !labels.contains(&label) {
            labels.push(label.clone());
        }
        let values = period_marks(conn, c.id, period)?;
        let mut counts = Counts::default();
        for m in journal::members(conn, c, to, to)? {
            counts.add(Counted::of(values.get(&m.student).copied(), c.scale));
        }
        let (current_marks, sum): (u32, f64) = conn
            .prepare_cached(
                "SELECT count(*), IFNULL(sum(CAST(m.value AS INTEGER)), 0) FROM mark m JOIN lesson l ON l.id = m.lesson_id
                 WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3 AND m.value GLOB '[0-9]*'",
            )?
            .query_row(params![c.id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
        subjects.push(SubjectStats {
            course: c.id,
            class: c.class,
            class_name: c.class_name.clone(),
            subject: match &c.group_name {
                Some(g) => format!("{} ({g})", c.subject),
                None => c.subject.clone(),
            },
            teacher: c.teacher_name.clone(),
            period_label: label,
            counts,
            current_marks,
            current_average: (current_marks > 0).then(|| sum / f64::from(current_marks)),
        });
    }
    // Class summaries for the classes the session may print whole.
    let mut classes = Vec::new();
    let mut school_total = Categories::default();
    let class_ids: Vec<ClassId> = {
        let mut v: Vec<ClassId> = visible.iter().map(|c| c.class).collect();
        v.dedup();
        v
    };
    for id in class_ids {
        let info = super::class_info(conn, id)?;
        if !may_print_class(&s, &info) {
            continue;
        }
        let Some((label, _, to, period)) = span_of(info.grade)? else {
            continue;
        };
        let class_courses: Vec<&CourseInfo> = visible.iter().filter(|c| c.class == id).collect();
        let mut marks_of: HashMap<StudentId, Vec<Counted>> = HashMap::new();
        for c in &class_courses {
            let values = period_marks(conn, c.id, period)?;
            for m in journal::members(conn, c, to, to)? {
                marks_of
                    .entry(m.student)
                    .or_default()
                    .push(Counted::of(values.get(&m.student).copied(), c.scale));
            }
        }
        let mut cats = Categories::default();
        for p in class_pupils(conn, id, to, to)? {
            cats.add(categorize(
                marks_of.get(&p.id).map(Vec::as_slice).unwrap_or(&[]),
            ));
        }
        school_total.merge(&cats);
        classes.push(ClassStats {
            class: id,
            class_name: info.name(),
            class_teacher: info
                .class_teacher
                .map(|t| staff_name(conn, t))
                .transpose()?,
            period_label: label,
            categories: cats,
        });
    }
    progress.step(1.0)?;
    let period_name = match choice {
        PeriodChoice::Year => t("the-year"),
        PeriodChoice::Number(_) => labels.join(" / "),
    };
    Ok(ProgressReport {
        imprint: Imprint::new(conn, &s, db.clock.now())?,
        year_name: year.name.clone(),
        choice,
        period_name,
        subjects,
        classes,
        school: school_total,
    })
}

/// What a period choice covers for one grade: (label, first day, last day, the period for
/// period marks — none for year marks).
type Span = (String, NaiveDate, NaiveDate, Option<PeriodId>);

/// Period marks of a course for one period, or its year marks.
fn period_marks(
    conn: &rusqlite::Connection,
    course: CourseId,
    period: Option<PeriodId>,
) -> Result<HashMap<StudentId, PeriodMarkValue>> {
    let mut st = conn.prepare_cached(
        "SELECT student_id, value FROM period_mark WHERE course_id = ?1
         AND ((?2 IS NULL AND kind = 'year') OR (kind = 'period' AND period_id = ?2))",
    )?;
    let mut rows = st.query(params![course, period])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let v: String = r.get(1)?;
        if let Some(v) = PeriodMarkValue::from_code(&v) {
            out.insert(r.get(0)?, v);
        }
    }
    Ok(out)
}

pub fn render(r: &ProgressReport) -> Vec<u8> {
    let title = t("progress-title");
    let mut l = Layout::new(
        &format!("{title} — {}", r.period_name),
        Orientation::Landscape,
        Numbering::Document,
    );
    l.set_info(&r.imprint.printed_by.full(), r.imprint.printed_at);
    l.set_frame(Some(
        r.imprint
            .frame(&format!("{title} · {} · {}", r.period_name, r.year_name)),
    ));
    l.new_page();
    l.paragraph(&title.to_uppercase(), Font::bold(11.0), Align::Center);
    let subtitle = match r.choice {
        PeriodChoice::Year => ta(
            "progress-subtitle-year",
            &[("year", r.year_name.clone().into())],
        ),
        PeriodChoice::Number(_) => ta(
            "progress-subtitle",
            &[
                ("period", r.period_name.clone().into()),
                ("year", r.year_name.clone().into()),
            ],
        ),
    };
    l.paragraph(&subtitle, Font::regular(10.0), Align::Center);
    l.advance(3.0);

    let widths: [(f32, Align); 18] = [
        (11.0, Align::Left),   // class
        (46.0, Align::Left),   // subject
        (30.0, Align::Left),   // teacher
        (11.0, Align::Center), // on list
        (9.0, Align::Center),  // exempt
        (10.0, Align::Center), // no mark
        (9.0, Align::Center),  // N
        (9.0, Align::Center),  // 5
        (9.0, Align::Center),  // 4
        (9.0, Align::Center),  // 3
        (9.0, Align::Center),  // 2
        (9.0, Align::Center),  // н/а
        (16.0, Align::Center), // % progress
        (15.0, Align::Center), // % quality
        (12.0, Align::Center), // average
        (12.0, Align::Center), // СОУ
        (12.0, Align::Center), // current marks
        (12.0, Align::Center), // their average
    ];
    let columns: Vec<Column> = widths
        .iter()
        .enumerate()
        .map(|(i, (w, a))| {
            if i == 1 {
                Column::wrapped(*w)
            } else {
                Column::new(*w, *a)
            }
        })
        .collect();
    let head: Vec<Cell> = [
        "col-class",
        "col-subject",
        "col-teacher",
        "col-on-list",
        "col-exempt",
        "col-no-mark",
        "col-n",
        "col-n5",
        "col-n4",
        "col-n3",
        "col-n2",
        "col-na",
        "col-progress",
        "col-quality",
        "col-average",
        "col-sou",
        "col-current",
        "col-current-average",
    ]
    .iter()
    .map(|k| Cell::new(t(k)))
    .collect();
    let table =
        Table::new(l.left(), columns, Font::bold(6.5), Font::regular(7.5)).with_header(vec![head]);
    l.paragraph(&t("progress-by-subject"), Font::bold(9.5), Align::Left);
    table.start(&mut l);
    for s in &r.subjects {
        let k = &s.counts;
        let n = |v: u32| Cell::new(v.to_string());
        table.row(
            &mut l,
            &Row::new(vec![
                Cell::new(s.class_name.clone()),
                Cell::new(s.subject.clone()),
                Cell::new(s.teacher.short()),
                n(k.on_list),
                n(k.exempt),
                n(k.missing),
                n(k.n()),
                n(k.n5),
                n(k.n4),
                n(k.n3),
                n(k.n2 + k.fail),
                n(k.not_attested),
                Cell::new(pct(k.progress())),
                Cell::new(pct(k.quality())),
                Cell::new(dec2(k.average())),
                Cell::new(pct(k.sou())),
                n(s.current_marks),
                Cell::new(dec2(s.current_average)),
            ]),
        );
    }
    l.advance(2.0);
    l.paragraph(&t("progress-formulas"), Font::regular(7.0), Align::Left);

    if !r.classes.is_empty() {
        l.advance(4.0);
        let cols = vec![
            Column::new(14.0, Align::Left),
            Column::new(40.0, Align::Left),
            Column::new(18.0, Align::Center),
            Column::new(18.0, Align::Center),
            Column::new(18.0, Align::Center),
            Column::new(18.0, Align::Center),
            Column::new(18.0, Align::Center),
            Column::new(18.0, Align::Center),
            Column::new(18.0, Align::Center),
            Column::new(18.0, Align::Center),
            Column::new(18.0, Align::Center),
        ];
        let head: Vec<Cell> = [
            "col-class",
            "col-class-teacher",
            "col-students",
            "col-excellent",
            "col-good",
            "col-one-three",
            "col-satisfactory",
            "col-failing",
            "col-na",
            "col-progress",
            "col-quality",
        ]
        .iter()
        .map(|k| Cell::new(t(k)))
        .collect();
        let table =
            Table::new(l.left(), cols, Font::bold(7.0), Font::regular(8.0)).with_header(vec![head]);
        l.ensure_room(table.header_height() + 20.0);
        l.paragraph(&t("progress-by-class"), Font::bold(9.5), Align::Left);
        table.start(&mut l);
        let line = |name: String, teacher: String, k: &Categories| {
            let n = |v: u32| Cell::new(v.to_string());
            Row::new(vec![
                Cell::new(name),
                Cell::new(teacher),
                n(k.students),
                n(k.excellent),
                n(k.good),
                n(k.one_three),
                n(k.satisfactory),
                n(k.failing),
                n(k.not_attested),
                Cell::new(pct(k.progress())),
                Cell::new(pct(k.quality())),
            ])
        };
        for c in &r.classes {
            table.row(
                &mut l,
                &line(
                    c.class_name.clone(),
                    c.class_teacher
                        .as_ref()
                        .map(|n| n.short())
                        .unwrap_or_default(),
                    &c.categories,
                ),
            );
        }
        if r.classes.len() > 1 {
            table.row(
                &mut l,
                &line(t("total-school"), String::new(), &r.school).bold(),
            );
        }
    }
    l.advance(4.0);
    l.signature(&t("sign-deputy"), "", Font::regular(10.0));
    super::certification(&mut l, &r.imprint);
    l.finish()
}
