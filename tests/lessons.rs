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
use zhurnal::lessons::{self, Block, ConflictKind, LessonEdit, Outcome};
use zhurnal::model::*;
use zhurnal::ops;
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
    let report = ops::lay_out(&mut db, &deputy, c.year, &[c.id], from, to).unwrap();
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
    let again = ops::lay_out(&mut db, &deputy, c.year, &[c.id], from, to).unwrap();
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
    let changed = ops::change_timetable(&mut db, &deputy, c.id, from, &slots)
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
    let refused = ops::change_timetable(&mut db, &deputy, c.id, d(2026, 11, 23), &slots).unwrap();
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
    let err = zhurnal::ops::assign_substitute(&mut db, &teacher, lesson, Some(sub)).unwrap_err();
    assert!(matches!(err, Error::Denied(Denied::Role)), "{err:?}");
    let deputy = login(&mut db, "deputy");
    let audits = audit_count(&db);
    assert_eq!(
        zhurnal::ops::assign_substitute(&mut db, &deputy, lesson, Some(sub)).unwrap(),
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
    assert!(zhurnal::ops::assign_substitute(&mut db, &deputy, lesson, None).is_err());
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
        zhurnal::ops::assign_substitute(&mut db, &deputy, lesson, Some(busy)).unwrap()
    else {
        panic!("a teacher in class cannot be in two places")
    };
    assert_eq!(k[0].kind, ConflictKind::Teacher);
    assert_eq!(lessons::lesson(&db.conn, lesson).unwrap().substitute, None);
    // A lesson already held cannot get a substitute afterwards.
    let (past, _, _) = own_lesson(&db, "teacher", d(2026, 11, 16), d(2026, 11, 19));
    assert!(zhurnal::ops::assign_substitute(&mut db, &deputy, past, Some(busy)).is_err());
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
    assert_eq!(
        ops::import_plan(&mut db, &teacher, course, &read).unwrap(),
        3
    );
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
    ops::import_plan(&mut db, &teacher, course, &read).unwrap();
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
    assert!(ops::import_plan(&mut db, &teacher, course, &read).is_err());
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
    let err = ops::import_plan(&mut db, &teacher, deputy_course.id, &good).unwrap_err();
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
    ops::import_plan(&mut db, &teacher, course, &read).unwrap();
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
    assert!(day.classes[0].lessons > 0);
    // On Sunday the class has no lessons: the screen says so rather than "everyone is here".
    let sunday = d(2026, 11, 22).and_hms_opt(9, 0, 0).unwrap();
    let day = today::today(&db.conn, &teacher, sunday).unwrap();
    assert_eq!(day.classes.len(), 1);
    assert_eq!(day.classes[0].lessons, 0);
    assert!(day.classes[0].absent.is_empty());
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

fn lesson_count(db: &Db) -> i64 {
    db.conn
        .query_row("SELECT count(*) FROM lesson", [], |r| r.get(0))
        .unwrap()
}

/// A time on `date` when `c`'s class and teacher (and room) are free: nothing clashes with a
/// lesson of `c` there.
fn free_bell(db: &Db, c: &school::CourseInfo, date: NaiveDate) -> u8 {
    (1..=8u8)
        .find(|no| {
            lessons::lesson_conflicts(&db.conn, c, c.teacher, date, *no, None)
                .unwrap()
                .is_empty()
        })
        .unwrap_or_else(|| panic!("no free bell on {date} for {}", c.title()))
}

#[test]
fn a_six_day_week_puts_lessons_on_saturday_and_never_on_sunday() {
    let (_dir, mut db) = demo_db();
    let deputy = login(&mut db, "deputy");
    let c = course_of(&db, "teacher");
    assert!(!timetable::uses_saturday(&db.conn, c.year, today()).unwrap());
    let from = d(2026, 11, 23);
    let mut slots = timetable::slots_on(&db.conn, c.id, today()).unwrap();
    let saturday = Slot {
        weekday: 6,
        lesson_no: 2,
        room: None,
    };
    slots.push(saturday);
    let changed = ops::change_timetable(&mut db, &deputy, c.id, from, &slots)
        .unwrap()
        .done()
        .expect("Saturdays are free in the demo");
    assert!(changed.lessons.added > 0);
    // Every Saturday from the date to the end of December, but the winter holidays, has it.
    let on_saturdays: Vec<NaiveDate> = lessons_between(&db, c.id, from, d(2027, 1, 31))
        .into_iter()
        .filter(|(date, no)| lessons::weekday_no(*date) == 6 && *no == 2)
        .map(|(date, _)| date)
        .collect();
    assert!(on_saturdays.contains(&d(2026, 11, 28)));
    assert!(on_saturdays.contains(&d(2026, 12, 26)));
    assert!(on_saturdays.contains(&d(2027, 1, 16)));
    assert!(
        !on_saturdays.contains(&d(2027, 1, 2)),
        "Saturday 2 January is in the winter holidays"
    );
    assert!(
        lessons_between(&db, c.id, from, d(2027, 5, 31))
            .iter()
            .all(|(date, _)| lessons::weekday_no(*date) != 7),
        "nothing on Sundays"
    );
    let grid = timetable::week(&db.conn, c.class, from).unwrap();
    assert!(grid.at(6, 2).any(|g| g.course == c.id));
    assert!(timetable::uses_saturday(&db.conn, c.year, from).unwrap());
    // Sunday is no day for a timetable, and changes nothing.
    let entries: i64 = db
        .conn
        .query_row("SELECT count(*) FROM timetable_entry", [], |r| r.get(0))
        .unwrap();
    let sunday = Slot {
        weekday: 7,
        lesson_no: 1,
        room: None,
    };
    assert!(ops::change_timetable(&mut db, &deputy, c.id, d(2026, 11, 30), &[sunday]).is_err());
    let after: i64 = db
        .conn
        .query_row("SELECT count(*) FROM timetable_entry", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, entries);
}

#[test]
fn a_room_booked_twice_in_the_timetable_is_refused_naming_both_bookings() {
    let (_dir, mut db) = demo_db();
    let deputy = login(&mut db, "deputy");
    let from = d(2026, 11, 23);
    let courses = school::courses(&db.conn, year(&db)).unwrap();
    let rooms = timetable::rooms(&db.conn).unwrap();
    // A course whose slot is in a room, and a course of another class with another teacher
    // that is free then, asked into that very room.
    let mut found = None;
    'search: for b in &courses {
        for s in timetable::slots_on(&db.conn, b.id, from).unwrap() {
            let course_room: Option<RoomId> = db
                .conn
                .query_row("SELECT room_id FROM course WHERE id = ?1", [b.id], |r| {
                    r.get(0)
                })
                .unwrap();
            let Some(room) = s.room.or(course_room) else {
                continue;
            };
            for a in courses
                .iter()
                .filter(|a| a.class != b.class && a.teacher != b.teacher)
            {
                let wanted = Slot { room: None, ..s };
                let own = timetable::slots_on(&db.conn, a.id, from).unwrap();
                if own
                    .iter()
                    .any(|o| o.weekday == s.weekday && o.lesson_no == s.lesson_no)
                {
                    continue;
                }
                if timetable::conflicts(&db.conn, a, &[wanted], from)
                    .unwrap()
                    .is_empty()
                {
                    found = Some((a.clone(), b.clone(), s, room));
                    break 'search;
                }
            }
        }
    }
    let (a, b, s, room) = found.expect("two courses to clash over a room");
    let room_name = rooms.iter().find(|r| r.0 == room).unwrap().1.clone();
    let entries: i64 = db
        .conn
        .query_row("SELECT count(*) FROM timetable_entry", [], |r| r.get(0))
        .unwrap();
    let audits = audit_count(&db);
    let mut slots = timetable::slots_on(&db.conn, a.id, from).unwrap();
    slots.push(Slot {
        weekday: s.weekday,
        lesson_no: s.lesson_no,
        room: Some(room),
    });
    let Outcome::Refused(k) = ops::change_timetable(&mut db, &deputy, a.id, from, &slots).unwrap()
    else {
        panic!("room {room_name} cannot hold two classes at once")
    };
    let k = k
        .iter()
        .find(|k| k.kind == ConflictKind::Room)
        .unwrap_or_else(|| panic!("a room conflict: {k:?}"));
    assert_eq!(k.wanted.course, a.id);
    assert_eq!(k.existing.course, b.id);
    assert_eq!(k.existing.room.as_deref(), Some(room_name.as_str()));
    assert_eq!(k.wanted.room.as_deref(), Some(room_name.as_str()));
    assert!(k.to_string().contains(&room_name));
    let after: i64 = db
        .conn
        .query_row("SELECT count(*) FROM timetable_entry", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        (after, audit_count(&db)),
        (entries, audits),
        "nothing changed"
    );
    // Another room for that slot is fine, and the grid then shows it there.
    let other = rooms.iter().find(|r| r.0 != room).unwrap();
    slots.last_mut().unwrap().room = Some(other.0);
    assert!(matches!(
        ops::change_timetable(&mut db, &deputy, a.id, from, &slots).unwrap(),
        Outcome::Done(_)
    ));
    let grid = timetable::week(&db.conn, a.class, from).unwrap();
    let cell = grid
        .at(s.weekday, s.lesson_no)
        .find(|g| g.course == a.id)
        .expect("in the grid");
    assert_eq!(cell.room.as_deref(), Some(other.1.as_str()));
    assert_eq!(cell.own_room, Some(other.0));
    // Its lessons are in that room, and a lesson of the course that was in the room before
    // clashes with them now.
    let moved_in = lessons_between(&db, a.id, from, from + Days::new(6))
        .into_iter()
        .find(|(date, no)| lessons::weekday_no(*date) == s.weekday && *no == s.lesson_no)
        .expect("laid out");
    assert_eq!(
        lessons::room_at(&db.conn, a.id, moved_in.0, moved_in.1).unwrap(),
        Some(other.0)
    );

    // A single lesson is refused a room another class's lesson holds then: course A, given
    // B's room as its own, cannot have an extra lesson at the time of one of B's lessons.
    db.conn
        .execute(
            "UPDATE course SET room_id = ?2 WHERE id = ?1",
            params![a.id, room],
        )
        .unwrap();
    let b_lesson = lessons::course_lessons(&db.conn, b.id, d(2026, 12, 7), d(2026, 12, 25))
        .unwrap()
        .into_iter()
        .find(|l| {
            !l.cancelled
                && lessons::lesson_conflicts(&db.conn, &a, a.teacher, l.date, l.lesson_no, None)
                    .unwrap()
                    .iter()
                    .all(|k| k.kind == ConflictKind::Room)
        })
        .expect("a lesson of B when A's class and teacher are free");
    let (lessons_before, audits) = (lesson_count(&db), audit_count(&db));
    let Outcome::Refused(k) =
        zhurnal::ops::add_lesson(&mut db, &deputy, a.id, b_lesson.date, b_lesson.lesson_no)
            .unwrap()
    else {
        panic!("room {room_name} is taken by {}", b_lesson.title)
    };
    assert_eq!(k.len(), 1, "{k:?}");
    assert_eq!(k[0].kind, ConflictKind::Room);
    assert_eq!(k[0].existing.course, b.id);
    assert_eq!(k[0].existing.room.as_deref(), Some(room_name.as_str()));
    assert_eq!(k[0].existing.from, b_lesson.date);
    assert_eq!(
        (lesson_count(&db), audit_count(&db)),
        (lessons_before, audits)
    );
}

