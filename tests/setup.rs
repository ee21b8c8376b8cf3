//! Issue 7: setting up a real school and running it for years — the rules of the setup core, told
//! as the school's day: a compromised account's changes listed and reverted, transfers and
//! withdrawals keeping history, the rollover promoting and graduating, imports all-or-nothing.

mod common;

use chrono::{Datelike, NaiveDate};
use common::*;
use proptest::prelude::*;
use rusqlite::params;
use zhurnal::auth::Session;
use zhurnal::db::Db;
use zhurnal::error::{Denied, Error};
use zhurnal::journal;
use zhurnal::lessons;
use zhurnal::model::*;
use zhurnal::ops;
use zhurnal::school::{self, Holiday};
use zhurnal::setup::{classes, import, rollover, staff, students, year};

fn current_year(db: &Db) -> YearId {
    school::current_year(&db.conn, today()).unwrap().unwrap().id
}

fn class_id(db: &Db, name: &str) -> ClassId {
    let y = current_year(db);
    school::classes(&db.conn, y)
        .unwrap()
        .into_iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("no class {name}"))
        .id
}

fn count(db: &Db, sql: &str) -> i64 {
    db.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn mark_value(db: &Db, id: MarkId) -> Option<String> {
    db.conn
        .query_row("SELECT value FROM mark WHERE id = ?1", [id], |r| r.get(0))
        .ok()
}

#[test]
fn a_compromised_accounts_changes_are_listed_and_reverted_in_one_audited_action() {
    let (_d, mut db) = demo_db();
    let (lesson, student, _course) = own_lesson(&db, "teacher", d(2026, 11, 16), today());
    // Marks that existed before the breach.
    let t = login(&mut db, "teacher");
    let kept = journal::add_mark(&mut db, &t, lesson, student, "4", None, "устно", None).unwrap();
    let doomed =
        journal::add_mark(&mut db, &t, lesson, student, "3", None, "к доске", None).unwrap();
    let doomed_wt: WorkTypeId = db
        .conn
        .query_row(
            "SELECT work_type_id FROM mark WHERE id = ?1",
            [doomed],
            |r| r.get(0),
        )
        .unwrap();
    let attendance_before: Option<(String, Option<i64>)> = db
        .conn
        .query_row(
            "SELECT code, late_minutes FROM attendance WHERE lesson_id = ?1 AND student_id = ?2",
            params![lesson, student],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    // The breach: on Saturday morning someone else works with the teacher's password.
    let saturday = today().succ_opt().unwrap();
    let since = saturday.and_hms_opt(9, 0, 0).unwrap();
    db.clock = zhurnal::db::Clock::Fixed(saturday.and_hms_opt(9, 30, 0).unwrap());
    let added = journal::add_mark(&mut db, &t, lesson, student, "5", None, "", None).unwrap();
    journal::update_mark(&mut db, &t, kept, "5", doomed_wt, "устно", None).unwrap();
    journal::delete_mark(&mut db, &t, doomed, None).unwrap();
    journal::set_attendance(
        &mut db,
        &t,
        lesson,
        student,
        Some((AttendanceCode::Late, Some(10))),
        None,
    )
    .unwrap();

    db.clock = zhurnal::db::Clock::Fixed(saturday.and_hms_opt(12, 0, 0).unwrap());
    let admin = login(&mut db, "admin");
    let teacher = staff_id(&db, "teacher");
    zhurnal::ops::mark_compromised(&mut db, &admin, teacher, since).unwrap();
    // The account is locked: neither a new login nor the open session works.
    assert!(matches!(
        zhurnal::auth::login(&mut db, "teacher", "teacher"),
        Err(Error::Auth(zhurnal::error::AuthError::Compromised))
    ));
    assert!(journal::add_mark(&mut db, &t, lesson, student, "2", None, "", None).is_err());

    let changes = staff::changes_since(&db.conn, teacher, since).unwrap();
    let listed: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c.entity.as_str(), c.action.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("mark", "add"),
            ("mark", "change"),
            ("mark", "delete"),
            ("attendance", "set")
        ]
    );
    assert!(changes.iter().all(|c| c.revertible && !c.reverted));

    let report =
        staff::revert_compromised(&mut db, &admin, teacher, "взлом учётной записи").unwrap();
    assert_eq!(report.reverted, 4, "{report:?}");
    assert!(report.failed.is_empty());
    assert_eq!(mark_value(&db, added), None, "the added mark is removed");
    assert_eq!(
        mark_value(&db, kept).as_deref(),
        Some("4"),
        "the old value is back"
    );
    let restored: (String, WorkTypeId, String) = db
        .conn
        .query_row(
            "SELECT value, work_type_id, comment FROM mark WHERE lesson_id = ?1 AND student_id = ?2
             AND id NOT IN (?3)",
            params![lesson, student, kept],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(restored, ("3".into(), doomed_wt, "к доске".into()));
    let attendance = |db: &Db| -> Option<(String, Option<i64>)> {
        db.conn
            .query_row(
                "SELECT code, late_minutes FROM attendance WHERE lesson_id = ?1 AND student_id = ?2",
                params![lesson, student],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok()
    };
    assert_eq!(
        attendance(&db),
        attendance_before,
        "the attendance as it was"
    );
    // Each revert is in the audit with the reason, by the administrator, plus the summary.
    let reverts = count(
        &db,
        "SELECT count(*) FROM audit WHERE reason LIKE 'взлом учётной записи [revert #%'",
    );
    assert_eq!(reverts, 4);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM audit WHERE action = 'revert_compromised'"
        ),
        1
    );
    assert!(zhurnal::audit::verify_chain(&db.conn).unwrap().is_empty());
    // Done once: a second run undoes nothing twice.
    let again = staff::revert_compromised(&mut db, &admin, teacher, "повтор").unwrap();
    assert_eq!((again.reverted, again.unchanged), (0, 4));
    assert!(
        staff::changes_since(&db.conn, teacher, since)
            .unwrap()
            .iter()
            .all(|c| c.reverted)
    );
    // Released, the owner gets a temporary password.
    let temp = zhurnal::ops::release_compromised(&mut db, &admin, teacher).unwrap();
    let s = zhurnal::auth::login(&mut db, "teacher", &temp).unwrap();
    assert!(s.must_change_password);
}

#[test]
fn only_the_administrator_locks_accounts_and_a_leaver_keeps_their_history() {
    let (_d, mut db) = demo_db();
    let director = login(&mut db, "director");
    let teacher = staff_id(&db, "teacher");
    assert!(matches!(
        zhurnal::ops::mark_compromised(&mut db, &director, teacher, now()),
        Err(Error::Denied(Denied::Role))
    ));
    let admin = login(&mut db, "admin");
    let marks_before = count(&db, "SELECT count(*) FROM mark");
    zhurnal::ops::set_active(&mut db, &admin, teacher, false).unwrap();
    assert!(matches!(
        zhurnal::auth::login(&mut db, "teacher", "teacher"),
        Err(Error::Auth(zhurnal::error::AuthError::Inactive))
    ));
    assert_eq!(count(&db, "SELECT count(*) FROM mark"), marks_before);
    let me = staff_id(&db, "admin");
    assert!(zhurnal::ops::set_active(&mut db, &admin, me, false).is_err());
}

