//! The year-end summary ledger (сводная ведомость итоговой успеваемости, seeds 001 §2.6–3.3,
//! 004 А.4): a class's students × subjects with period, year, exam and final marks, lessons missed,
//! the outcome of the year, the class's totals and the certification block. For the whole school
//! it is one bound volume: a cover, the contents, each class from a new page.
//!
//! The outcome column ("переведён в 6 класс", "условно переведён: Алгебра") is derived from the
//! year and final marks; the journal does not store the teachers' council's decision itself.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::stats::{Categories, Counted, categorize};
use super::text::{t, ta};
use super::volume::{self, Entry};
use super::{
    Imprint, Progress, Pupil, ReportError, Result, class_info, class_pupils, current,
    may_print_class, pct, reads_all, roman, staff_name,
};
use crate::auth::Session;
use crate::db::Db;
use crate::error::Denied;
use crate::model::*;
use crate::pdf::{Align, Cell, Column, Font, Layout, Numbering, Orientation, Row, Table};
use crate::school::{self, ClassInfo, Period, Year};

#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    pub imprint: Imprint,
    pub year_name: String,
    /// The whole school as a bound volume (cover and contents), or one class.
    pub whole_school: bool,
    pub classes: Vec<ClassLedger>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClassLedger {
    pub class: ClassId,
    pub class_name: String,
    pub grade: u8,
    pub class_teacher: Option<PersonName>,
    pub periods: Vec<Period>,
    pub subjects: Vec<LedgerSubject>,
    pub rows: Vec<LedgerRow>,
    /// What the totals are counted from.
    pub basis: Basis,
    pub totals: Categories,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LedgerSubject {
    pub id: SubjectId,
    pub name: String,
    pub scale: Scale,
    /// Period marks are set in it (not a subject without attestation).
    pub attested: bool,
    pub has_exam: bool,
    pub has_final: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubjectMarks {
    /// One per period of the class's scheme.
    pub periods: Vec<Option<PeriodMarkValue>>,
    pub year: Option<PeriodMarkValue>,
    pub exam: Option<PeriodMarkValue>,
    pub final_mark: Option<PeriodMarkValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LedgerRow {
    pub student: StudentId,
    pub name: PersonName,
    pub female: bool,
    /// One per subject, in the order of `ClassLedger::subjects`.
    pub marks: Vec<SubjectMarks>,
    /// Lessons missed (absent, ill, excused) in the class's courses over the year.
    pub missed: u32,
    pub missed_ill: u32,
    pub outcome: Outcome,
}

/// What the year's marks mean for the student.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The year's marks are not all set yet.
    Pending,
    /// Promoted to the next grade (grades 1–8, 10).
    Promoted,
    /// Promoted with academic debt in these subjects.
    Conditional(Vec<String>),
    /// Finished the 9th or 11th grade with every final mark a pass.
    Graduated,
    /// 9th or 11th grade with debt in these subjects.
    Debt(Vec<String>),
    /// Left the class before the year ended; to another class if named.
    Left { on: NaiveDate, to: Option<String> },
}

/// Which marks a class's totals count.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// Final marks where set, else year marks.
    Year,
    /// The latest period with marks (the year is not over).
    Period(String),
    /// No marks yet.
    None,
}

/// One class's ledger.
pub fn gather_class(db: &Db, session: &Session, class: ClassId) -> Result<Ledger> {
    let conn = &db.conn;
    let s = current(conn, session)?;
    let info = class_info(conn, class)?;
    if !may_print_class(&s, &info) {
        return Err(Denied::NotYourCourse.into());
    }
    let year = school::years(conn)?
        .into_iter()
        .find(|y| y.id == info.year)
        .expect("a class belongs to a year");
    let today = db.clock.today();
    Ok(Ledger {
        imprint: Imprint::new(conn, &s, db.clock.now())?,
        year_name: year.name.clone(),
        whole_school: false,
        classes: vec![class_ledger(conn, &info, &year, today)?],
    })
}

/// The whole school's ledger: every class of the year. Only for those who read everything.
pub fn gather_school(
    db: &Db,
    session: &Session,
    year: &Year,
    progress: &mut Progress,
) -> Result<Ledger> {
    let conn = &db.conn;
    let s = current(conn, session)?;
    if !reads_all(&s) {
        return Err(Denied::Role.into());
    }
    let today = db.clock.today();
    let classes = school::classes(conn, year.id)?;
    let mut out = Vec::with_capacity(classes.len());
    for (i, c) in classes.iter().enumerate() {
        progress.step(i as f32 / classes.len() as f32)?;
        out.push(class_ledger(conn, c, year, today)?);
    }
    progress.step(1.0)?;
    Ok(Ledger {
        imprint: Imprint::new(conn, &s, db.clock.now())?,
        year_name: year.name.clone(),
        whole_school: true,
        classes: out,
    })
}

fn class_ledger(
    conn: &Connection,
    class: &ClassInfo,
    year: &Year,
    today: NaiveDate,
) -> Result<ClassLedger> {
    let periods = school::periods_for_grade(conn, year.id, class.grade)?;
    // Subjects in the school's order (the order they were entered), groups of one subject merged.
    let mut subjects: Vec<LedgerSubject> = Vec::new();
    let mut subject_of: HashMap<CourseId, (usize, Scale)> = HashMap::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT c.id, c.subject_id, s.name, c.scale, c.no_attestation FROM course c JOIN subject s ON s.id = c.subject_id
             WHERE c.class_id = ?1 ORDER BY c.subject_id, c.group_id",
        )?;
        let mut rows = st.query([class.id])?;
        while let Some(r) = rows.next()? {
            let (course, subject, name, scale, no_att): (CourseId, SubjectId, String, Scale, bool) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let i = match subjects.iter().position(|s| s.id == subject) {
                Some(i) => i,
                None => {
                    subjects.push(LedgerSubject {
                        id: subject,
                        name,
                        scale,
                        attested: false,
                        has_exam: false,
                        has_final: false,
                    });
                    subjects.len() - 1
                }
            };
            subjects[i].attested |= !no_att;
            subject_of.insert(course, (i, scale));
        }
    }
    let pupils = class_pupils(conn, class.id, year.start, year.end)?;
    let row_of: HashMap<StudentId, usize> =
        pupils.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let blank = SubjectMarks {
        periods: vec![None; periods.len()],
        ..Default::default()
    };
    let mut marks: Vec<Vec<SubjectMarks>> = vec![vec![blank; subjects.len()]; pupils.len()];
    let mut scales: Vec<Vec<Scale>> =
        vec![subjects.iter().map(|s| s.scale).collect(); pupils.len()];
    {
        let mut st = conn.prepare_cached(
            "SELECT pm.course_id, pm.student_id, pm.kind, pm.period_id, pm.value FROM period_mark pm
             JOIN course c ON c.id = pm.course_id WHERE c.class_id = ?1",
        )?;
        let mut rows = st.query([class.id])?;
        while let Some(r) = rows.next()? {
            let (course, student, kind, period): (
                CourseId,
                StudentId,
                PeriodMarkKind,
                Option<PeriodId>,
            ) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let value: String = r.get(4)?;
            let (Some(&(si, scale)), Some(&ri), Some(v)) = (
                subject_of.get(&course),
                row_of.get(&student),
                PeriodMarkValue::from_code(&value),
            ) else {
                continue;
            };
            scales[ri][si] = scale;
            let cell = &mut marks[ri][si];
            match kind {
                PeriodMarkKind::Period => {
                    if let Some(pi) = periods.iter().position(|p| Some(p.id) == period) {
                        cell.periods[pi] = Some(v);
                    }
                }
                PeriodMarkKind::Year => cell.year = Some(v),
                PeriodMarkKind::Exam => {
                    cell.exam = Some(v);
                    subjects[si].has_exam = true;
                }
                PeriodMarkKind::Final => {
                    cell.final_mark = Some(v);
                    subjects[si].has_final = true;
                }
            }
        }
    }
    // Lessons missed (late arrivals were present), and of them for illness.
    let mut missed: HashMap<StudentId, (u32, u32)> = HashMap::new();
    {
        let mut st = conn.prepare_cached(
            "SELECT a.student_id, sum(a.code <> 'late'), sum(a.code = 'ill')
             FROM lesson l JOIN attendance a ON a.lesson_id = l.id
             WHERE l.course_id IN (SELECT id FROM course WHERE class_id = ?1) AND l.cancelled = 0
             GROUP BY a.student_id",
        )?;
        let mut rows = st.query([class.id])?;
        while let Some(r) = rows.next()? {
            missed.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
    }

    // The totals count final marks where set, else year marks; before the year's marks exist, the
    // latest period that has marks.
    let any_year = marks
        .iter()
        .flatten()
        .any(|m| m.year.is_some() || m.final_mark.is_some());
    let last_period = (0..periods.len())
        .rev()
        .find(|&pi| marks.iter().flatten().any(|m| m.periods[pi].is_some()));
    let basis = if any_year {
        Basis::Year
    } else if let Some(pi) = last_period {
        Basis::Period(super::period_label(&periods[pi]))
    } else {
        Basis::None
    };
    // Subjects without year marks at all (pass/fail ones) count by their last period mark.
    let subject_has_year: Vec<bool> = (0..subjects.len())
        .map(|si| {
            marks
                .iter()
                .any(|row| row[si].year.is_some() || row[si].final_mark.is_some())
        })
        .collect();
    let result = |ri: usize, si: usize| -> Option<PeriodMarkValue> {
        let m = &marks[ri][si];
        match basis {
            Basis::Year if subject_has_year[si] => m.final_mark.or(m.year),
            Basis::Year => m.periods.iter().rev().find_map(|p| *p),
            Basis::Period(_) => last_period.and_then(|pi| m.periods[pi]),
            Basis::None => None,
        }
    };
    let end = year.end.min(today);
    let mut totals = Categories::default();
    let mut rows = Vec::with_capacity(pupils.len());
    for (ri, p) in pupils.iter().enumerate() {
        let counted: Vec<Counted> = subjects
            .iter()
            .enumerate()
            .filter(|(_, s)| s.attested)
            .map(|(si, _)| Counted::of(result(ri, si), scales[ri][si]))
            .collect();
        let on_list_at_end = p.on(end);
        if on_list_at_end && basis != Basis::None {
            totals.add(categorize(&counted));
        } else if on_list_at_end {
            totals.students += 1;
            totals.unmarked += 1;
        }
        let outcome = outcome(
            conn,
            class,
            p,
            on_list_at_end,
            any_year,
            &subjects,
            &counted,
            year,
            today,
        )?;
        let (m, ill) = missed.get(&p.id).copied().unwrap_or_default();
        rows.push(LedgerRow {
            student: p.id,
            name: p.name.clone(),
            female: p.female,
            marks: marks[ri].clone(),
            missed: m,
            missed_ill: ill,
            outcome,
        });
    }
    let class_teacher = class
        .class_teacher
        .map(|id| staff_name(conn, id))
        .transpose()?;
    Ok(ClassLedger {
        class: class.id,
        class_name: class.name(),
        grade: class.grade,
        class_teacher,
        periods,
        subjects,
        rows,
        basis,
        totals,
    })
}

