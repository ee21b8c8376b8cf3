//! Importing students with their parents from a class list as schools keep it: CSV as Russian
//! Excel saves it (semicolons, Windows-1251, dates 01.09.2014), UTF-8 with or without a BOM,
//! UTF-16 "Unicode text", or an XLSX workbook (merged header cells included). Columns are found by
//! a header row in Russian or English, in any order. Reading gives a [`Preview`]: the rows as
//! they will be entered and every bad row with its number and reason. Applying is all-or-nothing,
//! in one transaction, and refused while any row is bad — a bad file changes nothing.
//!
//! The readers never panic, whatever the bytes (a property test feeds them noise).

use std::collections::HashMap;
use std::fmt;
use std::io::Cursor;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{Connection, params};

use super::students::{self, NewParent, NewStudent, Person, Relation};
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::*;

/// A column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Surname,
    Name,
    Patronymic,
    /// Surname, name and patronymic in one column ("ФИО").
    FullName,
    BirthDate,
    Class,
    FileNumber,
    /// The parent's full name.
    Parent,
    Relation,
    Phone,
    Email,
    /// The date consent to personal-data processing was given.
    Consent,
    /// The family refused the electronic service.
    Paper,
}

impl Field {
    /// The i18n key of the column's name (the preview's header).
    pub fn key(self) -> &'static str {
        match self {
            Field::Surname => "import-field-surname",
            Field::Name => "import-field-name",
            Field::Patronymic => "import-field-patronymic",
            Field::FullName => "import-field-full-name",
            Field::BirthDate => "import-field-birth-date",
            Field::Class => "import-field-class",
            Field::FileNumber => "import-field-file-number",
            Field::Parent => "import-field-parent",
            Field::Relation => "import-field-relation",
            Field::Phone => "import-field-phone",
            Field::Email => "import-field-email",
            Field::Consent => "import-field-consent",
            Field::Paper => "import-field-paper",
        }
    }
}

/// A sheet of text cells as read from the file; `rows[i]` is the file's row `i + 1`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    fn cell(&self, r: usize, c: usize) -> &str {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// Reads a CSV or XLSX file by its extension (anything not .xlsx is read as CSV).
pub fn read_file(path: &Path) -> Result<Sheet> {
    let bytes = std::fs::read(path)?;
    let xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    if xlsx || bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(&bytes)
    } else {
        read_csv(&bytes)
    }
}

/// Decodes CSV bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1251.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(Error::said(
                "said-file-encoding-damaged",
                &[("encoding", enc.name().into())],
            ));
        }
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, had_errors) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
    // Windows-1251 maps almost every byte; a text full of control bytes was never a class list.
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\r' | '\n' | '\t'))
        .count();
    if had_errors || controls * 20 > text.chars().count().max(1) {
        return Err(Error::said("said-file-not-text", &[]));
    }
    Ok(text.into_owned())
}

/// Reads CSV bytes; the delimiter (semicolon, comma or tab) is the one the first line uses most.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet> {
    let text = decode(bytes)?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| {
            Error::said(
                "said-csv-line",
                &[("line", (i + 1).into()), ("detail", e.to_string().into())],
            )
        })?;
        rows.push(rec.iter().map(|s| s.to_string()).collect());
    }
    Ok(Sheet { rows })
}

/// Reads the first sheet of an XLSX workbook. A merged cell's text fills its whole region, so a
/// header merged over two rows or several columns names every column under it.
pub fn read_xlsx(bytes: &[u8]) -> Result<Sheet> {
    use calamine::{Reader, Xlsx};
    let bad =
        |e: &dyn fmt::Display| Error::said("said-not-xlsx", &[("detail", e.to_string().into())]);
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| bad(&e))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Error::said("said-xlsx-no-sheets", &[]))?;
    let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
    let merges = match book.worksheet_merge_cells(&name) {
        Some(Ok(m)) => m,
        _ => Vec::new(),
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r1, c1) = range.end().unwrap_or((0, 0));
    // Guard against a workbook claiming a million empty rows.
    const MAX_ROWS: u32 = 20_000;
    const MAX_COLS: u32 = 200;
    if range.is_empty() {
        return Ok(Sheet::default());
    }
    let rows_n = (r1.min(MAX_ROWS) + 1) as usize;
    let cols_n = (c1.min(MAX_COLS) + 1) as usize;
    let mut rows = vec![vec![String::new(); cols_n]; rows_n];
    for (r, c, cell) in range.cells() {
        let (r, c) = (r + r0 as usize, c + c0 as usize);
        if r < rows_n && c < cols_n {
            rows[r][c] = cell_text(cell);
        }
    }
    for m in merges {
        let (sr, sc) = (m.start.0 as usize, m.start.1 as usize);
        if sr >= rows_n || sc >= cols_n {
            continue;
        }
        let v = rows[sr][sc].clone();
        for row in rows
            .iter_mut()
            .take((m.end.0 as usize + 1).min(rows_n))
            .skip(sr)
        {
            for cell in row
                .iter_mut()
                .take((m.end.1 as usize + 1).min(cols_n))
                .skip(sc)
            {
                if cell.is_empty() {
                    *cell = v.clone();
                }
            }
        }
    }
    Ok(Sheet { rows })
}

fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => serial_date(dt.as_f64())
            .map(format_date)
            .unwrap_or_default(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// An Excel serial day number (1900 system) as a date.
fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

fn normalize(s: &str) -> String {
    let lower = collate_key(s);
    let cleaned: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which column a header names, in Russian or English.
pub fn classify(header: &str) -> Option<Field> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    let has = |keys: &[&str]| keys.iter().any(|k| h.contains(k));
    let word = |w: &str| h.split(' ').any(|x| x == w);
    if has(&["телефон", "phone", "тел "]) || word("тел") {
        return Some(Field::Phone);
    }
    if has(&["mail", "почта"]) {
        return Some(Field::Email);
    }
    if has(&["кем приходится", "родств", "relation", "степень"]) {
        return Some(Field::Relation);
    }
    if has(&[
        "родител",
        "parent",
        "представител",
        "guardian",
        "мать",
        "отец",
    ]) {
        return Some(Field::Parent);
    }
    if has(&["рожд", "birth"]) {
        return Some(Field::BirthDate);
    }
    if has(&["согласи", "consent"]) {
        return Some(Field::Consent);
    }
    if has(&["отказ", "бумаж", "paper"]) {
        return Some(Field::Paper);
    }
    if has(&["личн", "дела", "file"]) {
        return Some(Field::FileNumber);
    }
    if has(&["фамил", "surname", "last name", "family name"]) {
        return Some(Field::Surname);
    }
    if has(&["отчеств", "patronymic", "middle name"]) {
        return Some(Field::Patronymic);
    }
    if word("фио") || has(&["full name"]) {
        return Some(Field::FullName);
    }
    if word("имя") || word("name") || has(&["first name", "given name"]) {
        return Some(Field::Name);
    }
    if has(&["класс", "class", "grade"]) {
        return Some(Field::Class);
    }
    None
}

/// Where the header is and which column holds what.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// Index in `Sheet::rows` of the (last) header row.
    pub header_row: usize,
    /// (column, field, the header's text).
    pub columns: Vec<(usize, Field, String)>,
}

impl Mapping {
    fn col(&self, f: Field) -> Option<usize> {
        self.columns.iter().find(|c| c.1 == f).map(|c| c.0)
    }
}

/// Finds the header row among the first ten: the first naming the student's surname and name (or
/// their full name). A two-row header (merged "Родитель" above "ФИО", "Телефон") is read as one.
pub fn find_header(sheet: &Sheet) -> Result<Mapping> {
    for r in 0..sheet.rows.len().min(10) {
        let width = sheet.rows[r].len();
        let mut columns: Vec<(usize, Field, String)> = Vec::new();
        for c in 0..width {
            let this = sheet.cell(r, c);
            let above = if r > 0 { sheet.cell(r - 1, c) } else { "" };
            let combined = format!("{above} {this}");
            let field = if !above.is_empty() && above != this && !this.is_empty() {
                classify(&combined).or_else(|| classify(this))
            } else {
                classify(this)
            };
            if let Some(f) = field
                && !columns.iter().any(|x| x.1 == f)
            {
                let label = if above.is_empty() || above == this {
                    this.to_string()
                } else {
                    combined.trim().to_string()
                };
                columns.push((c, f, label));
            }
        }
        let has = |f: Field| columns.iter().any(|x| x.1 == f);
        if (has(Field::Surname) && has(Field::Name)) || has(Field::FullName) {
            return Ok(Mapping {
                header_row: r,
                columns,
            });
        }
    }
    Err(Error::said("said-no-header-row", &[]))
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    MissingName,
    BadDate(String),
    UnknownClass(String),
    /// The personal file number or the person is on the journal or in the file already.
    Duplicate(String),
    BadEmail(String),
    /// The importing user may not keep this class's list.
    NotYourClass(String),
}