#[test]
fn a_transferred_student_stays_in_the_old_classs_journal_for_their_dates() {
    let (_d, mut db) = demo_db();
    let clerk = login(&mut db, "clerk");
    let (from, to) = (class_id(&db, "5А"), class_id(&db, "6А"));
    let student: StudentId = db
        .conn
        .query_row(
            "SELECT student_id FROM enrolment WHERE class_id = ?1 AND end_date IS NULL LIMIT 1",
            [from],
            |r| r.get(0),
        )
        .unwrap();
    let day = d(2026, 11, 9);
    zhurnal::ops::transfer(&mut db, &clerk, student, to, day).unwrap();
    let y = current_year(&db);
    let course = school::courses(&db.conn, y)
        .unwrap()
        .into_iter()
        .find(|c| c.class == from && c.group.is_none())
        .unwrap();
    let before = journal::members(&db.conn, &course, d(2026, 11, 2), d(2026, 11, 6)).unwrap();
    assert!(
        before
            .iter()
            .any(|m| m.student == student && m.on(d(2026, 11, 6)))
    );
    let member = before.iter().find(|m| m.student == student).unwrap();
    assert!(
        !member.on(day),
        "gone from the old class on the transfer day"
    );
    let new_course = school::courses(&db.conn, y)
        .unwrap()
        .into_iter()
        .find(|c| c.class == to && c.group.is_none())
        .unwrap();
    let after = journal::members(&db.conn, &new_course, day, day).unwrap();
    assert!(after.iter().any(|m| m.student == student));
    // No group of the old class keeps them after the day before.
    let open_groups: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM group_member m JOIN study_group g ON g.id = m.group_id
             WHERE m.student_id = ?1 AND g.class_id = ?2 AND (m.end_date IS NULL OR m.end_date >= ?3)",
            params![student, from, day],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open_groups, 0);
    // Then they leave the school: the reason is kept, the history too.
    zhurnal::ops::withdraw(
        &mut db,
        &clerk,
        student,
        d(2026, 11, 13),
        "переезд в другой город",
    )
    .unwrap();
    let history: Vec<(ClassId, Option<String>, Option<String>)> = {
        let mut st = db
            .conn
            .prepare("SELECT class_id, end_reason, note FROM enrolment WHERE student_id = ?1 ORDER BY start_date")
            .unwrap();
        st.query_map([student], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].1.as_deref(), Some("transferred"));
    assert_eq!(history[1].0, to);
    assert_eq!(history[1].1.as_deref(), Some("withdrawn"));
    assert_eq!(history[1].2.as_deref(), Some("переезд в другой город"));
    // A teacher may not keep class lists.
    let t = login(&mut db, "teacher");
    assert!(zhurnal::ops::withdraw(&mut db, &t, student, d(2026, 11, 13), "x").is_err());
}

#[test]
fn a_class_teacher_keeps_their_own_class_only() {
    let (_d, mut db) = demo_db();
    let y = current_year(&db);
    let own: (ClassId, String) = db
        .conn
        .query_row(
            "SELECT c.id, s.login FROM class c JOIN staff s ON s.id = c.class_teacher_id
             WHERE c.year_id = ?1 ORDER BY c.grade LIMIT 1",
            [y],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let other: ClassId = db
        .conn
        .query_row(
            "SELECT id FROM class WHERE year_id = ?1 AND id <> ?2 LIMIT 1",
            params![y, own.0],
            |r| r.get(0),
        )
        .unwrap();
    let ct = login(&mut db, &own.1);
    let new = |class| students::NewStudent {
        name: PersonName {
            surname: "Новикова".into(),
            name: "Вера".into(),
            patronymic: "Олеговна".into(),
        },
        birth_date: Some(d(2015, 3, 4)),
        file_number: Some("Н-77".into()),
        class,
        start: today(),
        gender: Some(Gender::Female),
    };
    let id = zhurnal::ops::enrol(&mut db, &ct, &new(own.0)).unwrap();
    assert!(zhurnal::ops::enrol(&mut db, &ct, &new(other)).is_err());
    let p = zhurnal::ops::add_parent(
        &mut db,
        &ct,
        id,
        &students::NewParent {
            name: PersonName {
                surname: "Новикова".into(),
                name: "Ольга".into(),
                patronymic: "Ивановна".into(),
            },
            relation: students::Relation::Mother,
            phone: "+7 900 000-00-00".into(),
            email: "olga@example.ru".into(),
        },
    )
    .unwrap();
    zhurnal::ops::set_consent(
        &mut db,
        &ct,
        id,
        students::Person::Parent(p),
        Some(d(2026, 9, 1)),
    )
    .unwrap();
    zhurnal::ops::set_paper_reports(&mut db, &ct, id, true, today()).unwrap();
    let row = students::class_list(&db.conn, own.0)
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    assert!(row.paper_reports);
    assert_eq!(row.parents[0].consent, Some(d(2026, 9, 1)));
    assert_eq!(row.file_number.as_deref(), Some("Н-77"));
    // The class teacher splits their class into groups.
    let g = ops::create_group(&mut db, &ct, own.0, "1 группа", None, &[id], today()).unwrap();
    assert!(ops::create_group(&mut db, &ct, other, "1 группа", None, &[], today()).is_err());
    let groups = classes::groups(&db.conn, own.0, today()).unwrap();
    assert!(groups.iter().any(|x| x.id == g && x.members == vec![id]));
}

#[test]
fn periods_stay_inside_the_year_and_do_not_overlap() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let y = current_year(&db);
    let ps = year::periods(&db.conn, y).unwrap();
    let q1 = ps
        .iter()
        .find(|p| p.scheme == Scheme::Quarter && p.number == 1)
        .unwrap();
    let q2 = ps
        .iter()
        .find(|p| p.scheme == Scheme::Quarter && p.number == 2)
        .unwrap();
    assert!(q1.grades.contains(&5));
    let ys = q1.start;
    assert!(ops::set_period_dates(&mut db, &admin, q1.id, ys, q2.start).is_err());
    assert!(ops::set_period_dates(&mut db, &admin, q1.id, ys.pred_opt().unwrap(), q1.end).is_err());
    ops::set_period_dates(&mut db, &admin, q1.id, ys, q1.end.pred_opt().unwrap()).unwrap();
    let h = Holiday {
        name: "Карантин".into(),
        start: d(2027, 7, 1),
        end: d(2027, 7, 2),
        min_grade: 1,
        max_grade: 11,
    };
    assert!(
        ops::add_holiday(&mut db, &admin, y, &h).is_err(),
        "after the year's end"
    );
    let h = Holiday {
        start: d(2026, 12, 1),
        end: d(2026, 12, 2),
        ..h
    };
    let id = ops::add_holiday(&mut db, &admin, y, &h).unwrap();
    assert!(
        year::holidays(&db.conn, y)
            .unwrap()
            .iter()
            .any(|(i, _)| *i == id)
    );
    // Settings: the absence warning is the key attendance reads.
    let mut s = year::load_settings(&db.conn).unwrap();
    s.absence_warning_percent = 25.0;
    s.idle_lock_minutes = 0;
    s.edit_window = EditWindow::OneMonth;
    ops::save_settings(&mut db, &admin, &s).unwrap();
    assert_eq!(
        zhurnal::attendance::warning_percent(&db.conn).unwrap(),
        25.0
    );
    assert_eq!(year::load_settings(&db.conn).unwrap(), s);
    let t = login(&mut db, "teacher");
    assert!(ops::save_settings(&mut db, &t, &s).is_err());
}

