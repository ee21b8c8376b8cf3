//! Lessons, the timetable, substitutions, thematic plans and the teacher's day, on the demo
//! school (today: Friday 20.11.2026, 14:00; the second quarter runs, autumn holidays are over,
//! winter holidays are 29.12–11.01).

mod common;

use chrono::{Datelike, Days, NaiveDate};
use common::*;
use rusqlite::params;
use zhurnal::db::{Clock, Db};
use zhurnal::error::{Denied, Error};
use zhurnal::lessons::plan::{self, PlanRow, RowProblem};
use zhurnal::lessons::timetable::{self, Slot};
use zhurnal::lessons::today::{self, Missing};
use zhurnal::lessons::{self, ConflictKind, LessonEdit, Outcome};
use zhurnal::model::*;
use zhurnal::school;

fn year(db: &Db) -> YearId {
    school::current_year(&db.conn, today()).unwrap().unwrap().id
}

fn course_of(db: &Db, login: &str) -> school::CourseInfo {
    let (_, _, c) = own_lesson(db, login, d(2026, 11, 1), today());
    school::course(&db.conn, c).unwrap()
}

fn lessons_between(
    db: &Db,
    course: CourseId,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, u8)> {
    lessons::course_lessons(&db.conn, course, from, to)
        .unwrap()
        .into_iter()
        .map(|l| (l.date, l.lesson_no))
        .collect()
}

/// A weekly slot where the course's teacher, class and room are all free from `from` on.
fn free_slot(db: &Db, c: &school::CourseInfo, from: NaiveDate, not: &[Slot]) -> Slot {
    for weekday in 1..=5u8 {
        for lesson_no in 1..=8u8 {
            let s = Slot {
                weekday,
                lesson_no,
                room: None,
            };
            if not
                .iter()
                .any(|n| n.weekday == weekday && n.lesson_no == lesson_no)
            {
                continue;
            }
            if timetable::conflicts(&db.conn, c, &[s], from)
                .unwrap()
                .is_empty()
            {
                return s;
            }
        }
    }
    panic!("no free slot for {}", c.title());
}