#[test]
fn the_deputy_adds_moves_and_cancels_single_lessons() {
    let (_dir, mut db) = demo_db();
    let c = course_of(&db, "teacher");
    let next_week = d(2026, 11, 24);
    let no = free_bell(&db, &c, next_week);
    // Only the deputy director or the administrator.
    let teacher = login(&mut db, "teacher");
    assert!(matches!(
        zhurnal::ops::add_lesson(&mut db, &teacher, c.id, next_week, no).unwrap_err(),
        Error::Denied(Denied::Role)
    ));
    let deputy = login(&mut db, "deputy");
    // Days and bells without lessons are refused, changing nothing.
    let (lessons_before, audits) = (lesson_count(&db), audit_count(&db));
    for (date, no, block) in [
        (d(2026, 11, 29), 1, Block::NoSchool(d(2026, 11, 29))),
        (d(2027, 1, 5), 1, Block::NoSchool(d(2027, 1, 5))),
        (d(2027, 8, 2), 1, Block::OutsideYear(d(2027, 8, 2))),
        (next_week, 13, Block::NoSuchBell(13)),
    ] {
        assert_eq!(
            zhurnal::ops::add_lesson(&mut db, &deputy, c.id, date, no).unwrap(),
            Outcome::Blocked(block)
        );
    }
    // A time the class has a lesson is refused, naming that lesson.
    let busy = lessons::course_lessons(&db.conn, c.id, next_week, next_week).unwrap()[0].clone();
    let Outcome::Refused(k) =
        zhurnal::ops::add_lesson(&mut db, &deputy, c.id, next_week, busy.lesson_no).unwrap()
    else {
        panic!("the class has a lesson then")
    };
    assert!(
        k.iter()
            .any(|k| k.existing.course == c.id || k.kind == ConflictKind::Teacher)
    );
    assert_eq!(
        (lesson_count(&db), audit_count(&db)),
        (lessons_before, audits)
    );

    // An extra lesson.
    let Outcome::Done(extra) =
        zhurnal::ops::add_lesson(&mut db, &deputy, c.id, next_week, no).unwrap()
    else {
        panic!("the time is free")
    };
    let row = lessons::lesson(&db.conn, extra).unwrap();
    assert!(row.extra && row.moved_from.is_none());
    assert_eq!((row.date, row.lesson_no), (next_week, no));
    assert_eq!(audit_count(&db), audits + 1);

    // A lesson with homework set ahead moves with its homework, and remembers where it was.
    let future = lessons::course_lessons(&db.conn, c.id, d(2026, 11, 25), d(2026, 11, 27))
        .unwrap()
        .into_iter()
        .find(|l| !l.cancelled)
        .unwrap();
    db.conn
        .execute(
            "UPDATE lesson SET homework = 'Упр. 301', topic = 'Повторение' WHERE id = ?1",
            [future.id],
        )
        .unwrap();
    let target = d(2026, 12, 1);
    let to_no = free_bell(&db, &c, target);
    assert_eq!(
        zhurnal::ops::move_lesson(&mut db, &deputy, future.id, target, to_no).unwrap(),
        Outcome::Done(())
    );
    let moved = lessons::lesson(&db.conn, future.id).unwrap();
    assert_eq!((moved.date, moved.lesson_no), (target, to_no));
    assert_eq!(
        (moved.topic.as_str(), moved.homework.as_str()),
        ("Повторение", "Упр. 301")
    );
    assert_eq!(moved.moved_from, Some((future.date, future.lesson_no)));
    // Moving it onto a time its class is taken is refused and leaves it where it is.
    let taken =
        lessons::course_lessons(&db.conn, c.id, d(2026, 12, 2), d(2026, 12, 4)).unwrap()[0].clone();
    assert!(matches!(
        zhurnal::ops::move_lesson(&mut db, &deputy, future.id, taken.date, taken.lesson_no)
            .unwrap(),
        Outcome::Refused(_)
    ));
    let still = lessons::lesson(&db.conn, future.id).unwrap();
    assert_eq!((still.date, still.lesson_no), (target, to_no));
    // Back where it was, it is an ordinary timetable lesson again.
    assert_eq!(
        zhurnal::ops::move_lesson(&mut db, &deputy, future.id, future.date, future.lesson_no)
            .unwrap(),
        Outcome::Done(())
    );
    assert_eq!(
        lessons::lesson(&db.conn, future.id).unwrap().moved_from,
        None
    );

    // A lesson held with marks stays on its date and cannot be cancelled.
    let (held, _, _) = own_lesson(&db, "teacher", d(2026, 11, 16), d(2026, 11, 19));
    let has_marks: bool = db
        .conn
        .query_row(
            "SELECT EXISTS(SELECT 1 FROM mark WHERE lesson_id = ?1) OR EXISTS(SELECT 1 FROM attendance WHERE lesson_id = ?1)",
            [held],
            |r| r.get(0),
        )
        .unwrap();
    assert!(has_marks, "the demo's held lessons have marks or absences");
    let before = lessons::lesson(&db.conn, held).unwrap();
    let audits = audit_count(&db);
    assert_eq!(
        zhurnal::ops::move_lesson(&mut db, &deputy, held, target, to_no).unwrap(),
        Outcome::Blocked(Block::TookPlace)
    );
    assert_eq!(
        zhurnal::ops::set_cancelled(&mut db, &deputy, held, true, "").unwrap(),
        Outcome::Blocked(Block::TookPlace)
    );
    assert_eq!(lessons::lesson(&db.conn, held).unwrap(), before);
    assert_eq!(audit_count(&db), audits);

    // Cancelling and restoring a future lesson; it cannot come back while its time is taken.
    assert_eq!(
        zhurnal::ops::set_cancelled(&mut db, &deputy, extra, true, "экскурсия").unwrap(),
        Outcome::Done(())
    );
    assert!(lessons::lesson(&db.conn, extra).unwrap().cancelled);
    let Outcome::Done(make_up) =
        zhurnal::ops::add_lesson(&mut db, &deputy, c.id, next_week, no).unwrap()
    else {
        panic!("a cancelled lesson leaves its time free")
    };
    assert!(matches!(
        zhurnal::ops::set_cancelled(&mut db, &deputy, extra, false, "").unwrap(),
        Outcome::Refused(_)
    ));
    assert!(lessons::lesson(&db.conn, extra).unwrap().cancelled);
    assert_eq!(
        zhurnal::ops::set_cancelled(&mut db, &deputy, make_up, true, "").unwrap(),
        Outcome::Done(())
    );
    assert_eq!(
        zhurnal::ops::set_cancelled(&mut db, &deputy, extra, false, "").unwrap(),
        Outcome::Done(())
    );
    assert!(!lessons::lesson(&db.conn, extra).unwrap().cancelled);
}

