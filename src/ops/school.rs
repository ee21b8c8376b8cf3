//! The school's profile, years and calendar, bells, buildings and rooms, kinds of work and the
//! school's settings as operations (the administrator's).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Connection;

use super::{Done, Failure, Op, one};
use crate::auth::Session;
use crate::db::Db;
use crate::error::Result;
use crate::model::*;
use crate::school::{self, Holiday, School};
use crate::setup::year::{self, SchoolSettings};

/// Applies one of the school's operations inside the caller's transaction.
pub(super) fn apply_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    op: &Op,
) -> std::result::Result<Done, Failure> {
    Ok(match op {
        Op::UpdateProfile { school: p } => {
            let old = school::profile(tx)?;
            year::update_profile_in(tx, now, session, p)?;
            match old {
                Some(old) => {
                    let changed = school::profile(tx)?.as_ref() != Some(&old);
                    Done::undone_by(changed, Op::UpdateProfile { school: old })
                }
                None => Done::default(),
            }
        }
        Op::AddYear {
            year_start,
            schemes,
        } => {
            let id = year::add_year_in(tx, now, session, *year_start, schemes)?;
            // A year is not taken back: it is closed and archived at its end.
            Done::created(id.0)
        }
        Op::SetPeriodDates { period, start, end } => {
            let (a, b) = year::period_dates(tx, *period)?;
            year::set_period_dates_in(tx, now, session, *period, *start, *end)?;
            Done::undone_by(
                (a, b) != (*start, *end),
                Op::SetPeriodDates {
                    period: *period,
                    start: a,
                    end: b,
                },
            )
        }
        Op::SetGradeScheme {
            year: y,
            min,
            max,
            scheme,
        } => {
            let before = year::grade_schemes(tx, *y)?;
            year::set_grade_scheme_in(tx, now, session, *y, *min, *max, *scheme)?;
            // Undone grade by grade: each grade back to the scheme it had (the periods a new
            // scheme brought stay, unused).
            let inverse = before
                .iter()
                .filter(|(g, s)| (*min..=*max).contains(g) && s != scheme)
                .map(|(g, s)| Op::SetGradeScheme {
                    year: *y,
                    min: *g,
                    max: *g,
                    scheme: *s,
                })
                .collect();
            Done {
                created: Vec::new(),
                inverse,
                reply: None,
            }
        }
        Op::AddHoliday {
            id,
            year: y,
            holiday,
        } => {
            let id = year::add_holiday_in(tx, now, session, *id, *y, holiday)?;
            Done {
                created: vec![id],
                inverse: vec![Op::RemoveHoliday { holiday: id }],
                reply: None,
            }
        }
        Op::RemoveHoliday { holiday } => {
            let (y, h) = year::holiday(tx, *holiday)?;
            year::delete_holiday_in(tx, now, session, *holiday)?;
            Done::undone_by(
                true,
                Op::AddHoliday {
                    id: Some(*holiday),
                    year: y,
                    holiday: h,
                },
            )
        }
        Op::SetBell {
            year: y,
            lesson_no,
            starts,
            ends,
        } => {
            let old = bell(tx, *y, *lesson_no)?;
            year::set_bell_in(tx, now, session, *y, *lesson_no, *starts, *ends)?;
            match old {
                Some((a, b)) => Done::undone_by(
                    (a, b) != (*starts, *ends),
                    Op::SetBell {
                        year: *y,
                        lesson_no: *lesson_no,
                        starts: a,
                        ends: b,
                    },
                ),
                None => Done::undone_by(
                    true,
                    Op::RemoveBell {
                        year: *y,
                        lesson_no: *lesson_no,
                    },
                ),
            }
        }
        Op::RemoveBell { year: y, lesson_no } => {
            let old = bell(tx, *y, *lesson_no)?;
            year::delete_bell_in(tx, now, session, *y, *lesson_no)?;
            match old {
                Some((starts, ends)) => Done::undone_by(
                    true,
                    Op::SetBell {
                        year: *y,
                        lesson_no: *lesson_no,
                        starts,
                        ends,
                    },
                ),
                None => Done::default(),
            }
        }
        Op::AddBuilding { name, address } => {
            Done::created(year::add_building_in(tx, now, session, name, address)?)
        }
        Op::AddRoom { building, name } => {
            Done::created(year::add_room_in(tx, now, session, *building, name)?.0)
        }
        Op::AddWorkType {
            name,
            short,
            weight,
        } => Done::created(year::add_work_type_in(tx, now, session, name, short, *weight)?.0),
        Op::SetWorkWeight { work_type, weight } => {
            let old = year::work_type_weight(tx, *work_type)?;
            year::set_work_type_weight_in(tx, now, session, *work_type, *weight)?;
            Done::undone_by(
                old != *weight,
                Op::SetWorkWeight {
                    work_type: *work_type,
                    weight: old,
                },
            )
        }
        Op::SaveSettings { settings } => {
            let old = year::load_settings(tx)?;
            year::save_settings_in(tx, now, session, settings)?;
            Done::undone_by(old != *settings, Op::SaveSettings { settings: old })
        }
        _ => unreachable!("not a school operation: {op:?}"),
    })
}

