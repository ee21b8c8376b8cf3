//! The year archive (seeds 001 §2.7–2.8, 000 §7.3): at the end of a year the administrator or the
//! archivist closes the year — read-only for everyone from then on — and writes an archive folder
//! with a snapshot of the journal, the printed forms, and `manifest.json` naming every file with
//! its SHA-256 and what it covers. The manifest's own SHA-256 is kept in the journal (`archive`
//! table), so a folder can be proven unaltered even if someone rewrote the manifest too.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::{self, Entry};
use crate::auth::{self, Session};
use crate::backup;
use crate::db::{Db, ts};
use crate::error::{Denied, Error, Result};
use crate::model::{Role, YearId};
use crate::school;

pub const MANIFEST: &str = "manifest.json";
pub const SNAPSHOT: &str = "journal.sqlite";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub name: String,
    pub sha256: String,
    pub bytes: u64,
    /// What the file is, in the school's words.
    pub covers: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub program: String,
    pub school: String,
    pub year: String,
    pub created_at: String,
    pub created_by: String,
    pub files: Vec<ManifestFile>,
}

/// Makes a document's bytes from the journal.
pub type Render<'a> = Box<dyn Fn(&Db) -> Result<Vec<u8>> + 'a>;

/// A document to put into the archive: file name, what it covers, and how to make its bytes.
pub struct Document<'a> {
    pub name: String,
    pub covers: String,
    pub render: Render<'a>,
}

