//! Logging in on a shared staff-room PC: wrong passwords counted and the account locked for a
//! while, a temporary password replaced before work, the idle lock that keeps the user's work,
//! switching user, and every demo role seeing exactly its sections.
#![cfg(feature = "gui")]

mod gui_support;

use std::time::{Duration, Instant};

use gui_support::Harness;
use zhurnal::auth::{self, NewStaff};
use zhurnal::gui::screen::Screen;
use zhurnal::gui::{Input, Message, Section};
use zhurnal::model::{PersonName, Role};

#[test]
fn wrong_passwords_are_counted_then_the_account_is_locked_for_a_while() {
    let mut h = Harness::demo();
    assert_eq!(h.screen_name(), "login");
    h.log_in("teacher", "wrong");
    assert_eq!(h.screen_name(), "login");
    assert!(h.shows("Неверный логин или пароль. Осталось 4 попытки до блокировки учётной записи."));
    for _ in 0..3 {
        h.log_in("teacher", "wrong");
    }
    assert!(h.shows("Неверный логин или пароль. Осталась 1 попытка до блокировки учётной записи."));
    h.log_in("teacher", "wrong");
    assert!(h.shows_part(
        "Учётная запись временно заблокирована после нескольких неверных паролей — до "
    ));
    // The right password is refused too while the lock lasts.
    h.log_in("teacher", "teacher");
    assert_eq!(h.screen_name(), "login");
    assert!(h.shows_part("временно заблокирована"));
    // Other accounts are not affected.
    h.log_in("director", "director");
    assert_eq!(h.screen_name(), "work");
}

#[test]
fn enter_in_the_login_field_moves_on_without_spending_an_attempt() {
    let mut h = Harness::demo();
    h.submit_in("login", "teacher");
    assert_eq!(h.screen_name(), "login");
    assert!(!h.shows_part("Неверный логин или пароль"));
    h.submit_in("password", "wrong");
    assert!(
        h.shows_part("Осталось 4 попытки"),
        "the first real attempt is the first counted"
    );
}

#[test]
fn a_temporary_password_must_be_replaced_before_work() {
    let h = Harness::demo();
    let db_path = h.app.journal_path().unwrap().to_path_buf();
    {
        let mut db = zhurnal::Db::open(&db_path).unwrap();
        let admin = auth::login(&mut db, "admin", "admin").unwrap();
        let new = NewStaff {
            login: "novikova".into(),
            name: PersonName {
                surname: "Новикова".into(),
                name: "Мария".into(),
                patronymic: "Андреевна".into(),
            },
            roles: vec![Role::Teacher],
            password: "tmp-4821".into(),
            temporary: true,
        };
        zhurnal::ops::create_staff(&mut db, &admin, &new).unwrap();
    }
    let mut h = h;
    h.log_in("novikova", "tmp-4821");
    assert_eq!(h.screen_name(), "change-password");
    assert!(h.shows_t("change-password-forced"));
    assert!(
        !h.find(iced_test::selector::id("old-password")),
        "the temporary password is not asked again"
    );

    h.type_in("new-password", "my-secret-1");
    h.submit_in("repeat-password", "my-secret-2");
    assert!(h.shows_t("passwords-differ"));

    h.replace_in("new-password", "novikova");
    h.submit_in("repeat-password", "novikova");
    assert!(h.shows("Новый пароль должен отличаться от старого пароля и от логина."));
    assert_eq!(h.screen_name(), "change-password");

    h.replace_in("new-password", "my-secret-1");
    h.replace_in("repeat-password", "my-secret-1");
    h.click_t("change-password-submit");
    assert_eq!(h.screen_name(), "work");
    assert!(h.shows("Пароль изменён."));
    assert!(!h.app.session().unwrap().must_change_password);

    // The new password is the one that works now.
    h.update(Message::Work(
        zhurnal::gui::screen::workspace::Message::Logout,
    ));
    h.log_in("novikova", "tmp-4821");
    assert_eq!(h.screen_name(), "login");
    h.log_in("novikova", "my-secret-1");
    assert_eq!(h.screen_name(), "work");
}