fn audit_count(db: &Db) -> i64 {
    db.conn
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn laying_out_follows_the_timetable_and_skips_weekends_and_holidays() {
    let (_dir, mut db) = demo_db();
    let deputy = login(&mut db, "deputy");
    let c = course_of(&db, "teacher");
    // From mid-December over the winter holidays into January: all future, empty lessons.
    let (from, to) = (d(2026, 12, 14), d(2027, 1, 22));
    let before = lessons_between(&db, c.id, from, to);
    db.conn
        .execute(
            "DELETE FROM lesson WHERE course_id = ?1 AND date BETWEEN ?2 AND ?3",
            params![c.id, from, to],
        )
        .unwrap();
    let report = lessons::lay_out(&mut db, &deputy, c.year, &[c.id], from, to).unwrap();
    let after = lessons_between(&db, c.id, from, to);
    assert_eq!(
        after, before,
        "the demo's lessons are exactly what the timetable gives"
    );
    assert_eq!(report.added, after.len());
    assert!(report.kept.is_empty());
    let holidays = school::holidays(&db.conn, c.year).unwrap();
    assert!(!after.is_empty());
    for (date, _) in &after {
        assert!(
            school::is_school_day(&holidays, c.grade, *date),
            "{date} is no school day"
        );
        assert!(date.weekday().number_from_monday() <= 5);
        assert!(
            !(d(2026, 12, 29) <= *date && *date <= d(2027, 1, 11)),
            "{date} is in the winter holidays"
        );
    }
    // Laying out again changes nothing.
    let again = lessons::lay_out(&mut db, &deputy, c.year, &[c.id], from, to).unwrap();
    assert_eq!((again.added, again.moved, again.removed), (0, 0, 0));
}

#[test]
fn a_timetable_change_mid_period_moves_empty_lessons_and_keeps_filled_ones() {
    let (_dir, mut db) = demo_db();
    let deputy = login(&mut db, "deputy");
    let c = course_of(&db, "teacher");
    let old = timetable::slots_on(&db.conn, c.id, today()).unwrap();
    assert!(old.len() >= 2);
    // From two weeks ago: those lessons were held and hold topics and marks.
    let from = d(2026, 11, 9);
    let held_before = lessons::course_lessons(&db.conn, c.id, from, today()).unwrap();
    let filled: Vec<LessonId> = held_before
        .iter()
        .filter(|l| !l.topic.is_empty())
        .map(|l| l.id)
        .collect();
    assert!(!filled.is_empty());
    // Move the first weekly lesson to a free slot, keep the others.
    let new_slot = free_slot(&db, &c, from, &old);
    let mut slots: Vec<Slot> = old[1..].to_vec();
    slots.push(new_slot);
    let earlier = lessons_between(&db, c.id, d(2026, 9, 1), d(2026, 11, 8));
    let changed = timetable::change_from(&mut db, &deputy, c.id, from, &slots)
        .unwrap()
        .done()
        .expect("no conflict");
    // The past before the change is untouched.
    assert_eq!(
        lessons_between(&db, c.id, d(2026, 9, 1), d(2026, 11, 8)),
        earlier
    );
    // Every filled lesson survived, in place.
    for l in &held_before {
        let now = lessons::lesson(&db.conn, l.id);
        if filled.contains(&l.id) {
            let now = now.expect("a lesson with a topic is never lost");
            assert_eq!(
                (now.date, now.lesson_no, now.topic.clone()),
                (l.date, l.lesson_no, l.topic.clone())
            );
        }
    }
    let kept_ids: Vec<LessonId> = changed.lessons.kept.iter().map(|l| l.id).collect();
    for l in held_before.iter().filter(|l| {
        l.lesson_no == old[0].lesson_no && lessons::weekday_no(l.date) == old[0].weekday
    }) {
        if filled.contains(&l.id) {
            assert!(
                kept_ids.contains(&l.id),
                "the kept lesson of {} is reported",
                l.date
            );
        }
    }
    // From next week on, lessons follow the new timetable exactly.
    let next_week = d(2026, 11, 23);
    let future = lessons_between(&db, c.id, next_week, d(2026, 12, 25));
    assert!(!future.is_empty());
    for (date, no) in &future {
        let wd = lessons::weekday_no(*date);
        assert!(
            slots.iter().any(|s| s.weekday == wd && s.lesson_no == *no),
            "{date} #{no} is not in the new timetable"
        );
    }
    assert!(
        future
            .iter()
            .any(|(date, no)| lessons::weekday_no(*date) == new_slot.weekday
                && *no == new_slot.lesson_no)
    );
    // The old entry ends the day before; the new ones start on the date.
    let entries = timetable::course_entries(&db.conn, c.id).unwrap();
    assert!(entries.iter().any(|e| e.to == Some(d(2026, 11, 8))));
    assert!(entries.iter().filter(|e| e.from == from).count() == slots.len());
    // The week grid on each side of the change.
    let before_grid = timetable::week(&db.conn, c.class, d(2026, 11, 2)).unwrap();
    let after_grid = timetable::week(&db.conn, c.class, next_week).unwrap();
    assert!(
        before_grid
            .at(old[0].weekday, old[0].lesson_no)
            .any(|g| g.course == c.id)
    );
    assert!(
        after_grid
            .at(new_slot.weekday, new_slot.lesson_no)
            .any(|g| g.course == c.id)
    );
}

#[test]
fn conflicts_name_both_bookings_and_change_nothing() {
    let (_dir, mut db) = demo_db();
    let deputy = login(&mut db, "deputy");
    let c = course_of(&db, "teacher");
    let week = timetable::week(&db.conn, c.class, today()).unwrap();
    // Another course of the same class, whole class.
    let (wd, no, other) = week
        .cells
        .iter()
        .find(|(_, _, g)| g.course != c.id && g.group.is_none())
        .map(|(w, n, g)| (*w, *n, g.clone()))
        .unwrap();
    let entries_before: i64 = db
        .conn
        .query_row("SELECT count(*) FROM timetable_entry", [], |r| r.get(0))
        .unwrap();
    let audits = audit_count(&db);
    let mut slots = timetable::slots_on(&db.conn, c.id, today()).unwrap();
    slots.push(Slot {
        weekday: wd,
        lesson_no: no,
        room: None,
    });
    let refused = timetable::change_from(&mut db, &deputy, c.id, d(2026, 11, 23), &slots).unwrap();
    let Outcome::Refused(conflicts) = refused else {
        panic!("a class booked twice must be refused")
    };
    let k = conflicts
        .iter()
        .find(|k| k.kind == ConflictKind::Class)
        .expect("class conflict");
    assert_eq!(k.wanted.course, c.id);
    assert_eq!(k.existing.course, other.course);
    assert!(k.existing.title.contains(&other.subject));
    assert!(k.to_string().contains(&k.wanted.title) && k.to_string().contains(&k.existing.title));
    let entries_after: i64 = db
        .conn
        .query_row("SELECT count(*) FROM timetable_entry", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        (entries_after, audit_count(&db)),
        (entries_before, audits),
        "nothing changed"
    );

    // The teacher's lesson in another class at a time this class is free: the teacher is booked.
    let mine: Vec<school::CourseInfo> = school::courses(&db.conn, c.year)
        .unwrap()
        .into_iter()
        .filter(|x| x.teacher == c.teacher && x.class != c.class)
        .collect();
    let other_mine = mine
        .first()
        .expect("the demo teacher teaches another class");
    let theirs = timetable::slots_on(&db.conn, other_mine.id, today()).unwrap();
    let s = theirs[0];
    let found = timetable::conflicts(&db.conn, &c, &[s], d(2026, 11, 23)).unwrap();
    let k = found
        .iter()
        .find(|k| k.kind == ConflictKind::Teacher)
        .expect("teacher conflict");
    assert_eq!(k.existing.course, other_mine.id);
    assert_eq!(k.existing.teacher, c.teacher_name.short());

    // Two groups of one class at the same time are fine; the class and its own group are not.
    let courses = school::courses(&db.conn, c.year).unwrap();
    let g1 = courses.iter().find(|x| x.group.is_some()).unwrap();
    let g2 = courses
        .iter()
        .find(|x| x.class == g1.class && x.group.is_some() && x.group != g1.group)
        .unwrap();
    let g2_slots = timetable::slots_on(&db.conn, g2.id, today()).unwrap();
    let clashes = timetable::conflicts(&db.conn, g1, &g2_slots, today()).unwrap();
    assert!(
        clashes
            .iter()
            .filter(|k| k.existing.course == g2.id)
            .all(|k| k.kind != ConflictKind::Class),
        "{clashes:?}"
    );
    let whole = courses
        .iter()
        .find(|x| x.class == g1.class && x.group.is_none())
        .unwrap();
    let whole_slot = timetable::slots_on(&db.conn, whole.id, today()).unwrap()[0];
    let clashes = timetable::conflicts(&db.conn, g1, &[whole_slot], today()).unwrap();
    assert!(
        clashes
            .iter()
            .any(|k| k.kind == ConflictKind::Class && k.existing.course == whole.id)
    );
}

/// A future lesson of `login`'s own course, and a teacher free at its time.
fn future_lesson(db: &Db, login: &str) -> (LessonId, StaffId) {
    let (l, _, _) = own_lesson(db, login, d(2026, 11, 24), d(2026, 11, 27));
    let free = lessons::free_teachers(&db.conn, l).unwrap();
    (l, free.first().expect("a free teacher").0)
}

#[test]
fn the_deputy_assigns_a_substitute_before_the_lesson_and_the_substitute_fills_it() {
    let (_dir, mut db) = demo_db();
    let (lesson, sub) = future_lesson(&db, "teacher");
    let teacher = login(&mut db, "teacher");
    let err = lessons::assign_substitute(&mut db, &teacher, lesson, Some(sub)).unwrap_err();
    assert!(matches!(err, Error::Denied(Denied::Role)), "{err:?}");
    let deputy = login(&mut db, "deputy");
    let audits = audit_count(&db);
    assert_eq!(
        lessons::assign_substitute(&mut db, &deputy, lesson, Some(sub)).unwrap(),
        Outcome::Done(())
    );
    assert_eq!(audit_count(&db), audits + 1);
    let l = lessons::lesson(&db.conn, lesson).unwrap();
    assert_eq!(l.substitute, Some(sub));
    // The list of changes shows it.
    let changes = lessons::changes(&db.conn, year(&db), l.date, l.date).unwrap();
    assert!(
        changes
            .iter()
            .any(|x| x.id == lesson && x.substitute == Some(sub))
    );

    // On the lesson's day the substitute fills it; someone else cannot.
    let day = l.date.and_hms_opt(16, 0, 0).unwrap();
    let path = db.path.clone();
    drop(db);
    let mut db = Db::open(&path).unwrap().with_clock(Clock::Fixed(day));
    let sub_login: String = db
        .conn
        .query_row("SELECT login FROM staff WHERE id = ?1", [sub], |r| r.get(0))
        .unwrap();
    let substitute = login(&mut db, &sub_login);
    let form = lessons::lesson_form(&db.conn, &substitute, lesson, day.date()).unwrap();
    assert!(form.rights.lesson, "{:?}", form.denied);
    let edit = LessonEdit {
        topic: "Замена: повторение".into(),
        homework: "Упр. 12".into(),
        ..Default::default()
    };
    lessons::save_lesson(&mut db, &substitute, lesson, &edit, None).unwrap();
    let today = today::today(&db.conn, &substitute, day).unwrap();
    let mine = today
        .lessons
        .iter()
        .find(|x| x.lesson.id == lesson)
        .expect("the substitute sees it today");
    assert!(mine.substituting);
    assert!(
        !mine
            .missing
            .iter()
            .any(|m| m.what == Missing::Topic || m.what == Missing::Homework)
    );
    // The course's own teacher sees it taken by another, with nothing to fill.
    let teacher = login(&mut db, "teacher");
    let theirs = today::today(&db.conn, &teacher, day).unwrap();
    let own = theirs
        .lessons
        .iter()
        .find(|x| x.lesson.id == lesson)
        .unwrap();
    assert!(own.taken_by_other && own.missing.is_empty());
    // The lesson has begun: the deputy can no longer change the substitute.
    let deputy = login(&mut db, "deputy");
    assert!(lessons::assign_substitute(&mut db, &deputy, lesson, None).is_err());
}

#[test]
fn a_busy_teacher_cannot_substitute() {
    let (_dir, mut db) = demo_db();
    let (lesson, _) = future_lesson(&db, "teacher");
    let l = lessons::lesson(&db.conn, lesson).unwrap();
    // A teacher who has their own lesson at that very time.
    let busy: StaffId = db
        .conn
        .query_row(
            "SELECT c.teacher_id FROM lesson x JOIN course c ON c.id = x.course_id
             WHERE x.date = ?1 AND x.lesson_no = ?2 AND x.id <> ?3 AND c.teacher_id <> ?4 AND NOT x.cancelled LIMIT 1",
            params![l.date, l.lesson_no, lesson, l.teacher],
            |r| r.get(0),
        )
        .unwrap();
    let deputy = login(&mut db, "deputy");
    let Outcome::Refused(k) =
        lessons::assign_substitute(&mut db, &deputy, lesson, Some(busy)).unwrap()
    else {
        panic!("a teacher in class cannot be in two places")
    };
    assert_eq!(k[0].kind, ConflictKind::Teacher);
    assert_eq!(lessons::lesson(&db.conn, lesson).unwrap().substitute, None);
    // A lesson already held cannot get a substitute afterwards.
    let (past, _, _) = own_lesson(&db, "teacher", d(2026, 11, 16), d(2026, 11, 19));
    assert!(lessons::assign_substitute(&mut db, &deputy, past, Some(busy)).is_err());
}

#[test]
fn the_lesson_form_follows_the_rules_homework_may_be_set_ahead() {
    let (_dir, mut db) = demo_db();
    let teacher = login(&mut db, "teacher");
    let (future, _) = future_lesson(&db, "teacher");
    let form = lessons::lesson_form(&db.conn, &teacher, future, today()).unwrap();
    assert!(form.rights.homework && !form.rights.lesson);
    let ahead = LessonEdit {
        homework: "Стр. 40, упр. 3".into(),
        ..Default::default()
    };
    lessons::save_lesson(&mut db, &teacher, future, &ahead, None).unwrap();
    assert_eq!(
        lessons::lesson(&db.conn, future).unwrap().homework,
        "Стр. 40, упр. 3"
    );
    let topic_ahead = LessonEdit {
        topic: "Заранее".into(),
        homework: "Стр. 40, упр. 3".into(),
        ..Default::default()
    };
    let err = lessons::save_lesson(&mut db, &teacher, future, &topic_ahead, None).unwrap_err();
    assert!(
        matches!(err, Error::Denied(Denied::FutureLesson)),
        "{err:?}"
    );

    // Today's lesson: everything, with kinds of work, in one audited save.
    let (held, _, course) = own_lesson(&db, "teacher", today(), today());
    let wt = zhurnal::journal::work_types(&db.conn).unwrap();
    let audits = audit_count(&db);
    let edit = LessonEdit {
        topic: "Правописание приставок".into(),
        plan_topic: None,
        homework: "Упр. 101".into(),
        comment: "Класс работал хорошо".into(),
        work: vec![wt[3].0, wt[0].0],
    };
    lessons::save_lesson(&mut db, &teacher, held, &edit, None).unwrap();
    let form = lessons::lesson_form(&db.conn, &teacher, held, today()).unwrap();
    assert_eq!(
        (form.topic.as_str(), form.comment.as_str()),
        ("Правописание приставок", "Класс работал хорошо")
    );
    assert_eq!(form.work, vec![wt[3].0, wt[0].0]);
    assert!(audit_count(&db) >= audits + 3);

    // Someone else's lesson, and a lesson past the two-week edit window.
    let other = login(&mut db, "deputy");
    assert!(lessons::save_lesson(&mut db, &other, held, &LessonEdit::default(), None).is_err());
    let (old, _, _) = own_lesson(&db, "teacher", d(2026, 10, 1), d(2026, 10, 20));
    let err = lessons::save_lesson(
        &mut db,
        &teacher,
        old,
        &LessonEdit {
            topic: "x".into(),
            ..Default::default()
        },
        None,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Denied(Denied::EditWindowClosed(_) | Denied::PeriodClosed)
        ),
        "{err:?}"
    );
    let _ = course;
}

