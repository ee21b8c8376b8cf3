//! Backups and the archive in the real program: the administrator backs up now, sees the backup
//! listed, restores it after seeing what it holds, and everyone is logged out; the journal is back
//! as it was.
#![cfg(feature = "gui")]

mod gui_support;

use gui_support::Harness;
use rusqlite::Connection;
use zhurnal::gui::Section;

#[test]
fn the_administrator_backs_up_and_restores_from_the_screen() {
    let mut h = Harness::demo_on_its_day();
    h.log_in("admin", "admin");
    h.open(Section::Backups);
    let db = h.dir.join("school.sqlite");
    let marks = |p: &std::path::Path| -> i64 {
        Connection::open(p)
            .unwrap()
            .query_row("SELECT count(*) FROM mark", [], |r| r.get(0))
            .unwrap()
    };
    let before = marks(&db);
    h.click_t("backups-now");
    assert!(
        h.shows_part("Копия сделана и проверена"),
        "the backup is reported"
    );
    let backups: Vec<String> = std::fs::read_dir(h.dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        backups.len(),
        2,
        "the automatic one at the start, and this one: {backups:?}"
    );
    assert!(backups.iter().any(|b| b.ends_with("-manual.sqlite")));
    // Something changes after the backup…
    Connection::open(&db).unwrap().execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE entity = 'mark'; DELETE FROM mark WHERE id % 2 = 0;").unwrap();
    assert!(marks(&db) < before);
    // …and the backup brings it back.
    h.click_t("backups-restore");
    assert!(
        h.shows_part("Учеников:"),
        "what the backup holds is shown before the restore"
    );
    h.click_t("backups-restore-confirm");
    assert_eq!(
        h.screen_name(),
        "login",
        "everyone logs in again after a restore"
    );
    assert_eq!(marks(&db), before);
    let saved = std::fs::read_dir(&h.dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("before-restore")
        })
        .count();
    assert_eq!(saved, 1, "the journal as it was is kept beside it");
}

#[test]
fn the_journal_check_reports_a_healthy_file() {
    let mut h = Harness::demo_on_its_day_in("backups");
    h.log_in("admin", "admin");
    h.open(Section::Backups);
    h.click_t("check-run");
    assert!(h.shows_t("check-healthy"));
    h.snapshot("backups");
}
