//! Reading printed forms back: the text a PDF reader extracts (`pdftotext` from poppler-utils),
//! page by page, and `qpdf --check` on the file. The report tests compare that text with the
//! database, never the PDF's bytes.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use chrono::NaiveDateTime;
use zhurnal::db::{Clock, Db};
use zhurnal::demo::{self, DemoOptions};

/// A written PDF and its extracted text.
pub struct Printed {
    pub path: PathBuf,
    _dir: tempfile::TempDir,
    /// `pdftotext -layout`, one string per page.
    pub pages: Vec<String>,
}

impl Printed {
    /// Writes `bytes`, checks the file with qpdf and extracts its text.
    pub fn new(bytes: &[u8]) -> Printed {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.pdf");
        std::fs::write(&path, bytes).unwrap();
        // ZHURNAL_KEEP_PDF=DIR keeps every printed form, named after its test, to look at.
        if let Ok(keep) = std::env::var("ZHURNAL_KEEP_PDF") {
            static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let test = std::thread::current()
                .name()
                .unwrap_or("form")
                .replace("::", "-");
            std::fs::create_dir_all(&keep).unwrap();
            std::fs::copy(&path, PathBuf::from(keep).join(format!("{test}-{n}.pdf"))).unwrap();
        }
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf (apt-get install qpdf)");
        assert!(
            check.status.success(),
            "qpdf --check failed: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let out = Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (apt-get install poppler-utils)");
        assert!(out.status.success(), "pdftotext failed");
        let text = String::from_utf8(out.stdout).unwrap();
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        Printed {
            path,
            _dir: dir,
            pages,
        }
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// All the text, whitespace runs folded to one space (for phrases that wrap).
    pub fn flat(&self) -> String {
        flat(&self.pages.join(" "))
    }

    pub fn all(&self) -> String {
        self.pages.join("\n")
    }

    /// Lines of all pages.
    pub fn lines(&self) -> Vec<String> {
        self.pages
            .iter()
            .flat_map(|p| p.lines().map(str::to_string))
            .collect()
    }
}

pub fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whitespace-separated words of a line.
pub fn tokens(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

/// One decimal with a comma, as the forms print percentages.
pub fn pct(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

pub fn dec2(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

/// A full past year (2025/2026) of the 150-student demo school, built once per test binary; a
/// private copy per test, its clock a month after the year ended.
pub fn past_year_db() -> (tempfile::TempDir, Db) {
    static T: OnceLock<PathBuf> = OnceLock::new();
    let template = T.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("zhurnal-report-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("past.sqlite");
        let _ = std::fs::remove_file(&p);
        let opts = DemoOptions {
            students: 150,
            seed: 7,
            year: Some(2025),
            today: None,
        };
        demo::generate(&p, &opts, &mut |_| {}).unwrap();
        let db = Db::open(&p).unwrap();
        db.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        p
    });
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("school.sqlite");
    std::fs::copy(template, &p).unwrap();
    let db = Db::open(&p).unwrap().with_clock(Clock::Fixed(past_now()));
    (dir, db)
}

/// 26 June 2026: the 2025/2026 year is over, its marks are set.
pub fn past_now() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 26)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}
