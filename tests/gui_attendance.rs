//! The class teacher's day sheet in the real program: absences typed into the sheet, a whole
//! day in one key, and the totals tab — the same entries the journal pages show.
#![cfg(feature = "gui")]

mod gui_support;

use gui_support::Harness;
use iced::keyboard::key::Named;
use rusqlite::{Connection, params};
use zhurnal::gui::Section;

/// The class teacher's class, its students in list order and the day's lessons by number.
fn class_day(h: &Harness) -> (Vec<i64>, Vec<(i64, i64)>) {
    let c = Connection::open(h.dir.join("school.sqlite")).unwrap();
    let class: i64 = c
        .query_row("SELECT k.id FROM class k JOIN staff s ON s.id = k.class_teacher_id WHERE s.login = 'teacher'", [], |r| r.get(0))
        .unwrap();
    let students = Harness::students_in_order(&c, class, "2025-11-20", "2025-11-20");
    let mut st = c
        .prepare(
            "SELECT l.id, l.lesson_no FROM lesson l JOIN course k ON k.id = l.course_id LEFT JOIN study_group g ON g.id = k.group_id
             WHERE k.class_id = ?1 AND l.date = '2025-11-20' ORDER BY l.lesson_no, g.name",
        )
        .unwrap();
    let lessons = st
        .query_map([class], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (students, lessons)
}

fn code(h: &Harness, lesson: i64, student: i64) -> Option<String> {
    Connection::open(h.dir.join("school.sqlite"))
        .unwrap()
        .query_row(
            "SELECT code FROM attendance WHERE lesson_id = ?1 AND student_id = ?2",
            params![lesson, student],
            |r| r.get(0),
        )
        .ok()
}

#[test]
fn the_class_teacher_keeps_the_morning_at_the_keyboard() {
    let mut h = Harness::demo_on_its_day_in("attendance");
    h.log_in("teacher", "teacher");
    h.open(Section::Attendance);
    assert!(h.shows_t("attendance-help"));
    let (students, lessons) = class_day(&h);
    assert!(!lessons.is_empty());
    // The cursor starts on the first student and the first lesson: "н" marks it, and moves down.
    h.typed("н");
    assert_eq!(
        code(&h, lessons[0].0, students[0]).as_deref(),
        Some("absent")
    );
    // The second student is ill all day: "б" in the whole-day column.
    h.named(Named::End);
    h.named(Named::ArrowLeft); // the whole-day column is the first pinned one
    h.typed("b");
    let theirs: Vec<i64> = lessons.iter().map(|l| l.0).collect();
    let ill = theirs
        .iter()
        .filter(|l| code(&h, **l, students[1]).as_deref() == Some("ill"))
        .count();
    assert!(
        ill >= theirs.len() / 2,
        "the whole day is marked ({ill} of {} lessons, groups aside)",
        theirs.len()
    );
    assert!(h.shows_part("Записано"));
    h.snapshot("attendance");
    // Totals for the dates count them.
    h.click_t("attendance-tab-totals");
    assert!(h.shows_t("attendance-class-total"));
}

#[test]
fn ctrl_z_on_the_day_sheet_gives_back_a_whole_day_as_it_was() {
    use iced::keyboard::{self, Key};
    let mut h = Harness::demo_on_its_day_in("attendance-undo");
    h.log_in("teacher", "teacher");
    h.open(Section::Attendance);
    let (students, lessons) = class_day(&h);
    let before: Vec<Option<String>> = lessons.iter().map(|l| code(&h, l.0, students[0])).collect();
    // The first student absent all day, then Ctrl+Z.
    h.named(Named::End);
    h.named(Named::ArrowLeft);
    h.typed("н");
    assert!(
        lessons
            .iter()
            .any(|l| code(&h, l.0, students[0]).as_deref() == Some("absent"))
    );
    h.named(Named::ArrowUp);
    h.key(
        Key::Character("я".into()),
        Some("я"),
        keyboard::Modifiers::CTRL,
    );
    let after: Vec<Option<String>> = lessons.iter().map(|l| code(&h, l.0, students[0])).collect();
    assert_eq!(after, before, "every lesson of the day is as it was");
    assert!(h.shows_t("journal-undone"));
}

#[test]
fn the_day_sheets_side_panel_never_covers_the_grid_from_1024x600_up() {
    use iced::Size;
    use iced_test::{Simulator, selector};
    let mut h = Harness::demo_on_its_day_in("attendance-narrow");
    h.log_in("teacher", "teacher");
    h.open(Section::Attendance);
    for (w, hgt) in [(1024.0, 600.0), (1366.0, 768.0), (1920.0, 1080.0)] {
        let mut ui =
            Simulator::with_size(zhurnal::gui::settings(), Size::new(w, hgt), h.app.view());
        let grid = ui.find(selector::id("attendance-grid")).unwrap().bounds();
        let side = ui.find(selector::id("attendance-side")).unwrap().bounds();
        assert!(
            grid.intersection(&side)
                .is_none_or(|i| i.width < 1.0 || i.height < 1.0),
            "{w}×{hgt}: grid {grid:?} and side {side:?} overlap"
        );
        assert!(
            grid.width >= zhurnal::gui::grid::NAME_W + 4.0 * zhurnal::gui::grid::CELL_W,
            "{w}×{hgt}: the grid is {} wide",
            grid.width
        );
    }
}
