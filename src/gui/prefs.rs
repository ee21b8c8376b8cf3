//! What this computer remembers between runs: the language, the look, the last journal file and
//! the logins recently used with each file (the "pick your name" list of a shared staff-room PC).
//! A small JSON file in the user's config directory. Nothing about the school lives here — that
//! is all in the journal file. A missing or unreadable file means the defaults, never an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::theme::Look;
use crate::i18n::Lang;

/// How many recent logins a file keeps.
const RECENT: usize = 12;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prefs {
    pub lang: Lang,
    pub look: Look,
    pub last_db: Option<PathBuf>,
    recent: BTreeMap<String, Vec<String>>,
}

/// The file's shape: plain strings, so an unknown value from a newer program reads as a default.
#[derive(Serialize, Deserialize, Default)]
struct File {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    last_db: Option<PathBuf>,
    #[serde(default)]
    recent_logins: BTreeMap<String, Vec<String>>,
}

impl Prefs {
    pub const FILE_NAME: &'static str = "settings.json";

    /// Reads the preferences in `dir`, or the defaults.
    pub fn load(dir: &Path) -> Prefs {
        let Ok(text) = std::fs::read_to_string(dir.join(Self::FILE_NAME)) else {
            return Prefs::default();
        };
        let f: File = serde_json::from_str(&text).unwrap_or_default();
        Prefs {
            lang: Lang::from_code(&f.lang).unwrap_or_default(),
            look: Look::from_code(&f.theme).unwrap_or_default(),
            last_db: f.last_db,
            recent: f.recent_logins,
        }
    }

    /// Writes the preferences to `dir`, creating it. Written to a side file and renamed, so a crash
    /// mid-write leaves the old file.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let f = File {
            lang: self.lang.code().into(),
            theme: self.look.code().into(),
            last_db: self.last_db.clone(),
            recent_logins: self.recent.clone(),
        };
        let text = serde_json::to_string_pretty(&f).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!("{}.tmp", Self::FILE_NAME));
        std::fs::write(&tmp, text)?;
        std::fs::rename(tmp, dir.join(Self::FILE_NAME))
    }

    /// Logins used with `db` on this computer, most recent first.
    pub fn recent_logins(&self, db: &Path) -> &[String] {
        self.recent
            .get(&key(db))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Puts `login` at the head of `db`'s recent list.
    pub fn remember_login(&mut self, db: &Path, login: &str) {
        let list = self.recent.entry(key(db)).or_default();
        list.retain(|l| !l.eq_ignore_ascii_case(login));
        list.insert(0, login.to_string());
        list.truncate(RECENT);
    }

    /// Replaces `db`'s recent list: a new demo school offers all its accounts (a dozen at most);
    /// the list shortens to the usual length as people log in.
    pub fn set_recent_logins(&mut self, db: &Path, logins: Vec<String>) {
        self.recent.insert(key(db), logins);
    }
}

fn key(db: &Path) -> String {
    std::fs::canonicalize(db)
        .unwrap_or_else(|_| db.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Prefs::load(dir.path()), Prefs::default());
        let mut p = Prefs {
            lang: Lang::En,
            look: Look::Dark,
            ..Prefs::default()
        };
        let db = dir.path().join("j.sqlite");
        p.last_db = Some(db.clone());
        for l in ["a", "b", "A"] {
            p.remember_login(&db, l);
        }
        assert_eq!(p.recent_logins(&db), ["A", "b"]);
        p.save(dir.path()).unwrap();
        assert_eq!(Prefs::load(dir.path()), p);
    }

    #[test]
    fn a_damaged_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(Prefs::FILE_NAME), "{ not json").unwrap();
        assert_eq!(Prefs::load(dir.path()), Prefs::default());
    }
}
