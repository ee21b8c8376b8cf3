//! `zhurnal check`: is a journal file healthy? The schema version, SQLite's own integrity check,
//! foreign keys, the audit chain and the operation log's, and whether every mark, attendance entry and period mark still
//! equals what the audit log last recorded for it (a row edited with a SQLite editor does not).

use rusqlite::Connection;

use crate::audit::{self, ChainBreak};
use crate::db::{Db, SCHEMA_VERSION};
use crate::error::Result;
use crate::school;
use crate::store::op_log;

#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub schema_version: i64,
    pub program_schema_version: i64,
    /// `PRAGMA integrity_check` lines other than "ok".
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub chain_breaks: Vec<ChainBreak>,
    /// Rows of the operation log that do not verify (`audit_id` is the operation's id).
    pub op_chain_breaks: Vec<ChainBreak>,
    /// Rows that differ from what the audit log says they should be.
    pub mismatches: Vec<String>,
    pub counts: Vec<(&'static str, i64)>,
}

impl CheckReport {
    pub fn healthy(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.chain_breaks.is_empty()
            && self.op_chain_breaks.is_empty()
            && self.mismatches.is_empty()
    }
}

pub fn check(db: &Db) -> Result<CheckReport> {
    let c = &db.conn;
    let integrity: Vec<String> = c
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|l| l != "ok")
        .collect();
    let foreign_keys: Vec<String> = c
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "{} row {} → {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CheckReport {
        schema_version: db.schema_version()?,
        program_schema_version: SCHEMA_VERSION,
        integrity,
        foreign_keys,
        chain_breaks: audit::verify_chain(c)?,
        op_chain_breaks: op_log::verify_chain(c)?,
        mismatches: mismatches(c)?,
        counts: school::counts(c)?,
    })
}

/// Compares the journal's rows with the audit log's last word on each.
pub fn mismatches(c: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut q =
        |sql: &str, what: &dyn Fn(&rusqlite::Row) -> rusqlite::Result<String>| -> Result<()> {
            let mut st = c.prepare(sql)?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                out.push(what(r)?);
            }
            Ok(())
        };
    // Rows whose value is not what the audit last recorded (or that the audit never saw).
    q(
        "SELECT m.id, m.value, (SELECT a.new_value FROM audit a WHERE a.entity = 'mark' AND a.entity_id = m.id ORDER BY a.id DESC LIMIT 1) AS logged
         FROM mark m WHERE logged IS NOT m.value",
        &|r| Ok(format!("mark #{}: value {} but the audit log says {}", r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?.unwrap_or_else(|| "nothing".into()))),
    )?;
    q(
        "SELECT p.id, p.value, (SELECT a.new_value FROM audit a WHERE a.entity = 'period_mark' AND a.entity_id = p.id ORDER BY a.id DESC LIMIT 1) AS logged
         FROM period_mark p WHERE logged IS NOT p.value",
        &|r| Ok(format!("period mark #{}: value {} but the audit log says {}", r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?.unwrap_or_else(|| "nothing".into()))),
    )?;
    q(
        "SELECT t.lesson_id, t.student_id, t.code || IFNULL(':' || t.late_minutes, '') AS v,
                (SELECT a.new_value FROM audit a WHERE a.entity = 'attendance' AND a.lesson_id = t.lesson_id
                   AND a.student_id = t.student_id ORDER BY a.id DESC LIMIT 1) AS logged
         FROM attendance t WHERE logged IS NOT v",
        &|r| Ok(format!("attendance at lesson #{} of student #{}: {} but the audit log says {}", r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?.unwrap_or_else(|| "nothing".into()))),
    )?;
    // Rows the audit log says exist but that are gone.
    q(
        "SELECT a.entity_id, a.new_value FROM audit a
         WHERE a.entity = 'mark' AND a.id = (SELECT max(b.id) FROM audit b WHERE b.entity = 'mark' AND b.entity_id = a.entity_id)
           AND a.action <> 'delete' AND NOT EXISTS (SELECT 1 FROM mark m WHERE m.id = a.entity_id)",
        &|r| Ok(format!("mark #{} ({}) was removed outside the program", r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())),
    )?;
    q(
        "SELECT a.entity_id, a.new_value FROM audit a
         WHERE a.entity = 'period_mark' AND a.id = (SELECT max(b.id) FROM audit b WHERE b.entity = 'period_mark' AND b.entity_id = a.entity_id)
           AND a.action <> 'clear' AND NOT EXISTS (SELECT 1 FROM period_mark p WHERE p.id = a.entity_id)",
        &|r| Ok(format!("period mark #{} ({}) was removed outside the program", r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())),
    )?;
    q(
        "SELECT a.lesson_id, a.student_id FROM audit a
         WHERE a.entity = 'attendance' AND a.id = (SELECT max(b.id) FROM audit b WHERE b.entity = 'attendance'
               AND b.lesson_id = a.lesson_id AND b.student_id = a.student_id)
           AND a.action <> 'clear' AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.lesson_id = a.lesson_id AND t.student_id = a.student_id)",
        &|r| Ok(format!("attendance at lesson #{} of student #{} was removed outside the program", r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )?;
    Ok(out)
}

