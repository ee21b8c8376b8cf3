//! The weekly summary for parents, printed and read back: every mark, absence and lesson of the
//! week is on the paper as the journal has it, each family's summary on pages of its own.

mod common;
mod report_support;

use common::*;
use report_support::*;
use rusqlite::params;
use zhurnal::error::Error;
use zhurnal::model::*;
use zhurnal::report::weekly::{self, Who};
use zhurnal::report::{Progress, ReportError};

fn class_of(db: &zhurnal::Db, teacher_login: &str) -> ClassId {
    db.conn
        .query_row(
            "SELECT c.id FROM class c JOIN staff s ON s.id = c.class_teacher_id WHERE s.login = ?1",
            [teacher_login],
            |r| r.get(0),
        )
        .unwrap()
}

fn lessons_word(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => "урок",
        (2..=4, r) if !(12..=14).contains(&r) => "урока",
        _ => "уроков",
    }
}

/// The pages of each summary: a summary starts on a page with the form's title.
fn sections(p: &Printed) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for page in &p.pages {
        if page.contains("СВОДНАЯ ВЕДОМОСТЬ") {
            out.push(String::new());
        }
        out.last_mut()
            .expect("the first page has the title")
            .push_str(page);
        out.last_mut().unwrap().push('\n');
    }
    out
}