#[test]
fn the_rollover_promotes_graduates_keeps_back_and_closes_the_old_year() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let y = current_year(&db);
    let c5 = class_id(&db, "5А");
    let c9 = class_id(&db, "9А");
    let in5: Vec<StudentId> = {
        let mut st = db
            .conn
            .prepare("SELECT student_id FROM enrolment WHERE class_id = ?1 AND end_date IS NULL")
            .unwrap();
        st.query_map([c5], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let kept = in5[0];
    let r = rollover::rollover(&mut db, &admin, y, 9, &[kept]).unwrap();
    let ny = r.new_year.unwrap();
    assert_eq!(r.kept_back, 1);
    assert!(r.promoted > 0 && r.graduated > 0 && r.courses > 0);
    let new_classes: Vec<String> = school::classes(&db.conn, ny)
        .unwrap()
        .iter()
        .map(|c| c.name())
        .collect();
    assert!(new_classes.contains(&"6А".to_string()));
    assert!(
        new_classes.contains(&"5А".to_string()),
        "for the one kept back"
    );
    assert!(!new_classes.contains(&"10А".to_string()), "9А graduated");
    let new6 = school::classes(&db.conn, ny)
        .unwrap()
        .into_iter()
        .find(|c| c.name() == "6А")
        .unwrap();
    let on6: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM enrolment WHERE class_id = ?1",
            [new6.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(on6 as usize, in5.len() - 1);
    let graduated: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM enrolment WHERE class_id = ?1 AND end_reason = 'graduated'",
            [c9],
            |r| r.get(0),
        )
        .unwrap();
    assert!(graduated > 0);
    // The old year is read-only but its journal still reads.
    let years = school::years(&db.conn).unwrap();
    assert!(years.iter().find(|x| x.id == y).unwrap().closed);
    let (lesson, student, course) = own_lesson(&db, "teacher", d(2026, 11, 16), today());
    let t = login(&mut db, "teacher");
    assert!(matches!(
        journal::add_mark(&mut db, &t, lesson, student, "5", None, "", None),
        Err(Error::Denied(Denied::YearClosed))
    ));
    let c = school::course(&db.conn, course).unwrap();
    assert!(
        !journal::members(&db.conn, &c, d(2026, 9, 1), d(2027, 5, 26))
            .unwrap()
            .is_empty()
    );
    assert!(
        rollover::rollover(&mut db, &admin, y, 9, &[]).is_err(),
        "closed"
    );
    assert_eq!(
        school::years(&db.conn)
            .unwrap()
            .last()
            .unwrap()
            .start
            .year(),
        2027
    );
}

// ---- import ----------------------------------------------------------------------------------

fn win1251(s: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(s).0.into_owned()
}

fn clerk_preview(db: &mut Db, bytes: &[u8]) -> Result<import::Preview, Error> {
    let clerk = login(db, "clerk");
    let sheet = import::read_csv(bytes)?;
    import::preview(&db.conn, &clerk, current_year(db), &sheet, today())
}

const GOOD: &str = "Список учащихся на 01.09.2026;;;;;;;\n\
Фамилия;Имя;Отчество;Дата рождения;Класс;№ личного дела;Родитель;Телефон;Email\n\
Абрамов;Илья;Сергеевич;01.09.2014;5А;И-1001;Абрамова Наталья Викторовна;+7 912 111-22-33;nat@example.ru\n\
Абрамов;Илья;Сергеевич;01.09.2014;5А;И-1001;Абрамов Сергей Петрович;+7 912 111-22-34;\n\
Ёлкина;Дарья;;12.03.2015;5 а;И-1002;;;\n";

#[test]
fn a_russian_excel_csv_imports_students_with_parents() {
    let (_d, mut db) = demo_db();
    let before = count(&db, "SELECT count(*) FROM student");
    let p = clerk_preview(&mut db, &win1251(GOOD)).unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.entries.len(), 2);
    assert_eq!(p.parents(), 2);
    assert_eq!(p.entries[0].parents[0].relation, students::Relation::Mother);
    assert_eq!(p.entries[0].parents[1].relation, students::Relation::Father);
    assert_eq!(p.entries[0].birth_date, Some(d(2014, 9, 1)));
    let clerk = login(&mut db, "clerk");
    let (y, start) = import::target(&db.conn, today()).unwrap();
    let done = import::apply(&mut db, &clerk, y, &p, start).unwrap();
    assert_eq!((done.students, done.parents), (2, 2));
    assert_eq!(count(&db, "SELECT count(*) FROM student"), before + 2);
    let darya: (String, ClassId) = db
        .conn
        .query_row(
            "SELECT s.surname, e.class_id FROM student s JOIN enrolment e ON e.student_id = s.id
             WHERE s.file_number = 'И-1002'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(darya, ("Ёлкина".into(), class_id(&db, "5А")));
    // The same file again: every row is a duplicate now.
    let again = clerk_preview(&mut db, &win1251(GOOD)).unwrap();
    assert!(again.entries.is_empty());
    assert!(
        again
            .errors
            .iter()
            .all(|e| matches!(e.problem, import::Problem::Duplicate(_)))
    );
}

#[test]
fn utf8_with_and_without_bom_and_english_headers_in_any_order() {
    let (_d, mut db) = demo_db();
    let text = "Class,Surname,First name,Birth date,Parent,Relation\n6А,Smith,John,2013-05-06,Smith Jane,mother\n";
    for bytes in [
        text.as_bytes().to_vec(),
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    ] {
        let p = clerk_preview(&mut db, &bytes).unwrap();
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.entries[0].name.surname, "Smith");
        assert_eq!(p.entries[0].class_name, "6А");
        assert_eq!(p.entries[0].parents[0].relation, students::Relation::Mother);
    }
    // UTF-16 "Unicode text" from Excel, tab-separated.
    let tsv = "Фамилия\tИмя\tКласс\nЖукова\tАнна\t6А\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tsv.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let p = clerk_preview(&mut db, &utf16).unwrap();
    assert_eq!(p.entries[0].name.surname, "Жукова");
}

#[test]
fn a_bad_file_lists_every_bad_row_and_changes_nothing() {
    let (_d, mut db) = demo_db();
    let bad = "Фамилия;Имя;Дата рождения;Класс;№ личного дела\n\
Петров;Пётр;31.02.2014;5А;П-1\n\
;Без фамилии;01.01.2014;5А;П-2\n\
Сидоров;Сидор;01.01.2014;12Я;П-3\n\
Кузнецов;Иван;01.01.2014;5А;П-4\n\
Кузнецова;Мария;01.01.2014;5А;П-4\n\
Орлов;Олег;01.01.2014;5А;П-5\n";
    let p = clerk_preview(&mut db, bad.as_bytes()).unwrap();
    let rows: Vec<(usize, &str)> = p
        .errors
        .iter()
        .map(|e| (e.row, e.problem.key().0))
        .collect();
    assert_eq!(
        rows,
        [
            (2, "import-problem-bad-date"),
            (3, "import-problem-missing-name"),
            (4, "import-problem-unknown-class"),
            (6, "import-problem-duplicate"),
        ]
    );
    let before = count(&db, "SELECT count(*) FROM student");
    let audit_before = count(&db, "SELECT count(*) FROM audit");
    let clerk = login(&mut db, "clerk");
    let (y, start) = import::target(&db.conn, today()).unwrap();
    assert!(import::apply(&mut db, &clerk, y, &p, start).is_err());
    assert_eq!(count(&db, "SELECT count(*) FROM student"), before);
    assert_eq!(
        count(&db, "SELECT count(*) FROM audit"),
        audit_before + 1,
        "only the login"
    );
}

#[test]
fn broken_encodings_and_files_without_a_header_are_refused_by_name() {
    let (_d, mut db) = demo_db();
    // Claims UTF-8 by its BOM, then is not.
    let broken = [
        b"\xEF\xBB\xBF\xD0\xA4\xD0".as_slice(),
        b"\xFF\xFE\x00;\x81\n",
    ]
    .concat();
    assert!(clerk_preview(&mut db, &broken).is_err());
    // Binary noise is neither UTF-8 nor Windows-1251 text.
    let noise: Vec<u8> = (0u8..=255).cycle().take(2000).collect();
    assert!(clerk_preview(&mut db, &noise).is_err());
    assert!(clerk_preview(&mut db, "a;b;c\n1;2;3\n".as_bytes()).is_err());
    // A Windows-1251 file read as if it were UTF-8 would be mojibake; the fallback reads it right.
    let p = clerk_preview(&mut db, &win1251("ФИО;Класс\nПавлов Павел Павлович;6А\n")).unwrap();
    assert_eq!(p.entries[0].name.patronymic, "Павлович");
}