#[test]
fn lessons_take_the_next_plan_topic_and_the_lag_is_counted() {
    let (_dir, mut db) = demo_db();
    let teacher = login(&mut db, "teacher");
    let c = course_of(&db, "teacher");
    let plan = lessons::topic_choices(&db.conn, c.id).unwrap();
    let next = lessons::next_topic(&plan).unwrap();
    // Clear today's lesson and see it offered the next unused topic.
    let (held, _, _) = own_lesson(&db, "teacher", today(), today());
    let held_course = lessons::lesson(&db.conn, held).unwrap().course;
    db.conn
        .execute(
            "UPDATE lesson SET topic = '', plan_topic_id = NULL WHERE id = ?1",
            [held],
        )
        .unwrap();
    let plan = lessons::topic_choices(&db.conn, held_course).unwrap();
    let expected = lessons::next_topic(&plan).unwrap();
    let form = lessons::lesson_form(&db.conn, &teacher, held, today()).unwrap();
    assert_eq!(form.suggested.as_ref().map(|t| t.id), Some(expected.id));
    assert!(
        plan.iter()
            .take_while(|t| t.id != expected.id)
            .all(|t| t.used >= t.lessons()),
        "earlier topics are used"
    );
    // The teacher picks a later topic instead; the next suggestion is still the skipped one.
    let later = plan.iter().rev().find(|t| t.used == 0).unwrap();
    let edit = LessonEdit {
        topic: later.title.clone(),
        plan_topic: Some(later.id),
        ..Default::default()
    };
    lessons::save_lesson(&mut db, &teacher, held, &edit, None).unwrap();
    let plan = lessons::topic_choices(&db.conn, held_course).unwrap();
    assert_eq!(lessons::next_topic(&plan).map(|t| t.id), Some(expected.id));
    let _ = next;

    let p = lessons::progress(&db.conn, c.id, today()).unwrap();
    assert!(p.planned >= p.held && p.held >= p.covered);
    assert_eq!(
        p.lag,
        p.planned.min(p.plan_hours.round() as u32) - p.covered
    );
    // Cancel a held-to-be lesson next week and take topics off two held ones: the lag grows by two.
    let held_ids: Vec<LessonId> = lessons::course_lessons(&db.conn, c.id, d(2026, 11, 1), today())
        .unwrap()
        .iter()
        .filter(|l| !l.topic.is_empty())
        .take(2)
        .map(|l| l.id)
        .collect();
    for l in &held_ids {
        db.conn
            .execute("UPDATE lesson SET plan_topic_id = NULL WHERE id = ?1", [l])
            .unwrap();
    }
    let q = lessons::progress(&db.conn, c.id, today()).unwrap();
    assert_eq!(q.lag, p.lag + 2);
}

