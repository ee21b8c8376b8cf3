//! The calendar-thematic plan (КТП) of a course: ordered topics with hours, edited in the program
//! or imported from a CSV or XLSX file (columns №, тема, часы under a header row, Russian or
//! English headers in any order; CSV in UTF-8 with or without BOM or in Windows-1251, separated
//! by `;` or `,`). An import is read into a preview first, with every bad row named by its row
//! number; saving is all-or-nothing — a file with any error changes nothing.
//!
//! Saving a plan keeps the topics lessons already took (matched by title), so their lessons stay
//! linked; a topic dropped from the plan unlinks its lessons, whose topic text stays as written.

use std::io::Cursor;

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};

use super::{PlanTopicId, TopicChoice, topic_choices};
use crate::audit::{self, Entry};
use crate::auth::{self, Session};
use crate::error::{Denied, Error, Result};
use crate::model::*;
use crate::school;

/// A topic as the plan editor and the import hold it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PlanRow {
    pub title: String,
    pub hours: f64,
}

/// What is wrong with a row of an imported file.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// The file could not be read as a table at all.
    Unreadable(String),
    /// No header row naming the topic column (тема / topic).
    NoTitleColumn,
    /// The file holds no topics.
    Empty,
    /// A row with no topic.
    NoTitle,
    /// Hours that are not a positive number.
    BadHours(String),
    /// A № that is not a whole number.
    BadNumber(String),
    /// The same № twice.
    DuplicateNumber(u32),
}

/// A problem with its row number as a spreadsheet shows it (the header is row 1); `None` for the
/// whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub row: Option<usize>,
    pub problem: RowProblem,
}

/// A file read for the preview.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanImport {
    /// Topics in plan order, with the row each came from.
    pub rows: Vec<(usize, PlanRow)>,
    pub errors: Vec<RowError>,
}

impl PlanImport {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty() && !self.rows.is_empty()
    }
    pub fn topics(&self) -> Vec<PlanRow> {
        self.rows.iter().map(|(_, r)| r.clone()).collect()
    }
}

fn whole(problem: RowProblem) -> PlanImport {
    PlanImport {
        rows: Vec::new(),
        errors: vec![RowError { row: None, problem }],
    }
}

/// Reads a plan file: XLSX (by its zip signature) or CSV.
pub fn read_file(bytes: &[u8]) -> PlanImport {
    let table = if bytes.starts_with(b"PK\x03\x04") {
        xlsx_table(bytes)
    } else {
        Ok(csv_table(bytes))
    };
    match table {
        Ok(t) => parse_table(&t),
        Err(e) => whole(RowProblem::Unreadable(e)),
    }
}

/// Text of a CSV file: UTF-8 (a BOM dropped) if it is valid UTF-8, else Windows-1251 (what Excel
/// writes on a Russian Windows).
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn csv_table(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = decode_text(bytes);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    // The reader skips blank lines, yet error messages must name rows as the file numbers them:
    // a blank line becomes a row of empty cells.
    let blank = if delimiter == b';' { ";" } else { "," };
    let kept_blank: String = text
        .lines()
        .map(|l| if l.trim().is_empty() { blank } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(kept_blank.as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(|s| s.to_string()).collect())
                .unwrap_or_default()
        })
        .collect()
}

fn xlsx_table(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    use calamine::{Data, Reader, Xlsx};
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| e.to_string())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| "the workbook has no sheets".to_string())?
        .map_err(|e| e.to_string())?;
    // Rows as the sheet numbers them, even when the used range starts lower.
    let top = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let left = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let mut out: Vec<Vec<String>> = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![String::new(); left];
        cells.extend(row.iter().map(|c| match c {
            Data::Empty => String::new(),
            Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
            other => other.to_string(),
        }));
        out.push(cells);
    }
    Ok(out)
}

#[derive(Clone, Copy, PartialEq)]
enum Column {
    Number,
    Title,
    Hours,
}

fn column_of(header: &str) -> Option<Column> {
    let h = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace('ё', "е");
    let h = h.trim_end_matches('.').trim();
    match h {
        "№"
        | "n"
        | "no"
        | "nr"
        | "#"
        | "№ п/п"
        | "п/п"
        | "номер"
        | "номер урока"
        | "number"
        | "№ урока" => Some(Column::Number),
        "тема"
        | "тема урока"
        | "темы"
        | "название"
        | "содержание"
        | "topic"
        | "title"
        | "theme"
        | "lesson topic" => Some(Column::Title),
        "часы" | "часов" | "час" | "кол-во часов" | "количество часов" | "hours" | "hour" => {
            Some(Column::Hours)
        }
        _ => None,
    }
}

fn parse_hours(s: &str) -> Option<f64> {
    let t = s.trim().replace(',', ".");
    if t.is_empty() {
        return Some(1.0);
    }
    t.parse::<f64>().ok().filter(|h| *h > 0.0 && *h <= 100.0)
}

