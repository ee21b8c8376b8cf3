//! The year-end summary ledger of a finished year (2025/2026 of the demo school), printed and read
//! back: the bound volume's cover and contents, each class from the page the contents name, every
//! period, year, exam and final mark and every absence total as the journal has them, and the
//! class's totals by the published formulas.

mod report_support;

use std::collections::HashMap;

use report_support::*;
use rusqlite::params;
use zhurnal::auth;
use zhurnal::error::Error;
use zhurnal::model::*;
use zhurnal::report::ledger::{self, Outcome};
use zhurnal::report::{Progress, ReportError};
use zhurnal::school;

fn login(db: &mut zhurnal::Db, who: &str) -> auth::Session {
    auth::login(db, who, who).unwrap()
}

fn year(db: &zhurnal::Db) -> school::Year {
    school::years(&db.conn)
        .unwrap()
        .into_iter()
        .find(|y| y.name == "2025/2026")
        .unwrap()
}

fn class_named(db: &zhurnal::Db, name: &str) -> ClassId {
    db.conn
        .query_row(
            "SELECT id FROM class WHERE grade || letter = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
}

/// The school's ledger is one volume: cover, contents, and each class from the page the contents
/// give, pages numbered through.
#[test]
fn the_schools_ledger_is_one_bound_volume_with_contents_that_point_at_each_class() {
    let (_dir, mut db) = past_year_db();
    let s = login(&mut db, "archivist");
    let y = year(&db);
    let ledger = ledger::gather_school(&db, &s, &y, &mut Progress::none()).unwrap();
    let classes: Vec<String> = school::classes(&db.conn, y.id)
        .unwrap()
        .iter()
        .map(|c| c.name())
        .collect();
    assert_eq!(
        ledger
            .classes
            .iter()
            .map(|c| c.class_name.clone())
            .collect::<Vec<_>>(),
        classes
    );
    let p = Printed::new(&ledger::render(&ledger, &mut Progress::none()).unwrap());
    let total = p.page_count();
    assert!(
        p.pages[0].contains("СВОДНАЯ ВЕДОМОСТЬ ИТОГОВОЙ УСПЕВАЕМОСТИ")
            && p.pages[0].contains("2025/2026 учебный год")
    );
    assert!(
        !p.pages[0].contains("стр. 1"),
        "the cover carries no page number"
    );
    assert!(p.pages[1].contains("Содержание"));
    for (i, page) in p.pages.iter().enumerate().skip(1) {
        assert!(
            page.contains(&format!("стр. {} из {total}", i + 1)),
            "page {} is numbered",
            i + 1
        );
    }
    let contents = &p.pages[1];
    for name in &classes {
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} класс")))
            .unwrap_or_else(|| panic!("{name} in contents"));
        let page: usize = tokens(line).last().unwrap().parse().unwrap();
        let heading = format!("обучающихся {name} класса за 2025/2026 учебный год");
        assert!(
            flat(&p.pages[page - 1]).contains(&heading),
            "{name} starts on page {page}"
        );
        assert!(
            !flat(&p.pages[page - 2]).contains(&heading),
            "{name} starts a new page"
        );
    }
}

/// What the journal holds for one student and subject.
#[derive(Default)]
struct Expected {
    periods: Vec<Option<String>>,
    year: Option<String>,
    exam: Option<String>,
    final_mark: Option<String>,
}

