//! The school's reports printed and read back against the tables: progress and quality (N, «5»…«2»,
//! н/а, % успеваемости, % качества, average, СОУ by the published formulas), attendance by reason,
//! and journal-keeping control (topics, homework, attendance not taken, marks, late marks).

mod common;
mod report_support;

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use common::*;
use report_support::*;
use rusqlite::params;
use zhurnal::model::*;
use zhurnal::report::{PeriodChoice, Progress, attendance, control, progress};
use zhurnal::school;

fn year(db: &zhurnal::Db) -> school::Year {
    school::current_year(&db.conn, today()).unwrap().unwrap()
}

/// Who was on a course's list on `day`, straight from the tables.
fn on_list(db: &zhurnal::Db, course: CourseId, day: NaiveDate) -> Vec<StudentId> {
    db.conn
        .prepare(
            "SELECT e.student_id FROM course c JOIN enrolment e ON e.class_id = c.class_id
             WHERE c.id = ?1 AND c.group_id IS NULL AND e.start_date <= ?2 AND (e.end_date IS NULL OR e.end_date >= ?2)
             UNION
             SELECT g.student_id FROM course c JOIN group_member g ON g.group_id = c.group_id
             WHERE c.id = ?1 AND g.start_date <= ?2 AND (g.end_date IS NULL OR g.end_date >= ?2)",
        )
        .unwrap()
        .query_map(params![course, day], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn period_marks(
    db: &zhurnal::Db,
    course: CourseId,
    period: PeriodId,
) -> HashMap<StudentId, String> {
    db.conn
        .prepare("SELECT student_id, value FROM period_mark WHERE course_id = ?1 AND kind = 'period' AND period_id = ?2")
        .unwrap()
        .query_map(params![course, period], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn share(part: u32, n: u32) -> String {
    if n == 0 {
        "—".into()
    } else {
        pct(f64::from(part) * 100.0 / f64::from(n))
    }
}

#[test]
fn progress_and_quality_follow_the_published_formulas_for_every_class_and_subject() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "deputy");
    let y = year(&db);
    let report = progress::gather(
        &db,
        &s,
        &y,
        PeriodChoice::Number(1),
        None,
        &mut Progress::none(),
    )
    .unwrap();
    let p = Printed::new(&progress::render(&report));
    let lines = p.lines();
    let attested: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM course WHERE year_id = ?1 AND no_attestation = 0",
            [y.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(report.subjects.len() as i64, attested);
    let mut printed_rows = 0;
    for row in &report.subjects {
        let grade: u8 = db
            .conn
            .query_row("SELECT grade FROM class WHERE id = ?1", [row.class], |r| {
                r.get(0)
            })
            .unwrap();
        let period = school::periods_for_grade(&db.conn, y.id, grade)
            .unwrap()
            .remove(0);
        let marks = period_marks(&db, row.course, period.id);
        let list = on_list(&db, row.course, period.end);
        let (mut n5, mut n4, mut n3, mut n2, mut na, mut exempt, mut missing, mut pass) =
            (0u32, 0u32, 0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
        for st in &list {
            match marks.get(st).map(String::as_str) {
                None => missing += 1,
                Some("5") => n5 += 1,
                Some("4") => n4 += 1,
                Some("3") => n3 += 1,
                Some("2") | Some("н/з") => n2 += 1,
                Some("н/а") => na += 1,
                Some("осв") => exempt += 1,
                Some("зач") => pass += 1,
                Some(other) => panic!("unexpected period mark {other}"),
            }
        }
        let on = list.len() as u32;
        let n = on - exempt - missing;
        let k = &row.counts;
        assert_eq!(
            (
                k.on_list,
                k.n(),
                k.n5,
                k.n4,
                k.n3,
                k.n2 + k.fail,
                k.not_attested,
                k.pass
            ),
            (on, n, n5, n4, n3, n2, na, pass),
            "{} {}",
            row.class_name,
            row.subject
        );
        let numeric = n5 + n4 + n3 + n2;
        let pass_fail = numeric == 0 && pass > 0;
        let progress = share(n5 + n4 + n3 + pass, n);
        let quality = if pass_fail {
            "—".into()
        } else {
            share(n5 + n4, n)
        };
        let average = if numeric == 0 {
            "—".into()
        } else {
            dec2(f64::from(5 * n5 + 4 * n4 + 3 * n3 + 2 * n2) / f64::from(numeric))
        };
        let sou = if pass_fail || n == 0 {
            "—".into()
        } else {
            pct(f64::from(100 * n5 + 64 * n4 + 36 * n3 + 16 * n2 + 7 * na) / f64::from(n))
        };
        let (count, sum): (u32, i64) = db
            .conn
            .query_row(
                "SELECT count(*), IFNULL(sum(CAST(m.value AS INTEGER)), 0) FROM mark m JOIN lesson l ON l.id = m.lesson_id
                 WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3 AND m.value IN ('1','2','3','4','5')",
                params![row.course, period.start, period.end],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let current = if count == 0 {
            "—".into()
        } else {
            dec2(sum as f64 / f64::from(count))
        };
        let expected: Vec<String> = [on, exempt, missing, n, n5, n4, n3, n2, na]
            .iter()
            .map(u32::to_string)
            .chain([progress, quality, average, sou, count.to_string(), current])
            .collect();
        // The row as printed: class, subject, teacher, then the 15 figures.
        let teacher = row.teacher.short();
        if let Some(line) = lines.iter().find(|l| {
            let t = tokens(l);
            t.first() == Some(&row.class_name)
                && flat(l).contains(&format!("{} {teacher}", row.subject))
        }) {
            let t = tokens(line);
            assert_eq!(
                t[t.len() - 15..],
                expected[..],
                "{} {}",
                row.class_name,
                row.subject
            );
            printed_rows += 1;
        }
    }
    assert!(
        printed_rows * 10 >= report.subjects.len() * 9,
        "{printed_rows} of {} rows found",
        report.subjects.len()
    );

    // Each class's students by category over all their subjects.
    for class in &report.classes {
        let grade: u8 = db
            .conn
            .query_row(
                "SELECT grade FROM class WHERE id = ?1",
                [class.class],
                |r| r.get(0),
            )
            .unwrap();
        let period = school::periods_for_grade(&db.conn, y.id, grade)
            .unwrap()
            .remove(0);
        let courses: Vec<CourseId> = db
            .conn
            .prepare("SELECT id FROM course WHERE class_id = ?1 AND no_attestation = 0")
            .unwrap()
            .query_map([class.class], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut results: HashMap<StudentId, Vec<String>> = HashMap::new();
        for c in &courses {
            let marks = period_marks(&db, *c, period.id);
            for st in on_list(&db, *c, period.end) {
                results
                    .entry(st)
                    .or_default()
                    .push(marks.get(&st).cloned().unwrap_or_default());
            }
        }
        let students: Vec<StudentId> = db
            .conn
            .prepare("SELECT student_id FROM enrolment WHERE class_id = ?1 AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2)")
            .unwrap()
            .query_map(params![class.class, period.end], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let (mut excellent, mut good, mut one3, mut failing, mut na) =
            (0u32, 0u32, 0u32, 0u32, 0u32);
        for st in &students {
            let v = results.get(st).cloned().unwrap_or_default();
            let threes = v.iter().filter(|m| *m == "3").count();
            if v.iter().any(|m| m == "н/а") {
                na += 1;
            } else if v.iter().any(|m| m == "2" || m == "н/з" || m.is_empty()) {
                failing += 1;
            } else if threes == 1 {
                one3 += 1;
            } else if threes == 0 && v.iter().any(|m| m == "4") {
                good += 1;
            } else if threes == 0 {
                excellent += 1;
            }
        }
        let k = &class.categories;
        let total = students.len() as u32;
        assert_eq!(
            (
                k.students,
                k.excellent,
                k.good,
                k.one_three,
                k.failing,
                k.not_attested
            ),
            (total, excellent, good, one3, failing, na),
            "{}",
            class.class_name
        );
        let line = lines
            .iter()
            .find(|l| {
                let t = tokens(l);
                t.first() == Some(&class.class_name) && t.len() == 13
            })
            .unwrap_or_else(|| panic!("class line {}", class.class_name));
        let t = tokens(line);
        assert_eq!(
            t[4..9],
            [total, excellent, good, one3]
                .iter()
                .map(u32::to_string)
                .chain([k.satisfactory.to_string()])
                .collect::<Vec<_>>()[..]
        );
        assert_eq!(t[9..11], [failing.to_string(), na.to_string()]);
        assert_eq!(
            t[11],
            share(total - failing - na, total),
            "{} progress",
            class.class_name
        );
        assert_eq!(
            t[12],
            share(excellent + good, total),
            "{} quality",
            class.class_name
        );
    }
    assert!(p.flat().contains("Верно.") && p.flat().contains("М.П."));
}

#[test]
fn a_teacher_reports_on_their_own_courses_without_the_class_summaries() {
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
    let report = progress::gather(
        &db,
        &s,
        &y,
        PeriodChoice::Number(1),
        None,
        &mut Progress::none(),
    )
    .unwrap();
    assert!(report.classes.is_empty());
    assert!(!report.subjects.is_empty());
    for row in &report.subjects {
        let teacher: StaffId = db
            .conn
            .query_row(
                "SELECT teacher_id FROM course WHERE id = ?1",
                [row.course],
                |r| r.get(0),
            )
            .unwrap();
        let substituted: bool = db
            .conn
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM lesson WHERE course_id = ?1 AND substitute_id = ?2)",
                params![row.course, s.staff],
                |r| r.get(0),
            )
            .unwrap();
        assert!(teacher == s.staff || substituted);
    }
}

#[test]
fn the_attendance_report_counts_each_students_missed_lessons_by_reason() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let y = year(&db);
    let class: ClassId = db
        .conn
        .query_row("SELECT c.id FROM class c JOIN staff s ON s.id = c.class_teacher_id WHERE s.login = 'teacher'", [], |r| r.get(0))
        .unwrap();
    let report = attendance::gather(
        &db,
        &s,
        &y,
        Some(class),
        None,
        Some(PeriodChoice::Number(1)),
        None,
        None,
    )
    .unwrap();
    let c = &report.classes[0];
    assert!(
        c.only_subjects.is_none(),
        "the class teacher counts every subject"
    );
    let p = Printed::new(&attendance::render(&report));
    let lines = p.lines();
    let count = |student: StudentId, code: &str| -> u32 {
        db.conn
            .query_row(
                "SELECT count(*) FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN course k ON k.id = l.course_id
                 WHERE a.student_id = ?1 AND k.class_id = ?2 AND l.date BETWEEN ?3 AND ?4 AND l.cancelled = 0 AND a.code = ?5",
                params![student, class, c.from, c.to, code],
                |r| r.get(0),
            )
            .unwrap()
    };
    let mut totals = [0u32; 5];
    for (i, row) in c.rows.iter().enumerate() {
        let (absent, ill, excused, late) = (
            count(row.student, "absent"),
            count(row.student, "ill"),
            count(row.student, "excused"),
            count(row.student, "late"),
        );
        let expected = [absent + ill + excused, ill, excused, absent, late];
        for (t, e) in totals.iter_mut().zip(expected) {
            *t += e;
        }
        let line = lines
            .iter()
            .find(|l| {
                let t = tokens(l);
                t.len() > 3 && t[0] == (i + 1).to_string() && t[1] == row.name.surname
            })
            .unwrap();
        let t = tokens(line);
        assert_eq!(
            t[t.len() - 5..],
            expected.map(|v| v.to_string())[..],
            "{}",
            row.name.full()
        );
    }
    assert!(totals[0] > 50, "a quarter has absences: {totals:?}");
    let total_line = lines
        .iter()
        .find(|l| l.contains("Итого по классу"))
        .unwrap();
    let t = tokens(total_line);
    assert_eq!(t[t.len() - 5..], totals.map(|v| v.to_string())[..]);
}

#[test]
fn the_control_report_shows_what_each_teacher_left_unfilled_and_marks_entered_late() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "deputy");
    let (from, to) = (d(2026, 9, 1), d(2026, 10, 24));
    let report = control::gather(&db, &s, from, to, None).unwrap();
    let p = Printed::new(&control::render(&report));
    let lines = p.lines();
    let mut late_total = 0;
    let mut unchecked_total = 0;
    let mut found = 0;
    for row in &report.rows {
        let (lessons, no_topic, no_homework, no_attendance): (u32, u32, u32, u32) = db
            .conn
            .query_row(
                "SELECT count(*), sum(topic = ''), sum(homework = ''),
                        sum(NOT EXISTS(SELECT 1 FROM attendance a WHERE a.lesson_id = l.id) AND NOT EXISTS(SELECT 1 FROM attendance_check k WHERE k.lesson_id = l.id))
                 FROM lesson l WHERE course_id = ?1 AND date BETWEEN ?2 AND ?3 AND cancelled = 0",
                params![row.course, from, to],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        let marks: Vec<(StudentId, NaiveDate, String)> = db
            .conn
            .prepare("SELECT m.student_id, l.date, m.created_at FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.course_id = ?1 AND l.date BETWEEN ?2 AND ?3 AND l.cancelled = 0")
            .unwrap()
            .query_map(params![row.course, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let late = marks
            .iter()
            .filter(|(_, d, at)| {
                NaiveDate::parse_from_str(&at[..10], "%Y-%m-%d").unwrap() > *d + Days::new(7)
            })
            .count() as u32;
        late_total += late;
        unchecked_total += no_attendance;
        let marked: HashSet<StudentId> = marks.iter().map(|m| m.0).collect();
        let list = on_list(&db, row.course, to);
        let without = list.iter().filter(|s| !marked.contains(s)).count() as u32;
        assert_eq!(
            (
                row.lessons,
                row.no_topic,
                row.no_homework,
                row.no_attendance,
                row.marks,
                row.late_marks
            ),
            (
                lessons,
                no_topic,
                no_homework,
                no_attendance,
                marks.len() as u32,
                late
            ),
            "{} {}",
            row.class_name,
            row.subject
        );
        assert_eq!(row.students, list.len() as u32);
        let no_attestation: bool = db
            .conn
            .query_row(
                "SELECT no_attestation FROM course WHERE id = ?1",
                [row.course],
                |r| r.get(0),
            )
            .unwrap();
        let (without_txt, pct_txt) = if no_attestation {
            ("—".to_string(), "—".to_string())
        } else {
            (without.to_string(), share(without, list.len() as u32))
        };
        let per_student = if list.is_empty() {
            "—".into()
        } else {
            dec2(marks.len() as f64 / list.len() as f64)
        };
        let expected = vec![
            lessons.to_string(),
            no_topic.to_string(),
            no_homework.to_string(),
            no_attendance.to_string(),
            list.len().to_string(),
            without_txt,
            pct_txt,
            marks.len().to_string(),
            per_student,
            late.to_string(),
        ];
        let teacher = row.teacher.short();
        if let Some(line) = lines.iter().find(|l| {
            flat(l).starts_with(&format!("{teacher} {} {} ", row.class_name, row.subject))
        }) {
            let t = tokens(line);
            assert_eq!(
                t[t.len() - 10..],
                expected[..],
                "{} {} {}",
                teacher,
                row.class_name,
                row.subject
            );
            found += 1;
        }
    }
    assert!(late_total > 0, "the demo enters some marks late");
    assert!(
        unchecked_total > 0,
        "and leaves attendance untaken at some lessons"
    );
    assert!(
        found * 10 >= report.rows.len() * 9,
        "{found} of {} rows found",
        report.rows.len()
    );
    // A teacher sees only the courses they teach.
    let t = login(&mut db, "teacher");
    let mine = control::gather(&db, &t, from, to, None).unwrap();
    assert!(!mine.rows.is_empty());
    for row in &mine.rows {
        let teacher: StaffId = db
            .conn
            .query_row(
                "SELECT teacher_id FROM course WHERE id = ?1",
                [row.course],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(teacher, t.staff);
    }
}
