//! The Today screen, the timetable's substitutions and the lesson form in the real program,
//! driven headless on the demo school on its own day (Thursday 20.11.2025, 15:00): a teacher
//! starts the day on Today and fills a lesson from it; the deputy assigns a substitute for
//! tomorrow's lesson, and on the next day the substitute finds it on Today and fills it in.
#![cfg(feature = "gui")]

mod gui_support;

use std::sync::Arc;

use chrono::NaiveDate;
use gui_support::{Harness, demo_options};
use iced_test::selector;
use rusqlite::Connection;
use zhurnal::gui::screen::{PageMessage, timetable, workspace};
use zhurnal::gui::{Env, FixedPicker, Message, Section};
use zhurnal::lessons::ConflictKind;
use zhurnal::lessons::timetable::{self as ttcore, Slot};
use zhurnal::model::LessonId;
use zhurnal::school;

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
    assert!(
        !h.shows_t("setup-checklist"),
        "a teacher sees no set-up list"
    );
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
    show_week(&mut h, "21.11.2025");
    h.click_t("tt-tab-lessons");
    assert!(h.shows("Пятница, 21.11.2025"));
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
    assert!(h.shows_t("tt-substituted"));
    // What the line says before the timetabled teacher's name.
    let sub_line = h
        .app
        .tr()
        .t_args(
            "tt-substitute-for",
            &[("sub", name.short().into()), ("teacher", "§".into())],
        )
        .split('§')
        .next()
        .unwrap()
        .to_string();
    assert!(h.shows_part(sub_line.trim()));
    h.snapshot("timetable-substitution");
    // The list of changes for the days ahead names it.
    h.click_t("tt-changes");
    assert!(h.shows_part(sub_line.trim()));
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

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn tt(m: timetable::Message) -> Message {
    Message::Work(workspace::Message::Page(PageMessage::Timetable(m)))
}

/// Types a date into the timetable's date field and shows that week.
fn show_week(h: &mut Harness, date: &str) {
    h.replace_in("tt-date", date);
    h.click_t("tt-show");
    assert!(h.shows_part(date));
}

/// The text on screen that starts with `prefix`, if any.
fn text_starting(h: &Harness, prefix: &str) -> Option<String> {
    let prefix = prefix.to_string();
    h.ui()
        .find(move |c: selector::Candidate<'_>| match c {
            selector::Candidate::Text { content, .. } if content.starts_with(prefix.as_str()) => {
                Some(content.to_string())
            }
            _ => None,
        })
        .ok()
}

