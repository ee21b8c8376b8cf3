//! Random sequences of operations on a small demo school — marks, attendance, lessons, period
//! marks and closing, students and parents, staff accounts — each by the person who would make
//! it. After every operation: a refused one changed nothing at all (not even the logs); an applied
//! one is undone by its inverse to the very content it had, and then made again. At the end the
//! exported log replays into a journal with the same digest.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use proptest::prelude::*;
use rusqlite::params;
use zhurnal::auth::{self, Session};
use zhurnal::check::{content_digest, digest};
use zhurnal::db::{Clock, Db};
use zhurnal::model::*;
use zhurnal::ops::{self, Op};

/// A one-class school: small enough to replay in every case.
fn small_school() -> &'static PathBuf {
    static T: OnceLock<PathBuf> = OnceLock::new();
    T.get_or_init(|| build_template("small", 25, 11))
}

/// The quarter running today.
fn this_quarter(db: &Db) -> Option<PeriodId> {
    db.conn
        .query_row(
            "SELECT id FROM period WHERE scheme = 'quarter' AND start_date <= ?1 AND end_date >= ?1",
            params![today()],
            |r| r.get(0),
        )
        .ok()
}

/// What to do, by position in the lists the journal has at that moment.
#[derive(Debug, Clone)]
enum Pick {
    AddMark(usize, usize, u8),
    ChangeMark(usize, u8),
    RemoveMark(usize),
    Attendance(usize, usize, u8),
    Cancel(usize, bool),
    PeriodMark(usize, usize, u8),
    ClosePeriod(usize),
    Rename(usize, u8),
    AddParent(usize),
    Paper(usize, bool),
    Roles(usize, u8),
    Active(usize, bool),
}

fn pick() -> impl Strategy<Value = Pick> {
    let i = || 0usize..1000;
    prop_oneof![
        (i(), i(), 1u8..=6).prop_map(|(a, b, v)| Pick::AddMark(a, b, v)),
        (i(), 1u8..=6).prop_map(|(a, v)| Pick::ChangeMark(a, v)),
        i().prop_map(Pick::RemoveMark),
        (i(), i(), 0u8..5).prop_map(|(a, b, c)| Pick::Attendance(a, b, c)),
        (i(), any::<bool>()).prop_map(|(a, b)| Pick::Cancel(a, b)),
        (i(), i(), 0u8..6).prop_map(|(a, b, v)| Pick::PeriodMark(a, b, v)),
        i().prop_map(Pick::ClosePeriod),
        (i(), 0u8..3).prop_map(|(a, n)| Pick::Rename(a, n)),
        i().prop_map(Pick::AddParent),
        (i(), any::<bool>()).prop_map(|(a, b)| Pick::Paper(a, b)),
        (i(), 0u8..3).prop_map(|(a, r)| Pick::Roles(a, r)),
        (i(), any::<bool>()).prop_map(|(a, b)| Pick::Active(a, b)),
    ]
}

