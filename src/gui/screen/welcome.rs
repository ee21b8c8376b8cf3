//! First run: create a new school (its profile, the first academic year with its reporting
//! periods, the first administrator), build and open the demo school with a progress bar, or open
//! an existing journal file. The school is created by the core in one transaction; the form only
//! catches what would be a typing slip (an empty field, two different passwords).

use std::path::{Path, PathBuf};

use iced::widget::{
    button, column, container, pick_list, progress_bar, row, scrollable, space, text,
};
use iced::{Center, Fill, Task};

use crate::auth::{MIN_PASSWORD_LEN, NewStaff};
use crate::db::{Clock, Db};
use crate::error::{Error, Result};
use crate::gui::widget::{self, Element};
use crate::gui::work::{self, DemoEvent};
use crate::gui::{Env, lang_switch, theme};
use crate::i18n::{Lang, Tr, format_date};
use crate::model::{PersonName, Role, Scheme, year_start_of};
use crate::school::{self, NewSchool};

pub struct Welcome {
    stage: Stage,
    form: Form,
    problem: Option<Problem>,
}

enum Stage {
    Choose,
    Form,
    Creating,
    Demo(f32),
}

enum Problem {
    Core(Error),
    /// Required fields left empty: their i18n keys.
    Empty(Vec<&'static str>),
    Mismatch,
}

/// How the grades are split into reporting periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// 1–9 by quarters, 10–11 by half-years: what most schools do.
    Usual,
    Quarters,
    Trimesters,
    Halves,
}

impl Preset {
    const ALL: [Preset; 4] = [
        Preset::Usual,
        Preset::Quarters,
        Preset::Trimesters,
        Preset::Halves,
    ];

    fn key(self) -> &'static str {
        match self {
            Preset::Usual => "scheme-preset-usual",
            Preset::Quarters => "scheme-preset-quarters",
            Preset::Trimesters => "scheme-preset-trimesters",
            Preset::Halves => "scheme-preset-halves",
        }
    }

    fn schemes(self) -> Vec<(u8, Scheme)> {
        let all = |s| (1..=11).map(|g| (g, s)).collect();
        match self {
            Preset::Usual => school::usual_schemes(),
            Preset::Quarters => all(Scheme::Quarter),
            Preset::Trimesters => all(Scheme::Trimester),
            Preset::Halves => all(Scheme::Half),
        }
    }
}

/// An academic year in a pick list: "2026/2027".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearChoice(pub i32);

impl std::fmt::Display for YearChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.0, self.0 + 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    School,
    Address,
    Director,
    Surname,
    Name,
    Patronymic,
    Login,
    Password,
    Repeat,
}

impl Field {
    /// The field after this one in the form's order.
    fn next(self) -> Option<Field> {
        use Field::*;
        let order = [
            School, Address, Director, Surname, Name, Patronymic, Login, Password, Repeat,
        ];
        let i = order.iter().position(|f| *f == self)?;
        order.get(i + 1).copied()
    }

    /// The label's i18n key and the widget id (tests type into fields by id).
    pub fn key_and_id(self) -> (&'static str, &'static str) {
        match self {
            Field::School => ("field-school-name", "school-name"),
            Field::Address => ("field-school-address", "school-address"),
            Field::Director => ("field-school-director", "school-director"),
            Field::Surname => ("field-surname", "admin-surname"),
            Field::Name => ("field-name", "admin-name"),
            Field::Patronymic => ("field-patronymic", "admin-patronymic"),
            Field::Login => ("field-login", "admin-login"),
            Field::Password => ("field-password", "admin-password"),
            Field::Repeat => ("field-password-repeat", "admin-repeat"),
        }
    }
}

struct Form {
    school: String,
    address: String,
    director: String,
    year: YearChoice,
    preset: Preset,
    surname: String,
    name: String,
    patronymic: String,
    login: String,
    password: String,
    repeat: String,
    target: PathBuf,
}

