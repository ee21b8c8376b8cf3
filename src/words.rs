//! The core's answers in plain words, in the user's language: what the screens and the command
//! line say when the timetable refuses a lesson's change. Above the rules (it reads their
//! values) and beside `i18n` (whose bundles it uses); the rules themselves never word anything.

use crate::i18n::{Tr, format_date};
use crate::lessons::{Block, Conflict, ConflictKind};
use crate::ops::Clash;

/// What a change of the journal was (an audit entry's entity and action), in words:
/// «тема урока изменена», «пропуск отмечен».
pub fn change_what(tr: &Tr, entity: &str, action: &str) -> String {
    let key = format!("what-{entity}-{action}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        tr.t_args(
            "value-change-other",
            &[("entity", entity.into()), ("action", action.into())],
        )
    }
}

/// A value an audit entry recorded, in words where the log keeps a code: attendance codes
/// («Б (болел)»), a lesson cancelled or not; nothing as «—». Marks, names and texts are shown as
/// they are.
pub fn change_value(tr: &Tr, entity: &str, value: Option<&str>) -> String {
    let Some(v) = value.filter(|v| !v.is_empty()) else {
        return "—".into();
    };
    match entity {
        "attendance" => {
            let (code, minutes) = match v.split_once(':') {
                Some((c, m)) => (c, m.parse::<i64>().ok()),
                None => (v, None),
            };
            match (code, minutes) {
                ("late", Some(m)) => tr.t_args("value-late-minutes", &[("minutes", m.into())]),
                ("absent" | "ill" | "excused" | "late" | "present", _) => {
                    tr.t(&format!("value-{code}"))
                }
                _ => v.to_string(),
            }
        }
        "lesson" if v == "true" => tr.t("value-cancelled"),
        "lesson" if v == "false" => tr.t("value-held"),
        _ => v.to_string(),
    }
}

const WEEKDAYS: [&str; 6] = ["tt-mon", "tt-tue", "tt-wed", "tt-thu", "tt-fri", "tt-sat"];

/// A clash or a rule that refused an operation.
pub fn clash_text(tr: &Tr, c: &Clash) -> String {
    match c {
        Clash::Conflicts(k) => k
            .iter()
            .map(|k| conflict_text(tr, k))
            .collect::<Vec<_>>()
            .join("; "),
        Clash::Blocked(b) => block_text(tr, b),
    }
}

pub fn weekday_name(tr: &Tr, weekday: u8) -> String {
    WEEKDAYS
        .get((weekday as usize).wrapping_sub(1))
        .map(|d| tr.t(d))
        .unwrap_or_default()
}

/// A clash in plain words.
pub fn conflict_text(tr: &Tr, k: &Conflict) -> String {
    let key = match k.kind {
        ConflictKind::Teacher => "tt-conflict-teacher",
        ConflictKind::Room => "tt-conflict-room",
        ConflictKind::Class => "tt-conflict-class",
    };
    // A single lesson is on a date; a timetable entry on a weekday.
    let day = if k.wanted.to == Some(k.wanted.from) {
        format_date(k.wanted.from)
    } else {
        weekday_name(tr, k.wanted.weekday)
    };
    let existing = match k.existing.to {
        Some(to) if to == k.existing.from => format!("{} ({})", k.existing.title, format_date(to)),
        Some(to) => format!(
            "{} ({} – {})",
            k.existing.title,
            format_date(k.existing.from),
            format_date(to)
        ),
        None => format!(
            "{} ({} {})",
            k.existing.title,
            tr.t("tt-since"),
            format_date(k.existing.from)
        ),
    };
    tr.t_args(
        key,
        &[
            ("teacher", k.existing.teacher.clone().into()),
            ("room", k.existing.room.clone().unwrap_or_default().into()),
            ("day", day.into()),
            ("no", k.wanted.lesson_no.into()),
            ("wanted", k.wanted.title.clone().into()),
            ("existing", existing.into()),
        ],
    )
}

/// Why a single lesson cannot go where it was asked, in plain words.
pub fn block_text(tr: &Tr, b: &Block) -> String {
    match b {
        Block::TookPlace => tr.t("tt-block-took-place"),
        Block::OutsideYear(d) => {
            tr.t_args("tt-block-outside-year", &[("date", format_date(*d).into())])
        }
        Block::NoSchool(d) => tr.t_args("tt-block-no-school", &[("date", format_date(*d).into())]),
        Block::NoSuchBell(n) => tr.t_args("tt-block-no-bell", &[("no", (*n).into())]),
        Block::CourseEnded(d) => {
            tr.t_args("tt-block-course-ended", &[("date", format_date(*d).into())])
        }
    }
}