fn demo_plan_course(db: &mut Db) -> (zhurnal::auth::Session, CourseId) {
    let t = login(db, "teacher");
    let c = course_of(db, "teacher");
    (t, c.id)
}

#[test]
fn a_utf8_csv_plan_with_bom_and_semicolons_imports() {
    let (_dir, mut db) = demo_db();
    let (teacher, course) = demo_plan_course(&mut db);
    let file = "\u{feff}№;Тема;Часы\n1;Повторение изученного в 5 классе;2\n2;Лексика;1\n\n3;Контрольная работа № 1;1,5\n";
    let read = plan::read_file(file.as_bytes());
    assert!(read.is_ok(), "{:?}", read.errors);
    assert_eq!(read.rows.len(), 3);
    assert_eq!(
        read.rows[2],
        (
            5,
            PlanRow {
                title: "Контрольная работа № 1".into(),
                hours: 1.5
            }
        )
    );
    assert_eq!(plan::import(&mut db, &teacher, course, &read).unwrap(), 3);
    let saved = plan::plan(&db.conn, course).unwrap();
    assert_eq!(
        saved.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(),
        [
            "Повторение изученного в 5 классе",
            "Лексика",
            "Контрольная работа № 1"
        ]
    );
    assert_eq!(saved[0].hours, 2.0);
}