fn xlsx_with_merged_header() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 2, "Ученик", &f).unwrap();
    ws.merge_range(0, 3, 1, 3, "Класс", &f).unwrap();
    ws.merge_range(0, 4, 1, 4, "Дата рождения", &f).unwrap();
    ws.merge_range(0, 5, 0, 7, "Родитель", &f).unwrap();
    for (c, h) in ["Фамилия", "Имя", "Отчество"].iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (c, h) in ["ФИО", "Телефон", "E-mail"].iter().enumerate() {
        ws.write_string(1, 5 + c as u16, *h).unwrap();
    }
    let date_fmt = Format::new().set_num_format("dd.mm.yyyy");
    let rows = [
        (
            "Гусева",
            "Полина",
            "Андреевна",
            "6А",
            2013,
            "Гусев Андрей Ильич",
            "89001112233",
            "a@b.ru",
        ),
        (
            "Данилов",
            "Марк",
            "",
            "6 А",
            2014,
            "Данилова Ирина Олеговна",
            "",
            "",
        ),
    ];
    for (i, r) in rows.iter().enumerate() {
        let row = 2 + i as u32;
        ws.write_string(row, 0, r.0).unwrap();
        ws.write_string(row, 1, r.1).unwrap();
        ws.write_string(row, 2, r.2).unwrap();
        ws.write_string(row, 3, r.3).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(r.4, 2, 14).unwrap();
        ws.write_datetime_with_format(row, 4, &date, &date_fmt)
            .unwrap();
        ws.write_string(row, 5, r.5).unwrap();
        ws.write_string(row, 6, r.6).unwrap();
        ws.write_string(row, 7, r.7).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_with_merged_header_cells_imports() {
    let (_d, mut db) = demo_db();
    let bytes = xlsx_with_merged_header();
    let sheet = import::read_xlsx(&bytes).unwrap();
    let clerk = login(&mut db, "clerk");
    let y = current_year(&db);
    let p = import::preview(&db.conn, &clerk, y, &sheet, today()).unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.mapping.header_row, 1);
    assert_eq!(p.entries.len(), 2);
    assert_eq!(p.entries[0].birth_date, Some(d(2013, 2, 14)));
    assert_eq!(p.entries[0].parents[0].phone, "89001112233");
    assert_eq!(p.entries[0].parents[0].relation, students::Relation::Father);
    assert_eq!(p.entries[1].parents[0].name.surname, "Данилова");
    // Through a file and the CLI as well.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("список.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    let path = db.path.clone();
    drop(db);
    unsafe { std::env::set_var("ZHURNAL_PASSWORD", "clerk") };
    let code = zhurnal::setup::cli::run(
        &path,
        zhurnal::setup::cli::ImportArgs {
            what: zhurnal::setup::cli::ImportWhat::Students {
                user: "clerk".into(),
                dry_run: false,
                date: None,
                file,
            },
        },
    )
    .unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let db = Db::open(&path).unwrap();
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM student WHERE surname IN ('Гусева', 'Данилов')
             AND birth_date IN ('2013-02-14', '2014-02-14')"
        ),
        2
    );
}

#[test]
fn the_cli_prints_row_errors_and_fails_on_a_bad_file() {
    let (dir, db) = demo_db();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, win1251("Фамилия;Имя;Класс\nИванов;;5А\n")).unwrap();
    let path = db.path.clone();
    drop(db);
    unsafe { std::env::set_var("ZHURNAL_PASSWORD", "clerk") };
    let code = zhurnal::setup::cli::run(
        &path,
        zhurnal::setup::cli::ImportArgs {
            what: zhurnal::setup::cli::ImportWhat::Students {
                user: "clerk".into(),
                dry_run: false,
                date: None,
                file,
            },
        },
    )
    .unwrap();
    assert_eq!(code, std::process::ExitCode::FAILURE);
}

#[test]
fn a_school_set_up_from_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::create(&dir.path().join("new.sqlite"))
        .unwrap()
        .with_clock(zhurnal::db::Clock::Fixed(now()));
    let (_, y) = ops::create_school(
        &mut db,
        &school::NewSchool {
            name: "МБОУ СОШ № 1".into(),
            address: String::new(),
            director: String::new(),
            year_start: 2026,
            schemes: school::usual_schemes(),
            admin: zhurnal::auth::NewStaff {
                login: "root".into(),
                name: PersonName {
                    surname: "Админова".into(),
                    name: "Анна".into(),
                    patronymic: String::new(),
                },
                roles: vec![Role::Admin],
                password: "secret1".into(),
                temporary: false,
            },
        },
        None,
    )
    .unwrap();
    let admin: Session = zhurnal::auth::login(&mut db, "root", "secret1").unwrap();
    ops::update_profile(
        &mut db,
        &admin,
        &school::School {
            name: "МБОУ СОШ № 1 г. Энска".into(),
            address: "ул. Ленина, 1".into(),
            director: "Петров П. П.".into(),
        },
    )
    .unwrap();
    let teacher = zhurnal::ops::create_staff(
        &mut db,
        &admin,
        &zhurnal::auth::NewStaff {
            login: "ivanova".into(),
            name: PersonName {
                surname: "Иванова".into(),
                name: "Мария".into(),
                patronymic: "Ивановна".into(),
            },
            roles: vec![Role::Teacher, Role::ClassTeacher],
            password: "temp123".into(),
            temporary: true,
        },
    )
    .unwrap();
    let math = zhurnal::ops::add_subject(&mut db, &admin, "Математика", "мат").unwrap();
    assert!(zhurnal::ops::add_subject(&mut db, &admin, "Математика", "").is_err());
    let room = ops::add_room(&mut db, &admin, None, "21").unwrap();
    ops::set_bell(
        &mut db,
        &admin,
        y,
        9,
        chrono::NaiveTime::from_hms_opt(16, 10, 0).unwrap(),
        chrono::NaiveTime::from_hms_opt(16, 55, 0).unwrap(),
    )
    .unwrap();
    ops::set_grade_scheme(&mut db, &admin, y, 10, 11, Scheme::Trimester).unwrap();
    let class = ops::create_class(&mut db, &admin, y, 5, "а", Some(teacher)).unwrap();
    let course = ops::create_course(
        &mut db,
        &admin,
        &classes::CourseTerms {
            subject: math,
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
    let info = school::course(&db.conn, course).unwrap();
    assert_eq!(info.title(), "5А, Математика");
    let sheet = import::read_csv(GOOD.as_bytes()).unwrap();
    let p = import::preview(&db.conn, &admin, y, &sheet, today()).unwrap();
    assert!(p.is_clean(), "{:?}", p.errors);
    import::apply(&mut db, &admin, y, &p, d(2026, 9, 1)).unwrap();
    let members = journal::members(&db.conn, &info, d(2026, 9, 1), today()).unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(
        year::periods(&db.conn, y)
            .unwrap()
            .iter()
            .filter(|p| p.grades.contains(&10))
            .count(),
        3
    );
    let _ = NaiveDate::MIN;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn the_readers_never_panic_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = import::read_csv(&bytes);
        let _ = import::read_xlsx(&bytes);
        if let Ok(sheet) = import::read_csv(&bytes) {
            let _ = import::find_header(&sheet);
        }
    }

    #[test]
    fn header_lines_with_noise_never_panic(
        cells in proptest::collection::vec("[a-zA-Zа-яА-Я0-9 .;,\"\\n№-]{0,12}", 0..30)
    ) {
        let text = format!("Фамилия;Имя;Класс;Дата рождения\n{}", cells.join(";"));
        if let Ok(sheet) = import::read_csv(text.as_bytes()) {
            let _ = import::find_header(&sheet);
        }
    }
}