fn bell(tx: &Connection, y: YearId, lesson_no: u8) -> Result<Option<(NaiveTime, NaiveTime)>> {
    Ok(school::bells(tx, y)?
        .into_iter()
        .find(|(n, _, _)| *n == lesson_no)
        .map(|(_, a, b)| (a, b)))
}

/// Changes the school's name, address and director ([`Op::UpdateProfile`]).
pub fn update_profile(db: &mut Db, session: &Session, p: &School) -> Result<()> {
    one(db, session, Op::UpdateProfile { school: p.clone() }).map(drop)
}

/// Adds an academic year ([`Op::AddYear`]).
pub fn add_year(
    db: &mut Db,
    session: &Session,
    year_start: i32,
    schemes: &[(u8, Scheme)],
) -> Result<YearId> {
    let op = Op::AddYear {
        year_start,
        schemes: schemes.to_vec(),
    };
    Ok(YearId(one(db, session, op)?.created[0]))
}

/// Moves a period's dates ([`Op::SetPeriodDates`]).
pub fn set_period_dates(
    db: &mut Db,
    session: &Session,
    period: PeriodId,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<()> {
    one(db, session, Op::SetPeriodDates { period, start, end }).map(drop)
}

/// Sets the reporting scheme of grades `min..=max` ([`Op::SetGradeScheme`]).
pub fn set_grade_scheme(
    db: &mut Db,
    session: &Session,
    year: YearId,
    min: u8,
    max: u8,
    scheme: Scheme,
) -> Result<()> {
    let op = Op::SetGradeScheme {
        year,
        min,
        max,
        scheme,
    };
    one(db, session, op).map(drop)
}

/// Adds a holiday stretch ([`Op::AddHoliday`]); returns its id.
pub fn add_holiday(db: &mut Db, session: &Session, year: YearId, h: &Holiday) -> Result<i64> {
    let op = Op::AddHoliday {
        id: None,
        year,
        holiday: h.clone(),
    };
    Ok(one(db, session, op)?.created[0])
}

/// Removes a holiday stretch ([`Op::RemoveHoliday`]).
pub fn delete_holiday(db: &mut Db, session: &Session, holiday: i64) -> Result<()> {
    one(db, session, Op::RemoveHoliday { holiday }).map(drop)
}

/// Sets the times of one lesson in the bell schedule ([`Op::SetBell`]).
pub fn set_bell(
    db: &mut Db,
    session: &Session,
    year: YearId,
    lesson_no: u8,
    starts: NaiveTime,
    ends: NaiveTime,
) -> Result<()> {
    let op = Op::SetBell {
        year,
        lesson_no,
        starts,
        ends,
    };
    one(db, session, op).map(drop)
}

/// Removes a lesson from the bell schedule ([`Op::RemoveBell`]).
pub fn delete_bell(db: &mut Db, session: &Session, year: YearId, lesson_no: u8) -> Result<()> {
    one(db, session, Op::RemoveBell { year, lesson_no }).map(drop)
}

/// Adds a building ([`Op::AddBuilding`]); returns its id.
pub fn add_building(db: &mut Db, session: &Session, name: &str, address: &str) -> Result<i64> {
    let op = Op::AddBuilding {
        name: name.to_string(),
        address: address.to_string(),
    };
    Ok(one(db, session, op)?.created[0])
}

/// Adds a room ([`Op::AddRoom`]).
pub fn add_room(
    db: &mut Db,
    session: &Session,
    building: Option<i64>,
    name: &str,
) -> Result<RoomId> {
    let op = Op::AddRoom {
        building,
        name: name.to_string(),
    };
    Ok(RoomId(one(db, session, op)?.created[0]))
}

/// Adds a kind of work with its weight ([`Op::AddWorkType`]).
pub fn add_work_type(
    db: &mut Db,
    session: &Session,
    name: &str,
    short: &str,
    weight: f64,
) -> Result<WorkTypeId> {
    let op = Op::AddWorkType {
        name: name.to_string(),
        short: short.to_string(),
        weight,
    };
    Ok(WorkTypeId(one(db, session, op)?.created[0]))
}

/// Changes a kind of work's weight ([`Op::SetWorkWeight`]).
pub fn set_work_type_weight(
    db: &mut Db,
    session: &Session,
    work_type: WorkTypeId,
    weight: f64,
) -> Result<()> {
    one(db, session, Op::SetWorkWeight { work_type, weight }).map(drop)
}

/// Saves the school's settings ([`Op::SaveSettings`]).
pub fn save_settings(db: &mut Db, session: &Session, settings: &SchoolSettings) -> Result<()> {
    let op = Op::SaveSettings {
        settings: *settings,
    };
    one(db, session, op).map(drop)
}
