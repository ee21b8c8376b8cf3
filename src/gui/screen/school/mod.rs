//! The administrator's school and year, one tab at a time: the profile and settings; the
//! calendar (which scheme each grade follows, period dates, holidays, the bell schedule); the
//! directories (buildings and rooms, subjects, work types with their weights); classes with their
//! class teachers, study groups and courses; and the year rollover with the students kept back.
//!
//! Each tab keeps what is being typed in its own form and turns a press into one `setup` call;
//! the core checks rights and rules and audits, the page shows what it refused. The screen checks
//! what it can first (dates, times, numbers) so that the usual mistakes are told in plain words
//! before anything is sent. Any academic year can be shown; a closed one reads but does not change.

mod calendar;
mod classes;
mod directories;
pub use directories::Message as DirectoriesMessage;
pub(crate) mod groups;
mod profile;
mod rollover;

use std::collections::HashMap;
use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Fill, Task};

use crate::auth::{self, Session};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::Tr;
use crate::model::*;
use crate::school::{self, Holiday, School as Profile};
use crate::setup::{classes as setup_classes, rollover as setup_rollover, year};

/// Any choice in a picker: a value and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice<T> {
    value: T,
    label: String,
}

impl<T> fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// What the page shows, read in one go for the year shown.
#[derive(Debug, Clone)]
pub struct Data {
    profile: Profile,
    settings: year::SchoolSettings,
    years: Vec<school::Year>,
    year: Option<school::Year>,
    /// The day lists of students are read for: today, kept inside the year shown.
    on: NaiveDate,
    periods: Vec<year::PeriodRow>,
    schemes: Vec<(u8, Scheme)>,
    /// Grades with period marks already: their scheme stays for the year.
    settled: Vec<u8>,
    holidays: Vec<(i64, Holiday)>,
    bells: Vec<(u8, NaiveTime, NaiveTime)>,
    buildings: Vec<year::BuildingRow>,
    rooms: Vec<year::RoomRow>,
    subjects: Vec<(SubjectId, String, String)>,
    /// Subjects courses or groups use (not removable), with how many courses.
    subject_use: HashMap<SubjectId, i64>,
    work_types: Vec<(WorkTypeId, String, String, f64)>,
    classes: Vec<school::ClassInfo>,
    courses: Vec<school::CourseInfo>,
    terms: HashMap<CourseId, setup_classes::CourseTerms>,
    /// Courses with marks: their scale is settled.
    marked: Vec<CourseId>,
    /// What each course's journal holds: retiring it deletes or ends it.
    uses: HashMap<CourseId, setup_classes::CourseUse>,
    groups: HashMap<ClassId, Vec<setup_classes::GroupInfo>>,
    rolls: HashMap<ClassId, Vec<(StudentId, PersonName)>>,
    /// Who is on each class's list now, for the rollover.
    plan: Vec<setup_rollover::PlanRow>,
    teachers: Vec<(StaffId, String)>,
}

impl Data {
    /// Whether the year shown takes changes (it exists and is not closed).
    fn open(&self) -> bool {
        self.year.as_ref().is_some_and(|y| !y.closed)
    }

    fn teacher_name(&self, id: StaffId) -> String {
        self.teachers
            .iter()
            .find(|t| t.0 == id)
            .map(|t| t.1.clone())
            .unwrap_or_default()
    }

    fn class_name(&self, id: ClassId) -> String {
        self.classes
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name())
            .unwrap_or_default()
    }
}

