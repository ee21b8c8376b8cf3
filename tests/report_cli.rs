//! `zhurnal report …` end to end, as an archivist or a teacher types it: the password from
//! ZHURNAL_PASSWORD, names of classes and subjects as the school writes them, the PDF on disk, and
//! a refusal in plain words when the role does not allow the form.

mod common;
mod report_support;

use std::process::Command;

use common::*;
use report_support::*;

fn zhurnal(db: &std::path::Path, password: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zhurnal"))
        .arg("--db")
        .arg(db)
        .arg("report")
        .args(args)
        .env("ZHURNAL_PASSWORD", password)
        // A school's PC speaks Russian: refusals come in Russian.
        .env("LC_ALL", "ru_RU.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn an_archivist_prints_the_whole_schools_ledger_and_a_teacher_their_journal_from_the_command_line()
{
    let (dir, db) = demo_db();
    let path = db.path.clone();
    let classes: Vec<String> = db
        .conn
        .prepare("SELECT grade || letter FROM class ORDER BY grade, letter")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(db);

    let out = dir.path().join("ledger.pdf");
    let run = zhurnal(
        &path,
        "archivist",
        &["ledger", "--user", "archivist", "-o", out.to_str().unwrap()],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let p = Printed::new(&std::fs::read(&out).unwrap());
    assert!(p.pages[0].contains("СВОДНАЯ ВЕДОМОСТЬ ИТОГОВОЙ УСПЕВАЕМОСТИ"));
    for c in &classes {
        assert!(
            p.pages[1].contains(&format!("{c} класс")),
            "{c} in the contents"
        );
    }

    let out = dir.path().join("journal.pdf");
    let run = zhurnal(
        &path,
        "teacher",
        &[
            "journal",
            "--user",
            "teacher",
            "--class",
            "5а",
            "--subject",
            "русский язык",
            "--period",
            "1",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let p = Printed::new(&std::fs::read(&out).unwrap());
    assert!(p.flat().contains("Русский язык · 5А класс · I четверть"));

    // A teacher asking for the school's ledger is refused, and no file appears.
    let out = dir.path().join("refused.pdf");
    let run = zhurnal(
        &path,
        "teacher",
        &["ledger", "--user", "teacher", "-o", out.to_str().unwrap()],
    );
    assert!(!run.status.success());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("Ваша роль не позволяет это сделать"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!out.exists());

    // A wrong password prints nothing.
    let run = zhurnal(
        &path,
        "wrong",
        &[
            "progress",
            "--user",
            "deputy",
            "--period",
            "1",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(!run.status.success());
    assert!(!out.exists());
}

#[test]
fn weekly_summaries_for_a_class_and_dates_typed_the_schools_way() {
    let (dir, db) = demo_db();
    let path = db.path.clone();
    drop(db);
    let out = dir.path().join("weekly.pdf");
    let run = zhurnal(
        &path,
        "teacher",
        &[
            "weekly",
            "--user",
            "teacher",
            "--class",
            "5А",
            "--all-students",
            "--from",
            "09.11.2026",
            "--to",
            "14.11.2026",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let p = Printed::new(&std::fs::read(&out).unwrap());
    assert!(p.flat().contains("за период с 09.11.2026 по 14.11.2026"));
    // What was written is said in the locale's language, with Russian plurals.
    let said = String::from_utf8_lossy(&run.stdout).to_string();
    assert!(said.starts_with("Записано:"), "{said}");
    assert!(
        [
            "еженедельная сводка",
            "еженедельные сводки",
            "еженедельных сводок"
        ]
        .iter()
        .any(|w| said.contains(w)),
        "{said}"
    );
}
