//! Operations through the one entry point, on the demo school: a batch is all or nothing, every
//! change's inverse (worked out by the core) gives the journal back as it was, a removed mark comes
//! back with its id, and `zhurnal ops apply` names a refused line and changes nothing.

mod common;

use std::process::Command;

use common::*;
use rusqlite::Connection;
use zhurnal::model::*;
use zhurnal::ops::{self, Op};

/// What the operations here may touch, as rows: marks, attendance, period marks, lessons'
/// topics and kinds of work, closed periods (the audit log only grows and is left out).
fn state(c: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT id, lesson_id, student_id, value, work_type_id, comment FROM mark ORDER BY id",
        "SELECT lesson_id, student_id, code, IFNULL(late_minutes, '') FROM attendance ORDER BY lesson_id, student_id",
        "SELECT course_id, student_id, kind, IFNULL(period_id, ''), value FROM period_mark ORDER BY 1, 2, 3, 4",
        "SELECT id, topic, IFNULL(plan_topic_id, ''), homework, comment FROM lesson ORDER BY id",
        "SELECT lesson_id, work_type_id, position FROM lesson_work ORDER BY 1, 2",
        "SELECT course_id, period_id FROM period_close ORDER BY 1, 2",
    ] {
        let mut st = c.prepare(sql).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn audit_count(c: &Connection) -> i64 {
    c.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_batch_and_its_inverse_give_the_journal_back_as_it_was() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 16), today());
    let before = state(&db.conn);
    let audits = audit_count(&db.conn);
    let mark: Option<MarkId> = db
        .conn
        .query_row(
            "SELECT id FROM mark WHERE lesson_id = ?1 AND student_id = ?2",
            [lesson.0, student.0],
            |r| r.get(0),
        )
        .ok();
    let mut batch = vec![
        Op::AddMark {
            id: None,
            lesson,
            student,
            value: "4".into(),
            work_type: None,
            comment: "у доски".into(),
        },
        Op::SetAttendance {
            lesson,
            student,
            code: Some(AttendanceCode::Late),
            late_minutes: Some(7),
        },
        Op::SaveLesson {
            lesson,
            topic: "Сложное предложение".into(),
            plan_topic: None,
            homework: "§ 12, упр. 154".into(),
            comment: String::new(),
            work: vec![WorkTypeId(1)],
        },
    ];
    if let Some(m) = mark {
        batch.push(Op::RemoveMark { mark: m });
    }
    let done = ops::apply(&mut db, &s, &batch, None).unwrap();
    assert_eq!(done.len(), batch.len());
    assert_eq!(done[0].created.len(), 1, "the new mark's id is returned");
    assert_ne!(state(&db.conn), before);
    assert!(audit_count(&db.conn) > audits, "each change is audited");
    let undo = ops::inverse_of(&done);
    ops::apply(&mut db, &s, &undo, None).unwrap();
    assert_eq!(state(&db.conn), before, "the inverse restores every row");
}

#[test]
fn a_removed_mark_comes_back_with_its_id_and_its_kind_of_work() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 16), today());
    let done = ops::apply(
        &mut db,
        &s,
        &[Op::AddMark {
            id: None,
            lesson,
            student,
            value: "5".into(),
            work_type: Some(WorkTypeId(4)),
            comment: String::new(),
        }],
        None,
    )
    .unwrap();
    let id = MarkId(done[0].created[0]);
    let with_mark = state(&db.conn);
    let removed = ops::apply(&mut db, &s, &[Op::RemoveMark { mark: id }], None).unwrap();
    assert_eq!(
        removed[0].inverse,
        vec![Op::AddMark {
            id: Some(id),
            lesson,
            student,
            value: "5".into(),
            work_type: Some(WorkTypeId(4)),
            comment: String::new(),
        }]
    );
    ops::apply(&mut db, &s, &removed[0].inverse, None).unwrap();
    assert_eq!(state(&db.conn), with_mark);
    // The id cannot be taken twice.
    let again = ops::apply(&mut db, &s, &removed[0].inverse, None).unwrap_err();
    assert_eq!(again.at, 0);
}

