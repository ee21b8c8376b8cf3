//! The journal page on the 1,000-student demo school: reading one page (a class × subject × a
//! quarter's lessons with marks, absences and averages; target ≤ 2 ms) and committing one mark
//! with its audit entry, durably (target ≤ 2 ms).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use zhurnal::auth;
use zhurnal::db::{Clock, Db};
use zhurnal::demo::{self, DemoOptions};
use zhurnal::journal;
use zhurnal::model::*;
use zhurnal::school;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    demo::generate(
        &path,
        &DemoOptions {
            students: 1000,
            seed: 1,
            year: None,
            today: Some(today),
        },
        &mut |_| {},
    )
    .unwrap();
    let mut db = Db::open(&path)
        .unwrap()
        .with_clock(Clock::Fixed(today.and_hms_opt(14, 0, 0).unwrap()));

    // The biggest page: the class × subject with the most students and lessons in the first quarter.
    let (course, students, lessons): (CourseId, i64, i64) = db
        .conn
        .query_row(
            "SELECT c.id, (SELECT count(*) FROM enrolment e WHERE e.class_id = c.class_id) AS n,
                    (SELECT count(*) FROM lesson l WHERE l.course_id = c.id AND l.date BETWEEN '2026-09-01' AND '2026-10-24') AS k
             FROM course c WHERE c.group_id IS NULL ORDER BY n * k DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let info = school::course(&db.conn, course).unwrap();
    let q1 = school::periods_for_grade(&db.conn, info.year, info.grade)
        .unwrap()
        .remove(0);
    let admin = auth::login(&mut db, "admin", "admin").unwrap();
    let page = journal::page(&db.conn, &admin, course, q1.id).unwrap();
    eprintln!(
        "page: {} — {} students on the list, {} lessons, {} marks",
        info.title(),
        students,
        lessons,
        page.rows.iter().map(|r| r.averages.count).sum::<u32>()
    );
    c.bench_function("journal page (class × subject × quarter)", |b| {
        b.iter(|| journal::page(&db.conn, &admin, course, q1.id).unwrap())
    });

    // What the screen does on opening a page: the page, the rights, and the grid's model.
    #[cfg(feature = "gui")]
    {
        let tr = zhurnal::i18n::Tr::new(zhurnal::i18n::Lang::Ru);
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        c.bench_function(
            "journal page + rights + grid model (what opening a page costs)",
            |b| {
                b.iter(|| {
                    let page = journal::page(&db.conn, &admin, course, q1.id).unwrap();
                    let rights = journal::rights(&db.conn, &admin, &page, today).unwrap();
                    zhurnal::gui::screen::journal::page_model(&page, &rights, &tr)
                })
            },
        );
    }

    // One mark by the teacher at a lesson of this week, committed with synchronous = FULL.
    let teacher = auth::login(&mut db, "teacher", "teacher").unwrap();
    let (lesson, student): (LessonId, StudentId) = db
        .conn
        .query_row(
            "SELECT l.id, e.student_id FROM lesson l JOIN course c ON c.id = l.course_id
             JOIN enrolment e ON e.class_id = c.class_id AND e.end_date IS NULL
             WHERE c.teacher_id = ?1 AND c.group_id IS NULL AND l.date BETWEEN '2026-11-16' AND '2026-11-20'
               AND l.cancelled = 0 LIMIT 1",
            [teacher.staff],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    c.bench_function("commit one mark with its audit entry (durable)", |b| {
        b.iter(|| {
            journal::add_mark(&mut db, &teacher, lesson, student, "5", None, "", None).unwrap()
        })
    });
    // As the journal screen makes it: an operation through the one entry point, with the
    // inverse that Ctrl+Z applies.
    let op = [zhurnal::ops::Op::AddMark {
        id: None,
        lesson,
        student,
        value: "5".into(),
        work_type: None,
        comment: String::new(),
    }];
    c.bench_function("commit one mark as an operation (durable)", |b| {
        b.iter(|| zhurnal::ops::apply(&mut db, &teacher, &op, None).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