fn read(db: &mut Db, chosen: Option<YearId>) -> Result<Box<Data>> {
    let today = db.clock.today();
    let c = &db.conn;
    let years = school::years(c)?;
    let y = match chosen.and_then(|id| years.iter().find(|y| y.id == id)) {
        Some(y) => Some(y.clone()),
        None => school::current_year(c, today)?,
    };
    let on = y
        .as_ref()
        .map(|y| today.clamp(y.start, y.end))
        .unwrap_or(today);
    let mut d = Data {
        profile: school::profile(c)?.ok_or_else(|| Error::NotFound("school".into()))?,
        settings: year::load_settings(c)?,
        years: years.clone(),
        year: y.clone(),
        on,
        periods: Vec::new(),
        schemes: Vec::new(),
        settled: Vec::new(),
        holidays: Vec::new(),
        bells: Vec::new(),
        buildings: year::building_list(c)?,
        rooms: year::rooms(c)?,
        subjects: year::subjects(c)?,
        subject_use: year::subjects_in_use(c)?,
        work_types: crate::journal::work_types(c)?,
        classes: Vec::new(),
        courses: Vec::new(),
        terms: HashMap::new(),
        marked: Vec::new(),
        uses: HashMap::new(),
        groups: HashMap::new(),
        rolls: HashMap::new(),
        plan: Vec::new(),
        teachers: auth::list_staff(c)?
            .into_iter()
            .filter(|s| s.active)
            .map(|s| (s.id, s.name.short()))
            .collect(),
    };
    if let Some(y) = &y {
        d.periods = year::periods(c, y.id)?;
        d.schemes = year::grade_schemes(c, y.id)?;
        d.settled = year::grades_with_period_marks(c, y.id)?;
        d.holidays = year::holidays(c, y.id)?;
        d.bells = school::bells(c, y.id)?;
        d.classes = school::classes(c, y.id)?;
        d.courses = school::courses(c, y.id)?;
        d.terms = setup_classes::course_terms(c, y.id)?.into_iter().collect();
        d.marked = setup_classes::marked_courses(c, y.id)?;
        d.uses = setup_classes::course_use(c, y.id)?;
        for class in &d.classes {
            d.groups
                .insert(class.id, setup_classes::groups(c, class.id, on)?);
            d.rolls
                .insert(class.id, setup_classes::roll(c, class.id, on)?);
        }
        if !y.closed {
            d.plan = setup_rollover::plan(c, y.id, 11)?;
        }
    }
    Ok(Box::new(d))
}

/// The parts of the page, one shown at a time (the whole would not fit a school's screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Profile,
    Calendar,
    Directories,
    Classes,
    Rollover,
}

impl Tab {
    const ALL: [Tab; 5] = [
        Tab::Profile,
        Tab::Calendar,
        Tab::Directories,
        Tab::Classes,
        Tab::Rollover,
    ];
    fn key(self) -> &'static str {
        match self {
            Tab::Profile => "school-tab-profile",
            Tab::Calendar => "school-tab-calendar",
            Tab::Directories => "school-tab-directories",
            Tab::Classes => "school-tab-classes",
            Tab::Rollover => "school-tab-rollover",
        }
    }
    /// Whether the tab shows one academic year.
    fn of_year(self) -> bool {
        matches!(self, Tab::Calendar | Tab::Classes | Tab::Rollover)
    }
}

/// What a finished change says, and which year to show after it.
#[derive(Debug, Clone)]
pub struct Done {
    text: String,
    year: Option<YearId>,
}

type Work = Box<dyn FnOnce(&mut Db, &Session) -> Result<Done> + Send>;

