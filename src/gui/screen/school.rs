//! The administrator's school and year: the profile, the settings (edit window, proposed-mark
//! rounding, idle lock, absence warning, lockout), the year's periods (dates checked by the core:
//! inside the year, not overlapping) and holidays, subjects and rooms, classes with their class
//! teachers, courses, and the year rollover. Each form calls one `setup` function; the core
//! checks and audits, the screen shows what it refused.

use std::fmt;

use chrono::NaiveDate;
use iced::widget::{
    button, checkbox, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Fill, Task};

use crate::auth::{self, Session};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::model::*;
use crate::school::{self, Holiday, School as Profile};
use crate::setup::{classes, rollover, year};

/// Any choice in a picker: an id and what it shows.
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

/// What the page shows, read in one go.
#[derive(Debug, Clone)]
pub struct Data {
    profile: Profile,
    settings: year::SchoolSettings,
    year: Option<school::Year>,
    periods: Vec<year::PeriodRow>,
    holidays: Vec<(i64, Holiday)>,
    subjects: Vec<(SubjectId, String, String)>,
    rooms: Vec<year::RoomRow>,
    classes: Vec<school::ClassInfo>,
    courses: Vec<school::CourseInfo>,
    teachers: Vec<(StaffId, String)>,
}

fn read(db: &mut Db) -> Result<Box<Data>> {
    let today = db.clock.today();
    let c = &db.conn;
    let y = school::current_year(c, today)?;
    let (periods, holidays, classes, courses) = match &y {
        Some(y) => (
            year::periods(c, y.id)?,
            year::holidays(c, y.id)?,
            school::classes(c, y.id)?,
            school::courses(c, y.id)?,
        ),
        None => Default::default(),
    };
    Ok(Box::new(Data {
        profile: school::profile(c)?.ok_or_else(|| Error::NotFound("school".into()))?,
        settings: year::load_settings(c)?,
        year: y,
        periods,
        holidays,
        subjects: year::subjects(c)?,
        rooms: year::rooms(c)?,
        classes,
        courses,
        teachers: auth::list_staff(c)?
            .into_iter()
            .filter(|s| s.active)
            .map(|s| (s.id, s.name.short()))
            .collect(),
    }))
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
}

pub struct SchoolPage {
    tab: Tab,
    data: Option<Result<Box<Data>, Error>>,
    name: String,
    address: String,
    director: String,
    settings: Option<year::SchoolSettings>,
    idle: String,
    absence: String,
    max_failed: String,
    lockout: String,
    /// Period id → (start, end) as typed.
    period_dates: Vec<(PeriodId, String, String)>,
    holiday: (String, String, String),
    subject: String,
    room: String,
    class_name: String,
    class_teacher: Option<Choice<StaffId>>,
    course_subject: Option<Choice<SubjectId>>,
    course_class: Option<Choice<ClassId>>,
    course_teacher: Option<Choice<StaffId>>,
    course_scale: Option<Choice<Scale>>,
    course_no_attestation: bool,
    course_hours: String,
    last_grade: String,
    status: Option<std::result::Result<String, String>>,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Loaded(Result<Box<Data>, Error>),
    Name(String),
    Address(String),
    Director(String),
    SaveProfile,
    EditWindow(Choice<EditWindow>),
    Rounding(Choice<Rounding>),
    Idle(String),
    Absence(String),
    MaxFailed(String),
    Lockout(String),
    SaveSettings,
    PeriodStart(PeriodId, String),
    PeriodEnd(PeriodId, String),
    SavePeriod(PeriodId),
    HolidayName(String),
    HolidayStart(String),
    HolidayEnd(String),
    AddHoliday,
    DeleteHoliday(i64),
    Subject(String),
    AddSubject,
    Room(String),
    AddRoom,
    ClassName(String),
    ClassTeacher(Choice<StaffId>),
    AddClass,
    CourseSubject(Choice<SubjectId>),
    CourseClass(Choice<ClassId>),
    CourseTeacher(Choice<StaffId>),
    CourseScale(Choice<Scale>),
    CourseNoAttestation(bool),
    CourseHours(String),
    AddCourse,
    LastGrade(String),
    Rollover,
    Done(Result<String, Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

fn scale_key(s: Scale) -> &'static str {
    match s {
        Scale::Five => "school-scale-five",
        Scale::PassFail => "school-scale-pass-fail",
        Scale::Ten => "school-scale-ten",
    }
}

fn window_key(w: EditWindow) -> &'static str {
    match w {
        EditWindow::Never => "school-window-never",
        EditWindow::OneWeek => "school-window-1w",
        EditWindow::TwoWeeks => "school-window-2w",
        EditWindow::ThreeWeeks => "school-window-3w",
        EditWindow::OneMonth => "school-window-1m",
    }
}