#[test]
fn damaged_xlsx_is_refused_not_a_panic() {
    let mut bytes = xlsx_with_merged_header();
    let n = bytes.len();
    for b in bytes[n / 3..n / 3 + 200].iter_mut() {
        *b = b.wrapping_add(17);
    }
    let _ = import::read_xlsx(&bytes);
    assert!(import::read_xlsx(b"PK\x03\x04 not really").is_err());
}

// ---- the school screen's core: groups, courses, calendar, directories, rollover -------------

fn roll_of(db: &Db, class: ClassId) -> Vec<StudentId> {
    classes::roll(&db.conn, class, today())
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

fn members_on(
    db: &Db,
    class: ClassId,
    name: &str,
    subject: SubjectId,
    on: NaiveDate,
) -> Vec<StudentId> {
    let mut m = classes::groups(&db.conn, class, on)
        .unwrap()
        .into_iter()
        .find(|g| g.name == name && g.subject == Some(subject))
        .unwrap_or_else(|| panic!("no group {name}"))
        .members;
    m.sort();
    m
}

#[test]
fn a_class_is_split_into_two_groups_and_a_student_moves_between_them_from_a_date() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let c5 = class_id(&db, "5А");
    let tech = zhurnal::ops::add_subject(&mut db, &admin, "Технология", "техн").unwrap();
    let roll = roll_of(&db, c5);
    assert_eq!(roll.len(), 25);
    let (first, second) = roll.split_at(12);
    let plan = |a: &[StudentId], b: &[StudentId]| {
        vec![
            classes::GroupPlan {
                name: "1 группа".into(),
                students: a.to_vec(),
            },
            classes::GroupPlan {
                name: "2 группа".into(),
                students: b.to_vec(),
            },
        ]
    };
    // The class teacher of 5А splits their own class.
    let ct = login(&mut db, "teacher");
    let ids =
        ops::split_class(&mut db, &ct, c5, Some(tech), &plan(first, second), today()).unwrap();
    assert_eq!(ids.len(), 2);
    let mut a = first.to_vec();
    a.sort();
    assert_eq!(members_on(&db, c5, "1 группа", tech, today()), a);
    // From December the first student of group 1 goes to group 2; November stays as it was.
    let moved = first[0];
    let mut b2 = second.to_vec();
    b2.push(moved);
    let again = ops::split_class(
        &mut db,
        &admin,
        c5,
        Some(tech),
        &plan(&first[1..], &b2),
        d(2026, 12, 1),
    )
    .unwrap();
    assert_eq!(again, ids, "the same groups, regrouped");
    assert!(members_on(&db, c5, "1 группа", tech, d(2026, 11, 30)).contains(&moved));
    assert!(!members_on(&db, c5, "2 группа", tech, d(2026, 11, 30)).contains(&moved));
    assert!(!members_on(&db, c5, "1 группа", tech, d(2026, 12, 1)).contains(&moved));
    assert!(members_on(&db, c5, "2 группа", tech, d(2026, 12, 1)).contains(&moved));
    assert_eq!(
        members_on(&db, c5, "2 группа", tech, d(2026, 12, 1)).len(),
        14
    );
}

#[test]
fn a_bad_split_is_refused_and_changes_nothing() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let c5 = class_id(&db, "5А");
    let c6 = class_id(&db, "6А");
    let tech = zhurnal::ops::add_subject(&mut db, &admin, "Технология", "техн").unwrap();
    let roll = roll_of(&db, c5);
    let stranger = roll_of(&db, c6)[0];
    let before = count(&db, "SELECT count(*) FROM group_member")
        + count(&db, "SELECT count(*) FROM study_group");
    let g = |name: &str, s: Vec<StudentId>| classes::GroupPlan {
        name: name.into(),
        students: s,
    };
    // One student in both groups.
    assert!(
        ops::split_class(
            &mut db,
            &admin,
            c5,
            Some(tech),
            &[g("1", vec![roll[0]]), g("2", vec![roll[0]])],
            today()
        )
        .is_err()
    );
    // A student of another class.
    assert!(matches!(
        ops::split_class(
            &mut db,
            &admin,
            c5,
            Some(tech),
            &[g("1", vec![stranger])],
            today()
        ),
        Err(Error::Denied(Denied::NotOnList))
    ));
    // The same name twice, an empty name, a date outside the year.
    assert!(
        ops::split_class(
            &mut db,
            &admin,
            c5,
            Some(tech),
            &[g("1", vec![]), g("1", vec![])],
            today()
        )
        .is_err()
    );
    assert!(
        ops::split_class(
            &mut db,
            &admin,
            c5,
            Some(tech),
            &[g(" ", vec![roll[0]])],
            today()
        )
        .is_err()
    );
    assert!(
        ops::split_class(
            &mut db,
            &admin,
            c5,
            Some(tech),
            &[g("1", vec![roll[0]])],
            d(2027, 7, 1)
        )
        .is_err()
    );
    // A class teacher of another class, and a plain teacher.
    let other_ct: String = db
        .conn
        .query_row(
            "SELECT s.login FROM class c JOIN staff s ON s.id = c.class_teacher_id WHERE c.id = ?1",
            [c6],
            |r| r.get(0),
        )
        .unwrap();
    let ct6 = login(&mut db, &other_ct);
    assert!(
        ops::split_class(
            &mut db,
            &ct6,
            c5,
            Some(tech),
            &[g("1", vec![roll[0]])],
            today()
        )
        .is_err()
    );
    let after = count(&db, "SELECT count(*) FROM group_member")
        + count(&db, "SELECT count(*) FROM study_group");
    assert_eq!(before, after);
}

#[test]
fn a_courses_teacher_room_hours_and_attestation_are_edited_but_not_a_marked_scale() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let y = current_year(&db);
    let (_, _, course) = own_lesson(&db, "teacher", d(2026, 9, 1), today());
    let (_, before) = classes::course_terms(&db.conn, y)
        .unwrap()
        .into_iter()
        .find(|(id, _)| *id == course)
        .unwrap();
    let other = staff_id(&db, "deputy");
    let room = ops::add_room(&mut db, &admin, None, "305").unwrap();
    let terms = classes::CourseTerms {
        teacher: other,
        room: Some(room),
        hours_per_week: 4.5,
        no_attestation: true,
        ..before.clone()
    };
    ops::update_course(&mut db, &admin, course, &terms).unwrap();
    let (_, now) = classes::course_terms(&db.conn, y)
        .unwrap()
        .into_iter()
        .find(|(id, _)| *id == course)
        .unwrap();
    assert_eq!(now, terms);
    assert_eq!(school::course(&db.conn, course).unwrap().teacher, other);
    // The course has marks: its scale stays.
    assert!(
        classes::marked_courses(&db.conn, y)
            .unwrap()
            .contains(&course)
    );
    let ten = classes::CourseTerms {
        scale: Scale::Ten,
        ..terms.clone()
    };
    assert!(ops::update_course(&mut db, &admin, course, &ten).is_err());
    // Not the teacher, and no silly hours.
    let t = login(&mut db, "teacher");
    assert!(ops::update_course(&mut db, &t, course, &before).is_err());
    let silly = classes::CourseTerms {
        hours_per_week: 0.0,
        ..terms.clone()
    };
    assert!(ops::update_course(&mut db, &admin, course, &silly).is_err());
    assert_eq!(
        classes::course_terms(&db.conn, y)
            .unwrap()
            .into_iter()
            .find(|(id, _)| *id == course)
            .unwrap()
            .1,
        terms
    );
}