#[allow(clippy::too_many_arguments)]
fn outcome(
    conn: &Connection,
    class: &ClassInfo,
    p: &Pupil,
    on_list_at_end: bool,
    any_year: bool,
    subjects: &[LedgerSubject],
    counted: &[Counted],
    year: &Year,
    today: NaiveDate,
) -> Result<Outcome> {
    if !on_list_at_end {
        if let Some(on) = p.left_on().filter(|d| *d < year.end.min(today)) {
            let to = if p.end_reason.as_deref() == Some("transferred") {
                conn.prepare_cached(
                    "SELECT cl.grade || cl.letter FROM enrolment e JOIN class cl ON cl.id = e.class_id
                     WHERE e.student_id = ?1 AND e.start_date > ?2 ORDER BY e.start_date LIMIT 1",
                )?
                .query_row(params![p.id, on], |r| r.get(0))
                .ok()
            } else {
                None
            };
            return Ok(Outcome::Left { on, to });
        }
        return Ok(Outcome::Pending);
    }
    let attested: Vec<&LedgerSubject> = subjects.iter().filter(|s| s.attested).collect();
    if year.end > today || (!any_year && !attested.is_empty()) {
        return Ok(Outcome::Pending);
    }
    let debts: Vec<String> = attested
        .iter()
        .zip(counted)
        .filter(|(_, c)| matches!(c, Counted::Two | Counted::Fail | Counted::NotAttested))
        .map(|(s, _)| s.name.clone())
        .collect();
    let last_grade = class.grade == 9 || class.grade == 11;
    Ok(match (last_grade, debts.is_empty()) {
        (false, true) => Outcome::Promoted,
        (false, false) => Outcome::Conditional(debts),
        (true, true) => Outcome::Graduated,
        (true, false) => Outcome::Debt(debts),
    })
}

