//! Operations: a change of the journal as a value. Each variant names one change a person makes
//! (a mark typed, an absence, a lesson's topic saved) with the arguments the core needs; [`apply`]
//! is the one entry point that checks rights and rules (the same core code as every screen),
//! writes and audits, all operations of a call in one transaction, and says what it did and what
//! undoes it. Screens and the command line build operations; they do not write the journal.
//!
//! The JSON form (one object a line in `zhurnal ops apply`) is versioned: `"v": 1` (the default)
//! and `"op"` naming the kind, e.g.
//! `{"v":1,"op":"add_mark","lesson":812,"student":77,"value":"5"}`. The kinds and their fields
//! are listed in the README («Operations»). Every applied operation is recorded in the
//! operation log (`store::op_log`), and the audit entries it wrote name it; [`export`] writes the
//! log back as an operations file.
//!
//! Not every change of the journal is an operation yet: marks, attendance (the journal and the day
//! sheet), period marks, closing a period, the lesson form, single lessons (added, removed,
//! moved, cancelled, substituted), students with their parents and consents, subjects, the
//! school's profile, years, periods, holidays, bells, buildings, rooms, kinds of work, settings,
//! classes, groups, courses, the weekly timetable, laying lessons out, thematic plans and
//! staff accounts. The class-list import, reverting a compromised account and the year's
//! rollover still change through their modules' functions.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::attendance;
use crate::audit;
use crate::auth::Session;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::journal;
use crate::lessons::{self, LessonEdit};
use crate::model::*;
use crate::setup::students::{NewParent, NewStudent, Person};
use crate::store::op_log;

mod classes;
mod people;
mod school;
mod setup;
mod staff;
mod timetable;
pub use classes::{
    create_class, create_course, create_group, retire_course, set_class_teacher, split_and_retire,
    split_class, update_course,
};
pub use people::{
    add_parent, enrol, remove_parent, set_consent, set_paper_reports, transfer, update_parent,
    update_student, withdraw, withdraw_consent,
};
pub use school::{
    add_building, add_holiday, add_room, add_work_type, add_year, delete_bell, delete_holiday,
    save_settings, set_bell, set_grade_scheme, set_period_dates, set_work_type_weight,
    update_profile,
};
pub use setup::{add_subject, lift_lockout, remove_subject, rename_subject};
pub use staff::{
    change_password, create_staff, mark_compromised, release_compromised, reset_password,
    set_active, update_account,
};
pub use timetable::{change_timetable, import_plan, lay_out, lay_out_period, save_plan};

/// The version of the operations' JSON form this program writes and reads.
pub const FORMAT: u32 = 1;

