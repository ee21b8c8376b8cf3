//! Paper: the journal's printed forms (DOMAIN.md, "Paper: what must print"). Each form is three
//! steps kept apart — a query that gathers plain data from the journal (checking the printing
//! staff member's rights), a plain report model (the GUI shows its figures, the tests check them),
//! and a pure renderer from the model to PDF bytes. Renderers read no database.
//!
//! [`Request`] / [`gather`] / [`Report::render`] are the one entry point for the CLI and the
//! Reports screen; big batches report progress and can be cancelled through [`Progress`].
//! Forms' Russian words live in `i18n/print-ru.ftl` ([`text`]).

pub mod attendance;
pub mod audit;
pub mod cli;
pub mod control;
pub mod journal;
pub mod ledger;
pub mod progress;
pub mod slips;
pub mod stats;
pub mod text;
mod volume;
pub mod weekly;

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use rusqlite::{Connection, OptionalExtension, params};

use crate::auth::{self, Session};
use crate::db::Db;
use crate::error::{Denied, Error};
use crate::model::*;
use crate::pdf::Frame;
use crate::school::{self, ClassInfo, Year};
use text::{t, ta};

/// Why a report did not come out.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Core(#[from] Error),
    #[error("printing was cancelled")]
    Cancelled,
}

impl From<rusqlite::Error> for ReportError {
    fn from(e: rusqlite::Error) -> Self {
        ReportError::Core(e.into())
    }
}

impl From<Denied> for ReportError {
    fn from(d: Denied) -> Self {
        ReportError::Core(d.into())
    }
}

pub type Result<T, E = ReportError> = std::result::Result<T, E>;

/// How far a long job got, and a way to stop it: the GUI passes a callback (to move its progress
/// bar) and a flag its Cancel button sets; the CLI and tests pass [`Progress::none`].
pub struct Progress<'a> {
    report: Option<&'a mut dyn FnMut(f32)>,
    cancel: Option<&'a AtomicBool>,
    lo: f32,
    hi: f32,
}

impl<'a> Progress<'a> {
    /// No reporting, no cancelling.
    pub fn none() -> Progress<'static> {
        Progress {
            report: None,
            cancel: None,
            lo: 0.0,
            hi: 1.0,
        }
    }

    /// Calls `report` with the fraction done (0.0–1.0); stops with [`ReportError::Cancelled`]
    /// soon after `cancel` becomes true.
    pub fn new(report: &'a mut dyn FnMut(f32), cancel: &'a AtomicBool) -> Progress<'a> {
        Progress {
            report: Some(report),
            cancel: Some(cancel),
            lo: 0.0,
            hi: 1.0,
        }
    }

    /// A part of this job, `lo..hi` of the whole: a gather and a render share one bar.
    pub fn part(&mut self, lo: f32, hi: f32) -> Progress<'_> {
        let span = self.hi - self.lo;
        Progress {
            report: self.report.as_deref_mut().map(|r| r as &mut dyn FnMut(f32)),
            cancel: self.cancel,
            lo: self.lo + span * lo,
            hi: self.lo + span * hi,
        }
    }

    /// Reports `fraction` of this part done; fails if the job was cancelled.
    pub fn step(&mut self, fraction: f32) -> Result<()> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(ReportError::Cancelled);
        }
        if let Some(r) = self.report.as_deref_mut() {
            r(self.lo + (self.hi - self.lo) * fraction.clamp(0.0, 1.0));
        }
        Ok(())
    }
}

/// What every official copy carries: the school, who printed it and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Imprint {
    pub school: String,
    pub address: String,
    /// The director's full name as the school profile has it.
    pub director: String,
    pub printed_by: PersonName,
    /// The printing staff member's most senior role, in Russian.
    pub printed_role: String,
    pub printed_at: NaiveDateTime,
}

impl Imprint {
    pub fn new(conn: &Connection, session: &Session, at: NaiveDateTime) -> Result<Imprint> {
        let school =
            school::profile(conn)?.ok_or_else(|| Error::NotFound("the school profile".into()))?;
        let role = [
            Role::Director,
            Role::Deputy,
            Role::Admin,
            Role::Archivist,
            Role::ClassTeacher,
            Role::Teacher,
            Role::Clerk,
        ]
        .into_iter()
        .find(|r| session.has(*r))
        .map(role_name)
        .unwrap_or_default();
        Ok(Imprint {
            school: school.name,
            address: school.address,
            director: school.director,
            printed_by: session.name.clone(),
            printed_role: role,
            printed_at: at,
        })
    }

