use std::process::ExitCode;

use clap::Parser;
use zhurnal::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command, args.db),
        None => start_gui(args.db.unwrap_or_else(cli::default_db_path)),
    }
}

#[cfg(not(feature = "gui"))]
fn start_gui(_db: std::path::PathBuf) -> ExitCode {
    eprintln!("zhurnal: this build has no desktop program (built without the `gui` feature); see --help");
    ExitCode::FAILURE
}

#[cfg(feature = "gui")]
fn start_gui(db: std::path::PathBuf) -> ExitCode {
    // The desktop program is wired here once `zhurnal::gui` lands.
    let _ = db;
    eprintln!("zhurnal: the desktop program is not built yet; see --help");
    ExitCode::FAILURE
}
