//! Backups and restore. A backup is a consistent copy made with SQLite's online backup API (never a
//! file copy of a live database), written under a temporary name, checked (integrity, schema,
//! application id), synced to disk and only then given its final name. Automatic backups rotate:
//! the newest of each of the last 14 days and of each of the last 8 weeks are kept; manual and
//! period-end backups are never removed by rotation.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};

use crate::db::{APPLICATION_ID, Db, SCHEMA_VERSION, settings};
use crate::error::{Error, Result};
use crate::school;

/// Forces a written file's contents to the disk. The file is opened for writing (never truncated):
/// Windows flushes only through a handle with write access (`FlushFileBuffers` on a read-only
/// handle is «Access denied», os error 5), and Unix accepts either.
pub fn sync_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .sync_all()?;
    Ok(())
}

/// Makes a rename inside `dir` durable where the system allows it. Unix flushes a directory
/// through a read-only handle; Windows cannot open a directory as a file and needs no such step
/// (NTFS journals the rename), so a failure here is not an error.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Why a backup was made; it is part of the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// At start-up and once a day; rotated.
    Auto,
    /// "Back up now"; kept until removed by hand.
    Manual,
    /// At a period's end; kept.
    PeriodEnd,
}

impl BackupKind {
    fn suffix(self) -> &'static str {
        match self {
            BackupKind::Auto => "",
            BackupKind::Manual => "-manual",
            BackupKind::PeriodEnd => "-period",
        }
    }
}

/// A backup file found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub taken_at: NaiveDateTime,
    pub kind: BackupKind,
    pub bytes: u64,
}

/// What a backup holds, shown before a restore.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupSummary {
    pub school: Option<String>,
    pub years: Vec<String>,
    pub schema_version: i64,
    pub counts: Vec<(&'static str, i64)>,
}