#[test]
fn every_mark_and_total_in_a_classs_ledger_is_the_journals() {
    let (_dir, mut db) = past_year_db();
    let s = login(&mut db, "director");
    let y = year(&db);
    for class_name in ["9А", "5А"] {
        let class = class_named(&db, class_name);
        let grade: u8 = db
            .conn
            .query_row("SELECT grade FROM class WHERE id = ?1", [class], |r| {
                r.get(0)
            })
            .unwrap();
        let ledger = ledger::gather_class(&db, &s, class).unwrap();
        let p = Printed::new(&ledger::render(&ledger, &mut Progress::none()).unwrap());

        // Independently from the tables: attested subjects in the school's order, the grade's periods.
        let subjects: Vec<(SubjectId, String)> = db
            .conn
            .prepare("SELECT DISTINCT c.subject_id, s.name FROM course c JOIN subject s ON s.id = c.subject_id WHERE c.class_id = ?1 AND c.no_attestation = 0 ORDER BY c.subject_id")
            .unwrap()
            .query_map([class], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let periods: Vec<PeriodId> = school::periods_for_grade(&db.conn, y.id, grade)
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect();
        let mut marks: HashMap<(StudentId, SubjectId), Expected> = HashMap::new();
        let mut st = db
            .conn
            .prepare("SELECT pm.student_id, c.subject_id, pm.kind, pm.period_id, pm.value FROM period_mark pm JOIN course c ON c.id = pm.course_id WHERE c.class_id = ?1")
            .unwrap();
        let rows = st
            .query_map([class], |r| {
                Ok((
                    r.get::<_, StudentId>(0)?,
                    r.get::<_, SubjectId>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<PeriodId>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (student, subject, kind, period, value) = row.unwrap();
            let e = marks.entry((student, subject)).or_default();
            e.periods.resize(periods.len(), None);
            match kind.as_str() {
                "period" => {
                    e.periods[periods.iter().position(|p| Some(*p) == period).unwrap()] =
                        Some(value)
                }
                "year" => e.year = Some(value),
                "exam" => e.exam = Some(value),
                _ => e.final_mark = Some(value),
            }
        }
        let has = |kind: &str, subject: SubjectId| -> bool {
            marks.iter().any(|((_, s), e)| {
                *s == subject
                    && if kind == "exam" {
                        e.exam.is_some()
                    } else {
                        e.final_mark.is_some()
                    }
            })
        };
        let missed = |student: StudentId, ill_only: bool| -> u32 {
            db.conn
                .query_row(
                    "SELECT count(*) FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN course c ON c.id = l.course_id
                     WHERE a.student_id = ?1 AND c.class_id = ?2 AND l.cancelled = 0 AND a.code <> 'late' AND (?3 = 0 OR a.code = 'ill')",
                    params![student, class, ill_only],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let lines = p.lines();
        let mut checked = 0;
        let (mut students, mut excellent, mut good, mut failing, mut na) =
            (0u32, 0u32, 0u32, 0u32, 0u32);
        for (i, row) in ledger.classes[0].rows.iter().enumerate() {
            // The printed row, across all bands of subjects.
            let printed: Vec<String> = lines
                .iter()
                .map(|l| tokens(l))
                .filter(|t| {
                    t.len() >= 3
                        && t[0] == (i + 1).to_string()
                        && t[1] == row.name.surname
                        && t[2] == row.name.name
                })
                .flat_map(|t| t[3..].to_vec())
                .collect();
            let mut expected: Vec<String> = Vec::new();
            let mut results: Vec<String> = Vec::new();
            for (subject, _) in &subjects {
                let e = marks.get(&(row.student, *subject));
                let get = |f: &dyn Fn(&Expected) -> Option<String>| e.and_then(f);
                for pi in 0..periods.len() {
                    expected.extend(get(&|e| e.periods.get(pi).cloned().flatten()));
                }
                expected.extend(get(&|e| e.year.clone()));
                if has("exam", *subject) {
                    expected.extend(get(&|e| e.exam.clone()));
                }
                if has("final", *subject) {
                    expected.extend(get(&|e| e.final_mark.clone()));
                }
                results.extend(get(&|e| e.final_mark.clone().or(e.year.clone())));
            }
            expected.push(missed(row.student, false).to_string());
            expected.push(missed(row.student, true).to_string());
            assert!(
                printed.len() >= expected.len(),
                "{}: printed {printed:?}, expected {expected:?}",
                row.name.full()
            );
            assert_eq!(
                printed[..expected.len()],
                expected[..],
                "{} in {class_name}",
                row.name.full()
            );
            checked += 1;
            // The outcome from the year's marks.
            let on_list: bool = db
                .conn
                .query_row(
                    "SELECT EXISTS(SELECT 1 FROM enrolment WHERE student_id = ?1 AND class_id = ?2 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3))",
                    params![row.student, class, y.end],
                    |r| r.get(0),
                )
                .unwrap();
            if !on_list {
                assert!(matches!(row.outcome, Outcome::Left { .. }));
                continue;
            }
            students += 1;
            let debt =
                results.iter().any(|v| v == "2" || v == "н/а") || results.len() < subjects.len();
            match (grade, debt) {
                (9, false) => assert_eq!(row.outcome, Outcome::Graduated),
                (_, false) => assert_eq!(row.outcome, Outcome::Promoted),
                (9, true) => assert!(matches!(row.outcome, Outcome::Debt(_))),
                (_, true) => assert!(matches!(row.outcome, Outcome::Conditional(_))),
            }
            if results.iter().any(|v| v == "н/а") {
                na += 1;
            } else if debt {
                failing += 1;
            } else if results.iter().all(|v| v == "5") {
                excellent += 1;
            } else if results.iter().all(|v| v == "5" || v == "4") {
                good += 1;
            }
        }
        assert!(checked >= 20, "{class_name}: {checked} rows checked");
        let t = ledger.classes[0].totals;
        assert_eq!(
            (t.students, t.excellent, t.good, t.failing, t.not_attested),
            (students, excellent, good, failing, na),
            "{class_name}"
        );
        let progress = f64::from(students - failing - na) * 100.0 / f64::from(students);
        let quality = f64::from(excellent + good) * 100.0 / f64::from(students);
        let line = format!(
            "Успеваемость — {} %, качество знаний — {} %.",
            pct(progress),
            pct(quality)
        );
        assert!(p.flat().contains(&line), "{class_name}: {line}");
        assert!(
            p.flat()
                .contains(&format!("Обучающихся на конец периода: {students}."))
        );
        // Outcomes as printed: one line each for those promoted or finishing school.
        let done = ledger.classes[0]
            .rows
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Promoted | Outcome::Graduated))
            .count();
        let phrase = if grade == 9 {
            "основную школу".to_string()
        } else {
            format!("в {} класс", grade + 1)
        };
        assert!(done > 0);
        assert_eq!(
            p.flat().matches(&phrase).count(),
            done,
            "{class_name}: {phrase}"
        );
        assert!(
            p.flat().contains("Верно.")
                && p.flat().contains("М.П.")
                && p.flat().contains("Директор")
        );
    }
}

#[test]
fn a_class_teacher_prints_their_own_classs_ledger_only() {
    let (_dir, mut db) = past_year_db();
    let own: (ClassId, String) = db
        .conn
        .query_row("SELECT c.id, s.login FROM class c JOIN staff s ON s.id = c.class_teacher_id WHERE c.grade = 5", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let other = class_named(&db, "9А");
    let s = login(&mut db, &own.1);
    assert!(ledger::gather_class(&db, &s, own.0).is_ok());
    assert!(matches!(
        ledger::gather_class(&db, &s, other),
        Err(ReportError::Core(Error::Denied(_)))
    ));
    let y = year(&db);
    assert!(matches!(
        ledger::gather_school(&db, &s, &y, &mut Progress::none()),
        Err(ReportError::Core(Error::Denied(_)))
    ));
}

#[test]
fn a_long_batch_reports_progress_and_stops_when_cancelled() {
    let (_dir, mut db) = past_year_db();
    let s = login(&mut db, "archivist");
    let y = year(&db);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut seen: Vec<f32> = Vec::new();
    let mut on = |f: f32| seen.push(f);
    let mut progress = Progress::new(&mut on, &cancel);
    let ledger = ledger::gather_school(&db, &s, &y, &mut progress.part(0.0, 0.5)).unwrap();
    ledger::render(&ledger, &mut progress.part(0.5, 1.0)).unwrap();
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "progress only grows: {seen:?}"
    );
    assert_eq!(seen.last().copied(), Some(1.0));
    assert!(seen.len() > 6);

    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut n = 0;
    let mut stop_after_two = |_: f32| n += 1;
    let mut progress = Progress::new(&mut stop_after_two, &cancel);
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(matches!(
        ledger::render(&ledger, &mut progress),
        Err(ReportError::Cancelled)
    ));
}

#[test]
fn closing_a_year_archives_the_schools_ledger_and_every_classs_journal_as_pdf() {
    let (_dir, mut db) = past_year_db();
    let s = login(&mut db, "archivist");
    let y = year(&db);
    let docs = zhurnal::report::archive_documents(&db.conn, &s, y.id).unwrap();
    let classes = school::classes(&db.conn, y.id).unwrap();
    assert_eq!(docs.len(), 1 + classes.len());
    assert_eq!(docs[0].name, "ledger-2025-2026.pdf");
    let ledger = Printed::new(&(docs[0].render)(&db).unwrap());
    assert!(ledger.pages[1].contains("Содержание"));
    let nine = docs
        .iter()
        .find(|d| d.name == "journal-2025-2026-9А.pdf")
        .expect("9А's journal");
    let journal = Printed::new(&(nine.render)(&db).unwrap());
    // Every quarter of the year is in the class's journal.
    let text = journal.flat();
    for q in ["I четверть", "II четверть", "III четверть", "IV четверть"]
    {
        assert!(text.contains(&format!("9А класс · {q}")), "{q}");
    }
}

#[test]
fn an_archive_that_cannot_be_written_leaves_the_year_open_and_no_half_folder() {
    use zhurnal::archive::{self, Document};
    let (dir, mut db) = past_year_db();
    let s = login(&mut db, "archivist");
    let y = year(&db);
    let to = dir.path().join("archive");
    let mut docs = zhurnal::report::archive_documents(&db.conn, &s, y.id).unwrap();
    docs.truncate(1);
    // A document that fails after the snapshot and the ledger are written (a full disk, a
    // refused flush): the year closed for the snapshot must open again, and nothing stays behind.
    docs.push(Document {
        name: "journal-broken.pdf".into(),
        covers: "журнал".into(),
        render: Box::new(|_| Err(std::io::Error::other("нет места на диске").into())),
    });
    let err = archive::archive_year(&mut db, &s, y.id, &to, docs).unwrap_err();
    assert!(err.to_string().contains("нет места"), "{err}");
    assert!(
        !year(&db).closed,
        "the year stays open after a failed archive"
    );
    assert!(
        !to.join("archive-2025-2026").exists(),
        "no half-written archive folder is left"
    );
    let (action, reason): (String, String) = db
        .conn
        .query_row(
            "SELECT action, reason FROM audit WHERE entity = 'year' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(action, "reopen");
    assert!(reason.contains("архив не записан"), "{reason}");
    // A second try, with the documents whole, succeeds into the same place.
    let docs = zhurnal::report::archive_documents(&db.conn, &s, y.id).unwrap();
    let folder = archive::archive_year(&mut db, &s, y.id, &to, docs).unwrap();
    assert!(folder.join(archive::MANIFEST).exists());
    assert!(year(&db).closed);
}

#[test]
fn the_progress_report_for_the_year_counts_year_marks() {
    use zhurnal::report::{PeriodChoice, progress};
    let (_dir, mut db) = past_year_db();
    let s = login(&mut db, "director");
    let y = year(&db);
    let class = class_named(&db, "7А");
    let report = progress::gather(
        &db,
        &s,
        &y,
        PeriodChoice::Year,
        Some(class),
        &mut Progress::none(),
    )
    .unwrap();
    assert_eq!(report.period_name, "учебный год");
    assert!(!report.subjects.is_empty());
    for row in &report.subjects {
        let count = |value: &str| -> u32 {
            db.conn
                .query_row(
                    "SELECT count(*) FROM period_mark pm JOIN course c ON c.id = pm.course_id
                     JOIN enrolment e ON e.student_id = pm.student_id AND e.class_id = c.class_id
                     WHERE pm.course_id = ?1 AND pm.kind = 'year' AND pm.value = ?2
                       AND e.start_date <= ?3 AND (e.end_date IS NULL OR e.end_date >= ?3)",
                    params![row.course, value, y.end],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let k = &row.counts;
        if row.subject.contains("группа") {
            continue; // group lists are checked by the period report's test
        }
        assert_eq!(
            (k.n5, k.n4, k.n3, k.n2),
            (count("5"), count("4"), count("3"), count("2")),
            "{}",
            row.subject
        );
        assert!(k.n() > 0);
    }
    let p = Printed::new(&progress::render(&report));
    assert!(
        p.flat()
            .contains("за 2025/2026 учебный год, по годовым отметкам")
    );
}

#[test]
fn first_graders_without_marks_are_promoted_when_the_year_is_over() {
    let (_dir, mut db) = past_year_db();
    let s = login(&mut db, "director");
    let class = class_named(&db, "1А");
    let ledger = ledger::gather_class(&db, &s, class).unwrap();
    let c = &ledger.classes[0];
    assert!(c.subjects.iter().all(|s| !s.attested));
    let staying = c
        .rows
        .iter()
        .filter(|r| !matches!(r.outcome, Outcome::Left { .. }))
        .count();
    assert!(staying > 20);
    assert!(
        c.rows
            .iter()
            .filter(|r| !matches!(r.outcome, Outcome::Left { .. }))
            .all(|r| r.outcome == Outcome::Promoted)
    );
    let p = Printed::new(&ledger::render(&ledger, &mut Progress::none()).unwrap());
    assert_eq!(p.flat().matches("во 2 класс").count(), staying);
    assert!(p.flat().contains("Без отметок (безотметочное обучение)"));
}
