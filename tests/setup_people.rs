//! Issue 7, people: a student's data corrected with its history kept, parents corrected and taken
//! off a card, consents with their dates, the paper-reports choice, a class teacher keeping only
//! their own class's list, staff accounts corrected and leavers switched off with their history,
//! and a compromised account's revert that is all or nothing.

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use rusqlite::params;
use zhurnal::auth::{self, Session};
use zhurnal::db::{Clock, Db};
use zhurnal::error::{AuthError, Denied, Error};
use zhurnal::journal;
use zhurnal::model::*;
use zhurnal::school;
use zhurnal::setup::staff;
use zhurnal::setup::students::{self, DataProblem, NewParent, Person, Relation};

fn current_year(db: &Db) -> YearId {
    school::current_year(&db.conn, today()).unwrap().unwrap().id
}

fn class_id(db: &Db, name: &str) -> ClassId {
    school::classes(&db.conn, current_year(db))
        .unwrap()
        .into_iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("no class {name}"))
        .id
}

fn count(db: &Db, sql: &str) -> i64 {
    db.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A student on the class's list today who has marks in past lessons.
fn student_with_marks(db: &Db, class: &str) -> StudentId {
    db.conn
        .query_row(
            "SELECT e.student_id FROM enrolment e JOIN mark m ON m.student_id = e.student_id
             WHERE e.class_id = ?1 AND e.end_date IS NULL GROUP BY e.student_id
             ORDER BY e.student_id LIMIT 1",
            [class_id(db, class)],
            |r| r.get(0),
        )
        .unwrap()
}

fn row(db: &Db, class: &str, student: StudentId) -> students::StudentRow {
    students::class_list(&db.conn, class_id(db, class))
        .unwrap()
        .into_iter()
        .find(|r| r.id == student)
        .unwrap()
}

fn name(surname: &str, first: &str, patronymic: &str) -> PersonName {
    PersonName {
        surname: surname.into(),
        name: first.into(),
        patronymic: patronymic.into(),
    }
}

fn mother() -> NewParent {
    NewParent {
        name: name("Орлова", "Марина", "Викторовна"),
        relation: Relation::Mother,
        phone: "+7 900 111-22-33".into(),
        email: "orlova@example.ru".into(),
    }
}

/// What a student's marks, attendance and enrolments are: the journal of past dates.
fn journal_of(db: &Db, student: StudentId) -> Vec<String> {
    let mut st = db
        .conn
        .prepare(
            "SELECT 'mark ' || lesson_id || ' ' || value FROM mark WHERE student_id = ?1
             UNION ALL SELECT 'absent ' || lesson_id || ' ' || code FROM attendance WHERE student_id = ?1
             UNION ALL SELECT 'in ' || class_id || ' ' || start_date || ' ' || IFNULL(end_date, '')
               FROM enrolment WHERE student_id = ?1
             ORDER BY 1",
        )
        .unwrap();
    st.query_map([student], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_corrected_students_data_keeps_its_history_and_the_past_journal() {
    let (_d, mut db) = demo_db();
    let student = student_with_marks(&db, "5А");
    let before = row(&db, "5А", student);
    let journal_before = journal_of(&db, student);
    assert!(journal_before.iter().any(|l| l.starts_with("mark ")));
    let clerk = login(&mut db, "clerk");
    zhurnal::ops::update_student(
        &mut db,
        &clerk,
        student,
        &name(" Орлова ", "Анна", "Сергеевна"),
        Some(d(2015, 5, 14)),
        Some(" Ор-2015 "),
    )
    .unwrap();
    let after = row(&db, "5А", student);
    assert_eq!(after.name, name("Орлова", "Анна", "Сергеевна"));
    assert_eq!(after.birth_date, Some(d(2015, 5, 14)));
    assert_eq!(after.file_number.as_deref(), Some("Ор-2015"));
    assert_eq!((after.start, after.end), (before.start, before.end));
    assert_eq!(
        journal_of(&db, student),
        journal_before,
        "the journal is as it was"
    );
    // The old data is in the history, with who changed it.
    let history = students::record_history(&db.conn, student).unwrap();
    let last = &history[0];
    assert_eq!(
        (last.entity.as_str(), last.action.as_str()),
        ("student", "change")
    );
    assert!(
        last.old
            .as_deref()
            .unwrap()
            .starts_with(&before.name.full()),
        "{last:?}"
    );
    assert_eq!(
        last.new.as_deref(),
        Some("Орлова Анна Сергеевна, 14.05.2015, № Ор-2015")
    );
    assert_eq!(last.by.as_deref(), Some(clerk.name.short().as_str()));
    // Saving the same data again writes nothing.
    let audit = count(&db, "SELECT count(*) FROM audit");
    zhurnal::ops::update_student(
        &mut db,
        &clerk,
        student,
        &name("Орлова", "Анна", "Сергеевна"),
        Some(d(2015, 5, 14)),
        Some("Ор-2015"),
    )
    .unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit);
}

#[test]
fn a_duplicate_file_number_a_future_birth_date_or_no_name_changes_nothing() {
    let (_d, mut db) = demo_db();
    let student = student_with_marks(&db, "5А");
    let other = students::class_list(&db.conn, class_id(&db, "6А"))
        .unwrap()
        .into_iter()
        .find(|r| r.file_number.is_some() && r.end.is_none())
        .unwrap();
    let taken = other.file_number.clone().unwrap();
    let before = row(&db, "5А", student);
    // The screen asks first and names the owner.
    assert_eq!(
        students::check_student(
            &db.conn,
            Some(student),
            &before.name,
            before.birth_date,
            Some(&taken),
            today()
        )
        .unwrap(),
        Some(DataProblem::FileNumberTaken {
            number: taken.clone(),
            owner: other.name.full()
        })
    );
    // The student's own number is not a duplicate of itself.
    assert_eq!(
        students::check_student(
            &db.conn,
            Some(student),
            &before.name,
            before.birth_date,
            before.file_number.as_deref(),
            today()
        )
        .unwrap(),
        None
    );
    let clerk = login(&mut db, "clerk");
    let audit = count(&db, "SELECT count(*) FROM audit");
    let tomorrow = today().succ_opt().unwrap();
    for (n, birth, number) in [
        (before.name.clone(), before.birth_date, taken.as_str()),
        (before.name.clone(), Some(tomorrow), ""),
        (name("", "Анна", ""), before.birth_date, ""),
    ] {
        let e = zhurnal::ops::update_student(&mut db, &clerk, student, &n, birth, Some(number))
            .unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{e}");
    }
    assert_eq!(
        students::check_student(&db.conn, None, &before.name, Some(tomorrow), None, today())
            .unwrap(),
        Some(DataProblem::FutureBirth(tomorrow))
    );
    assert_eq!(row(&db, "5А", student), before);
    assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit);
}

#[test]
fn parents_are_corrected_and_taken_off_a_card_with_the_audit_keeping_them() {
    let (_d, mut db) = demo_db();
    let student = student_with_marks(&db, "5А");
    let clerk = login(&mut db, "clerk");
    let p = zhurnal::ops::add_parent(&mut db, &clerk, student, &mother()).unwrap();
    zhurnal::ops::set_consent(
        &mut db,
        &clerk,
        student,
        Person::Parent(p),
        Some(d(2026, 9, 1)),
    )
    .unwrap();
    // A wrong e-mail or a missing name is refused and changes nothing.
    let bad = NewParent {
        email: "orlova at example.ru".into(),
        ..mother()
    };
    assert_eq!(
        students::check_parent(&bad),
        Some(DataProblem::BadEmail("orlova at example.ru".into()))
    );
    assert!(zhurnal::ops::update_parent(&mut db, &clerk, student, p, &bad).is_err());
    let nameless = NewParent {
        name: name("Орлова", "", ""),
        ..mother()
    };
    assert!(zhurnal::ops::update_parent(&mut db, &clerk, student, p, &nameless).is_err());
    let on_card = |db: &Db| {
        students::parents(&db.conn, student)
            .unwrap()
            .into_iter()
            .find(|x| x.id == p)
    };
    assert_eq!(on_card(&db).unwrap().email, "orlova@example.ru");
    // Corrected: she is the guardian, with a new phone.
    let fixed = NewParent {
        relation: Relation::Guardian,
        phone: "+7 900 999-88-77".into(),
        ..mother()
    };
    zhurnal::ops::update_parent(&mut db, &clerk, student, p, &fixed).unwrap();
    let shown = on_card(&db).unwrap();
    assert_eq!(
        (shown.relation, shown.phone.as_str(), shown.consent),
        (Relation::Guardian, "+7 900 999-88-77", Some(d(2026, 9, 1)))
    );
    // Another student's parent cannot be changed through this card.
    let stranger = db
        .conn
        .query_row(
            "SELECT parent_id FROM student_parent WHERE student_id <> ?1 LIMIT 1",
            [student],
            |r| r.get::<_, ParentId>(0),
        )
        .unwrap();
    assert!(zhurnal::ops::update_parent(&mut db, &clerk, student, stranger, &fixed).is_err());
    assert!(zhurnal::ops::remove_parent(&mut db, &clerk, student, stranger).is_err());
    // A parent of two children taken off one card stays on the other.
    let sibling = student_with_marks(&db, "6А");
    db.conn
        .execute(
            "INSERT INTO student_parent(student_id, parent_id, relation) VALUES (?1, ?2, 'mother')",
            params![sibling, p],
        )
        .unwrap();
    zhurnal::ops::remove_parent(&mut db, &clerk, student, p).unwrap();
    assert_eq!(on_card(&db), None);
    assert!(
        students::parents(&db.conn, sibling)
            .unwrap()
            .iter()
            .any(|x| x.id == p && x.consent == Some(d(2026, 9, 1)))
    );
    // Taken off the last card, the parent and their consent are gone; the audit names them.
    zhurnal::ops::remove_parent(&mut db, &clerk, sibling, p).unwrap();
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM parent WHERE id = {}", p.0)
        ),
        0
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM consent WHERE person_kind = 'parent' AND person_id = {}",
                p.0
            )
        ),
        0
    );
    let removed: String = db
        .conn
        .query_row(
            "SELECT old_value FROM audit WHERE entity = 'parent' AND action = 'delete'
             AND student_id = ?1",
            [student],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        removed,
        "Орлова Марина Викторовна (guardian), +7 900 999-88-77, orlova@example.ru"
    );
    assert!(zhurnal::audit::verify_chain(&db.conn).unwrap().is_empty());
}

