//! The one error type of the journal core. `Clone` (sources wrapped in `Arc`) so the GUI can keep it
//! in its state; every variant says in plain words what went wrong. The GUI translates the kinds it
//! shows through `i18n`; the English `Display` text is for the CLI and logs.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Db(Arc<rusqlite::Error>),
    #[error("file error: {0}")]
    Io(Arc<std::io::Error>),
    #[error("the file {0} does not exist")]
    Missing(String),
    #[error("no permission to read {0}")]
    NoAccess(String),
    #[error("{0} is not a Zhurnal journal file")]
    Foreign(String),
    #[error("the journal file is damaged: {0}; restore it from a backup")]
    Corrupt(String),
    #[error(
        "the journal file was written by a newer Zhurnal (format {found}, this program reads up to {supported}); install the newer program"
    )]
    TooNew { found: i64, supported: i64 },
    #[error("the journal file is busy: another program is writing to it; try again in a moment")]
    Busy,
    #[error("the journal file is read-only: {0}")]
    ReadOnly(String),
    #[error("the disk is full; nothing was lost, free some space and try again")]
    DiskFull,
    #[error("{0}")]
    Auth(#[from] AuthError),
    #[error("not allowed: {0}")]
    Denied(#[from] Denied),
    #[error("{0}")]
    Invalid(#[from] Invalid),
    #[error("not found: {0}")]
    NotFound(String),
}

/// Why a login or a password change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("wrong login or password ({remaining} attempts left before the account is locked)")]
    WrongPassword { remaining: u32 },
    #[error("the account is locked after repeated wrong passwords until {until}")]
    LockedOut { until: NaiveDateTime },
    #[error("the account is switched off; ask the administrator")]
    Inactive,
    #[error("the account is locked as compromised; ask the administrator")]
    Compromised,
    #[error("the new password must have at least {min} characters")]
    TooShort { min: usize },
    #[error("the new password must differ from the login and the old password")]
    SameAsOld,
    #[error("the session has ended; log in again")]
    SessionEnded,
    /// The lock screen's password is not the locked user's (not counted against the account:
    /// it is often the next person typing their own).
    #[error("this is not the password of the locked account")]
    NotTheLockedUser,
}

/// Why the core refused a change. Each variant is a rule of the domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("your role does not allow this")]
    Role,
    #[error("this is not your course or lesson")]
    NotYourCourse,
    #[error("the edit window for this lesson closed on {0}")]
    EditWindowClosed(NaiveDate),
    #[error("the period's final marks are set; the period is closed")]
    PeriodClosed,
    #[error("the school year is closed and archived")]
    YearClosed,
    #[error("the lesson has not taken place yet")]
    FutureLesson,
    #[error("the lesson was cancelled")]
    LessonCancelled,
    #[error("the student was not in this class or group on that date")]
    NotOnList,
    #[error("a correction after the lock needs a reason")]
    ReasonRequired,
}

/// Bad input, with what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("«{value}» is not a mark on the {scale} scale")]
    Mark { value: String, scale: &'static str },
    #[error("«{0}» is not an attendance code (Н, Б, УП, ОП)")]
    Attendance(String),
    #[error("«{0}» is not a date (expected DD.MM.YYYY)")]
    Date(String),
    #[error("«{0}» is not an academic year (expected 2025/2026)")]
    Year(String),
    /// A refusal worded in `i18n/*.ftl`: shown in the user's language, printed in English by
    /// `Display` (logs, and the CLI when the locale is not Russian).
    #[error("{0}")]
    Said(Said),
    /// Text that is not for a school's staff (a library's own message); shown as it is.
    #[error("{0}")]
    Other(String),
}

/// A message of the core named by its key in `i18n/*.ftl` (all such keys start with `said-`) and
/// the values it names: numbers stay numbers so Russian plurals agree (1 урок, 2 урока, 5 уроков).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// One value in a [`Said`] message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Self {
        Arg::Text(crate::model::format_date(d))
    }
}
impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Self {
        Arg::Text(p.display().to_string())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as i64)
            }
        }
    )*};
}
number_arg!(i32, i64, u8, u16, u32, usize);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Tr::english().said(self))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, msg) = &e {
            match f.code {
                C::DatabaseBusy | C::DatabaseLocked => return Error::Busy,
                C::DiskFull => return Error::DiskFull,
                C::DatabaseCorrupt => {
                    return Error::Corrupt(msg.clone().unwrap_or_else(|| "corrupt".into()));
                }
                C::NotADatabase => return Error::Foreign(msg.clone().unwrap_or_default()),
                C::ReadOnly => return Error::ReadOnly(msg.clone().unwrap_or_default()),
                _ => {}
            }
        }
        Error::Db(Arc::new(e))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(Arc::new(e))
    }
}

impl Error {
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(Invalid::Other(msg.into()))
    }

    /// Bad input or a refused change, worded by `key` in `i18n/*.ftl` with its values:
    /// `Error::said("said-range-backwards", &[])`,
    /// `Error::said("said-login-taken", &[("login", login.into())])`.
    pub fn said(key: &'static str, args: &[(&'static str, Arg)]) -> Self {
        Error::Invalid(Invalid::Said(Said {
            key,
            args: args.to_vec(),
        }))
    }

    /// A refusal worded by any i18n `key` whose values are texts (the typed problems of the
    /// setup screens, which the screens word the same way before they save).
    pub fn worded(key: &'static str, args: Vec<(&'static str, String)>) -> Self {
        Error::Invalid(Invalid::Said(Said {
            key,
            args: args.into_iter().map(|(k, v)| (k, Arg::Text(v))).collect(),
        }))
    }

    /// The `said-…` key of a worded refusal, for tests and for screens that react to one kind.
    pub fn said_key(&self) -> Option<&'static str> {
        match self {
            Error::Invalid(Invalid::Said(s)) => Some(s.key),
            _ => None,
        }
    }
}
