//! Classes and students: the list of a class (everyone who was ever in it, with their dates, their
//! consent and the family's choice of paper), enrolling a student, importing a class list from CSV
//! or XLSX with a preview (all or nothing), and a student's card: their data corrected (the old
//! data kept in the history shown on the card), parents and legal representatives added,
//! corrected and taken off, consents to personal-data processing with the date they were signed
//! and their withdrawal, the refusal of the electronic diary, transfer (into any class of the year)
//! and withdrawal. The records clerk and the administrator keep every class; a class teacher keeps
//! their own — the core refuses the rest, the screen only offers what it would accept. The class
//! teacher (and the administrator) also split the class into study groups for a subject here and
//! move a student to another group from a date, with the School screen's own groups form.

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{
    button, column, container, operation, pick_list, row, scrollable, table, text, text_input,
};
use iced::{Fill, Task};

use super::school::{chips_with_ids, groups};
use crate::error::Error;
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::{Tr, format_datetime};
use crate::model::{
    ClassId, ParentId, PersonName, Role, StudentId, SubjectId, YearId, format_date, parse_date,
};
use crate::setup::classes::{self as setup_classes, GroupInfo};
use crate::setup::import::{self, Preview};
use crate::setup::students::{
    self, DataProblem, NewParent, NewStudent, ParentRow, Person, RecordChange, Relation, StudentRow,
};

/// The page's scrollable, snapped to the top when a card opens or closes.
const PAGE: &str = "students-page";
/// How many of a student's record changes the card lists.
const HISTORY_SHOWN: usize = 8;

/// A class in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassChoice {
    pub id: ClassId,
    pub name: String,
}

impl fmt::Display for ClassChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// What the page reads first.
#[derive(Debug, Clone, Default)]
pub struct Start {
    year: Option<YearId>,
    /// The classes whose lists the user keeps.
    keep: Vec<ClassChoice>,
    /// Every class of the year: a student may be transferred into any of them.
    all: Vec<ClassChoice>,
    /// The classes the user may split into study groups (the administrator: all; a class
    /// teacher: their own).
    split: Vec<ClassId>,
}

/// A class's study groups as the groups form needs them, read for one day of the year.
#[derive(Debug, Clone)]
pub struct GroupsData {
    class: ClassId,
    roll: Vec<(StudentId, PersonName)>,
    groups: Vec<GroupInfo>,
    subjects: Vec<(SubjectId, String)>,
    year: (NaiveDate, NaiveDate),
    open: bool,
    on: NaiveDate,
}

impl GroupsData {
    fn class(&self, name: &str) -> groups::Class<'_> {
        groups::Class {
            id: self.class,
            name: name.to_string(),
            roll: &self.roll,
            groups: &self.groups,
            subjects: self.subjects.clone(),
            year: self.year,
            open: self.open,
            // Courses are the administrator's, on the School screen.
            ending: Vec::new(),
        }
    }
}

/// A relation in the picker, with its word in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationChoice(pub Relation, pub String);

impl fmt::Display for RelationChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

/// The parts of a student's card, one at a time so that each fits the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardTab {
    /// The student's data and their parents.
    Family,
    /// Consents with their dates, and the refusal of the electronic diary.
    Consent,
    /// Transfer and withdrawal.
    Moves,
    /// The record's history.
    History,
}

impl CardTab {
    const ALL: [CardTab; 4] = [
        CardTab::Family,
        CardTab::Consent,
        CardTab::Moves,
        CardTab::History,
    ];
    fn key(self) -> &'static str {
        match self {
            CardTab::Family => "students-tab-family",
            CardTab::Consent => "students-tab-consent",
            CardTab::Moves => "students-tab-moves",
            CardTab::History => "students-tab-history",
        }
    }
}

/// A student's data as typed.
#[derive(Debug, Clone, Default)]
struct Form {
    surname: String,
    name: String,
    patronymic: String,
    birth: String,
    file_number: String,
}

impl Form {
    fn of(s: &StudentRow) -> Form {
        Form {
            surname: s.name.surname.clone(),
            name: s.name.name.clone(),
            patronymic: s.name.patronymic.clone(),
            birth: s.birth_date.map(format_date).unwrap_or_default(),
            file_number: s.file_number.clone().unwrap_or_default(),
        }
    }

    fn name(&self) -> PersonName {
        PersonName {
            surname: self.surname.trim().into(),
            name: self.name.trim().into(),
            patronymic: self.patronymic.trim().into(),
        }
    }