#[test]
fn a_consent_carries_the_date_it_was_signed_and_can_be_withdrawn() {
    let (_d, mut db) = demo_db();
    let student = student_with_marks(&db, "5А");
    let clerk = login(&mut db, "clerk");
    let p = zhurnal::ops::add_parent(&mut db, &clerk, student, &mother()).unwrap();
    let me = Person::Student(student);
    // Signed on the first of September, entered today.
    zhurnal::ops::set_consent(&mut db, &clerk, student, me, Some(d(2026, 9, 1))).unwrap();
    assert_eq!(row(&db, "5А", student).consent, Some(d(2026, 9, 1)));
    // A date typed wrong is corrected, not doubled.
    zhurnal::ops::set_consent(&mut db, &clerk, student, me, Some(d(2026, 9, 2))).unwrap();
    assert_eq!(row(&db, "5А", student).consent, Some(d(2026, 9, 2)));
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM consent WHERE person_kind = 'student' AND person_id = {}
                 AND withdrawn_on IS NULL",
                student.0
            )
        ),
        1
    );
    // No consent dated after today.
    let tomorrow = today().succ_opt().unwrap();
    assert!(
        zhurnal::ops::set_consent(&mut db, &clerk, student, Person::Parent(p), Some(tomorrow))
            .is_err()
    );
    assert_eq!(
        row(&db, "5А", student).parents.last().unwrap().consent,
        None
    );
    // The parent's consent, then its withdrawal on the day the letter came.
    zhurnal::ops::set_consent(
        &mut db,
        &clerk,
        student,
        Person::Parent(p),
        Some(d(2026, 9, 3)),
    )
    .unwrap();
    zhurnal::ops::withdraw_consent(&mut db, &clerk, student, Person::Parent(p), d(2026, 11, 18))
        .unwrap();
    assert_eq!(
        students::consent(&db.conn, Person::Parent(p)).unwrap(),
        None
    );
    let withdrawn: (NaiveDate, NaiveDate) = db
        .conn
        .query_row(
            "SELECT given_on, withdrawn_on FROM consent WHERE person_kind = 'parent' AND person_id = ?1",
            [p],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(withdrawn, (d(2026, 9, 3), d(2026, 11, 18)));
    // Nothing in force: nothing to withdraw.
    let e = zhurnal::ops::withdraw_consent(&mut db, &clerk, student, Person::Parent(p), today())
        .unwrap_err();
    assert_eq!(e.said_key(), Some(DataProblem::NoConsent.key().0));
    // A consent on this card is the student's or their parent's, nobody else's.
    let other = student_with_marks(&db, "6А");
    let others_consent = row(&db, "6А", other).consent;
    assert!(
        zhurnal::ops::set_consent(
            &mut db,
            &clerk,
            student,
            Person::Student(other),
            Some(today())
        )
        .is_err()
    );
    assert_eq!(row(&db, "6А", other).consent, others_consent);
}

