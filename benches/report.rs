//! Printing on the 1,000-student demo school (targets, release build): the whole school's year
//! ledger ≤ 0.35 s, one class's weekly batch ≤ 0.2 s, one class's whole-year journal ≤ 1 s —
//! each from the database to the PDF's bytes (gathering and rendering).

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use zhurnal::auth;
use zhurnal::db::{Clock, Db};
use zhurnal::demo::{self, DemoOptions};
use zhurnal::model::*;
use zhurnal::report::weekly::{self, Who};
use zhurnal::report::{Form, PeriodChoice, Progress, Request, gather, journal, ledger};
use zhurnal::school;

fn at(y: i32, m: u32, d: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    // A finished year for the ledger and the whole-year journal; this autumn for the weekly batch.
    let past = dir.path().join("past.sqlite");
    demo::generate(
        &past,
        &DemoOptions {
            students: 1000,
            seed: 1,
            year: Some(2025),
            today: None,
        },
        &mut |_| {},
    )
    .unwrap();
    let now = dir.path().join("now.sqlite");
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    demo::generate(
        &now,
        &DemoOptions {
            students: 1000,
            seed: 1,
            year: None,
            today: Some(today),
        },
        &mut |_| {},
    )
    .unwrap();

    let mut db = Db::open(&past)
        .unwrap()
        .with_clock(Clock::Fixed(at(2026, 6, 26)));
    let archivist = auth::login(&mut db, "archivist", "archivist").unwrap();
    let year = school::years(&db.conn).unwrap().remove(0);
    let mut g = c.benchmark_group("report");
    g.sample_size(10).measurement_time(Duration::from_secs(10));

    let l = ledger::gather_school(&db, &archivist, &year, &mut Progress::none()).unwrap();
    let pages = ledger::render(&l, &mut Progress::none()).unwrap();
    eprintln!(
        "ledger: {} classes, {} students, {} KB",
        l.classes.len(),
        l.classes.iter().map(|c| c.rows.len()).sum::<usize>(),
        pages.len() / 1024
    );
    g.bench_function("whole-school year ledger (gather + render)", |b| {
        b.iter(|| {
            let l = ledger::gather_school(&db, &archivist, &year, &mut Progress::none()).unwrap();
            ledger::render(&l, &mut Progress::none()).unwrap()
        })
    });

    // The biggest class's journal: every subject, every quarter.
    let class: ClassId = db
        .conn
        .query_row(
            "SELECT class_id FROM enrolment GROUP BY class_id ORDER BY count(*) DESC, class_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut req = Request::new(Form::Journal);
    req.class = Some(class);
    req.period = Some(PeriodChoice::Year);
    let book = gather(&mut db, &archivist, &req, &mut Progress::none()).unwrap();
    let zhurnal::report::Report::Journal(book) = book else {
        unreachable!()
    };
    let bytes = journal::render(&book, &mut Progress::none()).unwrap();
    eprintln!(
        "journal: {} spreads, {} KB",
        book.classes[0].spreads.len(),
        bytes.len() / 1024
    );
    g.bench_function("one class's whole-year journal (gather + render)", |b| {
        b.iter(|| {
            let book = journal::gather(
                &db,
                &archivist,
                &year,
                Some(class),
                None,
                None,
                &mut Progress::none(),
            )
            .unwrap();
            journal::render(&book, &mut Progress::none()).unwrap()
        })
    });

    // A class's weekly batch, every student of the class (the worst case: usually only the few
    // families on paper get one).
    let mut db = Db::open(&now)
        .unwrap()
        .with_clock(Clock::Fixed(at(2026, 11, 20)));
    let director = auth::login(&mut db, "director", "director").unwrap();
    let class: ClassId = db
        .conn
        .query_row("SELECT class_id FROM enrolment GROUP BY class_id ORDER BY count(*) DESC, class_id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let (from, to) = (
        NaiveDate::from_ymd_opt(2026, 11, 9).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 14).unwrap(),
    );
    let batch = weekly::gather_class(
        &db,
        &director,
        class,
        from,
        to,
        Who::Everyone,
        &mut Progress::none(),
    )
    .unwrap();
    eprintln!("weekly: {} summaries", batch.summaries.len());
    g.bench_function(
        "one class's weekly batch, every student (gather + render)",
        |b| {
            b.iter(|| {
                let batch = weekly::gather_class(
                    &db,
                    &director,
                    class,
                    from,
                    to,
                    Who::Everyone,
                    &mut Progress::none(),
                )
                .unwrap();
                weekly::render(&batch, &mut Progress::none()).unwrap()
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
