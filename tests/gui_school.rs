//! Issue 7's school page in the real program, as the administrator uses it: a grade's reporting
//! scheme, the bell schedule and the holidays; a building with a room, a subject and a work type's
//! weight; 5А regrouped in English and split for another subject, a course given another teacher;
//! and the rollover with one student kept back, the old year then read-only but still shown.
#![cfg(feature = "gui")]

mod gui_support;

use gui_support::Harness;
use rusqlite::{Connection, OptionalExtension, params};
use zhurnal::gui::Section;
use zhurnal::model::PersonName;

fn db(h: &Harness) -> Connection {
    Connection::open(h.dir.join("school.sqlite")).unwrap()
}

fn one<T: rusqlite::types::FromSql>(h: &Harness, sql: &str, p: impl rusqlite::Params) -> T {
    db(h).query_row(sql, p, |r| r.get(0)).unwrap()
}

fn admin_on_school(name: &str) -> Harness {
    let mut h = Harness::demo_on_its_day_in(name);
    h.log_in("admin", "admin");
    h.open(Section::School);
    h
}

fn bell(h: &Harness, n: u8) -> Option<(String, String)> {
    db(h)
        .query_row(
            "SELECT starts, ends FROM bell WHERE lesson_no = ?1 AND year_id =
               (SELECT id FROM academic_year ORDER BY start_date LIMIT 1)",
            [n],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .unwrap()
}

#[test]
fn the_calendar_changes_a_grades_scheme_the_bells_and_the_holidays() {
    let mut h = admin_on_school("school-calendar");
    h.click_t("school-tab-calendar");
    // Periods are named as the school and the printed forms write them.
    assert!(h.shows("I четверть (1–9 кл.)"));
    assert!(h.shows("IV четверть (1–9 кл.)"));
    h.snapshot("school-calendar");
    // Grade 9 goes by half-years like 10 and 11.
    h.click_id("school-scheme-half-9");
    assert!(
        h.shows_part("9-е классы учатся по схеме «Полугодия»"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(
        one::<String>(&h, "SELECT scheme FROM grade_scheme WHERE grade = 9", []),
        "half"
    );
    assert!(h.shows("1 полугодие (9–11 кл.)"));
    // 5А has its first-quarter marks: grade 5 keeps quarters.
    assert!(h.shows_part("Отметки за период уже выставлены в параллелях: 5."));
    h.click_id("school-scheme-half-5");
    assert_eq!(
        one::<String>(&h, "SELECT scheme FROM grade_scheme WHERE grade = 5", []),
        "quarter"
    );

    // The first lesson starts a quarter of an hour later.
    h.replace_id("school-bell-start-1", "8:45", true);
    assert!(
        h.shows_part("Звонки на урок 1 сохранены"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(bell(&h, 1), Some(("08:45".into(), "09:15".into())));
    // A ninth lesson is added…
    h.replace_id("school-bell-no", "9", false);
    h.replace_id("school-bell-start", "16.10", false);
    h.replace_id("school-bell-end", "16:55", false);
    h.click_t_scrolled("school-add-bell");
    assert_eq!(bell(&h, 9), Some(("16:10".into(), "16:55".into())));
    // …a tenth overlapping the eighth is refused in plain words, nothing written…
    h.replace_id("school-bell-no", "10", false);
    h.replace_id("school-bell-start", "15:30", false);
    h.replace_id("school-bell-end", "16:20", true);
    assert!(
        h.shows("Время пересекается с уроком 8."),
        "{:?}",
        h.log.last()
    );
    // The refusal stays in view with the bells, far down the tab, where it was made.
    {
        use iced::{Event, Point, mouse};
        let mut ui = h.ui();
        for _ in 0..40 {
            ui.point_at(Point::new(1100.0, 420.0));
            let _ = ui.simulate([Event::Mouse(mouse::Event::WheelScrolled {
                delta: mouse::ScrollDelta::Lines { x: 0.0, y: -1.0 },
            })]);
        }
        let said = ui.find("Время пересекается с уроком 8.").unwrap();
        assert!(
            said.visible_bounds().is_some_and(|v| v.height > 1.0),
            "the refusal scrolled out of view"
        );
    }
    assert_eq!(bell(&h, 10), None);
    // …and the ninth is cut again.
    h.click_id("school-bell-delete-9");
    assert_eq!(bell(&h, 9), None);
    assert!(h.shows_part("Урок 9 убран из расписания звонков"));
    // The first lesson has its timetable and its journal: it stays, and the page says why.
    h.click_id("school-bell-delete-1");
    assert!(
        h.shows_part("Урок 1 нельзя убрать из расписания звонков: под этим номером в расписании"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(bell(&h, 1), Some(("08:45".into(), "09:15".into())));

    // A quarantine week for grades 1–4 is added, then removed.
    h.replace_id("school-holiday-name", "Карантин", false);
    h.replace_id("school-holiday-start", "01.12.2025", false);
    h.replace_id("school-holiday-end", "05.12.2025", false);
    h.replace_id("school-holiday-to", "4", true);
    assert!(h.shows_part("Добавлено: Карантин"), "{:?}", h.log.last());
    let (id, max): (i64, u8) = db(&h)
        .query_row(
            "SELECT id, max_grade FROM holiday WHERE name = 'Карантин' AND start_date = '2025-12-01'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(max, 4);
    assert!(h.shows("1–4 кл."));
    // A holiday outside the year is told, not sent.
    h.replace_id("school-holiday-name", "Лето", false);
    h.replace_id("school-holiday-start", "01.07.2026", false);
    h.replace_id("school-holiday-end", "31.07.2026", true);
    assert!(h.shows_part("Даты должны быть внутри учебного года"));
    h.click_id(&format!("school-holiday-delete-{id}"));
    assert_eq!(
        one::<i64>(
            &h,
            "SELECT count(*) FROM holiday WHERE name = 'Карантин'",
            []
        ),
        0
    );
}

#[test]
fn the_directories_list_what_exists_and_take_a_building_a_room_a_subject_and_a_weight() {
    let mut h = admin_on_school("school-directories");
    h.click_t("school-tab-directories");
    assert!(h.shows("Контрольная работа"));
    assert!(h.shows("Основное здание"));
    h.snapshot("school-directories");
    // A test now weighs three.
    let wt: i64 = one(
        &h,
        "SELECT id FROM work_type WHERE name = 'Контрольная работа'",
        [],
    );
    let field = format!("school-weight-{wt}");
    h.replace_id(&field, "3", true);
    assert!(
        h.shows_part("Вес «Контрольная работа» теперь 3"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(
        one::<f64>(&h, "SELECT weight FROM work_type WHERE id = ?1", [wt]),
        3.0
    );
    // Nought is not a weight: said, not sent.
    h.replace_id(&field, "0", true);
    assert!(h.shows_part("«0» — не вес"));
    assert_eq!(
        one::<f64>(&h, "SELECT weight FROM work_type WHERE id = ?1", [wt]),
        3.0
    );
    // A new work type with a weight of one and a half.
    h.replace_id("school-wt-name", "Зачёт", false);
    h.replace_id("school-wt-short", "зач", false);
    h.replace_id("school-wt-weight", "1,5", true);
    assert_eq!(
        one::<f64>(&h, "SELECT weight FROM work_type WHERE name = 'Зачёт'", []),
        1.5
    );
    // A subject with its short name.
    h.replace_id("school-subject", "Астрономия", false);
    h.replace_id("school-subject-short", "астр", true);
    assert_eq!(
        one::<String>(
            &h,
            "SELECT short_name FROM subject WHERE name = 'Астрономия'",
            []
        ),
        "астр"
    );
    // A second building, and room 12 in it.
    h.replace_id("school-building-name", "Корпус 2", false);
    h.replace_id("school-building-address", "ул. Садовая, 5", true);
    let b: i64 = one(
        &h,
        "SELECT id FROM building WHERE name = 'Корпус 2' AND address = 'ул. Садовая, 5'",
        [],
    );
    h.click_id(&format!("school-room-building-{b}"));
    h.replace_id("school-room", "12", true);
    assert!(h.shows_part("Кабинет «12» добавлен"), "{:?}", h.log.last());
    assert_eq!(
        one::<i64>(
            &h,
            "SELECT count(*) FROM room WHERE name = '12' AND building_id = ?1",
            [b]
        ),
        1
    );
    assert!(h.shows("Кабинет: 12"));
    // The same room twice in one building is refused by name.
    h.replace_id("school-room", "12", true);
    assert!(h.shows("«12» уже есть."));
}

/// The demo's class 5А: id and its students in list order.
fn class_5a(h: &Harness) -> (i64, Vec<i64>) {
    let c = db(h);
    let class: i64 = c
        .query_row(
            "SELECT id FROM class WHERE grade = 5 AND letter = 'А'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut st = c
        .prepare(
            "SELECT e.student_id FROM enrolment e JOIN student s ON s.id = e.student_id
             WHERE e.class_id = ?1 AND e.end_date IS NULL ORDER BY s.surname, s.name",
        )
        .unwrap();
    let students = st
        .query_map([class], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (class, students)
}

fn group_of(h: &Harness, student: i64, subject: &str, on: &str) -> Option<String> {
    db(h)
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
fn a_class_is_split_into_groups_and_a_course_gets_another_teacher() {
    let mut h = admin_on_school("school-classes");
    h.click_t("school-tab-classes");
    let (class, students) = class_5a(&h);
    h.click_id(&format!("school-class-{class}"));
    assert!(h.shows("5А"));
    assert!(h.shows_part("Английский язык: 1 группа — 16 уч., 2 группа — 15 уч."));
    h.snapshot("school-classes");

    // English: the split as it is, one student moved from group 1 to group 2 from today.
    let english: i64 = one(
        &h,
        "SELECT id FROM subject WHERE name = 'Английский язык'",
        [],
    );
    h.click_id(&format!("school-split-subject-{english}"));
    let moved = *students
        .iter()
        .find(|s| group_of(&h, **s, "Английский язык", "2025-11-20").as_deref() == Some("1 группа"))
        .unwrap();
    h.click_id(&format!("school-assign-{moved}-2"));
    assert!(h.shows_part("1 группа — 15 уч., 2 группа — 16 уч., без группы — 0"));
    h.click_t_scrolled("school-split-save");
    assert!(
        h.shows_part("5А: Английский язык — 2 группы с 20.11.2025"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(
        group_of(&h, moved, "Английский язык", "2025-11-19").as_deref(),
        Some("1 группа"),
        "the past stays"
    );
    assert_eq!(
        group_of(&h, moved, "Английский язык", "2025-11-20").as_deref(),
        Some("2 группа")
    );

    // Technology: not split yet; the list is halved, one girl goes to the first group instead.
    let tech: i64 = one(
        &h,
        "SELECT id FROM subject WHERE name = 'Труд (технология)'",
        [],
    );
    h.click_id(&format!("school-split-subject-{tech}"));
    let last = *students.last().unwrap();
    h.click_id(&format!("school-assign-{last}-1"));
    h.click_t_scrolled("school-split-save");
    let sizes: Vec<i64> = {
        let c = db(&h);
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
        group_of(&h, last, "Труд (технология)", "2025-11-20").as_deref(),
        Some("1 группа")
    );

    // Mathematics gets another teacher and four hours a week.
    let (course, other, other_name): (i64, i64, PersonName) = {
        let c = db(&h);
        let course: i64 = c
            .query_row(
                "SELECT c.id FROM course c JOIN subject s ON s.id = c.subject_id
                 WHERE c.class_id = ?1 AND s.name = 'Математика'",
                [class],
                |r| r.get(0),
            )
            .unwrap();
        let (other, surname, name, patronymic) = c
            .query_row(
                "SELECT id, surname, name, patronymic FROM staff WHERE login = 'deputy'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        (
            course,
            other,
            PersonName {
                surname,
                name,
                patronymic,
            },
        )
    };
    h.click_id(&format!("school-edit-course-{course}"));
    assert!(h.shows_part("Изменение курса: 5А, Математика"));
    h.click_id(&format!("school-course-teacher-{other}"));
    h.replace_id("school-hours", "4", false);
    h.click_t_scrolled("school-save-course");
    assert!(
        h.shows_part("Курс «5А, Математика» изменён"),
        "{:?}",
        h.log.last()
    );
    let (teacher, hours): (i64, f64) = db(&h)
        .query_row(
            "SELECT teacher_id, hours_per_week FROM course WHERE id = ?1",
            [course],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((teacher, hours), (other, 4.0));
    assert!(h.shows(format!("5А, Математика — {}", other_name.short())));
}

#[test]
fn the_rollover_keeps_back_the_student_ticked_and_the_old_year_stays_readable() {
    let mut h = admin_on_school("school-rollover");
    assert!(h.shows("Учебный год 2025/2026"), "the status bar");
    h.click_t("school-tab-rollover");
    assert!(h.shows_t("school-rollover"));
    let (class, students) = class_5a(&h);
    let kept = students[3];
    let kept_name: String = one(
        &h,
        "SELECT surname || ' ' || name FROM student WHERE id = ?1",
        [kept],
    );
    h.click_id(&format!("school-rollover-class-{class}"));
    h.click_id(&format!("school-keep-{kept}"));
    assert!(h.shows_part(&format!("Остаются на второй год: {kept_name} (5А)")));
    h.snapshot("school-rollover");
    h.click_t_scrolled("school-rollover-run");
    // Nothing happens before the second press.
    assert_eq!(one::<i64>(&h, "SELECT count(*) FROM academic_year", []), 1);
    assert!(h.shows_part("Будет создан учебный год 2026/2027"));
    h.click_t_scrolled("school-rollover-confirm-run");
    assert!(
        h.shows_part("Создан учебный год 2026/2027"),
        "{:?}",
        h.log.last()
    );
    // The status bar follows at once: the school works in the new year now.
    assert!(h.shows("Учебный год 2026/2027"), "the status bar");
    assert!(!h.shows("Учебный год 2025/2026"));
    // The kept-back student is in 5А of the new year; their classmates in 6А.
    let class_of = |student: i64| -> String {
        one(
            &h,
            "SELECT c.grade || c.letter FROM enrolment e JOIN class c ON c.id = e.class_id
             JOIN academic_year y ON y.id = c.year_id
             WHERE e.student_id = ?1 AND y.name = '2026/2027' AND e.end_date IS NULL",
            [student],
        )
    };
    assert_eq!(class_of(kept), "5А");
    assert_eq!(class_of(students[0]), "6А");
    assert!(one::<bool>(
        &h,
        "SELECT closed FROM academic_year WHERE name = '2025/2026'",
        []
    ));
    // The page shows the new year; the old one is still there to look at, read-only.
    let old: i64 = one(
        &h,
        "SELECT id FROM academic_year WHERE name = '2025/2026'",
        [],
    );
    assert!(h.shows("2025/2026 (закрыт)"));
    h.click_id(&format!("school-year-{old}"));
    assert!(h.shows_part("Учебный год 2025/2026 закрыт"));
    h.click_t("school-tab-classes");
    h.click_id(&format!("school-class-{class}"));
    assert!(h.shows_part("Английский язык: 1 группа"));
    h.click_t("school-tab-calendar");
    h.replace_id("school-bell-start-1", "9:00", true);
    assert_eq!(
        one::<String>(
            &h,
            "SELECT starts FROM bell WHERE lesson_no = 1 AND year_id = ?1",
            [old]
        ),
        "08:30",
        "a closed year does not change"
    );
    assert!(h.shows("08:30"), "the field takes no typing");
}

/// The last day a course's lessons hold data (a topic, homework, marks, absences, attendance
/// taken, kinds of work), as the demo left it.
fn last_held(h: &Harness, course: i64) -> chrono::NaiveDate {
    one(
        h,
        "SELECT max(l.date) FROM lesson l WHERE l.course_id = ?1 AND (l.topic <> ''
           OR l.homework <> '' OR l.comment <> '' OR l.cancelled
           OR EXISTS(SELECT 1 FROM mark WHERE lesson_id = l.id)
           OR EXISTS(SELECT 1 FROM attendance WHERE lesson_id = l.id)
           OR EXISTS(SELECT 1 FROM attendance_check WHERE lesson_id = l.id)
           OR EXISTS(SELECT 1 FROM lesson_work WHERE lesson_id = l.id))",
        [course],
    )
}

#[test]
fn a_course_with_a_journal_is_ended_an_empty_one_deleted_and_a_split_ends_the_whole_class_course() {
    use zhurnal::model::format_date;
    let mut h = admin_on_school("school-retire");
    h.click_t("school-tab-classes");
    let (class, _) = class_5a(&h);
    h.click_id(&format!("school-class-{class}"));
    let course = |h: &Harness, subject: &str| -> Option<i64> {
        db(h)
            .query_row(
                "SELECT c.id FROM course c JOIN subject s ON s.id = c.subject_id
                 WHERE c.class_id = ?1 AND s.name = ?2 AND c.group_id IS NULL",
                params![class, subject],
                |r| r.get(0),
            )
            .optional()
            .unwrap()
    };
    let end_of = |h: &Harness, id: i64| -> Option<String> {
        one(h, "SELECT end_date FROM course WHERE id = ?1", [id])
    };

    // Music has a journal: it is ended from a date, not deleted.
    let music = course(&h, "Музыка").unwrap();
    let last = last_held(&h, music);
    h.click_id(&format!("school-retire-course-{music}"));
    assert!(h.shows("Убрать курс «5А, Музыка»"));
    assert!(h.shows_t("school-retire-end-about"));
    // From a day whose lesson holds data: the core says why, nothing changes.
    h.replace_id("school-retire-from", &format_date(last), true);
    assert!(
        h.shows_part("Курс «5А, Музыка» нельзя завершить с этой даты"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(end_of(&h, music), None);
    // From the next day, confirmed with Enter.
    let from = format_date(last.succ_opt().unwrap());
    h.replace_id("school-retire-from", &from, true);
    assert!(
        h.shows_part(&format!(
            "Курс «5А, Музыка» завершён: последний день — {}",
            format_date(last)
        )),
        "{:?}",
        h.log.last()
    );
    assert_eq!(end_of(&h, music), Some(last.to_string()));
    assert_eq!(
        one::<i64>(
            &h,
            "SELECT count(*) FROM lesson WHERE course_id = ?1 AND date > ?2",
            params![music, last]
        ),
        0
    );
    assert!(h.shows(format!("завершён {}", format_date(last))));

    // A physics course made by mistake, its journal empty: deleted whole.
    let physics: i64 = one(&h, "SELECT id FROM subject WHERE name = 'Физика'", []);
    let deputy: i64 = one(&h, "SELECT id FROM staff WHERE login = 'deputy'", []);
    h.click_id(&format!("school-course-subject-{physics}"));
    h.click_id(&format!("school-course-teacher-{deputy}"));
    h.click_t_scrolled("school-add-course");
    let added = course(&h, "Физика").expect("the course is made");
    h.click_id(&format!("school-retire-course-{added}"));
    assert!(h.shows_part("В журнале курса нет ни одной записи"));
    h.click_t_scrolled("school-retire-delete");
    assert!(
        h.shows_part("Курс «5А, Физика» удалён"),
        "{:?}",
        h.log.last()
    );
    assert_eq!(course(&h, "Физика"), None);

    // Technology is split into two groups, and its whole-class course ends the same day.
    let tech = course(&h, "Труд (технология)").unwrap();
    let subject: i64 = one(
        &h,
        "SELECT id FROM subject WHERE name = 'Труд (технология)'",
        [],
    );
    let split_from = last_held(&h, tech)
        .succ_opt()
        .unwrap()
        .max(chrono::NaiveDate::from_ymd_opt(2025, 11, 20).unwrap());
    h.click_id(&format!("school-split-subject-{subject}"));
    assert!(h.shows_part("Курс «5А, Труд (технология)» для всего класса завершить с даты деления"));
    h.replace_id("school-split-from", &format_date(split_from), false);
    h.click_id("school-split-end-course");
    h.click_t_scrolled("school-split-save");
    assert!(
        h.shows_part(&format!(
            "5А: Труд (технология) — 2 группы с {}. Курс «5А, Труд (технология)» завершён",
            format_date(split_from)
        )),
        "{:?}",
        h.log.last()
    );
    assert_eq!(
        end_of(&h, tech),
        Some(split_from.pred_opt().unwrap().to_string())
    );
    assert_eq!(
        one::<i64>(
            &h,
            "SELECT count(*) FROM study_group WHERE class_id = ?1 AND subject_id = ?2",
            params![class, subject]
        ),
        2
    );
    // The offer is gone: the subject has no whole-class course running any more.
    assert!(!h.shows_part("для всего класса завершить с даты деления"));
    h.snapshot("school-retire");
}

#[test]
fn after_add_the_keys_go_back_to_the_add_forms_first_field_and_rename_takes_them_at_once() {
    use iced::widget::Id;
    use iced_test::selector;
    let mut h = admin_on_school("school-focus");
    h.click_t("school-tab-directories");
    h.go_live();
    h.live_scroll_to(|| selector::id("school-subject-short"));
    h.live_click(selector::id("school-subject"));
    h.live_type("Астрономия");
    h.live_click(selector::id("school-subject-short"));
    h.live_type("астр");
    let add = h.app.tr().t("school-add");
    h.live_click(add.as_str());
    assert_eq!(
        one::<String>(
            &h,
            "SELECT short_name FROM subject WHERE name = 'Астрономия'",
            []
        ),
        "астр"
    );
    // The next subject is typed straight away.
    assert_eq!(h.live_focused(), Some(Id::from("school-subject")));
    assert!(h.shows_part("Предмет «Астрономия» добавлен"));
    // While the next one is being saved, the last one's words stay where they are: the page
    // does not shrink and grow again under the pointer.
    h.live_type("Черчение");
    h.live_click(selector::id("school-subject-short"));
    h.live_type("черч");
    use zhurnal::gui::screen::{PageMessage, school, workspace};
    let add_subject = zhurnal::gui::Message::Work(workspace::Message::Page(PageMessage::School(
        school::Message::Directories(school::DirectoriesMessage::AddSubject),
    )));
    let saving = h.app.update(add_subject);
    assert!(
        h.shows_part("Предмет «Астрономия» добавлен"),
        "the status stays while saving"
    );
    h.drive(saving);
    assert!(h.shows_part("Предмет «Черчение» добавлен"));
    // «Изменить» on a subject's line: its name takes the keys.
    let rename = h.app.tr().t("school-rename");
    h.live_scroll_to(|| rename.as_str());
    h.live_click(rename.as_str());
    assert_eq!(h.live_focused(), Some(Id::from("school-subject-rename")));
    h.live_key(
        iced::keyboard::Key::Named(iced::keyboard::key::Named::End),
        iced::keyboard::Modifiers::empty(),
    );
    h.live_type(" (углубл.)");
    h.live_key(
        iced::keyboard::Key::Named(iced::keyboard::key::Named::Enter),
        iced::keyboard::Modifiers::empty(),
    );
    assert!(
        one::<i64>(
            &h,
            "SELECT count(*) FROM subject WHERE name LIKE '% (углубл.)'",
            []
        ) == 1,
        "{:?}",
        &h.log[h.log.len().saturating_sub(6)..]
    );
}