/// One change of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// A new school in an empty journal: its profile, the first year from September of
    /// `year_start` (each grade's scheme in `schemes`), the standard bells and kinds of work, and
    /// the first administrator (`login`, `admin`, the password as its hash). The first operation
    /// of every journal; it needs no author.
    CreateSchool {
        school: crate::school::School,
        year_start: i32,
        schemes: Vec<(u8, Scheme)>,
        login: String,
        admin: PersonName,
        password_hash: String,
    },
    /// A mark for work at a lesson. Without `work_type`, the lesson's default (its first kind of
    /// work); with `id`, the mark takes that id (undoing a removal gives the mark back as it was).
    AddMark {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<MarkId>,
        lesson: LessonId,
        student: StudentId,
        value: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        work_type: Option<WorkTypeId>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        comment: String,
    },
    /// A mark's value, kind of work or comment changed.
    ChangeMark {
        mark: MarkId,
        value: String,
        work_type: WorkTypeId,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        comment: String,
    },
    RemoveMark {
        mark: MarkId,
    },
    /// An absence or a late arrival set, or with no `code` cleared.
    SetAttendance {
        lesson: LessonId,
        student: StudentId,
        #[serde(default)]
        code: Option<AttendanceCode>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        late_minutes: Option<u16>,
    },
    /// A period (with `period`), year, exam or final mark set, or with no `value` cleared.
    SetPeriodMark {
        course: CourseId,
        student: StudentId,
        kind: PeriodMarkKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period: Option<PeriodId>,
        #[serde(default)]
        value: Option<String>,
    },
    /// The teacher confirms the period's marks: the period closes to them.
    ClosePeriod {
        course: CourseId,
        period: PeriodId,
    },
    /// The lesson form saved: topic (and the plan topic it is), homework, comment, kinds of work
    /// (the default for new marks first).
    SaveLesson {
        lesson: LessonId,
        #[serde(default)]
        topic: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan_topic: Option<PlanTopicId>,
        #[serde(default)]
        homework: String,
        #[serde(default)]
        comment: String,
        #[serde(default)]
        work: Vec<WorkTypeId>,
    },
    /// «Все присутствуют»: attendance at the lesson is confirmed with nobody absent.
    ConfirmAttendance {
        lesson: LessonId,
    },
    /// The day sheet: a student absent with `code` at every lesson of theirs that day from lesson
    /// number `from_lesson` on (1 = the whole day).
    MarkDay {
        class: ClassId,
        student: StudentId,
        date: chrono::NaiveDate,
        #[serde(default = "first_lesson")]
        from_lesson: u8,
        code: AttendanceCode,
    },
    /// A note from home or a doctor: the student's Н from `from` to `to` become `code` (УП or Б).
    Excuse {
        class: ClassId,
        student: StudentId,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        code: AttendanceCode,
    },
    /// A lesson outside the timetable (an extra or make-up lesson) at `date`, lesson number
    /// `lesson_no`; with `id`, the lesson takes that id (undoing its removal).
    AddLesson {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<LessonId>,
        course: CourseId,
        date: chrono::NaiveDate,
        lesson_no: u8,
    },
    /// An extra lesson removed while nothing was entered for it.
    RemoveLesson {
        lesson: LessonId,
    },
    /// A lesson moved to another date or lesson number.
    MoveLesson {
        lesson: LessonId,
        date: chrono::NaiveDate,
        lesson_no: u8,
    },
    /// A lesson cancelled (`cancelled: true`) or the cancellation taken back.
    CancelLesson {
        lesson: LessonId,
        cancelled: bool,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        why: String,
    },
    /// A substitute teacher for a lesson, or with no `substitute` the substitution taken back.
    Substitute {
        lesson: LessonId,
        #[serde(default)]
        substitute: Option<StaffId>,
    },
    /// A new student enrolled into a class from `student.start` (the order's date).
    Enrol {
        student: NewStudent,
    },
    /// A student moved to another class of the year from `from`.
    Transfer {
        student: StudentId,
        to: ClassId,
        from: chrono::NaiveDate,
    },
    /// A student leaves; `last_day` is their last day on the list.
    Withdraw {
        student: StudentId,
        last_day: chrono::NaiveDate,
        why: String,
    },
    /// A student's card corrected: name, birth date, personal file number.
    UpdateStudent {
        student: StudentId,
        name: PersonName,
        #[serde(default)]
        birth_date: Option<chrono::NaiveDate>,
        #[serde(default)]
        file_number: Option<String>,
    },
    AddParent {
        student: StudentId,
        parent: NewParent,
    },
    UpdateParent {
        student: StudentId,
        parent: ParentId,
        data: NewParent,
    },
    RemoveParent {
        student: StudentId,
        parent: ParentId,
    },
    /// A consent to personal-data processing given on `given`; with none, withdrawn today.
    SetConsent {
        student: StudentId,
        person: Person,
        #[serde(default)]
        given: Option<chrono::NaiveDate>,
    },
    WithdrawConsent {
        student: StudentId,
        person: Person,
        on: chrono::NaiveDate,
    },
    /// Paper summaries for the student's parents from `since` (`paper: true`), or electronic.
    SetPaperReports {
        student: StudentId,
        paper: bool,
        since: chrono::NaiveDate,
    },
    /// A subject with its short name (the journal's column heads); with `id`, that id.
    AddSubject {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<SubjectId>,
        name: String,
        short: String,
    },
    RenameSubject {
        subject: SubjectId,
        name: String,
        short: String,
    },
    /// A subject removed while no course or group uses it.
    RemoveSubject {
        subject: SubjectId,
    },
    /// An account locked after wrong passwords is let in again before the lock runs out.
    LiftLockout {
        staff: StaffId,
    },
    /// The school's name, address and director.
    UpdateProfile {
        school: crate::school::School,
    },
    /// An academic year from September of `year_start` with the standard calendar and bells;
    /// `schemes` gives each grade's reporting scheme (quarters, trimesters or halves).
    AddYear {
        year_start: i32,
        schemes: Vec<(u8, Scheme)>,
    },
    /// A period's dates moved.
    SetPeriodDates {
        period: PeriodId,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    },
    /// Grades `min..=max` report by `scheme` in the year.
    SetGradeScheme {
        year: YearId,
        min: u8,
        max: u8,
        scheme: Scheme,
    },
    /// A holiday stretch; with `id`, that id (undoing its removal).
    AddHoliday {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<i64>,
        year: YearId,
        holiday: crate::school::Holiday,
    },
    RemoveHoliday {
        holiday: i64,
    },
    /// A lesson's times in the bell schedule (added or changed).
    SetBell {
        year: YearId,
        lesson_no: u8,
        starts: chrono::NaiveTime,
        ends: chrono::NaiveTime,
    },
    /// A lesson number taken out of the bell schedule while nothing stands at it.
    RemoveBell {
        year: YearId,
        lesson_no: u8,
    },
    AddBuilding {
        name: String,
        #[serde(default)]
        address: String,
    },
    /// A room, in a building or not.
    AddRoom {
        #[serde(default)]
        building: Option<i64>,
        name: String,
    },
    /// A kind of work with its weight in the weighted average.
    AddWorkType {
        name: String,
        short: String,
        weight: f64,
    },
    SetWorkWeight {
        work_type: WorkTypeId,
        weight: f64,
    },
    /// The school's settings: edit window, rounding, idle lock, absence warning, lockouts.
    SaveSettings {
        settings: crate::setup::year::SchoolSettings,
    },
    /// A class of a year (`grade` and `letter`: 5 and «А»), with its class teacher if named.
    CreateClass {
        year: YearId,
        grade: u8,
        letter: String,
        #[serde(default)]
        class_teacher: Option<StaffId>,
    },
    /// A class's class teacher named, or with none removed.
    SetClassTeacher {
        class: ClassId,
        #[serde(default)]
        teacher: Option<StaffId>,
    },
    /// A study group of a class (for a subject, or for everything) with its members from `from`.
    CreateGroup {
        class: ClassId,
        name: String,
        #[serde(default)]
        subject: Option<SubjectId>,
        students: Vec<StudentId>,
        from: chrono::NaiveDate,
    },
    /// A class split into groups (or regrouped) from `from`: each group named holds exactly the
    /// students given.
    SplitClass {
        class: ClassId,
        #[serde(default)]
        subject: Option<SubjectId>,
        groups: Vec<crate::setup::classes::GroupPlan>,
        from: chrono::NaiveDate,
    },
    /// A split as [`Op::SplitClass`], and the class's whole-class `course` of the subject retired
    /// from the same day.
    SplitAndRetire {
        class: ClassId,
        subject: SubjectId,
        groups: Vec<crate::setup::classes::GroupPlan>,
        from: chrono::NaiveDate,
        course: CourseId,
    },
    /// A course: subject, class or group, teacher, room, scale, hours a week.
    CreateCourse {
        terms: crate::setup::classes::CourseTerms,
    },
    UpdateCourse {
        course: CourseId,
        terms: crate::setup::classes::CourseTerms,
    },
    /// A course taken out of the year from `from` (ended, or gone if its journal is empty).
    RetireCourse {
        course: CourseId,
        from: chrono::NaiveDate,
    },
    /// A course's weekly slots from `from` on (weekday 1 = Monday, lesson number, room); its
    /// lessons from then to the year's end follow.
    ChangeTimetable {
        course: CourseId,
        from: chrono::NaiveDate,
        slots: Vec<crate::lessons::timetable::Slot>,
    },
    /// The lessons of `courses` (every course of the year when empty) laid out from the
    /// timetable from `from` to `to`.
    LayOut {
        year: YearId,
        #[serde(default)]
        courses: Vec<CourseId>,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    /// A course's thematic plan: its topics with their hours, in order.
    SavePlan {
        course: CourseId,
        topics: Vec<crate::lessons::plan::PlanRow>,
    },
    /// A staff account with its roles; the password as its argon2 hash (`temporary`: to be
    /// changed at the first login).
    CreateStaff {
        login: String,
        name: PersonName,
        roles: Vec<Role>,
        #[serde(default)]
        temporary: bool,
        password_hash: String,
    },
    /// An account's name corrected and its roles replaced.
    UpdateAccount {
        staff: StaffId,
        name: PersonName,
        roles: Vec<Role>,
    },
    /// An account switched off (a leaver) or on again.
    SetActive {
        staff: StaffId,
        active: bool,
    },
    /// An account's password reset to a temporary one (its hash).
    ResetPassword {
        staff: StaffId,
        password_hash: String,
    },
    /// The author's own password changed (its hash).
    ChangePassword {
        password_hash: String,
    },
    /// An account locked as compromised since `since`.
    MarkCompromised {
        staff: StaffId,
        since: chrono::NaiveDateTime,
    },
    /// A compromised account given back with a new temporary password (its hash).
    ReleaseCompromised {
        staff: StaffId,
        password_hash: String,
    },
}

