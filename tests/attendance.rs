//! Attendance: the class teacher's day sheet, whole-day absences, excusing a week, and totals that
//! match a count made straight in SQL.

mod common;

use common::*;
use rusqlite::params;
use zhurnal::attendance;
use zhurnal::error::{Denied, Error};
use zhurnal::journal;
use zhurnal::model::*;
use zhurnal::school;

fn my_class(db: &zhurnal::Db) -> ClassId {
    db.conn
        .query_row("SELECT c.id FROM class c JOIN staff s ON s.id = c.class_teacher_id WHERE s.login = 'teacher'", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_class_teacher_marks_a_whole_day_and_the_subject_journals_show_it() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let class = my_class(&db);
    let day = today();
    let sheet = attendance::day_sheet(&db.conn, &s, class, day).unwrap();
    assert!(sheet.lessons.len() >= 4, "a school day has lessons");
    let row = sheet
        .rows
        .iter()
        .find(|r| r.entries.iter().all(Option::is_none))
        .expect("someone was present all day");
    let student = row.student;
    let n = attendance::mark_day(&mut db, &s, class, student, day, 1, AttendanceCode::Ill).unwrap();
    assert_eq!(
        n,
        row.theirs
            .iter()
            .zip(&sheet.lessons)
            .filter(|(t, l)| **t && !l.cancelled)
            .count()
    );
    // One truth: the page of another subject's teacher shows the same entry.
    let (course, teacher): (CourseId, String) = db
        .conn
        .query_row(
            "SELECT c.id, t.login FROM lesson l JOIN course c ON c.id = l.course_id JOIN staff t ON t.id = c.teacher_id
             WHERE c.class_id = ?1 AND l.date = ?2 AND c.group_id IS NULL AND t.login <> 'teacher' LIMIT 1",
            params![class, day],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let other = login(&mut db, &teacher);
    let c = school::course(&db.conn, course).unwrap();
    let period = school::periods_for_grade(&db.conn, c.year, c.grade)
        .unwrap()
        .into_iter()
        .find(|p| p.contains(day))
        .unwrap();
    let page = journal::page(&db.conn, &other, course, period.id).unwrap();
    let col = page.lessons.iter().position(|l| l.date == day).unwrap();
    let r = page
        .rows
        .iter()
        .find(|r| r.member.student == student)
        .unwrap();
    assert_eq!(
        r.cells[col].attendance.map(|a| a.0),
        Some(AttendanceCode::Ill)
    );
    // And the audit log names the class teacher.
    let by: i64 = db
        .conn
        .query_row("SELECT staff_id FROM audit WHERE entity = 'attendance' AND student_id = ?1 AND lesson_id = ?2 ORDER BY id DESC LIMIT 1", params![student, page.lessons[col].id], |r| r.get(0))
        .unwrap();
    assert_eq!(by, s.staff.0);
    // The subject teacher corrects it in the journal; the day sheet shows the correction.
    journal::set_attendance(&mut db, &other, page.lessons[col].id, student, None, None).unwrap();
    let sheet = attendance::day_sheet(&db.conn, &s, class, day).unwrap();
    let li = sheet
        .lessons
        .iter()
        .position(|l| l.lesson == page.lessons[col].id)
        .unwrap();
    assert_eq!(
        sheet
            .rows
            .iter()
            .find(|r| r.student == student)
            .unwrap()
            .entries[li],
        None
    );
}

#[test]
fn from_lesson_n_on_leaves_the_earlier_lessons_alone() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let class = my_class(&db);
    let sheet = attendance::day_sheet(&db.conn, &s, class, today()).unwrap();
    let row = sheet
        .rows
        .iter()
        .find(|r| r.entries.iter().all(Option::is_none))
        .unwrap();
    attendance::mark_day(
        &mut db,
        &s,
        class,
        row.student,
        today(),
        3,
        AttendanceCode::Absent,
    )
    .unwrap();
    let sheet = attendance::day_sheet(&db.conn, &s, class, today()).unwrap();
    let row = sheet
        .rows
        .iter()
        .find(|r| r.student == row.student)
        .unwrap();
    for (i, l) in sheet.lessons.iter().enumerate() {
        if row.theirs[i] && !l.cancelled {
            assert_eq!(
                row.entries[i].is_some(),
                l.lesson_no >= 3,
                "lesson {}",
                l.lesson_no
            );
        }
    }
}

#[test]
fn a_note_from_home_excuses_a_week_of_absences() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let class = my_class(&db);
    let (from, to) = (d(2026, 11, 16), today());
    let sheet = attendance::day_sheet(&db.conn, &s, class, d(2026, 11, 17)).unwrap();
    let student = sheet
        .rows
        .iter()
        .find(|r| r.entries.iter().all(Option::is_none))
        .unwrap()
        .student;
    attendance::mark_day(
        &mut db,
        &s,
        class,
        student,
        d(2026, 11, 17),
        1,
        AttendanceCode::Absent,
    )
    .unwrap();
    attendance::mark_day(
        &mut db,
        &s,
        class,
        student,
        d(2026, 11, 18),
        1,
        AttendanceCode::Absent,
    )
    .unwrap();
    let count = |db: &zhurnal::Db, code: &str| -> i64 {
        db.conn
            .query_row(
                "SELECT count(*) FROM attendance a JOIN lesson l ON l.id = a.lesson_id WHERE a.student_id = ?1 AND a.code = ?2 AND l.date BETWEEN ?3 AND ?4",
                params![student, code, from, to],
                |r| r.get(0),
            )
            .unwrap()
    };
    let absent = count(&db, "absent");
    assert!(absent >= 8);
    let n = attendance::excuse(
        &mut db,
        &s,
        class,
        student,
        from,
        to,
        AttendanceCode::Excused,
    )
    .unwrap();
    assert_eq!(n as i64, absent);
    assert_eq!(count(&db, "absent"), 0);
    assert!(count(&db, "excused") >= absent);
    assert!(zhurnal::check::check(&db).unwrap().healthy());
}

