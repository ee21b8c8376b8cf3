//! Journal pages (выгрузка страниц журнала, seed 003 §2.14): the classic paper class journal. For
//! one class × subject × period, the left page lists the students in alphabetical order against
//! the lesson dates under month headers, with marks and «н», the period mark in the column after
//! the last lesson; the right page lists date, topic (naming контрольные, практические,
//! лабораторные работы) and homework. A class's whole journal — or the whole school's — is bound
//! with a cover and contents. Only lessons held (not cancelled, not in the future) are printed.
//!
//! Paper symbols: marks as set (2–5, зач), «н» for any absence (the reason is the attendance
//! report's business), н/а and осв as period marks. A late arrival was present: nothing is printed.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::text::{t, ta};
use super::volume::{self, Entry};
use super::{
    Imprint, PeriodChoice, Progress, ReportError, Result, current, period_label, staff_name,
};
use crate::access;
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Denied, Error};
use crate::journal::{self, work_types};
use crate::model::*;
use crate::pdf::{Align, Cell, Column, Font, Layout, Numbering, Orientation, Row, Table};
use crate::school::{self, CourseInfo, Period, Year};

#[derive(Debug, Clone, PartialEq)]
pub struct JournalBook {
    pub imprint: Imprint,
    pub year_name: String,
    /// Bound with a cover and contents per class (a whole class's journal, or the school's).
    pub bound: bool,
    pub classes: Vec<ClassJournal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClassJournal {
    pub class: ClassId,
    pub class_name: String,
    pub class_teacher: Option<PersonName>,
    pub spreads: Vec<Spread>,
}

/// One course over one period: a left and a right page (more when the lessons do not fit).
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    pub course: CourseId,
    /// "Английский язык (1 группа)".
    pub subject: String,
    pub teacher: PersonName,
    pub period: Period,
    pub period_label: String,
    pub lessons: Vec<JournalLesson>,
    pub rows: Vec<JournalRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JournalLesson {
    pub date: NaiveDate,
    pub lesson_no: u8,
    pub topic: String,
    pub homework: String,
    /// Kinds of work done, full names.
    pub works: Vec<String>,
    pub substitute: Option<PersonName>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JournalRow {
    pub student: StudentId,
    pub name: PersonName,
    /// One per lesson.
    pub cells: Vec<JournalCell>,
    pub period_mark: Option<PeriodMarkValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JournalCell {
    /// The student belonged to the class or group that day.
    pub on_list: bool,
    /// "5", "5/4", "н" or empty.
    pub text: String,
}

/// The pages of the courses the session may view: one class or the whole school, one subject or
/// all, one period or every period begun so far.
pub fn gather(
    db: &Db,
    session: &Session,
    year: &Year,
    class: Option<ClassId>,
    subject: Option<SubjectId>,
    period: Option<PeriodChoice>,
    progress: &mut Progress,
) -> Result<JournalBook> {
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
    let in_scope: Vec<CourseInfo> = school::courses(conn, year.id)?
        .into_iter()
        .filter(|c| {
            class.is_none_or(|k| c.class == k)
                && subject_name.as_ref().is_none_or(|n| &c.subject == n)
        })
        .collect();
    if in_scope.is_empty() {
        return Err(Error::NotFound("a course for these class and subject".into()).into());
    }
    let mut courses = Vec::new();
    for c in in_scope {
        if access::can_view_course(conn, &s, &c)? {
            courses.push(c);
        }
    }
    if courses.is_empty() {
        return Err(Denied::NotYourCourse.into());
    }
    let kinds: HashMap<WorkTypeId, String> = work_types(conn)?
        .into_iter()
        .map(|(id, name, _, _)| (id, name))
        .collect();
    let mut names: HashMap<StaffId, PersonName> = HashMap::new();
    let mut periods_of: HashMap<u8, Vec<Period>> = HashMap::new();
    let mut classes: Vec<ClassJournal> = Vec::new();
    let total = courses.len();
    for (i, course) in courses.into_iter().enumerate() {
        progress.step(i as f32 / total as f32)?;
        let periods = match periods_of.get(&course.grade) {
            Some(p) => p.clone(),
            None => {
                let p = school::periods_for_grade(conn, year.id, course.grade)?;
                periods_of.insert(course.grade, p.clone());
                p
            }
        };
        let chosen: Vec<Period> = match period {
            Some(PeriodChoice::Number(n)) => {
                periods.into_iter().filter(|p| p.number == n).collect()
            }
            _ => periods.into_iter().filter(|p| p.start <= today).collect(),
        };
        if classes.last().is_none_or(|c| c.class != course.class) {
            let info = super::class_info(conn, course.class)?;
            classes.push(ClassJournal {
                class: course.class,
                class_name: course.class_name.clone(),
                class_teacher: info
                    .class_teacher
                    .map(|id| staff_name(conn, id))
                    .transpose()?,
                spreads: Vec::new(),
            });
        }
        for p in chosen {
            let page = journal::read_page(conn, course.clone(), p.clone())?;
            let keep: Vec<usize> = (0..page.lessons.len())
                .filter(|&j| !page.lessons[j].cancelled && page.lessons[j].date <= today)
                .collect();
            if keep.is_empty() {
                continue;
            }
            let mut lessons = Vec::with_capacity(keep.len());
            for &j in &keep {
                let l = &page.lessons[j];
                let substitute = match l.substitute {
                    Some(id) => Some(match names.get(&id) {
                        Some(n) => n.clone(),
                        None => {
                            let n = staff_name(conn, id)?;
                            names.insert(id, n.clone());
                            n
                        }
                    }),
                    None => None,
                };
                lessons.push(JournalLesson {
                    date: l.date,
                    lesson_no: l.lesson_no,
                    topic: l.topic.clone(),
                    homework: l.homework.clone(),
                    works: l
                        .work
                        .iter()
                        .filter_map(|(id, _)| kinds.get(id).cloned())
                        .collect(),
                    substitute,
                });
            }
            let rows = page
                .rows
                .iter()
                .map(|r| JournalRow {
                    student: r.member.student,
                    name: r.member.name.clone(),
                    cells: keep.iter().map(|&j| cell(&r.cells[j])).collect(),
                    period_mark: r.period_mark,
                })
                .collect();
            classes.last_mut().expect("a class").spreads.push(Spread {
                course: course.id,
                subject: match &course.group_name {
                    Some(g) => format!("{} ({g})", course.subject),
                    None => course.subject.clone(),
                },
                teacher: course.teacher_name.clone(),
                period_label: period_label(&p),
                period: p,
                lessons,
                rows,
            });
        }
    }
    progress.step(1.0)?;
    classes.retain(|c| !c.spreads.is_empty());
    Ok(JournalBook {
        imprint: Imprint::new(conn, &s, db.clock.now())?,
        year_name: year.name.clone(),
        bound: subject.is_none(),
        classes,
    })
}

/// What a cell of the paper journal shows.
pub fn cell(c: &journal::Cell) -> JournalCell {
    let text = if !c.marks.is_empty() {
        c.marks
            .iter()
            .map(|m| m.value.code())
            .collect::<Vec<_>>()
            .join("/")
    } else if c.attendance.is_some_and(|a| a.0.is_missed()) {
        "н".to_string()
    } else {
        String::new()
    };
    JournalCell {
        on_list: c.on_list,
        text,
    }
}

/// The topic as the right page prints it: kinds of work the topic does not name, and a
/// substitution, are added.
pub fn topic_line(l: &JournalLesson) -> String {
    let mut s = l.topic.clone();
    let plain = ["Ответ на уроке", "Домашняя работа"];
    for w in l.works.iter().filter(|w| !plain.contains(&w.as_str())) {
        let stem: String = w.chars().take(8).collect::<String>().to_lowercase();
        if !s.to_lowercase().contains(&stem) {
            if !s.is_empty() {
                s.push_str(". ");
            }
            s.push_str(w);
        }
    }
    if let Some(n) = &l.substitute {
        s.push(' ');
        s.push_str(&ta("substitute", &[("name", n.short().into())]));
    }
    s
}

// ---- paper ----------------------------------------------------------------------------------

const NO_W: f32 = 6.0;
const NAME_W: f32 = 42.0;
const MARK_MIN: f32 = 4.4;
const MARK_MAX: f32 = 6.0;
const PERIOD_W: f32 = 9.0;

pub fn render(book: &JournalBook, progress: &mut Progress) -> Result<Vec<u8>, ReportError> {
    let title = t("journal-title");
    let doc_title = match book.classes.as_slice() {
        [one] => format!("{title} — {} — {}", one.class_name, book.year_name),
        _ => format!("{title} — {}", book.year_name),
    };
    let total: usize = book.classes.iter().map(|c| c.spreads.len()).sum();
    let mut done = 0usize;
    let mut out = Layout::new(&doc_title, Orientation::Landscape, Numbering::Document);
    out.set_info(&book.imprint.printed_by.full(), book.imprint.printed_at);
    for c in &book.classes {
        let mut body = Layout::new(&doc_title, Orientation::Landscape, Numbering::Document);
        let mut entries: Vec<Entry> = Vec::new();
        for sp in &c.spreads {
            progress.step(done as f32 / total.max(1) as f32 * 0.9)?;
            done += 1;
            let frame_title = format!(
                "{title} · {} · {} · {}",
                c.class_name, sp.subject, sp.period_label
            );
            body.set_frame(Some(book.imprint.frame(&frame_title)));
            body.new_page();
            if entries.last().is_none_or(|e| e.title != sp.subject) {
                entries.push(Entry {
                    title: sp.subject.clone(),
                    detail: sp.teacher.full(),
                    page: body.page_index(),
                });
                body.bookmark(&format!("{} — {}", c.class_name, sp.subject));
            }
            spread(&mut body, c, sp);
        }
        if book.bound {
            let lines = vec![
                ta("class-name", &[("class", c.class_name.clone().into())]),
                ta("year-name", &[("year", book.year_name.clone().into())]),
                c.class_teacher
                    .as_ref()
                    .map(|n| ta("class-teacher", &[("name", n.full().into())]))
                    .unwrap_or_default(),
            ];
            let imprint = &book.imprint;
            let first = out.page_count() + 1;
            let class_doc = format!("{title} — {} — {}", c.class_name, book.year_name);
            let bound = volume::bind(
                imprint,
                &class_doc,
                Orientation::Landscape,
                &|l| volume::cover(l, imprint, &title, &lines),
                &entries,
                body,
                first,
            );
            out.append(bound);
        } else {
            out.append(body);
        }
    }
    if book.classes.is_empty() {
        out.set_frame(Some(book.imprint.frame(&title)));
        out.new_page();
        out.paragraph(&t("journal-empty"), Font::regular(10.0), Align::Left);
    }
    let bytes = out.finish();
    progress.step(1.0)?;
    Ok(bytes)
}

fn month_name(m: u32) -> String {
    t(&format!("month-{m}"))
}

fn spread_heading(l: &mut Layout, c: &ClassJournal, sp: &Spread, side: &str) {
    let line = ta(
        "journal-heading",
        &[
            ("subject", sp.subject.clone().into()),
            ("class", c.class_name.clone().into()),
            ("period", sp.period_label.clone().into()),
            ("teacher", sp.teacher.short().into()),
        ],
    );
    l.split_line(&line, side, Font::bold(9.5));
    l.advance(1.5);
}

fn spread(l: &mut Layout, c: &ClassJournal, sp: &Spread) {
    let avail = l.width() - NO_W - NAME_W - PERIOD_W;
    let per_page_max = (avail / MARK_MIN).floor().max(1.0) as usize;
    let n = sp.lessons.len();
    let pages = n.div_ceil(per_page_max).max(1);
    let per_page = n.div_ceil(pages).max(1);
    for (ci, chunk_start) in (0..n).step_by(per_page).enumerate() {
        let chunk_end = (chunk_start + per_page).min(n);
        let last = chunk_end == n;
        if ci > 0 {
            l.new_page();
        }
        left_page(l, c, sp, chunk_start..chunk_end, last);
        l.new_page();
        right_page(l, c, sp, chunk_start..chunk_end);
    }
}

fn left_page(
    l: &mut Layout,
    c: &ClassJournal,
    sp: &Spread,
    range: std::ops::Range<usize>,
    last: bool,
) {
    spread_heading(l, c, sp, &t("journal-left"));
    let avail = l.width() - NO_W - NAME_W - PERIOD_W;
    let w = (avail / range.len().max(1) as f32).clamp(MARK_MIN, MARK_MAX);
    let mut columns = vec![
        Column::new(NO_W, Align::Right),
        Column::new(NAME_W, Align::Left),
    ];
    let mut months: Vec<Cell> = vec![Cell::new("№").rows(2), Cell::new(t("col-student")).rows(2)];
    let mut days: Vec<Cell> = Vec::new();
    let lessons = &sp.lessons[range.clone()];
    let mut i = 0;
    while i < lessons.len() {
        let m = lessons[i].date.month();
        let k = lessons[i..]
            .iter()
            .take_while(|x| x.date.month() == m)
            .count();
        months.push(Cell::new(month_name(m)).span(k));
        i += k;
    }
    for ls in lessons {
        columns.push(Column::new(w, Align::Center));
        days.push(Cell::new(ls.date.day().to_string()));
    }
    if last {
        columns.push(Column::new(PERIOD_W, Align::Center));
        months.push(Cell::new(roman_period(&sp.period)).rows(2));
    }
    let table = Table::new(l.left(), columns, Font::bold(6.5), Font::regular(7.5))
        .with_header(vec![months, days]);
    table.start(l);
    let mut rows = Vec::with_capacity(sp.rows.len());
    for (ri, r) in sp.rows.iter().enumerate() {
        let mut cells = vec![
            Cell::new((ri + 1).to_string()),
            Cell::new(format!("{} {}", r.name.surname, r.name.name)),
        ];
        for jc in &r.cells[range.clone()] {
            let cell = Cell::new(jc.text.clone());
            cells.push(if jc.on_list { cell } else { cell.shaded(0.8) });
        }
        if last {
            cells.push(Cell::new(r.period_mark.map(|v| v.code()).unwrap_or_default()).bold());
        }
        rows.push(Row::new(cells));
    }
    table.rows(l, &rows);
}

fn roman_period(p: &Period) -> String {
    let short = match p.scheme {
        Scheme::Quarter => "period-short-quarter",
        Scheme::Trimester => "period-short-trimester",
        Scheme::Half => "period-short-half",
    };
    ta(short, &[("n", super::roman(p.number).into())])
}

fn right_page(l: &mut Layout, c: &ClassJournal, sp: &Spread, range: std::ops::Range<usize>) {
    spread_heading(l, c, sp, &t("journal-right"));
    let w = l.width();
    let table = Table::new(
        l.left(),
        vec![
            Column::new(16.0, Align::Center),
            Column::wrapped((w - 16.0) * 0.6),
            Column::wrapped((w - 16.0) * 0.4),
        ],
        Font::bold(8.0),
        Font::regular(8.0),
    )
    .with_header(vec![vec![
        Cell::new(t("col-date")),
        Cell::new(t("col-topic-done")),
        Cell::new(t("col-homework")),
    ]]);
    table.start(l);
    let rows: Vec<Row> = sp.lessons[range]
        .iter()
        .map(|ls| {
            Row::new(vec![
                Cell::new(ls.date.format("%d.%m").to_string()),
                Cell::new(topic_line(ls)),
                Cell::new(ls.homework.clone()),
            ])
        })
        .collect();
    table.rows(l, &rows);
}