/// Reads a table (rows of cells) into plan topics: the first non-empty row is the header.
pub fn parse_table(table: &[Vec<String>]) -> PlanImport {
    let Some(head_at) = table
        .iter()
        .position(|r| r.iter().any(|c| !c.trim().is_empty()))
    else {
        return whole(RowProblem::Empty);
    };
    let columns: Vec<Option<Column>> = table[head_at].iter().map(|c| column_of(c)).collect();
    let find = |k: Column| columns.iter().position(|c| *c == Some(k));
    let Some(title_col) = find(Column::Title) else {
        return PlanImport {
            rows: Vec::new(),
            errors: vec![RowError {
                row: Some(head_at + 1),
                problem: RowProblem::NoTitleColumn,
            }],
        };
    };
    let (number_col, hours_col) = (find(Column::Number), find(Column::Hours));
    let mut out = PlanImport::default();
    let mut numbered: Vec<(u32, usize, PlanRow)> = Vec::new();
    let cell = |r: &Vec<String>, i: Option<usize>| {
        i.and_then(|i| r.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    for (i, r) in table.iter().enumerate().skip(head_at + 1) {
        let row_no = i + 1;
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let title = cell(r, Some(title_col));
        let hours_text = cell(r, hours_col);
        let number_text = cell(r, number_col);
        let mut bad = false;
        if title.is_empty() {
            out.errors.push(RowError {
                row: Some(row_no),
                problem: RowProblem::NoTitle,
            });
            bad = true;
        }
        let hours = parse_hours(&hours_text);
        if hours.is_none() {
            out.errors.push(RowError {
                row: Some(row_no),
                problem: RowProblem::BadHours(hours_text),
            });
            bad = true;
        }
        let number = if number_text.is_empty() {
            None
        } else {
            match number_text.trim_end_matches('.').parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    out.errors.push(RowError {
                        row: Some(row_no),
                        problem: RowProblem::BadNumber(number_text),
                    });
                    bad = true;
                    None
                }
            }
        };
        if bad {
            continue;
        }
        let row = PlanRow {
            title,
            hours: hours.unwrap_or(1.0),
        };
        match number {
            Some(n) => {
                if numbered.iter().any(|(m, _, _)| *m == n) {
                    out.errors.push(RowError {
                        row: Some(row_no),
                        problem: RowProblem::DuplicateNumber(n),
                    });
                    continue;
                }
                numbered.push((n, row_no, row));
            }
            // Rows without a № keep their place in the file, after the numbered ones before them.
            None => numbered.push((numbered.last().map(|x| x.0).unwrap_or(0), row_no, row)),
        }
    }
    numbered.sort_by_key(|(n, row_no, _)| (*n, *row_no));
    out.rows = numbered
        .into_iter()
        .map(|(_, row_no, r)| (row_no, r))
        .collect();
    if out.rows.is_empty() && out.errors.is_empty() {
        out.errors.push(RowError {
            row: None,
            problem: RowProblem::Empty,
        });
    }
    out
}

/// A course's plan.
pub fn plan(conn: &Connection, course: CourseId) -> Result<Vec<TopicChoice>> {
    topic_choices(conn, course)
}

/// May the session edit the course's plan: its teacher, the deputy director, the administrator.
fn check_plan_rights(conn: &Connection, session: &Session, course: CourseId) -> Result<StaffId> {
    let s = auth::refresh(conn, session)?;
    let c = school::course(conn, course)?;
    let closed: bool = conn
        .prepare_cached("SELECT closed FROM academic_year WHERE id = ?1")?
        .query_row([c.year], |r| r.get(0))?;
    if closed {
        return Err(Denied::YearClosed.into());
    }
    if s.has(Role::Admin) || s.has(Role::Deputy) || c.teacher == s.staff {
        Ok(s.staff)
    } else if s.has(Role::Teacher) || s.has(Role::ClassTeacher) {
        Err(Denied::NotYourCourse.into())
    } else {
        Err(Denied::Role.into())
    }
}

/// Replaces a course's plan with `rows`, in that order. One transaction, one audit row.
pub(crate) fn save_plan_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    course: CourseId,
    rows: &[PlanRow],
) -> Result<()> {
    let who = check_plan_rights(tx, session, course)?;
    if let Some(bad) = rows
        .iter()
        .find(|r| r.title.trim().is_empty() || r.hours.is_nan() || r.hours <= 0.0)
    {
        return Err(Error::said(
            "said-plan-topic-incomplete",
            &[("title", bad.title.as_str().into())],
        ));
    }
    let old = topic_choices(tx, course)?;
    // Park the old positions out of the way of the new ones (positions are unique per course).
    tx.prepare_cached("UPDATE plan_topic SET position = -id WHERE course_id = ?1")?
        .execute([course])?;
    let mut kept: Vec<PlanTopicId> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let title = r.title.trim();
        let reuse = old
            .iter()
            .find(|t| t.title == title && !kept.contains(&t.id))
            .map(|t| t.id);
        match reuse {
            Some(id) => {
                tx.prepare_cached("UPDATE plan_topic SET position = ?2, hours = ?3 WHERE id = ?1")?
                    .execute(params![id, i as i64 + 1, r.hours])?;
                kept.push(id);
            }
            None => {
                tx.prepare_cached("INSERT INTO plan_topic(course_id, position, title, hours) VALUES (?1, ?2, ?3, ?4)")?.execute(params![course, i as i64 + 1, title, r.hours],
                )?;
            }
        }
    }
    for t in old.iter().filter(|t| !kept.contains(&t.id)) {
        tx.prepare_cached("UPDATE lesson SET plan_topic_id = NULL WHERE plan_topic_id = ?1")?
            .execute([t.id])?;
        tx.prepare_cached("DELETE FROM plan_topic WHERE id = ?1")?
            .execute([t.id])?;
    }
    let hours: f64 = rows.iter().map(|r| r.hours).sum();
    audit::record(
        tx,
        now,
        &Entry {
            staff: Some(who),
            action: "save",
            entity: "plan",
            course: Some(course),
            old: Some(format!("{} topics", old.len())),
            new: Some(format!("{} topics, {hours} h", rows.len())),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// The topics of an imported plan to save — only if the file had no errors and has topics.
pub fn import_rows(file: &PlanImport) -> Result<Vec<PlanRow>> {
    if !file.errors.is_empty() {
        return Err(Error::said(
            "said-plan-file-errors",
            &[("count", file.errors.len().into())],
        ));
    }
    if file.rows.is_empty() {
        return Err(Error::said("said-plan-file-empty", &[]));
    }
    Ok(file.topics())
}