    /// "Напечатано 20.11.2026 в 14:00, Петрова Н. С. (администратор)".
    pub fn printed_line(&self) -> String {
        ta(
            "printed-by",
            &[
                ("date", format_date(self.printed_at.date()).into()),
                ("time", self.printed_at.format("%H:%M").to_string().into()),
                ("name", self.printed_by.short().into()),
                ("role", self.printed_role.to_lowercase().into()),
            ],
        )
    }

    /// The running head and foot for pages of the form titled `title`.
    pub fn frame(&self, title: &str) -> Frame {
        Frame {
            school: self.school.clone(),
            title: title.to_string(),
            printed: self.printed_line(),
            page_label: t("page-n-of-m"),
        }
    }

    /// A landscape form over a date range, numbered through: its running head and foot, the first
    /// page begun with the title in capitals and "за период с … по …" under it.
    pub fn range_form(&self, title: &str, from: NaiveDate, to: NaiveDate) -> crate::pdf::Layout {
        use crate::pdf::{Align, Font, Layout, Numbering, Orientation};
        let range = ta(
            "range",
            &[
                ("from", format_date(from).into()),
                ("to", format_date(to).into()),
            ],
        );
        let mut l = Layout::new(
            &format!("{title} — {range}"),
            Orientation::Landscape,
            Numbering::Document,
        );
        l.set_info(&self.printed_by.full(), self.printed_at);
        l.set_frame(Some(self.frame(&format!("{title} · {range}"))));
        l.new_page();
        l.paragraph(&title.to_uppercase(), Font::bold(11.0), Align::Center);
        l.paragraph(&range, Font::regular(10.0), Align::Center);
        l
    }

    /// The director as a signature shows them: "Соколова И. В.".
    pub fn director_short(&self) -> String {
        short_name(&self.director)
    }
}

/// "Соколова Ирина Владимировна" → "Соколова И. В.".
pub fn short_name(full: &str) -> String {
    let mut parts = full.split_whitespace();
    let Some(surname) = parts.next() else {
        return String::new();
    };
    let initials: Vec<String> = parts
        .filter_map(|p| p.chars().next())
        .map(|c| format!("{c}."))
        .collect();
    if initials.is_empty() {
        surname.to_string()
    } else {
        format!("{surname} {}", initials.join(" "))
    }
}

pub fn role_name(r: Role) -> String {
    t(match r {
        Role::Admin => "role-admin",
        Role::Director => "role-director",
        Role::Deputy => "role-deputy",
        Role::ClassTeacher => "role-class-teacher",
        Role::Teacher => "role-teacher",
        Role::Clerk => "role-clerk",
        Role::Archivist => "role-archivist",
    })
}

// ---- who may print what (DOMAIN.md's role table) ------------------------------------------------

/// The session as it stands now: roles re-read, a switched-off account refused.
fn current(conn: &Connection, session: &Session) -> Result<Session> {
    Ok(auth::refresh(conn, session)?)
}

/// Director, deputy, archivist and administrator read and print everything.
pub fn reads_all(s: &Session) -> bool {
    s.has(Role::Admin) || s.has(Role::Director) || s.has(Role::Deputy) || s.has(Role::Archivist)
}

/// May the session print class-wide forms (weekly summaries, the class's ledger) of this class?
/// Those who read everything, and the class's own class teacher.
pub fn may_print_class(s: &Session, class: &ClassInfo) -> bool {
    reads_all(s) || class.class_teacher == Some(s.staff)
}

/// The forms of paper the program prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    Weekly,
    Ledger,
    Journal,
    Progress,
    Attendance,
    Control,
    Audit,
    Slips,
}

impl Form {
    pub const ALL: [Form; 8] = [
        Form::Weekly,
        Form::Ledger,
        Form::Journal,
        Form::Progress,
        Form::Attendance,
        Form::Control,
        Form::Audit,
        Form::Slips,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Form::Weekly => "weekly",
            Form::Ledger => "ledger",
            Form::Journal => "journal",
            Form::Progress => "progress",
            Form::Attendance => "attendance",
            Form::Control => "control",
            Form::Audit => "audit",
            Form::Slips => "slips",
        }
    }

    /// The form's name on paper and on the Reports screen.
    pub fn title(self) -> String {
        t(&format!("form-{}", self.code()))
    }

    /// Whether the session's roles allow printing this form at all (the Reports screen lists only
    /// these). What exactly they may print in it is checked when the data is gathered.
    pub fn allowed(self, s: &Session) -> bool {
        let teaches = s.has(Role::Teacher) || s.has(Role::ClassTeacher);
        match self {
            Form::Weekly | Form::Ledger => reads_all(s) || s.has(Role::ClassTeacher),
            Form::Journal | Form::Progress | Form::Attendance | Form::Control => {
                reads_all(s) || teaches
            }
            Form::Audit | Form::Slips => s.has(Role::Admin),
        }
    }
}