fn first_lesson() -> u8 {
    1
}

/// What one applied operation did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Done {
    /// Ids of the rows it created (a new mark's).
    pub created: Vec<i64>,
    /// The operations that undo it, in the order to apply them; empty when it changed nothing,
    /// or when it cannot be undone by the person who made it (closing a period, confirming
    /// attendance: the administrator reopens a period, with a reason).
    pub inverse: Vec<Op>,
    /// What the operation answers besides the ids, for the screen that asked.
    pub reply: Option<Reply>,
}

/// An operation's answer besides the ids it created.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The groups of a split, in the plan's order (found or made).
    Groups(Vec<GroupId>),
    /// A split's groups and what retiring the whole-class course did.
    Split(Vec<GroupId>, crate::setup::classes::Retired),
    /// What retiring a course did.
    Retired(crate::setup::classes::Retired),
    /// What a timetable change did.
    Timetable(crate::lessons::timetable::Changed),
    /// What laying lessons out did.
    Layout(crate::lessons::LayoutReport),
}

impl Done {
    /// A change that created the row `id` and is not undone by an operation.
    fn created(id: i64) -> Done {
        Done {
            created: vec![id],
            inverse: Vec::new(),
            reply: None,
        }
    }

    /// A change that created nothing, undone by `inverse` when it changed anything.
    fn undone_by(changed: bool, inverse: Op) -> Done {
        Done {
            created: Vec::new(),
            inverse: if changed { vec![inverse] } else { Vec::new() },
            reply: None,
        }
    }
}

/// A batch refused: the operation at `at` (from 0) and why. Nothing of the batch was written.
#[derive(Debug, Clone)]
pub struct Refused {
    pub at: usize,
    pub error: Error,
    /// When the timetable refused it: the clashes or the rule (for a screen to show in full;
    /// `error` says the same in words).
    pub clash: Option<Clash>,
}

/// Why the timetable refused a lesson's change.
#[derive(Debug, Clone, PartialEq)]
pub enum Clash {
    /// The teacher, the room or the class is booked then.
    Conflicts(Vec<lessons::Conflict>),
    /// The school's rules do not allow it (a holiday, no such bell, the lesson took place).
    Blocked(lessons::Block),
}

