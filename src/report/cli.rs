//! `zhurnal report <form> --db FILE --user LOGIN … -o FILE.pdf`: prints a form for archivists and
//! scripts. The password comes from `ZHURNAL_PASSWORD` or a prompt (`cli::cli_login`); what the
//! user may print is decided by the report core, exactly as for the Reports screen. Without
//! `--class`, the ledger and the journal cover the whole school. Messages are plain English.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{Form, PeriodChoice, Progress, Report, ReportError, Request};
use crate::db::Db;
use crate::error::Error;
use crate::model::*;
use crate::school;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormArg {
    /// Weekly summaries for parents (one student, or a class's batch).
    Weekly,
    /// The year-end summary ledger (one class, or the whole school as a bound volume).
    Ledger,
    /// Journal pages (class × subject × period; a whole class; or the whole school).
    Journal,
    /// The progress and quality report for a period or the year.
    Progress,
    /// The attendance report.
    Attendance,
    /// The journal-keeping control report.
    Control,
    /// The mark-change audit report (administrator).
    Audit,
    /// Staff login slips with fresh temporary passwords (administrator).
    Slips,
}

impl From<FormArg> for Form {
    fn from(f: FormArg) -> Form {
        match f {
            FormArg::Weekly => Form::Weekly,
            FormArg::Ledger => Form::Ledger,
            FormArg::Journal => Form::Journal,
            FormArg::Progress => Form::Progress,
            FormArg::Attendance => Form::Attendance,
            FormArg::Control => Form::Control,
            FormArg::Audit => Form::Audit,
            FormArg::Slips => Form::Slips,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Which form to print.
    #[arg(value_enum)]
    pub form: FormArg,
    /// The staff member printing (password from ZHURNAL_PASSWORD or a prompt).
    #[arg(long, value_name = "LOGIN")]
    pub user: String,
    /// One class, e.g. 5А (default for ledger and journal: the whole school).
    #[arg(long, value_name = "CLASS")]
    pub class: Option<String>,
    /// One subject, by name or short name, e.g. "Русский язык".
    #[arg(long, value_name = "SUBJECT")]
    pub subject: Option<String>,
    /// A period: 1–4 (quarter, trimester or half-year of the class's scheme) or «год».
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// First day (weekly, attendance, control, audit).
    #[arg(long, value_name = "DD.MM.YYYY")]
    pub from: Option<String>,
    /// Last day.
    #[arg(long, value_name = "DD.MM.YYYY")]
    pub to: Option<String>,
    /// The academic year (default: the current one).
    #[arg(long, value_name = "YYYY/YYYY")]
    pub year: Option<String>,
    /// Weekly: one student, by personal file number or surname (and name).
    #[arg(long, value_name = "STUDENT")]
    pub student: Option<String>,
    /// Weekly: every student of the class, not only families who refused the electronic service.
    #[arg(long)]
    pub all_students: bool,
    /// Slips: the accounts (logins) to reset and print; repeat or separate with commas.
    #[arg(long, value_name = "LOGIN", value_delimiter = ',')]
    pub staff: Vec<String>,
    /// Slips: every active account whose password is still temporary.
    #[arg(long)]
    pub pending: bool,
    /// Where to write the PDF.
    #[arg(short = 'o', long, value_name = "FILE.pdf")]
    pub output: PathBuf,
}

/// Runs `zhurnal report …` on the journal file at `path`.
pub fn run(path: &Path, args: ReportArgs) -> Result<ExitCode, Error> {
    let mut db = Db::open(path)?;
    let session = crate::cli::cli_login(&mut db, &args.user)?;
    let req = request(&db, &args)?;
    let started = std::time::Instant::now();
    // Progress on a terminal only: scripts and logs get the one line at the end.
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut last = -1i32;
    let mut show = |f: f32| {
        let pct = (f * 100.0) as i32;
        if tty && pct / 10 != last / 10 {
            eprint!("\rprinting… {pct:3}%");
            last = pct;
        }
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut progress = Progress::new(&mut show, &cancel);
    let report =
        super::gather(&mut db, &session, &req, &mut progress.part(0.0, 0.5)).map_err(core)?;
    let bytes = report.render(&mut progress.part(0.5, 1.0)).map_err(core)?;
    if tty {
        eprint!("\r{:16}\r", "");
    }
    write_atomically(&args.output, &bytes)?;
    let tr = crate::i18n::Tr::from_env();
    let n = |key: &str, n: usize| tr.t_args(key, &[("n", (n as i64).into())]);
    let what = match &report {
        Report::Weekly(b) => n("cli-report-weekly", b.summaries.len()),
        Report::Ledger(l) => n("cli-report-ledger", l.classes.len()),
        Report::Journal(j) => n(
            "cli-report-journal",
            j.classes.iter().map(|c| c.spreads.len()).sum::<usize>(),
        ),
        Report::Progress(p) => n("cli-report-progress", p.subjects.len()),
        Report::Attendance(a) => n("cli-report-attendance", a.classes.len()),
        Report::Control(c) => n("cli-report-control", c.rows.len()),
        Report::Audit(a) => n("cli-report-audit", a.rows.len()),
        Report::Slips(s) => n("cli-report-slips", s.slips.len()),
    };
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        tr.t_args(
            "cli-report-written",
            &[
                ("path", args.output.display().to_string().into()),
                ("what", what.into()),
                ("kb", (bytes.len().div_ceil(1024) as i64).into()),
                (
                    "seconds",
                    crate::cli::seconds(&tr, started.elapsed().as_secs_f64()).into()
                ),
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn core(e: ReportError) -> Error {
    match e {
        ReportError::Core(e) => e,
        ReportError::Cancelled => Error::said("said-printing-cancelled", &[]),
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Turns the names typed on the command line into a request.
pub fn request(db: &Db, a: &ReportArgs) -> Result<Request, Error> {
    let conn = &db.conn;
    let mut req = Request::new(a.form.into());
    let years = school::years(conn)?;
    let year = match &a.year {
        Some(name) => {
            let start = parse_year_name(name)?;
            years
                .iter()
                .find(|y| y.name == format!("{start}/{}", start + 1))
                .cloned()
                .ok_or_else(|| Error::NotFound(format!("the academic year {name}")))?
        }
        None => school::current_year(conn, db.clock.today())?
            .ok_or_else(|| Error::NotFound("an academic year".into()))?,
    };
    req.year = Some(year.id);
    if let Some(c) = &a.class {
        let want = c.trim().to_lowercase();
        let classes = school::classes(conn, year.id)?;
        let found = classes
            .iter()
            .find(|k| k.name().to_lowercase() == want)
            .ok_or_else(|| {
                let names: Vec<String> = classes.iter().map(|k| k.name()).collect();
                Error::NotFound(format!(
                    "class «{c}» in {} (classes: {})",
                    year.name,
                    names.join(" ")
                ))
            })?;
        req.class = Some(found.id);
    }
    if let Some(s) = &a.subject {
        req.subject = Some(subject(conn, s)?);
    }
    if let Some(p) = &a.period {
        req.period = Some(PeriodChoice::parse(p).map_err(|e| match e {
            ReportError::Core(e) => e,
            ReportError::Cancelled => Error::said("said-printing-cancelled", &[]),
        })?);
    }
    req.from = a.from.as_deref().map(parse_date).transpose()?;
    req.to = a.to.as_deref().map(parse_date).transpose()?;
    req.all_students = a.all_students;
    if let Some(s) = &a.student {
        req.student = Some(student(conn, s, req.class, &year)?);
    }
    if req.form == Form::Slips {
        if a.staff.is_empty() && !a.pending {
            return Err(Error::said("said-slips-name-accounts", &[]));
        }
        for login in &a.staff {
            let id: StaffId = conn
                .prepare_cached("SELECT id FROM staff WHERE login = ?1")?
                .query_row([login.trim()], |r| r.get(0))
                .map_err(|_| Error::NotFound(format!("the account «{login}»")))?;
            req.staff.push(id);
        }
    }
    Ok(req)
}

fn subject(conn: &rusqlite::Connection, typed: &str) -> Result<SubjectId, Error> {
    let want = collate_key(typed.trim());
    let mut st = conn.prepare("SELECT id, name, short_name FROM subject ORDER BY id")?;
    let all: Vec<(SubjectId, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if let Some(s) = all
        .iter()
        .find(|s| collate_key(&s.1) == want || collate_key(&s.2) == want)
    {
        return Ok(s.0);
    }
    let starts: Vec<&(SubjectId, String, String)> = all
        .iter()
        .filter(|s| collate_key(&s.1).starts_with(&want))
        .collect();
    match starts.as_slice() {
        [one] => Ok(one.0),
        [] => Err(Error::NotFound(format!("subject «{typed}»"))),
        many => Err(Error::said(
            "said-ambiguous-subject",
            &[
                ("typed", typed.into()),
                (
                    "options",
                    many.iter()
                        .map(|s| s.1.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ],
        )),
    }
}

/// A student of the year named by personal file number or surname (and name), within the class
/// if one is given. Shared with the Reports screen.
pub fn student(
    conn: &rusqlite::Connection,
    typed: &str,
    class: Option<ClassId>,
    year: &school::Year,
) -> Result<StudentId, Error> {
    let t = typed.trim();
    if let Ok(id) = conn
        .prepare_cached("SELECT id FROM student WHERE file_number = ?1")?
        .query_row([t], |r| r.get::<_, StudentId>(0))
    {
        return Ok(id);
    }
    let words: Vec<String> = t.split_whitespace().map(collate_key).collect();
    let mut st = conn.prepare(
        "SELECT DISTINCT s.id, s.surname, s.name, s.patronymic, cl.grade || cl.letter FROM student s
         JOIN enrolment e ON e.student_id = s.id JOIN class cl ON cl.id = e.class_id
         WHERE cl.year_id = ?1 AND (?2 IS NULL OR cl.id = ?2)",
    )?;
    let found: Vec<(StudentId, String)> = st
        .query_map(rusqlite::params![year.id, class], |r| {
            Ok((
                r.get::<_, StudentId>(0)?,
                [r.get::<_, String>(1)?, r.get(2)?, r.get(3)?],
                r.get::<_, String>(4)?,
            ))
        })?
        .filter_map(|r| r.ok())
        .filter(|(_, parts, _)| {
            words
                .iter()
                .zip(parts.iter())
                .all(|(w, p)| collate_key(p) == *w)
        })
        .map(|(id, parts, class)| (id, format!("{} ({class})", parts.join(" "))))
        .collect();
    let mut ids: Vec<StudentId> = found.iter().map(|f| f.0).collect();
    ids.dedup();
    match ids.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::NotFound(format!("student «{typed}»"))),
        _ => Err(Error::said(
            "said-ambiguous-student",
            &[
                ("typed", typed.into()),
                (
                    "options",
                    found
                        .iter()
                        .map(|f| f.1.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ],
        )),
    }
}
