//! The mark-change audit report (seed 004 §2.14), for the administrator only: every change and
//! removal of a mark or a period (year, exam, final) mark in a date range — when, who, which
//! class, subject, lesson and student, the old and the new value, and the reason given for a
//! correction after a lock. Read from the hash-chained audit log; first entries of new marks are
//! not changes and are left out (unless made as a correction with a reason).

use chrono::NaiveDate;
use rusqlite::params;

use super::text::{t, ta};
use super::{Imprint, Result, current};
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Denied, Error};
use crate::model::*;
use crate::pdf::{Align, Cell, Column, Font, Row, Table};

#[derive(Debug, Clone, PartialEq)]
pub struct AuditReport {
    pub imprint: Imprint,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub class_name: Option<String>,
    pub subject: Option<String>,
    pub rows: Vec<AuditRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub audit_id: i64,
    /// "2026-11-20T14:00:00" as stored.
    pub at: String,
    pub who: Option<PersonName>,
    pub login: Option<String>,
    pub class_name: Option<String>,
    pub subject: Option<String>,
    pub lesson_date: Option<NaiveDate>,
    pub student: Option<PersonName>,
    /// "mark" or "period_mark".
    pub entity: String,
    /// For a period mark still in the journal: its kind and period number.
    pub kind: Option<(PeriodMarkKind, Option<u32>)>,
    pub action: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
}

