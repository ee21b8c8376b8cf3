//! The append-only audit log: every change of a mark, an attendance entry, a period mark, an account
//! or a lesson is written here in the same transaction as the change (who, when, old, new, why).
//! Entries are hash-chained — each commits to the previous entry and to its own content — so an entry
//! altered, removed or inserted outside the program breaks the chain and `check` names it.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::db::ts;
use crate::error::Result;
use crate::model::{CourseId, LessonId, StaffId, StudentId};

/// One change to record.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    pub staff: Option<StaffId>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub lesson: Option<LessonId>,
    pub student: Option<StudentId>,
    pub course: Option<CourseId>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<&'a str>,
    /// The operation (`op_log` id) the change came from; while an operation is being applied
    /// (see [`OpScope`]) entries name it without being told.
    pub op: Option<i64>,
}

thread_local! {
    static CURRENT_OP: std::cell::Cell<Option<i64>> = const { std::cell::Cell::new(None) };
}

/// While alive, every entry written on this thread names operation `id` (the core applies one
/// operation at a time, in one transaction, on the caller's thread).
pub struct OpScope(Option<i64>);

impl OpScope {
    pub fn enter(id: i64) -> OpScope {
        OpScope(CURRENT_OP.with(|c| c.replace(Some(id))))
    }
}

impl Drop for OpScope {
    fn drop(&mut self) {
        CURRENT_OP.with(|c| c.set(self.0));
    }
}

/// Writes entries in order, keeping the chain's last hash in memory (bulk writers such as the demo
/// generator use one `Writer` for many entries; single changes use [`record`]).
pub struct Writer {
    last: String,
}

impl Writer {
    pub fn new(conn: &Connection) -> Result<Self> {
        let last = conn
            .prepare_cached("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or_default();
        Ok(Writer { last })
    }

    pub fn write(&mut self, conn: &Connection, at: NaiveDateTime, e: &Entry) -> Result<i64> {
        let at = ts(at);
        let op = e.op.or_else(|| CURRENT_OP.with(|c| c.get()));
        let e = &Entry { op, ..e.clone() };
        let hash = entry_hash(&self.last, &at, e);
        let mut st = conn.prepare_cached(
            "INSERT INTO audit(at, staff_id, action, entity, entity_id, lesson_id, student_id,
                course_id, old_value, new_value, reason, prev_hash, hash, op_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        st.execute(params![
            at,
            e.staff,
            e.action,
            e.entity,
            e.entity_id,
            e.lesson,
            e.student,
            e.course,
            e.old,
            e.new,
            e.reason,
            self.last,
            hash,
            op
        ])?;
        self.last = hash;
        Ok(conn.last_insert_rowid())
    }
}

/// Records one change; call inside the transaction that makes the change.
pub fn record(conn: &Connection, at: NaiveDateTime, e: &Entry) -> Result<i64> {
    Writer::new(conn)?.write(conn, at, e)
}

fn entry_hash(prev: &str, at: &str, e: &Entry) -> String {
    let opt = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    let fields = [
        prev.to_string(),
        at.to_string(),
        opt(e.staff.map(|s| s.0)),
        e.action.to_string(),
        e.entity.to_string(),
        opt(e.entity_id),
        opt(e.lesson.map(|l| l.0)),
        opt(e.student.map(|s| s.0)),
        opt(e.course.map(|c| c.0)),
        e.old.clone().unwrap_or_default(),
        e.new.clone().unwrap_or_default(),
        e.reason.unwrap_or_default().to_string(),
    ];
    let mut h = Sha256::new();
    // An entry from an operation commits to it too; entries without one (all written before
    // schema version 7) hash exactly as they always did.
    let op = e.op.map(|o| o.to_string());
    for f in fields.iter().chain(op.iter()) {
        h.update((f.len() as u64).to_le_bytes());
        h.update(f.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A break in the chain: the first entry whose stored hash does not match its content or whose
/// predecessor is not the entry before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub audit_id: i64,
    pub what: String,
}

/// Walks the whole log and reports every entry that does not verify.
pub fn verify_chain(conn: &Connection) -> Result<Vec<ChainBreak>> {
    let mut st = conn.prepare(
        "SELECT id, at, staff_id, action, entity, entity_id, lesson_id, student_id, course_id,
                old_value, new_value, reason, prev_hash, hash, op_id
         FROM audit ORDER BY id",
    )?;
    let mut rows = st.query([])?;
    let mut prev = String::new();
    let mut breaks = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let action: String = r.get(3)?;
        let entity: String = r.get(4)?;
        let reason: Option<String> = r.get(11)?;
        let e = Entry {
            staff: r.get(2)?,
            action: &action,
            entity: &entity,
            entity_id: r.get(5)?,
            lesson: r.get(6)?,
            student: r.get(7)?,
            course: r.get(8)?,
            old: r.get(9)?,
            new: r.get(10)?,
            reason: reason.as_deref(),
            op: r.get(14)?,
        };
        let stored_prev: String = r.get(12)?;
        let stored: String = r.get(13)?;
        if stored_prev != prev {
            breaks.push(ChainBreak {
                audit_id: id,
                what: "does not follow the entry before it".into(),
            });
        }
        if entry_hash(&stored_prev, &at, &e) != stored {
            breaks.push(ChainBreak {
                audit_id: id,
                what: "content does not match its hash".into(),
            });
        }
        prev = stored;
    }
    Ok(breaks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 9, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn an_entry_changed_outside_the_program_breaks_the_chain() {
        let db = Db::memory().unwrap();
        for v in ["4", "5", "3"] {
            record(
                &db.conn,
                at(),
                &Entry {
                    action: "set",
                    entity: "mark",
                    new: Some(v.into()),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        assert!(verify_chain(&db.conn).unwrap().is_empty());
        // Someone with a SQLite editor drops the append-only trigger and rewrites history.
        db.conn
            .execute_batch(
                "DROP TRIGGER audit_no_update; UPDATE audit SET new_value = '5' WHERE id = 3;",
            )
            .unwrap();
        let breaks = verify_chain(&db.conn).unwrap();
        assert_eq!(breaks.len(), 1);
        assert_eq!(breaks[0].audit_id, 3);
    }
}