impl Form {
    fn value(&self, f: Field) -> &str {
        match f {
            Field::School => &self.school,
            Field::Address => &self.address,
            Field::Director => &self.director,
            Field::Surname => &self.surname,
            Field::Name => &self.name,
            Field::Patronymic => &self.patronymic,
            Field::Login => &self.login,
            Field::Password => &self.password,
            Field::Repeat => &self.repeat,
        }
    }

    fn value_mut(&mut self, f: Field) -> &mut String {
        match f {
            Field::School => &mut self.school,
            Field::Address => &mut self.address,
            Field::Director => &mut self.director,
            Field::Surname => &mut self.surname,
            Field::Name => &mut self.name,
            Field::Patronymic => &mut self.patronymic,
            Field::Login => &mut self.login,
            Field::Password => &mut self.password,
            Field::Repeat => &mut self.repeat,
        }
    }

    fn new_school(&self) -> NewSchool {
        NewSchool {
            name: self.school.trim().into(),
            address: self.address.trim().into(),
            director: self.director.trim().into(),
            year_start: self.year.0,
            schemes: self.preset.schemes(),
            admin: NewStaff {
                login: self.login.trim().into(),
                name: PersonName {
                    surname: self.surname.trim().into(),
                    name: self.name.trim().into(),
                    patronymic: self.patronymic.trim().into(),
                },
                roles: vec![Role::Admin],
                password: self.password.clone(),
                temporary: false,
            },
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    ShowForm,
    Demo,
    OpenFile,
    Back,
    Edit(Field, String),
    /// Enter in a field: on to the next one.
    Next(Field),
    Year(YearChoice),
    Preset(Preset),
    ChooseTarget,
    TargetChosen(Option<PathBuf>),
    Create,
    Created(Result<String, Error>),
    DemoEvent(DemoEvent),
    Picked(Option<PathBuf>),
    Lang(Lang),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Open a journal file; `login` fills the login field, `recent` replaces the file's recent
    /// logins (the accounts of a demo just built).
    Open {
        path: PathBuf,
        login: Option<String>,
        recent: Option<Vec<String>>,
    },
    SetLang(Lang),
}

impl Welcome {
    /// The welcome screen; a new school will be created in `target`.
    pub fn new(target: PathBuf) -> Welcome {
        let this_year = year_start_of(Clock::System.today());
        Welcome {
            stage: Stage::Choose,
            form: Form {
                school: String::new(),
                address: String::new(),
                director: String::new(),
                year: YearChoice(this_year),
                preset: Preset::Usual,
                surname: String::new(),
                name: String::new(),
                patronymic: String::new(),
                login: "admin".into(),
                password: String::new(),
                repeat: String::new(),
                target,
            },
            problem: None,
        }
    }

    /// Straight to the new-school form, for a file that is not there yet.
    pub fn new_school_at(target: PathBuf) -> (Welcome, Task<Message>) {
        let mut w = Welcome::new(target);
        w.stage = Stage::Form;
        (
            w,
            iced::widget::operation::focus(Field::School.key_and_id().1),
        )
    }

    /// Whether a demo school is being built (the progress bar is showing).
    pub fn demo_progress(&self) -> Option<f32> {
        match self.stage {
            Stage::Demo(p) => Some(p),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, env: &Env, tr: &Tr) -> Action {
        match message {
            Message::ShowForm => {
                self.stage = Stage::Form;
                self.problem = None;
                return Action::Run(iced::widget::operation::focus(Field::School.key_and_id().1));
            }
            Message::Back => {
                self.stage = Stage::Choose;
                self.problem = None;
            }
            Message::Edit(f, v) => *self.form.value_mut(f) = v,
            Message::Next(f) => {
                return Action::Run(iced::widget::operation::focus(f.key_and_id().1));
            }
            Message::Year(y) => self.form.year = y,
            Message::Preset(p) => self.form.preset = p,
            Message::ChooseTarget => {
                let pick = env
                    .picker
                    .new_journal(tr.t("new-school-choose-file"), self.form.target.clone());
                return Action::Run(Task::perform(pick, Message::TargetChosen));
            }
            Message::TargetChosen(Some(path)) => self.form.target = path,
            Message::TargetChosen(None) | Message::Picked(None) => {}
            Message::Create => {
                if matches!(self.stage, Stage::Creating) {
                    return Action::None;
                }
                let empty: Vec<&'static str> = [
                    Field::School,
                    Field::Surname,
                    Field::Name,
                    Field::Login,
                    Field::Password,
                ]
                .into_iter()
                .filter(|f| self.form.value(*f).trim().is_empty())
                .map(|f| f.key_and_id().0)
                .collect();
                if !empty.is_empty() {
                    self.problem = Some(Problem::Empty(empty));
                    return Action::None;
                }
                if self.form.password != self.form.repeat {
                    self.problem = Some(Problem::Mismatch);
                    self.form.repeat.clear();
                    return Action::Run(iced::widget::operation::focus(
                        Field::Repeat.key_and_id().1,
                    ));
                }
                self.problem = None;
                self.stage = Stage::Creating;
                let (target, school) = (self.form.target.clone(), self.form.new_school());
                let login = school.admin.login.clone();
                let work = work::blocking(move || create_school(&target, &school).map(|_| login));
                return Action::Run(Task::perform(work, Message::Created));
            }
            Message::Created(Ok(login)) => {
                self.stage = Stage::Form;
                return Action::Open {
                    path: self.form.target.clone(),
                    login: Some(login),
                    recent: None,
                };
            }
            Message::Created(Err(e)) => {
                self.stage = Stage::Form;
                self.problem = Some(Problem::Core(e));
            }
            Message::Demo => {
                let path = env.demo_path();
                if path.exists() {
                    return Action::Open {
                        path,
                        login: None,
                        recent: None,
                    };
                }
                self.problem = None;
                self.stage = Stage::Demo(0.0);
                return Action::Run(Task::run(
                    work::build_demo(path, env.demo.clone()),
                    Message::DemoEvent,
                ));
            }
            Message::DemoEvent(DemoEvent::Progress(p)) => {
                if let Stage::Demo(_) = self.stage {
                    self.stage = Stage::Demo(p);
                }
            }
            Message::DemoEvent(DemoEvent::Done(Ok(summary))) => {
                self.stage = Stage::Choose;
                let recent = summary
                    .accounts
                    .into_iter()
                    .map(|(login, _)| login)
                    .collect();
                return Action::Open {
                    path: env.demo_path(),
                    login: None,
                    recent: Some(recent),
                };
            }
            Message::DemoEvent(DemoEvent::Done(Err(e))) => {
                self.stage = Stage::Choose;
                self.problem = Some(Problem::Core(e));
            }
            Message::OpenFile => {
                return Action::Run(Task::perform(
                    env.picker.open_journal(tr.t("open-title")),
                    Message::Picked,
                ));
            }
            Message::Picked(Some(path)) => {
                return Action::Open {
                    path,
                    login: None,
                    recent: None,
                };
            }
            Message::Lang(l) => return Action::SetLang(l),
        }
        Action::None
    }

    pub fn view<'a>(&'a self, tr: &Tr, env: &Env) -> Element<'a, Message> {
        let body = match self.stage {
            Stage::Choose => self.choose(tr, env),
            Stage::Form | Stage::Creating => self.form(tr),
            Stage::Demo(p) => demo_progress(tr, p),
        };
        column![
            row![space().width(Fill), lang_switch(tr.lang(), Message::Lang)],
            body
        ]
        .padding(16)
        .into()
    }