impl Problem {
    /// The i18n key and its argument.
    pub fn key(&self) -> (&'static str, String) {
        match self {
            Problem::MissingName => ("import-problem-missing-name", String::new()),
            Problem::BadDate(v) => ("import-problem-bad-date", v.clone()),
            Problem::UnknownClass(v) => ("import-problem-unknown-class", v.clone()),
            Problem::Duplicate(v) => ("import-problem-duplicate", v.clone()),
            Problem::BadEmail(v) => ("import-problem-bad-email", v.clone()),
            Problem::NotYourClass(v) => ("import-problem-not-your-class", v.clone()),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingName => f.write_str("no surname or name"),
            Problem::BadDate(v) => write!(f, "«{v}» is not a date (DD.MM.YYYY)"),
            Problem::UnknownClass(v) if v.is_empty() => f.write_str("no class"),
            Problem::UnknownClass(v) => write!(f, "no class «{v}» in this year"),
            Problem::Duplicate(v) => write!(f, "duplicate: {v}"),
            Problem::BadEmail(v) => write!(f, "«{v}» is not an e-mail address"),
            Problem::NotYourClass(v) => write!(f, "you may not keep the list of {v}"),
        }
    }
}

/// A bad row: its number in the file and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub problem: Problem,
}

/// A student as the file gives them, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file's row numbers this student came from (one per parent row).
    pub rows: Vec<usize>,
    pub name: PersonName,
    pub birth_date: Option<NaiveDate>,
    pub class: ClassId,
    pub class_name: String,
    pub file_number: Option<String>,
    pub parents: Vec<NewParent>,
    pub consent: Option<NaiveDate>,
    pub paper: bool,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub mapping: Mapping,
    pub entries: Vec<Entry>,
    pub errors: Vec<RowError>,
}

impl Preview {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && !self.entries.is_empty()
    }
    pub fn parents(&self) -> usize {
        self.entries.iter().map(|e| e.parents.len()).sum()
    }
}

fn parse_any_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    parse_date(t)
        .ok()
        .or_else(|| NaiveDate::parse_from_str(t, "%d/%m/%Y").ok())
        .or_else(|| NaiveDate::parse_from_str(t, "%d.%m.%y").ok())
        .or_else(|| {
            // A date cell Excel exported as its serial number.
            t.parse::<f64>()
                .ok()
                .filter(|n| (10_000.0..80_000.0).contains(n))
                .and_then(serial_date)
        })
}

fn split_name(s: &str) -> PersonName {
    let mut parts = s.split_whitespace();
    PersonName {
        surname: parts.next().unwrap_or("").to_string(),
        name: parts.next().unwrap_or("").to_string(),
        patronymic: parts.collect::<Vec<_>>().join(" "),
    }
}

fn yes(s: &str) -> bool {
    matches!(
        normalize(s).as_str(),
        "да" | "yes" | "y" | "1" | "x" | "х" | "true" | "отказ" | "бумага"
    ) || s.trim() == "+"
}