pub fn sha256_file(path: &Path) -> Result<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex(&h.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Closes the year and writes its archive folder `<to>/<school year>` (e.g. `archive-2025-2026`).
/// Returns the folder.
pub fn archive_year(
    db: &mut Db,
    session: &Session,
    year: YearId,
    to: &Path,
    documents: Vec<Document>,
) -> Result<PathBuf> {
    let now = db.clock.now();
    let s = auth::refresh(&db.conn, session)?;
    if !(s.has(Role::Admin) || s.has(Role::Archivist)) {
        return Err(Denied::Role.into());
    }
    let y = school::years(&db.conn)?
        .into_iter()
        .find(|y| y.id == year)
        .ok_or_else(|| Error::NotFound(format!("year #{year}")))?;
    if now.date() <= y.end {
        return Err(Error::said(
            "said-archive-year-not-over",
            &[("year", y.name.as_str().into()), ("end", y.end.into())],
        ));
    }
    let folder = to.join(format!("archive-{}", y.name.replace('/', "-")));
    if folder.exists() && std::fs::read_dir(&folder)?.next().is_some() {
        return Err(Error::said(
            "said-folder-not-empty",
            &[("path", folder.as_path().into())],
        ));
    }
    let created = !folder.exists();
    std::fs::create_dir_all(&folder)?;
    // Close the year first, so the snapshot shows it closed.
    {
        let tx = db.immediate()?;
        tx.execute("UPDATE academic_year SET closed = 1 WHERE id = ?1", [year])?;
        audit::record(
            &tx,
            now,
            &Entry {
                staff: Some(s.staff),
                action: "close",
                entity: "year",
                entity_id: Some(year.0),
                new: Some(y.name.clone()),
                ..Default::default()
            },
        )?;
        tx.commit()?;
    }
    let written = (|| -> Result<()> {
        let mut files = Vec::new();
        let snap = folder.join(SNAPSHOT);
        db.conn.backup(
            rusqlite::MAIN_DB,
            &snap,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        {
            let c = rusqlite::Connection::open(&snap)?;
            c.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        }
        backup::verify_file(&snap)?;
        files.push((
            SNAPSHOT.to_string(),
            format!(
                "снимок базы данных электронного журнала за {} учебный год",
                y.name
            ),
        ));
        for d in documents {
            let bytes = (d.render)(db)?;
            let p = folder.join(&d.name);
            std::fs::write(&p, bytes)?;
            files.push((d.name, d.covers));
        }
        let mut entries = Vec::new();
        for (name, covers) in files {
            let p = folder.join(&name);
            backup::sync_file(&p)?;
            entries.push(ManifestFile {
                sha256: sha256_file(&p)?,
                bytes: std::fs::metadata(&p)?.len(),
                name,
                covers,
            });
        }
        let manifest = Manifest {
            format: "zhurnal-archive-1".into(),
            program: format!("zhurnal {}", env!("CARGO_PKG_VERSION")),
            school: school::profile(&db.conn)?
                .map(|p| p.name)
                .unwrap_or_default(),
            year: y.name.clone(),
            created_at: ts(now),
            created_by: format!("{} ({})", s.login, s.name.short()),
            files: entries,
        };
        let text =
            serde_json::to_string_pretty(&manifest).map_err(|e| Error::invalid(e.to_string()))?;
        let mp = folder.join(MANIFEST);
        std::fs::write(&mp, &text)?;
        backup::sync_file(&mp)?;
        backup::sync_dir(&folder);
        let manifest_sha = sha256_file(&mp)?;
        db.conn.execute(
            "INSERT INTO archive(year_id, path, manifest_sha256, created_at, created_by, last_checked_at, last_check_ok)
             VALUES (?1, ?2, ?3, ?4, ?5, ?4, 1)",
            params![year, folder.display().to_string(), manifest_sha, ts(now), s.staff],
        )?;
        Ok(())
    })();
    if let Err(e) = written {
        // Nothing half-done stays: the folder goes, and the year is open again as it was.
        if created {
            let _ = std::fs::remove_dir_all(&folder);
        } else if let Ok(entries) = std::fs::read_dir(&folder) {
            for e in entries.flatten() {
                let _ = std::fs::remove_file(e.path());
            }
        }
        if !y.closed {
            let why = format!("архив не записан: {e}");
            let at = db.clock.now();
            let tx = db.immediate()?;
            tx.execute("UPDATE academic_year SET closed = 0 WHERE id = ?1", [year])?;
            audit::record(
                &tx,
                at,
                &Entry {
                    staff: Some(s.staff),
                    action: "reopen",
                    entity: "year",
                    entity_id: Some(year.0),
                    old: Some(y.name.clone()),
                    reason: Some(&why),
                    ..Default::default()
                },
            )?;
            tx.commit()?;
        }
        return Err(e);
    }
    Ok(folder)
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyReport {
    pub manifest_sha256: String,
    pub year: String,
    pub unchanged: Vec<String>,
    pub changed: Vec<String>,
    pub missing: Vec<String>,
    pub unexpected: Vec<String>,
    /// The manifest differs from the one the journal recorded when the archive was written.
    pub manifest_replaced: bool,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.changed.is_empty()
            && self.missing.is_empty()
            && self.unexpected.is_empty()
            && !self.manifest_replaced
    }
}

/// Proves an archive folder unaltered, or names what changed. With a journal, also checks that
/// the manifest is the one recorded when the archive was written, and records the check.
pub fn verify(dir: &Path, db: Option<&Db>) -> Result<VerifyReport> {
    let mp = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&mp)
        .map_err(|_| Error::said("said-not-an-archive", &[("path", dir.into())]))?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
        Error::said(
            "said-archive-manifest-damaged",
            &[("detail", e.to_string().into())],
        )
    })?;
    let mut r = VerifyReport {
        manifest_sha256: sha256_file(&mp)?,
        year: manifest.year.clone(),
        ..Default::default()
    };
    for f in &manifest.files {
        let p = dir.join(&f.name);
        if !p.exists() {
            r.missing.push(f.name.clone());
        } else if sha256_file(&p)? != f.sha256 {
            r.changed.push(f.name.clone());
        } else {
            r.unchanged.push(f.name.clone());
        }
    }
    for e in std::fs::read_dir(dir)? {
        let name = e?.file_name().to_string_lossy().to_string();
        if name != MANIFEST && !manifest.files.iter().any(|f| f.name == name) {
            r.unexpected.push(name);
        }
    }
    if let Some(db) = db {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let mut st = db
            .conn
            .prepare("SELECT id, path, manifest_sha256 FROM archive")?;
        let rows: Vec<(i64, String, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let known = rows.into_iter().find(|(_, p, _)| {
            Path::new(p)
                .canonicalize()
                .map(|c| c == canonical)
                .unwrap_or(false)
        });
        if let Some((id, _, sha)) = known {
            r.manifest_replaced = sha != r.manifest_sha256;
            db.conn.execute(
                "UPDATE archive SET last_checked_at = ?2, last_check_ok = ?3 WHERE id = ?1",
                params![id, ts(db.clock.now()), r.ok()],
            )?;
        }
    }
    Ok(r)
}