/// The backup folder: the administrator's choice, or `backups` beside the journal file.
pub fn backup_dir(db: &Db) -> Result<PathBuf> {
    if let Some(dir) =
        settings::get(&db.conn, settings::BACKUP_DIR)?.filter(|d| !d.trim().is_empty())
    {
        return Ok(PathBuf::from(dir));
    }
    Ok(db
        .path
        .parent()
        .map(|p| p.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups")))
}

fn file_name(at: NaiveDateTime, kind: BackupKind) -> String {
    format!(
        "zhurnal-{}{}.sqlite",
        at.format("%Y-%m-%d_%H%M%S"),
        kind.suffix()
    )
}

fn parse_name(name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name.strip_prefix("zhurnal-")?.strip_suffix(".sqlite")?;
    let (stamp, kind) = if let Some(s) = rest.strip_suffix("-manual") {
        (s, BackupKind::Manual)
    } else if let Some(s) = rest.strip_suffix("-period") {
        (s, BackupKind::PeriodEnd)
    } else {
        (rest, BackupKind::Auto)
    };
    NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d_%H%M%S")
        .ok()
        .map(|t| (t, kind))
}

/// Makes one verified backup of `db` into `dir`, then rotates the automatic ones.
pub fn backup(db: &Db, dir: &Path, kind: BackupKind) -> Result<BackupFile> {
    std::fs::create_dir_all(dir)?;
    let mut at = db.clock.now();
    let mut target = dir.join(file_name(at, kind));
    while target.exists() {
        at += chrono::Duration::seconds(1);
        target = dir.join(file_name(at, kind));
    }
    let partial = dir.join(format!(".{}.partial", file_name(at, kind)));
    let _ = std::fs::remove_file(&partial);
    let result = (|| -> Result<()> {
        db.conn.backup(
            rusqlite::MAIN_DB,
            &partial,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        {
            // A self-contained file: no WAL beside it.
            let c = Connection::open(&partial)?;
            c.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        }
        verify_file(&partial)?;
        sync_file(&partial)?;
        std::fs::rename(&partial, &target)?;
        sync_dir(dir);
        Ok(())
    })();
    if let Err(e) = result {
        // SQLite's rollback journal of the half-written copy goes with it.
        crate::db::remove_journal(&partial);
        return Err(e);
    }
    let bytes = std::fs::metadata(&target)?.len();
    rotate(dir)?;
    Ok(BackupFile {
        path: target,
        taken_at: at,
        kind,
        bytes,
    })
}

/// Checks a journal file without changing it: SQLite's integrity check, our application id, and a
/// schema this program can read. Returns the schema version.
pub fn verify_file(path: &Path) -> Result<i64> {
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let app: i64 = c.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app != APPLICATION_ID {
        return Err(Error::Foreign(path.display().to_string()));
    }
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(Error::Corrupt(format!("{}: {ok}", path.display())));
    }
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// What a backup holds: school, years, counts.
pub fn inspect(path: &Path) -> Result<BackupSummary> {
    let schema_version = verify_file(path)?;
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(BackupSummary {
        school: school::profile(&c)?.map(|s| s.name),
        years: school::years(&c)?.into_iter().map(|y| y.name).collect(),
        schema_version,
        counts: school::counts(&c)?,
    })
}

/// The backups in a folder, newest first.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for e in entries {
        let e = e?;
        let name = e.file_name().to_string_lossy().to_string();
        if let Some((taken_at, kind)) = parse_name(&name) {
            out.push(BackupFile {
                path: e.path(),
                taken_at,
                kind,
                bytes: e.metadata()?.len(),
            });
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(out)
}

/// Keeps the newest automatic backup of each of the last 14 days and of each of the last 8 ISO
/// weeks; removes the other automatic ones.
pub fn rotate(dir: &Path) -> Result<Vec<PathBuf>> {
    let all = list(dir)?;
    let mut keep: HashSet<PathBuf> = HashSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for b in all.iter().filter(|b| b.kind == BackupKind::Auto) {
        let day = b.taken_at.date();
        if !days.contains(&day) && days.len() < 14 {
            days.push(day);
            keep.insert(b.path.clone());
        }
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) && weeks.len() < 8 {
            weeks.push(week);
            keep.insert(b.path.clone());
        }
    }
    let mut removed = Vec::new();
    for b in all
        .into_iter()
        .filter(|b| b.kind == BackupKind::Auto && !keep.contains(&b.path))
    {
        std::fs::remove_file(&b.path)?;
        removed.push(b.path);
    }
    Ok(removed)
}

/// Is an automatic backup due: none in `dir` within the last 24 hours?
pub fn due(dir: &Path, now: NaiveDateTime) -> Result<bool> {
    Ok(!list(dir)?
        .iter()
        .any(|b| now - b.taken_at < chrono::Duration::hours(24) && b.taken_at <= now))
}

/// Replaces the journal file at `db_path` with a backup. The backup is checked first; the current
/// file is saved beside itself (`….before-restore-<time>.sqlite`) before anything changes. Returns
/// that saved copy. The journal must not be open elsewhere in this process.
pub fn restore(db_path: &Path, backup_path: &Path, now: NaiveDateTime) -> Result<Option<PathBuf>> {
    verify_file(backup_path)?;
    let saved = if db_path.exists() {
        let mut name = db_path.file_stem().unwrap_or_default().to_os_string();
        name.push(format!(
            ".before-restore-{}.sqlite",
            now.format("%Y-%m-%d_%H%M%S")
        ));
        let saved = db_path.with_file_name(name);
        let src = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY);
        match src.and_then(|c| {
            c.backup(
                rusqlite::MAIN_DB,
                &saved,
                None::<fn(rusqlite::backup::Progress)>,
            )
        }) {
            Ok(()) => {}
            // A damaged current file is kept byte for byte instead.
            Err(_) => {
                std::fs::copy(db_path, &saved)?;
            }
        }
        sync_file(&saved)?;
        Some(saved)
    } else {
        None
    };
    {
        let mut dst = Connection::open(db_path)?;
        dst.busy_timeout(std::time::Duration::from_secs(5))?;
        dst.restore(
            rusqlite::MAIN_DB,
            backup_path,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        dst.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    }
    // Opening upgrades an older backup's schema and proves the result readable.
    let db = Db::open(db_path)?;
    let ok: String = db
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(Error::Corrupt(ok));
    }
    Ok(saved)
}

/// Restores a backup into the journal the program has open (the GUI): the backup is checked,
/// the current journal saved beside itself, then the backup's pages replace the live database
/// through SQLite's backup API in one step. Returns the saved copy of the journal as it was.
pub fn restore_into(db: &mut Db, backup_path: &Path) -> Result<PathBuf> {
    verify_file(backup_path)?;
    let now = db.clock.now();
    let mut name = db.path.file_stem().unwrap_or_default().to_os_string();
    name.push(format!(
        ".before-restore-{}.sqlite",
        now.format("%Y-%m-%d_%H%M%S")
    ));
    let saved = db.path.with_file_name(name);
    db.conn.backup(
        rusqlite::MAIN_DB,
        &saved,
        None::<fn(rusqlite::backup::Progress)>,
    )?;
    sync_file(&saved)?;
    db.conn.restore(
        rusqlite::MAIN_DB,
        backup_path,
        None::<fn(rusqlite::backup::Progress)>,
    )?;
    db.conn
        .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    db.upgrade()?;
    let ok: String = db
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(Error::Corrupt(ok));
    }
    Ok(saved)
}