#[test]
fn laying_out_again_keeps_lessons_placed_by_hand_and_the_slots_they_left() {
    let (_dir, mut db) = demo_db();
    let deputy = login(&mut db, "deputy");
    let c = course_of(&db, "teacher");
    let (from, to) = (d(2026, 11, 23), d(2026, 12, 25));
    // Move one empty lesson to a free time, add an extra one.
    let first =
        lessons::course_lessons(&db.conn, c.id, from, from + Days::new(4)).unwrap()[0].clone();
    let target = d(2026, 12, 3);
    let to_no = free_bell(&db, &c, target);
    assert_eq!(
        zhurnal::ops::move_lesson(&mut db, &deputy, first.id, target, to_no).unwrap(),
        Outcome::Done(())
    );
    let extra_day = d(2026, 12, 8);
    let extra_no = free_bell(&db, &c, extra_day);
    let extra = zhurnal::ops::add_lesson(&mut db, &deputy, c.id, extra_day, extra_no)
        .unwrap()
        .done()
        .unwrap();
    let before = lessons_between(&db, c.id, from, to);
    // Laying the timetable out again changes none of it.
    let report = ops::lay_out(&mut db, &deputy, c.year, &[c.id], from, to).unwrap();
    assert_eq!(
        (report.added, report.moved, report.removed),
        (0, 0, 0),
        "{report:?}"
    );
    assert!(report.kept.is_empty());
    assert_eq!(lessons_between(&db, c.id, from, to), before);
    let moved = lessons::lesson(&db.conn, first.id).unwrap();
    assert_eq!((moved.date, moved.lesson_no), (target, to_no));
    assert!(
        !lessons_between(&db, c.id, first.date, first.date)
            .contains(&(first.date, first.lesson_no)),
        "the slot the lesson left stays empty"
    );
    assert!(lessons::lesson(&db.conn, extra).is_ok());
    // Nor does a timetable change from before them that keeps the course's slots.
    let slots = timetable::slots_on(&db.conn, c.id, from).unwrap();
    let changed = ops::change_timetable(&mut db, &deputy, c.id, from, &slots)
        .unwrap()
        .done()
        .unwrap();
    assert_eq!(
        (changed.lessons.added, changed.lessons.removed),
        (0, 0),
        "{:?}",
        changed.lessons
    );
    assert_eq!(lessons_between(&db, c.id, from, to), before);
    // A timetable slot at the extra lesson's time is refused: the lesson is booked there.
    let mine_elsewhere = school::courses(&db.conn, c.year)
        .unwrap()
        .into_iter()
        .find(|x| x.class == c.class && x.id != c.id && x.group.is_none())
        .unwrap();
    let mut theirs = timetable::slots_on(&db.conn, mine_elsewhere.id, from).unwrap();
    let wd = lessons::weekday_no(extra_day);
    if theirs
        .iter()
        .any(|s| s.weekday == wd && s.lesson_no == extra_no)
    {
        return; // that course is there already: nothing more to try
    }
    theirs.push(Slot {
        weekday: wd,
        lesson_no: extra_no,
        room: None,
    });
    let Outcome::Refused(k) =
        ops::change_timetable(&mut db, &deputy, mine_elsewhere.id, from, &theirs).unwrap()
    else {
        panic!("the class has the extra lesson then")
    };
    assert!(
        k.iter()
            .any(|k| k.existing.course == c.id && k.existing.from == extra_day),
        "{k:?}"
    );
}