/// The outcome as the ledger writes it.
pub fn outcome_text(o: &Outcome, grade: u8, female: bool) -> String {
    let g = if female { "female" } else { "male" };
    match o {
        Outcome::Pending => String::new(),
        Outcome::Promoted => ta(
            "outcome-promoted",
            &[("gender", g.into()), ("grade", (grade + 1).into())],
        ),
        Outcome::Conditional(s) => ta(
            "outcome-conditional",
            &[("gender", g.into()), ("subjects", s.join(", ").into())],
        ),
        Outcome::Graduated if grade == 9 => ta("outcome-graduated-9", &[("gender", g.into())]),
        Outcome::Graduated => ta("outcome-graduated-11", &[("gender", g.into())]),
        Outcome::Debt(s) => ta("outcome-debt", &[("subjects", s.join(", ").into())]),
        Outcome::Left { on, to: Some(c) } => ta(
            "outcome-transferred",
            &[
                ("gender", g.into()),
                ("class", c.clone().into()),
                ("date", format_date(*on).into()),
            ],
        ),
        Outcome::Left { on, to: None } => ta(
            "outcome-left",
            &[("gender", g.into()), ("date", format_date(*on).into())],
        ),
    }
}

// ---- paper ----------------------------------------------------------------------------------

const NO_W: f32 = 6.0;
const NAME_W: f32 = 44.0;
const MARK_W: f32 = 5.2;
const MARK_W_MAX: f32 = 7.5;
const MISSED_W: f32 = 10.0;
const OUTCOME_W: f32 = 42.0;