#[test]
fn a_grades_scheme_changes_only_before_its_period_marks() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let y = current_year(&db);
    // 5А has quarter marks for the first quarter.
    assert!(
        year::grades_with_period_marks(&db.conn, y)
            .unwrap()
            .contains(&5)
    );
    assert!(
        !year::grades_with_period_marks(&db.conn, y)
            .unwrap()
            .contains(&8)
    );
    assert!(ops::set_grade_scheme(&mut db, &admin, y, 5, 5, Scheme::Half).is_err());
    assert!(
        year::grade_schemes(&db.conn, y)
            .unwrap()
            .contains(&(5, Scheme::Quarter))
    );
    // Grade 8 has no class and no marks: it may go by trimesters; their periods appear.
    ops::set_grade_scheme(&mut db, &admin, y, 8, 8, Scheme::Trimester).unwrap();
    assert!(
        year::grade_schemes(&db.conn, y)
            .unwrap()
            .contains(&(8, Scheme::Trimester))
    );
    let ps = year::periods(&db.conn, y).unwrap();
    assert_eq!(
        ps.iter()
            .filter(|p| p.scheme == Scheme::Trimester && p.grades == vec![8])
            .count(),
        3
    );
    let t = login(&mut db, "teacher");
    assert!(ops::set_grade_scheme(&mut db, &t, y, 8, 8, Scheme::Quarter).is_err());
}

#[test]
fn the_bell_schedule_is_changed_added_to_and_cut() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let y = current_year(&db);
    let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let before = school::bells(&db.conn, y).unwrap();
    let last = before.last().unwrap().0;
    // The first lesson starts later.
    ops::set_bell(&mut db, &admin, y, 1, t(8, 45), t(9, 20)).unwrap();
    assert_eq!(
        school::bells(&db.conn, y).unwrap()[0],
        (1, t(8, 45), t(9, 20))
    );
    // Overlapping the second lesson, ending before it starts: refused.
    let second = before[1];
    assert!(
        ops::set_bell(
            &mut db,
            &admin,
            y,
            1,
            t(8, 45),
            second.1 + chrono::Duration::minutes(5)
        )
        .is_err()
    );
    assert!(ops::set_bell(&mut db, &admin, y, 1, t(9, 20), t(8, 45)).is_err());
    // A lesson after the last, then cut.
    ops::set_bell(&mut db, &admin, y, last + 1, t(17, 0), t(17, 45)).unwrap();
    assert_eq!(school::bells(&db.conn, y).unwrap().len(), before.len() + 1);
    ops::delete_bell(&mut db, &admin, y, last + 1).unwrap();
    assert_eq!(school::bells(&db.conn, y).unwrap().len(), before.len());
    let teacher = login(&mut db, "teacher");
    assert!(ops::delete_bell(&mut db, &teacher, y, 1).is_err());
}

#[test]
fn buildings_rooms_and_work_type_weights() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let b = ops::add_building(&mut db, &admin, "Корпус 2", "ул. Садовая, 5").unwrap();
    assert!(ops::add_building(&mut db, &admin, "Корпус 2", "").is_err());
    let listed = year::building_list(&db.conn).unwrap();
    assert!(
        listed
            .iter()
            .any(|x| x.id == b && x.address == "ул. Садовая, 5")
    );
    let r = ops::add_room(&mut db, &admin, Some(b), "12").unwrap();
    // The same number in another building is another room; twice in one building is not.
    ops::add_room(&mut db, &admin, None, "12").unwrap();
    assert!(ops::add_room(&mut db, &admin, Some(b), "12").is_err());
    assert!(matches!(
        ops::add_room(&mut db, &admin, Some(9999), "1"),
        Err(Error::NotFound(_))
    ));
    let rooms = year::rooms(&db.conn).unwrap();
    let row = rooms.iter().find(|x| x.id == r).unwrap();
    assert_eq!(
        (row.building_id, row.building.as_deref()),
        (Some(b), Some("Корпус 2"))
    );
    // A weight changes; a bad weight is refused.
    let (wt, _, _, w) = journal::work_types(&db.conn)
        .unwrap()
        .into_iter()
        .find(|x| x.1 == "Контрольная работа")
        .unwrap();
    assert_eq!(w, 2.0);
    ops::set_work_type_weight(&mut db, &admin, wt, 3.0).unwrap();
    assert!(ops::set_work_type_weight(&mut db, &admin, wt, 0.0).is_err());
    assert!(ops::set_work_type_weight(&mut db, &admin, wt, 11.0).is_err());
    let w = journal::work_types(&db.conn)
        .unwrap()
        .into_iter()
        .find(|x| x.0 == wt)
        .unwrap()
        .3;
    assert_eq!(w, 3.0);
    let added = ops::add_work_type(&mut db, &admin, "Зачёт", "зач", 2.5).unwrap();
    assert!(
        journal::work_types(&db.conn)
            .unwrap()
            .iter()
            .any(|x| x.0 == added && x.3 == 2.5)
    );
}

#[test]
fn the_rollover_plan_and_a_kept_back_student_from_another_year_refused() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let y = current_year(&db);
    let plan = rollover::plan(&db.conn, y, 9).unwrap();
    let row = |n: &str| plan.iter().find(|r| r.class.name() == n).unwrap();
    assert_eq!(row("5А").next.as_deref(), Some("6А"));
    assert_eq!(row("9А").next, None, "graduates");
    assert_eq!(row("5А").students.len(), 25);
    // Someone who has left is not on the plan and cannot be kept back.
    let left: StudentId = db
        .conn
        .query_row(
            "SELECT student_id FROM enrolment WHERE end_date IS NOT NULL
             AND student_id NOT IN (SELECT student_id FROM enrolment WHERE end_date IS NULL) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        plan.iter()
            .all(|r| r.students.iter().all(|(s, _)| *s != left))
    );
    assert!(rollover::rollover(&mut db, &admin, y, 9, &[left]).is_err());
    assert!(rollover::rollover(&mut db, &admin, y, 12, &[]).is_err());
    assert!(
        !school::years(&db.conn)
            .unwrap()
            .iter()
            .find(|x| x.id == y)
            .unwrap()
            .closed
    );
    assert_eq!(school::years(&db.conn).unwrap().len(), 1);
}

// ---- a course retired: deleted while its journal is empty, else ended from a date -------------

/// The whole-class course of `subject` in `class`.
fn course_of(db: &Db, class: ClassId, subject: &str) -> CourseId {
    db.conn
        .query_row(
            "SELECT c.id FROM course c JOIN subject s ON s.id = c.subject_id
             WHERE c.class_id = ?1 AND s.name = ?2 AND c.group_id IS NULL",
            params![class, subject],
            |r| r.get(0),
        )
        .unwrap()
}

fn ru(e: &Error) -> String {
    zhurnal::i18n::Tr::new(zhurnal::i18n::Lang::Ru).error(e)
}

/// A new course of 5А taught by the administrator, at lesson 9 on Tuesdays and Thursdays from
/// 23 November: the timetable and its lessons laid out, nothing written in its journal.
fn empty_course_in_5a(db: &mut Db, admin: &Session) -> CourseId {
    let c5 = class_id(db, "5А");
    let subject = zhurnal::ops::add_subject(db, admin, "Астрономия", "астр").unwrap();
    let teacher = staff_id(db, "admin");
    let course = ops::create_course(
        db,
        admin,
        &classes::CourseTerms {
            subject,
            class: c5,
            group: None,
            teacher,
            room: None,
            scale: Scale::Five,
            no_attestation: false,
            hours_per_week: 2.0,
        },
    )
    .unwrap();
    let slot = |weekday| lessons::timetable::Slot {
        weekday,
        lesson_no: 9,
        room: None,
    };
    let changed = ops::change_timetable(db, admin, course, d(2026, 11, 23), &[slot(2), slot(4)])
        .unwrap()
        .done()
        .expect("lesson 9 is free");
    assert!(changed.lessons.added > 20);
    course
}