/// The automatic backup: one into the backup folder if none was made in the last 24 hours.
pub fn auto(db: &Db) -> Result<Option<BackupFile>> {
    let dir = backup_dir(db)?;
    if !due(&dir, db.clock.now())? {
        return Ok(None);
    }
    backup(db, &dir, BackupKind::Auto).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Clock;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn names_round_trip() {
        let t = at("2026-11-22 10:35");
        for k in [BackupKind::Auto, BackupKind::Manual, BackupKind::PeriodEnd] {
            assert_eq!(parse_name(&file_name(t, k)), Some((t, k)));
        }
        assert_eq!(parse_name("notes.txt"), None);
    }

    #[test]
    fn rotation_keeps_14_days_and_8_weeks_and_every_manual_backup() {
        let dir = tempfile::tempdir().unwrap();
        let start = at("2026-01-05 08:00");
        // Two automatic backups a day for 120 days, and one manual one at the start.
        for day in 0..120 {
            for h in [0, 6] {
                let t = start + chrono::Duration::days(day) + chrono::Duration::hours(h);
                std::fs::write(dir.path().join(file_name(t, BackupKind::Auto)), b"x").unwrap();
            }
        }
        std::fs::write(dir.path().join(file_name(start, BackupKind::Manual)), b"x").unwrap();
        rotate(dir.path()).unwrap();
        let left = list(dir.path()).unwrap();
        let autos: Vec<_> = left.iter().filter(|b| b.kind == BackupKind::Auto).collect();
        // 14 newest days; of the 8 newest weeks, 2 are already covered by those days.
        assert!(autos.len() >= 14 && autos.len() <= 22, "{}", autos.len());
        assert!(left.iter().any(|b| b.kind == BackupKind::Manual));
        // The newest of each kept day is the later one.
        assert!(
            autos
                .iter()
                .all(|b| b.taken_at.format("%H:%M").to_string() == "14:00")
        );
    }

    #[test]
    fn a_backup_restores_exactly_and_the_current_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite");
        let now = at("2026-11-20 14:00");
        let mut db = Db::create(&path).unwrap().with_clock(Clock::Fixed(now));
        crate::demo::populate(
            &mut db,
            &crate::demo::DemoOptions {
                students: 30,
                seed: 3,
                year: None,
                today: Some(now.date()),
            },
            &mut |_| {},
        )
        .unwrap();
        let before: i64 = db
            .conn
            .query_row("SELECT count(*) FROM mark", [], |r| r.get(0))
            .unwrap();
        let b = backup(&db, &dir.path().join("backups"), BackupKind::Manual).unwrap();
        assert_eq!(
            inspect(&b.path)
                .unwrap()
                .counts
                .iter()
                .find(|c| c.0 == "mark")
                .unwrap()
                .1,
            before
        );
        db.conn
            .execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit; DELETE FROM mark;")
            .unwrap();
        drop(db);
        let saved = restore(&path, &b.path, now).unwrap().unwrap();
        let db = Db::open(&path).unwrap();
        let after: i64 = db
            .conn
            .query_row("SELECT count(*) FROM mark", [], |r| r.get(0))
            .unwrap();
        assert_eq!(after, before);
        assert!(crate::check::check(&db).unwrap().healthy());
        let kept = Connection::open(&saved).unwrap();
        let n: i64 = kept
            .query_row("SELECT count(*) FROM mark", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "the file as it was before the restore is kept");
    }

    #[test]
    fn restoring_into_the_open_journal_gives_back_the_same_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite");
        let now = at("2026-11-20 14:00");
        let mut db = Db::create(&path).unwrap().with_clock(Clock::Fixed(now));
        crate::demo::populate(
            &mut db,
            &crate::demo::DemoOptions {
                students: 30,
                seed: 4,
                year: None,
                today: Some(now.date()),
            },
            &mut |_| {},
        )
        .unwrap();
        let dump = |db: &Db| -> Vec<(i64, String)> {
            db.conn
                .prepare("SELECT id, value FROM mark ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let before = dump(&db);
        let first = auto(&db)
            .unwrap()
            .expect("the first automatic backup is due");
        assert!(auto(&db).unwrap().is_none(), "one a day");
        db.conn
            .execute(
                "UPDATE mark SET value = '2' WHERE id IN (SELECT id FROM mark LIMIT 10)",
                [],
            )
            .unwrap();
        let saved = restore_into(&mut db, &first.path).unwrap();
        assert_eq!(
            dump(&db),
            before,
            "the restored journal is exactly the backed-up one"
        );
        assert!(saved.exists());
        assert!(crate::check::check(&db).unwrap().healthy());
    }

    #[test]
    fn a_truncated_or_foreign_backup_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite");
        let db = Db::create(&path).unwrap();
        let b = backup(&db, dir.path(), BackupKind::Manual).unwrap();
        drop(db);
        let bytes = std::fs::read(&b.path).unwrap();
        let cut = dir.path().join("cut.sqlite");
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        assert!(restore(&path, &cut, at("2026-11-20 14:00")).is_err());
        let text = dir.path().join("x.sqlite");
        std::fs::write(&text, "hello").unwrap();
        assert!(restore(&path, &text, at("2026-11-20 14:00")).is_err());
        assert!(Db::open(&path).is_ok());
        assert_eq!(
            std::fs::read_dir(dir.path())
                .unwrap()
                .filter(|e| e
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("before-restore"))
                .count(),
            0
        );
    }
}