    fn problem<'a>(&self, tr: &Tr) -> Option<Element<'a, Message>> {
        let text = match self.problem.as_ref()? {
            Problem::Core(e) => tr.error(e),
            Problem::Mismatch => tr.t("passwords-differ"),
            Problem::Empty(keys) => {
                let names: Vec<String> = keys.iter().map(|k| format!("«{}»", tr.t(k))).collect();
                tr.t_args("fields-empty", &[("fields", names.join(", ").into())])
            }
        };
        Some(widget::error_box(text))
    }

    fn choose<'a>(&'a self, tr: &Tr, env: &Env) -> Element<'a, Message> {
        let choice = |title: String, hint: String, m: Message| {
            button(
                column![
                    text(title).size(theme::SUBHEADING).font(theme::BOLD),
                    text(hint).size(theme::TEXT).style(theme::text::muted),
                ]
                .spacing(6),
            )
            .padding(20)
            .width(Fill)
            .style(theme::button::choice)
            .on_press(m)
        };
        let demo_hint = if env.demo_path().exists() {
            "welcome-demo-open-hint"
        } else {
            "welcome-demo-hint"
        };
        let mut page = column![
            widget::heading(tr.t("welcome-title")),
            text(tr.t("welcome-intro")).size(theme::TEXT),
            choice(
                tr.t("welcome-new-school"),
                tr.t("welcome-new-school-hint"),
                Message::ShowForm
            ),
            choice(tr.t("welcome-demo"), tr.t(demo_hint), Message::Demo),
            choice(
                tr.t("welcome-open"),
                tr.t("welcome-open-hint"),
                Message::OpenFile
            ),
        ]
        .spacing(16)
        .max_width(720);
        if let Some(p) = self.problem(tr) {
            page = page.push(p);
        }
        container(page).center(Fill).into()
    }

    fn form<'a>(&'a self, tr: &Tr) -> Element<'a, Message> {
        let f = &self.form;
        let creating = matches!(self.stage, Stage::Creating);
        let submit = (!creating).then_some(Message::Create);
        // Enter moves to the next field; in the last one it creates the school.
        let input = |field: Field, secure: bool| {
            let (key, id) = field.key_and_id();
            let on_enter = match field.next() {
                Some(next) => (!creating).then_some(Message::Next(next)),
                None => submit.clone(),
            };
            widget::field(
                tr.t(key),
                id,
                f.value(field),
                secure,
                move |v| Message::Edit(field, v),
                on_enter,
            )
        };

        let this_year = year_start_of(Clock::System.today());
        let years = [YearChoice(this_year), YearChoice(this_year + 1)];
        let presets = Preset::ALL.iter().fold(column![].spacing(6), |c, p| {
            c.push(
                button(text(tr.t(p.key())).size(theme::TEXT))
                    .width(Fill)
                    .padding([6, 12])
                    .style(theme::button::segment(*p == f.preset))
                    .on_press(Message::Preset(*p)),
            )
        });
        let school = card(
            column![
                widget::subheading(tr.t("new-school-section-school")),
                input(Field::School, false),
                input(Field::Address, false),
                input(Field::Director, false),
                widget::subheading(tr.t("new-school-section-year")),
                row![
                    text(tr.t("field-year")).size(theme::TEXT),
                    pick_list(years, Some(f.year), Message::Year)
                        .padding(8)
                        .text_size(theme::TEXT),
                ]
                .spacing(12)
                .align_y(Center),
                text(tr.t("field-schemes")).size(theme::SMALL),
                presets,
                periods_preview(tr, f.year.0, f.preset),
            ]
            .spacing(12),
        );
        let admin = card(
            column![
                widget::subheading(tr.t("new-school-section-admin")),
                widget::hint(tr.t("new-school-admin-hint")),
                input(Field::Surname, false),
                input(Field::Name, false),
                input(Field::Patronymic, false),
                input(Field::Login, false),
                input(Field::Password, true),
                input(Field::Repeat, true),
                widget::hint(tr.t_args("password-rules", &[("min", MIN_PASSWORD_LEN.into())])),
            ]
            .spacing(12),
        );
        let file = column![
            text(tr.t("new-school-file")).size(theme::SMALL),
            row![
                text(f.target.display().to_string())
                    .size(theme::TEXT)
                    .width(Fill),
                button(text(tr.t("new-school-choose-file")).size(theme::TEXT))
                    .padding([8, 14])
                    .style(theme::button::secondary)
                    .on_press_maybe((!creating).then_some(Message::ChooseTarget)),
            ]
            .spacing(12)
            .align_y(Center),
        ]
        .spacing(4);
        let page = column![
            widget::heading(tr.t("new-school-title")),
            row![school, admin].spacing(16),
            card(file),
        ]
        .spacing(16)
        .max_width(1100);
        // The actions and what went wrong stay in sight below the scrolling form.
        let mut footer = column![].spacing(10).width(Fill).max_width(1100);
        if let Some(p) = self.problem(tr) {
            footer = footer.push(p);
        }
        footer = footer.push(
            row![
                button(text(if creating {
                    tr.t("new-school-creating")
                } else {
                    tr.t("new-school-create")
                }))
                .padding([10, 24])
                .style(theme::button::primary)
                .on_press_maybe(submit.clone()),
                button(text(tr.t("back")))
                    .padding([10, 24])
                    .style(theme::button::secondary)
                    .on_press_maybe((!creating).then_some(Message::Back)),
            ]
            .spacing(12),
        );
        column![
            scrollable(container(page).center_x(Fill).padding([8, 8])).height(Fill),
            container(footer).center_x(Fill).padding([12, 8]),
        ]
        .into()
    }
}