/// An archive the journal knows of, for the GUI's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveRow {
    pub year: String,
    pub path: String,
    pub created_at: String,
    pub last_checked_at: Option<String>,
    pub last_check_ok: Option<bool>,
}

pub fn list(db: &Db) -> Result<Vec<ArchiveRow>> {
    let mut st = db.conn.prepare(
        "SELECT y.name, a.path, a.created_at, a.last_checked_at, a.last_check_ok FROM archive a
         JOIN academic_year y ON y.id = a.year_id ORDER BY a.created_at DESC",
    )?;
    Ok(st
        .query_map([], |r| {
            Ok(ArchiveRow {
                year: r.get(0)?,
                path: r.get(1)?,
                created_at: r.get(2)?,
                last_checked_at: r.get(3)?,
                last_check_ok: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// The year by its name ("2025/2026").
pub fn year_by_name(db: &Db, name: &str) -> Result<YearId> {
    db.conn
        .query_row(
            "SELECT id FROM academic_year WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("the academic year {name}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Clock;
    use crate::demo::{DemoOptions, populate};

    fn past_year_db(dir: &Path) -> Db {
        let now = chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let mut db = Db::create(&dir.join("j.sqlite"))
            .unwrap()
            .with_clock(Clock::Fixed(now));
        populate(
            &mut db,
            &DemoOptions {
                students: 30,
                seed: 2,
                year: Some(2024),
                today: None,
            },
            &mut |_| {},
        )
        .unwrap();
        db
    }

    #[test]
    fn an_archive_verifies_and_a_changed_byte_is_caught_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = past_year_db(dir.path());
        let s = auth::login(&mut db, "archivist", "archivist").unwrap();
        let year = year_by_name(&db, "2024/2025").unwrap();
        let docs = vec![Document {
            name: "ledger.txt".into(),
            covers: "сводная ведомость".into(),
            render: Box::new(|_| Ok(b"ledger".to_vec())),
        }];
        let folder = archive_year(&mut db, &s, year, &dir.path().join("arch"), docs).unwrap();
        let r = verify(&folder, Some(&db)).unwrap();
        assert!(r.ok(), "{r:?}");
        assert_eq!(r.unchanged.len(), 2);
        // The year is closed: even the administrator cannot change a mark now.
        let closed: bool = db
            .conn
            .query_row(
                "SELECT closed FROM academic_year WHERE id = ?1",
                [year],
                |r| r.get(0),
            )
            .unwrap();
        assert!(closed);
        // One changed byte in the snapshot.
        let snap = folder.join(SNAPSHOT);
        let mut bytes = std::fs::read(&snap).unwrap();
        let i = bytes.len() - 100;
        bytes[i] ^= 1;
        std::fs::write(&snap, bytes).unwrap();
        let r = verify(&folder, Some(&db)).unwrap();
        assert_eq!(r.changed, vec![SNAPSHOT.to_string()]);
        assert!(!r.ok());
        // A rewritten manifest that matches the altered file is caught through the journal.
        let mut m: Manifest =
            serde_json::from_str(&std::fs::read_to_string(folder.join(MANIFEST)).unwrap()).unwrap();
        m.files[0].sha256 = sha256_file(&snap).unwrap();
        std::fs::write(
            folder.join(MANIFEST),
            serde_json::to_string_pretty(&m).unwrap(),
        )
        .unwrap();
        let r = verify(&folder, Some(&db)).unwrap();
        assert!(r.changed.is_empty() && r.manifest_replaced);
        assert_eq!(list(&db).unwrap()[0].last_check_ok, Some(false));
    }

    #[test]
    fn only_the_administrator_or_archivist_archives_and_only_after_the_year_ends() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = past_year_db(dir.path());
        let year = year_by_name(&db, "2024/2025").unwrap();
        let t = auth::login(&mut db, "teacher", "teacher").unwrap();
        assert!(matches!(
            archive_year(&mut db, &t, year, dir.path(), vec![]),
            Err(Error::Denied(Denied::Role))
        ));
        db.clock = Clock::Fixed(
            chrono::NaiveDate::from_ymd_opt(2025, 5, 20)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        );
        let a = auth::login(&mut db, "admin", "admin").unwrap();
        assert!(matches!(
            archive_year(&mut db, &a, year, dir.path(), vec![]),
            Err(Error::Invalid(_))
        ));
    }
}
