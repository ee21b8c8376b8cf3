//! Building the 1,000-student demo school (target: ≤ 5 s in a release build).

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use zhurnal::demo::{self, DemoOptions};

fn build_demo(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let opts = DemoOptions {
        students: 1000,
        seed: 1,
        year: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 20),
    };
    let mut g = c.benchmark_group("demo");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    let mut n = 0;
    g.bench_function("generate 1000 students", |b| {
        b.iter(|| {
            n += 1;
            let p = dir.path().join(format!("demo-{n}.sqlite"));
            demo::generate(&p, &opts, &mut |_| {}).unwrap();
            std::fs::remove_file(&p).unwrap();
        })
    });
    g.finish();
}

criterion_group!(benches, build_demo);
criterion_main!(benches);