#[test]
fn only_the_class_teacher_or_administrator_keeps_the_class_day_sheet() {
    let (_dir, mut db) = demo_db();
    let class = my_class(&db);
    let other: String = db
        .conn
        .query_row("SELECT s.login FROM staff s JOIN staff_role r ON r.staff_id = s.id AND r.role = 'teacher' WHERE s.login <> 'teacher' AND s.id NOT IN (SELECT class_teacher_id FROM class WHERE id = ?1) LIMIT 1", [class], |r| r.get(0))
        .unwrap();
    let t = login(&mut db, &other);
    let admin = login(&mut db, "admin");
    let student = attendance::day_sheet(&db.conn, &admin, class, today())
        .unwrap()
        .rows[0]
        .student;
    assert!(matches!(
        attendance::mark_day(
            &mut db,
            &t,
            class,
            student,
            today(),
            1,
            AttendanceCode::Absent
        ),
        Err(Error::Denied(Denied::NotYourCourse))
    ));
    let director = login(&mut db, "director");
    assert!(attendance::day_sheet(&db.conn, &director, class, today()).is_ok());
    assert!(matches!(
        attendance::mark_day(
            &mut db,
            &director,
            class,
            student,
            today(),
            1,
            AttendanceCode::Absent
        ),
        Err(Error::Denied(_))
    ));
}

#[test]
fn totals_match_a_count_made_in_sql() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "admin");
    let (from, to) = (d(2026, 9, 1), today());
    for class in school::classes(
        &db.conn,
        school::current_year(&db.conn, today()).unwrap().unwrap().id,
    )
    .unwrap()
    {
        let (list, sum) = attendance::class_totals(&db.conn, &s, class.id, from, to).unwrap();
        for t in &list {
            let st = t.student.unwrap();
            for (code, got) in [
                ("absent", t.absent),
                ("ill", t.ill),
                ("excused", t.excused),
                ("late", t.late),
            ] {
                let want: u32 = db
                    .conn
                    .query_row(
                        "SELECT count(*) FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN course c ON c.id = l.course_id
                         WHERE a.student_id = ?1 AND a.code = ?2 AND c.class_id = ?3 AND l.cancelled = 0 AND l.date BETWEEN ?4 AND ?5",
                        params![st, code, class.id, from, to],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(got, want, "{} {code}", class.name());
            }
        }
        let all: u32 = db
            .conn
            .query_row(
                "SELECT count(*) FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN course c ON c.id = l.course_id
                 WHERE c.class_id = ?1 AND a.code <> 'late' AND l.cancelled = 0 AND l.date BETWEEN ?2 AND ?3",
                params![class.id, from, to],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(sum.missed(), all, "{}", class.name());
        // Demo illnesses last days: whole days missed are counted.
        assert!(sum.whole_days > 0 || sum.ill == 0, "{}", class.name());
    }
}