#[test]
fn a_course_with_an_empty_journal_is_deleted_with_its_timetable_and_lessons() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let course = empty_course_in_5a(&mut db, &admin);
    let lessons_before = count(
        &db,
        &format!("SELECT count(*) FROM lesson WHERE course_id = {course}"),
    );
    let y = current_year(&db);
    let used = classes::course_use(&db.conn, y).unwrap()[&course];
    assert_eq!(used.lessons as i64, lessons_before);
    assert!(!used.has_data());
    // Only the administrator removes a course.
    let deputy = login(&mut db, "deputy");
    assert!(matches!(
        ops::retire_course(&mut db, &deputy, course, today()),
        Err(Error::Denied(Denied::Role))
    ));
    let r = ops::retire_course(&mut db, &admin, course, d(2027, 3, 1)).unwrap();
    assert_eq!(
        r,
        classes::Retired::Deleted {
            lessons: lessons_before as usize,
            entries: 2
        },
        "deleted whole, whatever the date"
    );
    for table in [
        "course WHERE id",
        "lesson WHERE course_id",
        "timetable_entry WHERE course_id",
    ] {
        assert_eq!(
            count(&db, &format!("SELECT count(*) FROM {table} = {course}")),
            0,
            "{table}"
        );
    }
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM audit WHERE action = 'delete' AND entity = 'course'
                 AND entity_id = {course} AND old_value LIKE '5А, Астрономия:%'"
            )
        ),
        1
    );
    assert!(zhurnal::audit::verify_chain(&db.conn).unwrap().is_empty());
}

#[test]
fn a_course_with_a_journal_ends_from_a_date_and_its_past_stays_printable() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let y = current_year(&db);
    let c5 = class_id(&db, "5А");
    let tech = course_of(&db, c5, "Труд (технология)");
    let used = classes::course_use(&db.conn, y).unwrap()[&tech];
    assert!(used.has_data());
    // The demo's last technology lesson with data: Wednesday 18 November.
    let last = used.last_held.unwrap();
    assert_eq!(last, d(2026, 11, 18));
    let lessons_in = |db: &Db, op: &str| {
        count(
            db,
            &format!("SELECT count(*) FROM lesson WHERE course_id = {tech} AND date {op} '{last}'"),
        )
    };
    let (past, future) = (lessons_in(&db, "<="), lessons_in(&db, ">"));
    assert!(past > 10 && future > 10);

    // Not from a day whose lessons hold data: the two of 17 and 18 November are named.
    let e = ops::retire_course(&mut db, &admin, tech, d(2026, 11, 17)).unwrap_err();
    assert_eq!(e.said_key(), Some("said-course-held-after"));
    assert!(
        ru(&e).contains("начиная с 17.11.2026 в его журнале 2 урока с записями"),
        "{}",
        ru(&e)
    );
    let e = ops::retire_course(&mut db, &admin, tech, d(2026, 11, 18)).unwrap_err();
    assert!(ru(&e).contains("1 урок с записями"), "{}", ru(&e));
    // Nor from the year's first day, nor after its end.
    for from in [d(2026, 9, 1), d(2027, 6, 1)] {
        let e = ops::retire_course(&mut db, &admin, tech, from).unwrap_err();
        assert_eq!(e.said_key(), Some("said-course-end-outside-year"));
    }
    assert_eq!(school::course(&db.conn, tech).unwrap().end, None);
    assert_eq!(lessons_in(&db, ">"), future, "nothing changed");

    // From Thursday 19 November: the last day is the 18th.
    let r = ops::retire_course(&mut db, &admin, tech, d(2026, 11, 19)).unwrap();
    assert_eq!(
        r,
        classes::Retired::Ended {
            last_day: last,
            lessons: future as usize
        }
    );
    let c = school::course(&db.conn, tech).unwrap();
    assert_eq!(c.end, Some(last));
    assert!(c.runs_on(last) && !c.runs_on(today()));
    assert_eq!(lessons_in(&db, "<="), past, "the past stays");
    assert_eq!(lessons_in(&db, ">"), 0);
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM timetable_entry WHERE course_id = {tech}
                 AND (valid_to IS NULL OR valid_to > '{last}')"
            )
        ),
        0
    );
    // The first quarter's journal page still reads with its marks; the course is still listed.
    let q1 = school::periods_for_grade(&db.conn, y, 5).unwrap()[0].clone();
    let page = journal::read_page(&db.conn, c.clone(), q1).unwrap();
    assert!(!page.lessons.is_empty());
    assert!(
        page.rows
            .iter()
            .any(|r| r.cells.iter().any(|c| !c.marks.is_empty()))
    );
    assert!(
        school::courses(&db.conn, y)
            .unwrap()
            .iter()
            .any(|x| x.id == tech)
    );

    // No lesson comes after its end: not by laying out, not added by hand, not by a new timetable.
    let year_end = school::years(&db.conn).unwrap()[0].end;
    ops::lay_out(&mut db, &admin, y, &[tech], d(2026, 9, 1), year_end).unwrap();
    assert_eq!(lessons_in(&db, ">"), 0);
    assert!(matches!(
        zhurnal::ops::add_lesson(&mut db, &admin, tech, d(2026, 11, 26), 2),
        Ok(lessons::Outcome::Blocked(lessons::Block::CourseEnded(_)))
    ));
    let slot = lessons::timetable::Slot {
        weekday: 1,
        lesson_no: 9,
        room: None,
    };
    assert_eq!(
        ops::change_timetable(&mut db, &admin, tech, d(2026, 12, 1), &[slot])
            .unwrap_err()
            .said_key(),
        Some("said-course-ended")
    );
    assert_eq!(lessons_in(&db, ">"), 0);
    // An ended course changes no more.
    let again = ops::retire_course(&mut db, &admin, tech, d(2026, 12, 1)).unwrap_err();
    assert_eq!(again.said_key(), Some("said-course-ended"));
    assert!(
        ru(&again).contains("последний день — 18.11.2026"),
        "{}",
        ru(&again)
    );
    let terms = classes::course_terms(&db.conn, y)
        .unwrap()
        .into_iter()
        .find(|(id, _)| *id == tech)
        .unwrap()
        .1;
    let e = ops::update_course(&mut db, &admin, tech, &terms).unwrap_err();
    assert_eq!(e.said_key(), Some("said-course-ended"));
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM audit WHERE action = 'end' AND course_id = {tech}")
        ),
        1
    );

    // The rollover copies the running courses of 5А into 6А, not the ended one.
    let ny = rollover::rollover(&mut db, &admin, y, 11, &[])
        .unwrap()
        .new_year
        .unwrap();
    let copied: Vec<String> = school::courses(&db.conn, ny)
        .unwrap()
        .into_iter()
        .filter(|c| c.class_name == "6А")
        .map(|c| c.subject)
        .collect();
    assert!(copied.contains(&"Математика".to_string()));
    assert!(!copied.contains(&"Труд (технология)".to_string()));
}