/// An operation's failure inside the loop: an error, or the timetable's refusal.
enum Failure {
    Error(Error),
    Clash(Clash),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Error(e)
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Failure {
        Failure::Error(e.into())
    }
}

impl Failure {
    fn refused(self, at: usize) -> Refused {
        match self {
            Failure::Error(error) => Refused {
                at,
                error,
                clash: None,
            },
            Failure::Clash(c) => Refused {
                at,
                error: Error::said("said-op-clash", &[("detail", clash_words(&c).into())]),
                clash: Some(c),
            },
        }
    }
}

/// A clash in plain (English) words for logs; the screens and the command line word it in the
/// user's language (`words::clash_text`).
fn clash_words(c: &Clash) -> String {
    match c {
        Clash::Conflicts(k) => k
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        Clash::Blocked(b) => b.to_string(),
    }
}

/// The outcome of a lesson's change as an operation's result: done, or the clash that refused it.
fn placed<T>(o: lessons::Outcome<T>) -> std::result::Result<T, Failure> {
    match o {
        lessons::Outcome::Done(t) => Ok(t),
        lessons::Outcome::Refused(k) => Err(Failure::Clash(Clash::Conflicts(k))),
        lessons::Outcome::Blocked(b) => Err(Failure::Clash(Clash::Blocked(b))),
    }
}

impl From<Refused> for Error {
    fn from(r: Refused) -> Error {
        r.error
    }
}

/// Applies `ops` for `session`, in one transaction: all of them or, when one is refused, none.
/// `reason` is the administrator's reason for a correction past a lock (for every operation).
/// Each applied operation is recorded in the operation log, and its audit entries name it.
pub fn apply(
    db: &mut Db,
    session: &Session,
    ops: &[Op],
    reason: Option<&str>,
) -> std::result::Result<Vec<Done>, Refused> {
    run(db, session, ops.iter().map(|op| (op, reason)))
}

/// Applies one operation for `session` (no reason): what it did.
pub(crate) fn one(db: &mut Db, session: &Session, op: Op) -> Result<Done> {
    Ok(apply(db, session, &[op], None)?.remove(0))
}

/// Applies one operation that moves, adds or cancels a lesson: a refusal by the timetable comes
/// back as the outcome (the clashes, or the rule), other refusals as errors.
pub fn apply_placed(db: &mut Db, session: &Session, op: Op) -> Result<lessons::Outcome<Done>> {
    match apply(db, session, std::slice::from_ref(&op), None) {
        Ok(mut done) => Ok(lessons::Outcome::Done(done.remove(0))),
        Err(Refused {
            clash: Some(Clash::Conflicts(k)),
            ..
        }) => Ok(lessons::Outcome::Refused(k)),
        Err(Refused {
            clash: Some(Clash::Blocked(b)),
            ..
        }) => Ok(lessons::Outcome::Blocked(b)),
        Err(r) => Err(r.error),
    }
}

/// Adds a lesson outside the timetable ([`Op::AddLesson`]); deputy director or administrator.
pub fn add_lesson(
    db: &mut Db,
    session: &Session,
    course: CourseId,
    date: chrono::NaiveDate,
    lesson_no: u8,
) -> Result<lessons::Outcome<LessonId>> {
    let op = Op::AddLesson {
        id: None,
        course,
        date,
        lesson_no,
    };
    Ok(apply_placed(db, session, op)?.map(|d| LessonId(d.created[0])))
}

/// Moves a lesson ([`Op::MoveLesson`]).
pub fn move_lesson(
    db: &mut Db,
    session: &Session,
    lesson: LessonId,
    date: chrono::NaiveDate,
    lesson_no: u8,
) -> Result<lessons::Outcome<()>> {
    let op = Op::MoveLesson {
        lesson,
        date,
        lesson_no,
    };
    Ok(apply_placed(db, session, op)?.map(|_| ()))
}

/// Cancels a lesson or takes the cancellation back ([`Op::CancelLesson`]).
pub fn set_cancelled(
    db: &mut Db,
    session: &Session,
    lesson: LessonId,
    cancelled: bool,
    why: &str,
) -> Result<lessons::Outcome<()>> {
    let op = Op::CancelLesson {
        lesson,
        cancelled,
        why: why.trim().to_string(),
    };
    Ok(apply_placed(db, session, op)?.map(|_| ()))
}

/// Assigns a substitute, or with `None` takes the substitution back ([`Op::Substitute`]).
pub fn assign_substitute(
    db: &mut Db,
    session: &Session,
    lesson: LessonId,
    substitute: Option<StaffId>,
) -> Result<lessons::Outcome<()>> {
    let op = Op::Substitute { lesson, substitute };
    Ok(apply_placed(db, session, op)?.map(|_| ()))
}

/// The one transaction loop behind [`apply`] and [`apply_lines`]: a refusal carries the item's
/// index (from 0).
fn run<'a>(
    db: &mut Db,
    session: &Session,
    items: impl ExactSizeIterator<Item = (&'a Op, Option<&'a str>)>,
) -> std::result::Result<Vec<Done>, Refused> {
    let now = db.clock.now();
    let n = items.len();
    let tx = db.immediate().map_err(|e| Failure::Error(e).refused(0))?;
    let mut done = Vec::with_capacity(n);
    for (i, (op, reason)) in items.enumerate() {
        done.push(apply_logged(&tx, now, Some(session), op, reason).map_err(|f| f.refused(i))?);
    }
    tx.commit()
        .map_err(|e| Failure::from(e).refused(n.saturating_sub(1)))?;
    Ok(done)
}

