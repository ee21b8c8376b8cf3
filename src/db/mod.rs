//! Opening a journal file: refusing what is not ours or is too new, the connection's PRAGMAs, and
//! schema migrations keyed on `user_version`, applied in one immediate transaction. Migrations are
//! append-only: a change to the schema is a new file in `MIGRATIONS`, never an edit of an old one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of a Zhurnal file: "ZHNL".
pub const APPLICATION_ID: i64 = 0x5A48_4E4C;

/// The schema, one entry a version. Never edit a released entry; append.
const MIGRATIONS: &[&str] = &[
    include_str!("schema_001.sql"),
    include_str!("schema_002.sql"),
    include_str!("schema_003.sql"),
    include_str!("schema_004.sql"),
    include_str!("schema_005.sql"),
    include_str!("schema_006.sql"),
    include_str!("schema_007.sql"),
    include_str!("schema_008.sql"),
    include_str!("schema_009.sql"),
];

/// The newest schema version this program knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Where "now" comes from: the system clock, or a fixed moment (tests, demo builds of a past year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(NaiveDateTime),
}

impl Clock {
    pub fn now(&self) -> NaiveDateTime {
        match self {
            Clock::System => chrono::Local::now().naive_local().with_nanosecond0(),
            Clock::Fixed(t) => *t,
        }
    }
    pub fn today(&self) -> chrono::NaiveDate {
        self.now().date()
    }
}

