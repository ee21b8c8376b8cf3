//! `zhurnal import students --db FILE --user LOGIN [--date DD.MM.YYYY] FILE.csv|xlsx`: the same
//! reading, checks and all-or-nothing entry as the desktop program's import. The students are
//! enrolled from `--date` (the enrolment order's date) or else today. Bad rows are printed with
//! their numbers and reasons, and the command exits non-zero having changed nothing. Every line
//! is in the locale's language, as the other commands' are.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::db::Db;
use crate::error::Error;
use crate::i18n::Tr;
use crate::model::{format_date, parse_date};
use fluent_bundle::FluentValue;

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub what: ImportWhat,
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Students with their parents from a class list (CSV or XLSX with a header row).
    Students {
        /// The staff login (administrator or records clerk); the password comes from
        /// ZHURNAL_PASSWORD or a prompt.
        #[arg(long, value_name = "LOGIN")]
        user: String,
        /// Check the file and show what would be entered, without entering it.
        #[arg(long)]
        dry_run: bool,
        /// The day the students join their classes (DD.MM.YYYY or YYYY-MM-DD), e.g. 01.09 of a
        /// year the school starts keeping mid-way; today when left out.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The CSV or XLSX file.
        file: PathBuf,
    },
}

/// A line of what the command did, in the locale's language.
fn say(tr: &Tr, key: &str, args: &[(&str, FluentValue<'_>)]) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{}", tr.t_args(key, args));
}

/// Runs `zhurnal import …` on the journal file `db`.
pub fn run(db: &Path, args: ImportArgs) -> Result<ExitCode, Error> {
    let ImportWhat::Students {
        user,
        dry_run,
        date,
        file,
    } = args.what;
    let tr = Tr::from_env();
    let date = date.as_deref().map(parse_date).transpose()?;
    let mut db = Db::open(db)?;
    let session = crate::cli::cli_login(&mut db, &user)?;
    let sheet = super::import::read_file(&file)?;
    let today = db.clock.today();
    let (year, start) = super::import::target_on(&db.conn, today, date)?;
    let preview = super::import::preview(&db.conn, &session, year, &sheet, today)?;
    let columns: Vec<String> = preview
        .mapping
        .columns
        .iter()
        .map(|(c, f, label)| format!("{} = {}", column_letter(*c, label), tr.t(f.key())))
        .collect();
    say(
        &tr,
        "cli-import-columns",
        &[("columns", columns.join(", ").into())],
    );
    if !preview.errors.is_empty() {
        for e in &preview.errors {
            let (key, value) = e.problem.key();
            eprintln!(
                "{}",
                tr.t_args(
                    "cli-import-row-error",
                    &[
                        ("row", e.row.into()),
                        ("problem", tr.t_args(key, &[("value", value.into())]).into()),
                    ],
                )
            );
        }
        // Rows, not problems: one row may have several.
        let mut rows: Vec<usize> = preview.errors.iter().map(|e| e.row).collect();
        rows.sort_unstable();
        rows.dedup();
        eprintln!(
            "zhurnal: {}",
            tr.t_args("cli-import-rows-bad", &[("n", rows.len().into())])
        );
        return Ok(ExitCode::FAILURE);
    }
    for e in &preview.entries {
        let parents = if e.parents.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = e.parents.iter().map(|p| p.name.full()).collect();
            format!(
                "  {}",
                tr.t_args("cli-import-parents", &[("names", names.join(", ").into())])
            )
        };
        say(
            &tr,
            "cli-import-row",
            &[
                ("row", format!("{:>4}", e.rows[0]).into()),
                ("class", format!("{:<6}", e.class_name).into()),
                ("name", format!("{}{parents}", e.name.full()).into()),
            ],
        );
    }
    let counted = |students: usize, parents: usize| -> [(&'static str, FluentValue<'static>); 3] {
        [
            (
                "students",
                tr.t_args("cli-import-students", &[("n", students.into())])
                    .into(),
            ),
            (
                "parents",
                tr.t_args("cli-import-parents-count", &[("n", parents.into())])
                    .into(),
            ),
            ("date", format_date(start).into()),
        ]
    };
    if dry_run {
        say(
            &tr,
            "cli-import-would",
            &counted(preview.entries.len(), preview.parents()),
        );
        return Ok(ExitCode::SUCCESS);
    }
    let done = super::import::apply(&mut db, &session, year, &preview, start)?;
    say(
        &tr,
        "cli-import-done",
        &counted(done.students, done.parents),
    );
    Ok(ExitCode::SUCCESS)
}

/// "B (Имя)": a column as a spreadsheet names it, with its header.
fn column_letter(c: usize, label: &str) -> String {
    let mut n = c + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{s} ({label})")
}