#[test]
fn a_familys_refusal_of_the_electronic_diary_shows_in_the_class_list_with_its_date() {
    let (_d, mut db) = demo_db();
    let student = student_with_marks(&db, "5А");
    let clerk = login(&mut db, "clerk");
    zhurnal::ops::set_paper_reports(&mut db, &clerk, student, true, d(2026, 10, 5)).unwrap();
    let r = row(&db, "5А", student);
    assert_eq!(
        (r.paper_reports, r.paper_since),
        (true, Some(d(2026, 10, 5)))
    );
    let tomorrow = today().succ_opt().unwrap();
    assert!(zhurnal::ops::set_paper_reports(&mut db, &clerk, student, true, tomorrow).is_err());
    zhurnal::ops::set_paper_reports(&mut db, &clerk, student, false, today()).unwrap();
    let r = row(&db, "5А", student);
    assert_eq!((r.paper_reports, r.paper_since), (false, None));
}

#[test]
fn a_class_teacher_keeps_their_own_classs_list_and_no_other() {
    let (_d, mut db) = demo_db();
    let own = student_with_marks(&db, "5А");
    let other = student_with_marks(&db, "6А");
    let teacher = login(&mut db, "teacher");
    let y = current_year(&db);
    let keeps: Vec<String> = students::keepable_classes(&db.conn, &teacher, y)
        .unwrap()
        .into_iter()
        .map(|c| c.name())
        .collect();
    assert_eq!(keeps, ["5А"]);
    // Their own class: data, parents, consents, paper.
    let r = row(&db, "5А", own);
    zhurnal::ops::update_student(
        &mut db,
        &teacher,
        own,
        &r.name,
        Some(d(2015, 1, 2)),
        r.file_number.as_deref(),
    )
    .unwrap();
    let p = zhurnal::ops::add_parent(&mut db, &teacher, own, &mother()).unwrap();
    zhurnal::ops::update_parent(
        &mut db,
        &teacher,
        own,
        p,
        &NewParent {
            relation: Relation::Guardian,
            ..mother()
        },
    )
    .unwrap();
    zhurnal::ops::set_consent(&mut db, &teacher, own, Person::Parent(p), Some(today())).unwrap();
    zhurnal::ops::set_paper_reports(&mut db, &teacher, own, true, today()).unwrap();
    zhurnal::ops::remove_parent(&mut db, &teacher, own, p).unwrap();
    // Another class: refused in the core, and nothing changes.
    let r6 = row(&db, "6А", other);
    let clerk = login(&mut db, "clerk");
    let other_parent = zhurnal::ops::add_parent(&mut db, &clerk, other, &mother()).unwrap();
    let audit = count(&db, "SELECT count(*) FROM audit");
    let not_yours = |e: Error| assert!(matches!(e, Error::Denied(Denied::NotYourCourse)), "{e}");
    not_yours(
        zhurnal::ops::update_student(&mut db, &teacher, other, &r6.name, None, None).unwrap_err(),
    );
    not_yours(zhurnal::ops::add_parent(&mut db, &teacher, other, &mother()).unwrap_err());
    not_yours(
        zhurnal::ops::update_parent(&mut db, &teacher, other, other_parent, &mother()).unwrap_err(),
    );
    not_yours(zhurnal::ops::remove_parent(&mut db, &teacher, other, other_parent).unwrap_err());
    not_yours(
        zhurnal::ops::set_consent(
            &mut db,
            &teacher,
            other,
            Person::Student(other),
            Some(today()),
        )
        .unwrap_err(),
    );
    not_yours(
        zhurnal::ops::set_paper_reports(&mut db, &teacher, other, true, today()).unwrap_err(),
    );
    assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit);
    assert_eq!(row(&db, "6А", other).parents.len(), r6.parents.len() + 1);
    // The director reads; they keep no lists.
    let director = login(&mut db, "director");
    assert!(matches!(
        zhurnal::ops::add_parent(&mut db, &director, own, &mother()),
        Err(Error::Denied(Denied::Role))
    ));
}