pub fn gather(
    db: &Db,
    session: &Session,
    from: NaiveDate,
    to: NaiveDate,
    class: Option<ClassId>,
    subject: Option<SubjectId>,
) -> Result<AuditReport> {
    let conn = &db.conn;
    let s = current(conn, session)?;
    if !s.has(Role::Admin) {
        return Err(Denied::Role.into());
    }
    if from > to {
        return Err(Error::said("said-range-backwards", &[]).into());
    }
    let mut st = conn.prepare(
        "SELECT a.id, a.at, st.surname, st.name, st.patronymic, st.login, cl.grade || cl.letter, sb.name, l.date,
                s.surname, s.name, s.patronymic, a.entity, pm.kind, p.number, a.action, a.old_value, a.new_value, a.reason
         FROM audit a
         LEFT JOIN staff st ON st.id = a.staff_id
         LEFT JOIN course c ON c.id = a.course_id
         LEFT JOIN class cl ON cl.id = c.class_id
         LEFT JOIN subject sb ON sb.id = c.subject_id
         LEFT JOIN lesson l ON l.id = a.lesson_id
         LEFT JOIN student s ON s.id = a.student_id
         LEFT JOIN period_mark pm ON a.entity = 'period_mark' AND pm.id = a.entity_id
         LEFT JOIN period p ON p.id = pm.period_id
         WHERE a.entity IN ('mark', 'period_mark')
           AND (a.old_value IS NOT NULL OR a.action IN ('delete', 'clear') OR a.reason IS NOT NULL)
           AND substr(a.at, 1, 10) BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR c.class_id = ?3) AND (?4 IS NULL OR c.subject_id = ?4)
         ORDER BY a.id",
    )?;
    let name = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<Option<PersonName>> {
        Ok(match r.get::<_, Option<String>>(i)? {
            Some(surname) => Some(PersonName {
                surname,
                name: r.get(i + 1)?,
                patronymic: r.get(i + 2)?,
            }),
            None => None,
        })
    };
    let rows = st
        .query_map(
            params![from.to_string(), to.to_string(), class, subject],
            |r| {
                let kind: Option<PeriodMarkKind> = r.get(13)?;
                Ok(AuditRow {
                    audit_id: r.get(0)?,
                    at: r.get(1)?,
                    who: name(r, 2)?,
                    login: r.get(5)?,
                    class_name: r.get(6)?,
                    subject: r.get(7)?,
                    lesson_date: r.get(8)?,
                    student: name(r, 9)?,
                    entity: r.get(12)?,
                    kind: match kind {
                        Some(k) => Some((k, r.get(14)?)),
                        None => None,
                    },
                    action: r.get(15)?,
                    old: r.get(16)?,
                    new: r.get(17)?,
                    reason: r.get(18)?,
                })
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;
    let class_name = class
        .map(|c| super::class_info(conn, c).map(|i| i.name()))
        .transpose()?;
    let subject = subject
        .map(|id| {
            conn.prepare_cached("SELECT name FROM subject WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
        })
        .transpose()?;
    Ok(AuditReport {
        imprint: Imprint::new(conn, &s, db.clock.now())?,
        from,
        to,
        class_name,
        subject,
        rows,
    })
}

/// "03.11.2026 10:15" from the stored moment.
fn moment(at: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// What was changed, in words: "отметка за урок 12.11", "отметка за II период", "годовая".
pub fn what(r: &AuditRow) -> String {
    match (r.entity.as_str(), r.kind) {
        ("mark", _) => match r.lesson_date {
            Some(d) => ta(
                "audit-lesson-mark",
                &[("date", d.format("%d.%m").to_string().into())],
            ),
            None => t("audit-mark"),
        },
        (_, Some((PeriodMarkKind::Period, Some(n)))) => {
            ta("audit-period-mark", &[("n", super::roman(n).into())])
        }
        (_, Some((PeriodMarkKind::Year, _))) => t("audit-year-mark"),
        (_, Some((PeriodMarkKind::Exam, _))) => t("audit-exam-mark"),
        (_, Some((PeriodMarkKind::Final, _))) => t("audit-final-mark"),
        _ => t("audit-any-period-mark"),
    }
}

pub fn render(r: &AuditReport) -> Vec<u8> {
    let mut l = r.imprint.range_form(&t("audit-title"), r.from, r.to);
    let filter: Vec<String> = r
        .class_name
        .iter()
        .cloned()
        .chain(r.subject.iter().cloned())
        .collect();
    if !filter.is_empty() {
        l.paragraph(&filter.join(", "), Font::regular(10.0), Align::Center);
    }
    l.paragraph(
        &ta("audit-count", &[("count", r.rows.len().into())]),
        Font::regular(9.0),
        Align::Center,
    );
    l.advance(3.0);
    let table = Table::new(
        l.left(),
        vec![
            Column::new(25.0, Align::Left),
            Column::wrapped(36.0),
            Column::new(10.0, Align::Left),
            Column::wrapped(32.0),
            Column::wrapped(26.0),
            Column::wrapped(40.0),
            Column::new(18.0, Align::Center),
            Column::new(12.0, Align::Center),
            Column::new(12.0, Align::Center),
            Column::wrapped(56.0),
        ],
        Font::bold(7.5),
        Font::regular(7.5),
    )
    .with_header(vec![vec![
        Cell::new(t("col-changed-at")),
        Cell::new(t("col-who")),
        Cell::new(t("col-class")),
        Cell::new(t("col-subject")),
        Cell::new(t("col-what")),
        Cell::new(t("col-student")),
        Cell::new(t("col-action")),
        Cell::new(t("col-old")),
        Cell::new(t("col-new")),
        Cell::new(t("col-reason")),
    ]]);
    table.start(&mut l);
    if r.rows.is_empty() {
        table.row(
            &mut l,
            &Row::new(vec![Cell::new(t("audit-nothing")).span(10)]),
        );
    }
    for a in &r.rows {
        let who = match (&a.who, &a.login) {
            (Some(n), Some(login)) => format!("{} ({login})", n.short()),
            _ => String::new(),
        };
        let action = t(match a.action.as_str() {
            "delete" | "clear" => "audit-removed",
            "add" | "set" if a.old.is_none() => "audit-added",
            _ => "audit-changed",
        });
        table.row(
            &mut l,
            &Row::new(vec![
                Cell::new(moment(&a.at)),
                Cell::new(who),
                Cell::new(a.class_name.clone().unwrap_or_default()),
                Cell::new(a.subject.clone().unwrap_or_default()),
                Cell::new(what(a)),
                Cell::new(a.student.as_ref().map(|n| n.full()).unwrap_or_default()),
                Cell::new(action),
                Cell::new(a.old.clone().unwrap_or_else(|| "—".into())).bold(),
                Cell::new(a.new.clone().unwrap_or_else(|| "—".into())).bold(),
                Cell::new(a.reason.clone().unwrap_or_default()),
            ]),
        );
    }
    l.advance(3.0);
    l.signature(
        &t("sign-admin"),
        &r.imprint.printed_by.short(),
        Font::regular(10.0),
    );
    super::certification(&mut l, &r.imprint);
    l.finish()
}