/// A reporting period of the class's grade, or the whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    /// The n-th quarter, trimester or half-year of the class's scheme.
    Number(u32),
    Year,
}

impl PeriodChoice {
    /// Reads "2", "II", "год", "year".
    pub fn parse(s: &str) -> Result<PeriodChoice> {
        let t = s.trim().to_lowercase();
        let roman = ["i", "ii", "iii", "iv"];
        if let Some(i) = roman.iter().position(|r| *r == t) {
            return Ok(PeriodChoice::Number(i as u32 + 1));
        }
        match t.as_str() {
            "год" | "year" | "y" => Ok(PeriodChoice::Year),
            _ => t
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=4).contains(n))
                .map(PeriodChoice::Number)
                .ok_or_else(|| Error::said("said-not-a-period", &[("value", s.into())]).into()),
        }
    }
}

/// "II четверть", "1 полугодие", "2 триместр".
pub fn period_label(p: &school::Period) -> String {
    let roman = ["I", "II", "III", "IV"];
    let n = roman
        .get(p.number as usize - 1)
        .map(|r| r.to_string())
        .unwrap_or_else(|| p.number.to_string());
    match p.scheme {
        Scheme::Quarter => ta("period-quarter", &[("n", n.into())]),
        Scheme::Trimester => ta("period-trimester", &[("n", p.number.to_string().into())]),
        Scheme::Half => ta("period-half", &[("n", p.number.to_string().into())]),
    }
}

/// Roman numeral of a period number for narrow column heads.
pub fn roman(n: u32) -> String {
    ["I", "II", "III", "IV", "V", "VI"]
        .get(n as usize - 1)
        .map(|s| s.to_string())
        .unwrap_or_else(|| n.to_string())
}

/// The academic year asked for, or the one `today` falls in.
pub fn year(conn: &Connection, id: Option<YearId>, today: NaiveDate) -> Result<Year> {
    let years = school::years(conn)?;
    match id {
        Some(id) => years
            .into_iter()
            .find(|y| y.id == id)
            .ok_or_else(|| Error::NotFound(format!("year #{id}")).into()),
        None => Ok(school::current_year(conn, today)?
            .ok_or_else(|| Error::NotFound("an academic year".into()))?),
    }
}

pub fn class_info(conn: &Connection, id: ClassId) -> Result<ClassInfo> {
    conn.prepare_cached(
        "SELECT id, year_id, grade, letter, class_teacher_id FROM class WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(ClassInfo {
            id: r.get(0)?,
            year: r.get(1)?,
            grade: r.get(2)?,
            letter: r.get(3)?,
            class_teacher: r.get(4)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("class #{id}")).into())
}

pub fn staff_name(conn: &Connection, id: StaffId) -> Result<PersonName> {
    Ok(conn
        .prepare_cached("SELECT surname, name, patronymic FROM staff WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(PersonName {
                surname: r.get(0)?,
                name: r.get(1)?,
                patronymic: r.get(2)?,
            })
        })?)
}

/// A student on a class's list, with their stays in the class.
#[derive(Debug, Clone, PartialEq)]
pub struct Pupil {
    pub id: StudentId,
    pub name: PersonName,
    pub female: bool,
    pub paper: bool,
    pub spans: Vec<crate::journal::Span>,
    /// How the last stay ended, if it did.
    pub end_reason: Option<String>,
}

impl Pupil {
    pub fn on(&self, d: NaiveDate) -> bool {
        self.spans.iter().any(|s| s.contains(d))
    }
    pub fn left_on(&self) -> Option<NaiveDate> {
        let last = self.spans.iter().max_by_key(|s| s.start)?;
        last.end
    }
}