#[test]
fn the_administrator_corrects_an_accounts_name_and_roles() {
    let (_d, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let clerk = staff_id(&db, "clerk");
    let new_name = name("Зайцева", "Ирина", "Петровна");
    zhurnal::ops::update_account(
        &mut db,
        &admin,
        clerk,
        &new_name,
        &[Role::Clerk, Role::Teacher],
    )
    .unwrap();
    let s = auth::login(&mut db, "clerk", "clerk").unwrap();
    assert_eq!(s.name, new_name);
    assert_eq!(s.roles, [Role::Teacher, Role::Clerk]);
    let (old, new): (String, String) = db
        .conn
        .query_row(
            "SELECT old_value, new_value FROM audit WHERE action = 'change' AND entity = 'staff'
             AND entity_id = ?1",
            [clerk],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(old.ends_with("[clerk]"), "{old}");
    assert_eq!(new, "clerk: Зайцева Ирина Петровна [teacher,clerk]");
    // No roles, no name, one's own administrator role, a class teacher with a class: refused.
    assert!(zhurnal::ops::update_account(&mut db, &admin, clerk, &new_name, &[]).is_err());
    assert!(
        zhurnal::ops::update_account(
            &mut db,
            &admin,
            clerk,
            &name(" ", "Ирина", ""),
            &[Role::Clerk]
        )
        .is_err()
    );
    let me = staff_id(&db, "admin");
    assert!(
        zhurnal::ops::update_account(&mut db, &admin, me, &admin.name, &[Role::Teacher]).is_err()
    );
    let teacher = staff_id(&db, "teacher");
    let t_name = auth::list_staff(&db.conn)
        .unwrap()
        .into_iter()
        .find(|r| r.id == teacher)
        .unwrap()
        .name;
    assert_eq!(
        staff::check_account(&db.conn, &admin, teacher, &[Role::Teacher]).unwrap(),
        Some(staff::AccountProblem::KeepsClass("5А".into()))
    );
    assert_eq!(
        staff::check_account(&db.conn, &admin, me, &[Role::Teacher]).unwrap(),
        Some(staff::AccountProblem::OwnAdminRole)
    );
    let e = zhurnal::ops::update_account(&mut db, &admin, teacher, &t_name, &[Role::Teacher])
        .unwrap_err();
    assert!(e.to_string().contains("5А"), "{e}");
    assert!(
        auth::roles_of(&db.conn, teacher)
            .unwrap()
            .contains(&Role::ClassTeacher)
    );
    // Only the administrator edits accounts.
    let director = login(&mut db, "director");
    assert!(matches!(
        zhurnal::ops::update_account(&mut db, &director, clerk, &new_name, &[Role::Admin]),
        Err(Error::Denied(Denied::Role))
    ));
}

#[test]
fn a_leaver_switched_off_keeps_their_marks_lessons_and_audit_entries() {
    let (_d, mut db) = demo_db();
    let teacher = staff_id(&db, "teacher");
    let history = |db: &Db| {
        (
            count(
                db,
                &format!("SELECT count(*) FROM mark WHERE created_by = {}", teacher.0),
            ),
            count(
                db,
                &format!(
                    "SELECT count(*) FROM course WHERE teacher_id = {}",
                    teacher.0
                ),
            ),
            count(
                db,
                &format!("SELECT count(*) FROM audit WHERE staff_id = {}", teacher.0),
            ),
        )
    };
    let before = history(&db);
    assert!(before.0 > 0 && before.1 > 0 && before.2 > 0, "{before:?}");
    // The card counts the same.
    let footprint = staff::footprint(&db.conn, teacher).unwrap();
    assert_eq!(
        (footprint.marks, footprint.courses, footprint.changes),
        before
    );
    let admin = login(&mut db, "admin");
    zhurnal::ops::set_active(&mut db, &admin, teacher, false).unwrap();
    assert_eq!(history(&db), before);
    assert_eq!(staff::footprint(&db.conn, teacher).unwrap(), footprint);
    let listed = auth::list_staff(&db.conn)
        .unwrap()
        .into_iter()
        .find(|r| r.id == teacher)
        .unwrap();
    assert!(!listed.active);
    assert!(matches!(
        auth::login(&mut db, "teacher", "teacher"),
        Err(Error::Auth(AuthError::Inactive))
    ));
    // Their journal pages still show their marks.
    let course = school::courses(&db.conn, current_year(&db))
        .unwrap()
        .into_iter()
        .find(|c| c.teacher == teacher)
        .unwrap();
    let period = school::periods_for_grade(&db.conn, course.year, 5).unwrap()[0].clone();
    let marks_in_period = count(
        &db,
        &format!(
            "SELECT count(*) FROM mark m JOIN lesson l ON l.id = m.lesson_id
             WHERE l.course_id = {} AND l.date BETWEEN '{}' AND '{}'",
            course.id.0, period.start, period.end
        ),
    );
    assert!(marks_in_period > 0);
    let page = journal::read_page(&db.conn, course, period).unwrap();
    let on_page: usize = page
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.marks.len())
        .sum();
    assert_eq!(on_page as i64, marks_in_period);
    // Back at work: the same account, the same history.
    zhurnal::ops::set_active(&mut db, &admin, teacher, true).unwrap();
    assert!(auth::login(&mut db, "teacher", "teacher").is_ok());
}

/// Two students on the list of `login`'s latest own lesson up to today.
fn lesson_with_two(db: &Db) -> (LessonId, StudentId, StudentId, NaiveDate) {
    let (lesson, first, _) = own_lesson(db, "teacher", d(2026, 11, 9), today());
    let (date, class): (NaiveDate, ClassId) = db
        .conn
        .query_row(
            "SELECT l.date, c.class_id FROM lesson l JOIN course c ON c.id = l.course_id
             WHERE l.id = ?1",
            [lesson],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let second: StudentId = db
        .conn
        .query_row(
            "SELECT student_id FROM enrolment WHERE class_id = ?1 AND student_id <> ?2
               AND start_date <= ?3 AND (end_date IS NULL OR end_date >= ?3)
             ORDER BY student_id LIMIT 1",
            params![class, first, date],
            |r| r.get(0),
        )
        .unwrap();
    (lesson, first, second, date)
}

fn marks_of(db: &Db, lesson: LessonId) -> Vec<(i64, i64, String)> {
    let mut st = db
        .conn
        .prepare("SELECT id, student_id, value FROM mark WHERE lesson_id = ?1 ORDER BY id")
        .unwrap();
    st.query_map([lesson], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_revert_that_cannot_be_finished_reverts_nothing_and_names_the_change() {
    let (_d, mut db) = demo_db();
    let (lesson, leaver, other, date) = lesson_with_two(&db);
    let t: Session = login(&mut db, "teacher");
    let kept = journal::add_mark(&mut db, &t, lesson, leaver, "4", None, "", None).unwrap();
    // Saturday morning: someone with the teacher's password deletes one mark, adds another.
    let saturday = today().succ_opt().unwrap();
    let since = saturday.and_hms_opt(9, 0, 0).unwrap();
    db.clock = Clock::Fixed(saturday.and_hms_opt(9, 30, 0).unwrap());
    journal::delete_mark(&mut db, &t, kept, None).unwrap();
    let added = journal::add_mark(&mut db, &t, lesson, other, "2", None, "", None).unwrap();
    db.clock = Clock::Fixed(saturday.and_hms_opt(12, 0, 0).unwrap());
    let admin = login(&mut db, "admin");
    let teacher = staff_id(&db, "teacher");
    zhurnal::ops::mark_compromised(&mut db, &admin, teacher, since).unwrap();
    // Meanwhile the clerk records that the first student left the day before that lesson: the
    // deleted mark cannot come back, their name is no longer on that day's list.
    let clerk = login(&mut db, "clerk");
    let last_day = date.checked_sub_days(Days::new(1)).unwrap();
    zhurnal::ops::withdraw(&mut db, &clerk, leaver, last_day, "переезд").unwrap();

    let marks = marks_of(&db, lesson);
    let audit = count(&db, "SELECT count(*) FROM audit");
    let report = staff::revert_compromised(&mut db, &admin, teacher, "взлом").unwrap();
    // The newest change (the added mark) could be undone, the older one not: nothing is undone.
    assert_eq!(report.reverted, 0);
    assert_eq!(report.failed.len(), 1, "{report:?}");
    let failure = &report.failed[0];
    assert_eq!(
        (
            failure.change.entity.as_str(),
            failure.change.action.as_str()
        ),
        ("mark", "delete")
    );
    assert_eq!(failure.change.student, Some(leaver));
    assert!(
        matches!(failure.error, Error::Denied(Denied::NotOnList)),
        "{:?}",
        failure.error
    );
    assert_eq!(marks_of(&db, lesson), marks, "no mark changed");
    assert!(marks.iter().any(|m| m.0 == added.0));
    assert_eq!(
        count(&db, "SELECT count(*) FROM audit"),
        audit,
        "nothing audited"
    );
    assert!(
        staff::changes_since(&db.conn, teacher, since)
            .unwrap()
            .iter()
            .all(|c| !c.reverted)
    );
    // The clerk's date was wrong; corrected, the whole revert goes through in one action.
    db.conn
        .execute(
            "UPDATE enrolment SET end_date = NULL, end_reason = NULL, note = ''
             WHERE student_id = ?1 AND end_date = ?2",
            params![leaver, last_day],
        )
        .unwrap();
    let report = staff::revert_compromised(&mut db, &admin, teacher, "взлом").unwrap();
    assert_eq!((report.reverted, report.failed.len()), (2, 0), "{report:?}");
    let now = marks_of(&db, lesson);
    // (SQLite may give the restored mark the freed id: look by student too.)
    assert!(!now.iter().any(|m| m.0 == added.0 && m.1 == other.0));
    assert!(now.iter().any(|m| m.1 == leaver.0 && m.2 == "4"));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM audit WHERE reason LIKE 'взлом [revert #%'"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM audit WHERE action = 'revert_compromised'"
        ),
        1
    );
    assert!(zhurnal::audit::verify_chain(&db.conn).unwrap().is_empty());
}