fn ids<T: rusqlite::types::FromSql>(db: &Db, sql: &str) -> Vec<T> {
    let mut st = db.conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn login_of(db: &Db, login: &str) -> Session {
    auth::session_of(&db.conn, staff_id(db, login)).unwrap()
}

/// This week's marks: the mark, its course's teacher, its kind of work.
fn week_marks(db: &Db) -> Vec<(MarkId, StaffId, WorkTypeId)> {
    let mut st = db
        .conn
        .prepare(
            "SELECT m.id, c.teacher_id, m.work_type_id FROM mark m
             JOIN lesson l ON l.id = m.lesson_id JOIN course c ON c.id = l.course_id
             WHERE l.date BETWEEN '2026-11-16' AND '2026-11-20' ORDER BY m.id",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The operation a pick stands for now, and who makes it.
fn concrete(db: &Db, p: &Pick) -> Option<(Session, Op)> {
    // This week's lessons with their teacher; the students on each one's list.
    let lessons: Vec<(LessonId, StaffId, CourseId)> = {
        let mut st = db
            .conn
            .prepare(
                "SELECT l.id, c.teacher_id, c.id FROM lesson l JOIN course c ON c.id = l.course_id
                 WHERE l.date BETWEEN '2026-11-16' AND '2026-11-20' AND c.scale = 'five'
                 ORDER BY l.id",
            )
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let students: Vec<StudentId> = ids(
        db,
        "SELECT student_id FROM enrolment WHERE end_date IS NULL ORDER BY student_id",
    );
    let at = |i: usize, n: usize| (n > 0).then(|| i % n);
    let teacher = |id: StaffId| auth::session_of(&db.conn, id).unwrap();
    Some(match *p {
        Pick::AddMark(l, s, v) => {
            let (lesson, t, _) = lessons[at(l, lessons.len())?];
            let op = Op::AddMark {
                id: None,
                lesson,
                student: students[at(s, students.len())?],
                value: v.to_string(),
                work_type: None,
                comment: String::new(),
            };
            (teacher(t), op)
        }
        Pick::ChangeMark(m, v) => {
            let marks = week_marks(db);
            let (mark, t, work_type) = marks[at(m, marks.len())?];
            let op = Op::ChangeMark {
                mark,
                value: v.to_string(),
                work_type,
                comment: "исправлено".into(),
            };
            (teacher(t), op)
        }
        Pick::RemoveMark(m) => {
            let marks = week_marks(db);
            let (mark, t, _) = marks[at(m, marks.len())?];
            (teacher(t), Op::RemoveMark { mark })
        }
        Pick::Attendance(l, s, c) => {
            let (lesson, t, _) = lessons[at(l, lessons.len())?];
            let code = [
                None,
                Some(AttendanceCode::Absent),
                Some(AttendanceCode::Ill),
                Some(AttendanceCode::Excused),
                Some(AttendanceCode::Late),
            ][c as usize];
            let op = Op::SetAttendance {
                lesson,
                student: students[at(s, students.len())?],
                code,
                late_minutes: (code == Some(AttendanceCode::Late)).then_some(10),
            };
            (teacher(t), op)
        }
        Pick::Cancel(l, cancelled) => {
            let (lesson, _, _) = lessons[at(l, lessons.len())?];
            let op = Op::CancelLesson {
                lesson,
                cancelled,
                why: "карантин".into(),
            };
            (login_of(db, "deputy"), op)
        }
        Pick::PeriodMark(l, s, v) => {
            let (_, t, course) = lessons[at(l, lessons.len())?];
            let period = this_quarter(db)?;
            let value = [
                None,
                Some("2"),
                Some("3"),
                Some("4"),
                Some("5"),
                Some("н/а"),
            ][v as usize]
                .map(str::to_string);
            let op = Op::SetPeriodMark {
                course,
                student: students[at(s, students.len())?],
                kind: PeriodMarkKind::Period,
                period: Some(period),
                value,
            };
            (teacher(t), op)
        }
        Pick::ClosePeriod(l) => {
            let (_, t, course) = lessons[at(l, lessons.len())?];
            let period = this_quarter(db)?;
            (teacher(t), Op::ClosePeriod { course, period })
        }
        Pick::Rename(s, n) => {
            let student = students[at(s, students.len())?];
            let op = Op::UpdateStudent {
                student,
                name: PersonName {
                    surname: ["Смирнова", "Иванов", ""][n as usize].into(),
                    name: "Алёна".into(),
                    patronymic: "Игоревна".into(),
                },
                birth_date: Some(d(2014, 5, 6)),
                file_number: None,
            };
            (login_of(db, "clerk"), op)
        }
        Pick::AddParent(s) => {
            let op = Op::AddParent {
                student: students[at(s, students.len())?],
                parent: zhurnal::setup::students::NewParent {
                    name: PersonName {
                        surname: "Орлова".into(),
                        name: "Нина".into(),
                        patronymic: "Петровна".into(),
                    },
                    relation: zhurnal::setup::students::Relation::Mother,
                    phone: "+7 900 000-00-00".into(),
                    email: String::new(),
                },
            };
            (login_of(db, "clerk"), op)
        }
        Pick::Paper(s, paper) => {
            let op = Op::SetPaperReports {
                student: students[at(s, students.len())?],
                paper,
                since: today(),
            };
            (login_of(db, "clerk"), op)
        }
        Pick::Roles(t, r) => {
            let staff: Vec<StaffId> = ids(
                db,
                "SELECT id FROM staff WHERE login NOT IN ('admin') ORDER BY id",
            );
            let staff = staff[at(t, staff.len())?];
            let (name, _) = zhurnal::setup::staff::name_and_roles(&db.conn, staff).unwrap();
            let roles = [
                vec![Role::Teacher],
                vec![Role::Teacher, Role::ClassTeacher],
                vec![Role::Deputy],
            ][r as usize]
                .clone();
            let op = Op::UpdateAccount { staff, name, roles };
            (login_of(db, "admin"), op)
        }
        Pick::Active(t, active) => {
            let staff: Vec<StaffId> = ids(
                db,
                "SELECT id FROM staff WHERE login NOT IN ('admin') ORDER BY id",
            );
            let staff = staff[at(t, staff.len())?];
            (login_of(db, "admin"), Op::SetActive { staff, active })
        }
    })
}

fn run(picks: &[Pick]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("school.sqlite");
    std::fs::copy(small_school(), &path).unwrap();
    let mut db = Db::open(&path).unwrap().with_clock(Clock::Fixed(now()));
    for p in picks {
        let Some((session, op)) = concrete(&db, p) else {
            continue;
        };
        let content = content_digest(&db.conn).unwrap();
        let whole = digest(&db.conn).unwrap();
        match ops::apply(&mut db, &session, std::slice::from_ref(&op), None) {
            Err(_) => {
                REFUSED.fetch_add(1, Ordering::Relaxed);
                prop_assert_eq!(
                    digest(&db.conn).unwrap(),
                    whole,
                    "a refused {:?} changed the journal",
                    op
                )
            }
            Ok(done) => {
                APPLIED.fetch_add(1, Ordering::Relaxed);
                let undo = ops::inverse_of(&done);
                if undo.is_empty() {
                    continue; // nothing changed, or a change not undone by an operation
                }
                ops::apply(&mut db, &session, &undo, None)
                    .map_err(|r| TestCaseError::fail(format!("undoing {op:?}: {}", r.error)))?;
                prop_assert_eq!(
                    content_digest(&db.conn).unwrap(),
                    content,
                    "the inverse of {:?} did not give the content back",
                    op
                );
                UNDONE.fetch_add(1, Ordering::Relaxed);
                ops::apply(&mut db, &session, std::slice::from_ref(&op), None).map_err(|r| {
                    TestCaseError::fail(format!("making {op:?} again: {}", r.error))
                })?;
            }
        }
    }
    let log = ops::read_lines(&ops::export(&db.conn).unwrap()).unwrap();
    let copy = dir.path().join("replayed.sqlite");
    ops::replay(&copy, &log)
        .map_err(|(line, e)| TestCaseError::fail(format!("replaying line {line}: {e}")))?;
    let replayed = Db::open(&copy).unwrap();
    prop_assert_eq!(digest(&replayed.conn).unwrap(), digest(&db.conn).unwrap());
    Ok(())
}

/// How the cases went: operations applied, undone and made again, refused.
static APPLIED: AtomicUsize = AtomicUsize::new(0);
static UNDONE: AtomicUsize = AtomicUsize::new(0);
static REFUSED: AtomicUsize = AtomicUsize::new(0);

#[test]
fn random_operations_replay_undo_and_refuse_without_a_trace() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 6,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    runner
        .run(&proptest::collection::vec(pick(), 1..30), |picks| {
            run(&picks)
        })
        .unwrap();
    // The sequences did exercise every path.
    let (a, u, r) = (
        APPLIED.load(Ordering::Relaxed),
        UNDONE.load(Ordering::Relaxed),
        REFUSED.load(Ordering::Relaxed),
    );
    assert!(
        a >= 20 && u >= 10 && r >= 1,
        "applied {a}, undone {u}, refused {r}"
    );
}