#[test]
fn a_windows_1251_csv_with_commas_and_english_headers_in_any_order_imports() {
    let (_dir, mut db) = demo_db();
    let (teacher, course) = demo_plan_course(&mut db);
    let text = "Hours,Topic,No\n1,\"Имя существительное, его признаки\",2\n1,Глагол,1\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!bad);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let read = plan::read_file(&bytes);
    assert!(read.is_ok(), "{:?}", read.errors);
    // Ordered by №.
    assert_eq!(
        read.topics(),
        vec![
            PlanRow {
                title: "Глагол".into(),
                hours: 1.0
            },
            PlanRow {
                title: "Имя существительное, его признаки".into(),
                hours: 1.0
            },
        ]
    );
    plan::import(&mut db, &teacher, course, &read).unwrap();
    assert_eq!(plan::plan(&db.conn, course).unwrap()[0].title, "Глагол");
}

#[test]
fn a_bad_plan_file_names_its_rows_and_changes_nothing() {
    let (_dir, mut db) = demo_db();
    let (teacher, course) = demo_plan_course(&mut db);
    let before = plan::plan(&db.conn, course).unwrap();
    let audits = audit_count(&db);
    let file =
        "№;Тема;Часы\n1;Причастие;1\n2;;1\nтри;Деепричастие;1\n4;Наречие;много\n1;Повтор;1\n";
    let read = plan::read_file(file.as_bytes());
    assert!(!read.is_ok());
    let by_row: Vec<(Option<usize>, RowProblem)> = read
        .errors
        .iter()
        .map(|e| (e.row, e.problem.clone()))
        .collect();
    assert_eq!(
        by_row,
        vec![
            (Some(3), RowProblem::NoTitle),
            (Some(4), RowProblem::BadNumber("три".into())),
            (Some(5), RowProblem::BadHours("много".into())),
            (Some(6), RowProblem::DuplicateNumber(1)),
        ]
    );
    assert!(plan::import(&mut db, &teacher, course, &read).is_err());
    assert_eq!(plan::plan(&db.conn, course).unwrap(), before);
    assert_eq!(audit_count(&db), audits);
    // No topic column at all.
    let read = plan::read_file("Номер;Часы\n1;2\n".as_bytes());
    assert_eq!(read.errors[0].problem, RowProblem::NoTitleColumn);
    assert_eq!(read.errors[0].row, Some(1));
    // Not a table.
    let read = plan::read_file(b"PK\x03\x04 broken zip");
    assert!(matches!(read.errors[0].problem, RowProblem::Unreadable(_)));
    // Another teacher's course.
    let deputy_course = school::courses(&db.conn, year(&db))
        .unwrap()
        .into_iter()
        .find(|c| c.teacher != teacher.staff)
        .unwrap();
    let good = plan::read_file("Тема\nОдна тема\n".as_bytes());
    let err = plan::import(&mut db, &teacher, deputy_course.id, &good).unwrap_err();
    assert!(
        matches!(err, Error::Denied(Denied::NotYourCourse)),
        "{err:?}"
    );
}