/// What a tab's form makes of a press.
pub(super) enum Outcome {
    None,
    /// Refused by the screen before anything was sent: why, in plain words.
    Refuse(String),
    /// A change for the core.
    Run(Work),
    /// A change for the core, then the keys back to the field `.1` (the first of the add form
    /// whose «Добавить» was pressed, ready for the next line).
    RunThenFocus(Work, &'static str),
    /// The keys to a field that just opened («Изменить» on a line).
    Focus(&'static str),
}

impl Outcome {
    /// Once the change went through, the field `id` takes the keys.
    fn then_focus(self, id: &'static str) -> Outcome {
        match self {
            Outcome::Run(work) => Outcome::RunThenFocus(work, id),
            o => o,
        }
    }
}

/// A change that says `said` when it succeeds.
fn change(
    said: String,
    f: impl FnOnce(&mut Db, &Session) -> Result<()> + Send + 'static,
) -> Outcome {
    Outcome::Run(Box::new(move |db, s| {
        f(db, s).map(|_| Done {
            text: said,
            year: None,
        })
    }))
}

pub struct SchoolPage {
    tab: Tab,
    /// The year chosen to be shown; None until the first read picks the current one.
    year: Option<YearId>,
    data: Option<Result<Box<Data>, Error>>,
    status: Option<std::result::Result<String, String>>,
    busy: bool,
    /// The field that takes the keys once the change running now went through.
    focus_after: Option<&'static str>,
    profile: profile::Form,
    calendar: calendar::Form,
    directories: directories::Form,
    classes: classes::Form,
    rollover: rollover::Form,
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Year(YearId),
    Loaded(Result<Box<Data>, Error>),
    Done(Result<Done, Error>),
    Profile(profile::Message),
    Calendar(calendar::Message),
    Directories(directories::Message),
    Classes(classes::Message),
    Rollover(rollover::Message),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl Message {
    /// Whether this reports a change made: what the frame around the page shows (the school's
    /// name, the current year after a rollover or a calendar change, the idle lock) is to be
    /// read again.
    pub fn changed_school(&self) -> bool {
        matches!(self, Message::Done(Ok(_)))
    }
}

impl SchoolPage {
    pub fn new(ctx: &Ctx<'_>) -> (SchoolPage, Task<Message>) {
        let page = SchoolPage {
            tab: Tab::Profile,
            year: None,
            data: None,
            status: None,
            busy: false,
            focus_after: None,
            profile: profile::Form::default(),
            calendar: calendar::Form::default(),
            directories: directories::Form::default(),
            classes: classes::Form::default(),
            rollover: rollover::Form::default(),
        };
        let task = page.reload(ctx);
        (page, task)
    }

    fn reload(&self, ctx: &Ctx<'_>) -> Task<Message> {
        let chosen = self.year;
        Task::perform(ctx.file.run(move |db| read(db, chosen)), Message::Loaded)
    }

    fn outcome(&mut self, o: Outcome, ctx: &Ctx<'_>) -> Action {
        match o {
            Outcome::None => Action::None,
            Outcome::Refuse(why) => {
                self.status = Some(Err(why));
                Action::None
            }
            Outcome::Focus(id) => Action::Run(iced::widget::operation::focus(id)),
            Outcome::Run(work) => self.run(work, None, ctx),
            Outcome::RunThenFocus(work, id) => self.run(work, Some(id), ctx),
        }
    }

    fn run(&mut self, work: Work, focus: Option<&'static str>, ctx: &Ctx<'_>) -> Action {
        let session = ctx.session.clone();
        // The last change's words stay until this one's come: a status line that went and came
        // back would move the page under the pointer.
        self.busy = true;
        self.focus_after = focus;
        let task = ctx.file.run(move |db| work(db, &session));
        Action::Run(Task::perform(task, Message::Done))
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        let Some(Ok(d)) = &self.data else {
            match message {
                Message::Loaded(Ok(d)) => self.loaded(d, tr),
                Message::Loaded(Err(e)) => self.data = Some(Err(e)),
                Message::Tab(t) => self.tab = t,
                _ => {}
            }
            return Action::None;
        };
        let o = match message {
            Message::Tab(t) => {
                if self.tab != t {
                    self.status = None;
                }
                self.tab = t;
                Outcome::None
            }
            Message::Year(y) => {
                self.year = Some(y);
                self.status = None;
                return Action::Run(self.reload(ctx));
            }
            Message::Loaded(Ok(d)) => {
                self.loaded(d, tr);
                Outcome::None
            }
            Message::Loaded(Err(e)) => {
                self.data = Some(Err(e));
                Outcome::None
            }
            Message::Done(r) => {
                self.busy = false;
                match r {
                    Ok(done) => {
                        self.status = Some(Ok(done.text));
                        if done.year.is_some() {
                            self.year = done.year;
                        }
                        let reload = self.reload(ctx);
                        return Action::Run(match self.focus_after.take() {
                            Some(id) => Task::batch([reload, iced::widget::operation::focus(id)]),
                            None => reload,
                        });
                    }
                    // Nothing changed: what was typed stays to be corrected.
                    Err(e) => {
                        self.focus_after = None;
                        self.status = Some(Err(tr.error(&e)));
                    }
                }
                Outcome::None
            }
            Message::Profile(m) => self.profile.update(m, tr),
            Message::Calendar(m) => self.calendar.update(m, d, tr),
            Message::Directories(m) => self.directories.update(m, d, tr),
            Message::Classes(m) => self.classes.update(m, d, tr),
            Message::Rollover(m) => self.rollover.update(m, d, tr),
        };
        self.outcome(o, ctx)
    }

    fn loaded(&mut self, d: Box<Data>, tr: &Tr) {
        self.year = d.year.as_ref().map(|y| y.id);
        self.profile.loaded(&d);
        self.calendar.loaded(&d);
        self.directories.loaded(&d);
        self.classes.loaded(&d, tr);
        self.rollover.loaded(&d);
        self.data = Some(Ok(d));
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let mut tabs = row![].spacing(4);
        for t in Tab::ALL {
            tabs = tabs.push(
                button(text(tr.t(t.key())).size(theme::SMALL))
                    .padding([6, 12])
                    .style(theme::button::segment(self.tab == t))
                    .on_press(Message::Tab(t)),
            );
        }
        let mut page = column![widget::heading(tr.t("nav-school")), tabs].spacing(14);
        let d = match &self.data {
            None => return page.push(text(tr.t("loading"))).into(),
            Some(Err(e)) => return page.push(widget::error_box(tr.error(e))).into(),
            Some(Ok(d)) => d,
        };
        if self.tab.of_year() {
            if let Some(years) = self.years(d, tr) {
                page = page.push(years);
            }
            if let Some(y) = d.year.as_ref().filter(|y| y.closed) {
                page = page.push(widget::notice(
                    text(tr.t_args("school-year-closed", &[("year", y.name.clone().into())]))
                        .size(theme::TEXT),
                ));
            }
        }
        // What the last change did, or why it was refused: below the scrolled tab, always in
        // view, wherever in the tab the change was made (the bells are far down the calendar).
        let status: Option<Element<'a, Message>> = self.status.as_ref().map(|s| match s {
            Ok(s) => widget::notice(text(s.clone()).size(theme::TEXT)),
            Err(e) => widget::error_box(e.clone()),
        });
        let idle = !self.busy;
        if self.tab.of_year() && d.year.is_none() {
            return scrollable(page.push(widget::hint(tr.t("school-no-year")))).into();
        }
        let body: Element<'a, Message> = match self.tab {
            Tab::Profile => self.profile.view(d, tr, idle).map(Message::Profile),
            Tab::Calendar => self.calendar.view(d, tr, idle).map(Message::Calendar),
            Tab::Directories => self.directories.view(d, tr, idle).map(Message::Directories),
            Tab::Classes => self.classes.view(d, tr, idle).map(Message::Classes),
            Tab::Rollover => self.rollover.view(d, tr, idle).map(Message::Rollover),
        };
        // The scrollbar takes its own room once the tab is longer than the window.
        let tab = scrollable(page.push(body))
            .direction(scrollable::Direction::Vertical(
                scrollable::Scrollbar::new().spacing(6),
            ))
            .height(Fill);
        match status {
            Some(s) => column![tab, s].spacing(8).height(Fill).into(),
            None => tab.into(),
        }
    }

