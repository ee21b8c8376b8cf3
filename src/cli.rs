//! The command line: `zhurnal demo`, `check`, `users`, and — with no subcommand — the desktop
//! program. Scripts and archivists rely on these forms; keep them stable. Messages follow the
//! locale (Russian or English, through i18n/); school data (names, classes) prints as stored.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Prints a line to stdout, ignoring a closed pipe (`zhurnal users | head`).
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// A line of what a command did, in the locale's language (as its errors are).
macro_rules! say {
    ($tr:expr, $key:expr) => { out!("{}", $tr.t($key)) };
    ($tr:expr, $key:expr, $($name:literal => $value:expr),+ $(,)?) => {
        out!("{}", $tr.t_args($key, &[$(($name, $value.into())),+]))
    };
}

/// Seconds with one decimal, written as the locale writes decimals (1,5 in Russian).
pub(crate) fn seconds(tr: &crate::i18n::Tr, s: f64) -> String {
    let t = format!("{s:.1}");
    match tr.lang() {
        crate::i18n::Lang::Ru => t.replace('.', ","),
        _ => t,
    }
}

use crate::check;
use crate::db::{Clock, Db};
use crate::demo::{self, DemoOptions};
use crate::error::Error;
use crate::i18n::Tr;
use crate::model::{parse_date, parse_year_name};

