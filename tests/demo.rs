//! The demo school is everyone's test bed: the same options give the same school, to the last
//! substitute, in every run (snapshots and benchmarks depend on it).

use chrono::NaiveDate;
use rusqlite::Connection;
use zhurnal::demo::{self, DemoOptions};

/// Everything a screen or a printout could show, as one text.
fn dump(path: &std::path::Path) -> String {
    let c = Connection::open(path).unwrap();
    let mut out = String::new();
    for q in [
        "SELECT course_id, date, lesson_no, topic, homework, IFNULL(substitute_id, 0), cancelled FROM lesson ORDER BY id",
        "SELECT lesson_id, student_id, value, work_type_id FROM mark ORDER BY id",
        "SELECT lesson_id, student_id, code FROM attendance ORDER BY lesson_id, student_id",
        "SELECT id, teacher_id, class_id, IFNULL(group_id, 0) FROM course ORDER BY id",
        "SELECT course_id, student_id, kind, value FROM period_mark ORDER BY id",
    ] {
        let mut st = c.prepare(q).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        for r in rows {
            out.push_str(&r.unwrap());
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_same_options_give_the_same_school() {
    let dir = tempfile::tempdir().unwrap();
    let opts = DemoOptions {
        students: 120,
        seed: 7,
        year: None,
        today: NaiveDate::from_ymd_opt(2025, 11, 20),
    };
    let (a, b) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    demo::generate(&a, &opts, &mut |_| {}).unwrap();
    demo::generate(&b, &opts, &mut |_| {}).unwrap();
    let (da, db) = (dump(&a), dump(&b));
    assert!(da.lines().count() > 1000, "{}", da.lines().count());
    assert!(da == db, "two demo schools from the same options differ");
    // Every table, the accounts' password hashes and both logs included.
    let digest = |p: &std::path::Path| {
        zhurnal::check::digest(&zhurnal::db::Db::open(p).unwrap().conn).unwrap()
    };
    assert_eq!(digest(&a), digest(&b));
}
