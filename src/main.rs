use std::process::ExitCode;

use clap::Parser;
use zhurnal::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command, args.db),
        None => start_gui(args.db),
    }
}

#[cfg(not(feature = "gui"))]
fn start_gui(_db: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!("zhurnal: this build has no desktop program (built without the `gui` feature); see --help");
    ExitCode::FAILURE
}

/// The desktop program: `--db FILE` opens that journal; without it the file used last on this
/// computer, or the welcome screen on the first run.
#[cfg(feature = "gui")]
fn start_gui(db: Option<std::path::PathBuf>) -> ExitCode {
    match zhurnal::gui::run(db) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhurnal: the window could not be opened: {e}");
            ExitCode::FAILURE
        }
    }
}