#[test]
fn the_class_teacher_prints_the_week_for_families_on_paper_with_every_mark_and_absence() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let class = class_of(&db, "teacher");
    let (from, to) = (d(2026, 11, 9), d(2026, 11, 14));
    // Two families of the class refused the electronic service; nobody else did.
    db.conn
        .execute("UPDATE student SET paper_reports = 0 WHERE id IN (SELECT student_id FROM enrolment WHERE class_id = ?1)", [class])
        .unwrap();
    let paper: Vec<StudentId> = db
        .conn
        .prepare("SELECT student_id FROM enrolment WHERE class_id = ?1 AND end_date IS NULL ORDER BY student_id LIMIT 2")
        .unwrap()
        .query_map([class], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for id in &paper {
        db.conn
            .execute(
                "UPDATE student SET paper_reports = 1, paper_since = '2026-09-01' WHERE id = ?1",
                [id],
            )
            .unwrap();
    }

    let batch = weekly::gather_class(
        &db,
        &s,
        class,
        from,
        to,
        Who::PaperOnly,
        &mut Progress::none(),
    )
    .unwrap();
    assert_eq!(batch.summaries.len(), 2);
    let printed = Printed::new(&weekly::render(&batch, &mut Progress::none()).unwrap());
    let secs = sections(&printed);
    assert_eq!(secs.len(), 2, "each family's summary starts a new page");

    let mut marks_seen = 0;
    let mut lessons_seen = 0;
    for summary in &batch.summaries {
        let sec = secs
            .iter()
            .find(|t| flat(t).contains(&format!("{}, 5А класс", summary.name.full())))
            .expect("the summary names the student");
        let text = flat(sec);
        // Every mark of the week, with its kind of work, as many times as the journal has it.
        let mut st = db
            .conn
            .prepare(
                "SELECT m.value, w.short_name, count(*) FROM mark m JOIN lesson l ON l.id = m.lesson_id
                 JOIN course c ON c.id = l.course_id JOIN work_type w ON w.id = m.work_type_id
                 WHERE m.student_id = ?1 AND c.class_id = ?2 AND l.date BETWEEN ?3 AND ?4 AND l.cancelled = 0
                 GROUP BY m.value, w.short_name",
            )
            .unwrap();
        let marks: Vec<(String, String, usize)> = st
            .query_map(params![summary.student, class, from, to], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let total: usize = marks.iter().map(|m| m.2).sum();
        assert_eq!(summary.marks().count(), total);
        for (value, kind, n) in &marks {
            let token = format!("{value} ({kind})");
            assert_eq!(
                text.matches(&token).count(),
                *n,
                "{token} for {}",
                summary.name.full()
            );
        }
        marks_seen += total;
        // Lessons missed by reason and late arrivals.
        let count = |code: &str| -> u32 {
            db.conn
                .query_row(
                    "SELECT count(*) FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN course c ON c.id = l.course_id
                     WHERE a.student_id = ?1 AND c.class_id = ?2 AND l.date BETWEEN ?3 AND ?4 AND l.cancelled = 0 AND a.code = ?5",
                    params![summary.student, class, from, to, code],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let (absent, ill, excused, late) = (
            count("absent"),
            count("ill"),
            count("excused"),
            count("late"),
        );
        let missed = absent + ill + excused;
        let line = format!(
            "Пропущено за период: {missed} {} (по болезни — {ill}, по уважительной причине — {excused}, без уважительной причины — {absent}). Опозданий: {late}.",
            lessons_word(missed)
        );
        assert!(text.contains(&line), "{line}\nnot in\n{text}");
        // Every lesson the student was on the list for, one dated row each.
        let lessons: i64 = db
            .conn
            .query_row(
                "SELECT count(*) FROM lesson l JOIN course c ON c.id = l.course_id
                 WHERE c.class_id = ?2 AND l.date BETWEEN ?3 AND ?4 AND l.cancelled = 0 AND (
                   (c.group_id IS NULL AND EXISTS (SELECT 1 FROM enrolment e WHERE e.student_id = ?1 AND e.class_id = c.class_id
                        AND e.start_date <= l.date AND (e.end_date IS NULL OR e.end_date >= l.date)))
                   OR EXISTS (SELECT 1 FROM group_member g WHERE g.student_id = ?1 AND g.group_id = c.group_id
                        AND g.start_date <= l.date AND (g.end_date IS NULL OR g.end_date >= l.date)))",
                params![summary.student, class, from, to],
                |r| r.get(0),
            )
            .unwrap();
        let table = &text[..text.find("Пропущено за период").unwrap()];
        let dated = table
            .split(' ')
            .filter(|w| {
                w.len() == 5
                    && w.as_bytes()[2] == b'.'
                    && w.bytes().filter(u8::is_ascii_digit).count() == 4
            })
            .count();
        let lessons = lessons as usize;
        assert_eq!(
            dated,
            lessons,
            "one row per lesson for {}",
            summary.name.full()
        );
        assert_eq!(
            summary
                .subjects
                .iter()
                .map(|s| s.lessons.len())
                .sum::<usize>(),
            lessons
        );
        lessons_seen += lessons;
        assert!(text.contains("Классный руководитель"));
        assert!(text.contains("стр. 1 из"));
    }
    assert!(
        marks_seen > 0 && lessons_seen > 30,
        "the week had lessons and marks ({lessons_seen}, {marks_seen})"
    );
}

#[test]
fn a_batch_for_the_whole_class_gives_each_student_pages_numbered_on_their_own() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "director");
    let class = class_of(&db, "teacher");
    let batch = weekly::gather_class(
        &db,
        &s,
        class,
        d(2026, 11, 16),
        d(2026, 11, 20),
        Who::Everyone,
        &mut Progress::none(),
    )
    .unwrap();
    let on_list: i64 = db
        .conn
        .query_row(
            "SELECT count(DISTINCT student_id) FROM enrolment WHERE class_id = ?1 AND start_date <= '2026-11-20'
             AND (end_date IS NULL OR end_date >= '2026-11-16')",
            [class],
            |r| r.get(0),
        )
        .unwrap();
    let on_list = on_list as usize;
    assert_eq!(batch.summaries.len(), on_list);
    let printed = Printed::new(&weekly::render(&batch, &mut Progress::none()).unwrap());
    let firsts: Vec<&String> = printed
        .pages
        .iter()
        .filter(|p| p.contains("стр. 1 из"))
        .collect();
    assert_eq!(
        firsts.len(),
        on_list,
        "every summary numbers its own pages from 1"
    );
    assert!(firsts.iter().all(|p| p.contains("СВОДНАЯ ВЕДОМОСТЬ")));
    // Alphabetical order, as the class list.
    let names: Vec<String> = batch
        .summaries
        .iter()
        .map(|s| collate_key(&s.name.full()))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn one_students_summary_for_any_dates() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let class = class_of(&db, "teacher");
    let student: StudentId = db
        .conn
        .query_row(
            "SELECT student_id FROM enrolment WHERE class_id = ?1 AND end_date IS NULL LIMIT 1",
            [class],
            |r| r.get(0),
        )
        .unwrap();
    let batch = weekly::gather_student(&db, &s, student, d(2026, 11, 2), d(2026, 11, 20)).unwrap();
    assert_eq!(batch.summaries.len(), 1);
    assert_eq!(batch.summaries[0].student, student);
    let first = batch.summaries[0]
        .subjects
        .iter()
        .flat_map(|s| s.lessons.iter())
        .map(|l| l.date)
        .min()
        .unwrap();
    assert!(
        first >= d(2026, 11, 5),
        "the autumn holidays have no lessons"
    );
    let printed = Printed::new(&weekly::render(&batch, &mut Progress::none()).unwrap());
    assert!(
        printed
            .flat()
            .contains("за период с 02.11.2026 по 20.11.2026")
    );
}

#[test]
fn only_the_class_teacher_and_the_administration_print_a_classs_summaries() {
    let (_dir, mut db) = demo_db();
    let class = class_of(&db, "teacher");
    let (from, to) = (d(2026, 11, 9), d(2026, 11, 14));
    // A teacher of the class who is not its class teacher, the clerk: refused.
    let other: String = db
        .conn
        .query_row(
            "SELECT DISTINCT t.login FROM course c JOIN staff t ON t.id = c.teacher_id
             WHERE c.class_id = ?1 AND t.login <> 'teacher' ORDER BY t.login LIMIT 1",
            [class],
            |r| r.get(0),
        )
        .unwrap();
    for who in [other.as_str(), "clerk"] {
        let s = login(&mut db, who);
        match weekly::gather_class(
            &db,
            &s,
            class,
            from,
            to,
            Who::Everyone,
            &mut Progress::none(),
        ) {
            Err(ReportError::Core(Error::Denied(_))) => {}
            other => panic!(
                "{who} should be refused, got {:?}",
                other.map(|b| b.summaries.len())
            ),
        }
    }
    for who in ["teacher", "director", "deputy", "archivist", "admin"] {
        let s = login(&mut db, who);
        assert!(
            weekly::gather_class(
                &db,
                &s,
                class,
                from,
                to,
                Who::Everyone,
                &mut Progress::none()
            )
            .is_ok(),
            "{who}"
        );
    }
}