#[test]
fn an_xlsx_plan_imports_and_keeps_lessons_linked_to_topics_it_keeps() {
    let (_dir, mut db) = demo_db();
    let (teacher, course) = demo_plan_course(&mut db);
    let old = plan::plan(&db.conn, course).unwrap();
    let used = old.iter().find(|t| t.used > 0).unwrap().clone();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Тема урока").unwrap();
    sheet.write_string(0, 1, "Кол-во часов").unwrap();
    sheet.write_string(0, 2, "№ п/п").unwrap();
    sheet.write_string(1, 0, used.title.as_str()).unwrap();
    sheet.write_number(1, 1, 1).unwrap();
    sheet.write_number(1, 2, 1).unwrap();
    sheet.write_string(2, 0, "Новая тема из файла").unwrap();
    sheet.write_number(2, 1, 2).unwrap();
    sheet.write_number(2, 2, 2).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let read = plan::read_file(&bytes);
    assert!(read.is_ok(), "{:?}", read.errors);
    assert_eq!(
        read.topics(),
        vec![
            PlanRow {
                title: used.title.clone(),
                hours: 1.0
            },
            PlanRow {
                title: "Новая тема из файла".into(),
                hours: 2.0
            }
        ]
    );
    plan::import(&mut db, &teacher, course, &read).unwrap();
    let now = plan::plan(&db.conn, course).unwrap();
    assert_eq!(now.len(), 2);
    assert_eq!(now[0].id, used.id, "a kept topic keeps its lessons");
    assert_eq!(now[0].used, used.used);
    // Lessons of dropped topics keep their topic text.
    let texts: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM lesson WHERE course_id = ?1 AND topic <> ''",
            [course],
            |r| r.get(0),
        )
        .unwrap();
    assert!(texts > now[0].used as i64);
    // A sheet with a bad row is refused by row number.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Тема").unwrap();
    sheet.write_string(0, 1, "Часы").unwrap();
    sheet.write_string(1, 0, "Хорошая").unwrap();
    sheet.write_number(2, 1, 1).unwrap();
    let read = plan::read_file(&book.save_to_buffer().unwrap());
    assert_eq!(read.errors.len(), 1);
    assert_eq!(
        (read.errors[0].row, &read.errors[0].problem),
        (Some(3), &RowProblem::NoTitle)
    );
}