/// Applies one operation and records it in the operation log, inside the caller's transaction.
/// Only the school's creation has no author (`session` None): the administrator it creates is.
fn apply_logged(
    tx: &Connection,
    now: chrono::NaiveDateTime,
    session: Option<&Session>,
    op: &Op,
    reason: Option<&str>,
) -> std::result::Result<Done, Failure> {
    let id = op_log::next_id(tx)?;
    let (done, by) = {
        let _scope = audit::OpScope::enter(id);
        match (op, session) {
            (Op::CreateSchool { .. }, _) => {
                let done = create_school_in(tx, now, op)?;
                let by = StaffId(done.created[0]);
                (done, by)
            }
            (_, Some(s)) => (apply_in(tx, now, s, op, reason)?, s.staff),
            (_, None) => return Err(Error::said("said-op-no-author", &[]).into()),
        }
    };
    let line = Line {
        v: FORMAT,
        op: op.clone(),
        reason: reason.map(str::to_string),
        by: None,
        at: None,
    };
    let json = serde_json::to_string(&line).map_err(|e| Error::invalid(e.to_string()))?;
    op_log::append(tx, id, now, Some(by), &json, &done.created)?;
    Ok(done)
}

/// [`Op::CreateSchool`]: created are the administrator and the first year.
fn create_school_in(
    tx: &Connection,
    now: chrono::NaiveDateTime,
    op: &Op,
) -> std::result::Result<Done, Failure> {
    let Op::CreateSchool {
        school,
        year_start,
        schemes,
        login,
        admin,
        password_hash,
    } = op
    else {
        unreachable!("not the school's creation: {op:?}")
    };
    let new = crate::school::NewSchool {
        name: school.name.clone(),
        address: school.address.clone(),
        director: school.director.clone(),
        year_start: *year_start,
        schemes: schemes.clone(),
        admin: crate::auth::NewStaff {
            login: login.clone(),
            name: admin.clone(),
            roles: vec![Role::Admin],
            password: String::new(),
            temporary: false,
        },
    };
    let (staff, year) = crate::school::create_school_in(tx, now, &new, password_hash)?;
    Ok(Done {
        created: vec![staff.0, year.0],
        ..Done::default()
    })
}

/// Fills an empty journal with a new school ([`Op::CreateSchool`]); its first administrator
/// (holding the administrator role) and first year. Without `admin_password_hash`, the
/// administrator's password (long enough) is hashed here.
pub fn create_school(
    db: &mut Db,
    s: &crate::school::NewSchool,
    admin_password_hash: Option<String>,
) -> Result<(StaffId, YearId)> {
    if !s.admin.roles.contains(&Role::Admin) {
        return Err(Error::said("said-first-admin", &[]));
    }
    let password_hash = match admin_password_hash {
        Some(h) => h,
        None => {
            crate::auth::check_new_password(&s.admin.password, false)?;
            crate::auth::hash_password(&s.admin.password)
        }
    };
    let op = Op::CreateSchool {
        school: crate::school::School {
            name: s.name.clone(),
            address: s.address.clone(),
            director: s.director.clone(),
        },
        year_start: s.year_start,
        schemes: s.schemes.clone(),
        login: s.admin.login.clone(),
        admin: s.admin.name.clone(),
        password_hash,
    };
    let now = db.clock.now();
    let mut batch = Batch::begin(db)?;
    let done = batch.create_school(now, &op)?;
    batch.commit()?;
    Ok((StaffId(done.created[0]), YearId(done.created[1])))
}