/// Everyone who belonged to the class on any day from `from` to `to`, alphabetical.
pub fn class_pupils(
    conn: &Connection,
    class: ClassId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Pupil>> {
    let mut st = conn.prepare_cached(
        "SELECT s.id, s.surname, s.name, s.patronymic, s.gender, s.paper_reports, e.start_date, e.end_date, e.end_reason
         FROM enrolment e JOIN student s ON s.id = e.student_id
         WHERE e.class_id = ?1 AND e.start_date <= ?3 AND (e.end_date IS NULL OR e.end_date >= ?2)
         ORDER BY e.start_date",
    )?;
    let mut rows = st.query(params![class, from, to])?;
    let mut out: Vec<Pupil> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: StudentId = r.get(0)?;
        let span = crate::journal::Span {
            start: r.get(6)?,
            end: r.get(7)?,
        };
        let reason: Option<String> = r.get(8)?;
        if let Some(p) = out.iter_mut().find(|p| p.id == id) {
            p.spans.push(span);
            p.end_reason = reason;
            continue;
        }
        out.push(Pupil {
            id,
            name: PersonName {
                surname: r.get(1)?,
                name: r.get(2)?,
                patronymic: r.get(3)?,
            },
            female: r.get::<_, Option<String>>(4)?.as_deref() == Some("f"),
            paper: r.get(5)?,
            spans: vec![span],
            end_reason: reason,
        });
    }
    out.sort_by_cached_key(|p| {
        (
            collate_key(&p.name.surname),
            collate_key(&p.name.name),
            collate_key(&p.name.patronymic),
        )
    });
    Ok(out)
}

/// The last school week before `today`: Monday to Saturday of the previous week, or of this week
/// when it is already the weekend.
pub fn last_school_week(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let monday = if matches!(today.weekday(), Weekday::Sat | Weekday::Sun) {
        monday
    } else {
        monday - Days::new(7)
    };
    (monday, monday + Days::new(5))
}

/// The certification of an official copy: "Верно.", the director's signature, the seal's place.
pub(crate) fn certification(l: &mut crate::pdf::Layout, imprint: &Imprint) {
    use crate::pdf::{Align, Font};
    let f = Font::regular(10.0);
    l.ensure_room(f.line_height() * 7.0);
    l.advance(2.0);
    l.paragraph(&t("cert-true-copy"), Font::bold(10.0), Align::Left);
    l.signature(&t("sign-director"), &imprint.director_short(), f);
    l.paragraph(&t("cert-seal"), f, Align::Left);
}

// ---- numbers as Russian paper writes them ---------------------------------------------------------

/// One decimal with a comma: 87,5. A dash when there is nothing to divide.
pub fn pct(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{x:.1}").replace('.', ","),
        None => "—".into(),
    }
}

/// Two decimals with a comma: 4,25.
pub fn dec2(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{x:.2}").replace('.', ","),
        None => "—".into(),
    }
}

/// `part · 100 / whole`, when there is a whole.
pub fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

// ---- one entry point for the CLI and the Reports screen ---------------------------------------

/// What to print: a form and its parameters. Unused parameters are ignored by a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub form: Form,
    pub year: Option<YearId>,
    /// One class; `None` means the whole school (the ledger and the journal bind a volume).
    pub class: Option<ClassId>,
    pub subject: Option<SubjectId>,
    pub period: Option<PeriodChoice>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The weekly summary of one student.
    pub student: Option<StudentId>,
    /// The weekly batch for every student of the class, not only families on paper.
    pub all_students: bool,
    /// Login slips: the accounts to reset and print; empty means every account whose password is
    /// still temporary.
    pub staff: Vec<StaffId>,
}

impl Request {
    pub fn new(form: Form) -> Request {
        Request {
            form,
            year: None,
            class: None,
            subject: None,
            period: None,
            from: None,
            to: None,
            student: None,
            all_students: false,
            staff: Vec::new(),
        }
    }
}

/// A gathered report: the model the screen shows figures from and the renderer prints.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    Weekly(weekly::WeeklyBatch),
    Ledger(ledger::Ledger),
    Journal(journal::JournalBook),
    Progress(progress::ProgressReport),
    Attendance(attendance::AttendanceReport),
    Control(control::ControlReport),
    Audit(audit::AuditReport),
    Slips(slips::SlipsReport),
}