/// The ledger as PDF: one class, or the school's bound volume.
pub fn render(ledger: &Ledger, progress: &mut Progress) -> Result<Vec<u8>, ReportError> {
    let title = t("ledger-title");
    let doc_title = format!("{title} — {}", ledger.year_name);
    let mut body = Layout::new(&doc_title, Orientation::Landscape, Numbering::Document);
    body.set_info(&ledger.imprint.printed_by.full(), ledger.imprint.printed_at);
    let mut entries = Vec::new();
    for (i, c) in ledger.classes.iter().enumerate() {
        progress.step(i as f32 / ledger.classes.len().max(1) as f32 * 0.9)?;
        body.set_frame(Some(ledger.imprint.frame(&format!(
            "{title} · {} · {}",
            c.class_name, ledger.year_name
        ))));
        body.new_page();
        body.bookmark(&ta("class-name", &[("class", c.class_name.clone().into())]));
        entries.push(Entry {
            title: ta("class-name", &[("class", c.class_name.clone().into())]),
            detail: c
                .class_teacher
                .as_ref()
                .map(|n| ta("class-teacher", &[("name", n.short().into())]))
                .unwrap_or_default(),
            page: body.page_index(),
        });
        class_pages(&mut body, ledger, c);
    }
    let l = if ledger.whole_school {
        let students: u32 = ledger.classes.iter().map(|c| c.totals.students).sum();
        let lines = vec![
            t("ledger-cover-sub"),
            ta("year-name", &[("year", ledger.year_name.clone().into())]),
            ta(
                "ledger-cover-count",
                &[
                    ("classes", ledger.classes.len().into()),
                    ("students", students.into()),
                ],
            ),
        ];
        let imprint = &ledger.imprint;
        volume::bind(
            imprint,
            &doc_title,
            Orientation::Landscape,
            &|l| volume::cover(l, imprint, &title, &lines),
            &entries,
            body,
            1,
        )
    } else {
        body
    };
    let bytes = l.finish();
    progress.step(1.0)?;
    Ok(bytes)
}

