//! `zhurnal import students --db FILE --user LOGIN FILE.csv|xlsx`: the same reading, checks and
//! all-or-nothing entry as the desktop program's import. Bad rows are printed with their numbers
//! and reasons, and the command exits non-zero having changed nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::db::Db;
use crate::error::Error;

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
        /// The CSV or XLSX file.
        file: PathBuf,
    },
}

fn say(line: std::fmt::Arguments) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Runs `zhurnal import …` on the journal file `db`.
pub fn run(db: &Path, args: ImportArgs) -> Result<ExitCode, Error> {
    let ImportWhat::Students {
        user,
        dry_run,
        file,
    } = args.what;
    let mut db = Db::open(db)?;
    let session = crate::cli::cli_login(&mut db, &user)?;
    let sheet = super::import::read_file(&file)?;
    let today = db.clock.today();
    let (year, start) = super::import::target(&db.conn, today)?;
    let preview = super::import::preview(&db.conn, &session, year, &sheet, today)?;
    let columns: Vec<String> = preview
        .mapping
        .columns
        .iter()
        .map(|(c, f, label)| format!("{} = {f:?}", column_letter(*c, label)))
        .collect();
    say(format_args!("Columns: {}", columns.join(", ")));
    if !preview.errors.is_empty() {
        for e in &preview.errors {
            eprintln!("row {}: {}", e.row, e.problem);
        }
        eprintln!(
            "zhurnal: {} rows have errors; nothing was imported",
            preview.errors.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    for e in &preview.entries {
        say(format_args!(
            "row {:>4}  {:<6} {}{}",
            e.rows[0],
            e.class_name,
            e.name.full(),
            if e.parents.is_empty() {
                String::new()
            } else {
                format!(
                    "  (parents: {})",
                    e.parents
                        .iter()
                        .map(|p| p.name.full())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
    }
    if dry_run {
        say(format_args!(
            "{} students and {} parents would be entered (dry run: nothing changed)",
            preview.entries.len(),
            preview.parents()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let done = super::import::apply(&mut db, &session, year, &preview, start)?;
    say(format_args!(
        "Entered {} students and {} parents, enrolled from {}",
        done.students,
        done.parents,
        crate::model::format_date(start)
    ));
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