/// Gathers the data of a request as the session may see it. Login slips reset passwords, hence
/// the `&mut Db`.
pub fn gather(
    db: &mut Db,
    session: &Session,
    req: &Request,
    progress: &mut Progress,
) -> Result<Report> {
    let today = db.clock.today();
    let year_of = |db: &Db| year(&db.conn, req.year, today);
    Ok(match req.form {
        Form::Weekly => {
            let (dfrom, dto) = last_school_week(today);
            let (from, to) = (req.from.unwrap_or(dfrom), req.to.unwrap_or(dto));
            let batch = match (req.student, req.class) {
                (Some(s), _) => weekly::gather_student(db, session, s, from, to)?,
                (None, Some(c)) => {
                    let who = if req.all_students {
                        weekly::Who::Everyone
                    } else {
                        weekly::Who::PaperOnly
                    };
                    weekly::gather_class(db, session, c, from, to, who, progress)?
                }
                (None, None) => {
                    return Err(Error::said("said-weekly-needs-class", &[]).into());
                }
            };
            Report::Weekly(batch)
        }
        Form::Ledger => {
            let y = year_of(db)?;
            Report::Ledger(match req.class {
                Some(c) => ledger::gather_class(db, session, c)?,
                None => ledger::gather_school(db, session, &y, progress)?,
            })
        }
        Form::Journal => {
            let y = year_of(db)?;
            Report::Journal(journal::gather(
                db,
                session,
                &y,
                req.class,
                req.subject,
                req.period,
                progress,
            )?)
        }
        Form::Progress => {
            let y = year_of(db)?;
            let choice = req
                .period
                .ok_or_else(|| Error::said("said-progress-needs-period", &[]))?;
            Report::Progress(progress::gather(
                db, session, &y, choice, req.class, progress,
            )?)
        }
        Form::Attendance => {
            let y = year_of(db)?;
            Report::Attendance(attendance::gather(
                db,
                session,
                &y,
                req.class,
                req.subject,
                req.period,
                req.from,
                req.to,
            )?)
        }
        Form::Control => {
            let (dfrom, dto) = last_school_week(today);
            Report::Control(control::gather(
                db,
                session,
                req.from.unwrap_or(dfrom),
                req.to.unwrap_or(dto),
                req.class,
            )?)
        }
        Form::Audit => {
            let y = year_of(db)?;
            let from = req.from.unwrap_or(y.start);
            let to = req.to.unwrap_or(today);
            Report::Audit(audit::gather(
                db,
                session,
                from,
                to,
                req.class,
                req.subject,
            )?)
        }
        Form::Slips => Report::Slips(slips::issue(db, session, &req.staff)?),
    })
}

impl Report {
    /// The PDF.
    pub fn render(&self, progress: &mut Progress) -> Result<Vec<u8>> {
        match self {
            Report::Weekly(r) => weekly::render(r, progress),
            Report::Ledger(r) => ledger::render(r, progress),
            Report::Journal(r) => journal::render(r, progress),
            Report::Progress(r) => Ok(progress::render(r)),
            Report::Attendance(r) => Ok(attendance::render(r)),
            Report::Control(r) => Ok(control::render(r)),
            Report::Audit(r) => Ok(audit::render(r)),
            Report::Slips(r) => Ok(slips::render(r)),
        }
    }

    pub fn form(&self) -> Form {
        match self {
            Report::Weekly(_) => Form::Weekly,
            Report::Ledger(_) => Form::Ledger,
            Report::Journal(_) => Form::Journal,
            Report::Progress(_) => Form::Progress,
            Report::Attendance(_) => Form::Attendance,
            Report::Control(_) => Form::Control,
            Report::Audit(_) => Form::Audit,
            Report::Slips(_) => Form::Slips,
        }
    }
}