#[test]
fn leaving_a_forced_change_logs_out() {
    let h = Harness::demo();
    let db_path = h.app.journal_path().unwrap().to_path_buf();
    let tmp = {
        let mut db = zhurnal::Db::open(&db_path).unwrap();
        let admin = auth::login(&mut db, "admin", "admin").unwrap();
        let id = auth::list_staff(&db.conn)
            .unwrap()
            .into_iter()
            .find(|s| s.login == "clerk")
            .unwrap()
            .id;
        zhurnal::ops::reset_password(&mut db, &admin, id).unwrap()
    };
    let mut h = h;
    h.log_in("clerk", &tmp);
    assert_eq!(h.screen_name(), "change-password");
    h.click_t("change-password-logout");
    assert_eq!(h.screen_name(), "login");
}

#[test]
fn idle_minutes_lock_the_journal_and_the_same_user_comes_back_to_their_work() {
    let mut h = Harness::demo();
    h.log_in("admin", "admin");
    assert_eq!(h.screen_name(), "work");
    // The administrator has typed a filter into the staff list.
    h.open(Section::Staff);
    h.type_in("staff-filter", "Иван");
    assert!(h.shows("Иван"));

    // The program sleeps until the lock is due (no tick, no redraw in between): five minutes
    // (the default) after the last key, sooner than the hourly look at the backup.
    let typed = Instant::now();
    let wake = h.app.next_wake().expect("a lock is due some time");
    assert!(
        wake > typed + Duration::from_secs(5 * 60 - 5)
            && wake <= typed + Duration::from_secs(5 * 60),
        "wakes {:?} after the last key",
        wake.saturating_duration_since(typed)
    );
    // Four minutes of nothing: still open. Five (the default): locked.
    h.update(Message::Tick(Instant::now() + Duration::from_secs(4 * 60)));
    assert_eq!(h.screen_name(), "work");
    h.update(Message::Tick(
        Instant::now() + Duration::from_secs(5 * 60 + 1),
    ));
    assert_eq!(h.screen_name(), "locked");
    // Locked, only the hourly look at the backup wakes it.
    let wake = h.app.next_wake().expect("the backup is looked at");
    assert!(wake > Instant::now() + Duration::from_secs(50 * 60));
    assert!(h.shows("Журнал заблокирован"));
    assert!(h.shows_part("5 минут никто не работал с журналом"));
    assert!(
        !h.shows_t("nav-staff"),
        "nothing of the work shows behind the lock"
    );

    // A wrong password keeps it locked; the right one brings back the list with the filter typed.
    h.submit_in("password", "nimda");
    assert_eq!(h.screen_name(), "locked");
    assert!(h.shows_t("auth-not-the-locked-user"));
    h.submit_in("password", "admin");
    assert_eq!(h.screen_name(), "work");
    assert_eq!(section(&h), Section::Staff);
    assert!(
        h.shows("Иван"),
        "the filter typed before the lock is still there"
    );
}

#[test]
fn another_user_at_the_lock_screen_starts_fresh() {
    let mut h = Harness::demo();
    h.log_in("admin", "admin");
    h.open(Section::Staff);
    h.update(Message::Input(Input::Lock));
    assert_eq!(h.screen_name(), "locked");
    h.click_t("lock-other-user");
    assert_eq!(
        h.screen_name(),
        "locked",
        "the admin's work stays until someone logs in"
    );
    assert!(h.find(iced_test::selector::id("login")));
    h.log_in("teacher", "teacher");
    assert_eq!(h.screen_name(), "work");
    assert_eq!(h.app.session().unwrap().login, "teacher");
    assert_eq!(
        h.section(),
        h.sections().first().copied(),
        "the teacher starts on their first section"
    );
    assert!(
        !h.sections().contains(&Section::Staff),
        "the teacher does not get the admin's sections"
    );
}

#[test]
fn log_out_is_one_click_and_offers_the_recent_logins() {
    let mut h = Harness::demo();
    h.log_in("director", "director");
    h.click_t("nav-logout");
    assert_eq!(h.screen_name(), "login");
    assert!(h.shows("director"), "recent logins are offered");
    h.log_in("deputy", "deputy");
    assert_eq!(h.app.session().unwrap().login, "deputy");
}

