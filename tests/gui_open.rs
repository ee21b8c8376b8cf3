//! `zhurnal --db FILE` with a file that will not open: the screen says what is wrong and offers
//! what helps — never a panic, never a blank window.
#![cfg(feature = "gui")]

mod gui_support;

use gui_support::{Harness, demo_file};
use zhurnal::Db;

#[test]
fn a_missing_file_offers_another_file_or_a_new_school_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usb/school.sqlite");
    let mut h = Harness::with_db(path.clone());
    assert_eq!(h.screen_name(), "open-failed");
    assert!(h.shows("Журнал не открывается"));
    assert!(h.shows(path.display().to_string()));
    assert!(h.shows_part("Файл не найден. Если журнал хранится на флешке"));
    assert!(h.shows_t("open-new-school-here"));

    h.click_t("open-new-school-here");
    assert_eq!(h.screen_name(), "welcome");
    assert!(
        h.shows(path.display().to_string()),
        "the new school goes where the file was expected"
    );
}

#[test]
fn a_file_that_is_not_a_journal_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    std::fs::write(&path, "Список класса 5А: Иванов, Петров").unwrap();
    let h = Harness::with_db(path);
    assert_eq!(h.screen_name(), "open-failed");
    assert!(h.shows_part("Это не файл «Журнала»"));
    assert!(h.shows_t("open-other"));
}

#[test]
fn a_file_from_a_newer_program_asks_for_the_newer_program() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let db = Db::create(&path).unwrap();
    db.conn.pragma_update(None, "user_version", 99).unwrap();
    drop(db);
    let h = Harness::with_db(path);
    assert_eq!(h.screen_name(), "open-failed");
    assert!(h.shows_part("более новой версией программы (формат 99"));
}

#[test]
fn a_damaged_file_offers_its_backup_and_the_backup_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.sqlite");
    // A real journal with its pages overwritten past the header.
    let mut bytes = std::fs::read(demo_file()).unwrap();
    for b in bytes.iter_mut().skip(100).take(40_000) {
        *b = 0x5A;
    }
    std::fs::write(&path, bytes).unwrap();
    let backup = dir.path().join("backup.sqlite");
    std::fs::copy(demo_file(), &backup).unwrap();

    let mut h = Harness::start(
        dir.path().join("home"),
        None,
        Some(path),
        Some(backup.clone()),
    );
    assert_eq!(h.screen_name(), "open-failed", "{:?}", h.log);
    assert!(
        h.shows_part("Откройте последнюю резервную копию"),
        "{:?}",
        h.log
    );
    h.click_t("open-backup");
    assert_eq!(h.screen_name(), "login");
    assert_eq!(h.app.journal_path(), Some(backup.as_path()));
}

#[test]
fn a_busy_file_can_be_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.sqlite");
    std::fs::copy(demo_file(), &path).unwrap();
    // Another program holds the file in an exclusive transaction.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let mut h = Harness::start(dir.path().join("home"), None, Some(path), None);
    assert_eq!(h.screen_name(), "open-failed");
    assert!(h.shows_part("Файл журнала занят"), "{:?}", h.log);
    other.execute_batch("COMMIT").unwrap();
    drop(other);
    h.click_t("open-retry");
    assert_eq!(h.screen_name(), "login");
}

#[test]
fn open_another_file_from_the_login_screen() {
    let dir = tempfile::tempdir().unwrap();
    let second = dir.path().join("second.sqlite");
    std::fs::copy(demo_file(), &second).unwrap();
    let mut h = Harness::fresh_with_picker(Some(second.clone()));
    h.click_t("welcome-open");
    assert_eq!(h.screen_name(), "login");
    assert_eq!(h.app.journal_path(), Some(second.as_path()));
    h.click_t("login-other-file");
    assert_eq!(h.screen_name(), "welcome");
}

#[test]
fn starting_the_window_without_a_display_says_so_instead_of_panicking() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, words) in [
        ("ru_RU.UTF-8", "окно негде открыть"),
        ("C.UTF-8", "no display to open the window on"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhurnal"))
            .args(["--db", dir.path().join("school.sqlite").to_str().unwrap()])
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("WAYLAND_SOCKET")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(words), "{err}");
        assert!(err.contains("DISPLAY"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}
