//! The journal page in the real program, driven headless: a teacher fills a lesson's marks and
//! absences with the keyboard alone, undoes a change, meets a locked cell that says why, and
//! confirms a period mark; the screen is compared with its snapshot.
#![cfg(feature = "gui")]

mod gui_support;

use gui_support::Harness;
use iced::keyboard::{self, Key, key::Named};
use rusqlite::{Connection, params};

fn db(h: &Harness) -> Connection {
    Connection::open(h.dir.join("school.sqlite")).unwrap()
}

/// The teacher's page as it opens: their own course, the period holding "today", the cursor on
/// the latest lesson held. Returns that lesson and the students of the list in page order.
fn opened(h: &mut Harness) -> (i64, Vec<i64>) {
    h.log_in("teacher", "teacher");
    assert_eq!(h.screen_name(), "work");
    // Today comes first for a teacher (issue 5); the journal is the next section.
    h.open(zhurnal::gui::Section::Journal);
    assert!(h.shows_t("journal-help"), "the journal page opens");
    let c = db(h);
    let (course, class): (i64, i64) = c
        .query_row(
            "SELECT value, 0 FROM setting WHERE key LIKE 'last_page:%'",
            [],
            |r| {
                let v: String = r.get(0)?;
                Ok((v.split(':').next().unwrap().parse().unwrap(), 0))
            },
        )
        .map(|(course, _): (i64, i64)| {
            (
                course,
                c.query_row("SELECT class_id FROM course WHERE id = ?1", [course], |r| {
                    r.get(0)
                })
                .unwrap(),
            )
        })
        .unwrap();
    let lesson: i64 = c
        .query_row("SELECT id FROM lesson WHERE course_id = ?1 AND date <= '2025-11-20' ORDER BY date DESC, lesson_no DESC LIMIT 1", [course], |r| r.get(0))
        .unwrap();
    let students = Harness::students_in_order(&c, class, "2025-11-05", "2025-12-28");
    (lesson, students)
}

