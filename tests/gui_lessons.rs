//! The Today screen, the timetable's substitutions and the lesson form in the real program,
//! driven headless on the demo school on its own day (Thursday 20.11.2025, 15:00): a teacher
//! starts the day on Today and fills a lesson from it; the deputy assigns a substitute for
//! tomorrow's lesson, and on the next day the substitute finds it on Today and fills it in.
#![cfg(feature = "gui")]

mod gui_support;

use std::sync::Arc;

use chrono::NaiveDate;
use gui_support::{Harness, demo_options};
use rusqlite::Connection;
use zhurnal::gui::screen::{PageMessage, timetable, workspace};
use zhurnal::gui::{Env, FixedPicker, Message, Section};
use zhurnal::model::LessonId;

fn db(h: &Harness) -> Connection {
    Connection::open(h.dir.join("school.sqlite")).unwrap()
}

#[test]
fn a_teacher_starts_the_day_on_today_and_fills_a_lesson_from_it() {
    let mut h = Harness::demo_on_its_day_in("today");
    h.log_in("teacher", "teacher");
    assert_eq!(
        h.section(),
        Some(Section::Today),
        "Today comes first for a teacher"
    );
    assert!(h.shows_part("20.11.2025"));
    assert!(h.shows_t("today-gaps"));
    let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    let (lesson, no): (i64, u8) = db(&h)
        .query_row(
            "SELECT l.id, l.lesson_no FROM lesson l JOIN course c ON c.id = l.course_id JOIN staff t ON t.id = c.teacher_id
             WHERE t.login = 'teacher' AND l.date = ?1 AND l.substitute_id IS NULL AND NOT l.cancelled ORDER BY l.lesson_no LIMIT 1",
            [today],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    h.snapshot("today-teacher");
    let fill = h.app.tr().t_args("today-fill", &[("no", no.into())]);
    h.click(fill);
    assert!(h.shows_t("lf-save"));
    h.replace_in("lesson-homework", "Упр. 250, стр. 118");
    h.click_t("lf-save");
    assert!(h.shows_t("lf-saved"));
    let hw: String = db(&h)
        .query_row("SELECT homework FROM lesson WHERE id = ?1", [lesson], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(hw, "Упр. 250, стр. 118");
}

#[test]
fn the_deputy_assigns_a_substitute_who_fills_the_lesson_the_next_day() {
    let mut h = Harness::demo_on_its_day_in("substitution");
    h.log_in("deputy", "deputy");
    h.open(Section::Timetable);
    assert!(h.shows_t("tt-title"));
    // The first class's lessons tomorrow.
    h.replace_in("tt-date", "21.11.2025");
    h.interact(|ui| {
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(h.shows_part("21.11.2025"));
    // The day's lessons each offer the teachers free at that time.
    assert!(h.shows_t("tt-cancel"));
    // The first free teacher in the list.
    let conn = db(&h);
    let first_lesson: i64 = conn
        .query_row(
            "SELECT l.id FROM lesson l JOIN course c ON c.id = l.course_id JOIN class k ON k.id = c.class_id
             WHERE l.date = '2025-11-21' ORDER BY k.grade, k.letter, l.lesson_no, l.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let free =
        zhurnal::lessons::free_teachers(&conn, zhurnal::model::LessonId(first_lesson)).unwrap();
    let (sub, name) = free.first().unwrap().clone();
    // Choosing from the drop-down list (an overlay the simulator cannot open) sends this message.
    h.update(Message::Work(workspace::Message::Page(
        PageMessage::Timetable(timetable::Message::Substitute(
            LessonId(first_lesson),
            timetable::Choice(sub, name.short()),
        )),
    )));
    let now: Option<i64> = db(&h)
        .query_row(
            "SELECT substitute_id FROM lesson WHERE id = ?1",
            [first_lesson],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(now, Some(sub.0), "the substitute is recorded");
    assert!(h.shows_t("tt-changes"));
    h.snapshot("timetable-substitution");
    let login: String = db(&h)
        .query_row("SELECT login FROM staff WHERE id = ?1", [sub.0], |r| {
            r.get(0)
        })
        .unwrap();

    // The next day, after the lessons: the substitute's Today shows it to fill.
    let dir = h.dir.clone();
    drop(h);
    let tomorrow = NaiveDate::from_ymd_opt(2025, 11, 21)
        .unwrap()
        .and_hms_opt(16, 0, 0)
        .unwrap();
    let env = Env::in_dir(&dir, Arc::new(FixedPicker(None)), demo_options())
        .with_clock(zhurnal::db::Clock::Fixed(tomorrow));
    let mut h = Harness::start_env(dir.clone(), None, Some(dir.join("school.sqlite")), env);
    h.log_in(&login, &login);
    h.open(Section::Today);
    let no: u8 = db(&h)
        .query_row(
            "SELECT lesson_no FROM lesson WHERE id = ?1",
            [first_lesson],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        h.shows_part(
            h.app
                .tr()
                .t_args("today-substituting", &[("name", "".into())])
                .trim()
        )
    );
    h.click(h.app.tr().t_args("today-fill", &[("no", no.into())]));
    h.replace_in("lesson-topic", "Повторение: замена");
    h.click_t("lf-save");
    let topic: String = db(&h)
        .query_row(
            "SELECT topic FROM lesson WHERE id = ?1",
            [first_lesson],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(topic, "Повторение: замена");
}