#[test]
fn the_schema_upgrade_marks_no_lesson_as_placed_by_hand() {
    let db = Db::memory().unwrap();
    assert!(db.schema_version().unwrap() >= 5);
    let n: i64 = db
        .conn
        .query_row(
            "SELECT count(*) FROM lesson WHERE extra OR moved_from IS NOT NULL",
            [],
            |r| r.get(0),
        )
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

/// The lessons as the timetable screen changes them: place, cancellation, substitute, origin.
fn lesson_rows(db: &Db) -> Vec<String> {
    let mut st = db
        .conn
        .prepare(
            "SELECT id, course_id, date, lesson_no, cancelled, IFNULL(substitute_id, ''),
                    IFNULL(moved_from, ''), IFNULL(moved_from_no, ''), extra FROM lesson ORDER BY id",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok((0..9)
            .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn lesson_changes_are_operations_and_each_inverse_gives_the_lessons_back() {
    use zhurnal::ops::{self, Clash, Op};
    let (_dir, mut db) = demo_db();
    let c = course_of(&db, "teacher");
    let next_week = d(2026, 11, 24);
    let no = free_bell(&db, &c, next_week);
    let deputy = login(&mut db, "deputy");
    let before = lesson_rows(&db);
    let logged = zhurnal::store::op_log::all(&db.conn).unwrap().len();

    // An extra lesson, and its inverse: removed again.
    let add = Op::AddLesson {
        id: None,
        course: c.id,
        date: next_week,
        lesson_no: no,
    };
    let done = ops::apply(&mut db, &deputy, std::slice::from_ref(&add), None).unwrap();
    let extra = LessonId(done[0].created[0]);
    assert_eq!(done[0].inverse, vec![Op::RemoveLesson { lesson: extra }]);
    assert_ne!(lesson_rows(&db), before);
    let removed = ops::apply(&mut db, &deputy, &ops::inverse_of(&done), None).unwrap();
    assert_eq!(lesson_rows(&db), before);
    // Undoing the removal gives the same lesson back, with its id.
    ops::apply(&mut db, &deputy, &ops::inverse_of(&removed), None).unwrap();
    assert!(lessons::lesson(&db.conn, extra).unwrap().extra);
    ops::apply(
        &mut db,
        &deputy,
        &[Op::RemoveLesson { lesson: extra }],
        None,
    )
    .unwrap();
    assert_eq!(lesson_rows(&db), before);

    // A timetable lesson ahead: moved, cancelled, given a substitute; each undone.
    let future = lessons::course_lessons(&db.conn, c.id, d(2026, 11, 25), d(2026, 11, 27)).unwrap()
        [0]
    .clone();
    let substitute = lessons::free_teachers(&db.conn, future.id).unwrap()[0].0;
    for op in [
        Op::MoveLesson {
            lesson: future.id,
            date: next_week,
            lesson_no: no,
        },
        Op::CancelLesson {
            lesson: future.id,
            cancelled: true,
            why: "экскурсия".into(),
        },
        Op::Substitute {
            lesson: future.id,
            substitute: Some(substitute),
        },
    ] {
        let done = ops::apply(&mut db, &deputy, std::slice::from_ref(&op), None).unwrap();
        assert_ne!(lesson_rows(&db), before, "{op:?} changed the lesson");
        assert!(!done[0].inverse.is_empty(), "{op:?} can be undone");
        ops::apply(&mut db, &deputy, &ops::inverse_of(&done), None).unwrap();
        assert_eq!(lesson_rows(&db), before, "the inverse of {op:?}");
    }
    // A removed timetable lesson is not an extra one: refused in words.
    let e = ops::apply(
        &mut db,
        &deputy,
        &[Op::RemoveLesson { lesson: future.id }],
        None,
    )
    .unwrap_err();
    assert!(e.clash.is_none());
    assert!(
        e.error.to_string().contains("outside the timetable"),
        "{}",
        e.error
    );
    // A batch with a clash is refused whole, the clash named for the screen.
    let busy = lessons::course_lessons(&db.conn, c.id, next_week, next_week).unwrap()[0].clone();
    let e = ops::apply(
        &mut db,
        &deputy,
        &[
            add.clone(),
            Op::AddLesson {
                id: None,
                course: c.id,
                date: next_week,
                lesson_no: busy.lesson_no,
            },
        ],
        None,
    )
    .unwrap_err();
    assert_eq!(e.at, 1);
    assert!(matches!(e.clash, Some(Clash::Conflicts(ref k)) if !k.is_empty()));
    assert_eq!(lesson_rows(&db), before, "nothing of the batch stayed");
    // Every change above is in the operation log, in order, by the deputy.
    let log = zhurnal::store::op_log::all(&db.conn).unwrap();
    assert_eq!(log.len(), logged + 10);
    assert!(
        log[logged..]
            .iter()
            .all(|r| r.login.as_deref() == Some("deputy"))
    );
}