fn marks(h: &Harness, lesson: i64, student: i64) -> Vec<String> {
    let c = db(h);
    let mut st = c
        .prepare("SELECT value FROM mark WHERE lesson_id = ?1 AND student_id = ?2 ORDER BY id")
        .unwrap();
    st.query_map(params![lesson, student], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn absence(h: &Harness, lesson: i64, student: i64) -> Option<String> {
    db(h)
        .query_row(
            "SELECT code FROM attendance WHERE lesson_id = ?1 AND student_id = ?2",
            params![lesson, student],
            |r| r.get(0),
        )
        .ok()
}

#[test]
fn a_teacher_fills_a_lesson_with_the_keyboard_alone() {
    let mut h = Harness::demo_on_its_day();
    let (lesson, students) = opened(&mut h);
    let before: Vec<Vec<String>> = students
        .iter()
        .take(4)
        .map(|s| marks(&h, lesson, *s))
        .collect();
    // 5 for the first student, н for the second, 4 then /5 for the third (a double mark), Б for the fourth.
    h.typed("5");
    h.typed("н");
    h.typed("4");
    h.named(Named::ArrowUp);
    h.typed("/");
    h.typed("5");
    h.typed("b");
    let expect_first = if before[0].is_empty() {
        vec!["5".to_string()]
    } else {
        let mut v = before[0].clone();
        *v.last_mut().unwrap() = "5".into();
        v
    };
    assert_eq!(marks(&h, lesson, students[0]), expect_first);
    assert_eq!(absence(&h, lesson, students[1]).as_deref(), Some("absent"));
    let third = marks(&h, lesson, students[2]);
    assert!(
        third.ends_with(&["4".to_string(), "5".to_string()]),
        "{third:?}"
    );
    assert_eq!(absence(&h, lesson, students[3]).as_deref(), Some("ill"));
    assert!(h.shows_t("journal-saved"));
}

#[test]
fn ctrl_z_undoes_the_last_change() {
    let mut h = Harness::demo_on_its_day();
    let (lesson, students) = opened(&mut h);
    let before = marks(&h, lesson, students[0]);
    h.named(Named::Delete);
    h.typed("2");
    assert_eq!(marks(&h, lesson, students[0]), vec!["2".to_string()]);
    h.named(Named::ArrowUp);
    h.key(
        Key::Character("z".into()),
        Some("z"),
        keyboard::Modifiers::CTRL,
    );
    assert_eq!(
        marks(&h, lesson, students[0]),
        Vec::<String>::new(),
        "the 2 is undone"
    );
    h.click_t("journal-undo");
    assert_eq!(
        marks(&h, lesson, students[0]),
        before,
        "the cleared marks are back"
    );
    assert!(h.shows_t("journal-undone"));
}

#[test]
fn a_locked_cell_says_why_and_changes_nothing() {
    let mut h = Harness::demo_on_its_day();
    let (_, students) = opened(&mut h);
    // The first lesson of the second quarter (5 November) is past the two-week edit window.
    h.named(Named::Home);
    let c = db(&h);
    let count = |c: &Connection| -> i64 {
        c.query_row("SELECT count(*) FROM mark", [], |r| r.get(0))
            .unwrap()
    };
    let n = count(&c);
    h.typed("5");
    assert_eq!(count(&c), n, "nothing was saved");
    assert!(
        h.shows_part("Срок исправления отметок за этот урок истёк"),
        "the refusal says why"
    );
    let _ = students;
}

#[test]
fn enter_on_the_proposed_mark_sets_the_period_mark() {
    let mut h = Harness::demo_on_its_day_in("journal");
    let (lesson, students) = opened(&mut h);
    let c = db(&h);
    let in_q2 = |c: &Connection, student: i64| -> Option<String> {
        c.query_row(
            "SELECT pm.value FROM period_mark pm JOIN period p ON p.id = pm.period_id
             WHERE pm.student_id = ?1 AND pm.kind = 'period' AND p.start_date <= '2025-11-20' AND p.end_date >= '2025-11-20'",
            [student],
            |r| r.get(0),
        )
        .ok()
    };
    // The first student with marks this quarter has a proposed mark.
    let row = students
        .iter()
        .position(|s| {
            c.query_row(
                "SELECT count(*) FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE m.student_id = ?1 AND l.date >= '2025-11-05'
                 AND l.course_id = (SELECT course_id FROM lesson WHERE id = ?2)",
                [*s, lesson],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
                > 0
        })
        .unwrap();
    for _ in 0..row {
        h.named(Named::ArrowDown);
    }
    assert_eq!(in_q2(&c, students[row]), None);
    h.named(Named::End); // the period-mark column
    h.named(Named::Enter);
    let v = in_q2(&c, students[row]).expect("the proposed mark became the period mark");
    assert!(["2", "3", "4", "5"].contains(&v.as_str()));
    h.snapshot("journal");
}

/// The short name of a mark's kind of work.
fn work_of(h: &Harness, lesson: i64, student: i64) -> String {
    db(h)
        .query_row(
            "SELECT w.short_name FROM mark m JOIN work_type w ON w.id = m.work_type_id
             WHERE m.lesson_id = ?1 AND m.student_id = ?2 ORDER BY m.id DESC LIMIT 1",
            params![lesson, student],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_typed_mark_takes_the_kind_of_work_its_column_shows() {
    use zhurnal::gui::screen::journal::page_model;
    let mut h = Harness::demo_on_its_day_in("journal-work");
    let (lesson, students) = opened(&mut h);
    // The lesson had an answer at the board first, then a test: two kinds of work.
    let c = db(&h);
    let id = |short: &str| -> i64 {
        c.query_row(
            "SELECT id FROM work_type WHERE short_name = ?1",
            [short],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (answer, test) = (id("отв"), id("к/р"));
    c.execute("DELETE FROM lesson_work WHERE lesson_id = ?1", [lesson])
        .unwrap();
    for (pos, w) in [answer, test].iter().enumerate() {
        c.execute(
            "INSERT INTO lesson_work(lesson_id, work_type_id, position) VALUES (?1, ?2, ?3)",
            params![lesson, w, pos as i64],
        )
        .unwrap();
    }
    // Reopen the page so that it shows the lesson's kinds of work.
    h.open(zhurnal::gui::Section::Today);
    h.open(zhurnal::gui::Section::Journal);
    h.named(Named::Delete);
    h.typed("5");
    let saved = work_of(&h, lesson, students[0]);
    // What the column header shows, from the same page the screen draws.
    let mut core = zhurnal::db::Db::open(&h.dir.join("school.sqlite")).unwrap();
    let session = zhurnal::auth::login(&mut core, "teacher", "teacher").unwrap();
    // The page the screen remembers: "course:period".
    let (course, period): (i64, i64) = c
        .query_row(
            "SELECT value FROM setting WHERE key LIKE 'last_page:%'",
            [],
            |r| {
                let v: String = r.get(0)?;
                let (a, b) = v.split_once(':').unwrap();
                Ok((a.parse().unwrap(), b.parse().unwrap()))
            },
        )
        .unwrap();
    let page = zhurnal::journal::page(
        &core.conn,
        &session,
        zhurnal::model::CourseId(course),
        zhurnal::model::PeriodId(period),
    )
    .unwrap();
    let rights = zhurnal::journal::rights(
        &core.conn,
        &session,
        &page,
        chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap(),
    )
    .unwrap();
    let model = page_model(&page, &rights, h.app.tr());
    let col = page.lessons.iter().position(|l| l.id.0 == lesson).unwrap();
    assert_eq!(
        model.columns[col].sub, saved,
        "the header names the kind of work the typed mark was saved for"
    );
}

#[test]
fn excused_and_late_are_one_key_on_the_russian_layout_too() {
    let mut h = Harness::demo_on_its_day_in("journal-layout");
    let (lesson, students) = opened(&mut h);
    // У and О as the hint lists them, then the same on the Latin layout.
    for key in ["у", "о", "u", "o"] {
        h.named(Named::Delete);
        h.typed(key);
    }
    assert_eq!(absence(&h, lesson, students[0]).as_deref(), Some("excused"));
    assert_eq!(absence(&h, lesson, students[1]).as_deref(), Some("late"));
    assert_eq!(absence(&h, lesson, students[2]).as_deref(), Some("excused"));
    assert_eq!(absence(&h, lesson, students[3]).as_deref(), Some("late"));
    assert!(!h.shows_part("не отметка"), "no key was refused");
}

#[test]
fn five_slash_four_gives_one_student_the_double_mark() {
    let mut h = Harness::demo_on_its_day_in("journal-double");
    let (lesson, students) = opened(&mut h);
    h.named(Named::Delete);
    let second = marks(&h, lesson, students[1]);
    // As a teacher types it: 5, a space, /, a space, 4.
    for key in ["5", " ", "/", " ", "4"] {
        h.typed(key);
    }
    assert_eq!(
        marks(&h, lesson, students[0]),
        vec!["5".to_string(), "4".to_string()],
        "the first student has 5/4"
    );
    assert_eq!(
        marks(&h, lesson, students[1]),
        second,
        "the next one is untouched"
    );
}

#[test]
fn a_refused_mark_keeps_the_cursor_on_its_cell() {
    let mut h = Harness::demo_on_its_day_in("journal-refused");
    let _ = opened(&mut h);
    // The first lesson of the quarter is past the edit window: 5 is refused there.
    h.named(Named::Home);
    h.typed("5");
    assert!(h.shows_part("Срок исправления отметок за этот урок истёк"));
    h.log.clear();
    h.named(Named::ArrowDown);
    assert!(
        h.log.iter().any(|m| m.contains("Select(1, 0)")),
        "the cursor was still on the first student: {:?}",
        h.log
    );
}

#[test]
fn escape_closes_the_cell_panel_and_gives_the_keys_back_to_the_grid() {
    use zhurnal::gui::{Input, Message};
    let mut h = Harness::demo_on_its_day_in("journal-escape");
    let (lesson, students) = opened(&mut h);
    h.named(Named::Enter);
    assert!(h.shows_t("journal-add-mark"), "the cell panel is open");
    // Escape reaches the app whichever field has the focus.
    assert_eq!(
        Input::from_key(
            &Key::Named(Named::Escape),
            keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
            keyboard::Modifiers::empty(),
            true,
        ),
        Input::Escape
    );
    h.update(Message::Input(Input::Escape));
    assert!(!h.shows_t("journal-add-mark"), "the panel is closed");
    h.named(Named::Delete);
    h.typed("3");
    assert_eq!(marks(&h, lesson, students[0]), vec!["3".to_string()]);
}

#[test]
fn the_cell_panel_never_covers_the_grid_from_1024x600_up() {
    use iced::Size;
    use iced_test::{Simulator, selector};
    let mut h = Harness::demo_on_its_day_in("journal-narrow");
    let _ = opened(&mut h);
    h.named(Named::Enter);
    assert!(h.shows_t("journal-add-mark"), "the cell panel is open");
    for (w, hgt) in [
        (1024.0, 600.0),
        (1280.0, 700.0),
        (1366.0, 768.0),
        (1920.0, 1080.0),
    ] {
        let mut ui =
            Simulator::with_size(zhurnal::gui::settings(), Size::new(w, hgt), h.app.view());
        let grid = ui.find(selector::id("journal-grid")).unwrap().bounds();
        let panel = ui.find(selector::id("journal-panel")).unwrap().bounds();
        assert!(
            grid.intersection(&panel)
                .is_none_or(|i| i.width < 1.0 || i.height < 1.0),
            "{w}×{hgt}: grid {grid:?} and panel {panel:?} overlap"
        );
        // The grid keeps its names, a few lessons and the averages beside a panel.
        assert!(
            grid.width >= zhurnal::gui::grid::NAME_W + 4.0 * zhurnal::gui::grid::CELL_W + 248.0,
            "{w}×{hgt}: the grid is {} wide",
            grid.width
        );
    }
}

#[test]
fn after_an_attendance_button_in_the_cell_panel_tab_goes_on_to_the_next_field() {
    use zhurnal::model::AttendanceCode;
    let mut h = Harness::demo_on_its_day_in("journal-tab");
    let (lesson, students) = opened(&mut h);
    h.go_live();
    h.live_key(Key::Named(Named::Enter), keyboard::Modifiers::empty());
    assert!(h.shows_t("journal-add-mark"), "the cell panel is open");
    // «Б» stands between the new mark's field and the minutes late: Tab goes on to the minutes,
    // not back to the first field of the window.
    h.live_click(AttendanceCode::Ill.symbol());
    assert_eq!(absence(&h, lesson, students[0]).as_deref(), Some("ill"));
    assert_eq!(h.live_focused(), None, "a button takes no focus");
    h.live_key(Key::Named(Named::Tab), keyboard::Modifiers::empty());
    assert_eq!(
        h.live_focused(),
        Some(iced::widget::Id::from("journal-late-minutes"))
    );
    // Shift+Tab from there goes back to the new mark, as the panel reads.
    h.live_key(Key::Named(Named::Tab), keyboard::Modifiers::SHIFT);
    assert_eq!(
        h.live_focused(),
        Some(iced::widget::Id::from("journal-new-mark"))
    );
}

#[test]
fn the_lesson_panel_opens_with_its_form_in_view_after_a_scrolled_cell_panel() {
    use iced_test::selector;
    use zhurnal::gui::grid::{CELL_W, HEAD_H, NAME_W};
    let mut h = Harness::demo_on_its_day_in("journal-form-in-view");
    let _ = opened(&mut h);
    // The smallest window the program is made for: the panel stands under the grid there.
    h.go_live_at((1024.0, 600.0));
    h.live_key(Key::Named(Named::Enter), keyboard::Modifiers::empty());
    assert!(h.shows_t("journal-add-mark"), "the cell panel is open");
    let panel = h.live_find(selector::id("journal-panel")).unwrap().bounds();
    h.live_wheel(panel.center(), -20.0);
    let grid = h.live_find(selector::id("journal-grid")).unwrap().bounds();
    h.live_click_at(iced::Point::new(
        grid.x + NAME_W + CELL_W * 0.5,
        grid.y + HEAD_H / 2.0,
    ));
    assert!(h.shows_t("lf-save"), "the lesson form is open");
    // Its top shows, below the panel's own top (not cut off by it).
    let form = h.live_find(selector::id("lesson-form")).expect("the form");
    let shown = form.visible_bounds().expect("the form is in view");
    let panel = h.live_find(selector::id("journal-panel")).unwrap();
    let panel = panel.visible_bounds().unwrap();
    assert!(
        shown.y > panel.y + 1.0 && shown.height >= panel.height / 2.0,
        "the form's top is out of view: {shown:?} in the panel {panel:?}"
    );
}