/// Which sections each demo account sees, by name. A section named here that is not built yet is
/// skipped; a built section missing from this table fails the test, so a new section must say who
/// sees it.
const SEES: &[(&str, &[Role], &[&str])] = &[
    (
        "admin",
        &[Role::Admin],
        &[
            "Today",
            "Journal",
            "Lessons",
            "Timetable",
            "Attendance",
            "Staff",
            "Students",
            "School",
            "Reports",
            "Backups",
            "Settings",
        ],
    ),
    (
        "director",
        &[Role::Director],
        &["Journal", "Attendance", "Reports", "Settings"],
    ),
    (
        "deputy",
        &[Role::Deputy],
        &[
            "Today",
            "Journal",
            "Lessons",
            "Timetable",
            "Attendance",
            "Reports",
            "Settings",
        ],
    ),
    (
        "teacher",
        &[Role::ClassTeacher, Role::Teacher],
        &[
            "Today",
            "Journal",
            "Lessons",
            "Attendance",
            "Students",
            "Reports",
            "Settings",
        ],
    ),
    ("clerk", &[Role::Clerk], &["Students", "Settings"]),
    (
        "archivist",
        &[Role::Archivist],
        &["Journal", "Reports", "Backups", "Settings"],
    ),
];
const KNOWN: &[&str] = &[
    "Today",
    "Journal",
    "Lessons",
    "Timetable",
    "Attendance",
    "Staff",
    "Students",
    "School",
    "Reports",
    "Backups",
    "Settings",
];

#[test]
fn every_demo_role_sees_exactly_its_sections() {
    let mut h = Harness::demo();
    for (login, roles, sees) in SEES {
        h.log_in(login, login);
        assert_eq!(h.screen_name(), "work", "{login}");
        assert_eq!(h.app.session().unwrap().roles, *roles, "{login}");
        let sections = h.sections();
        for s in Section::ALL {
            let name = format!("{s:?}");
            assert!(
                KNOWN.contains(&name.as_str()),
                "say in SEES who sees {name}"
            );
            let visible = sees.contains(&name.as_str());
            assert_eq!(sections.contains(&s), visible, "{login}: {name}");
            // The sidebar shows exactly those entries.
            let label = h.app.tr().t(s.key());
            assert_eq!(h.shows(label), visible, "{login}: {name} in the sidebar");
        }
        // Every visible section opens.
        for s in &sections {
            h.open(*s);
        }
        // The status bar names the user and every role.
        assert!(h.shows(h.app.tr().roles(roles)), "{login}");
        // F-keys beyond the visible sections do nothing.
        h.update(Message::Input(Input::Section(sections.len())));
        assert_eq!(h.section(), sections.last().copied());
        h.click_t("nav-logout");
    }
}

#[test]
fn keyboard_shortcuts_open_sections_in_sidebar_order() {
    let mut h = Harness::demo();
    h.log_in("admin", "admin");
    let sections = h.sections();
    assert_eq!(h.section(), sections.first().copied());
    for (n, s) in sections.iter().enumerate().rev() {
        h.update(Message::Input(Input::Section(n)));
        assert_eq!(h.section(), Some(*s));
    }

    use iced::keyboard::{Key, Modifiers, key};
    let ctrl = Modifiers::CTRL;
    let unknown = key::Physical::Unidentified(key::NativeCode::Unidentified);
    assert_eq!(
        Input::from_key(&Key::Character("2".into()), unknown, ctrl, false),
        Input::Section(1)
    );
    assert_eq!(
        Input::from_key(
            &Key::Named(key::Named::F2),
            unknown,
            Modifiers::empty(),
            true
        ),
        Input::Section(1),
        "F-keys work even while a field has the focus"
    );
    assert_eq!(
        Input::from_key(&Key::Character("2".into()), unknown, ctrl, true),
        Input::Activity,
        "a focused field took the digit"
    );
    assert_eq!(
        Input::from_key(&Key::Character("l".into()), unknown, ctrl, false),
        Input::Lock
    );
    // Ctrl+L on a Russian layout is Ctrl+Д; the key's place decides.
    let l_place = key::Physical::Code(key::Code::KeyL);
    assert_eq!(
        Input::from_key(&Key::Character("д".into()), l_place, ctrl, false),
        Input::Lock
    );
    assert_eq!(
        Input::from_key(
            &Key::Character("2".into()),
            unknown,
            Modifiers::empty(),
            false
        ),
        Input::Digit(2),
        "a plain digit is no section shortcut: on Today it opens lesson 2"
    );
    assert_eq!(
        Input::from_key(
            &Key::Named(key::Named::Tab),
            unknown,
            Modifiers::SHIFT,
            false
        ),
        Input::Tab { shift: true }
    );
}