/// The column groups of one subject: its periods, the year, and exam and final if any were set.
fn subject_heads(c: &ClassLedger, s: &LedgerSubject) -> Vec<String> {
    let mut v: Vec<String> = c.periods.iter().map(|p| roman(p.number)).collect();
    v.push(t("col-year"));
    if s.has_exam {
        v.push(t("col-exam"));
    }
    if s.has_final {
        v.push(t("col-final"));
    }
    v
}

fn subject_values(c: &ClassLedger, s: &LedgerSubject, m: &SubjectMarks) -> Vec<String> {
    let code = |v: &Option<PeriodMarkValue>| v.map(|v| v.code()).unwrap_or_default();
    let mut v: Vec<String> = m.periods.iter().map(code).collect();
    v.resize(c.periods.len(), String::new());
    v.push(code(&m.year));
    if s.has_exam {
        v.push(code(&m.exam));
    }
    if s.has_final {
        v.push(code(&m.final_mark));
    }
    v
}

fn class_pages(l: &mut Layout, ledger: &Ledger, c: &ClassLedger) {
    l.paragraph(
        &t("ledger-title").to_uppercase(),
        Font::bold(11.0),
        Align::Center,
    );
    l.paragraph(
        &ta(
            "ledger-subtitle",
            &[
                ("class", c.class_name.clone().into()),
                ("year", ledger.year_name.clone().into()),
            ],
        ),
        Font::regular(10.0),
        Align::Center,
    );
    if let Some(n) = &c.class_teacher {
        l.paragraph(
            &ta("class-teacher", &[("name", n.full().into())]),
            Font::regular(9.0),
            Align::Center,
        );
    }
    l.advance(2.0);

    // Split the subjects into bands that fit the page; the last band carries the tail columns.
    let avail = l.width() - NO_W - NAME_W;
    let tail = 2.0 * MISSED_W + OUTCOME_W;
    let mut bands: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (si, s) in c.subjects.iter().enumerate().filter(|(_, s)| s.attested) {
        let w = subject_heads(c, s).len() as f32 * MARK_W;
        if used + w > avail && !bands.last().expect("a band").is_empty() {
            bands.push(Vec::new());
            used = 0.0;
        }
        bands.last_mut().expect("a band").push(si);
        used += w;
    }
    if used + tail > avail {
        bands.push(Vec::new());
    }
    let nbands = bands.len();
    for (bi, band) in bands.iter().enumerate() {
        let last = bi + 1 == nbands;
        let cols: usize = band
            .iter()
            .map(|&si| subject_heads(c, &c.subjects[si]).len())
            .sum();
        let fixed = if last { tail } else { 0.0 };
        let mark_w = if cols == 0 {
            MARK_W
        } else {
            ((avail - fixed) / cols as f32).clamp(MARK_W, MARK_W_MAX)
        };
        let mut columns = vec![
            Column::new(NO_W, Align::Right),
            Column::new(NAME_W, Align::Left),
        ];
        let mut top = vec![Cell::new("№").rows(2), Cell::new(t("col-student")).rows(2)];
        let mut sub = Vec::new();
        for &si in band {
            let s = &c.subjects[si];
            let heads = subject_heads(c, s);
            top.push(Cell::new(s.name.clone()).span(heads.len()));
            for h in heads {
                columns.push(Column::new(mark_w, Align::Center));
                sub.push(Cell::new(h));
            }
        }
        if last {
            columns.push(Column::new(MISSED_W, Align::Center));
            columns.push(Column::new(MISSED_W, Align::Center));
            columns.push(Column::wrapped(OUTCOME_W));
            top.push(Cell::new(t("col-missed")).span(2));
            top.push(Cell::new(t("col-outcome")).rows(2));
            sub.push(Cell::new(t("col-missed-all")));
            sub.push(Cell::new(t("col-missed-ill")));
        }
        let table = Table::new(l.left(), columns, Font::bold(6.5), Font::regular(7.5))
            .with_header(vec![top, sub]);
        if bi > 0 {
            l.advance(4.0);
            if l.room() < table.header_height() + 30.0 {
                l.new_page();
            }
        }
        table.start(l);
        let mut rows = Vec::with_capacity(c.rows.len());
        for (ri, r) in c.rows.iter().enumerate() {
            let mut cells = vec![
                Cell::new((ri + 1).to_string()),
                Cell::new(format!("{} {}", r.name.surname, r.name.name)),
            ];
            for &si in band {
                let s = &c.subjects[si];
                cells.extend(
                    subject_values(c, s, &r.marks[si])
                        .into_iter()
                        .map(Cell::new),
                );
            }
            if last {
                cells.push(Cell::new(r.missed.to_string()));
                cells.push(Cell::new(r.missed_ill.to_string()));
                cells.push(Cell::new(outcome_text(&r.outcome, c.grade, r.female)));
            }
            let mut row = Row::new(cells);
            if matches!(r.outcome, Outcome::Left { .. }) {
                row = row.shaded(0.93);
            }
            rows.push(row);
        }
        table.rows(l, &rows);
    }
    let unmarked: Vec<&str> = c
        .subjects
        .iter()
        .filter(|s| !s.attested)
        .map(|s| s.name.as_str())
        .collect();
    if !unmarked.is_empty() {
        l.advance(1.5);
        l.paragraph(
            &ta(
                "ledger-unmarked",
                &[("subjects", unmarked.join(", ").into())],
            ),
            Font::regular(8.0),
            Align::Left,
        );
    }
    totals(l, ledger, c);
}

