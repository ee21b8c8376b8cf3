//! Classes, their class teachers, study groups and courses as operations.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::{Done, Failure, Op, Reply, one};
use crate::auth::Session;
use crate::db::Db;
use crate::error::Result;
use crate::model::*;
use crate::setup::classes::{self, CourseTerms, GroupPlan, Retired};

/// Applies one of the class operations inside the caller's transaction.
pub(super) fn apply_in(
    tx: &Connection,
    now: NaiveDateTime,
    session: &Session,
    op: &Op,
) -> std::result::Result<Done, Failure> {
    Ok(match op {
        Op::CreateClass {
            year,
            grade,
            letter,
            class_teacher,
        } => Done::created(
            classes::create_class_in(tx, now, session, *year, *grade, letter, *class_teacher)?.0,
        ),
        Op::SetClassTeacher { class, teacher } => {
            let old = classes::class_teacher(tx, *class)?;
            classes::set_class_teacher_in(tx, now, session, *class, *teacher)?;
            Done::undone_by(
                old != *teacher,
                Op::SetClassTeacher {
                    class: *class,
                    teacher: old,
                },
            )
        }
        Op::CreateGroup {
            class,
            name,
            subject,
            students,
            from,
        } => Done::created(
            classes::create_group_in(tx, now, session, *class, name, *subject, students, *from)?.0,
        ),
        Op::SplitClass {
            class,
            subject,
            groups,
            from,
        } => {
            let ids = classes::split_in(tx, now, session, *class, *subject, groups, *from)?;
            Done {
                reply: Some(Reply::Groups(ids)),
                ..Done::default()
            }
        }
        Op::SplitAndRetire {
            class,
            subject,
            groups,
            from,
            course,
        } => {
            let (ids, retired) = classes::split_and_retire_in(
                tx, now, session, *class, *subject, groups, *from, *course,
            )?;
            Done {
                reply: Some(Reply::Split(ids, retired)),
                ..Done::default()
            }
        }
        Op::CreateCourse { terms } => {
            Done::created(classes::create_course_in(tx, now, session, terms)?.0)
        }
        Op::UpdateCourse { course, terms } => {
            let old = classes::terms(tx, *course)?;
            classes::update_course_in(tx, now, session, *course, terms)?;
            Done::undone_by(
                old != *terms,
                Op::UpdateCourse {
                    course: *course,
                    terms: old,
                },
            )
        }
        Op::RetireCourse { course, from } => {
            let retired = classes::retire_course_in(tx, now, session, *course, *from)?;
            Done {
                reply: Some(Reply::Retired(retired)),
                ..Done::default()
            }
        }
        _ => unreachable!("not a class operation: {op:?}"),
    })
}

/// Creates a class of a year ([`Op::CreateClass`]).
pub fn create_class(
    db: &mut Db,
    session: &Session,
    year: YearId,
    grade: u8,
    letter: &str,
    class_teacher: Option<StaffId>,
) -> Result<ClassId> {
    let op = Op::CreateClass {
        year,
        grade,
        letter: letter.to_string(),
        class_teacher,
    };
    Ok(ClassId(one(db, session, op)?.created[0]))
}

/// Names (or removes) a class's class teacher ([`Op::SetClassTeacher`]).
pub fn set_class_teacher(
    db: &mut Db,
    session: &Session,
    class: ClassId,
    teacher: Option<StaffId>,
) -> Result<()> {
    one(db, session, Op::SetClassTeacher { class, teacher }).map(drop)
}

/// Splits off a group of a class ([`Op::CreateGroup`]).
pub fn create_group(
    db: &mut Db,
    session: &Session,
    class: ClassId,
    name: &str,
    subject: Option<SubjectId>,
    students: &[StudentId],
    from: NaiveDate,
) -> Result<GroupId> {
    let op = Op::CreateGroup {
        class,
        name: name.to_string(),
        subject,
        students: students.to_vec(),
        from,
    };
    Ok(GroupId(one(db, session, op)?.created[0]))
}

/// Splits a class into groups, or regroups it, from `from` ([`Op::SplitClass`]); the groups'
/// ids in the order of the plan.
pub fn split_class(
    db: &mut Db,
    session: &Session,
    class: ClassId,
    subject: Option<SubjectId>,
    plan: &[GroupPlan],
    from: NaiveDate,
) -> Result<Vec<GroupId>> {
    let op = Op::SplitClass {
        class,
        subject,
        groups: plan.to_vec(),
        from,
    };
    match one(db, session, op)?.reply {
        Some(Reply::Groups(ids)) => Ok(ids),
        r => unreachable!("a split replies with its groups: {r:?}"),
    }
}

/// Splits a class and retires its whole-class course of the subject ([`Op::SplitAndRetire`]).
pub fn split_and_retire(
    db: &mut Db,
    session: &Session,
    class: ClassId,
    subject: SubjectId,
    plan: &[GroupPlan],
    from: NaiveDate,
    course: CourseId,
) -> Result<(Vec<GroupId>, Retired)> {
    let op = Op::SplitAndRetire {
        class,
        subject,
        groups: plan.to_vec(),
        from,
        course,
    };
    match one(db, session, op)?.reply {
        Some(Reply::Split(ids, r)) => Ok((ids, r)),
        r => unreachable!("a split replies with its groups: {r:?}"),
    }
}

/// Creates a course ([`Op::CreateCourse`]).
pub fn create_course(db: &mut Db, session: &Session, terms: &CourseTerms) -> Result<CourseId> {
    let op = Op::CreateCourse {
        terms: terms.clone(),
    };
    Ok(CourseId(one(db, session, op)?.created[0]))
}

/// Changes a course's terms ([`Op::UpdateCourse`]).
pub fn update_course(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    terms: &CourseTerms,
) -> Result<()> {
    let op = Op::UpdateCourse {
        course,
        terms: terms.clone(),
    };
    one(db, session, op).map(drop)
}

/// Takes a course out of the year from `from` on ([`Op::RetireCourse`]).
pub fn retire_course(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    from: NaiveDate,
) -> Result<Retired> {
    match one(db, session, Op::RetireCourse { course, from })?.reply {
        Some(Reply::Retired(r)) => Ok(r),
        r => unreachable!("retiring replies with what it did: {r:?}"),
    }
}