    /// The academic years to choose from, once there is more than one.
    fn years<'a>(&self, d: &'a Data, tr: &'a Tr) -> Option<Element<'a, Message>> {
        if d.years.len() < 2 {
            return None;
        }
        let shown = d.year.as_ref().map(|y| y.id);
        let items = d.years.iter().map(|y| {
            let label = if y.closed {
                tr.t_args(
                    "school-year-closed-chip",
                    &[("year", y.name.clone().into())],
                )
            } else {
                y.name.clone()
            };
            (y.id, label)
        });
        Some(
            row![
                label(tr, "school-year"),
                chips_with_ids(items, shown.as_ref(), Message::Year, true, |y| Some(
                    format!("school-year-{}", y.0)
                ))
            ]
            .spacing(10)
            .align_y(iced::Center)
            .into(),
        )
    }
}

// ---- pieces every tab builds with --------------------------------------------------------------

/// A framed part of a tab.
fn card<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content)
        .style(theme::container::card)
        .padding(12)
        .width(Fill)
        .into()
}

/// A framed part of a tab, `width` wide (cards side by side share a row).
fn card_in<'a, M: 'a>(
    content: impl Into<Element<'a, M>>,
    width: impl Into<iced::Length>,
) -> Element<'a, M> {
    container(content)
        .style(theme::container::card)
        .padding(12)
        .width(width)
        .into()
}

/// A small framed button, pressable when `on` is given.
fn action<'a, M: Clone + 'a>(label: String, on: Option<M>) -> Element<'a, M> {
    button(text(label).size(theme::SMALL))
        .padding([6, 10])
        .style(theme::button::secondary)
        .on_press_maybe(on)
        .into()
}

/// The main button of a form.
fn primary<'a, M: Clone + 'a>(label: String, on: Option<M>) -> Element<'a, M> {
    button(text(label).size(theme::SMALL))
        .padding([6, 12])
        .style(theme::button::primary)
        .on_press_maybe(on)
        .into()
}