impl Report {
    /// A file name for the save dialog: the form, whom it covers, the date printed —
    /// "Сводная ведомость итоговой успеваемости 9А 2025-2026.pdf".
    pub fn file_name(&self) -> String {
        let (what, date): (String, NaiveDate) = match self {
            Report::Weekly(b) => {
                let who = match b.summaries.as_slice() {
                    [one] => format!("{} {}", b.class_name, one.name.short()),
                    _ => b.class_name.clone(),
                };
                (
                    format!(
                        "{who} {}-{}",
                        b.from.format("%d.%m"),
                        b.to.format("%d.%m.%Y")
                    ),
                    b.imprint.printed_at.date(),
                )
            }
            Report::Ledger(l) => {
                let who = match l.classes.as_slice() {
                    [one] if !l.whole_school => one.class_name.clone(),
                    _ => t("whole-school"),
                };
                (
                    format!("{who} {}", l.year_name.replace('/', "-")),
                    l.imprint.printed_at.date(),
                )
            }
            Report::Journal(j) => {
                let who = match j.classes.as_slice() {
                    [one] => match one.spreads.as_slice() {
                        [s] => format!("{} {} {}", one.class_name, s.subject, s.period_label),
                        _ => one.class_name.clone(),
                    },
                    _ => t("whole-school"),
                };
                (
                    format!("{who} {}", j.year_name.replace('/', "-")),
                    j.imprint.printed_at.date(),
                )
            }
            Report::Progress(p) => (p.period_name.clone(), p.imprint.printed_at.date()),
            Report::Attendance(a) => (a.year_name.replace('/', "-"), a.imprint.printed_at.date()),
            Report::Control(c) => (
                format!("{}-{}", c.from.format("%d.%m"), c.to.format("%d.%m.%Y")),
                c.imprint.printed_at.date(),
            ),
            Report::Audit(a) => (
                format!("{}-{}", a.from.format("%d.%m"), a.to.format("%d.%m.%Y")),
                a.imprint.printed_at.date(),
            ),
            Report::Slips(s) => (String::new(), s.imprint.printed_at.date()),
        };
        let name = format!("{} {what} {}", self.form().title(), format_date(date));
        let clean: String = name
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        format!(
            "{}.pdf",
            clean.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    }
}

/// The classes the session may choose for a form on the Reports screen: all of them for those who
/// read everything, their own class for a class teacher's class-wide forms, the classes they teach
/// for a teacher's course forms, none for the administrator's own forms (they take no class).
pub fn classes_for(
    conn: &Connection,
    session: &Session,
    form: Form,
    year: YearId,
) -> Result<Vec<ClassInfo>> {
    let s = current(conn, session)?;
    let all = school::classes(conn, year)?;
    if !form.allowed(&s) || matches!(form, Form::Slips) {
        return Ok(Vec::new());
    }
    if reads_all(&s) {
        return Ok(all);
    }
    Ok(match form {
        Form::Weekly | Form::Ledger => all
            .into_iter()
            .filter(|c| c.class_teacher == Some(s.staff))
            .collect(),
        _ => {
            let visible: std::collections::HashSet<ClassId> =
                school::visible_courses(conn, &s, year)?
                    .into_iter()
                    .map(|c| c.class)
                    .collect();
            all.into_iter()
                .filter(|c| visible.contains(&c.id))
                .collect()
        }
    })
}

/// The printed forms that go into a year's archive folder (seeds 001 §2.7–2.8): the whole school's
/// year-end ledger and each class's journal for the year, printed as `session` (the administrator
/// or the archivist closing the year). For `archive::archive_year`.
pub fn archive_documents(
    conn: &Connection,
    session: &Session,
    year: YearId,
) -> crate::Result<Vec<crate::archive::Document<'static>>> {
    let name = school::years(conn)?
        .into_iter()
        .find(|y| y.id == year)
        .map(|y| y.name.replace('/', "-"))
        .ok_or_else(|| Error::NotFound(format!("year #{year}")))?;
    let core = |e: ReportError| match e {
        ReportError::Core(e) => e,
        ReportError::Cancelled => Error::said("said-printing-cancelled", &[]),
    };
    let the_year = move |db: &Db| -> crate::Result<Year> {
        school::years(&db.conn)?
            .into_iter()
            .find(|y| y.id == year)
            .ok_or_else(|| Error::NotFound(format!("year #{year}")))
    };
    let mut docs = Vec::new();
    let s = session.clone();
    docs.push(crate::archive::Document {
        name: format!("ledger-{name}.pdf"),
        covers: t("form-ledger"),
        render: Box::new(move |db: &Db| {
            let y = the_year(db)?;
            let l = ledger::gather_school(db, &s, &y, &mut Progress::none()).map_err(core)?;
            ledger::render(&l, &mut Progress::none()).map_err(core)
        }),
    });
    for c in school::classes(conn, year)? {
        let s = session.clone();
        let class = c.id;
        docs.push(crate::archive::Document {
            name: format!("journal-{name}-{}.pdf", c.name()),
            covers: ta("archive-journal", &[("class", c.name().into())]),
            render: Box::new(move |db: &Db| {
                let y = the_year(db)?;
                let book = journal::gather(
                    db,
                    &s,
                    &y,
                    Some(class),
                    None,
                    Some(PeriodChoice::Year),
                    &mut Progress::none(),
                )
                .map_err(core)?;
                journal::render(&book, &mut Progress::none()).map_err(core)
            }),
        });
    }
    Ok(docs)
}