fn section(h: &Harness) -> Section {
    let Screen::Work(ws) = h.app.screen() else {
        panic!("not at work: {}", h.screen_name())
    };
    ws.section()
}

#[test]
fn f10_and_f11_open_the_administrators_last_sections() {
    use iced::keyboard::{self, Key, key::Named};
    use zhurnal::gui::{Input, Message};
    let mut h = Harness::demo();
    h.log_in("admin", "admin");
    let sections = h.sections();
    assert!(sections.len() >= 11, "{sections:?}");
    for (key, n) in [(Named::F10, 9), (Named::F11, 10)] {
        let input = Input::from_key(
            &Key::Named(key),
            keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
            keyboard::Modifiers::empty(),
            false,
        );
        assert_eq!(input, Input::Section(n));
        h.update(Message::Input(input));
        assert_eq!(h.section(), Some(sections[n]), "{key:?}");
    }
}

#[test]
fn a_school_that_is_set_up_shows_its_administrator_no_checklist() {
    let mut h = Harness::demo();
    h.log_in("admin", "admin");
    h.open(Section::Today);
    assert!(!h.shows_t("setup-checklist"), "the demo school is set up");
}

fn failed_logins(h: &Harness, login: &str) -> (i64, Option<String>) {
    let c = rusqlite::Connection::open(h.app.journal_path().unwrap()).unwrap();
    c.query_row(
        "SELECT failed_logins, locked_until FROM staff WHERE login = ?1",
        [login],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn the_next_persons_password_at_the_lock_screen_is_not_counted_against_the_one_who_left() {
    let mut h = Harness::demo();
    h.log_in("teacher", "teacher");
    h.update(Message::Input(Input::Lock));
    assert_eq!(h.screen_name(), "locked");
    // The next teacher types their own password twice: the one who left is not locked out.
    for _ in 0..2 {
        h.submit_in("password", "director");
        assert_eq!(h.screen_name(), "locked");
        assert!(h.shows_t("auth-not-the-locked-user"));
    }
    assert_eq!(failed_logins(&h, "teacher"), (0, None));
    // A third miss: the lock screen gives way to a full login, which counts as usual.
    h.submit_in("password", "director");
    assert!(h.shows_t("said-lock-tries-spent"), "{:?}", h.log.last());
    assert!(h.find(iced_test::selector::id("login")));
    assert!(
        !h.shows_t("back"),
        "no way back to more guesses at the lock"
    );
    assert_eq!(failed_logins(&h, "teacher"), (0, None));
    // The owner logs in fully and gets their work back.
    h.log_in("teacher", "teacher");
    assert_eq!(h.screen_name(), "work");
    assert_eq!(h.app.session().unwrap().login, "teacher");
}

#[test]
fn the_administrator_sees_a_locked_out_account_and_lifts_the_lock() {
    let mut h = Harness::demo();
    for _ in 0..5 {
        h.log_in("teacher", "wrong");
    }
    assert!(h.shows_part("временно заблокирована"));
    assert!(failed_logins(&h, "teacher").1.is_some());
    h.log_in("admin", "admin");
    h.open(Section::Staff);
    assert!(h.shows_part("Заблокирована после неверных паролей до"));
    let name: String = rusqlite::Connection::open(h.app.journal_path().unwrap())
        .unwrap()
        .query_row(
            "SELECT surname || ' ' || name || ' ' || patronymic FROM staff WHERE login = 'teacher'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    h.click(name.as_str());
    h.click_t("staff-lift-lockout");
    assert!(h.shows_t("staff-lockout-lifted"), "{:?}", h.log.last());
    assert!(!h.shows_t("staff-lift-lockout"));
    assert_eq!(failed_logins(&h, "teacher"), (0, None));
    let c = rusqlite::Connection::open(h.app.journal_path().unwrap()).unwrap();
    let action: String = c
        .query_row(
            "SELECT action FROM audit WHERE entity = 'staff' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(action, "unlock");
    drop(c);
    h.click_t("nav-logout");
    h.log_in("teacher", "teacher");
    assert_eq!(h.screen_name(), "work");
}
