// A window program on Windows: no console window behind the journal. The CLI attaches to the
// console it was started from (see `attach_console`).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use zhurnal::cli::{self, Cli};

fn main() -> ExitCode {
    attach_console();
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command, args.db),
        None => start_gui(args.db),
    }
}

#[cfg(not(feature = "gui"))]
fn start_gui(_db: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "zhurnal: this build has no desktop program (built without the `gui` feature); see --help"
    );
    ExitCode::FAILURE
}

/// The desktop program: `--db FILE` opens that journal; without it the file used last on this
/// computer, or the welcome screen on the first run.
#[cfg(feature = "gui")]
fn start_gui(db: Option<std::path::PathBuf>) -> ExitCode {
    let tr = zhurnal::i18n::Tr::from_env();
    if no_display() {
        eprintln!("zhurnal: {}", tr.t("cli-no-display"));
        return ExitCode::FAILURE;
    }
    match zhurnal::gui::run(db) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "zhurnal: {}",
                tr.t_args("cli-window-failed", &[("detail", e.to_string().into())])
            );
            ExitCode::FAILURE
        }
    }
}

/// On Linux and the BSDs the window needs an X11 or Wayland display; without one the toolkit
/// would panic (exit 101) rather than say so.
#[cfg(feature = "gui")]
fn no_display() -> bool {
    cfg!(all(unix, not(target_os = "macos")))
        && ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
            .iter()
            .all(|v| std::env::var_os(v).is_none_or(|s| s.is_empty()))
}

/// On Windows a window program has no console; when started from one (`zhurnal check …` in
/// cmd.exe), print there.
#[cfg(windows)]
fn attach_console() {
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    unsafe extern "system" {
        fn AttachConsole(process: u32) -> i32;
    }
    // SAFETY: a plain Win32 call with a documented constant; failure (no parent console) is fine.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}