fn rounding_key(r: Rounding) -> &'static str {
    match r {
        Rounding::HalfUp => "school-rounding-half-up",
        Rounding::FromSixTenths => "school-rounding-six-tenths",
    }
}

/// Choices as a wrapping row of buttons, the chosen one highlighted: a few dozen teachers,
/// classes or subjects are seen at a glance and picked with one click.
fn chips<'a, T: Clone + PartialEq + 'a>(
    items: Vec<Choice<T>>,
    chosen: &Option<Choice<T>>,
    on: fn(Choice<T>) -> Message,
) -> Element<'a, Message> {
    let buttons: Vec<Element<'a, Message>> = items
        .into_iter()
        .map(|c| {
            let active = chosen.as_ref().is_some_and(|x| x.value == c.value);
            button(text(c.label.clone()).size(theme::SMALL))
                .padding([4, 10])
                .style(theme::button::segment(active))
                .on_press(on(c))
                .into()
        })
        .collect();
    row(buttons).spacing(6).wrap().vertical_spacing(6).into()
}

fn date(s: &str) -> Result<NaiveDate> {
    Ok(parse_date(s)?)
}

impl SchoolPage {
    pub fn new(ctx: &Ctx<'_>) -> (SchoolPage, Task<Message>) {
        (
            SchoolPage {
                tab: Tab::Profile,
                data: None,
                name: String::new(),
                address: String::new(),
                director: String::new(),
                settings: None,
                idle: String::new(),
                absence: String::new(),
                max_failed: String::new(),
                lockout: String::new(),
                period_dates: Vec::new(),
                holiday: Default::default(),
                subject: String::new(),
                room: String::new(),
                class_name: String::new(),
                class_teacher: None,
                course_subject: None,
                course_class: None,
                course_teacher: None,
                course_scale: None,
                course_no_attestation: false,
                course_hours: "1".into(),
                last_grade: "11".into(),
                status: None,
                busy: false,
            },
            Task::perform(ctx.file.run(read), Message::Loaded),
        )
    }

    fn work(
        &mut self,
        ctx: &Ctx<'_>,
        said: String,
        f: impl FnOnce(&mut Db, &Session) -> Result<String> + Send + 'static,
    ) -> Action {
        let session = ctx.session.clone();
        self.busy = true;
        let work = ctx.file.run(move |db| f(db, &session));
        Action::Run(Task::perform(work, move |r| {
            Message::Done(r.map(|extra| format!("{said} {extra}").trim().to_string()))
        }))
    }

