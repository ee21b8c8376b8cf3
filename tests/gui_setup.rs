//! Issue 7 in the real program: a school set up from an empty computer (the school, a subject, a
//! class with its teacher, a course, students by import), the clerk importing a class list with a
//! preview, and the administrator locking a compromised account and reverting what it did; a
//! class teacher splitting their class into groups and transferring a student to another class,
//! and the administrator printing a new account's login slip.
#![cfg(feature = "gui")]

mod gui_support;

use std::sync::Arc;

use gui_support::{Harness, demo_file, demo_options};
use rusqlite::{Connection, OptionalExtension, params};
use zhurnal::db::{Clock, Db};
use zhurnal::gui::screen::{PageMessage, students, workspace};
use zhurnal::gui::{Env, FixedPicker, Message, Section};

/// The demo on its day, its file dialogs answering `picked`.
fn demo_picking(picked: std::path::PathBuf) -> (Harness, tempfile::TempDir) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("run");
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("school.sqlite");
    std::fs::copy(demo_file(), &copy).unwrap();
    let today = demo_options().today.unwrap().and_hms_opt(15, 0, 0).unwrap();
    let env = Env::in_dir(&dir, Arc::new(FixedPicker(Some(picked))), demo_options())
        .with_clock(Clock::Fixed(today));
    (Harness::start_env(dir, None, Some(copy), env), temp)
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_clerk_imports_a_class_list_after_seeing_the_preview() {
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("5А.csv");
    let text = "Фамилия;Имя;Отчество;Дата рождения;Класс;№ личного дела;Родитель;Телефон\n\
                Юдина;Арина;Павловна;03.04.2015;5А;Ю-501;Юдина Ольга Сергеевна;+79000000001\n\
                Яковлев;Роман;;21.12.2014;5А;Я-502;;\n";
    std::fs::write(&csv, encoding_rs::WINDOWS_1251.encode(text).0).unwrap();
    let (mut h, _t) = demo_picking(csv);
    h.log_in("clerk", "clerk");
    h.open(Section::Students);
    h.click_t("students-import");
    assert!(
        h.shows_part("Учеников: 2, родителей: 1, строк с ошибками: 0"),
        "{:?}",
        h.log.last()
    );
    assert!(h.shows_part("Юдина Арина Павловна"));
    let db = h.dir.join("school.sqlite");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM student WHERE file_number IN ('Ю-501', 'Я-502')"
        ),
        0
    );
    h.click_t("students-import-apply");
    assert!(h.shows_part("Внесено учеников: 2"), "{:?}", h.log.last());
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM student WHERE file_number IN ('Ю-501', 'Я-502')"
        ),
        2
    );
}

#[test]
fn a_bad_file_shows_its_rows_and_cannot_be_entered() {
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("bad.csv");
    std::fs::write(
        &csv,
        "Фамилия;Имя;Класс;Дата рождения\nОрлов;Олег;15Я;01.01.2015\n;Ира;5А;31.02.2015\n",
    )
    .unwrap();
    let (mut h, _t) = demo_picking(csv);
    h.log_in("clerk", "clerk");
    h.open(Section::Students);
    h.click_t("students-import");
    assert!(h.shows_part("строк с ошибками: 3"), "{:?}", h.log.last());
    assert!(h.shows_part("Строка 2: нет класса «15Я»"));
    assert!(h.shows_part("Строка 3: нет фамилии или имени"));
    assert!(h.shows_part("Строка 3: «31.02.2015» — не дата"));
}

