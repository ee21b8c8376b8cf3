//! Shared fixtures: the demo school, built once per test binary into a template file and copied
//! for each test, with "today" fixed so that the rules' dates are reproducible.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;
use zhurnal::auth::{self, Session};
use zhurnal::db::{Clock, Db};
use zhurnal::demo::{self, DemoOptions};
use zhurnal::model::*;

/// Friday, 20 November 2026: the second quarter is running, the first is closed.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(14, 0, 0).unwrap()
}

fn template() -> &'static PathBuf {
    static T: OnceLock<PathBuf> = OnceLock::new();
    T.get_or_init(|| build_template("demo", 150, 7))
}

/// A demo school of `students` built from `seed` with "today" fixed, into a file of this test
/// process whose WAL is folded in, so that a plain copy holds everything.
pub fn build_template(name: &str, students: u32, seed: u64) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhurnal-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(format!("{name}.sqlite"));
    let _ = std::fs::remove_file(&p);
    let opts = DemoOptions {
        students,
        seed,
        year: None,
        today: Some(today()),
    };
    demo::generate(&p, &opts, &mut |_| {}).unwrap();
    let db = Db::open(&p).unwrap();
    db.conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    p
}

/// A private copy of the demo school, its clock at `now()`.
pub fn demo_db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("school.sqlite");
    std::fs::copy(template(), &p).unwrap();
    let db = Db::open(&p).unwrap().with_clock(Clock::Fixed(now()));
    (dir, db)
}

pub fn login(db: &mut Db, login: &str) -> Session {
    auth::login(db, login, login).unwrap_or_else(|e| panic!("login {login}: {e}"))
}

pub fn staff_id(db: &Db, login: &str) -> StaffId {
    db.conn
        .query_row("SELECT id FROM staff WHERE login = ?1", [login], |r| {
            r.get(0)
        })
        .unwrap()
}

/// The latest lesson held by `login` in their own course (not substituted, not cancelled) on or
/// after `from`, with a student on the list that day.
pub fn own_lesson(
    db: &Db,
    login: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> (LessonId, StudentId, CourseId) {
    db.conn
        .query_row(
            "SELECT l.id, e.student_id, c.id FROM lesson l JOIN course c ON c.id = l.course_id
             JOIN staff t ON t.id = c.teacher_id
             JOIN enrolment e ON e.class_id = c.class_id AND e.start_date <= l.date AND (e.end_date IS NULL OR e.end_date >= l.date)
             JOIN subject s ON s.id = c.subject_id
             WHERE t.login = ?1 AND c.group_id IS NULL AND l.substitute_id IS NULL AND l.cancelled = 0
               AND l.date BETWEEN ?2 AND ?3 AND c.scale = 'five'
             ORDER BY l.date DESC, l.id LIMIT 1",
            params![login, from, to],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