#[derive(Debug, Parser)]
#[command(
    name = "zhurnal",
    version,
    about = "Zhurnal — an offline electronic class journal for schools"
)]
pub struct Cli {
    /// The journal file (the desktop program opens the one used last, or offers to create one).
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the demo school into a new journal file.
    Demo {
        /// How many students (1 to 3000).
        #[arg(long, default_value_t = 1000)]
        students: u32,
        /// The random seed: the same seed builds the same school.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A full past academic year, e.g. 2024/2025, instead of the current year up to today.
        #[arg(long, value_name = "YYYY/YYYY")]
        year: Option<String>,
        /// Build the current year as if today were this date (DD.MM.YYYY).
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Check a journal file: schema version, integrity, foreign keys, the audit chain, counts.
    Check {
        /// Also print `Digest: <sha256>` over the journal's data (the same for two journals with
        /// the same content; per-computer state such as remembered pages is left out).
        #[arg(long)]
        digest: bool,
    },
    /// List staff accounts and their roles.
    Users,
    /// Print a form to PDF: weekly summaries, the ledger, journal pages, reports, login slips.
    Report(crate::report::cli::ReportArgs),
    /// Make a verified backup now (into the folder set in the program, or --to DIR).
    Backup {
        /// The folder to write the backup into (default: the folder set in the program, else
        /// `backups/` beside the journal file).
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// Replace the journal with a backup, after checking it and saving the current file.
    Restore {
        /// The backup file.
        backup: PathBuf,
    },
    /// Close an academic year and write its archive folder (snapshot, forms, manifest).
    Archive {
        /// The staff login (archivist or administrator); the password comes from
        /// ZHURNAL_PASSWORD or a prompt.
        #[arg(long, value_name = "LOGIN")]
        user: String,
        /// The academic year to close, e.g. 2025/2026 (it must be over).
        #[arg(long, value_name = "YYYY/YYYY")]
        year: String,
        /// The folder the year's archive folder is written into.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Import students with their parents from a CSV or XLSX class list.
    Import(crate::setup::cli::ImportArgs),
    /// Prove an archive folder unaltered, or name what changed.
    Verify {
        /// The archive folder.
        dir: PathBuf,
    },
    /// Changes of the journal as operations (JSON lines; the README lists their kinds).
    Ops {
        #[command(subcommand)]
        what: OpsCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum OpsCommand {
    /// Apply the operations of a file as a staff member, all or nothing: a refused line is
    /// named with its number and the reason, and nothing changes.
    Apply {
        /// The staff login; the password comes from ZHURNAL_PASSWORD or a prompt.
        #[arg(long, value_name = "LOGIN")]
        user: String,
        /// The operations file: one JSON object a line.
        file: PathBuf,
    },
    /// Build a new journal file (the --db path, which must not exist) from an exported operation
    /// log: each operation as its recorded author at its recorded time, all or nothing.
    Replay {
        /// The exported operation log (`zhurnal ops export`).
        file: PathBuf,
    },
    /// Write the operation log: every operation applied to the journal, one JSON object a line
    /// in commit order, each with its author (`by`) and time (`at`).
    Export {
        /// The file to write (replaced if it exists).
        #[arg(short = 'o', long = "output", value_name = "OPS.jsonl")]
        output: PathBuf,
    },
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command, db: Option<PathBuf>) -> ExitCode {
    let result = match command {
        Command::Demo {
            students,
            seed,
            year,
            today,
            force,
        } => need_db(db)
            .and_then(|p| run_demo(&p, students, seed, year.as_deref(), today.as_deref(), force)),
        Command::Check { digest } => need_db(db).and_then(|p| run_check(&p, digest)),
        Command::Users => need_db(db).and_then(|p| run_users(&p)),
        Command::Report(args) => need_db(db).and_then(|p| crate::report::cli::run(&p, args)),
        Command::Backup { to } => need_db(db).and_then(|p| run_backup(&p, to)),
        Command::Restore { backup } => need_db(db).and_then(|p| run_restore(&p, &backup)),
        Command::Archive { user, year, to } => {
            need_db(db).and_then(|p| run_archive(&p, &user, &year, &to))
        }
        Command::Verify { dir } => run_verify(&dir, db.as_deref()),
        Command::Import(args) => need_db(db).and_then(|p| crate::setup::cli::run(&p, args)),
        Command::Ops {
            what: OpsCommand::Apply { user, file },
        } => need_db(db).and_then(|p| run_ops_apply(&p, &user, &file)),
        Command::Ops {
            what: OpsCommand::Replay { file },
        } => need_db(db).and_then(|p| run_ops_replay(&p, &file)),
        Command::Ops {
            what: OpsCommand::Export { output },
        } => need_db(db).and_then(|p| run_ops_export(&p, &output)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("zhurnal: {}", crate::i18n::Tr::from_env().error(&e));
            ExitCode::FAILURE
        }
    }
}

fn need_db(db: Option<PathBuf>) -> Result<PathBuf, Error> {
    db.ok_or_else(|| Error::said("said-need-db", &[]))
}

fn run_demo(
    path: &Path,
    students: u32,
    seed: u64,
    year: Option<&str>,
    today: Option<&str>,
    force: bool,
) -> Result<ExitCode, Error> {
    let year = year.map(parse_year_name).transpose()?;
    let today = today.map(parse_date).transpose()?;
    if path.exists() {
        if !force {
            return Err(Error::said(
                "said-file-exists-force",
                &[("path", path.into())],
            ));
        }
        for p in [path.to_path_buf(), wal(path, "-wal"), wal(path, "-shm")] {
            if p.exists() {
                std::fs::remove_file(&p)?;
            }
        }
    }
    let opts = DemoOptions {
        students,
        seed,
        year,
        today,
    };
    let started = std::time::Instant::now();
    let mut last = -1i32;
    let mut progress = |f: f32| {
        let pct = (f * 100.0) as i32;
        if pct / 10 != last / 10 {
            eprint!("\rbuilding the demo school… {pct:3}%");
            last = pct;
        }
    };
    let s = demo::generate(path, &opts, &mut progress)?;
    eprintln!();
    let tr = Tr::from_env();
    say!(tr, "cli-demo-built",
        "seconds" => seconds(&tr, started.elapsed().as_secs_f64()),
        "path" => path.display().to_string());
    out!(
        "  {}",
        tr.t_args(
            "cli-demo-school",
            &[
                ("school", s.school.clone().into()),
                ("year", s.year.clone().into())
            ]
        )
    );
    out!(
        "  {}",
        tr.t_args(
            "cli-demo-counts",
            &[
                ("classes", (s.classes as i64).into()),
                ("students", (s.students as i64).into()),
                ("staff", (s.staff as i64).into()),
                ("lessons", (s.lessons as i64).into()),
                ("marks", (s.marks as i64).into()),
                ("absences", (s.absences as i64).into()),
            ]
        )
    );
    say!(tr, "cli-demo-accounts");
    for (login, what) in &s.accounts {
        out!("  {login:<20} {what}");
    }
    Ok(ExitCode::SUCCESS)
}

fn wal(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn run_check(path: &Path, digest: bool) -> Result<ExitCode, Error> {
    // A write-protected file (a USB stick made read-only, another account's journal) is checked
    // as it is, without writing anything (SQLite says «read-only» or, on a read-only disk,
    // «unable to open»); if that fails too, the first error is the one to tell.
    let db = match Db::open(path) {
        Err(e @ (Error::ReadOnly(_) | Error::Db(_))) => Db::open_read_only(path).map_err(|_| e)?,
        other => other?,
    }
    .with_clock(Clock::System);
    let r = check::check(&db)?;
    let tr = Tr::from_env();
    say!(tr, "cli-check-file", "path" => path.display().to_string());
    say!(tr, "cli-check-schema",
        "version" => r.schema_version,
        "program" => r.program_schema_version);
    let line = |key: &str, problems: &[String]| {
        let name = tr.t(key);
        if problems.is_empty() {
            say!(tr, "cli-check-ok", "name" => name);
        } else {
            say!(tr, "cli-check-problems", "name" => name, "n" => problems.len() as i64);
            for p in problems.iter().take(20) {
                out!("  {p}");
            }
            if problems.len() > 20 {
                out!(
                    "  {}",
                    tr.t_args(
                        "cli-check-more",
                        &[("n", ((problems.len() - 20) as i64).into())]
                    )
                );
            }
        }
    };
    line("cli-check-integrity", &r.integrity);
    line("cli-check-foreign-keys", &r.foreign_keys);
    let breaks = |key: &str, breaks: &[crate::audit::ChainBreak]| -> Vec<String> {
        breaks
            .iter()
            .map(|b| {
                tr.t_args(
                    key,
                    &[("id", b.audit_id.into()), ("what", b.what.clone().into())],
                )
            })
            .collect()
    };
    line(
        "cli-check-chain",
        &breaks("cli-check-chain-break", &r.chain_breaks),
    );
    line(
        "cli-check-op-chain",
        &breaks("cli-check-op-chain-break", &r.op_chain_breaks),
    );
    line("cli-check-matches", &r.mismatches);
    say!(tr, "cli-check-counts");
    for (t, n) in &r.counts {
        out!("  {t:<16} {n}");
    }
    if digest {
        // The same words in every language: scripts read this line.
        out!("Digest: {}", check::digest(&db.conn)?);
    }
    if r.healthy() {
        say!(tr, "cli-check-healthy");
        Ok(ExitCode::SUCCESS)
    } else {
        say!(tr, "cli-check-unhealthy");
        Ok(ExitCode::FAILURE)
    }
}

fn run_users(path: &Path) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    let staff = crate::auth::list_staff(&db.conn)?;
    let tr = Tr::from_env();
    out!(
        "{:<24} {:<40} {:<12} {}",
        tr.t("cli-users-login"),
        tr.t("cli-users-name"),
        tr.t("cli-users-state"),
        tr.t("cli-users-roles")
    );
    for s in staff {
        // Roles by their codes, as scripts read them.
        let roles: Vec<&str> = s.roles.iter().map(|r| r.code()).collect();
        let state = tr.t(if !s.active {
            "cli-users-off"
        } else if s.must_change_password {
            "cli-users-temp"
        } else {
            "cli-users-active"
        });
        out!(
            "{:<24} {:<40} {:<12} {}",
            s.login,
            s.name.full(),
            state,
            roles.join(",")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_backup(path: &Path, to: Option<PathBuf>) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    let dir = match to {
        Some(d) => d,
        None => crate::backup::backup_dir(&db)?,
    };
    let b = crate::backup::backup(&db, &dir, crate::backup::BackupKind::Manual)?;
    let tr = Tr::from_env();
    say!(tr, "cli-backup-done",
        "path" => b.path.display().to_string(),
        "kb" => (b.bytes / 1024) as i64);
    Ok(ExitCode::SUCCESS)
}

fn run_restore(path: &Path, backup: &Path) -> Result<ExitCode, Error> {
    let summary = crate::backup::inspect(backup)?;
    let tr = Tr::from_env();
    say!(tr, "cli-restore-backup", "path" => backup.display().to_string());
    out!(
        "  {}",
        tr.t_args(
            "cli-restore-school",
            &[("school", summary.school.clone().unwrap_or_default().into())]
        )
    );
    out!(
        "  {}",
        tr.t_args(
            "cli-restore-years",
            &[("years", summary.years.join(", ").into())]
        )
    );
    for (t, n) in summary
        .counts
        .iter()
        .filter(|c| ["student", "lesson", "mark"].contains(&c.0))
    {
        out!(
            "  {}",
            tr.t_args(
                "cli-restore-count",
                &[("what", (*t).into()), ("n", (*n).into())]
            )
        );
    }
    let saved = crate::backup::restore(path, backup, chrono::Local::now().naive_local())?;
    if let Some(saved) = saved {
        say!(tr, "cli-restore-saved", "path" => saved.display().to_string());
    }
    say!(tr, "cli-restore-done", "path" => path.display().to_string());
    Ok(ExitCode::SUCCESS)
}

fn run_archive(path: &Path, user: &str, year: &str, to: &Path) -> Result<ExitCode, Error> {
    parse_year_name(year)?;
    let mut db = Db::open(path)?;
    let session = cli_login(&mut db, user)?;
    let year_id = crate::archive::year_by_name(&db, year)?;
    let documents = crate::report::archive_documents(&db.conn, &session, year_id)?;
    let folder = crate::archive::archive_year(&mut db, &session, year_id, to, documents)?;
    let tr = Tr::from_env();
    say!(tr, "cli-archive-done", "year" => year.to_string(), "path" => folder.display().to_string());
    let r = crate::archive::verify(&folder, Some(&db))?;
    for f in &r.unchanged {
        out!("  {f}");
    }
    say!(tr, "cli-archive-manifest", "sha" => r.manifest_sha256.clone());
    Ok(ExitCode::SUCCESS)
}

fn run_verify(dir: &Path, db: Option<&Path>) -> Result<ExitCode, Error> {
    let db = db.map(Db::open).transpose()?;
    let r = crate::archive::verify(dir, db.as_ref())?;
    let tr = Tr::from_env();
    say!(tr, "cli-verify-head", "path" => dir.display().to_string(), "year" => r.year.clone());
    let (ok, changed, missing, extra) = (
        tr.t("cli-verify-file-ok"),
        tr.t("cli-verify-file-changed"),
        tr.t("cli-verify-file-missing"),
        tr.t("cli-verify-file-extra"),
    );
    for f in &r.unchanged {
        out!("  {ok:<10} {f}");
    }
    for f in &r.changed {
        out!("  {changed:<10} {f}");
    }
    for f in &r.missing {
        out!("  {missing:<10} {f}");
    }
    for f in &r.unexpected {
        out!("  {extra:<10} {f}");
    }
    if r.manifest_replaced {
        out!("  {changed:<10} {}", tr.t("cli-verify-manifest-replaced"));
    }
    if r.ok() {
        say!(tr, "cli-verify-ok");
        Ok(ExitCode::SUCCESS)
    } else {
        say!(tr, "cli-verify-altered");
        Ok(ExitCode::FAILURE)
    }
}

/// Every line of an operations file, read before any journal is opened for writing.
fn read_ops_file(file: &Path) -> Result<Vec<(usize, crate::ops::Line)>, Error> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Error::said(
            "said-ops-file-unreadable",
            &[("path", file.into()), ("detail", e.to_string().into())],
        )
    })?;
    crate::ops::read_lines(&text).map_err(|b| {
        Error::said(
            "said-ops-line-unreadable",
            &[("line", b.line.into()), ("detail", b.detail.into())],
        )
    })
}

fn run_ops_replay(path: &Path, file: &Path) -> Result<ExitCode, Error> {
    let lines = read_ops_file(file)?;
    let tr = Tr::from_env();
    match crate::ops::replay(path, &lines) {
        Ok(n) => {
            say!(tr, "cli-ops-replayed", "n" => n as i64, "path" => path.display().to_string());
            Ok(ExitCode::SUCCESS)
        }
        Err((0, e)) => Err(e),
        Err((line, e)) => Err(Error::said(
            "said-ops-replay-refused",
            &[("line", line.into()), ("reason", tr.error(&e).into())],
        )),
    }
}

fn run_ops_apply(path: &Path, user: &str, file: &Path) -> Result<ExitCode, Error> {
    let lines = read_ops_file(file)?;
    let mut db = Db::open(path)?;
    let session = cli_login(&mut db, user)?;
    match crate::ops::apply_lines(&mut db, &session, &lines) {
        Ok(n) => {
            let tr = Tr::from_env();
            say!(tr, "cli-ops-applied", "n" => n as i64, "path" => file.display().to_string());
            Ok(ExitCode::SUCCESS)
        }
        Err((line, refused)) => {
            let tr = Tr::from_env();
            let reason = match &refused.clash {
                Some(c) => crate::words::clash_text(&tr, c),
                None => tr.error(&refused.error),
            };
            Err(Error::said(
                "said-ops-line-refused",
                &[("line", line.into()), ("reason", reason.into())],
            ))
        }
    }
}

fn run_ops_export(path: &Path, output: &Path) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    let text = crate::ops::export(&db.conn)?;
    let n = text.lines().count();
    // Written beside its place and renamed, so a script never reads half a log.
    let mut partial = output.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let written = std::fs::write(&partial, &text)
        .map_err(Error::from)
        .and_then(|()| crate::backup::sync_file(&partial))
        .and_then(|()| std::fs::rename(&partial, output).map_err(Error::from));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    let tr = Tr::from_env();
    say!(tr, "cli-ops-exported", "n" => n as i64, "path" => output.display().to_string());
    Ok(ExitCode::SUCCESS)
}

/// Logs a CLI user in: the password comes from `ZHURNAL_PASSWORD` or, failing that, a prompt on
/// the terminal (never echoed). Used by every subcommand that acts as a staff member.
pub fn cli_login(db: &mut Db, user: &str) -> Result<crate::auth::Session, Error> {
    let password = match std::env::var("ZHURNAL_PASSWORD") {
        Ok(p) => p,
        Err(_) => rpassword::prompt_password(format!("Password for {user}: ")).map_err(|e| {
            Error::said(
                "said-cannot-read-password",
                &[("detail", e.to_string().into())],
            )
        })?,
    };
    let session = crate::auth::login(db, user, &password)?;
    if session.must_change_password {
        return Err(Error::said(
            "said-temporary-password",
            &[("login", user.into())],
        ));
    }
    Ok(session)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Every subcommand with its path: `["check"]`, `["ops", "apply"]`.
    fn leaves(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
        let subs: Vec<_> = cmd
            .get_subcommands()
            .filter(|c| c.get_name() != "help")
            .collect();
        if subs.is_empty() {
            if !path.is_empty() {
                out.push((path, cmd.clone()));
            }
            return;
        }
        for c in subs {
            let mut p = path.clone();
            p.push(c.get_name().to_string());
            leaves(c, p, out);
        }
    }

    fn commands() -> Vec<(Vec<String>, clap::Command)> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut out = vec![];
        leaves(&cmd, vec![], &mut out);
        out
    }

    #[test]
    fn every_option_and_argument_of_every_command_has_a_description() {
        let mut bare = vec![];
        let mut cmd = Cli::command();
        cmd.build();
        let mut all = vec![(vec!["zhurnal".to_string()], cmd)];
        all.extend(commands());
        for (path, c) in &all {
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if a.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                    bare.push(format!("{} {id}", path.join(" ")));
                }
            }
        }
        assert!(commands().len() >= 11, "{}", commands().len());
        assert!(bare.is_empty(), "no description: {bare:?}");
    }

    #[test]
    fn the_man_page_lists_every_command() {
        let man = include_str!("../packaging/linux/zhurnal.1");
        let entries: Vec<&str> = man
            .split(".TP\n")
            .skip(1)
            .filter_map(|e| e.lines().next())
            .collect();
        for (path, _) in commands() {
            let name = path.join(" ");
            assert!(
                entries
                    .iter()
                    .any(|l| l.starts_with(&format!(".BR \"{name}\""))
                        || l.starts_with(&format!(".BR {name} "))
                        || *l == format!(".B {name}")
                        || l.starts_with(&format!(".BI {name} "))
                        || l.starts_with(&format!(".BI \"{name}\""))),
                "the man page has no entry for `zhurnal {name}`"
            );
        }
        assert!(
            !man.contains("plain English"),
            "messages follow the locale (Russian or English)"
        );
    }
}
