//! The `op_log` table: every operation applied through `ops::apply`, in commit order, with its
//! author, time, JSON line and the ids it created. Rows are hash-chained like the audit log: each
//! commits to the row before it and to its own content, so a row altered, removed or inserted
//! outside the program breaks the chain and `check` names it.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::audit::ChainBreak;
use crate::db::ts;
use crate::error::Result;
use crate::model::StaffId;

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: i64,
    /// As stored: `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    pub staff: Option<StaffId>,
    /// The author's login (from `staff`), for export.
    pub login: Option<String>,
    /// The operation's JSON line (`ops::Line`: version, kind, fields, reason).
    pub line: String,
    /// The ids of the rows it created, a JSON array.
    pub created: String,
}

/// The id the next row will take (rows are numbered in commit order from 1).
pub fn next_id(c: &Connection) -> Result<i64> {
    Ok(
        c.prepare_cached("SELECT IFNULL(MAX(id), 0) + 1 FROM op_log")?
            .query_row([], |r| r.get(0))?,
    )
}

/// Appends row `id` (from [`next_id`], in the same transaction).
pub fn append(
    c: &Connection,
    id: i64,
    at: NaiveDateTime,
    staff: Option<StaffId>,
    line: &str,
    created: &[i64],
) -> Result<()> {
    let prev: String = c
        .prepare_cached("SELECT hash FROM op_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let at = ts(at);
    let created = serde_json::to_string(created).unwrap_or_else(|_| "[]".into());
    let hash = row_hash(&prev, id, &at, staff, line, &created);
    c.prepare_cached(
        "INSERT INTO op_log(id, at, staff_id, line, created, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![id, at, staff, line, created, prev, hash])?;
    Ok(())
}

/// Every row, in commit order.
pub fn all(c: &Connection) -> Result<Vec<Row>> {
    let mut st = c.prepare(
        "SELECT o.id, o.at, o.staff_id, s.login, o.line, o.created
         FROM op_log o LEFT JOIN staff s ON s.id = o.staff_id ORDER BY o.id",
    )?;
    let rows = st
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                at: r.get(1)?,
                staff: r.get(2)?,
                login: r.get(3)?,
                line: r.get(4)?,
                created: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn row_hash(
    prev: &str,
    id: i64,
    at: &str,
    staff: Option<StaffId>,
    line: &str,
    created: &str,
) -> String {
    let staff = staff.map(|s| s.0.to_string()).unwrap_or_default();
    let id = id.to_string();
    let mut h = Sha256::new();
    for f in [prev, &id, at, &staff, line, created] {
        h.update((f.len() as u64).to_le_bytes());
        h.update(f.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Walks the whole log and reports every row that does not verify (`audit_id` holds the row's
/// id).
pub fn verify_chain(c: &Connection) -> Result<Vec<ChainBreak>> {
    let mut st = c.prepare(
        "SELECT id, at, staff_id, line, created, prev_hash, hash FROM op_log ORDER BY id",
    )?;
    let mut rows = st.query([])?;
    let mut prev = String::new();
    let mut breaks = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let staff: Option<StaffId> = r.get(2)?;
        let line: String = r.get(3)?;
        let created: String = r.get(4)?;
        let stored_prev: String = r.get(5)?;
        let stored: String = r.get(6)?;
        if stored_prev != prev {
            breaks.push(ChainBreak {
                audit_id: id,
                what: "does not follow the operation before it".into(),
            });
        }
        if row_hash(&stored_prev, id, &at, staff, &line, &created) != stored {
            breaks.push(ChainBreak {
                audit_id: id,
                what: "content does not match its hash".into(),
            });
        }
        prev = stored;
    }
    Ok(breaks)
}