/// Checks every row against the year's classes and the students already on the journal.
pub fn preview(
    conn: &Connection,
    session: &Session,
    year: YearId,
    sheet: &Sheet,
    today: NaiveDate,
) -> Result<Preview> {
    let mapping = find_header(sheet)?;
    let classes: HashMap<(u8, String), (ClassId, String)> = crate::school::classes(conn, year)?
        .into_iter()
        .map(|c| ((c.grade, c.letter.to_uppercase()), (c.id, c.name())))
        .collect();
    let keepable: Vec<ClassId> = students::keepable_classes(conn, session, year)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let get = |r: usize, f: Field| mapping.col(f).map(|c| sheet.cell(r, c)).unwrap_or("");
    let mut entries: Vec<Entry> = Vec::new();
    let mut errors = Vec::new();
    // Who is in the file so far: by file number and by name + birth date.
    let mut by_number: HashMap<String, usize> = HashMap::new();
    let mut by_person: HashMap<(String, Option<NaiveDate>), usize> = HashMap::new();
    for r in mapping.header_row + 1..sheet.rows.len() {
        let row_no = r + 1;
        if sheet.rows[r].iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut problems = Vec::new();
        let name = if mapping.col(Field::Surname).is_some() {
            PersonName {
                surname: get(r, Field::Surname).to_string(),
                name: get(r, Field::Name).to_string(),
                patronymic: get(r, Field::Patronymic).to_string(),
            }
        } else {
            split_name(get(r, Field::FullName))
        };
        if name.surname.is_empty() || name.name.is_empty() {
            problems.push(Problem::MissingName);
        }
        let birth_text = get(r, Field::BirthDate);
        let birth_date = if birth_text.is_empty() {
            None
        } else {
            match parse_any_date(birth_text) {
                Some(d) if d.year() >= 1990 && d <= today => Some(d),
                _ => {
                    problems.push(Problem::BadDate(birth_text.to_string()));
                    None
                }
            }
        };
        let class_text = get(r, Field::Class);
        let class = crate::setup::classes::parse_class_name(class_text)
            .and_then(|(g, l)| classes.get(&(g, l.to_uppercase())).cloned());
        match &class {
            None => problems.push(Problem::UnknownClass(class_text.to_string())),
            Some((id, n)) if !keepable.contains(id) => {
                problems.push(Problem::NotYourClass(n.clone()))
            }
            _ => {}
        }
        let file_number = Some(get(r, Field::FileNumber).to_string()).filter(|n| !n.is_empty());
        let parent_text = get(r, Field::Parent);
        let email = get(r, Field::Email).to_string();
        if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
            problems.push(Problem::BadEmail(email.clone()));
        }
        let parent = (!parent_text.is_empty()).then(|| {
            let pname = split_name(parent_text);
            NewParent {
                relation: Relation::parse(get(r, Field::Relation))
                    .unwrap_or_else(|| Relation::guess(&pname)),
                name: pname,
                phone: get(r, Field::Phone).to_string(),
                email: email.clone(),
            }
        });
        if let Some(p) = &parent
            && p.name.name.is_empty()
        {
            problems.push(Problem::MissingName);
        }
        let consent_text = get(r, Field::Consent);
        let consent = if consent_text.is_empty() {
            None
        } else if yes(consent_text) {
            Some(today)
        } else {
            // A consent is signed on paper before it is entered: never after today.
            match parse_any_date(consent_text).filter(|d| *d <= today) {
                Some(d) => Some(d),
                None => {
                    problems.push(Problem::BadDate(consent_text.to_string()));
                    None
                }
            }
        };
        let paper = yes(get(r, Field::Paper));
        // The same student again: another parent row, or a duplicate.
        let person_key = (collate_key(&name.full()), birth_date);
        let earlier = file_number
            .as_ref()
            .and_then(|n| by_number.get(n))
            .or_else(|| by_person.get(&person_key))
            .copied();
        if let Some(i) = earlier {
            let e: &Entry = &entries[i];
            let same = collate_key(&e.name.full()) == person_key.0
                && e.birth_date == birth_date
                && class.as_ref().map(|c| c.0) == Some(e.class)
                && e.file_number == file_number;
            if !same {
                problems.push(Problem::Duplicate(format!(
                    "{} (row {})",
                    file_number.clone().unwrap_or_else(|| name.full()),
                    e.rows[0]
                )));
            } else if problems.is_empty() {
                let e = &mut entries[i];
                e.rows.push(row_no);
                e.parents.extend(parent);
                e.consent = e.consent.or(consent);
                e.paper |= paper;
                continue;
            }
        }
        if problems.is_empty() {
            if let Some(n) = &file_number {
                let taken: bool = conn
                    .prepare_cached("SELECT EXISTS(SELECT 1 FROM student WHERE file_number = ?1)")?
                    .query_row([n], |r| r.get(0))?;
                if taken {
                    problems.push(Problem::Duplicate(format!("№ {n}")));
                }
            }
            let on_journal: bool = conn
                .prepare_cached(
                    "SELECT EXISTS(SELECT 1 FROM student s JOIN enrolment e ON e.student_id = s.id
                   JOIN class c ON c.id = e.class_id
                 WHERE c.year_id = ?5 AND e.end_date IS NULL AND s.surname = ?1 AND s.name = ?2
                   AND s.patronymic = ?3 AND s.birth_date IS ?4)",
                )?
                .query_row(
                    params![name.surname, name.name, name.patronymic, birth_date, year],
                    |r| r.get(0),
                )?;
            if on_journal {
                problems.push(Problem::Duplicate(name.full()));
            }
        }
        if !problems.is_empty() {
            errors.extend(problems.into_iter().map(|problem| RowError {
                row: row_no,
                problem,
            }));
            continue;
        }
        let (class, class_name) = class.expect("checked above");
        if let Some(n) = &file_number {
            by_number.insert(n.clone(), entries.len());
        }
        by_person.insert(person_key, entries.len());
        entries.push(Entry {
            rows: vec![row_no],
            name,
            birth_date,
            class,
            class_name,
            file_number,
            parents: parent.into_iter().collect(),
            consent,
            paper,
        });
    }
    if entries.is_empty() && errors.is_empty() {
        return Err(Error::said("said-no-students-in-file", &[]));
    }
    Ok(Preview {
        mapping,
        entries,
        errors,
    })
}

