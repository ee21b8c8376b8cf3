//! `zhurnal check`: is a journal file healthy? The schema version, SQLite's own integrity check,
//! foreign keys, the audit chain, and whether every mark, attendance entry and period mark still
//! equals what the audit log last recorded for it (a row edited with a SQLite editor does not).

use rusqlite::Connection;

use crate::audit::{self, ChainBreak};
use crate::db::{Db, SCHEMA_VERSION};
use crate::error::Result;
use crate::school;

#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub schema_version: i64,
    pub program_schema_version: i64,
    /// `PRAGMA integrity_check` lines other than "ok".
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub chain_breaks: Vec<ChainBreak>,
    /// Rows that differ from what the audit log says they should be.
    pub mismatches: Vec<String>,
    pub counts: Vec<(&'static str, i64)>,
}

impl CheckReport {
    pub fn healthy(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.chain_breaks.is_empty()
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