#[test]
fn a_refused_operation_changes_nothing_of_its_batch() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 16), today());
    // A lesson of another teacher's: the teacher may not mark it.
    let (other, other_student): (LessonId, StudentId) = db
        .conn
        .query_row(
            "SELECT l.id, e.student_id FROM lesson l JOIN course c ON c.id = l.course_id
             JOIN staff t ON t.id = c.teacher_id JOIN enrolment e ON e.class_id = c.class_id
             WHERE t.login <> 'teacher' AND l.date <= ?1 AND l.cancelled = 0 AND c.group_id IS NULL
               AND l.substitute_id IS NULL AND e.start_date <= l.date AND e.end_date IS NULL
             ORDER BY l.date DESC LIMIT 1",
            [today()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let before = state(&db.conn);
    let audits = audit_count(&db.conn);
    let r = ops::apply(
        &mut db,
        &s,
        &[
            Op::AddMark {
                id: None,
                lesson,
                student,
                value: "5".into(),
                work_type: None,
                comment: String::new(),
            },
            Op::AddMark {
                id: None,
                lesson: other,
                student: other_student,
                value: "5".into(),
                work_type: None,
                comment: String::new(),
            },
        ],
        None,
    )
    .unwrap_err();
    assert_eq!(r.at, 1, "the second operation is the one refused");
    assert!(
        matches!(r.error, zhurnal::error::Error::Denied(_)),
        "{:?}",
        r.error
    );
    assert_eq!(state(&db.conn), before, "the first one was not kept either");
    assert_eq!(audit_count(&db.conn), audits);
}

fn ops_apply(db: &std::path::Path, user: &str, file: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zhurnal"))
        .arg("--db")
        .arg(db)
        .args(["ops", "apply", "--user", user])
        .arg(file)
        .env("ZHURNAL_PASSWORD", user)
        .env("LC_ALL", "ru_RU.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn ops_apply_from_the_command_line_names_the_refused_line_and_changes_nothing() {
    let (dir, db) = demo_db();
    let path = db.path.clone();
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 2), today());
    let (students, bad_value) = (
        db.conn
            .prepare(
                "SELECT e.student_id FROM enrolment e JOIN course c ON c.class_id = e.class_id
                 JOIN lesson l ON l.course_id = c.id WHERE l.id = ?1 AND e.end_date IS NULL
                 ORDER BY e.student_id LIMIT 3",
            )
            .unwrap()
            .query_map([lesson.0], |r| r.get::<_, i64>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>(),
        "7",
    );
    let before = state(&db.conn);
    drop(db);
    // The administrator corrects past the edit window, with a reason on each line.
    let line = |student: i64, value: &str| {
        format!(
            r#"{{"v":1,"op":"add_mark","lesson":{lesson},"student":{student},"value":"{value}","reason":"исправление по заявлению учителя"}}"#
        )
    };
    let file = dir.path().join("ops.jsonl");
    std::fs::write(
        &file,
        format!(
            "# marks for the lesson\n{}\n{}\n{}\n",
            line(student.0, "5"),
            line(students[1], bad_value),
            line(students[2], "4")
        ),
    )
    .unwrap();
    let out = ops_apply(&path, "admin", &file);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("Строка 3"), "{err}");
    assert!(err.contains("Ничего не изменено"), "{err}");
    let c = Connection::open(&path).unwrap();
    assert_eq!(state(&c), before, "nothing changed");
    drop(c);
    // A line that is not an operation is named before anything is tried.
    std::fs::write(
        &file,
        format!("{}\n{{\"op\":\"fly\"}}\n", line(student.0, "5")),
    )
    .unwrap();
    let out = ops_apply(&path, "admin", &file);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Строка 2"));
    // Fixed, the file goes in whole.
    std::fs::write(
        &file,
        format!(
            "{}\n{}\n{}\n",
            line(student.0, "5"),
            line(students[1], "3"),
            line(students[2], "4")
        ),
    )
    .unwrap();
    let out = ops_apply(&path, "admin", &file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = Connection::open(&path).unwrap();
    let added: i64 = c
        .query_row(
            "SELECT count(*) FROM mark WHERE lesson_id = ?1 AND comment = '' AND created_by = (SELECT id FROM staff WHERE login = 'admin')",
            [lesson.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(added, 3);
}

fn check_digest(db: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zhurnal"))
        .arg("--db")
        .arg(db)
        .args(["check", "--digest"])
        .output()
        .unwrap();
    // (A row edited behind the program's back also makes `check` fail: the digest is printed.)
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines()
        .find_map(|l| l.strip_prefix("Digest: "))
        .unwrap_or_else(|| panic!("no digest line in {text}"))
        .to_string()
}

#[test]
fn the_digest_is_the_same_for_the_same_content_and_changes_with_it() {
    let (dir, db) = demo_db();
    let path = db.path.clone();
    let digest = check_digest(&path);
    assert_eq!(digest.len(), 64);
    // The same content laid out anew in another file.
    let copy = dir.path().join("vacuumed.sqlite");
    db.conn
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    assert_eq!(check_digest(&copy), digest);
    // Per-computer state does not count: a remembered page, a wrong password typed here.
    db.conn
        .execute(
            "INSERT OR REPLACE INTO setting(key, value) VALUES ('last_page:1', '5:7')",
            [],
        )
        .unwrap();
    db.conn
        .execute(
            "UPDATE staff SET failed_logins = 2 WHERE login = 'teacher'",
            [],
        )
        .unwrap();
    assert_eq!(check_digest(&path), digest);
    // One mark changed is another journal.
    db.conn
        .execute(
            "UPDATE mark SET value = CASE value WHEN '5' THEN '4' ELSE '5' END WHERE id = (SELECT min(id) FROM mark)",
            [],
        )
        .unwrap();
    assert_ne!(check_digest(&path), digest);
}

#[test]
fn a_day_marked_on_the_day_sheet_is_one_change_and_its_inverse_restores_it() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "teacher");
    let (class, student): (ClassId, StudentId) = db
        .conn
        .query_row(
            "SELECT k.id, e.student_id FROM class k JOIN staff t ON t.id = k.class_teacher_id
             JOIN enrolment e ON e.class_id = k.id AND e.end_date IS NULL
             WHERE t.login = 'teacher' ORDER BY e.student_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let before = state(&db.conn);
    let done = ops::apply(
        &mut db,
        &s,
        &[Op::MarkDay {
            class,
            student,
            date: today(),
            from_lesson: 1,
            code: AttendanceCode::Ill,
        }],
        None,
    )
    .unwrap();
    assert!(!done[0].inverse.is_empty(), "lessons were marked");
    assert_ne!(state(&db.conn), before);
    ops::apply(&mut db, &s, &ops::inverse_of(&done), None).unwrap();
    assert_eq!(state(&db.conn), before);
    // A doctor's note turns Н into УП over the days; undone, the Н are back.
    let done = ops::apply(
        &mut db,
        &s,
        &[
            Op::MarkDay {
                class,
                student,
                date: today(),
                from_lesson: 1,
                code: AttendanceCode::Absent,
            },
            Op::Excuse {
                class,
                student,
                from: d(2026, 11, 16),
                to: today(),
                code: AttendanceCode::Excused,
            },
        ],
        None,
    )
    .unwrap();
    assert!(
        done[1].inverse.len() >= done[0].inverse.len(),
        "every Н of the day (and any earlier one that week) became УП"
    );
    ops::apply(&mut db, &s, &ops::inverse_of(&done), None).unwrap();
    assert_eq!(state(&db.conn), before);
}

fn ops_export(db: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zhurnal"))
        .arg("--db")
        .arg(db)
        .args(["ops", "export", "-o"])
        .arg(out)
        .env("LC_ALL", "ru_RU.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn every_applied_operation_is_logged_with_its_author_and_its_audit_entries_name_it() {
    let (dir, mut db) = demo_db();
    let path = db.path.clone();
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 16), today());
    let logged_before: i64 = db
        .conn
        .query_row("SELECT count(*) FROM op_log", [], |r| r.get(0))
        .unwrap();
    let batch = [
        Op::SetAttendance {
            lesson,
            student,
            code: Some(AttendanceCode::Late),
            late_minutes: Some(7),
        },
        Op::AddMark {
            id: None,
            lesson,
            student,
            value: "4".into(),
            work_type: None,
            comment: String::new(),
        },
    ];
    let done = ops::apply(&mut db, &s, &batch, None).unwrap();
    let mark = done[1].created[0];
    let rows = zhurnal::store::op_log::all(&db.conn).unwrap();
    assert_eq!(rows.len() as i64, logged_before + 2);
    let last = &rows[rows.len() - 1];
    assert_eq!(last.login.as_deref(), Some("teacher"));
    assert_eq!(last.created, format!("[{mark}]"));
    assert!(last.line.contains(r#""op":"add_mark""#), "{}", last.line);
    // The audit entry of the new mark names the operation that wrote it.
    let op_of_mark: i64 = db
        .conn
        .query_row(
            "SELECT op_id FROM audit WHERE entity = 'mark' AND entity_id = ?1",
            [mark],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(op_of_mark, last.id);
    // A refused batch logs nothing.
    let bad = Op::AddMark {
        id: None,
        lesson,
        student,
        value: "7".into(),
        work_type: None,
        comment: String::new(),
    };
    let logged = zhurnal::store::op_log::all(&db.conn).unwrap().len();
    assert!(ops::apply(&mut db, &s, &[batch[0].clone(), bad], None).is_err());
    assert_eq!(zhurnal::store::op_log::all(&db.conn).unwrap().len(), logged);
    assert!(zhurnal::check::check(&db).unwrap().healthy());
    drop(db);

    // The export is the log, one line an operation, read back as operations.
    let file = dir.path().join("log.jsonl");
    let out = ops_export(&path, &file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("операци"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let lines = ops::read_lines(&text).unwrap();
    assert_eq!(lines.len(), logged);
    let (_, l) = &lines[lines.len() - 1];
    assert_eq!(l.by.as_deref(), Some("teacher"));
    assert!(l.at.is_some());

    // A row of the log rewritten with a SQLite editor is found by `check`.
    let c = Connection::open(&path).unwrap();
    c.execute_batch(
        "DROP TRIGGER op_log_no_update;
         UPDATE op_log SET line = replace(line, '\"4\"', '\"5\"') WHERE id = (SELECT max(id) FROM op_log);",
    )
    .unwrap();
    drop(c);
    let db = zhurnal::Db::open(&path).unwrap();
    let r = zhurnal::check::check(&db).unwrap();
    assert!(!r.healthy());
    assert_eq!(r.op_chain_breaks.len(), 1, "{:?}", r.op_chain_breaks);
    // The audit log still verifies: its entries name operations and hash them.
    assert!(r.chain_breaks.is_empty(), "{:?}", r.chain_breaks);
}

#[test]
fn a_journal_of_the_previous_release_opens_migrates_verifies_and_logs_operations() {
    // tests/fixtures/journal-v6.sqlite: a demo school of 30 students written by the release
    // before the operation log (commit d7de437, schema 6), as a school's file is.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("school.sqlite");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-v6.sqlite"),
        &path,
    )
    .unwrap();
    let old: i64 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old, 6);
    let mut db = zhurnal::Db::open(&path)
        .unwrap()
        .with_clock(zhurnal::db::Clock::Fixed(now()));
    assert_eq!(db.schema_version().unwrap(), zhurnal::db::SCHEMA_VERSION);
    let r = zhurnal::check::check(&db).unwrap();
    assert!(
        r.healthy(),
        "{:?}",
        &r.chain_breaks[..r.chain_breaks.len().min(3)]
    );
    assert!(zhurnal::store::op_log::all(&db.conn).unwrap().is_empty());
    let s = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 16), today());
    ops::apply(
        &mut db,
        &s,
        &[Op::SetAttendance {
            lesson,
            student,
            code: Some(AttendanceCode::Ill),
            late_minutes: None,
        }],
        None,
    )
    .unwrap();
    assert_eq!(zhurnal::store::op_log::all(&db.conn).unwrap().len(), 1);
    assert!(zhurnal::check::check(&db).unwrap().healthy());
}

/// A student's card, parents and paper summaries, as rows.
fn people_state(c: &Connection, student: StudentId) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT surname, name, patronymic, IFNULL(birth_date, ''), IFNULL(file_number, ''), paper_reports, IFNULL(paper_since, '') FROM student WHERE id = ?1",
        "SELECT p.id, p.surname, p.name, p.patronymic, p.phone, p.email, sp.relation FROM parent p JOIN student_parent sp ON sp.parent_id = p.id WHERE sp.student_id = ?1 ORDER BY p.id",
    ] {
        let mut st = c.prepare(sql).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([student.0], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

#[test]
fn a_students_card_and_parents_change_as_operations_and_their_inverses_restore_them() {
    use zhurnal::setup::students::{NewParent, Relation};
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "admin");
    let (_, student, _) = own_lesson(&db, "teacher", d(2026, 11, 16), today());
    let before = people_state(&db.conn, student);
    let logged_before = zhurnal::store::op_log::all(&db.conn).unwrap().len();
    let name = PersonName {
        surname: "Смирнова".into(),
        name: "Алёна".into(),
        patronymic: "Игоревна".into(),
    };
    let mother = NewParent {
        name: PersonName {
            surname: "Смирнова".into(),
            name: "Ольга".into(),
            patronymic: "Петровна".into(),
        },
        relation: Relation::Mother,
        phone: "+7 900 000-00-00".into(),
        email: String::new(),
    };
    let done = ops::apply(
        &mut db,
        &s,
        &[
            Op::UpdateStudent {
                student,
                name: name.clone(),
                birth_date: Some(d(2015, 3, 8)),
                file_number: Some("С-0999".into()),
            },
            Op::AddParent {
                student,
                parent: mother.clone(),
            },
            Op::SetPaperReports {
                student,
                paper: true,
                since: d(2026, 11, 2),
            },
        ],
        None,
    )
    .unwrap();
    let parent = ParentId(done[1].created[0]);
    let changed = people_state(&db.conn, student);
    assert_ne!(changed, before);
    // The parent's phone corrected, and the correction undone alone.
    let fix = ops::apply(
        &mut db,
        &s,
        &[Op::UpdateParent {
            student,
            parent,
            data: NewParent {
                phone: "+7 900 111-11-11".into(),
                ..mother.clone()
            },
        }],
        None,
    )
    .unwrap();
    assert_ne!(people_state(&db.conn, student), changed);
    ops::apply(&mut db, &s, &ops::inverse_of(&fix), None).unwrap();
    assert_eq!(people_state(&db.conn, student), changed);
    // The whole batch undone: the card as it was, the parent gone.
    ops::apply(&mut db, &s, &ops::inverse_of(&done), None).unwrap();
    assert_eq!(people_state(&db.conn, student), before);
    // Each of them is in the log in its JSON form, and reads back as the same operation.
    let log = zhurnal::store::op_log::all(&db.conn).unwrap();
    let first: ops::Line = serde_json::from_str(&log[logged_before].line).unwrap();
    assert_eq!(
        first.op,
        Op::UpdateStudent {
            student,
            name,
            birth_date: Some(d(2015, 3, 8)),
            file_number: Some("С-0999".into()),
        }
    );
    assert!(
        log[logged_before + 1]
            .line
            .contains(r#""relation":"mother""#),
        "{}",
        log[logged_before + 1].line
    );
    assert!(zhurnal::check::check(&db).unwrap().healthy());
}

#[test]
fn a_subject_in_use_is_renamed_not_removed_and_an_unused_one_goes_and_comes_back() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "admin");
    let (maths, name, short): (SubjectId, String, String) = db
        .conn
        .query_row(
            "SELECT id, name, short_name FROM subject WHERE id IN (SELECT subject_id FROM course) ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let e = zhurnal::ops::remove_subject(&mut db, &s, maths).unwrap_err();
    assert!(e.to_string().contains("in use"), "{e}");
    assert!(
        zhurnal::i18n::Tr::new(zhurnal::i18n::Lang::Ru)
            .error(&e)
            .contains("удалить его нельзя"),
        "{e}"
    );
    // An empty short name is refused; a rename is undone by its inverse.
    assert!(
        zhurnal::ops::rename_subject(&mut db, &s, maths, "Математика (углублённая)", " ").is_err()
    );
    let done = ops::apply(
        &mut db,
        &s,
        &[Op::RenameSubject {
            subject: maths,
            name: "Математика (углублённая)".into(),
            short: "матем. угл.".into(),
        }],
        None,
    )
    .unwrap();
    assert_eq!(
        zhurnal::setup::year::subject(&db.conn, maths).unwrap(),
        (
            "Математика (углублённая)".to_string(),
            "матем. угл.".to_string()
        )
    );
    ops::apply(&mut db, &s, &ops::inverse_of(&done), None).unwrap();
    assert_eq!(
        zhurnal::setup::year::subject(&db.conn, maths).unwrap(),
        (name, short)
    );
    // An unused subject is removed, and undoing it gives it back with its id.
    let astro = zhurnal::ops::add_subject(&mut db, &s, "Астрономия", "астр.").unwrap();
    let done = ops::apply(&mut db, &s, &[Op::RemoveSubject { subject: astro }], None).unwrap();
    assert!(zhurnal::setup::year::subject(&db.conn, astro).is_err());
    ops::apply(&mut db, &s, &ops::inverse_of(&done), None).unwrap();
    assert_eq!(
        zhurnal::setup::year::subject(&db.conn, astro).unwrap().0,
        "Астрономия"
    );
    // A teacher can do none of it.
    let t = login(&mut db, "teacher");
    assert!(zhurnal::ops::remove_subject(&mut db, &t, astro).is_err());
}

#[test]
fn only_the_administrator_lifts_a_lockout_and_the_lock_screen_never_counts_a_miss() {
    let (_dir, mut db) = demo_db();
    let teacher = login(&mut db, "teacher");
    for _ in 0..20 {
        assert!(matches!(
            zhurnal::auth::unlock(&mut db, &teacher, "director"),
            Err(zhurnal::Error::Auth(
                zhurnal::error::AuthError::NotTheLockedUser
            ))
        ));
    }
    assert!(zhurnal::auth::unlock(&mut db, &teacher, "teacher").is_ok());
    for _ in 0..5 {
        assert!(zhurnal::auth::login(&mut db, "teacher", "x").is_err());
    }
    let id = staff_id(&db, "teacher");
    let row = |db: &zhurnal::Db| {
        zhurnal::auth::list_staff(&db.conn)
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .unwrap()
    };
    assert!(row(&db).locked_out(now()));
    // The lock screen does not open a locked-out account either.
    assert!(zhurnal::auth::unlock(&mut db, &teacher, "teacher").is_err());
    let deputy = login(&mut db, "deputy");
    assert!(zhurnal::ops::lift_lockout(&mut db, &deputy, id).is_err());
    let admin = login(&mut db, "admin");
    zhurnal::ops::lift_lockout(&mut db, &admin, id).unwrap();
    assert!(!row(&db).locked_out(now()));
    assert!(zhurnal::auth::login(&mut db, "teacher", "teacher").is_ok());
}

#[test]
fn school_setup_changes_are_operations_and_their_inverses_give_the_content_back() {
    let (_dir, mut db) = demo_db();
    let s = login(&mut db, "admin");
    let content = |db: &zhurnal::db::Db| zhurnal::check::content_digest(&db.conn).unwrap();
    let before = content(&db);
    let year: YearId = db
        .conn
        .query_row(
            "SELECT id FROM academic_year ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let (period, start, end): (PeriodId, chrono::NaiveDate, chrono::NaiveDate) = db
        .conn
        .query_row(
            "SELECT id, start_date, end_date FROM period WHERE year_id = ?1 AND scheme = 'quarter'
             ORDER BY number DESC LIMIT 1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let (class, course): (ClassId, CourseId) = db
        .conn
        .query_row(
            "SELECT class_id, id FROM course WHERE year_id = ?1 AND group_id IS NULL ORDER BY id LIMIT 1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut terms = zhurnal::setup::classes::terms(&db.conn, course).unwrap();
    terms.hours_per_week += 1.0;
    let mut settings = zhurnal::setup::year::load_settings(&db.conn).unwrap();
    settings.idle_lock_minutes = 7;
    let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let batch = vec![
        Op::UpdateProfile {
            school: zhurnal::school::School {
                name: "МБОУ СОШ № 8".into(),
                address: "ул. Новая, 1".into(),
                director: "Иванова И. И.".into(),
            },
        },
        Op::SetPeriodDates {
            period,
            start: start + chrono::Days::new(1),
            end,
        },
        Op::SetGradeScheme {
            year,
            min: 10,
            max: 11,
            scheme: Scheme::Half,
        },
        Op::AddHoliday {
            id: None,
            year,
            holiday: zhurnal::school::Holiday {
                name: "Карантин".into(),
                start: end - chrono::Days::new(3),
                end: end - chrono::Days::new(2),
                min_grade: 1,
                max_grade: 4,
            },
        },
        Op::SetBell {
            year,
            lesson_no: 9,
            starts: t(16, 10),
            ends: t(16, 55),
        },
        Op::SetBell {
            year,
            lesson_no: 1,
            starts: t(8, 0),
            ends: t(8, 40),
        },
        Op::SetWorkWeight {
            work_type: WorkTypeId(1),
            weight: 2.5,
        },
        Op::SaveSettings { settings },
        Op::SetClassTeacher {
            class,
            teacher: None,
        },
        Op::UpdateCourse { course, terms },
    ];
    let done = ops::apply(&mut db, &s, &batch, None).unwrap();
    assert_ne!(content(&db), before);
    assert_eq!(done[3].created.len(), 1, "the holiday's id");
    // Each change is in the operation log as the operation it was.
    let log = ops::export(&db.conn).unwrap();
    let logged: Vec<Op> = ops::read_lines(&log)
        .unwrap()
        .into_iter()
        .map(|(_, l)| l.op)
        .collect();
    assert!(logged.ends_with(&batch), "{logged:?}");
    ops::apply(&mut db, &s, &ops::inverse_of(&done), None).unwrap();
    assert_eq!(content(&db), before, "the inverse gives every row back");
    // A teacher may do none of it, and a refused batch leaves no trace.
    let teacher = login(&mut db, "teacher");
    let digest = zhurnal::check::digest(&db.conn).unwrap();
    assert!(ops::apply(&mut db, &teacher, &batch[6..7], None).is_err());
    assert_eq!(zhurnal::check::digest(&db.conn).unwrap(), digest);
}

#[test]
fn the_timetable_and_plans_change_as_logged_operations_and_a_clash_changes_nothing() {
    let (_dir, mut db) = demo_db();
    let deputy = login(&mut db, "deputy");
    let (a, b): (CourseId, CourseId) = db
        .conn
        .query_row(
            "SELECT a.id, b.id FROM course a JOIN course b ON b.class_id = a.class_id AND b.id > a.id
             WHERE a.group_id IS NULL AND b.group_id IS NULL ORDER BY a.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let from = d(2026, 11, 30);
    let theirs = zhurnal::lessons::timetable::slots_on(&db.conn, b, from).unwrap();
    // Course a put where b already stands: the class would be in two places.
    let digest = zhurnal::check::digest(&db.conn).unwrap();
    let clash = ops::change_timetable(&mut db, &deputy, a, from, &theirs[..1]).unwrap();
    assert!(
        matches!(clash, zhurnal::lessons::Outcome::Refused(ref k) if !k.is_empty()),
        "{clash:?}"
    );
    assert_eq!(zhurnal::check::digest(&db.conn).unwrap(), digest);
    // Its own slots again from that day: done, and logged as the operation it was.
    let mine = zhurnal::lessons::timetable::slots_on(&db.conn, a, from).unwrap();
    ops::change_timetable(&mut db, &deputy, a, from, &mine)
        .unwrap()
        .done()
        .expect("no clash with itself");
    let admin = login(&mut db, "admin");
    let topics = vec![
        zhurnal::lessons::plan::PlanRow {
            title: "Повторение".into(),
            hours: 2.0,
        },
        zhurnal::lessons::plan::PlanRow {
            title: "Контрольная работа".into(),
            hours: 1.0,
        },
    ];
    ops::save_plan(&mut db, &admin, a, &topics).unwrap();
    let logged: Vec<Op> = ops::read_lines(&ops::export(&db.conn).unwrap())
        .unwrap()
        .into_iter()
        .map(|(_, l)| l.op)
        .collect();
    assert_eq!(
        logged[logged.len() - 2..],
        [
            Op::ChangeTimetable {
                course: a,
                from,
                slots: mine,
            },
            Op::SavePlan { course: a, topics }
        ]
    );
    assert_eq!(zhurnal::lessons::plan::plan(&db.conn, a).unwrap().len(), 2);
}

#[test]
fn staff_accounts_change_as_operations_that_carry_no_password_in_words() {
    let (_dir, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let new = zhurnal::auth::NewStaff {
        login: "novikova".into(),
        name: PersonName {
            surname: "Новикова".into(),
            name: "Анна".into(),
            patronymic: "Павловна".into(),
        },
        roles: vec![Role::Teacher],
        password: "секретное слово".into(),
        temporary: false,
    };
    let id = ops::create_staff(&mut db, &admin, &new).unwrap();
    let log = ops::export(&db.conn).unwrap();
    assert!(log.contains("\"op\":\"create_staff\""), "{log}");
    assert!(
        log.contains("$argon2id$"),
        "the password travels as its hash"
    );
    assert!(!log.contains("секретное слово"), "never as the words");
    // The new teacher logs in and changes the password; the old one no longer works.
    let t = zhurnal::auth::login(&mut db, "novikova", "секретное слово").unwrap();
    ops::change_password(&mut db, &t, "секретное слово", "другое слово").unwrap();
    assert!(zhurnal::auth::login(&mut db, "novikova", "секретное слово").is_err());
    zhurnal::auth::login(&mut db, "novikova", "другое слово").unwrap();
    // Corrections and switching off are undone by their inverses.
    let before = zhurnal::check::content_digest(&db.conn).unwrap();
    let done = ops::apply(
        &mut db,
        &admin,
        &[
            Op::UpdateAccount {
                staff: id,
                name: PersonName {
                    surname: "Новикова-Лебедева".into(),
                    ..new.name.clone()
                },
                roles: vec![Role::Teacher, Role::Deputy],
            },
            Op::SetActive {
                staff: id,
                active: false,
            },
        ],
        None,
    )
    .unwrap();
    assert!(zhurnal::auth::login(&mut db, "novikova", "другое слово").is_err());
    ops::apply(&mut db, &admin, &ops::inverse_of(&done), None).unwrap();
    assert_eq!(zhurnal::check::content_digest(&db.conn).unwrap(), before);
    // A teacher creates no account.
    let other = zhurnal::auth::NewStaff {
        login: "x".into(),
        ..new
    };
    assert!(ops::create_staff(&mut db, &t, &other).is_err());
}

/// `zhurnal ops replay --db NEW LOG`, in Russian.
fn ops_replay(db: &std::path::Path, log: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zhurnal"))
        .args(["ops", "replay", "--db"])
        .arg(db)
        .arg(log)
        .env("LANG", "ru_RU.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn a_journal_built_by_hand_is_replayed_from_its_log_into_the_same_digest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let mut db = zhurnal::db::Db::create(&path)
        .unwrap()
        .with_clock(zhurnal::db::Clock::Fixed(now()));
    let school = zhurnal::school::NewSchool {
        name: "МБОУ «Школа № 3»".into(),
        address: "ул. Лесная, 3".into(),
        director: "Орлова Т. В.".into(),
        year_start: 2026,
        schemes: zhurnal::school::usual_schemes(),
        admin: zhurnal::auth::NewStaff {
            login: "admin".into(),
            name: PersonName {
                surname: "Орлова".into(),
                name: "Татьяна".into(),
                patronymic: "Викторовна".into(),
            },
            roles: vec![Role::Admin],
            password: "admin-пароль".into(),
            temporary: false,
        },
    };
    let (admin, year) = ops::create_school(&mut db, &school, None).unwrap();
    // (A login is audited but is no change of the journal: no login here, so the audit log too
    // is made of operations only.)
    let admin = zhurnal::auth::session_of(&db.conn, admin).unwrap();
    let subject = ops::add_subject(&mut db, &admin, "Математика", "матем.").unwrap();
    let teacher = ops::create_staff(
        &mut db,
        &admin,
        &zhurnal::auth::NewStaff {
            login: "ivanova".into(),
            name: PersonName {
                surname: "Иванова".into(),
                name: "Мария".into(),
                patronymic: "Ивановна".into(),
            },
            roles: vec![Role::Teacher],
            password: "учительница".into(),
            temporary: false,
        },
    )
    .unwrap();
    let class = ops::create_class(&mut db, &admin, year, 5, "А", Some(teacher)).unwrap();
    let room = ops::add_room(&mut db, &admin, None, "21").unwrap();
    ops::create_course(
        &mut db,
        &admin,
        &zhurnal::setup::classes::CourseTerms {
            subject,
            class,
            group: None,
            teacher,
            room: Some(room),
            scale: Scale::Five,
            no_attestation: false,
            hours_per_week: 5.0,
        },
    )
    .unwrap();
    drop(db);
    let log = dir.path().join("ops.jsonl");
    assert!(ops_export(&path, &log).status.success());
    let copy = dir.path().join("copy.sqlite");
    let out = ops_replay(&copy, &log);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("воспроизведено 6 операций"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(check_digest(&copy), check_digest(&path));
    // An existing file is refused and left as it was.
    let again = ops_replay(&copy, &log);
    assert!(!again.status.success());
    assert_eq!(check_digest(&copy), check_digest(&path));
}

#[test]
fn the_demo_school_exported_and_replayed_gives_the_same_digest_and_both_are_healthy() {
    let (dir, db) = demo_db();
    let path = db.path.clone();
    drop(db);
    let log = dir.path().join("ops.jsonl");
    assert!(ops_export(&path, &log).status.success());
    let copy = dir.path().join("replayed.sqlite");
    let out = ops_replay(&copy, &log);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(check_digest(&copy), check_digest(&path));
    for p in [&path, &copy] {
        let out = Command::new(env!("CARGO_BIN_EXE_zhurnal"))
            .args(["check", "--db"])
            .arg(p)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // A log cut short (its first line, the school, gone) builds nothing.
    let text = std::fs::read_to_string(&log).unwrap();
    let cut = dir.path().join("cut.jsonl");
    std::fs::write(&cut, text.split_once('\n').unwrap().1).unwrap();
    let none = dir.path().join("none.sqlite");
    let out = ops_replay(&none, &cut);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("Строка 1:") && said.contains("Новый журнал не создан"),
        "{said}"
    );
    assert!(!none.exists(), "no half-built journal is left");
}
