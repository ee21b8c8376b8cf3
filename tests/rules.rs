//! The journal's rules, each as the school would say it. Every test fails if its rule is removed
//! from the core.

mod common;

use common::*;
use rusqlite::params;
use zhurnal::db::settings;
use zhurnal::error::{Denied, Error, Invalid};
use zhurnal::journal;
use zhurnal::model::*;
use zhurnal::school;

fn denied(r: zhurnal::Result<impl std::fmt::Debug>) -> Denied {
    match r {
        Err(Error::Denied(d)) => d,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_teacher_fills_their_own_lesson_and_the_audit_log_records_it() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    let id = journal::add_mark(&mut db, &s, lesson, student, "5", None, "", None).unwrap();
    journal::update_mark(&mut db, &s, id, "4", WorkTypeId(1), "", None).unwrap();
    let log: Vec<(String, Option<String>, Option<String>, i64)> = db
        .conn
        .prepare("SELECT action, old_value, new_value, staff_id FROM audit WHERE entity = 'mark' AND entity_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0].0.as_str(), log[0].1.clone(), log[0].2.clone()),
        ("add", None, Some("5".into()))
    );
    assert_eq!(
        (log[1].0.as_str(), log[1].1.clone(), log[1].2.clone()),
        ("change", Some("5".into()), Some("4".into()))
    );
    assert_eq!(log[1].3, s.staff.0);
    journal::delete_mark(&mut db, &s, id, None).unwrap();
    let last: String = db.conn.query_row("SELECT action FROM audit WHERE entity = 'mark' AND entity_id = ?1 ORDER BY id DESC LIMIT 1", [id.0], |r| r.get(0)).unwrap();
    assert_eq!(last, "delete");
    assert!(zhurnal::check::check(&db).unwrap().healthy());
}

#[test]
fn a_teacher_cannot_mark_in_another_teachers_course() {
    let (_dir, mut db) = demo_db();
    let other = db
        .conn
        .query_row(
            "SELECT t.login FROM course c JOIN staff t ON t.id = c.teacher_id WHERE t.login <> 'teacher'
             AND NOT EXISTS (SELECT 1 FROM class k WHERE k.class_teacher_id = (SELECT id FROM staff WHERE login = 'teacher') AND k.id = c.class_id)
             AND c.scale = 'five' AND c.group_id IS NULL LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    let (lesson, student, _) = own_lesson(&db, &other, d(2026, 11, 10), today());
    let s = login(&mut db, "teacher");
    assert_eq!(
        denied(journal::add_mark(
            &mut db, &s, lesson, student, "5", None, "", None
        )),
        Denied::NotYourCourse
    );
    assert_eq!(
        denied(journal::set_attendance(
            &mut db,
            &s,
            lesson,
            student,
            Some((AttendanceCode::Absent, None)),
            None
        )),
        Denied::NotYourCourse
    );
}

#[test]
fn a_substitute_fills_the_lesson_they_take() {
    let (_dir, mut db) = demo_db();
    let (lesson, sub_login, student): (LessonId, String, StudentId) = db
        .conn
        .query_row(
            "SELECT l.id, t.login, e.student_id FROM lesson l JOIN staff t ON t.id = l.substitute_id
             JOIN course c ON c.id = l.course_id
             JOIN enrolment e ON e.class_id = c.class_id AND e.start_date <= l.date AND (e.end_date IS NULL OR e.end_date >= l.date)
             WHERE l.date BETWEEN ?1 AND ?2 AND c.group_id IS NULL AND c.scale = 'five' AND l.substitute_id <> c.teacher_id
               AND NOT EXISTS (SELECT 1 FROM course c2 WHERE c2.id = c.id AND c2.teacher_id = l.substitute_id)
             ORDER BY l.date DESC LIMIT 1",
            params![d(2026, 11, 9), today()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the demo has substitutions");
    let s = login(&mut db, &sub_login);
    journal::add_mark(&mut db, &s, lesson, student, "4", None, "", None).unwrap();
    // The substitute's right covers that lesson, not the course's other lessons.
    let other: LessonId = db
        .conn
        .query_row(
            "SELECT l2.id FROM lesson l JOIN lesson l2 ON l2.course_id = l.course_id AND l2.id <> l.id
             WHERE l.id = ?1 AND l2.date BETWEEN ?2 AND ?3 AND (l2.substitute_id IS NULL OR l2.substitute_id <> ?4) AND l2.cancelled = 0
             LIMIT 1",
            params![lesson, d(2026, 11, 9), today(), s.staff],
            |r| r.get(0),
        )
        .unwrap();
    let r = journal::add_mark(&mut db, &s, other, student, "4", None, "", None);
    assert!(matches!(
        denied(r),
        Denied::NotYourCourse | Denied::NotOnList
    ));
}

#[test]
fn a_class_teacher_sees_the_whole_class_and_records_its_absences_but_not_marks_of_other_subjects() {
    let (_dir, mut db) = demo_db();
    let me = staff_id(&db, "teacher");
    let (lesson, student, course): (LessonId, StudentId, CourseId) = db
        .conn
        .query_row(
            "SELECT l.id, e.student_id, c.id FROM class k JOIN course c ON c.class_id = k.id
             JOIN lesson l ON l.course_id = c.id
             JOIN enrolment e ON e.class_id = k.id AND e.start_date <= l.date AND (e.end_date IS NULL OR e.end_date >= l.date)
             WHERE k.class_teacher_id = ?1 AND c.teacher_id <> ?1 AND c.group_id IS NULL AND l.cancelled = 0
               AND (l.substitute_id IS NULL) AND l.date BETWEEN ?2 AND ?3 LIMIT 1",
            params![me, d(2026, 11, 10), today()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let s = login(&mut db, "teacher");
    let c = school::course(&db.conn, course).unwrap();
    let q2 = school::periods_for_grade(&db.conn, c.year, c.grade)
        .unwrap()
        .into_iter()
        .find(|p| p.contains(today()))
        .unwrap();
    assert!(
        journal::page(&db.conn, &s, course, q2.id).is_ok(),
        "the class teacher reads every subject of the class"
    );
    assert_eq!(
        denied(journal::add_mark(
            &mut db, &s, lesson, student, "5", None, "", None
        )),
        Denied::NotYourCourse
    );
    journal::set_attendance(
        &mut db,
        &s,
        lesson,
        student,
        Some((AttendanceCode::Ill, None)),
        None,
    )
    .unwrap();
}

#[test]
fn director_deputy_and_archivist_read_every_journal_and_change_no_marks() {
    let (_dir, mut db) = demo_db();
    let (lesson, student, course) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    let c = school::course(&db.conn, course).unwrap();
    let q2 = school::periods_for_grade(&db.conn, c.year, c.grade)
        .unwrap()
        .into_iter()
        .find(|p| p.contains(today()))
        .unwrap();
    for who in ["director", "deputy", "archivist"] {
        let s = login(&mut db, who);
        assert!(
            journal::page(&db.conn, &s, course, q2.id).is_ok(),
            "{who} reads"
        );
        assert_eq!(
            denied(journal::add_mark(
                &mut db, &s, lesson, student, "5", None, "", None
            )),
            Denied::Role,
            "{who}"
        );
        assert_eq!(
            denied(journal::set_period_mark(
                &mut db,
                &s,
                course,
                student,
                PeriodMarkKind::Period,
                Some(q2.id),
                Some("5"),
                None
            )),
            Denied::Role,
            "{who}"
        );
    }
    let clerk = login(&mut db, "clerk");
    assert_eq!(
        denied(journal::page(&db.conn, &clerk, course, q2.id)),
        Denied::NotYourCourse
    );
}

#[test]
fn the_edit_window_locks_old_lessons_for_teachers() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    // Two weeks (the demo's setting): a lesson of 5 November is locked on 20 November…
    let (old, student, _) = own_lesson(&db, "teacher", d(2026, 11, 5), d(2026, 11, 5));
    assert_eq!(
        denied(journal::add_mark(
            &mut db, &s, old, student, "5", None, "", None
        )),
        Denied::EditWindowClosed(d(2026, 11, 19))
    );
    // …one of 10 November is not.
    let (recent, student2, _) = own_lesson(&db, "teacher", d(2026, 11, 10), d(2026, 11, 10));
    journal::add_mark(&mut db, &s, recent, student2, "5", None, "", None).unwrap();
    // With "never locked" the old lesson opens again.
    settings::set(&db.conn, settings::EDIT_WINDOW, EditWindow::Never.code()).unwrap();
    journal::add_mark(&mut db, &s, old, student, "5", None, "", None).unwrap();
    // With one week, the 10 November lesson is locked from 18 November.
    settings::set(&db.conn, settings::EDIT_WINDOW, EditWindow::OneWeek.code()).unwrap();
    assert_eq!(
        denied(journal::add_mark(
            &mut db, &s, recent, student2, "4", None, "", None
        )),
        Denied::EditWindowClosed(d(2026, 11, 17))
    );
}

#[test]
fn the_administrator_corrects_a_locked_lesson_only_with_a_reason() {
    let (_dir, mut db) = demo_db();
    let (old, student, _) = own_lesson(&db, "teacher", d(2026, 11, 5), d(2026, 11, 5));
    let admin = login(&mut db, "admin");
    assert_eq!(
        denied(journal::add_mark(
            &mut db, &admin, old, student, "5", None, "", None
        )),
        Denied::ReasonRequired
    );
    assert_eq!(
        denied(journal::add_mark(
            &mut db,
            &admin,
            old,
            student,
            "5",
            None,
            "",
            Some("  ")
        )),
        Denied::ReasonRequired
    );
    let id = journal::add_mark(
        &mut db,
        &admin,
        old,
        student,
        "5",
        None,
        "",
        Some("служебная записка № 12"),
    )
    .unwrap();
    let reason: String = db
        .conn
        .query_row(
            "SELECT reason FROM audit WHERE entity = 'mark' AND entity_id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "служебная записка № 12");
}

#[test]
fn a_closed_period_is_closed_to_its_teacher() {
    let (_dir, mut db) = demo_db();
    settings::set(&db.conn, settings::EDIT_WINDOW, EditWindow::Never.code()).unwrap();
    let s = login(&mut db, "teacher");
    // The first quarter ended on 24 October and the demo set and closed its marks.
    let (lesson, student, course) = own_lesson(&db, "teacher", d(2026, 10, 1), d(2026, 10, 24));
    assert_eq!(
        denied(journal::add_mark(
            &mut db, &s, lesson, student, "5", None, "", None
        )),
        Denied::PeriodClosed
    );
    let c = school::course(&db.conn, course).unwrap();
    let q1 = school::periods_for_grade(&db.conn, c.year, c.grade)
        .unwrap()
        .remove(0);
    assert_eq!(
        denied(journal::set_period_mark(
            &mut db,
            &s,
            course,
            student,
            PeriodMarkKind::Period,
            Some(q1.id),
            Some("5"),
            None
        )),
        Denied::PeriodClosed
    );
    // The administrator reopens it with a reason; the teacher may work again.
    let admin = login(&mut db, "admin");
    journal::reopen_period(&mut db, &admin, course, q1.id, "ошибка в оценке").unwrap();
    journal::add_mark(&mut db, &s, lesson, student, "5", None, "", None).unwrap();
}

#[test]
fn setting_all_period_marks_closes_the_period() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (_, _, course) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    let c = school::course(&db.conn, course).unwrap();
    let q2 = school::periods_for_grade(&db.conn, c.year, c.grade)
        .unwrap()
        .into_iter()
        .find(|p| p.contains(today()))
        .unwrap();
    let page = journal::page(&db.conn, &s, course, q2.id).unwrap();
    // Not every student has a mark yet: closing is refused and names them.
    assert!(matches!(
        journal::close_period(&mut db, &s, course, q2.id),
        Err(Error::Invalid(_))
    ));
    for row in &page.rows {
        if !row.member.on(q2.end) {
            continue;
        }
        let v = row
            .proposed
            .map(|p| p.to_string())
            .unwrap_or_else(|| "н/а".into());
        journal::set_period_mark(
            &mut db,
            &s,
            course,
            row.member.student,
            PeriodMarkKind::Period,
            Some(q2.id),
            Some(&v),
            None,
        )
        .unwrap();
    }
    journal::close_period(&mut db, &s, course, q2.id).unwrap();
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    if journal::page(&db.conn, &s, course, q2.id)
        .unwrap()
        .lessons
        .iter()
        .any(|l| l.id == lesson)
    {
        assert_eq!(
            denied(journal::add_mark(
                &mut db, &s, lesson, student, "5", None, "", None
            )),
            Denied::PeriodClosed
        );
    }
    assert!(journal::page(&db.conn, &s, course, q2.id).unwrap().closed);
}

#[test]
fn marks_must_fit_the_course_scale() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    for bad in ["6", "0", "зач", "", "5+"] {
        assert!(
            matches!(
                journal::add_mark(&mut db, &s, lesson, student, bad, None, "", None),
                Err(Error::Invalid(Invalid::Mark { .. }))
            ),
            "{bad}"
        );
    }
    // A pass/fail course takes зач and н/з only.
    db.conn.execute("UPDATE course SET scale = 'pass_fail' WHERE id = (SELECT course_id FROM lesson WHERE id = ?1)", [lesson.0]).unwrap();
    assert!(journal::add_mark(&mut db, &s, lesson, student, "5", None, "", None).is_err());
    journal::add_mark(&mut db, &s, lesson, student, "зач", None, "", None).unwrap();
    journal::add_mark(&mut db, &s, lesson, student, "н/з", None, "", None).unwrap();
}

#[test]
fn no_marks_for_a_lesson_that_has_not_taken_place() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 23), d(2026, 12, 20));
    assert_eq!(
        denied(journal::add_mark(
            &mut db, &s, lesson, student, "5", None, "", None
        )),
        Denied::FutureLesson
    );
}

#[test]
fn a_closed_year_is_read_only_even_for_the_administrator() {
    let (_dir, mut db) = demo_db();
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    db.conn
        .execute("UPDATE academic_year SET closed = 1", [])
        .unwrap();
    let admin = login(&mut db, "admin");
    assert_eq!(
        denied(journal::add_mark(
            &mut db,
            &admin,
            lesson,
            student,
            "5",
            None,
            "",
            Some("x")
        )),
        Denied::YearClosed
    );
}

#[test]
fn a_withdrawn_student_stays_in_the_journal_only_for_the_dates_they_attended() {
    let (_dir, mut db) = demo_db();
    settings::set(&db.conn, settings::EDIT_WINDOW, EditWindow::Never.code()).unwrap();
    let (student, class, left): (StudentId, ClassId, chrono::NaiveDate) = db
        .conn
        .query_row(
            "SELECT student_id, class_id, end_date FROM enrolment WHERE end_reason IS NOT NULL AND end_date < ?1 ORDER BY end_date DESC LIMIT 1",
            [today()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the demo has a student who left");
    let (course, teacher): (CourseId, String) = db
        .conn
        .query_row(
            "SELECT c.id, t.login FROM course c JOIN staff t ON t.id = c.teacher_id WHERE c.class_id = ?1 AND c.group_id IS NULL AND c.scale = 'five' LIMIT 1",
            [class],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let s = login(&mut db, &teacher);
    let c = school::course(&db.conn, course).unwrap();
    let period = school::periods_for_grade(&db.conn, c.year, c.grade)
        .unwrap()
        .into_iter()
        .find(|p| p.contains(left))
        .unwrap();
    let page = journal::page(&db.conn, &s, course, period.id).unwrap();
    let row = page
        .rows
        .iter()
        .find(|r| r.member.student == student)
        .expect("still listed in the period they left");
    for (l, cell) in page.lessons.iter().zip(&row.cells) {
        assert_eq!(cell.on_list, l.date <= left, "{}", l.date);
    }
    // No marks after the day they left.
    let after = page
        .lessons
        .iter()
        .find(|l| l.date > left && !l.cancelled && l.date <= today());
    if let Some(l) = after
        && !zhurnal::access::period_closed_on(&db.conn, course, l.date).unwrap()
    {
        assert_eq!(
            denied(journal::add_mark(
                &mut db, &s, l.id, student, "5", None, "", None
            )),
            Denied::NotOnList
        );
    }
}

#[test]
fn the_page_shows_averages_weighted_by_work_type_and_the_proposed_mark() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (_, _, course) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    let c = school::course(&db.conn, course).unwrap();
    let q1 = school::periods_for_grade(&db.conn, c.year, c.grade)
        .unwrap()
        .remove(0);
    let page = journal::page(&db.conn, &s, course, q1.id).unwrap();
    assert!(page.closed);
    let mut checked = 0;
    for row in &page.rows {
        // Σ(mark·weight)/Σweight straight from SQL.
        let (sum, weights, n): (Option<f64>, Option<f64>, i64) = db
            .conn
            .query_row(
                "SELECT sum(CAST(m.value AS REAL) * w.weight), sum(w.weight), count(*) FROM mark m
                 JOIN lesson l ON l.id = m.lesson_id JOIN work_type w ON w.id = m.work_type_id
                 WHERE l.course_id = ?1 AND m.student_id = ?2 AND l.date BETWEEN ?3 AND ?4",
                params![course, row.member.student, q1.start, q1.end],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(row.averages.count as i64, n);
        if let (Some(sum), Some(w)) = (sum, weights) {
            assert!((row.averages.weighted.unwrap() - sum / w).abs() < 1e-9);
            assert_eq!(row.proposed, Some(Rounding::HalfUp.round(sum / w)));
            // The demo's teachers took the proposed marks.
            assert_eq!(
                row.period_mark,
                Some(PeriodMarkValue::Mark(MarkValue::Num(
                    row.proposed.unwrap().max(2)
                )))
            );
            checked += 1;
        }
    }
    assert!(checked > 10);
}

#[test]
fn attendance_is_set_changed_and_cleared_with_its_history() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    journal::set_attendance(&mut db, &s, lesson, student, None, None).unwrap();
    journal::set_attendance(
        &mut db,
        &s,
        lesson,
        student,
        Some((AttendanceCode::Late, Some(10))),
        None,
    )
    .unwrap();
    journal::set_attendance(
        &mut db,
        &s,
        lesson,
        student,
        Some((AttendanceCode::Absent, Some(3))),
        None,
    )
    .unwrap();
    journal::set_attendance(&mut db, &s, lesson, student, None, None).unwrap();
    let h = journal::cell_history(&db.conn, lesson, student).unwrap();
    let tail: Vec<(Option<String>, Option<String>)> = h
        .iter()
        .rev()
        .take(3)
        .rev()
        .map(|e| (e.old.clone(), e.new.clone()))
        .collect();
    assert_eq!(
        tail,
        vec![
            (None, Some("late:10".into())),
            (Some("late:10".into()), Some("absent".into())),
            (Some("absent".into()), None)
        ]
    );
    assert!(zhurnal::check::check(&db).unwrap().healthy());
}

#[test]
fn check_names_a_row_edited_outside_the_program() {
    let (_dir, db) = demo_db();
    assert!(zhurnal::check::check(&db).unwrap().healthy());
    let id: i64 = db
        .conn
        .query_row("SELECT id FROM mark WHERE value = '2' LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    db.conn
        .execute("UPDATE mark SET value = '5' WHERE id = ?1", [id])
        .unwrap();
    let r = zhurnal::check::check(&db).unwrap();
    assert!(!r.healthy());
    assert!(
        r.mismatches
            .iter()
            .any(|m| m.contains(&format!("mark #{id}"))),
        "{:?}",
        r.mismatches
    );
}

#[test]
fn the_page_shows_exactly_the_locks_the_core_enforces() {
    let (_dir, mut db) = demo_db();
    let (_, _, course) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    let c = school::course(&db.conn, course).unwrap();
    let periods = school::periods_for_grade(&db.conn, c.year, c.grade).unwrap();
    for who in ["teacher", "admin", "director"] {
        let s = login(&mut db, who);
        for p in &periods[..2] {
            let page = journal::page(&db.conn, &s, course, p.id).unwrap();
            let rights = journal::rights(&db.conn, &s, &page, today()).unwrap();
            for (i, l) in page.lessons.iter().enumerate() {
                let Some(row) = page.rows.iter().find(|r| r.cells[i].on_list) else {
                    continue;
                };
                let r =
                    journal::add_mark(&mut db, &s, l.id, row.member.student, "4", None, "", None);
                match (&rights.marks[i], r) {
                    (None, Ok(id)) => journal::delete_mark(&mut db, &s, id, None).unwrap(),
                    (Some(d), Err(Error::Denied(e))) => assert_eq!(d, &e, "{who} {}", l.date),
                    (expected, got) => {
                        panic!("{who} {}: page says {expected:?}, core did {got:?}", l.date)
                    }
                }
            }
        }
    }
}