/// Many operations in one transaction, each at its own moment by its own author: how the demo
/// school is built and an exported log replayed. A refused operation is taken back alone (a
/// savepoint) and the batch goes on; nothing is written until [`Batch::commit`].
pub struct Batch<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl<'a> Batch<'a> {
    pub fn begin(db: &'a mut Db) -> Result<Batch<'a>> {
        Ok(Batch {
            tx: db.immediate()?,
        })
    }

    /// The journal as the batch has it so far.
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Applies `op` for `session` at `now`; a refusal leaves the batch as it was.
    pub fn apply(
        &mut self,
        session: &Session,
        now: chrono::NaiveDateTime,
        op: &Op,
    ) -> std::result::Result<Done, Refused> {
        self.apply_as(Some(session), now, op, None)
    }

    /// Creates the school ([`Op::CreateSchool`]), the one operation without an author.
    pub fn create_school(&mut self, now: chrono::NaiveDateTime, op: &Op) -> Result<Done> {
        Ok(self.apply_as(None, now, op, None)?)
    }

    fn apply_as(
        &mut self,
        session: Option<&Session>,
        now: chrono::NaiveDateTime,
        op: &Op,
        reason: Option<&str>,
    ) -> std::result::Result<Done, Refused> {
        let sp = self
            .tx
            .savepoint()
            .map_err(|e| Failure::from(e).refused(0))?;
        let done = apply_logged(&sp, now, session, op, reason).map_err(|f| f.refused(0))?;
        sp.commit().map_err(|e| Failure::from(e).refused(0))?;
        Ok(done)
    }

    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

/// Builds a new journal at `path` (which must not exist) from an exported operation log: each
/// operation as its recorded author at its recorded moment. All or nothing: a line that cannot
/// be applied is named by its number, and no file is left behind.
pub fn replay(
    path: &std::path::Path,
    lines: &[(usize, Line)],
) -> std::result::Result<usize, (usize, Error)> {
    let mut db = Db::create(path).map_err(|e| (0, e))?;
    let result = replay_into(&mut db, lines);
    drop(db);
    if result.is_err() {
        crate::db::remove_journal(path);
    }
    result
}

fn replay_into(db: &mut Db, lines: &[(usize, Line)]) -> std::result::Result<usize, (usize, Error)> {
    let mut batch = Batch::begin(db).map_err(|e| (0, e))?;
    for (no, line) in lines {
        let fail = |e: Error| (*no, e);
        let at = line
            .at
            .as_deref()
            .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").ok())
            .ok_or_else(|| fail(Error::said("said-op-no-moment", &[])))?;
        let session = match (&line.op, &line.by) {
            (Op::CreateSchool { .. }, _) => None,
            (_, Some(login)) => {
                let id = crate::auth::staff_by_login(batch.conn(), login)
                    .map_err(fail)?
                    .ok_or_else(|| {
                        fail(Error::said(
                            "said-op-unknown-author",
                            &[("login", login.as_str().into())],
                        ))
                    })?;
                Some(crate::auth::session_of(batch.conn(), id).map_err(fail)?)
            }
            (_, None) => return Err(fail(Error::said("said-op-no-author", &[]))),
        };
        batch
            .apply_as(session.as_ref(), at, &line.op, line.reason.as_deref())
            .map_err(|r| fail(r.error))?;
    }
    batch.commit().map_err(|e| (0, e))?;
    Ok(lines.len())
}

/// The inverse of a whole batch: what undoes `done` (the last operation's inverse first).
pub fn inverse_of(done: &[Done]) -> Vec<Op> {
    done.iter()
        .rev()
        .flat_map(|d| d.inverse.iter().cloned())
        .collect()
}

/// Applies one operation inside a transaction the caller opened (and commits).
fn apply_in(
    tx: &Connection,
    now: chrono::NaiveDateTime,
    session: &Session,
    op: &Op,
    reason: Option<&str>,
) -> std::result::Result<Done, Failure> {
    let nothing = || Done {
        created: Vec::new(),
        inverse: Vec::new(),
        reply: None,
    };
    Ok(match op {
        Op::CreateSchool { .. } => create_school_in(tx, now, op)?,
        Op::AddMark {
            id,
            lesson,
            student,
            value,
            work_type,
            comment,
        } => {
            let id = journal::add_mark_in(
                tx, now, session, *id, *lesson, *student, value, *work_type, comment, reason,
            )?;
            Done {
                created: vec![id.0],
                inverse: vec![Op::RemoveMark { mark: id }],
                reply: None,
            }
        }
        Op::ChangeMark {
            mark,
            value,
            work_type,
            comment,
        } => {
            let old = journal::mark_row(tx, *mark)?;
            journal::update_mark_in(tx, now, session, *mark, value, *work_type, comment, reason)?;
            let new = journal::mark_row(tx, *mark)?;
            if (&new.value, new.work_type, &new.comment)
                == (&old.value, old.work_type, &old.comment)
            {
                nothing()
            } else {
                Done {
                    created: Vec::new(),
                    inverse: vec![Op::ChangeMark {
                        mark: *mark,
                        value: old.value,
                        work_type: old.work_type,
                        comment: old.comment,
                    }],
                    reply: None,
                }
            }
        }
        Op::RemoveMark { mark } => {
            let old = journal::mark_row(tx, *mark)?;
            journal::delete_mark_in(tx, now, session, *mark, reason)?;
            Done {
                created: Vec::new(),
                inverse: vec![Op::AddMark {
                    id: Some(*mark),
                    lesson: old.lesson,
                    student: old.student,
                    value: old.value,
                    work_type: Some(old.work_type),
                    comment: old.comment,
                }],
                reply: None,
            }
        }
        Op::SetAttendance {
            lesson,
            student,
            code,
            late_minutes,
        } => {
            let old = journal::attendance_row(tx, *lesson, *student)?;
            journal::set_attendance_in(
                tx,
                now,
                session,
                *lesson,
                *student,
                code.map(|c| (c, *late_minutes)),
                reason,
            )?;
            if journal::attendance_row(tx, *lesson, *student)? == old {
                nothing()
            } else {
                Done {
                    created: Vec::new(),
                    inverse: vec![Op::SetAttendance {
                        lesson: *lesson,
                        student: *student,
                        code: old.map(|o| o.0),
                        late_minutes: old.and_then(|o| o.1),
                    }],
                    reply: None,
                }
            }
        }
        Op::SetPeriodMark {
            course,
            student,
            kind,
            period,
            value,
        } => {
            let old = journal::period_mark_row(tx, *course, *student, *kind, *period)?;
            journal::set_period_mark_in(
                tx,
                now,
                session,
                *course,
                *student,
                *kind,
                *period,
                value.as_deref(),
                reason,
            )?;
            if journal::period_mark_row(tx, *course, *student, *kind, *period)? == old {
                nothing()
            } else {
                Done {
                    created: Vec::new(),
                    inverse: vec![Op::SetPeriodMark {
                        course: *course,
                        student: *student,
                        kind: *kind,
                        period: *period,
                        value: old,
                    }],
                    reply: None,
                }
            }
        }
        Op::ClosePeriod { course, period } => {
            journal::close_period_in(tx, now, session, *course, *period)?;
            nothing()
        }
        Op::SaveLesson {
            lesson,
            topic,
            plan_topic,
            homework,
            comment,
            work,
        } => {
            let old = lessons::lesson_edit_row(tx, *lesson)?;
            let edit = LessonEdit {
                topic: topic.clone(),
                plan_topic: *plan_topic,
                homework: homework.clone(),
                comment: comment.clone(),
                work: work.clone(),
            };
            lessons::save_lesson_in(tx, now, session, *lesson, &edit, reason)?;
            if lessons::lesson_edit_row(tx, *lesson)? == old {
                nothing()
            } else {
                Done {
                    created: Vec::new(),
                    inverse: vec![Op::SaveLesson {
                        lesson: *lesson,
                        topic: old.topic,
                        plan_topic: old.plan_topic,
                        homework: old.homework,
                        comment: old.comment,
                        work: old.work,
                    }],
                    reply: None,
                }
            }
        }
        Op::ConfirmAttendance { lesson } => {
            lessons::confirm_attendance_in(tx, now, session, *lesson)?;
            nothing()
        }
        Op::MarkDay {
            class,
            student,
            date,
            from_lesson,
            code,
        } => {
            let changed = attendance::mark_day_in(
                tx,
                now,
                session,
                *class,
                *student,
                *date,
                *from_lesson,
                *code,
            )?;
            attendance_restored(*student, changed)
        }
        Op::Excuse {
            class,
            student,
            from,
            to,
            code,
        } => {
            let changed =
                attendance::excuse_in(tx, now, session, *class, *student, *from, *to, *code)?;
            attendance_restored(*student, changed)
        }
        Op::AddLesson {
            id,
            course,
            date,
            lesson_no,
        } => {
            let id = placed(lessons::add_lesson_in(
                tx, now, session, *id, *course, *date, *lesson_no,
            )?)?;
            Done {
                created: vec![id.0],
                inverse: vec![Op::RemoveLesson { lesson: id }],
                reply: None,
            }
        }
        Op::RemoveLesson { lesson } => {
            let old = lessons::lesson(tx, *lesson)?;
            placed(lessons::remove_extra_lesson_in(tx, now, session, *lesson)?)?;
            Done {
                created: Vec::new(),
                inverse: vec![Op::AddLesson {
                    id: Some(*lesson),
                    course: old.course,
                    date: old.date,
                    lesson_no: old.lesson_no,
                }],
                reply: None,
            }
        }
        Op::MoveLesson {
            lesson,
            date,
            lesson_no,
        } => {
            let old = lessons::lesson(tx, *lesson)?;
            placed(lessons::move_lesson_in(
                tx, now, session, *lesson, *date, *lesson_no,
            )?)?;
            Done::undone_by(
                (old.date, old.lesson_no) != (*date, *lesson_no),
                Op::MoveLesson {
                    lesson: *lesson,
                    date: old.date,
                    lesson_no: old.lesson_no,
                },
            )
        }
        Op::CancelLesson {
            lesson,
            cancelled,
            why,
        } => {
            let old = lessons::lesson(tx, *lesson)?;
            placed(lessons::set_cancelled_in(
                tx, now, session, *lesson, *cancelled, why,
            )?)?;
            Done::undone_by(
                old.cancelled != *cancelled,
                Op::CancelLesson {
                    lesson: *lesson,
                    cancelled: old.cancelled,
                    why: String::new(),
                },
            )
        }
        Op::Enrol { .. }
        | Op::Transfer { .. }
        | Op::Withdraw { .. }
        | Op::UpdateStudent { .. }
        | Op::AddParent { .. }
        | Op::UpdateParent { .. }
        | Op::RemoveParent { .. }
        | Op::SetConsent { .. }
        | Op::WithdrawConsent { .. }
        | Op::SetPaperReports { .. } => people::apply_in(tx, now, session, op)?,
        Op::AddSubject { .. }
        | Op::RenameSubject { .. }
        | Op::RemoveSubject { .. }
        | Op::LiftLockout { .. } => setup::apply_in(tx, now, session, op)?,
        Op::UpdateProfile { .. }
        | Op::AddYear { .. }
        | Op::SetPeriodDates { .. }
        | Op::SetGradeScheme { .. }
        | Op::AddHoliday { .. }
        | Op::RemoveHoliday { .. }
        | Op::SetBell { .. }
        | Op::RemoveBell { .. }
        | Op::AddBuilding { .. }
        | Op::AddRoom { .. }
        | Op::AddWorkType { .. }
        | Op::SetWorkWeight { .. }
        | Op::SaveSettings { .. } => school::apply_in(tx, now, session, op)?,
        Op::CreateClass { .. }
        | Op::SetClassTeacher { .. }
        | Op::CreateGroup { .. }
        | Op::SplitClass { .. }
        | Op::SplitAndRetire { .. }
        | Op::CreateCourse { .. }
        | Op::UpdateCourse { .. }
        | Op::RetireCourse { .. } => classes::apply_in(tx, now, session, op)?,
        Op::ChangeTimetable { .. } | Op::LayOut { .. } | Op::SavePlan { .. } => {
            timetable::apply_in(tx, now, session, op)?
        }
        Op::CreateStaff { .. }
        | Op::UpdateAccount { .. }
        | Op::SetActive { .. }
        | Op::ResetPassword { .. }
        | Op::ChangePassword { .. }
        | Op::MarkCompromised { .. }
        | Op::ReleaseCompromised { .. } => staff::apply_in(tx, now, session, op)?,
        Op::Substitute { lesson, substitute } => {
            let old = lessons::lesson(tx, *lesson)?;
            placed(lessons::assign_substitute_in(
                tx,
                now,
                session,
                *lesson,
                *substitute,
            )?)?;
            let new = lessons::lesson(tx, *lesson)?;
            Done::undone_by(
                new.substitute != old.substitute,
                Op::Substitute {
                    lesson: *lesson,
                    substitute: old.substitute,
                },
            )
        }
    })
}

/// What undoes a change of several attendance entries: each as it was, the last changed first.
fn attendance_restored(student: StudentId, changed: attendance::Changed) -> Done {
    Done {
        created: Vec::new(),
        inverse: changed
            .into_iter()
            .rev()
            .map(|(lesson, old)| Op::SetAttendance {
                lesson,
                student,
                code: old.map(|o| o.0),
                late_minutes: old.and_then(|o| o.1),
            })
            .collect(),
        reply: None,
    }
}

/// One line of an operations file: an operation, its format version, and the reason for a
/// correction past a lock where one is needed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    #[serde(default = "format_one")]
    pub v: u32,
    #[serde(flatten)]
    pub op: Op,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who applied it (a login), in an exported log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When it was applied (`YYYY-MM-DDTHH:MM:SS`), in an exported log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

fn format_one() -> u32 {
    1
}

/// A line of an operations file that cannot be read: its number (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct BadLine {
    pub line: usize,
    pub detail: String,
}

/// Reads an operations file (JSON lines; blank lines and lines starting with `#` are skipped).
/// Every line is read before anything is applied: the first bad one is named.
pub fn read_lines(text: &str) -> std::result::Result<Vec<(usize, Line)>, BadLine> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let line: Line = serde_json::from_str(t).map_err(|e| BadLine {
            line: i + 1,
            detail: e.to_string(),
        })?;
        if line.v != FORMAT {
            return Err(BadLine {
                line: i + 1,
                detail: format!("format version {} (this program reads {FORMAT})", line.v),
            });
        }
        out.push((i + 1, line));
    }
    Ok(out)
}