#[test]
fn a_split_ends_the_whole_class_course_of_its_subject_in_the_same_transaction() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let c5 = class_id(&db, "5А");
    let tech = course_of(&db, c5, "Труд (технология)");
    let subject: SubjectId = db
        .conn
        .query_row(
            "SELECT id FROM subject WHERE name = 'Труд (технология)'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let roll = roll_of(&db, c5);
    let (a, b) = roll.split_at(13);
    let plan = vec![
        classes::GroupPlan {
            name: "1 группа".into(),
            students: a.to_vec(),
        },
        classes::GroupPlan {
            name: "2 группа".into(),
            students: b.to_vec(),
        },
    ];
    let groups = |db: &Db| {
        count(
            db,
            &format!(
                "SELECT count(*) FROM study_group WHERE class_id = {c5} AND subject_id = {subject}"
            ),
        )
    };
    // The class teacher splits their class, but courses are the administrator's.
    let ct = login(&mut db, "teacher");
    assert!(matches!(
        ops::split_and_retire(&mut db, &ct, c5, subject, &plan, today(), tech),
        Err(Error::Denied(Denied::Role))
    ));
    // Another course than the subject's whole-class one is refused; nothing is split.
    let maths = course_of(&db, c5, "Математика");
    let e = ops::split_and_retire(&mut db, &admin, c5, subject, &plan, today(), maths).unwrap_err();
    assert_eq!(e.said_key(), Some("said-not-whole-class-course"));
    // A split from a day the course holds data: refused whole, the groups are not made either.
    let e = ops::split_and_retire(&mut db, &admin, c5, subject, &plan, d(2026, 11, 18), tech)
        .unwrap_err();
    assert_eq!(e.said_key(), Some("said-course-held-after"));
    assert_eq!(groups(&db), 0);

    let (ids, r) =
        ops::split_and_retire(&mut db, &admin, c5, subject, &plan, today(), tech).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(groups(&db), 2);
    assert!(matches!(r, classes::Retired::Ended { last_day, .. } if last_day == d(2026, 11, 19)));
    assert_eq!(
        school::course(&db.conn, tech).unwrap().end,
        Some(d(2026, 11, 19))
    );
    assert_eq!(members_on(&db, c5, "2 группа", subject, today()).len(), 12);
}

#[test]
fn a_bell_in_use_by_the_timetable_or_the_journal_stays_and_says_how_many() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let y = current_year(&db);
    let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
    ops::set_bell(&mut db, &admin, y, 9, t(16, 10), t(16, 55)).unwrap();
    let bells = school::bells(&db.conn, y).unwrap();
    // One lesson added by hand at lesson 9: its number has a time to keep.
    let c5 = class_id(&db, "5А");
    let maths = course_of(&db, c5, "Математика");
    zhurnal::ops::add_lesson(&mut db, &admin, maths, d(2026, 11, 27), 9)
        .unwrap()
        .done()
        .unwrap();
    let e = ops::delete_bell(&mut db, &admin, y, 9).unwrap_err();
    assert_eq!(e.said_key(), Some("said-bell-in-lessons"));
    assert_eq!(
        ru(&e),
        "Урок 9 нельзя убрать из расписания звонков: под этим номером в журнале 1 урок. \
         Сначала перенесите их на другой урок."
    );
    // A course timetabled at lesson 9 twice a week: entries and lessons both counted.
    empty_course_in_5a(&mut db, &admin);
    let lessons: i64 = count(
        &db,
        &format!(
            "SELECT count(*) FROM lesson l JOIN course c ON c.id = l.course_id
             WHERE c.year_id = {y} AND l.lesson_no = 9"
        ),
    );
    let e = ops::delete_bell(&mut db, &admin, y, 9).unwrap_err();
    assert_eq!(e.said_key(), Some("said-bell-in-both"));
    let lessons_word = match (lessons % 10, lessons % 100) {
        (1, n) if n != 11 => "урок",
        (2..=4, n) if !(12..=14).contains(&n) => "урока",
        _ => "уроков",
    };
    assert_eq!(
        ru(&e),
        format!(
            "Урок 9 нельзя убрать из расписания звонков: под этим номером в расписании уроков \
             2 записи, а в журнале {lessons} {lessons_word}. Сначала перенесите их на другой урок."
        )
    );
    // Were the lessons gone (deleted here behind the program's back), the timetable entries
    // alone would keep the bell.
    db.conn
        .execute("DELETE FROM lesson WHERE lesson_no = 9", [])
        .unwrap();
    let e = ops::delete_bell(&mut db, &admin, y, 9).unwrap_err();
    assert_eq!(e.said_key(), Some("said-bell-in-timetable"));
    assert!(
        ru(&e).contains("в расписании уроков 2 записи."),
        "{}",
        ru(&e)
    );
    assert_eq!(
        school::bells(&db.conn, y).unwrap(),
        bells,
        "nothing changed"
    );
}

#[test]
fn after_the_rollover_the_new_year_is_current_even_before_its_first_day() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let old = current_year(&db);
    let new = rollover::rollover(&mut db, &admin, old, 11, &[])
        .unwrap()
        .new_year
        .unwrap();
    let current = school::current_year(&db.conn, today()).unwrap().unwrap();
    assert_eq!(current.id, new);
    assert!(current.start > today());
    assert_eq!(
        school::current_year(&db.conn, d(2026, 8, 1))
            .unwrap()
            .unwrap()
            .id,
        new,
        "the old year is closed: the school works in the new one"
    );
    // With every year closed, the year today falls in.
    db.conn
        .execute("UPDATE academic_year SET closed = 1", [])
        .unwrap();
    assert_eq!(
        school::current_year(&db.conn, today()).unwrap().unwrap().id,
        old
    );
}

/// `zhurnal import students …` run as the records clerk types it, on a Russian PC.
fn import_cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_zhurnal"))
        .arg("--db")
        .arg(db)
        .args(["import", "students", "--user", "clerk"])
        .args(args)
        .env("ZHURNAL_PASSWORD", "clerk")
        .env("LC_ALL", "ru_RU.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn a_school_starting_mid_year_imports_its_class_list_enrolled_from_the_first_of_september() {
    let (dir, db) = demo_db();
    let path = db.path.clone();
    let first: NaiveDate = db
        .conn
        .query_row(
            "SELECT start_date FROM academic_year ORDER BY start_date DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(db);
    let file = dir.path().join("list.csv");
    std::fs::write(&file, win1251(GOOD)).unwrap();
    let file = file.to_str().unwrap();
    let date = zhurnal::model::format_date(first);
    // A dry run says what would be entered, in Russian with its plurals, and enters nothing.
    let out = import_cli(&path, &["--dry-run", "--date", &date, file]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.starts_with("Столбцы: A (") && said.contains("= Фамилия, B (Имя) = Имя"),
        "{said}"
    );
    assert!(
        said.contains("(родители: Абрамова Наталья Викторовна, Абрамов Сергей Петрович)"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "Будет введено: 2 ученика и 2 родителя, зачисление с {date} (проверка: ничего не изменено)"
        )),
        "{said}"
    );
    // A date outside the year is refused in words, before anything is read into the journal.
    let out = import_cli(&path, &["--date", "01.09.2000", file]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("01.09.2000 не входит в учебный год"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = import_cli(&path, &["--date", &date, file]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains(&format!(
            "Введено: 2 ученика и 2 родителя, зачисление с {date}"
        )),
        "{said}"
    );
    let db = Db::open(&path).unwrap();
    let starts: Vec<NaiveDate> = db
        .conn
        .prepare(
            "SELECT e.start_date FROM enrolment e JOIN student s ON s.id = e.student_id
             WHERE s.file_number IN ('И-1001', 'И-1002')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(starts, vec![first, first]);
    drop(db);
    // Again: every row is a duplicate now, said row by row and counted with its plural.
    let out = import_cli(&path, &[file]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("строка 3: повтор:"), "{err}");
    assert!(
        err.contains("zhurnal: В 3 строках ошибки; ничего не введено"),
        "{err}"
    );
}