#[test]
fn the_administrator_locks_a_compromised_account_and_reverts_its_changes() {
    let mut h = Harness::demo_on_its_day_in("setup-compromised");
    let path = h.dir.join("school.sqlite");
    // Someone with the teacher's password adds a mark at 15:00.
    let mark = {
        let now = demo_options().today.unwrap().and_hms_opt(15, 0, 0).unwrap();
        let mut db = Db::open(&path).unwrap().with_clock(Clock::Fixed(now));
        let (lesson, student): (zhurnal::model::LessonId, zhurnal::model::StudentId) = db
            .conn
            .query_row(
                "SELECT l.id, e.student_id FROM lesson l JOIN course c ON c.id = l.course_id
                 JOIN staff t ON t.id = c.teacher_id
                 JOIN enrolment e ON e.class_id = c.class_id AND e.start_date <= l.date
                   AND (e.end_date IS NULL OR e.end_date >= l.date)
                 WHERE t.login = 'teacher' AND c.group_id IS NULL AND l.substitute_id IS NULL
                   AND l.cancelled = 0 AND c.scale = 'five' AND l.date <= ?1
                 ORDER BY l.date DESC LIMIT 1",
                [now.date()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let t = zhurnal::auth::login(&mut db, "teacher", "teacher").unwrap();
        // …marks the lesson's last student ill and rewrites its topic.
        let last: zhurnal::model::StudentId = db
            .conn
            .query_row(
                "SELECT e.student_id FROM enrolment e JOIN course c ON c.class_id = e.class_id
                 JOIN lesson l ON l.course_id = c.id WHERE l.id = ?1 AND e.end_date IS NULL
                   AND e.student_id <> ?2
                   AND NOT EXISTS(SELECT 1 FROM attendance a WHERE a.lesson_id = l.id AND a.student_id = e.student_id)
                 ORDER BY e.student_id DESC LIMIT 1",
                [lesson.0, student.0],
                |r| r.get(0),
            )
            .unwrap();
        let form = zhurnal::lessons::lesson_form(&db.conn, &t, lesson, now.date()).unwrap();
        zhurnal::ops::apply(
            &mut db,
            &t,
            &[
                zhurnal::ops::Op::SetAttendance {
                    lesson,
                    student: last,
                    code: Some(zhurnal::model::AttendanceCode::Ill),
                    late_minutes: None,
                },
                zhurnal::ops::Op::SaveLesson {
                    lesson,
                    topic: "Чужая тема".into(),
                    plan_topic: None,
                    homework: form.homework.clone(),
                    comment: form.comment.clone(),
                    work: form.work.clone(),
                },
            ],
            None,
        )
        .unwrap();
        zhurnal::journal::add_mark(&mut db, &t, lesson, student, "2", None, "", None).unwrap()
    };
    let name: String = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT surname || ' ' || name || ' ' || patronymic FROM staff WHERE login = 'teacher'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    h.log_in("admin", "admin");
    h.open(Section::Staff);
    h.click(name.as_str());
    h.replace_in("staff-since", "20.11.2025 15:00");
    h.click_t("staff-lock");
    assert!(
        h.shows_t("staff-locked"),
        "{:?} bad moment: {}",
        h.log.last(),
        h.shows_t("staff-bad-moment")
    );
    assert!(h.shows_part("Заблокирована как скомпрометированная с 20.11.2025"));
    assert!(h.shows_t("staff-change-pending"));
    // The changes in words, not the log's codes.
    assert!(h.shows("тема урока изменена"), "{:?}", h.log.last());
    assert!(h.shows("пропуск отмечен"));
    assert!(h.shows_part("— → Б (болел)"));
    assert!(!h.shows_part("lesson_topic"));
    assert!(!h.shows_part("ill"));
    h.type_in("staff-reason", "пароль стал известен ученикам");
    h.snapshot("setup-compromised");
    h.click_t("staff-revert");
    assert!(
        h.shows_part("Всё отменено одним действием"),
        "{:?}",
        h.log.last()
    );
    assert!(!h.shows_part("Отменено изменений: 0"));
    assert!(h.shows_t("staff-change-reverted"));
    assert_eq!(
        count(
            &path,
            &format!("SELECT count(*) FROM mark WHERE id = {}", mark.0)
        ),
        0
    );
    assert!(zhurnal::auth::login(&mut Db::open(&path).unwrap(), "teacher", "teacher").is_err());
}

#[test]
fn the_school_page_and_the_class_list_as_the_administrator_sees_them() {
    let mut h = Harness::demo_on_its_day_in("setup-school");
    h.log_in("admin", "admin");
    h.open(Section::School);
    h.snapshot("setup-school");
    h.click_t("school-tab-calendar");
    assert!(h.shows("I четверть (1–9 кл.)"));
    h.click_t("school-tab-rollover");
    assert!(h.shows_t("school-rollover"));
    h.open(Section::Students);
    assert!(h.shows_t("students-enrol-open"));
    h.snapshot("setup-students");
}

#[test]
fn a_school_is_set_up_from_an_empty_computer() {
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("list.csv");
    std::fs::write(
        &csv,
        "\u{feff}Фамилия,Имя,Класс,Родитель,Email\nВолкова,Дарья,5А,Волкова Елена Петровна,elena@example.ru\n",
    )
    .unwrap();
    let mut h = Harness::fresh_with_picker(Some(csv));
    h.click("Создать новую школу");
    h.type_in("school-name", "Школа № 7");
    h.type_in("admin-surname", "Смирнова");
    h.type_in("admin-name", "Ольга");
    h.type_in("admin-password", "school-2026");
    h.submit_in("admin-repeat", "school-2026");
    h.submit_in("password", "school-2026");
    assert_eq!(h.screen_name(), "work");
    // A teacher…
    h.open(Section::Staff);
    h.type_in("staff-new-login", "petrova");
    h.type_in("staff-new-surname", "Петрова");
    h.type_in("staff-new-name", "Анна");
    h.click(h.app.tr().role(zhurnal::model::Role::Teacher));
    h.click_t("staff-create");
    assert!(h.shows_part("petrova /"), "{:?}", h.log.last());
    // …a subject, a class with its class teacher and a course…
    h.open(Section::School);
    h.click_t("school-tab-directories");
    h.type_in("school-subject", "Математика");
    h.type_in("school-subject-short", "матем.");
    h.click_t("school-add");
    h.click_t("school-tab-classes");
    h.type_in("school-class", "5А");
    h.click("Петрова А.");
    h.click_t("school-add-class");
    assert!(h.shows_part("5А Петрова А."), "{:?}", h.log.last());
    h.click("Математика");
    h.click("5А");
    h.click("Петрова А.");
    h.click_t("school-add-course");
    assert!(
        h.shows_part("5А, Математика — Петрова А."),
        "{:?}",
        h.log.last()
    );
    // …and the students by import.
    h.open(Section::Students);
    h.click_t("students-import");
    h.click_t("students-import-apply");
    assert!(h.shows_part("Внесено учеников: 1"), "{:?}", h.log.last());
    assert!(h.shows("Волкова Дарья"));
}

fn students_message(m: students::Message) -> Message {
    Message::Work(workspace::Message::Page(PageMessage::Students(m)))
}

/// Chooses a class in the Students picker (the simulator cannot open a drop-down list).
fn pick_class(h: &mut Harness, name: &str) {
    let db = h.dir.join("school.sqlite");
    let (grade, letter) = name.split_at(name.len() - "А".len());
    let id = count(
        &db,
        &format!(
            "SELECT c.id FROM class c JOIN academic_year y ON y.id = c.year_id
             WHERE y.closed = 0 AND c.grade = {grade} AND c.letter = '{letter}'"
        ),
    );
    h.update(students_message(students::Message::PickClass(
        students::ClassChoice {
            id: zhurnal::model::ClassId(id),
            name: name.to_string(),
        },
    )));
}

fn text_of(db: &std::path::Path, sql: &str) -> String {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// A 5А student on the list today with marks: (id, full name, personal file number).
fn student_of_5a(db: &std::path::Path, skip: usize) -> (i64, String, String) {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT s.id, trim(s.surname || ' ' || s.name || ' ' || s.patronymic), s.file_number
             FROM student s JOIN enrolment e ON e.student_id = s.id
             JOIN class c ON c.id = e.class_id JOIN academic_year y ON y.id = c.year_id
             WHERE c.grade = 5 AND c.letter = 'А' AND y.closed = 0 AND e.end_date IS NULL
               AND s.file_number IS NOT NULL
               AND EXISTS(SELECT 1 FROM mark m WHERE m.student_id = s.id)
             ORDER BY s.surname, s.name LIMIT 1 OFFSET ?1",
            [skip as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[test]
fn the_clerk_corrects_a_students_data_and_their_past_journal_stays() {
    let mut h = Harness::demo_on_its_day();
    let db = h.dir.join("school.sqlite");
    let (id, full, _) = student_of_5a(&db, 0);
    let (_, other, taken) = student_of_5a(&db, 1);
    let journal = format!(
        "SELECT (SELECT count(*) FROM mark WHERE student_id = {id}) * 100000
              + (SELECT count(*) FROM attendance WHERE student_id = {id})"
    );
    let before = count(&db, &journal);
    h.log_in("clerk", "clerk");
    h.open(Section::Students);
    pick_class(&mut h, "5А");
    h.click(full.as_str());
    assert!(h.shows_t("students-card-data"), "{:?}", h.log.last());
    // A date that does not exist, then another student's file number: refused in plain words.
    h.replace_in("students-edit-birth", "31.02.2014");
    h.submit_in("students-edit-birth", "");
    assert!(h.shows_part("«31.02.2014» — не дата"), "{:?}", h.log.last());
    h.replace_in("students-edit-birth", "12.03.2014");
    h.replace_in("students-edit-file-number", &taken);
    h.submit_in("students-edit-file-number", "");
    assert!(
        h.shows_part(&format!(
            "Личное дело № {taken} уже заведено на ученика {other}"
        )),
        "{:?}",
        h.log.last()
    );
    let stored =
        format!("SELECT file_number || ' ' || IFNULL(birth_date, '') FROM student WHERE id = {id}");
    let unchanged = text_of(&db, &stored);
    assert!(!unchanged.starts_with(&taken));
    // Corrected properly: saved, the old data in the card's history, the journal as it was.
    h.replace_in("students-edit-file-number", "Н-2014");
    h.click_t("students-save");
    assert!(h.shows_t("students-saved"), "{:?}", h.log.last());
    assert_eq!(text_of(&db, &stored), "Н-2014 2014-03-12");
    h.click_t("students-tab-history");
    assert!(h.shows_part(&format!("исправлены данные: {full}")));
    assert!(h.shows_part("12.03.2014, № Н-2014"));
    assert_eq!(count(&db, &journal), before);
    h.click("← К списку класса 5А");
    assert!(h.shows("Н-2014"));
    assert!(h.shows("12.03.2014"));
}

#[test]
fn a_students_card_keeps_parents_and_dated_consents() {
    let mut h = Harness::demo_on_its_day_in("students-card");
    let db = h.dir.join("school.sqlite");
    h.log_in("clerk", "clerk");
    h.open(Section::Students);
    h.click_t("students-enrol-open");
    h.type_in("students-surname", "Яковлева");
    h.type_in("students-name", "Ева");
    h.type_in("students-patronymic", "Павловна");
    h.type_in("students-birth", "03.04.2018");
    h.submit_in("students-file-number", "Я-900");
    assert!(h.shows_t("students-enrolled"), "{:?}", h.log.last());
    let student: i64 = count(&db, "SELECT id FROM student WHERE file_number = 'Я-900'");
    // The new student's card is open.
    assert!(h.shows("Яковлева Ева Павловна"));
    assert!(h.shows_t("students-no-parents"));
    // A parent with a wrong e-mail is refused; corrected, she is added as the mother (patronymic).
    h.type_in("students-parent-surname", "Яковлева");
    h.type_in("students-parent-name", "Ольга");
    h.type_in("students-parent-patronymic", "Игоревна");
    h.type_in("students-parent-phone", "+7 900 123-45-67");
    h.submit_in("students-parent-email", "olga-at-mail.ru");
    assert!(
        h.shows_part("«olga-at-mail.ru» — не адрес электронной почты"),
        "{:?}",
        h.log.last()
    );
    h.replace_in("students-parent-email", "olga@example.ru");
    h.click_t("students-add-parent");
    assert!(h.shows_t("students-parent-added"), "{:?}", h.log.last());
    assert!(h.shows("Яковлева Ольга Игоревна"));
    assert!(h.shows("мать"));
    assert!(h.shows("olga@example.ru"));
    // A second one, the relation chosen by hand.
    h.type_in("students-parent-surname", "Яковлев");
    h.type_in("students-parent-name", "Павел");
    h.type_in("students-parent-patronymic", "Сергеевич");
    // The simulator cannot open a drop-down list: choose as the list would.
    let guardian = h.app.tr().t("students-relation-guardian");
    h.update(students_message(students::Message::PickRelation(
        students::RelationChoice(zhurnal::setup::students::Relation::Guardian, guardian),
    )));
    h.type_in("students-parent-phone", "+7 900 000-11-22");
    h.click_t("students-add-parent");
    assert!(h.shows("Яковлев Павел Сергеевич"), "{:?}", h.log.last());
    assert!(h.shows("опекун"));
    // The mother's phone corrected.
    h.click_t("students-parent-edit");
    assert!(h.shows_t("students-parent-edit-title"));
    h.replace_in("students-parent-phone", "+7 900 765-43-21");
    h.submit_in("students-parent-phone", "");
    assert!(h.shows_t("students-parent-saved"), "{:?}", h.log.last());
    assert!(h.shows("+7 900 765-43-21"));
    let parent = |who: &str| {
        count(
            &db,
            &format!(
                "SELECT p.id FROM parent p JOIN student_parent sp ON sp.parent_id = p.id
                 WHERE sp.student_id = {student} AND p.name = '{who}'"
            ),
        )
    };
    let mother = parent("Ольга");
    assert_eq!(
        text_of(
            &db,
            &format!("SELECT phone FROM parent WHERE id = {mother}")
        ),
        "+7 900 765-43-21"
    );
    h.snapshot("students-card");
    // Consents with the date they were signed: the student's first, then the mother's.
    h.click_t("students-tab-consent");
    h.replace_in("students-doc-date", "01.09.2025");
    h.click_t("students-consent-give");
    assert!(h.shows_t("students-consent-saved"), "{:?}", h.log.last());
    h.replace_in("students-doc-date", "02.09.2025");
    h.click_t("students-consent-give");
    assert!(h.shows("согласие с 01.09.2025"));
    assert!(h.shows("согласие с 02.09.2025"));
    let consent = |kind: &str, id: i64| {
        text_of(
            &db,
            &format!(
                "SELECT given_on || ' ' || IFNULL(withdrawn_on, '-') FROM consent
                 WHERE person_kind = '{kind}' AND person_id = {id}"
            ),
        )
    };
    assert_eq!(consent("student", student), "2025-09-01 -");
    assert_eq!(consent("parent", mother), "2025-09-02 -");
    // A date still to come is refused.
    h.replace_in("students-doc-date", "01.01.2026");
    h.click_t("students-consent-give");
    assert!(
        h.shows_part("Дата 01.01.2026 ещё не наступила"),
        "{:?}",
        h.log.last()
    );
    h.replace_in("students-doc-date", "15.11.2025");
    h.click_t("students-paper-on");
    assert!(h.shows_t("students-paper-saved-on"), "{:?}", h.log.last());
    assert!(h.shows_part("отказалась от электронного дневника с 15.11.2025"));
    h.snapshot("students-card-consent");
    // The student's consent withdrawn on the day the letter came.
    h.replace_in("students-doc-date", "18.11.2025");
    h.click_t("students-consent-withdraw");
    assert!(
        h.shows_t("students-consent-withdrawn"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(consent("student", student), "2025-09-01 2025-11-18");
    // The mother taken off the card, after a question.
    h.click_t("students-tab-family");
    h.click_t("students-parent-remove");
    assert!(h.shows_part("Убрать из карточки: Яковлева Ольга Игоревна?"));
    h.click_t("students-parent-remove-yes");
    assert!(h.shows_t("students-parent-removed"), "{:?}", h.log.last());
    assert!(!h.shows("Яковлева Ольга Игоревна"));
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM parent WHERE id = {mother}")
        ),
        0
    );
    h.click_t("students-tab-history");
    assert!(h.shows_part("родитель убран из карточки"));

    // The class list shows the family's paper.
    h.click("← К списку класса 1А");
    assert!(h.shows("с 15.11.2025"));
}

#[test]
fn a_class_teacher_keeps_the_list_of_their_own_class() {
    let mut h = Harness::demo_on_its_day();
    let db = h.dir.join("school.sqlite");
    let (id, full, number) = student_of_5a(&db, 2);
    h.log_in("teacher", "teacher");
    h.open(Section::Students);
    // Their own class is the only one: named, with no list to pick from.
    assert!(h.shows("5А"));
    h.click(full.as_str());
    h.replace_in("students-edit-birth", "07.07.2014");
    h.submit_in("students-edit-birth", "");
    assert!(h.shows_t("students-saved"), "{:?}", h.log.last());
    assert_eq!(
        text_of(
            &db,
            &format!("SELECT birth_date || ' ' || file_number FROM student WHERE id = {id}")
        ),
        format!("2014-07-07 {number}")
    );
    h.type_in("students-parent-surname", "Кузнецова");
    h.type_in("students-parent-name", "Дарья");
    h.submit_in("students-parent-phone", "+7 900 222-33-44");
    assert!(h.shows_t("students-parent-added"), "{:?}", h.log.last());
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM parent p JOIN student_parent sp ON sp.parent_id = p.id
                 WHERE sp.student_id = {id} AND p.surname = 'Кузнецова'"
            )
        ),
        1
    );
}

#[test]
fn the_administrator_corrects_an_account_and_switches_off_a_leaver() {
    let mut h = Harness::demo_on_its_day();
    let db = h.dir.join("school.sqlite");
    let name_of = |login: &str| {
        text_of(
            &db,
            &format!(
                "SELECT trim(surname || ' ' || name || ' ' || patronymic) FROM staff
                 WHERE login = '{login}'"
            ),
        )
    };
    let clerk = name_of("clerk");
    let teacher = name_of("teacher");
    h.log_in("admin", "admin");
    h.open(Section::Staff);
    h.click(clerk.as_str());
    assert!(h.shows_part("В журнале: отметок — 0"), "{:?}", h.log.last());
    h.replace_in("staff-edit-surname", "Зайцева");
    // The card is above the new-account form: its role boxes come first.
    h.click(h.app.tr().role(zhurnal::model::Role::Teacher));
    h.click_t("staff-save");
    assert!(h.shows_t("staff-saved"), "{:?}", h.log.last());
    assert_eq!(
        text_of(
            &db,
            "SELECT s.surname || ' ' || group_concat(r.role, ',') FROM staff s
             JOIN (SELECT * FROM staff_role ORDER BY role) r ON r.staff_id = s.id
             WHERE s.login = 'clerk' GROUP BY s.id"
        ),
        "Зайцева clerk,teacher"
    );
    assert!(h.shows_part("Зайцева"));
    h.click_t("staff-back");
    // The class teacher of 5А keeps that role while the class is theirs.
    h.click(teacher.as_str());
    h.click(h.app.tr().role(zhurnal::model::Role::ClassTeacher));
    h.click_t("staff-save");
    assert!(
        h.shows_part("Это классный руководитель 5А"),
        "{:?}",
        h.log.last()
    );
    h.click_t("staff-back");
    // A leaver: switched off, every mark and entry of theirs stays.
    let marks = "SELECT count(*) FROM mark m JOIN staff s ON s.id = m.created_by
                 WHERE s.login = 'teacher'";
    let before = count(&db, marks);
    assert!(before > 0);
    h.click(teacher.as_str());
    h.click_t("staff-deactivate");
    assert!(h.shows_t("staff-deactivated"), "{:?}", h.log.last());
    assert!(
        h.shows_part(&format!(
            "Учётная запись отключена. В журнале сохранено: отметок — {before}"
        )),
        "{:?}",
        h.log.last()
    );
    h.click_t("staff-back");
    assert!(h.shows_t("staff-state-inactive"));
    assert_eq!(count(&db, marks), before);
    assert!(zhurnal::auth::login(&mut Db::open(&db).unwrap(), "teacher", "teacher").is_err());
}

#[test]
fn a_revert_that_cannot_be_finished_changes_nothing_and_says_why() {
    let mut h = Harness::demo_on_its_day();
    let path = h.dir.join("school.sqlite");
    let now = demo_options().today.unwrap().and_hms_opt(15, 0, 0).unwrap();
    let (mark, student_name) = {
        let mut db = Db::open(&path).unwrap().with_clock(Clock::Fixed(now));
        let (lesson, student, date): (
            zhurnal::model::LessonId,
            zhurnal::model::StudentId,
            chrono::NaiveDate,
        ) = db
            .conn
            .query_row(
                "SELECT l.id, e.student_id, l.date FROM lesson l JOIN course c ON c.id = l.course_id
                 JOIN staff t ON t.id = c.teacher_id
                 JOIN enrolment e ON e.class_id = c.class_id AND e.start_date < l.date
                   AND (e.end_date IS NULL OR e.end_date >= l.date)
                 WHERE t.login = 'teacher' AND c.group_id IS NULL AND l.substitute_id IS NULL
                   AND l.cancelled = 0 AND c.scale = 'five' AND l.date <= ?1
                 ORDER BY l.date DESC LIMIT 1",
                [now.date()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        // Someone with the teacher's password adds a mark…
        let t = zhurnal::auth::login(&mut db, "teacher", "teacher").unwrap();
        let mark =
            zhurnal::journal::add_mark(&mut db, &t, lesson, student, "2", None, "", None).unwrap();
        // …and the clerk records that the student had left the day before that lesson.
        let clerk = zhurnal::auth::login(&mut db, "clerk", "clerk").unwrap();
        zhurnal::ops::withdraw(
            &mut db,
            &clerk,
            student,
            date.pred_opt().unwrap(),
            "переезд",
        )
        .unwrap();
        let name: String = db
            .conn
            .query_row(
                "SELECT surname FROM student WHERE id = ?1",
                [student],
                |r| r.get(0),
            )
            .unwrap();
        (mark, name)
    };
    let teacher: String = text_of(
        &path,
        "SELECT surname || ' ' || name || ' ' || patronymic FROM staff WHERE login = 'teacher'",
    );
    h.log_in("admin", "admin");
    h.open(Section::Staff);
    h.click(teacher.as_str());
    h.replace_in("staff-since", "20.11.2025 15:00");
    h.click_t("staff-lock");
    assert!(h.shows_t("staff-locked"), "{:?}", h.log.last());
    let audit = count(&path, "SELECT count(*) FROM audit");
    h.type_in("staff-reason", "пароль стал известен ученикам");
    h.click_t("staff-revert");
    assert!(
        h.shows_part("Ничего не отменено: 1 изменение отменить нельзя"),
        "{:?}",
        h.log.last()
    );
    assert!(h.shows_part("отметка поставлена, 5А"));
    assert!(h.shows_part(student_name.as_str()));
    assert!(h.shows_part("В этот день ученика не было в списке класса или группы."));
    assert!(h.shows_t("staff-change-blocked"));
    assert_eq!(count(&path, "SELECT count(*) FROM audit"), audit);
    assert_eq!(
        count(
            &path,
            &format!("SELECT count(*) FROM mark WHERE id = {}", mark.0)
        ),
        1
    );
}

/// The current year's 5А: its id and its students on the list today, alphabetical.
fn class_5a(db: &std::path::Path) -> (i64, Vec<i64>) {
    let class = count(
        db,
        "SELECT c.id FROM class c JOIN academic_year y ON y.id = c.year_id
         WHERE y.closed = 0 AND c.grade = 5 AND c.letter = 'А'",
    );
    let c = Connection::open(db).unwrap();
    let mut st = c
        .prepare(
            "SELECT s.id FROM student s JOIN enrolment e ON e.student_id = s.id
             WHERE e.class_id = ?1 AND e.start_date <= '2025-11-20'
               AND (e.end_date IS NULL OR e.end_date >= '2025-11-20')",
        )
        .unwrap();
    let ids: Vec<i64> = st
        .query_map([class], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let order = Harness::students_in_order(&c, class, "2025-11-20", "2025-11-20");
    assert_eq!(order.len(), ids.len());
    (class, order)
}

/// The group of `subject` a student is in on `on`, if any.
fn group_of(db: &std::path::Path, student: i64, subject: &str, on: &str) -> Option<String> {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT g.name FROM group_member m JOIN study_group g ON g.id = m.group_id
             JOIN subject s ON s.id = g.subject_id
             WHERE m.student_id = ?1 AND s.name = ?2 AND m.start_date <= ?3
               AND (m.end_date IS NULL OR m.end_date >= ?3)",
            params![student, subject, on],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
}

#[test]
fn a_class_teacher_splits_their_class_into_groups_and_moves_a_student_from_a_date() {
    let mut h = Harness::demo_on_its_day_in("students-groups");
    let db = h.dir.join("school.sqlite");
    let (class, students) = class_5a(&db);
    h.log_in("teacher", "teacher");
    h.open(Section::Students);
    h.click_t("students-groups-open");
    // The groups there are now, by subject.
    assert!(
        h.shows("Английский язык: 1 группа — 16 уч., 2 группа — 15 уч."),
        "{:?}",
        h.log.last()
    );
    // Technology: not split yet; the list is halved, the last student goes to the first group.
    let tech = count(
        &db,
        "SELECT id FROM subject WHERE name = 'Труд (технология)'",
    );
    h.click_id(&format!("school-split-subject-{tech}"));
    let last = *students.last().unwrap();
    h.click_id(&format!("school-assign-{last}-1"));
    assert!(h.shows_part("1 группа — 17 уч., 2 группа — 14 уч., без группы — 0"));
    h.click_t_scrolled("school-split-save");
    assert!(
        h.shows_part("5А: Труд (технология) — 2 группы с 20.11.2025"),
        "{:?}",
        h.log.last()
    );
    assert!(h.shows("Труд (технология): 1 группа — 17 уч., 2 группа — 14 уч."));
    let sizes: Vec<i64> = {
        let c = Connection::open(&db).unwrap();
        let mut st = c
            .prepare(
                "SELECT count(m.id) FROM study_group g LEFT JOIN group_member m ON m.group_id = g.id
                 WHERE g.class_id = ?1 AND g.subject_id = ?2 GROUP BY g.id ORDER BY g.name",
            )
            .unwrap();
        st.query_map(params![class, tech], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(sizes, vec![17, 14]);
    assert_eq!(
        group_of(&db, last, "Труд (технология)", "2025-11-20").as_deref(),
        Some("1 группа")
    );
    h.snapshot("students-groups");

    // English: one student of group 1 goes to group 2 from the first of December.
    let english = count(&db, "SELECT id FROM subject WHERE name = 'Английский язык'");
    h.click_id(&format!("school-split-subject-{english}"));
    let moved = *students
        .iter()
        .find(|s| {
            group_of(&db, **s, "Английский язык", "2025-11-20").as_deref() == Some("1 группа")
        })
        .unwrap();
    h.click_id(&format!("school-assign-{moved}-2"));
    h.replace_id("school-split-from", "01.12.2025", false);
    h.click_t_scrolled("school-split-save");
    assert!(
        h.shows_part("5А: Английский язык — 2 группы с 01.12.2025"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(
        group_of(&db, moved, "Английский язык", "2025-11-30").as_deref(),
        Some("1 группа"),
        "until then the student stays in group 1"
    );
    assert_eq!(
        group_of(&db, moved, "Английский язык", "2025-12-01").as_deref(),
        Some("2 группа")
    );
    // A date outside the year is refused in plain words and changes nothing.
    let splits = "SELECT count(*) FROM audit WHERE action = 'split'";
    let before = count(&db, splits);
    h.replace_id("school-split-from", "01.07.2026", false);
    h.click_t_scrolled("school-split-save");
    assert!(
        h.shows_part("Даты должны быть внутри учебного года"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(count(&db, splits), before);
}

#[test]
fn a_class_teacher_transfers_a_student_to_a_class_they_do_not_keep() {
    let mut h = Harness::demo_on_its_day_in("students-transfer");
    let db = h.dir.join("school.sqlite");
    // The school opens 5Б, with no class teacher yet.
    let year = count(&db, "SELECT id FROM academic_year WHERE closed = 0");
    let to = {
        let mut d = Db::open(&db).unwrap();
        let admin = zhurnal::auth::login(&mut d, "admin", "admin").unwrap();
        zhurnal::ops::create_class(&mut d, &admin, zhurnal::model::YearId(year), 5, "Б", None)
            .unwrap()
    };
    let (id, full, _) = student_of_5a(&db, 3);
    h.log_in("teacher", "teacher");
    h.open(Section::Students);
    h.click(full.as_str());
    h.click_t("students-tab-moves");
    h.replace_in("students-date", "01.12.2025");
    h.click("5Б");
    h.snapshot("students-transfer");
    h.click_t("students-transfer");
    assert!(h.shows_t("students-transferred"), "{:?}", h.log.last());
    let stays = text_of(
        &db,
        &format!(
            "SELECT group_concat(x, '; ') FROM (SELECT c.grade || c.letter || ' ' || e.start_date
               || ' ' || coalesce(e.end_date, '…') AS x FROM enrolment e
             JOIN class c ON c.id = e.class_id WHERE e.student_id = {id} ORDER BY e.start_date)"
        ),
    );
    assert!(
        stays.ends_with("2025-11-30; 5Б 2025-12-01 …") && stays.starts_with("5А "),
        "{stays}"
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT class_id FROM enrolment WHERE student_id = {id} AND end_date IS NULL")
        ),
        to.0
    );
}

#[test]
fn the_administrator_prints_a_new_accounts_login_slip() {
    let files = tempfile::tempdir().unwrap();
    let pdf = files.path().join("slip.pdf");
    let (mut h, _t) = demo_picking(pdf.clone());
    h.log_in("admin", "admin");
    h.open(Section::Staff);
    assert!(
        !h.shows_part("zhurnal report"),
        "no command line to remember"
    );
    h.type_in("staff-new-login", "petrova");
    h.type_in("staff-new-surname", "Петрова");
    h.type_in("staff-new-name", "Анна");
    h.click(h.app.tr().role(zhurnal::model::Role::Teacher));
    h.click_t("staff-create");
    assert!(h.shows_part("petrova /"), "{:?}", h.log.last());
    let shown = h
        .log
        .iter()
        .find(|m| m.contains("Created(Ok("))
        .and_then(|m| m.rsplit('"').nth(1))
        .unwrap()
        .to_string();
    assert!(h.shows_t("staff-slip-hint"));
    h.click_t("staff-slip-print");
    assert!(
        h.shows_part("Листок входа petrova сохранён"),
        "{:?}",
        h.log.last()
    );
    assert!(h.shows_t("staff-slip-open"));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    // The slip holds a fresh temporary password: the one shown before no longer opens it.
    let path = h.dir.join("school.sqlite");
    let mut d = Db::open(&path).unwrap();
    assert!(zhurnal::auth::login(&mut d, "petrova", &shown).is_err());
    assert_eq!(
        count(
            &path,
            "SELECT must_change_password FROM staff WHERE login = 'petrova'"
        ),
        1
    );
}

fn directories_message(m: zhurnal::gui::screen::school::DirectoriesMessage) -> Message {
    Message::Work(workspace::Message::Page(PageMessage::School(
        zhurnal::gui::screen::school::Message::Directories(m),
    )))
}

#[test]
fn the_administrator_renames_and_removes_a_subject_and_an_empty_short_name_is_refused() {
    use zhurnal::gui::screen::school::DirectoriesMessage as D;
    let mut h = Harness::fresh();
    h.click("Создать новую школу");
    h.type_in("school-name", "Школа № 7");
    h.type_in("admin-surname", "Смирнова");
    h.type_in("admin-name", "Ольга");
    h.type_in("admin-password", "school-2026");
    h.submit_in("admin-repeat", "school-2026");
    h.submit_in("password", "school-2026");
    h.open(Section::School);
    h.click_t("school-tab-directories");
    let db = h.app.journal_path().unwrap().to_path_buf();
    // Without a short name the subject is not added, and the form says why.
    h.type_in("school-subject", "Астрономия");
    h.click_t("school-add");
    assert!(h.shows_t("school-subject-short-needed"));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM subject WHERE name = 'Астрономия'"
        ),
        0
    );
    h.type_in("school-subject-short", "астр.");
    h.click_t("school-add");
    let id = count(&db, "SELECT id FROM subject WHERE name = 'Астрономия'");
    let id = zhurnal::model::SubjectId(id);
    // «Изменить»: the line becomes editable; Enter saves.
    h.update(directories_message(D::RenameOpen(id)));
    h.replace_in("school-subject-rename", "Астрономия и космос");
    h.replace_in("school-subject-rename-short", "");
    h.submit_in("school-subject-rename-short", "");
    assert!(
        h.shows_t("school-subject-short-needed"),
        "{:?}",
        h.log.last()
    );
    h.submit_in("school-subject-rename-short", "астрон.");
    assert!(h.shows_part("Астрономия и космос"), "{:?}", h.log.last());
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM subject WHERE name = 'Астрономия и космос' AND short_name = 'астрон.'"
        ),
        1
    );
    // «Удалить» while no course uses it.
    assert!(h.shows_t("school-remove"));
    h.update(directories_message(D::RemoveSubject(id)));
    assert_eq!(count(&db, "SELECT count(*) FROM subject"), 0);
    assert!(h.shows_t("school-no-subjects"));
}

#[test]
fn a_student_is_enrolled_from_the_date_of_the_order_not_always_today() {
    let mut h = Harness::demo_on_its_day_in("students-enrol-date");
    let db = h.dir.join("school.sqlite");
    h.log_in("clerk", "clerk");
    h.open(Section::Students);
    h.click_t("students-enrol-open");
    // Today (the demo's day) is offered; a school starting mid-year enters 01.09.
    assert!(h.shows("20.11.2025"), "today is offered");
    h.type_in("students-surname", "Зуева");
    h.type_in("students-name", "Алина");
    h.type_in("students-file-number", "З-77");
    h.replace_in("students-enrol-from", "31.02.2025");
    h.click_t("students-enrol");
    assert!(
        h.shows_part("Дата зачисления «31.02.2025» — не дата (нужно ДД.ММ.ГГГГ"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM student WHERE file_number = 'З-77'"
        ),
        0
    );
    // Outside the school year: the core's words.
    h.replace_in("students-enrol-from", "01.09.2024");
    h.click_t("students-enrol");
    assert!(
        h.shows_part("01.09.2024 не входит в учебный год"),
        "{:?}",
        h.log.last()
    );
    h.replace_in("students-enrol-from", "01.09.2025");
    h.click_t("students-enrol");
    assert!(h.shows_t("students-enrolled"), "{:?}", h.log.last());
    assert_eq!(
        text_of(
            &db,
            "SELECT e.start_date FROM enrolment e JOIN student s ON s.id = e.student_id
             WHERE s.file_number = 'З-77'"
        ),
        "2025-09-01"
    );
}