/// A small text field; Enter submits when `submit` is given.
fn input<'a, M: Clone + 'a>(
    value: &str,
    id: impl Into<iced::widget::Id>,
    on: impl Fn(String) -> M + 'a,
    submit: Option<M>,
) -> iced::widget::TextInput<'a, M> {
    text_input("", value)
        .id(id)
        .on_input(on)
        .on_submit_maybe(submit)
        .padding(6)
        .size(theme::SMALL)
        .style(theme::text_input::field)
}

/// A field of a closed year: it shows its value and takes no typing.
fn frozen<'a, M: Clone + 'a>(
    field: iced::widget::TextInput<'a, M>,
    open: bool,
) -> iced::widget::TextInput<'a, M> {
    if open {
        field
    } else {
        field.on_input_maybe(None::<fn(String) -> M>)
    }
}

fn label<'a, M: 'a>(tr: &Tr, key: &str) -> Element<'a, M> {
    text(tr.t(key)).size(theme::SMALL).into()
}

/// A bold column heading.
fn head<'a>(tr: &Tr, key: &str) -> iced::widget::Text<'a> {
    text(tr.t(key)).size(theme::SMALL).font(theme::BOLD)
}

/// Choices as a wrapping row of buttons, the chosen one highlighted: a few dozen teachers,
/// classes or subjects are seen at a glance and picked with one click.
pub(crate) fn chips<'a, T: Clone + PartialEq + 'a, M: Clone + 'a>(
    items: impl IntoIterator<Item = (T, String)>,
    chosen: Option<&T>,
    on: impl Fn(T) -> M,
    enabled: bool,
) -> Element<'a, M> {
    chips_with_ids(items, chosen, on, enabled, |_| None)
}

/// The same, each button in a container with the id `id` gives it (keyboard-free tests and
/// screen readers find a choice by it even when its label repeats elsewhere on the page).
pub(crate) fn chips_with_ids<'a, T: Clone + PartialEq + 'a, M: Clone + 'a>(
    items: impl IntoIterator<Item = (T, String)>,
    chosen: Option<&T>,
    on: impl Fn(T) -> M,
    enabled: bool,
    id: impl Fn(&T) -> Option<String>,
) -> Element<'a, M> {
    let buttons: Vec<Element<'a, M>> = items
        .into_iter()
        .map(|(value, label)| {
            let active = chosen.is_some_and(|c| *c == value);
            let b = button(text(label).size(theme::SMALL))
                .padding([4, 10])
                .style(theme::button::segment(active))
                .on_press_maybe(enabled.then(|| on(value.clone())));
            match id(&value) {
                Some(id) => container(b).id(id).into(),
                None => b.into(),
            }
        })
        .collect();
    row(buttons).spacing(6).wrap().vertical_spacing(6).into()
}

/// A date as typed, or why it is not one.
fn date(tr: &Tr, s: &str) -> std::result::Result<NaiveDate, String> {
    parse_date(s).map_err(|e| tr.error(&Error::Invalid(e)))
}

/// A number as typed, with a comma or a point.
fn number(s: &str) -> Option<f64> {
    s.trim().replace(',', ".").parse().ok()
}

/// A decimal the Russian way: 1,5; whole numbers without a fraction.
fn decimal(x: f64) -> String {
    let s = format!("{x}");
    s.replace('.', ",")
}

/// A time of day as typed: 8:30, 08:30 or 8.30.
fn time(tr: &Tr, s: &str) -> std::result::Result<NaiveTime, String> {
    let t = s.trim().replace('.', ":");
    NaiveTime::parse_from_str(&t, "%H:%M")
        .map_err(|_| tr.t_args("school-bad-time", &[("value", s.trim().to_string().into())]))
}

/// A list laid out in `n` columns read downwards (alphabetical lists read like a printed list):
/// the rows of the grid, each with up to `n` cells.
fn down_columns<T>(items: &[T], n: usize) -> Vec<Vec<Option<&T>>> {
    let rows = items.len().div_ceil(n.max(1));
    (0..rows)
        .map(|r| (0..n).map(|c| items.get(c * rows + r)).collect())
        .collect()
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// "Иванов Иван": the short way a class list names a student.
fn student_name(n: &PersonName) -> String {
    format!("{} {}", n.surname, n.name)
}

fn scale_key(s: Scale) -> &'static str {
    match s {
        Scale::Five => "school-scale-five",
        Scale::PassFail => "school-scale-pass-fail",
        Scale::Ten => "school-scale-ten",
    }
}
