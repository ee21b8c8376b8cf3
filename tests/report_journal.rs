//! Journal pages printed and read back: the left page holds every mark and «н» of the journal in
//! date order with the period mark after the last lesson, the right page every lesson's date and
//! topic; a whole class's journal is bound with contents that point at each subject.

mod common;
mod report_support;

use common::*;
use report_support::*;
use rusqlite::params;
use zhurnal::error::Error;
use zhurnal::model::*;
use zhurnal::report::{PeriodChoice, Progress, ReportError, journal};
use zhurnal::school;

fn year(db: &zhurnal::Db) -> school::Year {
    school::current_year(&db.conn, today()).unwrap().unwrap()
}

fn own_class(db: &zhurnal::Db) -> ClassId {
    db.conn
        .query_row("SELECT c.id FROM class c JOIN staff s ON s.id = c.class_teacher_id WHERE s.login = 'teacher'", [], |r| r.get(0))
        .unwrap()
}

fn subject_id(db: &zhurnal::Db, name: &str) -> SubjectId {
    db.conn
        .query_row("SELECT id FROM subject WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn the_left_page_holds_every_mark_and_absence_and_the_period_mark_the_right_page_every_topic() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let y = year(&db);
    let class = own_class(&db);
    let subject = subject_id(&db, "Русский язык");
    let book = journal::gather(
        &db,
        &s,
        &y,
        Some(class),
        Some(subject),
        Some(PeriodChoice::Number(1)),
        &mut Progress::none(),
    )
    .unwrap();
    assert!(!book.bound);
    assert_eq!(book.classes.len(), 1);
    assert_eq!(book.classes[0].spreads.len(), 1);
    let spread = &book.classes[0].spreads[0];
    let p = Printed::new(&journal::render(&book, &mut Progress::none()).unwrap());

    // From the tables: the lessons held, in order.
    let lessons: Vec<(LessonId, chrono::NaiveDate, String)> = db
        .conn
        .prepare(
            "SELECT id, date, topic FROM lesson WHERE course_id = ?1 AND date BETWEEN ?2 AND ?3 AND cancelled = 0 AND date <= ?4
             ORDER BY date, lesson_no",
        )
        .unwrap()
        .query_map(params![spread.course, spread.period.start, spread.period.end, today()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        lessons.len() > 30,
        "a quarter of Russian: {} lessons",
        lessons.len()
    );
    assert_eq!(spread.lessons.len(), lessons.len());

    let lines = p.lines();
    let mut marks_checked = 0;
    let mut absences_checked = 0;
    for (i, row) in spread.rows.iter().enumerate() {
        let mut expected: Vec<String> = Vec::new();
        for (lesson, date, _) in &lessons {
            let on_list: bool = db
                .conn
                .query_row(
                    "SELECT EXISTS(SELECT 1 FROM enrolment WHERE student_id = ?1 AND class_id = ?2 AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3))",
                    params![row.student, class, date],
                    |r| r.get(0),
                )
                .unwrap();
            if !on_list {
                continue;
            }
            let marks: Vec<String> = db
                .conn
                .prepare(
                    "SELECT value FROM mark WHERE lesson_id = ?1 AND student_id = ?2 ORDER BY id",
                )
                .unwrap()
                .query_map(params![lesson, row.student], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let absent: bool = db
                .conn
                .query_row(
                    "SELECT EXISTS(SELECT 1 FROM attendance WHERE lesson_id = ?1 AND student_id = ?2 AND code IN ('absent', 'ill', 'excused'))",
                    params![lesson, row.student],
                    |r| r.get(0),
                )
                .unwrap();
            if !marks.is_empty() {
                marks_checked += marks.len();
                expected.push(marks.join("/"));
            } else if absent {
                absences_checked += 1;
                expected.push("н".into());
            }
        }
        let period_mark: Option<String> = db
            .conn
            .query_row(
                "SELECT value FROM period_mark WHERE course_id = ?1 AND student_id = ?2 AND kind = 'period' AND period_id = ?3",
                params![spread.course, row.student, spread.period.id],
                |r| r.get(0),
            )
            .ok();
        expected.extend(period_mark);
        let printed: Vec<String> = lines
            .iter()
            .map(|l| tokens(l))
            .find(|t| {
                t.len() >= 3
                    && t[0] == (i + 1).to_string()
                    && t[1] == row.name.surname
                    && t[2] == row.name.name
            })
            .unwrap_or_else(|| panic!("row of {}", row.name.full()))[3..]
            .to_vec();
        assert_eq!(printed, expected, "{}", row.name.full());
    }
    assert!(
        marks_checked > 100 && absences_checked > 5,
        "{marks_checked} marks, {absences_checked} absences"
    );
    // Alphabetical, as the paper journal lists students.
    let keys: Vec<String> = spread
        .rows
        .iter()
        .map(|r| collate_key(&r.name.full()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // The month headers and the period mark's column.
    let all = p.all();
    assert!(all.contains("сентябрь") && all.contains("октябрь") && all.contains("I чет."));
    // The right page: one dated row per lesson, each topic written.
    // (The right page runs on over the following page, under its repeated header.)
    let first_right = p
        .pages
        .iter()
        .position(|pg| pg.contains("правая страница"))
        .unwrap();
    let right: Vec<&String> = p.pages[first_right..].iter().collect();
    let right_text = right
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let dated = right_text
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            t.len() >= 5
                && t.as_bytes()[2] == b'.'
                && t[..5].bytes().filter(u8::is_ascii_digit).count() == 4
        })
        .count();
    assert_eq!(dated, lessons.len());
    let right_flat = flat(&right_text);
    for (_, _, topic) in lessons.iter().filter(|l| !l.2.is_empty()) {
        assert!(right_flat.contains(topic.as_str()), "topic «{topic}»");
    }
}

#[test]
fn a_whole_classs_journal_is_bound_with_contents_pointing_at_each_subject() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let y = year(&db);
    let class = own_class(&db);
    let book =
        journal::gather(&db, &s, &y, Some(class), None, None, &mut Progress::none()).unwrap();
    assert!(book.bound);
    let file = zhurnal::report::Report::Journal(book.clone()).file_name();
    assert_eq!(
        file,
        "Страницы классного журнала 5А 2026-2027 20.11.2026.pdf"
    );
    let courses: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM course WHERE class_id = ?1",
            [class],
            |r| r.get(0),
        )
        .unwrap();
    // Quarters begun by 20 November: the first and the second.
    assert_eq!(book.classes[0].spreads.len() as i64, courses * 2);
    let p = Printed::new(&journal::render(&book, &mut Progress::none()).unwrap());
    assert!(p.pages[0].contains("КЛАССНЫЙ ЖУРНАЛ") && p.pages[0].contains("5А класс"));
    let contents = p
        .pages
        .iter()
        .take(3)
        .find(|pg| pg.contains("Содержание"))
        .expect("contents");
    let mut subjects: Vec<String> = book.classes[0]
        .spreads
        .iter()
        .map(|s| s.subject.clone())
        .collect();
    subjects.dedup();
    assert_eq!(subjects.len() as i64, courses);
    for subject in &subjects {
        let line = contents
            .lines()
            .find(|l| flat(l).starts_with(subject.as_str()))
            .unwrap_or_else(|| panic!("{subject} in contents"));
        let page: usize = tokens(line).last().unwrap().parse().unwrap();
        let heading = format!("{subject} · 5А класс · I четверть");
        assert!(
            flat(&p.pages[page - 1]).contains(&heading),
            "{subject} on page {page}"
        );
    }
    let total = p.page_count();
    assert!(p.pages[total - 1].contains(&format!("стр. {total} из {total}")));
}

#[test]
fn a_teacher_prints_the_journals_they_teach_and_no_others() {
    let (_dir, mut db) = demo_db();
    let login_name: String = db
        .conn
        .query_row(
            "SELECT t.login FROM staff t JOIN staff_role r ON r.staff_id = t.id AND r.role = 'teacher'
             WHERE NOT EXISTS (SELECT 1 FROM class c WHERE c.class_teacher_id = t.id) ORDER BY t.login LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let s = login(&mut db, &login_name);
    let y = year(&db);
    let book = journal::gather(
        &db,
        &s,
        &y,
        None,
        None,
        Some(PeriodChoice::Number(1)),
        &mut Progress::none(),
    )
    .unwrap();
    let spreads: Vec<CourseId> = book
        .classes
        .iter()
        .flat_map(|c| c.spreads.iter().map(|s| s.course))
        .collect();
    assert!(!spreads.is_empty());
    for course in &spreads {
        let (teacher, substituted): (String, bool) = db
            .conn
            .query_row(
                "SELECT t.login, EXISTS(SELECT 1 FROM lesson l WHERE l.course_id = c.id AND l.substitute_id = ?2)
                 FROM course c JOIN staff t ON t.id = c.teacher_id WHERE c.id = ?1",
                params![course, s.staff],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(
            teacher == login_name || substituted,
            "course #{course} is not theirs"
        );
    }
    let own: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM course WHERE teacher_id = ?1",
            [s.staff],
            |r| r.get(0),
        )
        .unwrap();
    assert!(spreads.len() as i64 >= own);
    // A class they do not teach at all: refused.
    let foreign: ClassId = db
        .conn
        .query_row(
            "SELECT c.id FROM class c WHERE NOT EXISTS (SELECT 1 FROM course k WHERE k.class_id = c.id AND k.teacher_id = ?1)
             AND NOT EXISTS (SELECT 1 FROM course k JOIN lesson l ON l.course_id = k.id WHERE k.class_id = c.id AND l.substitute_id = ?1)
             LIMIT 1",
            [s.staff],
            |r| r.get(0),
        )
        .unwrap();
    assert!(matches!(
        journal::gather(
            &db,
            &s,
            &y,
            Some(foreign),
            None,
            None,
            &mut Progress::none()
        ),
        Err(ReportError::Core(Error::Denied(_)))
    ));
}

#[test]
fn a_student_who_left_keeps_the_days_they_attended_and_the_rest_is_struck_out() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "director");
    let y = year(&db);
    // A student who left a class this autumn, in the middle of a quarter.
    let (class, student, left): (ClassId, StudentId, chrono::NaiveDate) = db
        .conn
        .query_row(
            "SELECT e.class_id, e.student_id, e.end_date FROM enrolment e
             WHERE e.end_date BETWEEN '2026-09-10' AND '2026-11-16' ORDER BY e.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let quarter = if left <= d(2026, 10, 24) { 1 } else { 2 };
    let book = journal::gather(
        &db,
        &s,
        &y,
        Some(class),
        None,
        Some(PeriodChoice::Number(quarter)),
        &mut Progress::none(),
    )
    .unwrap();
    let spread = book.classes[0]
        .spreads
        .iter()
        .find(|sp| sp.rows.iter().any(|r| r.student == student))
        .unwrap();
    let row = spread.rows.iter().find(|r| r.student == student).unwrap();
    for (lesson, cell) in spread.lessons.iter().zip(&row.cells) {
        assert_eq!(cell.on_list, lesson.date <= left, "{}", lesson.date);
        if !cell.on_list {
            assert!(cell.text.is_empty());
        }
    }
    assert!(row.cells.iter().any(|c| !c.on_list) && row.cells.iter().any(|c| c.on_list));
}

#[test]
fn the_reports_screen_offers_each_user_only_the_classes_they_may_print() {
    use zhurnal::report::{Form, classes_for};
    let (_dir, mut db) = demo_db();
    let y = year(&db);
    let all = school::classes(&db.conn, y.id).unwrap().len();
    let t = login(&mut db, "teacher");
    let own: Vec<String> = classes_for(&db.conn, &t, Form::Weekly, y.id)
        .unwrap()
        .iter()
        .map(|c| c.name())
        .collect();
    assert_eq!(own, vec!["5А".to_string()]);
    let taught = classes_for(&db.conn, &t, Form::Journal, y.id).unwrap();
    assert!(taught.len() >= own.len() && taught.len() < all);
    assert!(!Form::Audit.allowed(&t) && !Form::Slips.allowed(&t) && Form::Journal.allowed(&t));
    let director = login(&mut db, "director");
    assert_eq!(
        classes_for(&db.conn, &director, Form::Ledger, y.id)
            .unwrap()
            .len(),
        all
    );
    let admin = login(&mut db, "admin");
    assert!(
        classes_for(&db.conn, &admin, Form::Slips, y.id)
            .unwrap()
            .is_empty()
    );
    let clerk = login(&mut db, "clerk");
    assert!(
        Form::ALL.iter().all(|f| !f.allowed(&clerk)),
        "the clerk prints nothing"
    );
}