/// What an import entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub students: usize,
    pub parents: usize,
}

/// Enters a clean preview: every student enrolled from `start`, with parents, consents and the
/// paper choice — in one transaction, or nothing at all.
pub fn apply(
    db: &mut Db,
    session: &Session,
    year: YearId,
    preview: &Preview,
    start: NaiveDate,
) -> Result<Imported> {
    if !preview.errors.is_empty() {
        return Err(Error::said(
            "said-import-rows-bad",
            &[("count", preview.errors.len().into())],
        ));
    }
    let now = db.clock.now();
    let tx = db.immediate()?;
    super::open_year(&tx, year)?;
    let mut parents = 0;
    for e in &preview.entries {
        super::classes::require_class_keeper(&tx, session, e.class, &[Role::Clerk])?;
        let id = students::insert_student(
            &tx,
            now,
            &NewStudent {
                name: e.name.clone(),
                birth_date: e.birth_date,
                file_number: e.file_number.clone(),
                class: e.class,
                start,
                gender: None,
            },
        )?;
        for p in &e.parents {
            let pid = students::insert_parent(&tx, id, p)?;
            if let Some(d) = e.consent {
                students::write_consent(&tx, Person::Parent(pid), Some(d), d)?;
            }
            parents += 1;
        }
        if let Some(d) = e.consent {
            students::write_consent(&tx, Person::Student(id), Some(d), d)?;
        }
        if e.paper {
            tx.prepare_cached(
                "UPDATE student SET paper_reports = 1, paper_since = ?2 WHERE id = ?1",
            )?
            .execute(params![id, start])?;
        }
        crate::audit::record(
            &tx,
            now,
            &crate::audit::Entry {
                staff: Some(session.staff),
                action: "import",
                entity: "student",
                entity_id: Some(id.0),
                student: Some(id),
                new: Some(format!("{} → {} from {start}", e.name.full(), e.class_name)),
                ..Default::default()
            },
        )?;
    }
    tx.commit()?;
    Ok(Imported {
        students: preview.entries.len(),
        parents,
    })
}

/// The year an import goes into and the day the students join: today inside the current year,
/// else the year's first day.
pub fn target(conn: &Connection, today: NaiveDate) -> Result<(YearId, NaiveDate)> {
    target_on(conn, today, None)
}

/// The same with the day the students join given (the enrolment order's date: a school that
/// starts using the journal mid-year enters 01.09); it must lie inside the current year.
pub fn target_on(
    conn: &Connection,
    today: NaiveDate,
    start: Option<NaiveDate>,
) -> Result<(YearId, NaiveDate)> {
    let y = crate::school::current_year(conn, today)?
        .ok_or_else(|| Error::said("said-no-year-yet", &[]))?;
    match start {
        Some(d) if d < y.start || d > y.end => {
            Err(Error::said("said-date-outside-year", &[("date", d.into())]))
        }
        Some(d) => Ok((y.id, d)),
        None => Ok((y.id, today.clamp(y.start, y.end))),
    }
}