#[test]
fn a_teachers_day_lists_lessons_by_bell_with_what_is_missing() {
    let (_dir, mut db) = demo_db();
    let teacher = login(&mut db, "teacher");
    let (held, _, _) = own_lesson(&db, "teacher", today(), today());
    db.conn
        .execute("UPDATE lesson SET homework = '' WHERE id = ?1", [held])
        .unwrap();
    db.conn
        .execute("DELETE FROM attendance WHERE lesson_id = ?1", [held])
        .unwrap();
    db.conn
        .execute("DELETE FROM attendance_check WHERE lesson_id = ?1", [held])
        .unwrap();
    let day = today::today(&db.conn, &teacher, now()).unwrap();
    assert!(!day.lessons.is_empty());
    let nos: Vec<u8> = day.lessons.iter().map(|l| l.lesson.lesson_no).collect();
    let mut sorted = nos.clone();
    sorted.sort();
    assert_eq!(nos, sorted, "by bell");
    assert!(day.lessons.iter().all(|l| l.starts.is_some()));
    let mine = day.lessons.iter().find(|l| l.lesson.id == held).unwrap();
    let what: Vec<Missing> = mine.missing.iter().map(|m| m.what).collect();
    assert!(
        what.contains(&Missing::Homework) && what.contains(&Missing::Attendance),
        "{what:?}"
    );
    // Everyone present: attendance taken.
    lessons::confirm_attendance(&mut db, &teacher, held).unwrap();
    let day = today::today(&db.conn, &teacher, now()).unwrap();
    let mine = day.lessons.iter().find(|l| l.lesson.id == held).unwrap();
    assert!(!mine.missing.iter().any(|m| m.what == Missing::Attendance));
    // Last week's lesson without a topic is a gap, overdue.
    let (past, _, _) = own_lesson(&db, "teacher", d(2026, 11, 16), d(2026, 11, 18));
    db.conn
        .execute(
            "UPDATE lesson SET topic = '', plan_topic_id = NULL WHERE id = ?1",
            [past],
        )
        .unwrap();
    let day = today::today(&db.conn, &teacher, now()).unwrap();
    let gap = day
        .gaps
        .iter()
        .find(|g| g.lesson.id == past)
        .expect("a gap");
    assert!(
        gap.missing
            .iter()
            .any(|m| m.what == Missing::Topic && m.overdue)
    );
    assert!(
        day.gaps
            .iter()
            .all(|g| g.lesson.date < today() && g.lesson.date >= today() - Days::new(7))
    );
    // The class teacher sees today's absences of the class.
    assert_eq!(day.classes.len(), 1);
}

#[test]
fn the_schema_upgrade_adds_the_attendance_check() {
    let db = Db::memory().unwrap();
    assert!(db.schema_version().unwrap() >= 3);
    let n: i64 = db
        .conn
        .query_row("SELECT count(*) FROM attendance_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// The thematic-plan importer never panics, whatever the file holds: random bytes, bytes that
    /// look like an XLSX (zip) file, or CSV text with plan headers and noise.
    #[test]
    fn the_plan_importer_never_panics_on_any_bytes(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
        zip in proptest::prelude::any::<bool>(),
    ) {
        let mut input = if zip { b"PK\x03\x04".to_vec() } else { Vec::new() };
        input.extend_from_slice(&bytes);
        let _ = plan::read_file(&input);
    }

    #[test]
    fn plan_tables_with_noise_never_panic(
        cells in proptest::collection::vec("[a-zA-Zа-яА-Я0-9 .;,\"\\n№-]{0,12}", 0..30)
    ) {
        let text = format!("№;Тема;Часы\n{}", cells.join(";"));
        let _ = plan::read_file(text.as_bytes());
    }
}