    fn set(&mut self, field: Field, v: String) {
        match field {
            Field::Surname => self.surname = v,
            Field::Name => self.name = v,
            Field::Patronymic => self.patronymic = v,
            Field::Birth => self.birth = v,
            Field::FileNumber => self.file_number = v,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Surname,
    Name,
    Patronymic,
    Birth,
    FileNumber,
}

/// A parent as typed: new (`editing` empty) or a correction.
#[derive(Debug, Clone, Default)]
struct ParentForm {
    editing: Option<ParentId>,
    surname: String,
    name: String,
    patronymic: String,
    relation: Option<RelationChoice>,
    phone: String,
    email: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentField {
    Surname,
    Name,
    Patronymic,
    Phone,
    Email,
}

/// Why an action failed: the core's refusal, or a data problem found before saving.
#[derive(Debug, Clone)]
pub enum Failure {
    Core(Error),
    Data(DataProblem),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

impl From<DataProblem> for Failure {
    fn from(p: DataProblem) -> Failure {
        Failure::Data(p)
    }
}

fn say_problem(tr: &Tr, p: &DataProblem) -> String {
    let (key, args) = p.key();
    let args: Vec<(&str, crate::i18n::FluentValue<'_>)> =
        args.into_iter().map(|(k, v)| (k, v.into())).collect();
    tr.t_args(key, &args)
}

fn say(tr: &Tr, f: &Failure) -> String {
    match f {
        Failure::Core(e) => tr.error(e),
        Failure::Data(p) => say_problem(tr, p),
    }
}

pub struct Students {
    year: Option<YearId>,
    classes: Vec<ClassChoice>,
    /// Every class of the year, for a transfer.
    all_classes: Vec<ClassChoice>,
    /// The classes the user may split into groups.
    splits: Vec<ClassId>,
    /// The class's groups are shown instead of its list.
    showing_groups: bool,
    groups: Option<Result<Box<GroupsData>, Error>>,
    split: groups::Split,
    class: Option<ClassChoice>,
    list: Option<Result<Vec<StudentRow>, Error>>,
    /// The student whose card is open, and the part of it shown.
    chosen: Option<StudentId>,
    tab: CardTab,
    /// The card's student data, filled from the list when the card opens and after saving.
    edit: Form,
    refill: bool,
    history: Vec<RecordChange>,
    /// The enrolment form, opened above the list.
    form: Form,
    enrolling: bool,
    /// The day the student joins the class, as typed: the enrolment order's date (today unless
    /// changed; 01.09 for a school that starts keeping the journal mid-year).
    enrol_from: String,
    date: String,
    reason: String,
    to: Option<ClassChoice>,
    /// The date a consent, its withdrawal or the refusal of the diary was signed.
    doc_date: String,
    parent: ParentForm,
    confirm_remove: Option<ParentId>,
    import: Option<(PathBuf, Result<Preview, Error>)>,
    status: Option<Result<String, String>>,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Classes(Result<Start, Error>),
    PickClass(ClassChoice),
    Listed(Result<Vec<StudentRow>, Error>),
    Choose(StudentId),
    Close,
    Tab(CardTab),
    History(Result<Vec<RecordChange>, Error>),
    /// Opens (or closes) the enrolment form.
    ToggleEnrol,
    Enrol(Field, String),
    EnrolFrom(String),
    Enrolled,
    EnrolledAs(Result<StudentId, Failure>),
    Edit(Field, String),
    SaveStudent,
    Date(String),
    Reason(String),
    Withdraw,
    PickTo(ClassChoice),
    Transfer,
    Parent(ParentField, String),
    PickRelation(RelationChoice),
    EditParent(ParentId),
    CancelParent,
    SaveParent,
    AskRemoveParent(ParentId),
    RemoveParent(ParentId),
    KeepParent,
    DocDate(String),
    GiveConsent(Person),
    WithdrawConsent(Person),
    Paper(bool),
    Import,
    Picked(Option<PathBuf>),
    Previewed(PathBuf, Result<Preview, Error>),
    ApplyImport,
    CancelImport,
    /// Opens (or closes) the class's study groups.
    ToggleGroups,
    GroupsLoaded(Result<Box<GroupsData>, Error>),
    Groups(groups::Message),
    /// An action finished: what to say, and whether the card's data form is to be refilled.
    Done(Result<(String, bool), Failure>),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

/// A date typed in a field: empty is `None`; anything else must be a date.
fn optional_date(s: &str) -> Result<Option<NaiveDate>, Error> {
    match s.trim() {
        "" => Ok(None),
        t => parse_date(t).map(Some).map_err(Error::from),
    }
}

impl Students {
    pub fn new(ctx: &Ctx<'_>) -> (Students, Task<Message>) {
        let session = ctx.session.clone();
        let today = ctx.info.today;
        let load = ctx.file.run(move |db| {
            let Some(y) = crate::school::current_year(&db.conn, today)? else {
                return Ok(Start::default());
            };
            let choice = |c: &crate::school::ClassInfo| ClassChoice {
                id: c.id,
                name: c.name(),
            };
            let keep = students::keepable_classes(&db.conn, &session, y.id)?;
            // The core lets the administrator and a class's own class teacher split it.
            let split = keep
                .iter()
                .filter(|c| {
                    session.has(Role::Admin)
                        || (session.has(Role::ClassTeacher)
                            && c.class_teacher == Some(session.staff))
                })
                .map(|c| c.id)
                .collect();
            Ok(Start {
                year: Some(y.id),
                keep: keep.iter().map(choice).collect(),
                all: crate::school::classes(&db.conn, y.id)?
                    .iter()
                    .map(choice)
                    .collect(),
                split,
            })
        });
        (
            Students {
                year: None,
                classes: Vec::new(),
                all_classes: Vec::new(),
                splits: Vec::new(),
                showing_groups: false,
                groups: None,
                split: groups::Split::default(),
                class: None,
                list: None,
                chosen: None,
                tab: CardTab::Family,
                edit: Form::default(),
                refill: false,
                history: Vec::new(),
                form: Form::default(),
                enrolling: false,
                enrol_from: format_date(today),
                date: format_date(today),
                reason: String::new(),
                to: None,
                doc_date: format_date(today),
                parent: ParentForm::default(),
                confirm_remove: None,
                import: None,
                status: None,
                busy: false,
            },
            Task::perform(load, Message::Classes),
        )
    }

    fn load_list(&self, ctx: &Ctx<'_>) -> Task<Message> {
        let Some(c) = &self.class else {
            return Task::none();
        };
        let id = c.id;
        Task::perform(
            ctx.file.run(move |db| students::class_list(&db.conn, id)),
            Message::Listed,
        )
    }

    /// The chosen class's groups, when they are shown.
    fn load_groups(&self, ctx: &Ctx<'_>) -> Task<Message> {
        let (true, Some(c), Some(year)) = (self.showing_groups, &self.class, self.year) else {
            return Task::none();
        };
        let class = c.id;
        let today = ctx.info.today;
        Task::perform(
            ctx.file
                .run(move |db| read_groups(&db.conn, year, class, today)),
            Message::GroupsLoaded,
        )
    }

    /// Whether the user may split the chosen class.
    fn may_split(&self) -> bool {
        self.class
            .as_ref()
            .is_some_and(|c| self.splits.contains(&c.id))
    }

    fn load_history(&self, ctx: &Ctx<'_>) -> Task<Message> {
        let Some(id) = self.chosen else {
            return Task::none();
        };
        Task::perform(
            ctx.file
                .run(move |db| students::record_history(&db.conn, id)),
            Message::History,
        )
    }

    fn chosen_row(&self) -> Option<&StudentRow> {
        let Some(Ok(list)) = &self.list else {
            return None;
        };
        self.chosen.and_then(|id| list.iter().find(|s| s.id == id))
    }

    /// Runs a change off the UI thread; `f` may refuse with a data problem before it writes.
    fn work(
        &mut self,
        ctx: &Ctx<'_>,
        said: String,
        refill: bool,
        f: impl FnOnce(
            &mut crate::db::Db,
            &crate::auth::Session,
        ) -> crate::error::Result<Result<(), DataProblem>>
        + Send
        + 'static,
    ) -> Action {
        let session = ctx.session.clone();
        self.busy = true;
        self.status = None;
        let work = ctx.file.run(move |db| f(db, &session));
        Action::Run(Task::perform(work, move |r| {
            Message::Done(match r {
                Ok(Ok(())) => Ok((said.clone(), refill)),
                Ok(Err(p)) => Err(Failure::Data(p)),
                Err(e) => Err(Failure::Core(e)),
            })
        }))
    }

    /// A date from the consent field, or the reason it is not one (shown at once).
    fn doc_date(&mut self, tr: &Tr) -> Option<NaiveDate> {
        match parse_date(&self.doc_date) {
            Ok(d) => Some(d),
            Err(e) => {
                self.status = Some(Err(tr.error(&e.into())));
                None
            }
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        let today = ctx.info.today;
        match message {
            Message::Classes(Ok(start)) => {
                self.year = start.year;
                self.class = start.keep.first().cloned();
                self.classes = start.keep;
                self.all_classes = start.all;
                self.splits = start.split;
                return Action::Run(self.load_list(ctx));
            }
            Message::Classes(Err(e)) => self.list = Some(Err(e)),
            Message::PickClass(c) => {
                self.class = Some(c);
                self.chosen = None;
                self.status = None;
                self.groups = None;
                self.showing_groups &= self.may_split();
                return Action::Run(Task::batch([self.load_list(ctx), self.load_groups(ctx)]));
            }
            Message::Listed(l) => {
                self.list = Some(l);
                if self.refill {
                    self.refill = false;
                    if let Some(s) = self.chosen_row() {
                        self.edit = Form::of(s);
                    }
                }
            }
            Message::Choose(s) => {
                self.chosen = Some(s);
                self.tab = CardTab::Family;
                self.status = None;
                self.parent = ParentForm::default();
                self.confirm_remove = None;
                self.reason.clear();
                self.to = None;
                self.date = format_date(today);
                self.doc_date = format_date(today);
                self.history.clear();
                if let Some(row) = self.chosen_row() {
                    self.edit = Form::of(row);
                }
                return Action::Run(Task::batch([
                    self.load_history(ctx),
                    operation::snap_to(PAGE, operation::RelativeOffset::START),
                ]));
            }
            Message::Close => {
                self.chosen = None;
                self.status = None;
                return Action::Run(operation::snap_to(PAGE, operation::RelativeOffset::START));
            }
            Message::Tab(t) => self.tab = t,
            Message::History(Ok(h)) => self.history = h,
            Message::History(Err(e)) => self.status = Some(Err(tr.error(&e))),
            Message::ToggleEnrol => {
                self.enrolling = !self.enrolling;
                self.showing_groups = false;
                self.chosen = None;
            }
            Message::ToggleGroups => {
                self.showing_groups = !self.showing_groups && self.may_split();
                self.enrolling = false;
                self.chosen = None;
                self.status = None;
                return Action::Run(self.load_groups(ctx));
            }
            Message::GroupsLoaded(Ok(d)) => {
                let name = self
                    .class
                    .as_ref()
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let class = d.class(&name);
                self.split.loaded(Some(&class), d.on, tr);
                self.groups = Some(Ok(d));
            }
            Message::GroupsLoaded(Err(e)) => self.groups = Some(Err(e)),
            Message::Groups(m) => {
                let (Some(Ok(d)), Some(c)) = (&self.groups, &self.class) else {
                    return Action::None;
                };
                let class = d.class(&c.name);
                match self.split.update(m, &class, tr) {
                    Ok(None) => {}
                    Err(why) => self.status = Some(Err(why)),
                    Ok(Some(plan)) => {
                        let said = plan.said.clone();
                        return self.work(ctx, said, false, move |db, s| {
                            crate::ops::split_class(
                                db,
                                s,
                                plan.class,
                                Some(plan.subject),
                                &plan.groups,
                                plan.from,
                            )
                            .map(|_| Ok(()))
                        });
                    }
                }
            }
            Message::Enrol(f, v) => self.form.set(f, v),
            Message::EnrolFrom(v) => self.enrol_from = v,
            Message::Edit(f, v) => self.edit.set(f, v),
            Message::Enrolled => {
                let Some(class) = &self.class else {
                    return Action::None;
                };
                let birth = match optional_date(&self.form.birth) {
                    Ok(b) => b,
                    Err(e) => {
                        self.status = Some(Err(tr.error(&e)));
                        return Action::None;
                    }
                };
                let Ok(start) = parse_date(&self.enrol_from) else {
                    self.status = Some(Err(tr.t_args(
                        "students-enrol-bad-date",
                        &[("value", self.enrol_from.trim().to_string().into())],
                    )));
                    return Action::None;
                };
                let new = NewStudent {
                    name: self.form.name(),
                    birth_date: birth,
                    file_number: Some(self.form.file_number.trim().to_string()),
                    class: class.id,
                    start,
                    gender: None,
                };
                let session = ctx.session.clone();
                self.busy = true;
                self.status = None;
                let work = ctx.file.run(move |db| {
                    if let Some(p) = students::check_student(
                        &db.conn,
                        None,
                        &new.name,
                        new.birth_date,
                        new.file_number.as_deref(),
                        // As the core checks it: against the first day in the class.
                        new.start.max(today),
                    )? {
                        return Ok(Err(p));
                    }
                    crate::ops::enrol(db, &session, &new).map(Ok)
                });
                return Action::Run(Task::perform(work, |r| {
                    Message::EnrolledAs(match r {
                        Ok(Ok(id)) => Ok(id),
                        Ok(Err(p)) => Err(Failure::Data(p)),
                        Err(e) => Err(Failure::Core(e)),
                    })
                }));
            }
            // The new student's card opens: parents and consents come next.
            Message::EnrolledAs(Ok(id)) => {
                self.busy = false;
                self.form = Form::default();
                self.enrolling = false;
                self.chosen = Some(id);
                self.tab = CardTab::Family;
                self.refill = true;
                self.parent = ParentForm::default();
                self.doc_date = format_date(today);
                self.status = Some(Ok(tr.t("students-enrolled")));
                return Action::Run(Task::batch([
                    self.load_list(ctx),
                    self.load_history(ctx),
                    operation::snap_to(PAGE, operation::RelativeOffset::START),
                ]));
            }
            Message::EnrolledAs(Err(f)) => {
                self.busy = false;
                self.status = Some(Err(say(tr, &f)));
            }
            Message::SaveStudent => {
                let Some(student) = self.chosen else {
                    return Action::None;
                };
                let birth = match optional_date(&self.edit.birth) {
                    Ok(b) => b,
                    Err(e) => {
                        self.status = Some(Err(tr.error(&e)));
                        return Action::None;
                    }
                };
                let name = self.edit.name();
                let number = self.edit.file_number.trim().to_string();
                return self.work(ctx, tr.t("students-saved"), true, move |db, s| {
                    if let Some(p) = students::check_student(
                        &db.conn,
                        Some(student),
                        &name,
                        birth,
                        Some(&number),
                        today,
                    )? {
                        return Ok(Err(p));
                    }
                    crate::ops::update_student(db, s, student, &name, birth, Some(&number)).map(Ok)
                });
            }
            Message::Date(v) => self.date = v,
            Message::Reason(v) => self.reason = v,
            Message::Withdraw | Message::Transfer => {
                let Some(student) = self.chosen else {
                    return Action::None;
                };
                let date = match parse_date(&self.date) {
                    Ok(d) => d,
                    Err(e) => {
                        self.status = Some(Err(tr.error(&e.into())));
                        return Action::None;
                    }
                };
                if matches!(message, Message::Withdraw) {
                    let reason = self.reason.clone();
                    return self.work(ctx, tr.t("students-withdrawn"), false, move |db, s| {
                        crate::ops::withdraw(db, s, student, date, &reason).map(Ok)
                    });
                }
                let Some(to) = self.to.clone() else {
                    return Action::None;
                };
                return self.work(ctx, tr.t("students-transferred"), false, move |db, s| {
                    crate::ops::transfer(db, s, student, to.id, date).map(Ok)
                });
            }
            Message::PickTo(c) => self.to = Some(c),
            Message::Parent(f, v) => {
                let p = &mut self.parent;
                match f {
                    ParentField::Surname => p.surname = v,
                    ParentField::Name => p.name = v,
                    ParentField::Patronymic => p.patronymic = v,
                    ParentField::Phone => p.phone = v,
                    ParentField::Email => p.email = v,
                }
            }
            Message::PickRelation(r) => self.parent.relation = Some(r),
            Message::EditParent(id) => {
                let Some(p) = self
                    .chosen_row()
                    .and_then(|s| s.parents.iter().find(|p| p.id == id))
                else {
                    return Action::None;
                };
                self.parent = ParentForm {
                    editing: Some(id),
                    surname: p.name.surname.clone(),
                    name: p.name.name.clone(),
                    patronymic: p.name.patronymic.clone(),
                    relation: Some(RelationChoice(p.relation, tr.t(relation_key(p.relation)))),
                    phone: p.phone.clone(),
                    email: p.email.clone(),
                };
                self.confirm_remove = None;
            }
            Message::CancelParent => self.parent = ParentForm::default(),
            Message::SaveParent => {
                let Some(student) = self.chosen else {
                    return Action::None;
                };
                let f = &self.parent;
                let name = PersonName {
                    surname: f.surname.trim().into(),
                    name: f.name.trim().into(),
                    patronymic: f.patronymic.trim().into(),
                };
                let p = NewParent {
                    relation: f
                        .relation
                        .as_ref()
                        .map(|r| r.0)
                        .unwrap_or_else(|| Relation::guess(&name)),
                    name,
                    phone: f.phone.trim().into(),
                    email: f.email.trim().into(),
                };
                if let Some(problem) = students::check_parent(&p) {
                    self.status = Some(Err(say_problem(tr, &problem)));
                    return Action::None;
                }
                let editing = f.editing;
                self.parent = ParentForm::default();
                let said = tr.t(if editing.is_some() {
                    "students-parent-saved"
                } else {
                    "students-parent-added"
                });
                return self.work(ctx, said, false, move |db, s| match editing {
                    Some(id) => crate::ops::update_parent(db, s, student, id, &p).map(Ok),
                    None => crate::ops::add_parent(db, s, student, &p).map(|_| Ok(())),
                });
            }
            Message::AskRemoveParent(id) => self.confirm_remove = Some(id),
            Message::KeepParent => self.confirm_remove = None,
            Message::RemoveParent(id) => {
                let Some(student) = self.chosen else {
                    return Action::None;
                };
                self.confirm_remove = None;
                if self.parent.editing == Some(id) {
                    self.parent = ParentForm::default();
                }
                return self.work(ctx, tr.t("students-parent-removed"), false, move |db, s| {
                    crate::ops::remove_parent(db, s, student, id).map(Ok)
                });
            }
            Message::DocDate(v) => self.doc_date = v,
            Message::GiveConsent(person) => {
                let (Some(student), Some(date)) = (self.chosen, self.doc_date(tr)) else {
                    return Action::None;
                };
                if date > today {
                    self.status = Some(Err(say_problem(tr, &DataProblem::FutureDate(date))));
                    return Action::None;
                }
                return self.work(ctx, tr.t("students-consent-saved"), false, move |db, s| {
                    crate::ops::set_consent(db, s, student, person, Some(date)).map(Ok)
                });
            }
            Message::WithdrawConsent(person) => {
                let (Some(student), Some(date)) = (self.chosen, self.doc_date(tr)) else {
                    return Action::None;
                };
                if date > today {
                    self.status = Some(Err(say_problem(tr, &DataProblem::FutureDate(date))));
                    return Action::None;
                }
                return self.work(
                    ctx,
                    tr.t("students-consent-withdrawn"),
                    false,
                    move |db, s| crate::ops::withdraw_consent(db, s, student, person, date).map(Ok),
                );
            }
            Message::Paper(on) => {
                let (Some(student), Some(date)) = (self.chosen, self.doc_date(tr)) else {
                    return Action::None;
                };
                if on && date > today {
                    self.status = Some(Err(say_problem(tr, &DataProblem::FutureDate(date))));
                    return Action::None;
                }
                let said = tr.t(if on {
                    "students-paper-saved-on"
                } else {
                    "students-paper-saved-off"
                });
                return self.work(ctx, said, false, move |db, s| {
                    crate::ops::set_paper_reports(db, s, student, on, date).map(Ok)
                });
            }
            Message::Import => {
                let pick = ctx.picker.import_file(tr.t("students-import-title"));
                return Action::Run(Task::perform(pick, Message::Picked));
            }
            Message::Picked(None) => {}
            Message::Picked(Some(path)) => {
                let Some(year) = self.year else {
                    return Action::None;
                };
                let session = ctx.session.clone();
                let p = path.clone();
                let work = ctx.file.run(move |db| {
                    let sheet = import::read_file(&p)?;
                    import::preview(&db.conn, &session, year, &sheet, today)
                });
                return Action::Run(Task::perform(work, move |r| {
                    Message::Previewed(path.clone(), r)
                }));
            }
            Message::Previewed(path, r) => self.import = Some((path, r)),
            Message::CancelImport => self.import = None,
            Message::ApplyImport => {
                let Ok(from) = parse_date(&self.enrol_from) else {
                    self.status = Some(Err(tr.t_args(
                        "students-enrol-bad-date",
                        &[("value", self.enrol_from.trim().to_string().into())],
                    )));
                    return Action::None;
                };
                let (Some(year), Some((_, Ok(preview)))) = (self.year, self.import.take()) else {
                    return Action::None;
                };
                let session = ctx.session.clone();
                self.busy = true;
                let said = tr.t("students-imported");
                let work = ctx.file.run(move |db| {
                    let (_, start) = import::target_on(&db.conn, today, Some(from))?;
                    import::apply(db, &session, year, &preview, start)
                });
                return Action::Run(Task::perform(work, move |r| {
                    Message::Done(
                        r.map(|n| (format!("{said} {}", n.students), false))
                            .map_err(Failure::Core),
                    )
                }));
            }
            Message::Done(r) => {
                self.busy = false;
                match r {
                    Ok((said, refill)) => {
                        self.status = Some(Ok(said));
                        self.refill = refill;
                    }
                    Err(f) => self.status = Some(Err(say(tr, &f))),
                }
                return Action::Run(Task::batch([
                    self.load_list(ctx),
                    self.load_history(ctx),
                    self.load_groups(ctx),
                ]));
            }
        }
        Action::None
    }

    fn import_view<'a>(&'a self, ctx: &Ctx<'a>) -> Option<Element<'a, Message>> {
        let tr = ctx.tr;
        let (path, r) = self.import.as_ref()?;
        let mut col = column![widget::subheading(tr.t_args(
            "students-import-file",
            &[("path", path.display().to_string().into())]
        ))]
        .spacing(8);
        match r {
            Err(e) => col = col.push(widget::error_box(tr.error(e))),
            Ok(p) => {
                let cols: Vec<String> = p
                    .mapping
                    .columns
                    .iter()
                    .map(|(_, f, label)| format!("{label} → {}", tr.t(f.key())))
                    .collect();
                col = col.push(widget::hint(cols.join(";  ")));
                col = col.push(text(tr.t_args(
                    "students-import-summary",
                    &[
                        ("students", p.entries.len().into()),
                        ("parents", p.parents().into()),
                        ("errors", p.errors.len().into()),
                    ],
                )));
                for e in p.errors.iter().take(40) {
                    let (key, value) = e.problem.key();
                    col = col.push(
                        text(format!(
                            "{} {}: {}",
                            tr.t("students-import-row"),
                            e.row,
                            tr.t_args(key, &[("value", value.into())])
                        ))
                        .style(theme::text::danger)
                        .size(theme::SMALL),
                    );
                }
                for e in p.entries.iter().take(15) {
                    col = col.push(
                        text(format!(
                            "{}  {}  {}  {}",
                            e.rows[0],
                            e.class_name,
                            e.name.full(),
                            e.birth_date.map(format_date).unwrap_or_default()
                        ))
                        .size(theme::SMALL),
                    );
                }
            }
        }
        let clean = matches!(r, Ok(p) if p.is_clean());
        col = col.push(self.enrol_from_field(tr));
        col = col.push(
            row![
                small_button(tr.t("students-import-apply"), theme::button::primary)
                    .on_press_maybe((clean && !self.busy).then_some(Message::ApplyImport)),
                small_button(tr.t("students-import-cancel"), theme::button::secondary)
                    .on_press(Message::CancelImport),
            ]
            .spacing(8),
        );
        Some(
            container(col)
                .style(theme::container::card)
                .padding(12)
                .width(Fill)
                .into(),
        )
    }

    /// The card's first part: the student's data, corrected in place.
    fn data_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let field = |key: &str, id: &'static str, v: &str, f: Field| {
            widget::field(
                tr.t(key),
                id,
                v,
                false,
                move |s| Message::Edit(f, s),
                Some(Message::SaveStudent),
            )
        };
        let e = &self.edit;
        column![
            section_title(tr.t("students-card-data")),
            row![
                field(
                    "import-field-surname",
                    "students-edit-surname",
                    &e.surname,
                    Field::Surname
                ),
                field(
                    "import-field-name",
                    "students-edit-name",
                    &e.name,
                    Field::Name
                ),
                field(
                    "import-field-patronymic",
                    "students-edit-patronymic",
                    &e.patronymic,
                    Field::Patronymic
                ),
                container(field(
                    "import-field-birth-date",
                    "students-edit-birth",
                    &e.birth,
                    Field::Birth
                ))
                .width(150),
                container(field(
                    "import-field-file-number",
                    "students-edit-file-number",
                    &e.file_number,
                    Field::FileNumber
                ))
                .width(150),
                button(text(tr.t("students-save")).size(theme::TEXT))
                    .padding([8, 14])
                    .style(theme::button::primary)
                    .on_press_maybe((!self.busy).then_some(Message::SaveStudent)),
            ]
            .spacing(8)
            .align_y(iced::Bottom),
        ]
        .spacing(8)
        .into()
    }

    /// Parents: who they are, corrected or taken off; the form adds one or saves a correction.
    fn parents_view<'a>(&'a self, ctx: &Ctx<'a>, s: &'a StudentRow) -> Element<'a, Message> {
        let tr = ctx.tr;
        let idle = !self.busy;
        let mut col = column![section_title(tr.t("students-card-parents"))].spacing(10);
        if s.parents.is_empty() {
            col = col.push(widget::hint(tr.t("students-no-parents")));
        } else {
            let header = |key: &str| text(tr.t(key)).font(theme::BOLD).size(theme::SMALL);
            let editing = self.parent.editing;
            let columns = [
                table::column(header("import-field-parent"), |p: ParentRow| {
                    text(p.name.full()).size(theme::SMALL)
                })
                .width(Fill)
                .align_y(iced::Center),
                table::column(header("import-field-relation"), move |p: ParentRow| {
                    text(tr.t(relation_key(p.relation))).size(theme::SMALL)
                })
                .align_y(iced::Center),
                table::column(header("import-field-phone"), |p: ParentRow| {
                    text(p.phone).size(theme::SMALL)
                })
                .align_y(iced::Center),
                table::column(header("import-field-email"), |p: ParentRow| {
                    text(p.email).size(theme::SMALL)
                })
                .align_y(iced::Center),
                table::column(text(""), move |p: ParentRow| {
                    row![
                        small_button(tr.t("students-parent-edit"), theme::button::secondary)
                            .on_press_maybe(
                                (idle && editing != Some(p.id))
                                    .then_some(Message::EditParent(p.id))
                            ),
                        small_button(tr.t("students-parent-remove"), theme::button::secondary)
                            .on_press_maybe(idle.then_some(Message::AskRemoveParent(p.id))),
                    ]
                    .spacing(6)
                }),
            ];
            col = col.push(
                container(table(columns, s.parents.clone()).padding_x(8).padding_y(4))
                    .style(theme::container::card)
                    .width(Fill),
            );
        }
        if let Some(p) = self
            .confirm_remove
            .and_then(|id| s.parents.iter().find(|p| p.id == id))
        {
            col = col.push(widget::notice(
                row![
                    text(tr.t_args(
                        "students-parent-remove-ask",
                        &[("name", p.name.full().into())]
                    ))
                    .size(theme::TEXT)
                    .width(Fill),
                    small_button(tr.t("students-parent-remove-yes"), theme::button::primary)
                        .on_press_maybe(idle.then_some(Message::RemoveParent(p.id))),
                    small_button(tr.t("students-cancel"), theme::button::secondary)
                        .on_press(Message::KeepParent),
                ]
                .spacing(8)
                .align_y(iced::Center),
            ));
        }
        col.push(self.parent_form(ctx)).into()
    }

    fn parent_form<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let f = &self.parent;
        let field = |key: &str, id: &'static str, v: &str, which: ParentField| {
            widget::field(
                tr.t(key),
                id,
                v,
                false,
                move |s| Message::Parent(which, s),
                Some(Message::SaveParent),
            )
        };
        let relations: Vec<RelationChoice> = Relation::ALL
            .iter()
            .map(|r| RelationChoice(*r, tr.t(relation_key(*r))))
            .collect();
        let title = match f.editing {
            Some(_) => tr.t("students-parent-edit-title"),
            None => tr.t("students-parent-new-title"),
        };
        let mut buttons = row![
            button(
                text(tr.t(if f.editing.is_some() {
                    "students-save"
                } else {
                    "students-add-parent"
                }))
                .size(theme::TEXT)
            )
            .padding([8, 14])
            .style(theme::button::primary)
            .on_press_maybe((!self.busy).then_some(Message::SaveParent)),
        ]
        .spacing(8);
        if f.editing.is_some() {
            buttons = buttons.push(
                button(text(tr.t("students-cancel")).size(theme::TEXT))
                    .padding([8, 14])
                    .style(theme::button::secondary)
                    .on_press(Message::CancelParent),
            );
        }
        column![
            text(title).size(theme::SMALL).font(theme::BOLD),
            row![
                field(
                    "import-field-surname",
                    "students-parent-surname",
                    &f.surname,
                    ParentField::Surname
                ),
                field(
                    "import-field-name",
                    "students-parent-name",
                    &f.name,
                    ParentField::Name
                ),
                field(
                    "import-field-patronymic",
                    "students-parent-patronymic",
                    &f.patronymic,
                    ParentField::Patronymic
                ),
                column![
                    text(tr.t("import-field-relation")).size(theme::SMALL),
                    pick_list(relations, f.relation.clone(), Message::PickRelation)
                        .placeholder(tr.t("students-relation-guess"))
                        .padding(8)
                        .text_size(theme::TEXT)
                        .width(Fill),
                ]
                .spacing(4)
                .width(170),
            ]
            .spacing(8),
            row![
                container(field(
                    "import-field-phone",
                    "students-parent-phone",
                    &f.phone,
                    ParentField::Phone
                ))
                .width(220),
                field(
                    "import-field-email",
                    "students-parent-email",
                    &f.email,
                    ParentField::Email
                ),
                buttons,
            ]
            .spacing(8)
            .align_y(iced::Bottom),
        ]
        .spacing(8)
        .into()
    }

    /// Consents with their dates, and the family's choice of paper.
    fn consent_view<'a>(&'a self, ctx: &Ctx<'a>, s: &'a StudentRow) -> Element<'a, Message> {
        let tr = ctx.tr;
        let idle = !self.busy;
        let mut col = column![
            section_title(tr.t("students-card-consent")),
            row![
                text(tr.t("students-doc-date")).size(theme::SMALL),
                text_input("дд.мм.гггг", &self.doc_date)
                    .id("students-doc-date")
                    .on_input(Message::DocDate)
                    .padding(6)
                    .width(130)
                    .style(theme::text_input::field),
                widget::hint(tr.t("students-doc-date-hint")),
            ]
            .spacing(8)
            .align_y(iced::Center),
        ]
        .spacing(6);
        let mut people: Vec<(String, Person, Option<NaiveDate>)> = vec![(
            format!("{}: {}", tr.t("students-who-student"), s.name.full()),
            Person::Student(s.id),
            s.consent,
        )];
        for p in &s.parents {
            let who = capitalised(&tr.t(relation_key(p.relation)));
            people.push((
                format!("{who}: {}", p.name.full()),
                Person::Parent(p.id),
                p.consent,
            ));
        }
        for (who, person, given) in people {
            let (state, style): (String, fn(&iced::Theme) -> text::Style) = match given {
                Some(d) => (
                    tr.t_args("students-consent-given", &[("date", format_date(d).into())]),
                    theme::text::success,
                ),
                None => (tr.t("students-consent-none"), theme::text::danger),
            };
            let mut line = row![
                text(who).size(theme::SMALL).width(Fill),
                text(state).size(theme::SMALL).style(style).width(170),
            ]
            .spacing(8)
            .align_y(iced::Center);
            line = line.push(
                wide_button(
                    tr.t(if given.is_some() {
                        "students-consent-fix"
                    } else {
                        "students-consent-give"
                    }),
                    170.0,
                )
                .on_press_maybe(idle.then_some(Message::GiveConsent(person))),
            );
            line = line.push(
                wide_button(tr.t("students-consent-withdraw"), 150.0).on_press_maybe(
                    (idle && given.is_some()).then_some(Message::WithdrawConsent(person)),
                ),
            );
            col = col.push(line);
        }
        let paper = match (s.paper_reports, s.paper_since) {
            (true, Some(d)) => tr.t_args(
                "students-paper-state-on",
                &[("date", format_date(d).into())],
            ),
            (true, None) => tr.t("students-paper-state-on-undated"),
            (false, _) => tr.t("students-paper-state-off"),
        };
        col = col.push(
            row![
                text(paper).size(theme::SMALL).width(Fill),
                small_button(
                    tr.t(if s.paper_reports {
                        "students-paper-off"
                    } else {
                        "students-paper-on"
                    }),
                    theme::button::secondary
                )
                .on_press_maybe(idle.then_some(Message::Paper(!s.paper_reports))),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
        col.into()
    }

    /// Transfer to another class from a date, or withdrawal on the last day with a reason.
    fn moves_view<'a>(&'a self, ctx: &Ctx<'a>, s: &'a StudentRow) -> Element<'a, Message> {
        let tr = ctx.tr;
        let idle = !self.busy;
        if s.end.is_some() {
            return widget::hint(tr.t("students-moved-already"));
        }
        // Any class of the year may take the student, not only those the user keeps.
        let here = self.class.as_ref().map(|c| c.id);
        let others = self
            .all_classes
            .iter()
            .filter(|c| Some(c.id) != here)
            .map(|c| (c.clone(), c.name.clone()));
        column![
            row![
                text(tr.t("students-date")).size(theme::SMALL),
                text_input("дд.мм.гггг", &self.date)
                    .id("students-date")
                    .on_input(Message::Date)
                    .padding(6)
                    .width(130)
                    .style(theme::text_input::field),
                widget::hint(tr.t("students-moves-date-hint")),
            ]
            .spacing(8)
            .align_y(iced::Center),
            section_title(tr.t("students-transfer-title")),
            row![
                text(tr.t("students-to-class")).size(theme::SMALL),
                chips_with_ids(others, self.to.as_ref(), Message::PickTo, idle, |c| Some(
                    format!("students-to-{}", c.id.0)
                ),),
                small_button(tr.t("students-transfer"), theme::button::secondary)
                    .on_press_maybe((idle && self.to.is_some()).then_some(Message::Transfer)),
            ]
            .spacing(8)
            .align_y(iced::Center),
            section_title(tr.t("students-withdraw-title")),
            row![
                text_input(&tr.t("students-reason"), &self.reason)
                    .id("students-reason")
                    .on_input(Message::Reason)
                    .padding(6)
                    .width(Fill)
                    .style(theme::text_input::field),
                small_button(tr.t("students-withdraw"), theme::button::secondary).on_press_maybe(
                    (idle && !self.reason.trim().is_empty()).then_some(Message::Withdraw)
                ),
            ]
            .spacing(8)
            .align_y(iced::Center),
        ]
        .spacing(10)
        .into()
    }

    fn history_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let mut col = column![].spacing(4);
        if self.history.is_empty() {
            return col.push(widget::hint(tr.t("students-history-none"))).into();
        }
        for c in self.history.iter().take(HISTORY_SHOWN) {
            let key = format!("students-history-{}-{}", c.entity, c.action);
            let mut what = if tr.has(&key) {
                tr.t(&key)
            } else {
                crate::words::change_what(tr, &c.entity, &c.action)
            };
            // A correction of the student's data shows what it was.
            if c.entity == "student" && c.action == "change" {
                what = format!(
                    "{what}: {} → {}",
                    c.old.as_deref().unwrap_or("—"),
                    c.new.as_deref().unwrap_or("—")
                );
            }
            col = col.push(
                row![
                    text(format_datetime(c.at))
                        .size(theme::SMALL)
                        .style(theme::text::muted)
                        .width(130),
                    text(c.by.clone().unwrap_or_default())
                        .size(theme::SMALL)
                        .style(theme::text::muted)
                        .width(150),
                    text(what).size(theme::SMALL).width(Fill),
                ]
                .spacing(8),
            );
        }
        if self.history.len() > HISTORY_SHOWN {
            col = col.push(widget::hint(tr.t_args(
                "students-history-more",
                &[("count", (self.history.len() - HISTORY_SHOWN).into())],
            )));
        }
        col.into()
    }

    fn card<'a>(&'a self, ctx: &Ctx<'a>, s: &'a StudentRow) -> Element<'a, Message> {
        let tr = ctx.tr;
        let class = self.class.as_ref().map(|c| c.name.as_str()).unwrap_or("");
        let mut stay = tr.t_args(
            "students-card-stay",
            &[
                ("class", class.into()),
                ("date", format_date(s.start).into()),
            ],
        );
        if let Some(end) = s.end {
            let why = s
                .end_reason
                .as_ref()
                .map(|r| tr.t(&format!("students-end-{r}")))
                .unwrap_or_default();
            stay.push_str(&format!(" — {why} {}", format_date(end)));
        }
        let mut tabs = row![].spacing(4);
        for t in CardTab::ALL {
            tabs = tabs.push(
                button(text(tr.t(t.key())).size(theme::SMALL))
                    .padding([6, 12])
                    .style(theme::button::segment(self.tab == t))
                    .on_press(Message::Tab(t)),
            );
        }
        let part = match self.tab {
            CardTab::Family => column![self.data_view(ctx), divider(), self.parents_view(ctx, s)]
                .spacing(14)
                .into(),
            CardTab::Consent => self.consent_view(ctx, s),
            CardTab::Moves => self.moves_view(ctx, s),
            CardTab::History => self.history_view(ctx),
        };
        let body = column![
            row![
                column![widget::subheading(s.name.full()), widget::hint(stay)]
                    .spacing(2)
                    .width(Fill),
                button(
                    text(tr.t_args("students-back", &[("class", class.into())])).size(theme::SMALL)
                )
                .padding(0)
                .style(theme::button::link)
                .on_press(Message::Close),
            ]
            .spacing(12),
            tabs,
            part,
        ]
        .spacing(14);
        container(body)
            .style(theme::container::card)
            .padding(16)
            .width(Fill)
            .into()
    }

    fn list_view<'a>(&'a self, ctx: &Ctx<'a>, list: &'a [StudentRow]) -> Element<'a, Message> {
        let tr = ctx.tr;
        let header = |key: &str| text(tr.t(key)).font(theme::BOLD).size(theme::SMALL);
        let columns = [
            table::column(header("import-field-full-name"), |s: StudentRow| {
                button(text(s.name.full()).size(theme::SMALL))
                    .padding(0)
                    .style(theme::button::link)
                    .on_press(Message::Choose(s.id))
            })
            .width(Fill),
            table::column(header("import-field-birth-date"), |s: StudentRow| {
                text(s.birth_date.map(format_date).unwrap_or_default()).size(theme::SMALL)
            }),
            table::column(header("import-field-file-number"), |s: StudentRow| {
                text(s.file_number.unwrap_or_default()).size(theme::SMALL)
            }),
            table::column(header("students-col-dates"), move |s: StudentRow| {
                let mut t = format!("{} –", format_date(s.start));
                if let Some(e) = s.end {
                    t.push_str(&format!(" {}", format_date(e)));
                }
                if let Some(r) = &s.end_reason {
                    t.push_str(&format!(" ({})", tr.t(&format!("students-end-{r}"))));
                }
                text(t).size(theme::SMALL)
            }),
            table::column(header("students-col-parents"), |s: StudentRow| {
                text(s.parents.len().to_string()).size(theme::SMALL)
            }),
            table::column(header("import-field-consent"), |s: StudentRow| {
                text(s.consent.map(format_date).unwrap_or_default()).size(theme::SMALL)
            }),
            table::column(header("students-col-paper"), move |s: StudentRow| {
                let t = match (s.paper_reports, s.paper_since) {
                    (true, Some(d)) => {
                        tr.t_args("students-paper-since", &[("date", format_date(d).into())])
                    }
                    (true, None) => "✓".to_string(),
                    (false, _) => String::new(),
                };
                text(t).size(theme::SMALL)
            }),
        ];
        container(table(columns, list.to_vec()).padding_x(8).padding_y(4))
            .style(theme::container::card)
            .width(Fill)
            .into()
    }

    /// The class's study groups by subject and the form that splits or regroups it.
    fn groups_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let body: Element<'a, Message> = match (&self.groups, &self.class) {
            (Some(Ok(d)), Some(c)) => column![
                self.split
                    .view(&d.class(&c.name), tr, !self.busy && d.open)
                    .map(Message::Groups),
                widget::hint(tr.t("students-groups-courses-hint")),
            ]
            .spacing(10)
            .into(),
            (Some(Err(e)), _) => widget::error_box(tr.error(e)),
            _ => text(tr.t("loading")).into(),
        };
        container(body)
            .style(theme::container::card)
            .padding(16)
            .width(Fill)
            .into()
    }

    /// The day students join their class, for the enrolment form and the import alike.
    fn enrol_from_field<'a>(&'a self, tr: &'a Tr) -> Element<'a, Message> {
        row![
            container(widget::field(
                tr.t("students-enrol-from"),
                "students-enrol-from",
                &self.enrol_from,
                false,
                Message::EnrolFrom,
                None,
            ))
            .width(200),
            container(widget::hint(tr.t("students-enrol-from-hint")))
                .padding([0, 8])
                .width(Fill),
        ]
        .spacing(8)
        .align_y(iced::Alignment::End)
        .into()
    }

    fn enrol_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let field = |key: &str, id: &'static str, v: &str, f: Field| {
            widget::field(
                tr.t(key),
                id,
                v,
                false,
                move |s| Message::Enrol(f, s),
                Some(Message::Enrolled),
            )
        };
        let class = self
            .class
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default();
        container(
            column![
                widget::subheading(tr.t_args("students-enrol-into", &[("class", class.into())])),
                row![
                    field(
                        "import-field-surname",
                        "students-surname",
                        &self.form.surname,
                        Field::Surname
                    ),
                    field(
                        "import-field-name",
                        "students-name",
                        &self.form.name,
                        Field::Name
                    ),
                    field(
                        "import-field-patronymic",
                        "students-patronymic",
                        &self.form.patronymic,
                        Field::Patronymic
                    ),
                    field(
                        "import-field-birth-date",
                        "students-birth",
                        &self.form.birth,
                        Field::Birth
                    ),
                    field(
                        "import-field-file-number",
                        "students-file-number",
                        &self.form.file_number,
                        Field::FileNumber
                    ),
                ]
                .spacing(8),
                self.enrol_from_field(tr),
                row![
                    small_button(tr.t("students-enrol"), theme::button::primary).on_press_maybe(
                        (!self.busy && self.class.is_some()).then_some(Message::Enrolled)
                    ),
                    small_button(tr.t("students-cancel"), theme::button::secondary)
                        .on_press(Message::ToggleEnrol),
                ]
                .spacing(8),
            ]
            .spacing(8),
        )
        .style(theme::container::card)
        .padding(12)
        .width(Fill)
        .into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let mut page = column![widget::heading(tr.t("nav-students"))].spacing(12);
        // A class teacher with one class sees its name; the clerk picks among all.
        let class: Element<'a, Message> = match self.classes.as_slice() {
            [only] => text(only.name.clone())
                .size(theme::SUBHEADING)
                .font(theme::BOLD)
                .into(),
            _ => pick_list(self.classes.clone(), self.class.clone(), Message::PickClass)
                .placeholder(tr.t("students-pick-class"))
                .into(),
        };
        page = page.push(
            row![
                class,
                small_button(
                    tr.t("students-enrol-open"),
                    if self.enrolling {
                        theme::button::primary
                    } else {
                        theme::button::secondary
                    }
                )
                .on_press_maybe(self.class.is_some().then_some(Message::ToggleEnrol)),
                small_button(tr.t("students-import"), theme::button::secondary)
                    .on_press_maybe(self.year.is_some().then_some(Message::Import)),
            ]
            .push(self.may_split().then(|| {
                small_button(
                    tr.t("students-groups-open"),
                    if self.showing_groups {
                        theme::button::primary
                    } else {
                        theme::button::secondary
                    },
                )
                .on_press(Message::ToggleGroups)
            }))
            .spacing(12)
            .align_y(iced::Center),
        );
        if let Some(s) = &self.status {
            page = page.push(match s {
                Ok(s) => widget::notice(text(s.clone()).size(theme::TEXT)),
                Err(e) => widget::error_box(e.clone()),
            });
        }
        if let Some(v) = self.import_view(ctx) {
            page = page.push(v);
        }
        match &self.list {
            None if self.classes.is_empty() && self.year.is_some() => {
                page = page.push(widget::hint(tr.t("students-no-classes")));
            }
            None => page = page.push(text(tr.t("loading"))),
            Some(Err(e)) => page = page.push(widget::error_box(tr.error(e))),
            Some(Ok(list)) => match self.chosen_row() {
                Some(s) => page = page.push(self.card(ctx, s)),
                None if self.showing_groups => page = page.push(self.groups_view(ctx)),
                None => {
                    if self.enrolling {
                        page = page.push(self.enrol_view(ctx));
                    }
                    page = page.push(self.list_view(ctx, list));
                }
            },
        }
        scrollable(page).id(PAGE).into()
    }
}

