//! Issue 7 in the real program: a school set up from an empty computer (the school, a subject, a
//! class with its teacher, a course, students by import), the clerk importing a class list with a
//! preview, and the administrator locking a compromised account and reverting what it did.
#![cfg(feature = "gui")]

mod gui_support;

use std::sync::Arc;

use gui_support::{Harness, demo_file, demo_options};
use rusqlite::Connection;
use zhurnal::db::{Clock, Db};
use zhurnal::gui::{Env, FixedPicker, Section};

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
    h.type_in("staff-reason", "пароль стал известен ученикам");
    h.snapshot("setup-compromised");
    h.click_t("staff-revert");
    assert!(h.shows_part("не удалось: 0"), "{:?}", h.log.last());
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
    assert!(h.shows_t("students-enrol-title"));
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