fn card<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content)
        .padding(16)
        .width(Fill)
        .style(theme::container::card)
        .into()
}

/// The periods the chosen split gives, with their dates from the usual calendar.
fn periods_preview<'a, M: 'a>(tr: &Tr, year: i32, preset: Preset) -> Element<'a, M> {
    let cal = school::standard_calendar(year);
    let schemes = preset.schemes();
    let mut col = column![].spacing(4);
    for scheme in [Scheme::Quarter, Scheme::Trimester, Scheme::Half] {
        let grades: Vec<u8> = schemes
            .iter()
            .filter(|(_, s)| *s == scheme)
            .map(|(g, _)| *g)
            .collect();
        let (Some(first), Some(last)) = (grades.first(), grades.last()) else {
            continue;
        };
        let (title_key, item_key) = match scheme {
            Scheme::Quarter => ("scheme-quarters", "scheme-quarter"),
            Scheme::Trimester => ("scheme-trimesters", "scheme-trimester"),
            Scheme::Half => ("scheme-halves", "scheme-half"),
        };
        col = col.push(
            text(tr.t_args(
                title_key,
                &[("from", (*first).into()), ("to", (*last).into())],
            ))
            .size(theme::TEXT)
            .font(theme::BOLD),
        );
        for (_, n, start, end) in cal.periods.iter().filter(|(s, ..)| *s == scheme) {
            col = col.push(
                row![
                    text(tr.t_args(item_key, &[("number", (*n).into())])).width(140),
                    text(format!("{} — {}", format_date(*start), format_date(*end))),
                ]
                .spacing(8),
            );
        }
    }
    col.push(widget::hint(tr.t("new-school-calendar-note")))
        .into()
}

fn demo_progress<'a>(tr: &Tr, p: f32) -> Element<'a, Message> {
    let pct = (p * 100.0).round() as u32;
    container(
        column![
            widget::heading(tr.t("demo-title")),
            text(tr.t("demo-building")).size(theme::TEXT),
            progress_bar(0.0..=1.0, p).girth(16),
            text(tr.t_args("demo-progress", &[("percent", pct.into())])).size(theme::TEXT),
        ]
        .spacing(16)
        .max_width(560),
    )
    .center(Fill)
    .into()
}

/// Creates the school in `target`: a new file, or an existing journal file that is still empty.
/// A file this call created is removed again if the school could not be created in it.
fn create_school(target: &Path, school: &NewSchool) -> Result<()> {
    let existed = target.exists();
    let result = (|| {
        let mut db = if existed {
            Db::open(target)?
        } else {
            Db::create(target)?
        };
        crate::ops::create_school(&mut db, school, None)?;
        Ok(())
    })();
    if result.is_err() && !existed {
        for p in work::with_sidecars(target) {
            let _ = std::fs::remove_file(p);
        }
    }
    result
}