/// Applies the lines of an operations file as `session`, all or nothing, each with its own
/// reason: one transaction. A refusal names the file's line. A line's `by` and `at` (written by
/// [`export`]) are not read here: the lines are applied as `session`, now.
pub fn apply_lines(
    db: &mut Db,
    session: &Session,
    lines: &[(usize, Line)],
) -> std::result::Result<usize, (usize, Refused)> {
    run(
        db,
        session,
        lines.iter().map(|(_, l)| (&l.op, l.reason.as_deref())),
    )
    .map_err(|r| (lines.get(r.at).map(|l| l.0).unwrap_or(1), r))?;
    Ok(lines.len())
}

/// The operation log as an operations file: one line an applied operation, in commit order, each
/// with its author's login (`by`) and the moment it was applied (`at`).
pub fn export(conn: &Connection) -> Result<String> {
    let mut out = String::new();
    for row in op_log::all(conn)? {
        let mut line: Line =
            serde_json::from_str(&row.line).map_err(|e| Error::invalid(e.to_string()))?;
        line.by = row.login;
        line.at = Some(row.at);
        out.push_str(&serde_json::to_string(&line).map_err(|e| Error::invalid(e.to_string()))?);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_form_reads_back_and_names_its_kind() {
        let op = Op::SetAttendance {
            lesson: LessonId(12),
            student: StudentId(7),
            code: Some(AttendanceCode::Excused),
            late_minutes: None,
        };
        let line = Line {
            v: FORMAT,
            op: op.clone(),
            reason: None,
            by: None,
            at: None,
        };
        let json = serde_json::to_string(&line).unwrap();
        assert_eq!(
            json,
            r#"{"v":1,"op":"set_attendance","lesson":12,"student":7,"code":"excused"}"#
        );
        let back = read_lines(&json).unwrap();
        assert_eq!(back, vec![(1, line)]);
        let minimal = r#"{"op":"add_mark","lesson":3,"student":4,"value":"5"}"#;
        let (_, l) = read_lines(minimal).unwrap().remove(0);
        assert_eq!(l.v, 1);
        assert!(matches!(
            l.op,
            Op::AddMark {
                id: None,
                work_type: None,
                ..
            }
        ));
    }

    #[test]
    fn a_bad_line_is_named_by_its_number() {
        let text = "# marks for 5А\n{\"op\":\"add_mark\",\"lesson\":3,\"student\":4,\"value\":\"5\"}\n\n{\"op\":\"fly\"}\n";
        let e = read_lines(text).unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.detail.contains("fly"), "{}", e.detail);
        let newer = "{\"v\":2,\"op\":\"remove_mark\",\"mark\":1}";
        assert_eq!(read_lines(newer).unwrap_err().line, 1);
    }
}
