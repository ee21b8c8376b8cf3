//! The open journal file and the work done on it off the UI thread. `Db` is `Send` but not
//! `Sync`, so the app keeps it behind `Arc<Mutex<_>>` and every database call runs on a worker
//! thread whose result comes back as a future for `Task::perform`. Nothing here knows screens.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use iced::futures::Stream;
use iced::futures::channel::{mpsc, oneshot};

use crate::db::{Db, settings};
use crate::demo::{self, DemoOptions, DemoSummary};
use crate::error::{Error, Result};
use crate::school::{self, School, Year};

/// An open journal file, shared by the screens.
#[derive(Clone)]
pub struct JournalFile {
    db: Arc<Mutex<Db>>,
    path: PathBuf,
}

impl fmt::Debug for JournalFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JournalFile")
            .field("path", &self.path)
            .finish()
    }
}

/// What the frame around the screens shows about the file: the school, the year, and the
/// administrator's idle-lock setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub school: Option<School>,
    pub year: Option<Year>,
    /// Minutes without input before the program locks itself; 0 switches the lock off.
    pub idle_minutes: u32,
    pub today: NaiveDate,
}

impl Info {
    pub fn read(db: &Db) -> Result<Info> {
        let today = db.clock.today();
        Ok(Info {
            school: school::profile(&db.conn)?,
            year: school::current_year(&db.conn, today)?,
            idle_minutes: settings::idle_lock_minutes(&db.conn)?,
            today,
        })
    }
}

impl JournalFile {
    /// Opens `path` on a worker thread.
    pub async fn open(path: PathBuf, clock: crate::db::Clock) -> Result<(JournalFile, Info)> {
        blocking(move || {
            let db = Db::open(&path)?.with_clock(clock);
            let info = Info::read(&db)?;
            Ok((
                JournalFile {
                    db: Arc::new(Mutex::new(db)),
                    path,
                },
                info,
            ))
        })
        .await
    }

    /// Wraps a database that is already open (tests, a file just created).
    pub fn from_db(db: Db) -> JournalFile {
        let path = db.path.clone();
        JournalFile {
            db: Arc::new(Mutex::new(db)),
            path,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the database on a worker thread. Calls are serialised by the mutex; a panic in
    /// an earlier call does not poison the file for the next one (SQLite rolled its transaction
    /// back when the panic dropped it).
    pub fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Db) -> Result<T> + Send + 'static,
    ) -> impl Future<Output = Result<T>> + Send + 'static {
        let db = self.db.clone();
        blocking(move || {
            let mut db = db.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut db)
        })
    }
}

/// Runs `f` on a new thread and resolves to its result.
pub fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> impl Future<Output = Result<T>> + Send + 'static {
    let (tx, rx) = oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("zhurnal-work".into())
        .spawn(move || {
            let _ = tx.send(f());
        });
    async move {
        spawned.map_err(Error::from)?;
        rx.await.unwrap_or_else(|_| {
            Err(Error::Io(Arc::new(std::io::Error::other(
                "worker thread stopped",
            ))))
        })
    }
}

/// What building a demo school reports while it works.
#[derive(Debug, Clone)]
pub enum DemoEvent {
    /// 0.0 → 1.0.
    Progress(f32),
    Done(Result<DemoSummary>),
}

/// Builds the demo school into `path` on a worker thread, reporting progress. The school is built
/// into a side file and renamed into place when complete, so an interrupted build never leaves a
/// half-made demo that would open as if it were whole.
pub fn build_demo(
    path: PathBuf,
    opts: DemoOptions,
) -> impl Stream<Item = DemoEvent> + Send + 'static {
    let (tx, rx) = mpsc::unbounded();
    let spawned = std::thread::Builder::new()
        .name("zhurnal-demo".into())
        .spawn({
            let tx = tx.clone();
            move || {
                let result = generate_into(&path, &opts, &mut |p| {
                    let _ = tx.unbounded_send(DemoEvent::Progress(p));
                });
                let _ = tx.unbounded_send(DemoEvent::Done(result));
            }
        });
    if let Err(e) = spawned {
        let _ = tx.unbounded_send(DemoEvent::Done(Err(e.into())));
    }
    drop(tx);
    rx
}

fn generate_into(
    path: &Path,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoSummary> {
    let side = path.with_extension("building.sqlite");
    for p in with_sidecars(&side) {
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // Only tell the screen about visible steps: a message per whole percent.
    let mut last = -1i32;
    let summary = demo::generate(&side, opts, &mut |p| {
        let pct = (p * 100.0) as i32;
        if pct != last {
            last = pct;
            progress(p);
        }
    })?;
    std::fs::rename(&side, path)?;
    Ok(summary)
}

/// A journal file and the files SQLite keeps beside it while it is open (`-wal`, `-shm`).
pub fn with_sidecars(path: &Path) -> [PathBuf; 3] {
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [path.to_path_buf(), beside("-wal"), beside("-shm")]
}