trait TruncNanos {
    fn with_nanosecond0(self) -> Self;
}
impl TruncNanos for NaiveDateTime {
    fn with_nanosecond0(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

/// An open journal file: the connection and the clock every rule reads "today" from.
pub struct Db {
    pub conn: Connection,
    pub clock: Clock,
    pub path: PathBuf,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

impl Db {
    /// Opens an existing journal file, upgrading its schema if it is older than this program.
    pub fn open(path: &Path) -> Result<Db> {
        std::fs::metadata(path).map_err(|e| file_error(path, e))?;
        check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut db = Db {
            conn,
            clock: Clock::System,
            path: path.to_path_buf(),
        };
        db.configure()?;
        let app_id: i64 = db
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version = db.schema_version()?;
        if app_id != APPLICATION_ID && !(app_id == 0 && version == 0 && is_empty(&db.conn)?) {
            return Err(Error::Foreign(path.display().to_string()));
        }
        db.migrate()?;
        Ok(db)
    }

    /// Opens a journal file only to read it (`zhurnal check` on a write-protected file or disk):
    /// nothing is written, not even a schema upgrade, so the file must be of this program's
    /// format. Without a `-wal` file beside it (a journal closed cleanly, as on a USB stick made
    /// read-only), it is read as immutable: SQLite then needs no `-shm` file, which a read-only
    /// folder could not hold.
    pub fn open_read_only(path: &Path) -> Result<Db> {
        std::fs::metadata(path).map_err(|e| file_error(path, e))?;
        check_header(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut uri = path
            .to_string_lossy()
            .replace('%', "%25")
            .replace('?', "%3f");
        uri = uri.replace('#', "%23");
        if cfg!(windows) {
            // SQLite's URIs name C:\x\y.sqlite as /C:/x/y.sqlite.
            uri = uri.replace('\\', "/");
            if !uri.starts_with('/') {
                uri.insert(0, '/');
            }
        }
        let wal = {
            let mut w = path.as_os_str().to_owned();
            w.push("-wal");
            PathBuf::from(w)
        };
        let mode = if wal.exists() {
            "mode=ro"
        } else {
            "immutable=1"
        };
        let mut conn = Connection::open_with_flags(format!("file:{uri}?{mode}"), flags)?;
        conn.busy_handler(Some(busy_retry))?;
        tune(&conn)?;
        let db = Db {
            conn,
            clock: Clock::System,
            path: path.to_path_buf(),
        };
        let app_id: i64 = db
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            return Err(Error::Foreign(path.display().to_string()));
        }
        let version = db.schema_version()?;
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < SCHEMA_VERSION {
            return Err(Error::ReadOnly(format!(
                "format {version} must be upgraded to {SCHEMA_VERSION}, which needs writing"
            )));
        }
        Ok(db)
    }

    /// Creates a new, empty journal file. Refuses to overwrite an existing file.
    pub fn create(path: &Path) -> Result<Db> {
        if path.exists() {
            return Err(Error::said("said-file-exists", &[("path", path.into())]));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        let mut db = Db {
            conn,
            clock: Clock::System,
            path: path.to_path_buf(),
        };
        db.configure()?;
        db.conn
            .pragma_update(None, "application_id", APPLICATION_ID)?;
        db.migrate()?;
        Ok(db)
    }

    /// An in-memory journal for tests.
    pub fn memory() -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        let mut db = Db {
            conn,
            clock: Clock::System,
            path: PathBuf::from(":memory:"),
        };
        db.configure()?;
        db.conn
            .pragma_update(None, "application_id", APPLICATION_ID)?;
        db.migrate()?;
        Ok(db)
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn configure(&mut self) -> Result<()> {
        // Another program (a second copy, another PC on a shared folder) holding the write lock:
        // wait and retry for up to half a minute rather than fail, and let the GUI say so.
        self.conn.busy_handler(Some(busy_retry))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // WAL with full durability: an acknowledged mark survives a power cut.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if mode != "wal" && mode != "memory" {
            return Err(Error::ReadOnly(format!("journal mode {mode}")));
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        tune(&self.conn)?;
        Ok(())
    }

    /// Brings the schema up to this program's version (after a restore of an older backup).
    pub fn upgrade(&mut self) -> Result<()> {
        self.migrate()
    }

    fn migrate(&mut self) -> Result<()> {
        let version = self.schema_version()?;
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn immediate(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// When a connection of this process last waited for another program's write (milliseconds
/// since the Unix epoch; 0 = never).
static LAST_WAIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Is the journal busy with another program's write right now (the GUI shows "busy, retrying")?
pub fn waiting_for_other_program() -> bool {
    now_ms().saturating_sub(LAST_WAIT.load(std::sync::atomic::Ordering::Relaxed)) < 1500
}

/// SQLite's busy handler: called with the number of retries so far; sleeps a little longer each
/// time, up to about 30 seconds in all, then gives up (the caller gets `Error::Busy`).
fn busy_retry(attempt: i32) -> bool {
    LAST_WAIT.store(now_ms(), std::sync::atomic::Ordering::Relaxed);
    if attempt >= 130 {
        return false;
    }
    std::thread::sleep(Duration::from_millis(if attempt < 20 { 50 } else { 250 }));
    true
}

/// A file that cannot be reached, by why: not there, or there but not this user's to read.
fn file_error(path: &Path, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => Error::Missing(path.display().to_string()),
        std::io::ErrorKind::PermissionDenied => Error::NoAccess(path.display().to_string()),
        _ => e.into(),
    }
}

/// Refuses a file that is not SQLite at all before SQLite gets to it.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| file_error(path, e))?;
    let mut head = [0u8; 16];
    let n = f.read(&mut head)?;
    if n == 0 {
        return Ok(()); // an empty file becomes a new journal
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(Error::Foreign(path.display().to_string()));
    }
    Ok(())
}

fn is_empty(conn: &Connection) -> Result<bool> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM sqlite_schema")?
        .query_row([], |r| r.get(0))?;
    Ok(n == 0)
}

/// Settings stored in the `setting` table, with their defaults.
pub mod settings {
    use rusqlite::{Connection, OptionalExtension, params};

    use crate::error::Result;
    use crate::model::{EditWindow, Rounding};

    pub const EDIT_WINDOW: &str = "edit_window";
    pub const ROUNDING: &str = "rounding";
    pub const IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";
    pub const MAX_FAILED_LOGINS: &str = "max_failed_logins";
    pub const LOCKOUT_MINUTES: &str = "lockout_minutes";
    pub const BACKUP_DIR: &str = "backup_dir";

    pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
        Ok(conn
            .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO setting(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )?
        .execute(params![key, value])?;
        Ok(())
    }

    pub fn edit_window(conn: &Connection) -> Result<EditWindow> {
        Ok(get(conn, EDIT_WINDOW)?
            .and_then(|v| EditWindow::from_code(&v))
            .unwrap_or(EditWindow::TwoWeeks))
    }

    pub fn rounding(conn: &Connection) -> Result<Rounding> {
        Ok(get(conn, ROUNDING)?
            .and_then(|v| Rounding::from_code(&v))
            .unwrap_or(Rounding::HalfUp))
    }

    fn number(conn: &Connection, key: &str, default: u32) -> Result<u32> {
        Ok(get(conn, key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    }

    pub fn idle_lock_minutes(conn: &Connection) -> Result<u32> {
        number(conn, IDLE_LOCK_MINUTES, 5)
    }
    pub fn max_failed_logins(conn: &Connection) -> Result<u32> {
        number(conn, MAX_FAILED_LOGINS, 5)
    }
    pub fn lockout_minutes(conn: &Connection) -> Result<u32> {
        number(conn, LOCKOUT_MINUTES, 15)
    }
}

/// Removes a journal file this program just made and could not finish, with its `-wal`, `-shm`
/// and `-journal` companions (best effort: there is nothing left to save in it).
pub fn remove_journal(path: &Path) {
    let _ = std::fs::remove_file(path);
    for tail in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(tail);
        let _ = std::fs::remove_file(std::path::PathBuf::from(p));
    }
}

/// Formats a moment as the database stores it.
pub fn ts(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Settings of a connection that only make it faster; what is stored does not depend on them.
/// - The query planner keeps one plan per statement (`ENABLE_QPSG`). Without it SQLite prepares a
///   cached statement afresh whenever a new value is bound to a parameter that the plan might
///   depend on, and with the partial indexes (`… WHERE x IS NOT NULL`) that is nearly every
///   parameter that meets an indexed column: about a quarter of the demo's time went to
///   re-preparing the same few statements.
/// - The statements of one operation (its rules, its writes, its audit entry) stay prepared: more
///   than the default 16 take turns, and each evicted one would be parsed again.
/// - A savepoint's statement journal (one per operation in a batch) is kept in memory rather than
///   in a temporary file.
fn tune(conn: &Connection) -> Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.set_prepared_statement_cache_capacity(256);
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_gets_the_whole_schema_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("j.sqlite");
        drop(Db::create(&p).unwrap());
        let db = Db::open(&p).unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        let fk: i64 = db
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = db
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous = FULL");
    }

    #[test]
    fn a_file_from_a_newer_program_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("j.sqlite");
        let db = Db::create(&p).unwrap();
        db.conn
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(db);
        match Db::open(&p) {
            Err(Error::TooNew { found, supported }) => {
                assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
            }
            other => panic!("expected TooNew, got {other:?}"),
        }
    }

    #[test]
    fn how_often_a_plan_topic_was_taken_is_counted_from_an_index_not_every_lesson() {
        let db = Db::memory().unwrap();
        let plan: Vec<String> = db
            .conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT p.id, (SELECT count(*) FROM lesson l WHERE l.plan_topic_id = p.id)
                 FROM plan_topic p WHERE p.course_id = 1",
            )
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            plan.iter().any(|s| s.contains("lesson_plan_topic")),
            "{plan:?}"
        );
    }

    fn plan_of(db: &Db, sql: &str) -> Vec<String> {
        let mut st = db
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let nulls = std::iter::repeat_n(rusqlite::types::Null, st.parameter_count());
        st.query_map(rusqlite::params_from_iter(nulls), |r| r.get(3))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_timetable_change_finds_its_clashes_from_indexes_not_every_lesson() {
        let db = Db::memory().unwrap();
        let booked = plan_of(&db, crate::lessons::timetable::BOOKED_SQL);
        assert!(
            booked.iter().any(|s| s.contains("timetable_slot")),
            "{booked:?}"
        );
        let placed = plan_of(&db, crate::lessons::timetable::PLACED_SQL);
        assert!(
            placed.iter().any(|s| s.contains("lesson_placed")),
            "{placed:?}"
        );
    }

    #[test]
    fn a_cached_statement_is_not_prepared_again_for_each_new_value() {
        // With the query planner free to re-plan for each bound value, a statement meeting a
        // partial index was parsed afresh at every use: the demo spent a quarter of its time so.
        let db = Db::memory().unwrap();
        let on: bool = db
            .conn
            .db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG)
            .unwrap();
        assert!(on);
        let temp: i64 = db
            .conn
            .query_row("PRAGMA temp_store", [], |r| r.get(0))
            .unwrap();
        assert_eq!(temp, 2, "statement journals in memory");
    }

    #[test]
    fn foreign_and_missing_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "this is not a database at all").unwrap();
        assert!(matches!(Db::open(&text), Err(Error::Foreign(_))));
        let other = dir.path().join("other.sqlite");
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t(x)").unwrap();
        drop(c);
        assert!(matches!(Db::open(&other), Err(Error::Foreign(_))));
        assert!(matches!(
            Db::open(&dir.path().join("none.sqlite")),
            Err(Error::Missing(_))
        ));
    }

    #[test]
    fn a_file_not_there_and_a_file_not_ours_to_read_are_told_apart() {
        let p = Path::new("/media/usb/school.sqlite");
        let not_found = std::io::Error::from(std::io::ErrorKind::NotFound);
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(matches!(file_error(p, not_found), Error::Missing(_)));
        assert!(matches!(file_error(p, denied), Error::NoAccess(ref s) if s.contains("usb")));
        let other = std::io::Error::from(std::io::ErrorKind::Interrupted);
        assert!(matches!(file_error(p, other), Error::Io(_)));
    }

    #[test]
    fn the_audit_log_cannot_be_rewritten() {
        let db = Db::memory().unwrap();
        db.conn
            .prepare_cached(
                "INSERT INTO audit(at, action, entity, prev_hash, hash) VALUES ('t','a','e','','')",
            )
            .unwrap()
            .execute([])
            .unwrap();
        assert!(
            db.conn
                .prepare_cached("UPDATE audit SET action = 'x'")
                .unwrap()
                .execute([])
                .is_err()
        );
        assert!(
            db.conn
                .prepare_cached("DELETE FROM audit")
                .unwrap()
                .execute([])
                .is_err()
        );
    }
}
