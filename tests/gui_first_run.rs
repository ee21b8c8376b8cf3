//! The first start on a computer with no journal: the welcome screen, creating a new school and
//! logging in as its administrator, and building the demo school with a progress bar.
#![cfg(feature = "gui")]

mod gui_support;

use gui_support::Harness;
use zhurnal::gui::screen::Screen;
use zhurnal::gui::screen::welcome;
use zhurnal::gui::{Message, Section};

#[test]
fn a_first_start_shows_the_welcome_screen_in_russian() {
    let h = Harness::fresh();
    assert_eq!(h.screen_name(), "welcome");
    assert!(h.shows("Добро пожаловать в «Журнал»"));
    assert!(h.shows("Создать новую школу"));
    assert!(h.shows("Открыть демонстрационную школу"));
    assert!(h.shows("Открыть файл журнала…"));
}

#[test]
fn a_new_school_is_created_and_its_administrator_logs_in() {
    let mut h = Harness::fresh();
    h.click("Создать новую школу");
    assert!(h.shows("Новая школа"));
    // The usual split is offered, with the dates of its periods.
    assert!(h.shows("1–9 классы — четверти, 10–11 классы — полугодия"));
    assert!(h.shows("1 четверть") && h.shows("2 полугодие"));

    h.type_in("school-name", "МБОУ «Средняя школа № 5»");
    h.type_in("school-address", "г. Кострома, ул. Ленина, 1");
    h.type_in("school-director", "Петров Иван Сергеевич");
    h.type_in("admin-surname", "Смирнова");
    h.type_in("admin-name", "Ольга");
    h.type_in("admin-patronymic", "Викторовна");
    h.type_in("admin-password", "school-2026");
    h.submit_in("admin-repeat", "school-2026");

    assert_eq!(h.screen_name(), "login", "{:?}", h.log.last());
    let journal = h.dir.join("data/zhurnal.sqlite");
    assert!(journal.exists(), "the school is in the usual place");
    // The login field holds the administrator just created.
    assert!(h.shows("admin"));
    h.submit_in("password", "school-2026");

    assert_eq!(h.screen_name(), "work");
    assert!(h.sections().contains(&Section::Staff) && h.sections().contains(&Section::Settings));
    // A new school: the administrator's first page lists what is left to set up, in order.
    h.open(Section::Today);
    assert!(
        h.shows_t("setup-checklist"),
        "{:?} {:?}",
        h.section(),
        h.log.iter().rev().take(4).collect::<Vec<_>>()
    );
    for key in [
        "setup-step-subjects",
        "setup-step-classes",
        "setup-step-timetable",
        "setup-step-students",
    ] {
        assert!(h.shows_t(key), "{key} is listed");
    }
    let steps = zhurnal::setup::checklist::checklist(
        &rusqlite::Connection::open(h.dir.join("data/zhurnal.sqlite")).unwrap(),
        Some(zhurnal::model::YearId(1)),
    )
    .unwrap();
    assert!(
        steps
            .iter()
            .any(|(s, done)| *s == zhurnal::setup::checklist::Step::School && *done)
    );
    assert!(
        steps
            .iter()
            .any(|(s, done)| *s == zhurnal::setup::checklist::Step::Periods && *done)
    );
    assert!(
        steps
            .iter()
            .any(|(s, done)| *s == zhurnal::setup::checklist::Step::Students && !*done)
    );
    // «Перейти» beside a step opens where it is done: the staff step opens Staff.
    h.update(zhurnal::gui::Message::Work(
        zhurnal::gui::screen::workspace::Message::Page(zhurnal::gui::screen::PageMessage::Today(
            zhurnal::gui::screen::today::Message::Go(Section::Staff),
        )),
    ));
    assert_eq!(h.section(), Some(Section::Staff));
    h.open(Section::Staff);
    assert!(
        h.shows("Смирнова Ольга Викторовна"),
        "the staff list and the status bar name the administrator"
    );
    assert!(h.shows("1 учётная запись"));
    assert!(h.shows_part("Учебный год 20"));

    // The next start opens the same journal at the login screen.
    let h = h.restart(None);
    assert_eq!(h.screen_name(), "login");
    assert!(h.shows("МБОУ «Средняя школа № 5»"));
    assert!(
        h.shows("admin"),
        "the administrator is offered as a recent login"
    );
}

#[test]
fn the_form_catches_empty_fields_and_different_passwords() {
    let mut h = Harness::fresh();
    h.click("Создать новую школу");
    h.click("Создать школу");
    assert_eq!(h.screen_name(), "welcome");
    assert!(h.shows_part("Заполните: «Полное название школы», «Фамилия», «Имя», «Пароль»."));

    h.type_in("school-name", "Школа № 1");
    h.type_in("admin-surname", "Смирнова");
    h.type_in("admin-name", "Ольга");
    h.type_in("admin-password", "school-2026");
    h.type_in("admin-repeat", "school-2027");
    h.click("Создать школу");
    assert!(h.shows_t("passwords-differ"));
    assert!(!h.dir.join("data/zhurnal.sqlite").exists());

    // A password the core finds too short is refused in plain words, and no file is left behind.
    h.update(Message::Welcome(welcome::Message::Edit(
        welcome::Field::Password,
        "abc".into(),
    )));
    h.update(Message::Welcome(welcome::Message::Edit(
        welcome::Field::Repeat,
        "abc".into(),
    )));
    h.click("Создать школу");
    assert!(h.shows("Пароль должен быть не короче 6 символов."));
    assert!(!h.dir.join("data/zhurnal.sqlite").exists());
}

#[test]
fn the_demo_school_is_built_with_progress_and_every_account_is_offered() {
    let mut h = Harness::fresh();
    h.click("Открыть демонстрационную школу");
    let progress = h.log.iter().filter(|m| m.contains("Progress")).count();
    assert!(progress >= 5, "the progress bar moved {progress} times");
    assert_eq!(h.screen_name(), "login", "{:?}", h.log.last());
    assert!(h.dir.join("data/demo.sqlite").exists());
    for login in [
        "admin",
        "director",
        "deputy",
        "teacher",
        "clerk",
        "archivist",
    ] {
        assert!(h.shows(login), "{login} is offered on the login screen");
    }
    // Picking an account fills the login; the password equals the login.
    h.click("teacher");
    h.submit_in("password", "teacher");
    assert_eq!(h.screen_name(), "work");
    assert_eq!(h.app.session().unwrap().login, "teacher");
}

#[test]
fn while_the_demo_is_built_the_window_shows_a_progress_bar() {
    let mut h = Harness::fresh();
    // Only the click: the build's messages are not fed back yet.
    let messages: Vec<Message> = {
        let mut ui = h.ui();
        ui.click("Открыть демонстрационную школу").unwrap();
        ui.into_messages().collect()
    };
    let task = h.app.update(messages.into_iter().next().unwrap());
    let Screen::Welcome(w) = h.app.screen() else {
        panic!("still the welcome screen")
    };
    assert_eq!(w.demo_progress(), Some(0.0));
    assert!(h.shows("Демонстрационная школа"));
    assert!(h.shows("Готово 0 %"));
    h.update(Message::Welcome(welcome::Message::DemoEvent(
        zhurnal::gui::work::DemoEvent::Progress(0.42),
    )));
    assert!(h.shows("Готово 42 %"));
    h.drive(task);
    assert_eq!(h.screen_name(), "login");
}