/// Per-computer state kept in the journal file, left out of the digest: the page each person had
/// open last, this computer's backup folder, and the wrong-password lockout (which stays per PC).
const NOT_SCHOOL_DATA_SETTINGS: &[&str] = &["last_page:%", "backup_dir"];
const NOT_SCHOOL_DATA_COLUMNS: &[(&str, &str)] =
    &[("staff", "failed_logins"), ("staff", "locked_until")];

/// A SHA-256 over the journal's data: every table of school data, its rows in primary-key order
/// and its columns by name, each value with its type. Two journals with the same content give
/// the same digest, however their files are laid out; per-computer state is left out.
pub fn digest(c: &Connection) -> Result<String> {
    digest_without(c, &[])
}

/// The journal's content without its history: [`digest`] leaving out the audit and operation
/// logs and the last state of removed rows (kept to revert a compromised account), which only
/// grow. An undone change gives this digest back as it was.
pub fn content_digest(c: &Connection) -> Result<String> {
    digest_without(c, &["audit", "op_log", "removed_row"])
}

fn digest_without(c: &Connection, skip: &[&str]) -> Result<String> {
    use sha2::{Digest as _, Sha256};
    let mut h = Sha256::new();
    let tables: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for t in tables.iter().filter(|t| !skip.contains(&t.as_str())) {
        // Columns by name; the primary key (or, without one, every column) orders the rows.
        let mut cols: Vec<(String, i64)> = c
            .prepare("SELECT name, pk FROM pragma_table_info(?1)")?
            .query_map([t], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        cols.retain(|(name, _)| {
            !NOT_SCHOOL_DATA_COLUMNS
                .iter()
                .any(|(tt, cc)| tt == t && cc == name)
        });
        cols.sort();
        let mut pk: Vec<(i64, String)> = cols
            .iter()
            .filter(|(_, pk)| *pk > 0)
            .map(|(n, pk)| (*pk, n.clone()))
            .collect();
        pk.sort();
        let order: Vec<String> = if pk.is_empty() {
            cols.iter().map(|(n, _)| format!("\"{n}\"")).collect()
        } else {
            pk.into_iter().map(|(_, n)| format!("\"{n}\"")).collect()
        };
        let list: Vec<String> = cols.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let filter = if t == "setting" {
            NOT_SCHOOL_DATA_SETTINGS
                .iter()
                .map(|k| format!(" AND key NOT LIKE '{k}'"))
                .collect::<String>()
        } else {
            String::new()
        };
        let sql = format!(
            "SELECT {} FROM \"{t}\" WHERE 1{filter} ORDER BY {}",
            list.join(", "),
            order.join(", ")
        );
        h.update(format!("table {t} ({})\n", list.join(",")).as_bytes());
        let mut st = c.prepare(&sql)?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            for i in 0..cols.len() {
                use rusqlite::types::ValueRef;
                match r.get_ref(i)? {
                    ValueRef::Null => h.update(b"N"),
                    ValueRef::Integer(v) => {
                        h.update(b"I");
                        h.update(v.to_le_bytes());
                    }
                    ValueRef::Real(v) => {
                        h.update(b"R");
                        h.update(v.to_bits().to_le_bytes());
                    }
                    ValueRef::Text(v) => {
                        h.update(b"T");
                        h.update((v.len() as u64).to_le_bytes());
                        h.update(v);
                    }
                    ValueRef::Blob(v) => {
                        h.update(b"B");
                        h.update((v.len() as u64).to_le_bytes());
                        h.update(v);
                    }
                }
            }
            h.update(b"\n");
        }
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