fn year_of(conn: &Connection) -> zhurnal::model::YearId {
    school::current_year(conn, d(2025, 11, 20))
        .unwrap()
        .unwrap()
        .id
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_teacher_imports_a_thematic_plan_after_fixing_the_rows_the_preview_named() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("ktp.csv");
    // The first try: a topic without a title and hours in words.
    std::fs::write(
        &file,
        "№;Тема;Часы\n1;Повторение изученного в 4 классе;2\n2;;1\n3;Звуки и буквы;два\n",
    )
    .unwrap();
    // A fixed directory: the status bar shows the journal file's path on the snapshot.
    let dir = std::path::PathBuf::from("target/gui-tests/runs/plans-import");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = Harness::demo_on_its_day_picking(dir, None, Some(file.clone()));
    h.log_in("teacher", "teacher");
    h.open(Section::Lessons);
    let titles = |h: &Harness, course: i64| -> Vec<String> {
        let c = db(h);
        let mut st = c
            .prepare("SELECT title FROM plan_topic WHERE course_id = ?1 ORDER BY position")
            .unwrap();
        st.query_map([course], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let snapshot_of_plans = |h: &Harness| -> String {
        db(h)
            .query_row(
                "SELECT count(*) || ':' || IFNULL(group_concat(course_id || '.' || position || '.' || title, '|'), '') FROM plan_topic",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let plans_before = snapshot_of_plans(&h);
    h.click_t("plans-plan");
    h.click_t("plans-import");
    // The preview names each bad row by its number in the file, and nothing can be saved.
    let tr = h.app.tr().clone();
    let no_title = tr.t_args(
        "plan-err-row",
        &[
            ("row", 3.into()),
            ("what", tr.t("plan-err-no-title").into()),
        ],
    );
    let bad_hours = tr.t_args(
        "plan-err-row",
        &[
            ("row", 4.into()),
            (
                "what",
                tr.t_args("plan-err-hours", &[("value", "два".into())])
                    .into(),
            ),
        ],
    );
    assert!(h.shows(no_title.clone()), "{no_title}");
    assert!(h.shows(bad_hours.clone()), "{bad_hours}");
    assert!(h.shows_t("plans-import-nothing"));
    h.snapshot("plans-import-errors");
    h.click_t("plans-import-save"); // greyed out: does nothing
    assert_eq!(snapshot_of_plans(&h), plans_before, "nothing saved");
    h.click_t("plans-import-cancel");
    assert!(!h.shows(no_title));

    // Fixed, the same file imports: the preview lists the topics, saving replaces the plan.
    std::fs::write(
        &file,
        "№;Тема;Часы\n1;Повторение изученного в 4 классе;2\n2;Звуки и буквы;1\n3;Орфограммы в корне слова;3\n",
    )
    .unwrap();
    h.click_t("plans-import");
    assert!(h.shows(tr.t_args("plans-preview", &[("count", 3.into())])));
    assert!(h.shows("Орфограммы в корне слова"));
    assert!(h.shows(tr.t_args("plans-from-row", &[("row", 4.into())])));
    h.click_t("plans-import-save");
    assert!(h.shows(tr.t_args("plan-saved", &[("count", 3.into())])));
    let course: i64 = db(&h)
        .query_row(
            "SELECT course_id FROM plan_topic WHERE title = 'Повторение изученного в 4 классе'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        titles(&h, course),
        vec![
            "Повторение изученного в 4 классе",
            "Звуки и буквы",
            "Орфограммы в корне слова"
        ]
    );

    // The topics flow into lessons: the latest lesson held, its topic not written yet, is
    // offered the first one.
    let (lesson, date, no): (i64, NaiveDate, u8) = db(&h)
        .query_row(
            "SELECT id, date, lesson_no FROM lesson WHERE course_id = ?1 AND date <= '2025-11-20' AND NOT cancelled
             ORDER BY date DESC, lesson_no DESC LIMIT 1",
            [course],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    db(&h)
        .execute(
            "UPDATE lesson SET topic = '', plan_topic_id = NULL WHERE id = ?1",
            [lesson],
        )
        .unwrap();
    h.click_t("plans-tab-lessons");
    h.click(tr.t_args(
        "plans-open",
        &[
            ("date", date.format("%d.%m.%Y").to_string().into()),
            ("no", no.into()),
        ],
    ));
    assert!(h.find(selector::id("lesson-topic")));
    assert!(h.shows("Повторение изученного в 4 классе"));

    h.click_t("lf-save");
    assert!(h.shows_t("lf-saved"));
    let (topic, plan_topic): (String, Option<String>) = db(&h)
        .query_row(
            "SELECT l.topic, p.title FROM lesson l LEFT JOIN plan_topic p ON p.id = l.plan_topic_id WHERE l.id = ?1",
            [lesson],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(topic, "Повторение изученного в 4 классе");
    assert_eq!(
        plan_topic.as_deref(),
        Some("Повторение изученного в 4 классе")
    );
}

#[test]
fn the_deputy_changes_the_timetable_from_a_date_choosing_rooms_and_the_lessons_follow() {
    let mut h = Harness::demo_on_its_day_in("timetable-rooms");
    h.log_in("deputy", "deputy");
    h.open(Section::Timetable);
    show_week(&mut h, "24.11.2025");
    let conn = db(&h);
    let year = year_of(&conn);
    let class = school::classes(&conn, year).unwrap()[0].clone();
    let from = d(2025, 11, 24);
    // The class's whole-class course with the fewest weekly lessons.
    let courses: Vec<school::CourseInfo> = school::courses(&conn, year)
        .unwrap()
        .into_iter()
        .filter(|c| c.class == class.id && c.group.is_none())
        .collect();
    let (course, old) = courses
        .iter()
        .map(|c| (c.clone(), ttcore::slots_on(&conn, c.id, from).unwrap()))
        .filter(|(_, s)| !s.is_empty())
        .min_by_key(|(_, s)| s.len())
        .unwrap();
    let rooms = ttcore::rooms(&conn).unwrap();
    let course_room = ttcore::course_room(&conn, course.id).unwrap();
    // A time the course's class and teacher are free, one room taken then by another class and
    // one free.
    let mut found = None;
    'search: for wd in 1..=5u8 {
        for no in 1..=6u8 {
            let slot = |room| Slot {
                weekday: wd,
                lesson_no: no,
                room,
            };
            if !ttcore::conflicts(&conn, &course, &[slot(None)], from)
                .unwrap()
                .is_empty()
            {
                continue;
            }
            let taken = rooms.iter().find(|r| {
                let k = ttcore::conflicts(&conn, &course, &[slot(Some(r.0))], from).unwrap();
                !k.is_empty() && k.iter().all(|k| k.kind == ConflictKind::Room)
            });
            let free = rooms.iter().find(|r| {
                Some(&r.1) != course_room.as_ref()
                    && ttcore::conflicts(&conn, &course, &[slot(Some(r.0))], from)
                        .unwrap()
                        .is_empty()
            });
            if let (Some(t), Some(f)) = (taken, free) {
                found = Some((wd, no, t.clone(), f.clone()));
                break 'search;
            }
        }
    }
    let (wd, no, taken, free) = found.expect("a free time with a room taken by another class");
    let tr = h.app.tr().clone();

    h.update(tt(timetable::Message::PickCourse(timetable::Choice(
        course.id,
        course.title(),
    ))));
    // Take the course off its first weekly slot and onto the free time, by clicking the grid.
    h.click_id(&format!("tt-cell-{}-{}", old[0].weekday, old[0].lesson_no));
    h.click_id(&format!("tt-cell-{wd}-{no}"));
    let day_name = tr.t(&format!("tt-day-{wd}"));
    let slot_line = tr.t_args("tt-slot", &[("day", day_name.into()), ("no", no.into())]);
    assert!(h.shows(slot_line.clone()), "{slot_line}");
    // Into a room another class has then: refused, naming both, nothing changed.
    h.update(tt(timetable::Message::SlotRoom(
        wd,
        no,
        timetable::Choice(Some(taken.0), taken.1.clone()),
    )));
    let entries = count(&conn, "SELECT count(*) FROM timetable_entry");
    let lessons_of = |conn: &Connection| -> String {
        conn.query_row(
            "SELECT group_concat(date || '#' || lesson_no, ' ') FROM lesson WHERE course_id = ?1",
            [course.id],
            |r| r.get(0),
        )
        .unwrap()
    };
    let lessons_before = lessons_of(&conn);
    let apply = tr.t_args("tt-apply", &[("date", "24.11.2025".into())]);
    h.click(apply.clone());
    let refusal = text_starting(&h, &format!("{} {}", tr.t("tt-room"), taken.1))
        .expect("the room conflict is shown");
    assert!(refusal.contains(&course.title()), "{refusal}");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM timetable_entry"),
        entries
    );
    assert_eq!(lessons_of(&conn), lessons_before);
    // Another room: applied, and the lessons follow from the date on.
    h.update(tt(timetable::Message::SlotRoom(
        wd,
        no,
        timetable::Choice(Some(free.0), free.1.clone()),
    )));
    h.click(apply);
    let applied = tr.t("tt-applied");
    let applied = applied.split(':').next().unwrap();
    assert!(text_starting(&h, applied).is_some(), "{applied}");
    let after = zhurnal::lessons::course_lessons(&conn, course.id, from, d(2025, 12, 26)).unwrap();
    assert!(!after.is_empty());
    for l in &after {
        let lwd = zhurnal::lessons::weekday_no(l.date);
        assert!(
            !(lwd == old[0].weekday && l.lesson_no == old[0].lesson_no),
            "{} #{} is off the new timetable",
            l.date,
            l.lesson_no
        );
    }
    let moved_in = after
        .iter()
        .find(|l| zhurnal::lessons::weekday_no(l.date) == wd && l.lesson_no == no)
        .expect("a lesson at the new time");
    assert_eq!(moved_in.room.as_deref(), Some(free.1.as_str()));
    let own_room: Option<i64> = conn
        .query_row(
            "SELECT room_id FROM timetable_entry WHERE course_id = ?1 AND weekday = ?2 AND lesson_no = ?3 AND valid_from = '2025-11-24'",
            rusqlite::params![course.id, wd, no],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(own_room, Some(free.0.0));
    // The week before keeps the old timetable.
    let before_week =
        zhurnal::lessons::course_lessons(&conn, course.id, d(2025, 11, 17), d(2025, 11, 21))
            .unwrap();
    assert!(
        before_week
            .iter()
            .any(|l| zhurnal::lessons::weekday_no(l.date) == old[0].weekday
                && l.lesson_no == old[0].lesson_no)
    );
    h.snapshot("timetable-rooms");
}

/// The first bell on `date` when a lesson of `c` clashes with nothing.
fn free_bell(conn: &Connection, c: &school::CourseInfo, date: NaiveDate) -> u8 {
    (1..=8u8)
        .find(|no| {
            zhurnal::lessons::lesson_conflicts(conn, c, c.teacher, date, *no, None)
                .unwrap()
                .is_empty()
        })
        .unwrap()
}

#[test]
fn the_deputy_adds_moves_cancels_and_restores_single_lessons_of_the_week() {
    let mut h = Harness::demo_on_its_day();
    h.log_in("deputy", "deputy");
    h.open(Section::Timetable);
    show_week(&mut h, "25.11.2025");
    h.click_t("tt-tab-lessons");
    let conn = db(&h);
    let year = year_of(&conn);
    let class = school::classes(&conn, year).unwrap()[0].clone();
    let course = school::courses(&conn, year)
        .unwrap()
        .into_iter()
        .find(|c| c.class == class.id && c.group.is_none())
        .unwrap();
    let tr = h.app.tr().clone();
    let lessons_count = |conn: &Connection| count(conn, "SELECT count(*) FROM lesson");

    // An extra lesson on Tuesday at a free bell.
    let tuesday = d(2025, 11, 25);
    let no = free_bell(&conn, &course, tuesday);
    h.update(tt(timetable::Message::AddCourse(timetable::Choice(
        course.id,
        course.title(),
    ))));
    h.replace_in("tt-add-date", "25.11.2025");
    h.update(tt(timetable::Message::AddBell(timetable::Choice(
        no,
        String::new(),
    ))));
    let before = lessons_count(&conn);
    h.click_t("tt-add");
    assert!(h.shows_t("tt-added"));
    assert_eq!(lessons_count(&conn), before + 1);
    let extra: i64 = conn
        .query_row(
            "SELECT id FROM lesson WHERE course_id = ?1 AND date = '2025-11-25' AND lesson_no = ?2 AND extra",
            rusqlite::params![course.id, no],
            |r| r.get(0),
        )
        .unwrap();
    assert!(h.shows(tr.t("tt-extra")), "the list marks it as extra");
    // The same time again: the class is booked, the message names both lessons.
    h.click_t("tt-add");
    // (The same course: its teacher and its class are both taken; the teacher is named.)
    let title = course.title();
    let clash = h
        .ui()
        .find(move |c: selector::Candidate<'_>| match c {
            selector::Candidate::Text { content, .. }
                if content.contains("(25.11.2025")
                    && content.matches(title.as_str()).count() == 2 =>
            {
                Some(content.to_string())
            }
            _ => None,
        })
        .expect("the clash names both lessons");
    assert!(clash.starts_with(&course.teacher_name.short()), "{clash}");
    assert_eq!(lessons_count(&conn), before + 1, "nothing added");

    // Moving Tuesday's first lesson, homework set ahead, to Thursday: the homework goes along.
    let first = zhurnal::lessons::class_lessons(&conn, class.id, tuesday, tuesday)
        .unwrap()
        .into_iter()
        .find(|l| !l.cancelled && l.id.0 != extra)
        .unwrap();
    conn.execute(
        "UPDATE lesson SET homework = 'Стр. 40, упр. 3' WHERE id = ?1",
        [first.id.0],
    )
    .unwrap();
    let moved_course = school::course(&conn, first.course).unwrap();
    let thursday = d(2025, 11, 27);
    let to_no = free_bell(&conn, &moved_course, thursday);
    h.click_id(&format!("tt-move-{}", first.id));
    h.replace_in("tt-move-date", "27.11.2025");
    h.update(tt(timetable::Message::MoveBell(timetable::Choice(
        to_no,
        String::new(),
    ))));
    // The bell picked says it is free before anyone tries it; the core agrees bell by bell.
    let bells = zhurnal::lessons::bells_for_move(&conn, first.id, thursday).unwrap();
    assert!(bells.iter().any(|(n, k)| *n == to_no && k.is_empty()));
    let free: Vec<String> = bells
        .iter()
        .filter(|b| b.1.is_empty())
        .map(|b| b.0.to_string())
        .collect();
    assert!(
        h.shows(tr.t_args("tt-free-bells", &[("list", free.join(", ").into())])),
        "the free bells are named before anyone tries"
    );
    assert!(
        bells.iter().any(|(_, k)| !k.is_empty()),
        "the class has other lessons that Thursday: those bells are taken"
    );
    h.click_t("tt-move-apply");
    let (date, lesson_no, homework): (NaiveDate, u8, String) = conn
        .query_row(
            "SELECT date, lesson_no, homework FROM lesson WHERE id = ?1",
            [first.id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((date, lesson_no), (thursday, to_no));
    assert_eq!(homework, "Стр. 40, упр. 3");
    // The answer is under the add form, the lesson having left Tuesday; Thursday lists it
    // with where it came from.
    assert!(h.shows(tr.t("tt-moved")));
    h.click(
        tr.t_args(
            "tt-day-chip",
            &[
                ("day", tr.t("tt-day-4").into()),
                ("date", "27.11".into()),
                (
                    "count",
                    zhurnal::lessons::class_lessons(&conn, class.id, thursday, thursday)
                        .unwrap()
                        .len()
                        .into(),
                ),
            ],
        ),
    );
    assert!(h.shows_part(&tr.t_args(
        "tt-moved-from",
        &[
            ("date", "25.11.2025".into()),
            ("no", first.lesson_no.into())
        ]
    )));

    // Cancelling it and bringing it back.
    h.click_id(&format!("tt-cancel-{}", first.id));
    assert!(h.shows(tr.t("tt-cancelled")));
    let cancelled = |conn: &Connection| -> bool {
        conn.query_row(
            "SELECT cancelled FROM lesson WHERE id = ?1",
            [first.id.0],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(cancelled(&conn));
    assert!(h.shows_t("tt-restore"));
    h.click_id(&format!("tt-cancel-{}", first.id));
    assert!(h.shows(tr.t("tt-restored")));
    assert!(!cancelled(&conn));

    // A lesson held this week with marks or absences stays on its date, said in plain words.
    show_week(&mut h, "18.11.2025");
    let held: (i64, NaiveDate, u8) = conn
        .query_row(
            "SELECT l.id, l.date, l.lesson_no FROM lesson l JOIN course c ON c.id = l.course_id
             WHERE c.class_id = ?1 AND l.date = '2025-11-18'
               AND (EXISTS(SELECT 1 FROM mark WHERE lesson_id = l.id) OR EXISTS(SELECT 1 FROM attendance WHERE lesson_id = l.id))
             ORDER BY l.lesson_no LIMIT 1",
            [class.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    h.click_id(&format!("tt-move-{}", held.0));
    h.replace_in("tt-move-date", "28.11.2025");
    h.click_t("tt-move-apply");
    assert!(h.shows(tr.t("tt-block-took-place")));
    let now: (NaiveDate, u8) = conn
        .query_row(
            "SELECT date, lesson_no FROM lesson WHERE id = ?1",
            [held.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(now, (held.1, held.2));
}

#[test]
fn the_journal_page_opens_a_lessons_form_from_its_date_and_fills_topic_and_homework() {
    use zhurnal::gui::grid::{CELL_W, HEAD_H, NAME_W};
    let mut h = Harness::demo_on_its_day();
    h.log_in("teacher", "teacher");
    h.open(Section::Journal);
    let conn = db(&h);
    let course: i64 = conn
        .query_row(
            "SELECT value FROM setting WHERE key LIKE 'last_page:%'",
            [],
            |r| {
                let v: String = r.get(0)?;
                Ok(v.split(':').next().unwrap().parse().unwrap())
            },
        )
        .unwrap();
    let all = zhurnal::lessons::course_lessons(
        &conn,
        zhurnal::model::CourseId(course),
        d(2025, 9, 1),
        d(2026, 6, 30),
    )
    .unwrap();
    let index = |date: NaiveDate, no: u8| {
        all.iter()
            .position(|l| l.date == date && l.lesson_no == no)
            .unwrap_or_else(|| panic!("{date} #{no}"))
    };
    let grid = h.ui().find(selector::id("journal-grid")).unwrap().bounds();
    let click_header = |h: &mut Harness, col: usize| {
        let at = iced::Point::new(
            grid.x + NAME_W + CELL_W * (col as f32 + 0.5),
            grid.y + HEAD_H / 2.0,
        );
        h.interact(|ui| {
            ui.point_at(at);
            let _ = ui.simulate(iced_test::simulator::click());
        });
    };
    let tr = h.app.tr().clone();
    let title_start = tr
        .t("journal-lesson-title")
        .split('{')
        .next()
        .unwrap()
        .to_string();
    let opened = |h: &Harness| -> (NaiveDate, u8) {
        let title = text_starting(h, &title_start).expect("the lesson panel is open");
        let rest = &title[title_start.len()..];
        let (date, rest) = rest.split_once(", ").unwrap();
        let no: u8 = rest
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect::<String>()
            .parse()
            .unwrap();
        (NaiveDate::parse_from_str(date, "%d.%m.%Y").unwrap(), no)
    };
    // Which lesson is drawn first: click its date, read the panel, close it.
    click_header(&mut h, 0);
    let (first_date, first_no) = opened(&h);
    h.click_t("journal-close");
    // The latest lesson held, by its date in the header.
    let today = all
        .iter()
        .rfind(|l| l.date <= d(2025, 11, 20) && !l.cancelled)
        .expect("a lesson held")
        .clone();
    click_header(
        &mut h,
        index(today.date, today.lesson_no) - index(first_date, first_no),
    );
    assert_eq!(opened(&h), (today.date, today.lesson_no));
    h.replace_in("lesson-topic", "Сложное предложение");
    h.replace_in("lesson-homework", "§ 12, упр. 154");
    h.click_t("lf-save");
    assert!(h.shows_t("lf-saved"));
    let (topic, homework): (String, String) = conn
        .query_row(
            "SELECT topic, homework FROM lesson WHERE id = ?1",
            [today.id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (topic.as_str(), homework.as_str()),
        ("Сложное предложение", "§ 12, упр. 154")
    );
    // The page's header shows the saved topic on hover? No: the panel reloads the page.
    assert!(h.shows("Сложное предложение") || h.find(selector::id("lesson-topic")));
}

#[test]
fn a_school_going_over_to_a_six_day_week_puts_a_lesson_on_saturday() {
    let mut h = Harness::demo_on_its_day();
    h.log_in("deputy", "deputy");
    h.open(Section::Timetable);
    show_week(&mut h, "24.11.2025");
    let tr = h.app.tr().clone();
    // Five days until the school says otherwise.
    assert!(!h.shows(tr.t("tt-sat")));
    h.click_t("tt-six-day");
    assert!(h.shows(tr.t("tt-sat")));
    let conn = db(&h);
    let year = year_of(&conn);
    let class = school::classes(&conn, year).unwrap()[0].clone();
    let course = school::courses(&conn, year)
        .unwrap()
        .into_iter()
        .find(|c| c.class == class.id && c.group.is_none())
        .unwrap();
    h.update(tt(timetable::Message::PickCourse(timetable::Choice(
        course.id,
        course.title(),
    ))));
    h.click_id("tt-cell-6-1");
    h.click(tr.t_args("tt-apply", &[("date", "24.11.2025".into())]));
    let on_saturday: i64 = conn
        .query_row(
            "SELECT count(*) FROM lesson WHERE course_id = ?1 AND date = '2025-11-29' AND lesson_no = 1",
            [course.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(on_saturday, 1);
    // The grid shows it on Saturday, and the week's days now run to Saturday.
    assert!(
        ttcore::week(&conn, class.id, d(2025, 11, 29))
            .unwrap()
            .at(6, 1)
            .any(|g| g.course == course.id)
    );
    h.click_t("tt-tab-lessons");
    assert!(h.shows_part(&format!("{} 29.11", tr.t("tt-day-6"))));
}

#[test]
fn everyone_present_keeps_the_homework_typed_and_not_yet_saved() {
    let mut h = Harness::demo_on_its_day_in("present");
    let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    let conn = db(&h);
    // A lesson of the teacher's today whose attendance nobody has confirmed yet.
    let (lesson, no): (i64, u8) = conn
        .query_row(
            "SELECT l.id, l.lesson_no FROM lesson l JOIN course c ON c.id = l.course_id JOIN staff t ON t.id = c.teacher_id
             WHERE t.login = 'teacher' AND l.date = ?1 AND l.substitute_id IS NULL AND NOT l.cancelled
             ORDER BY l.lesson_no LIMIT 1",
            [today],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    conn.execute(
        "DELETE FROM attendance_check WHERE lesson_id = ?1",
        [lesson],
    )
    .unwrap();
    conn.execute("DELETE FROM attendance WHERE lesson_id = ?1", [lesson])
        .unwrap();
    h.log_in("teacher", "teacher");
    let fill = h.app.tr().t_args("today-fill", &[("no", no.into())]);
    h.click(fill);
    h.replace_in("lesson-homework", "Упр. 301, выучить правило");
    h.replace_in("lesson-comment", "Работали в парах");
    h.click_t("lf-all-present");
    let checked: bool = conn
        .query_row(
            "SELECT EXISTS(SELECT 1 FROM attendance_check WHERE lesson_id = ?1)",
            [lesson],
            |r| r.get(0),
        )
        .unwrap();
    assert!(checked, "everyone present was recorded");
    assert!(
        !h.shows_t("lf-saved"),
        "nothing claims the typed homework was saved"
    );
    assert!(
        h.shows_t("lf-present-unsaved"),
        "the form says what is unsaved"
    );
    // What was typed is still in the form: saving now writes it.
    h.click_t("lf-save");
    assert!(h.shows_t("lf-saved"));
    let (hw, comment): (String, String) = conn
        .query_row(
            "SELECT homework, comment FROM lesson WHERE id = ?1",
            [lesson],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(hw, "Упр. 301, выучить правило");
    assert_eq!(comment, "Работали в парах");
}

#[test]
fn todays_lesson_opens_from_the_keyboard_under_its_line() {
    use iced::keyboard::{self, Key};
    use zhurnal::gui::Input;
    let mut h = Harness::demo_on_its_day_in("today-keys");
    h.log_in("teacher", "teacher");
    let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    let no: u8 = db(&h)
        .query_row(
            "SELECT l.lesson_no FROM lesson l JOIN course c ON c.id = l.course_id JOIN staff t ON t.id = c.teacher_id
             WHERE t.login = 'teacher' AND l.date = ?1 AND l.substitute_id IS NULL AND NOT l.cancelled ORDER BY l.lesson_no LIMIT 1",
            [today],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!h.shows_t("lf-save"));
    // The digit reaches the app when no field took it.
    let digit = no.to_string();
    let input = Input::from_key(
        &Key::Character(digit.as_str().into()),
        keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
        keyboard::Modifiers::empty(),
        false,
    );
    assert_eq!(input, Input::Digit(no));
    h.update(Message::Input(input));
    assert!(h.shows_t("lf-save"), "the lesson form is open");
    // Typed into a field, the same digit stays the field's.
    assert_eq!(
        Input::from_key(
            &Key::Character(digit.as_str().into()),
            keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
            keyboard::Modifiers::empty(),
            true,
        ),
        Input::Activity
    );
}

#[test]
fn after_a_kind_of_work_is_pressed_in_the_lesson_form_tab_goes_on_to_the_homework() {
    use iced::keyboard::{Key, Modifiers, key::Named};
    use zhurnal::gui::Input;
    let mut h = Harness::demo_on_its_day_in("today-tab");
    h.log_in("teacher", "teacher");
    h.go_live();
    let conn = db(&h);
    let no: u8 = conn
        .query_row(
            "SELECT l.lesson_no FROM lesson l JOIN course c ON c.id = l.course_id JOIN staff t ON t.id = c.teacher_id
             WHERE t.login = 'teacher' AND l.date = '2025-11-20' AND l.substitute_id IS NULL AND NOT l.cancelled
             ORDER BY l.lesson_no DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    h.update(Message::Input(Input::Digit(no)));
    assert!(h.shows_t("lf-save"), "the lesson form is open");
    // Straight to the topic, at the keyboard.
    let topic = iced::widget::Id::from("lesson-topic");
    assert_eq!(h.live_focused(), Some(topic.clone()));
    h.live_type("Повторение");
    // A kind of work pressed between the topic and the homework: Tab goes on to the homework.
    let work: String = conn
        .query_row(
            "SELECT name FROM work_type ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    h.live_click(work.as_str());
    assert_eq!(h.live_focused(), None, "a button takes no focus");
    h.live_key(Key::Named(Named::Tab), Modifiers::empty());
    assert_eq!(
        h.live_focused(),
        Some(iced::widget::Id::from("lesson-homework"))
    );
    h.live_type("Упр. 12");
    h.live_key(Key::Named(Named::Tab), Modifiers::SHIFT);
    assert_eq!(h.live_focused(), Some(topic));
    let text_of = |h: &mut Harness, field: &'static str| {
        h.live_find(move |c: selector::Candidate<'_>| match c {
            selector::Candidate::TextInput {
                id: Some(id),
                state,
                ..
            } if *id == iced::widget::Id::from(field) => Some(state.text().to_string()),
            _ => None,
        })
        .unwrap()
    };
    assert!(text_of(&mut h, "lesson-homework").ends_with("Упр. 12"));
    assert!(text_of(&mut h, "lesson-topic").ends_with("Повторение"));
}