fn totals(l: &mut Layout, ledger: &Ledger, c: &ClassLedger) {
    let f = Font::regular(9.0);
    // The totals, the class teacher's signature and the certification stay together.
    l.ensure_room(f.line_height() * 16.0);
    l.advance(3.0);
    let basis = match &c.basis {
        Basis::Year => t("basis-year"),
        Basis::Period(p) => ta("basis-period", &[("period", p.clone().into())]),
        Basis::None => String::new(),
    };
    let k = &c.totals;
    if c.basis == Basis::None {
        l.paragraph(
            &ta("ledger-totals-none", &[("students", k.students.into())]),
            Font::bold(9.0),
            Align::Left,
        );
    } else {
        l.paragraph(
            &ta(
                "ledger-totals-head",
                &[("basis", basis.into()), ("students", k.students.into())],
            ),
            Font::bold(9.0),
            Align::Left,
        );
        l.paragraph(
            &ta(
                "ledger-totals",
                &[
                    ("excellent", k.excellent.into()),
                    ("good", k.good.into()),
                    ("onethree", k.one_three.into()),
                    ("failing", k.failing.into()),
                    ("na", k.not_attested.into()),
                ],
            ),
            f,
            Align::Left,
        );
        l.paragraph(
            &ta(
                "ledger-percent",
                &[
                    ("progress", pct(k.progress()).into()),
                    ("quality", pct(k.quality()).into()),
                ],
            ),
            f,
            Align::Left,
        );
    }
    l.advance(2.0);
    let teacher = c
        .class_teacher
        .as_ref()
        .map(|n| n.short())
        .unwrap_or_default();
    l.signature(&t("sign-class-teacher"), &teacher, f);
    super::certification(l, &ledger.imprint);
}