    fn year_id(&self) -> Option<YearId> {
        match &self.data {
            Some(Ok(d)) => d.year.as_ref().map(|y| y.id),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        let saved = tr.t("school-saved");
        match message {
            Message::Tab(t) => self.tab = t,
            Message::Loaded(Ok(d)) => {
                self.name = d.profile.name.clone();
                self.address = d.profile.address.clone();
                self.director = d.profile.director.clone();
                self.settings = Some(d.settings);
                self.idle = d.settings.idle_lock_minutes.to_string();
                self.absence = d.settings.absence_warning_percent.to_string();
                self.max_failed = d.settings.max_failed_logins.to_string();
                self.lockout = d.settings.lockout_minutes.to_string();
                self.period_dates = d
                    .periods
                    .iter()
                    .map(|p| (p.id, format_date(p.start), format_date(p.end)))
                    .collect();
                self.data = Some(Ok(d));
            }
            Message::Loaded(Err(e)) => self.data = Some(Err(e)),
            Message::Name(v) => self.name = v,
            Message::Address(v) => self.address = v,
            Message::Director(v) => self.director = v,
            Message::SaveProfile => {
                let p = Profile {
                    name: self.name.clone(),
                    address: self.address.clone(),
                    director: self.director.clone(),
                };
                return self.work(ctx, saved, move |db, s| {
                    year::update_profile(db, s, &p).map(|_| String::new())
                });
            }
            Message::EditWindow(c) => {
                if let Some(s) = &mut self.settings {
                    s.edit_window = c.value;
                }
            }
            Message::Rounding(c) => {
                if let Some(s) = &mut self.settings {
                    s.rounding = c.value;
                }
            }
            Message::Idle(v) => self.idle = v,
            Message::Absence(v) => self.absence = v,
            Message::MaxFailed(v) => self.max_failed = v,
            Message::Lockout(v) => self.lockout = v,
            Message::SaveSettings => {
                let Some(mut s) = self.settings else {
                    return Action::None;
                };
                let (Ok(idle), Ok(abs), Ok(maxf), Ok(lock)) = (
                    self.idle.trim().parse(),
                    self.absence.trim().replace(',', ".").parse(),
                    self.max_failed.trim().parse(),
                    self.lockout.trim().parse(),
                ) else {
                    self.status = Some(Err(tr.t("school-bad-number")));
                    return Action::None;
                };
                s.idle_lock_minutes = idle;
                s.absence_warning_percent = abs;
                s.max_failed_logins = maxf;
                s.lockout_minutes = lock;
                return self.work(ctx, saved, move |db, ses| {
                    year::save_settings(db, ses, &s).map(|_| String::new())
                });
            }
            Message::PeriodStart(id, v) => {
                if let Some(p) = self.period_dates.iter_mut().find(|p| p.0 == id) {
                    p.1 = v;
                }
            }
            Message::PeriodEnd(id, v) => {
                if let Some(p) = self.period_dates.iter_mut().find(|p| p.0 == id) {
                    p.2 = v;
                }
            }
            Message::SavePeriod(id) => {
                let Some((_, a, b)) = self.period_dates.iter().find(|p| p.0 == id).cloned() else {
                    return Action::None;
                };
                return self.work(ctx, saved, move |db, s| {
                    year::set_period_dates(db, s, id, date(&a)?, date(&b)?).map(|_| String::new())
                });
            }
            Message::HolidayName(v) => self.holiday.0 = v,
            Message::HolidayStart(v) => self.holiday.1 = v,
            Message::HolidayEnd(v) => self.holiday.2 = v,
            Message::AddHoliday => {
                let Some(y) = self.year_id() else {
                    return Action::None;
                };
                let (n, a, b) = std::mem::take(&mut self.holiday);
                return self.work(ctx, saved, move |db, s| {
                    let h = Holiday {
                        name: n,
                        start: date(&a)?,
                        end: date(&b)?,
                        min_grade: 1,
                        max_grade: 11,
                    };
                    year::add_holiday(db, s, y, &h).map(|_| String::new())
                });
            }
            Message::DeleteHoliday(id) => {
                return self.work(ctx, saved, move |db, s| {
                    year::delete_holiday(db, s, id).map(|_| String::new())
                });
            }
            Message::Subject(v) => self.subject = v,
            Message::AddSubject => {
                let n = std::mem::take(&mut self.subject);
                return self.work(ctx, saved, move |db, s| {
                    year::add_subject(db, s, &n, "").map(|_| String::new())
                });
            }
            Message::Room(v) => self.room = v,
            Message::AddRoom => {
                let n = std::mem::take(&mut self.room);
                return self.work(ctx, saved, move |db, s| {
                    year::add_room(db, s, None, &n).map(|_| String::new())
                });
            }
            Message::ClassName(v) => self.class_name = v,
            Message::ClassTeacher(c) => self.class_teacher = Some(c),
            Message::AddClass => {
                let Some(y) = self.year_id() else {
                    return Action::None;
                };
                let Some((grade, letter)) = classes::parse_class_name(&self.class_name) else {
                    self.status = Some(Err(tr.t("school-bad-class")));
                    return Action::None;
                };
                let teacher = self.class_teacher.take().map(|c| c.value);
                self.class_name.clear();
                return self.work(ctx, saved, move |db, s| {
                    classes::create_class(db, s, y, grade, &letter, teacher).map(|_| String::new())
                });
            }
            Message::CourseSubject(c) => self.course_subject = Some(c),
            Message::CourseClass(c) => self.course_class = Some(c),
            Message::CourseTeacher(c) => self.course_teacher = Some(c),
            Message::CourseScale(c) => self.course_scale = Some(c),
            Message::CourseNoAttestation(b) => self.course_no_attestation = b,
            Message::CourseHours(v) => self.course_hours = v,
            Message::AddCourse => {
                let (Some(subject), Some(class), Some(teacher)) = (
                    self.course_subject.clone(),
                    self.course_class.clone(),
                    self.course_teacher.clone(),
                ) else {
                    self.status = Some(Err(tr.t("school-course-incomplete")));
                    return Action::None;
                };
                let Ok(hours) = self.course_hours.trim().replace(',', ".").parse() else {
                    self.status = Some(Err(tr.t("school-bad-number")));
                    return Action::None;
                };
                let terms = classes::CourseTerms {
                    subject: subject.value,
                    class: class.value,
                    group: None,
                    teacher: teacher.value,
                    room: None,
                    scale: self
                        .course_scale
                        .as_ref()
                        .map(|c| c.value)
                        .unwrap_or(Scale::Five),
                    no_attestation: self.course_no_attestation,
                    hours_per_week: hours,
                };
                return self.work(ctx, saved, move |db, s| {
                    classes::create_course(db, s, &terms).map(|_| String::new())
                });
            }
            Message::LastGrade(v) => self.last_grade = v,
            Message::Rollover => {
                let Some(y) = self.year_id() else {
                    return Action::None;
                };
                let Ok(last) = self.last_grade.trim().parse::<u8>() else {
                    self.status = Some(Err(tr.t("school-bad-number")));
                    return Action::None;
                };
                let tr_done = tr.t("school-rolled-over");
                return self.work(ctx, tr_done, move |db, s| {
                    let r = rollover::rollover(db, s, y, last, &[])?;
                    Ok(format!("{} / {} / {}", r.promoted, r.graduated, r.courses))
                });
            }
            Message::Done(r) => {
                self.busy = false;
                self.status = Some(r.map_err(|e| tr.error(&e)));
                return Action::Run(Task::perform(ctx.file.run(read), Message::Loaded));
            }
        }
        Action::None
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
        if let Some(s) = &self.status {
            page = page.push(match s {
                Ok(s) => widget::notice(text(s.clone()).size(theme::TEXT)),
                Err(e) => widget::error_box(e.clone()),
            });
        }
        let d = match &self.data {
            None => return page.push(text(tr.t("loading"))).into(),
            Some(Err(e)) => return page.push(widget::error_box(tr.error(e))).into(),
            Some(Ok(d)) => d,
        };
        let idle = !self.busy;
        let card = |c: iced::widget::Column<'a, Message>| -> Element<'a, Message> {
            container(c)
                .style(theme::container::card)
                .padding(12)
                .width(Fill)
                .into()
        };
        let input = |v: &str, id: &'static str, m: fn(String) -> Message| {
            text_input("", v)
                .id(id)
                .on_input(m)
                .padding(6)
                .size(theme::SMALL)
                .style(theme::text_input::field)
        };
        let btn = |key: &str, m: Message| {
            button(text(tr.t(key)).size(theme::SMALL))
                .padding([6, 10])
                .style(theme::button::secondary)
                .on_press_maybe(idle.then_some(m))
        };
        let label = |key: &str| text(tr.t(key)).size(theme::SMALL);
        let tab = self.tab;
        // Profile.
        if tab == Tab::Profile {
            page = page.push(card(
                column![
                    widget::subheading(tr.t("school-profile")),
                    row![
                        widget::field(
                            tr.t("school-name"),
                            "setup-school-name",
                            &self.name,
                            false,
                            Message::Name,
                            None
                        ),
                        widget::field(
                            tr.t("school-address"),
                            "setup-school-address",
                            &self.address,
                            false,
                            Message::Address,
                            None
                        ),
                        widget::field(
                            tr.t("school-director"),
                            "setup-school-director",
                            &self.director,
                            false,
                            Message::Director,
                            None
                        ),
                    ]
                    .spacing(8),
                    btn("school-save", Message::SaveProfile),
                ]
                .spacing(8),
            ));
        }
        // Settings.
        if let (Tab::Profile, Some(s)) = (tab, &self.settings) {
            let windows: Vec<Choice<EditWindow>> = EditWindow::ALL
                .iter()
                .map(|w| Choice {
                    value: *w,
                    label: tr.t(window_key(*w)),
                })
                .collect();
            let roundings: Vec<Choice<Rounding>> = Rounding::ALL
                .iter()
                .map(|r| Choice {
                    value: *r,
                    label: tr.t(rounding_key(*r)),
                })
                .collect();
            page = page.push(card(
                column![
                    widget::subheading(tr.t("school-settings")),
                    row![
                        label("school-edit-window"),
                        pick_list(
                            windows,
                            Some(Choice {
                                value: s.edit_window,
                                label: tr.t(window_key(s.edit_window))
                            }),
                            Message::EditWindow
                        ),
                        label("school-rounding"),
                        pick_list(
                            roundings,
                            Some(Choice {
                                value: s.rounding,
                                label: tr.t(rounding_key(s.rounding))
                            }),
                            Message::Rounding
                        ),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                    row![
                        label("school-idle"),
                        input(&self.idle, "school-idle", Message::Idle).width(60),
                        label("school-absence"),
                        input(&self.absence, "school-absence", Message::Absence).width(60),
                        label("school-max-failed"),
                        input(&self.max_failed, "school-max-failed", Message::MaxFailed).width(60),
                        label("school-lockout"),
                        input(&self.lockout, "school-lockout", Message::Lockout).width(60),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                    btn("school-save", Message::SaveSettings),
                ]
                .spacing(8),
            ));
        }
        let Some(y) = &d.year else {
            return scrollable(page.push(widget::hint(tr.t("school-no-year")))).into();
        };
        // Periods and holidays.
        if tab == Tab::Calendar {
            let mut periods = column![widget::subheading(
                tr.t_args("school-periods", &[("year", y.name.clone().into())])
            )]
            .spacing(6);
            for p in &d.periods {
                let Some((_, a, b)) = self.period_dates.iter().find(|x| x.0 == p.id) else {
                    continue;
                };
                let id = p.id;
                let grades = p
                    .grades
                    .iter()
                    .map(|g| g.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                periods = periods.push(
                    row![
                        text(format!(
                            "{} {} ({})",
                            tr.t(&format!("school-scheme-{}", p.scheme.code())),
                            p.number,
                            grades
                        ))
                        .size(theme::SMALL)
                        .width(260),
                        text_input("", a)
                            .on_input(move |v| Message::PeriodStart(id, v))
                            .padding(4)
                            .size(theme::SMALL)
                            .width(110),
                        text_input("", b)
                            .on_input(move |v| Message::PeriodEnd(id, v))
                            .padding(4)
                            .size(theme::SMALL)
                            .width(110),
                        btn("school-save", Message::SavePeriod(id)),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
            periods = periods.push(widget::subheading(tr.t("school-holidays")));
            for (id, h) in &d.holidays {
                periods = periods.push(
                    row![
                        text(format!(
                            "{} — {} – {}",
                            h.name,
                            format_date(h.start),
                            format_date(h.end)
                        ))
                        .size(theme::SMALL)
                        .width(Fill),
                        btn("school-delete", Message::DeleteHoliday(*id)),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
            periods = periods.push(
                row![
                    input(&self.holiday.0, "school-holiday-name", Message::HolidayName).width(Fill),
                    input(
                        &self.holiday.1,
                        "school-holiday-start",
                        Message::HolidayStart
                    )
                    .width(110),
                    input(&self.holiday.2, "school-holiday-end", Message::HolidayEnd).width(110),
                    btn("school-add-holiday", Message::AddHoliday),
                ]
                .spacing(8),
            );
            page = page.push(card(periods));
        }
        // Directories.
        if tab == Tab::Directories {
            let subjects = d
                .subjects
                .iter()
                .map(|s| s.1.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let rooms = d
                .rooms
                .iter()
                .map(|r| r.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            page = page.push(card(
                column![
                    widget::subheading(tr.t("school-subjects")),
                    widget::hint(subjects),
                    row![
                        input(&self.subject, "school-subject", Message::Subject).width(300),
                        btn("school-add", Message::AddSubject)
                    ]
                    .spacing(8),
                    widget::subheading(tr.t("school-rooms")),
                    widget::hint(rooms),
                    row![
                        input(&self.room, "school-room", Message::Room).width(300),
                        btn("school-add", Message::AddRoom)
                    ]
                    .spacing(8),
                ]
                .spacing(8),
            ));
        }
        // Classes and courses.
        if tab == Tab::Classes {
            let teachers: Vec<Choice<StaffId>> = d
                .teachers
                .iter()
                .map(|(id, n)| Choice {
                    value: *id,
                    label: n.clone(),
                })
                .collect();
            let class_choices: Vec<Choice<ClassId>> = d
                .classes
                .iter()
                .map(|c| Choice {
                    value: c.id,
                    label: c.name(),
                })
                .collect();
            let subject_choices: Vec<Choice<SubjectId>> = d
                .subjects
                .iter()
                .map(|s| Choice {
                    value: s.0,
                    label: s.1.clone(),
                })
                .collect();
            let scales: Vec<Choice<Scale>> = Scale::ALL
                .iter()
                .map(|s| Choice {
                    value: *s,
                    label: tr.t(scale_key(*s)),
                })
                .collect();
            let class_list = d
                .classes
                .iter()
                .map(|c| {
                    let t = c
                        .class_teacher
                        .and_then(|t| d.teachers.iter().find(|x| x.0 == t))
                        .map(|x| x.1.clone())
                        .unwrap_or_default();
                    format!("{} {t}", c.name())
                })
                .collect::<Vec<_>>()
                .join("; ");
            let course_list = d
                .courses
                .iter()
                .map(|c| format!("{} — {}", c.title(), c.teacher_name.short()))
                .collect::<Vec<_>>()
                .join("; ");
            page = page.push(card(
                column![
                    widget::subheading(tr.t("school-classes")),
                    widget::hint(class_list),
                    row![
                        input(&self.class_name, "school-class", Message::ClassName).width(80),
                        btn("school-add-class", Message::AddClass),
                    ]
                    .spacing(8),
                    // The class teacher is offered once a class is being named.
                    if self.class_name.trim().is_empty() {
                        column![]
                    } else {
                        column![
                            label("school-class-teacher"),
                            chips(teachers.clone(), &self.class_teacher, Message::ClassTeacher),
                        ]
                        .spacing(4)
                    },
                    widget::subheading(tr.t("school-courses")),
                    widget::hint(course_list),
                    label("school-subject"),
                    chips(
                        subject_choices,
                        &self.course_subject,
                        Message::CourseSubject
                    ),
                    label("school-class"),
                    chips(class_choices, &self.course_class, Message::CourseClass),
                    label("school-teacher"),
                    chips(teachers, &self.course_teacher, Message::CourseTeacher),
                    row![
                        label("school-scale"),
                        pick_list(scales, self.course_scale.clone(), Message::CourseScale)
                            .placeholder(tr.t("school-scale-five")),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                    row![
                        checkbox(self.course_no_attestation)
                            .label(tr.t("school-no-attestation"))
                            .on_toggle(Message::CourseNoAttestation)
                            .size(16)
                            .text_size(theme::SMALL),
                        label("school-hours"),
                        input(&self.course_hours, "school-hours", Message::CourseHours).width(60),
                        btn("school-add-course", Message::AddCourse),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                ]
                .spacing(8),
            ));
        }
        // Rollover.
        if tab == Tab::Rollover {
            page = page.push(card(
                column![
                    widget::subheading(tr.t("school-rollover")),
                    widget::hint(tr.t("school-rollover-about")),
                    row![
                        label("school-last-grade"),
                        input(&self.last_grade, "school-last-grade", Message::LastGrade).width(60),
                        button(text(tr.t("school-rollover-run")).size(theme::SMALL))
                            .padding([6, 10])
                            .style(theme::button::primary)
                            .on_press_maybe((idle && !y.closed).then_some(Message::Rollover)),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                ]
                .spacing(8),
            ));
        }
        scrollable(page).into()
    }
}