/// A class's groups and what the groups form offers, read for today (kept inside the year).
fn read_groups(
    conn: &rusqlite::Connection,
    year: YearId,
    class: ClassId,
    today: NaiveDate,
) -> crate::error::Result<Box<GroupsData>> {
    let y = crate::school::years(conn)?
        .into_iter()
        .find(|y| y.id == year)
        .ok_or_else(|| Error::NotFound(format!("year #{year}")))?;
    let on = today.clamp(y.start, y.end);
    let groups = setup_classes::groups(conn, class, on)?;
    // The subjects the class is taught (in the whole class or in groups) and those it is split
    // for already; a class with no courses yet may be split for any subject.
    let mut wanted: Vec<SubjectId> = setup_classes::course_terms(conn, year)?
        .into_iter()
        .filter(|(_, t)| t.class == class)
        .map(|(_, t)| t.subject)
        .chain(groups.iter().filter_map(|g| g.subject))
        .collect();
    wanted.sort();
    wanted.dedup();
    let subjects = crate::setup::year::subjects(conn)?
        .into_iter()
        .filter(|s| wanted.is_empty() || wanted.contains(&s.0))
        .map(|s| (s.0, s.1))
        .collect();
    Ok(Box::new(GroupsData {
        class,
        roll: setup_classes::roll(conn, class, on)?,
        groups,
        subjects,
        year: (y.start, y.end),
        open: !y.closed,
        on,
    }))
}

/// A button of a fixed width with its label centred (a column of them lines up).
fn wide_button<'a>(label: String, width: f32) -> button::Button<'a, Message> {
    button(
        text(label)
            .size(theme::SMALL)
            .width(Fill)
            .align_x(iced::Center),
    )
    .padding([6, 10])
    .width(width)
    .style(theme::button::secondary)
}

fn small_button<'a>(
    label: String,
    style: fn(&iced::Theme, button::Status) -> button::Style,
) -> button::Button<'a, Message> {
    button(text(label).size(theme::SMALL))
        .padding([6, 10])
        .style(style)
}

/// A thin line between the parts of a card.
fn divider<'a>() -> Element<'a, Message> {
    container(text(""))
        .height(1)
        .width(Fill)
        .style(theme::container::table_header)
        .into()
}

fn section_title<'a>(label: String) -> Element<'a, Message> {
    text(label).size(theme::TEXT).font(theme::BOLD).into()
}

/// "мать" → "Мать": the relation word heads a line.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn relation_key(r: Relation) -> &'static str {
    match r {
        Relation::Mother => "students-relation-mother",
        Relation::Father => "students-relation-father",
        Relation::Guardian => "students-relation-guardian",
        Relation::Other => "students-relation-other",
    }
}
