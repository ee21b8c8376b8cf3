//! Lessons and plans, for teachers: one of their courses at a time — planned against held lessons
//! and the lag; in one tab the course's lessons around today, each opening the lesson form in
//! place of the list; in the other the thematic plan (КТП) edited row by row, and a plan imported
//! from a CSV or XLSX file with a preview and its errors by row number, saved all at once or not
//! at all. The rules are `lessons` and `lessons::plan`.

use chrono::Days;
use iced::widget::{button, column, container, pick_list, row, space, text, text_input};
use iced::{Fill, Task};

use super::lesson_form::{self, Form};
use crate::error::{Error, Result};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::{Tr, format_date};
use crate::lessons::plan::{self, PlanImport, PlanRow, RowProblem};
use crate::lessons::{self, LessonRow, Progress, TopicChoice};
use crate::model::*;
use crate::ops;
use crate::school::CourseInfo;

#[derive(Debug, Clone, PartialEq)]
pub struct CourseChoice(CourseId, String);
impl std::fmt::Display for CourseChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone)]
pub struct CourseData {
    progress: Progress,
    lessons: Vec<LessonRow>,
    plan: Vec<TopicChoice>,
}

/// The screen's two parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Lessons,
    Plan,
}

pub struct Plans {
    tab: Tab,
    courses: Vec<CourseInfo>,
    course: Option<CourseId>,
    data: Option<Box<CourseData>>,
    form: Option<Form>,
    rows: Vec<(String, String)>,
    preview: Option<PlanImport>,
    status: Option<String>,
    error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Started(Result<Vec<CourseInfo>>),
    PickCourse(CourseChoice),
    Loaded(Result<Box<CourseData>>),
    Tab(Tab),
    Open(LessonId),
    CloseForm,
    Form(lesson_form::Message),
    Title(usize, String),
    Hours(usize, String),
    Add,
    Remove(usize),
    SavePlan,
    Saved(Result<usize>),
    Import,
    Preview(Result<Option<PlanImport>>),
    ImportSave,
    ImportCancel,
}

pub enum Action {
    None,
    Run(Task<Message>),
}

/// A row problem in plain words.
pub fn problem_text(tr: &Tr, row: Option<usize>, p: &RowProblem) -> String {
    let what = match p {
        RowProblem::Unreadable(d) => {
            tr.t_args("plan-err-unreadable", &[("detail", d.clone().into())])
        }
        RowProblem::NoTitleColumn => tr.t("plan-err-no-title-column"),
        RowProblem::Empty => tr.t("plan-err-empty"),
        RowProblem::NoTitle => tr.t("plan-err-no-title"),
        RowProblem::BadHours(v) => tr.t_args("plan-err-hours", &[("value", v.clone().into())]),
        RowProblem::BadNumber(v) => tr.t_args("plan-err-number", &[("value", v.clone().into())]),
        RowProblem::DuplicateNumber(n) => tr.t_args("plan-err-duplicate", &[("no", (*n).into())]),
    };
    match row {
        Some(r) => tr.t_args("plan-err-row", &[("row", r.into()), ("what", what.into())]),
        None => what,
    }
}

impl Plans {
    pub fn new(ctx: &Ctx<'_>) -> (Plans, Task<Message>) {
        let session = ctx.session.clone();
        let year = ctx.info.year.as_ref().map(|y| y.id);
        let p = Plans {
            tab: Tab::Lessons,
            courses: Vec::new(),
            course: None,
            data: None,
            form: None,
            rows: Vec::new(),
            preview: None,
            status: None,
            error: None,
        };
        let task = ctx.file.run(move |db| match year {
            Some(y) => lessons::my_courses(&db.conn, &session, y),
            None => Ok(Vec::new()),
        });
        (p, Task::perform(task, Message::Started))
    }

    fn load(&self, ctx: &Ctx<'_>) -> Task<Message> {
        let Some(course) = self.course else {
            return Task::none();
        };
        Task::perform(
            ctx.file.run(move |db| {
                let today = db.clock.today();
                Ok(Box::new(CourseData {
                    progress: lessons::progress(&db.conn, course, today)?,
                    lessons: lessons::course_lessons(
                        &db.conn,
                        course,
                        today - Days::new(14),
                        today + Days::new(14),
                    )?,
                    plan: plan::plan(&db.conn, course)?,
                }))
            }),
            Message::Loaded,
        )
    }

    /// Where Tab goes on from when no field has the focus: the open lesson form's.
    pub fn tab_after(&self) -> Option<iced::widget::Id> {
        self.form.as_ref().and_then(Form::tab_after)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        match message {
            Message::Started(Ok(c)) => {
                self.course = c.first().map(|c| c.id);
                self.courses = c;
                return Action::Run(self.load(ctx));
            }
            Message::Started(Err(e))
            | Message::Loaded(Err(e))
            | Message::Saved(Err(e))
            | Message::Preview(Err(e)) => self.error = Some(e),
            Message::PickCourse(CourseChoice(c, _)) => {
                self.course = Some(c);
                self.form = None;
                self.preview = None;
                self.status = None;
                return Action::Run(self.load(ctx));
            }
            Message::Loaded(Ok(d)) => {
                self.error = None;
                self.rows = d
                    .plan
                    .iter()
                    .map(|t| (t.title.clone(), format_hours(t.hours)))
                    .collect();
                self.data = Some(d);
            }
            Message::Tab(t) => self.tab = t,
            Message::CloseForm => self.form = None,
            Message::Open(l) => {
                let (f, t) = Form::new(l, ctx);
                self.form = Some(f);
                return Action::Run(t.map(Message::Form));
            }
            Message::Form(m) => {
                let Some(f) = &mut self.form else {
                    return Action::None;
                };
                return match f.update(m, ctx) {
                    lesson_form::Action::None => Action::None,
                    lesson_form::Action::Run(t) => Action::Run(t.map(Message::Form)),
                    lesson_form::Action::Saved => Action::Run(self.load(ctx)),
                };
            }
            Message::Title(i, s) => {
                if let Some(r) = self.rows.get_mut(i) {
                    r.0 = s;
                }
            }
            Message::Hours(i, s) => {
                if let Some(r) = self.rows.get_mut(i) {
                    r.1 = s;
                }
            }
            Message::Add => self.rows.push((String::new(), "1".into())),
            Message::Remove(i) => {
                if i < self.rows.len() {
                    self.rows.remove(i);
                }
            }
            Message::SavePlan => {
                let Some(course) = self.course else {
                    return Action::None;
                };
                let mut rows = Vec::new();
                for (i, (title, hours)) in self.rows.iter().enumerate() {
                    let Some(h) = hours
                        .trim()
                        .replace(',', ".")
                        .parse::<f64>()
                        .ok()
                        .filter(|h| *h > 0.0)
                    else {
                        self.status = Some(problem_text(
                            ctx.tr,
                            Some(i + 1),
                            &RowProblem::BadHours(hours.clone()),
                        ));
                        return Action::None;
                    };
                    if title.trim().is_empty() {
                        self.status = Some(problem_text(ctx.tr, Some(i + 1), &RowProblem::NoTitle));
                        return Action::None;
                    }
                    rows.push(PlanRow {
                        title: title.trim().to_string(),
                        hours: h,
                    });
                }
                let session = ctx.session.clone();
                return Action::Run(Task::perform(
                    ctx.file.run(move |db| {
                        ops::save_plan(db, &session, course, &rows)?;
                        Ok(rows.len())
                    }),
                    Message::Saved,
                ));
            }
            Message::Saved(Ok(n)) => {
                self.preview = None;
                self.error = None;
                self.status = Some(ctx.tr.t_args("plan-saved", &[("count", n.into())]));
                return Action::Run(self.load(ctx));
            }
            Message::Import => {
                let pick = ctx.picker.import_file(ctx.tr.t("plans-import-title"));
                return Action::Run(Task::perform(
                    async move {
                        match pick.await {
                            Some(path) => Ok(Some(plan::read_file(&std::fs::read(path)?))),
                            None => Ok(None),
                        }
                    },
                    Message::Preview,
                ));
            }
            Message::Preview(Ok(p)) => {
                self.status = None;
                self.preview = p;
            }
            Message::ImportSave => {
                let (Some(course), Some(p)) = (self.course, self.preview.clone()) else {
                    return Action::None;
                };
                let session = ctx.session.clone();
                return Action::Run(Task::perform(
                    ctx.file
                        .run(move |db| ops::import_plan(db, &session, course, &p)),
                    Message::Saved,
                ));
            }
            Message::ImportCancel => self.preview = None,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let choices: Vec<CourseChoice> = self
            .courses
            .iter()
            .map(|c| CourseChoice(c.id, c.title()))
            .collect();
        let sel = choices.iter().find(|c| Some(c.0) == self.course).cloned();
        let tab = |t: Tab, key: &str| {
            button(text(tr.t(key)).size(theme::TEXT))
                .padding([6, 14])
                .style(theme::button::segment(self.tab == t))
                .on_press(Message::Tab(t))
        };
        let mut page = column![
            widget::heading(tr.t("plans-title")),
            row![
                pick_list(choices, sel, Message::PickCourse)
                    .placeholder(tr.t("plans-course"))
                    .text_size(theme::TEXT),
                space().width(Fill),
                row![
                    tab(Tab::Lessons, "plans-tab-lessons"),
                    tab(Tab::Plan, "plans-plan"),
                ]
                .spacing(4),
            ]
            .spacing(10)
            .align_y(iced::Center),
        ]
        .spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::error_box(tr.error(e)));
        }
        if self.courses.is_empty() {
            return page.push(widget::hint(tr.t("plans-no-courses"))).into();
        }
        let Some(d) = &self.data else {
            return page.push(widget::hint(tr.t("loading"))).into();
        };
        let p = d.progress;
        page = page.push(widget::notice(
            column![
                text(tr.t_args(
                    "plans-progress",
                    &[
                        ("planned", p.planned.into()),
                        ("held", p.held.into()),
                        ("covered", p.covered.into())
                    ],
                ))
                .size(theme::TEXT),
                text(tr.t_args("plans-lag", &[("lag", p.lag.into())]))
                    .size(theme::TEXT)
                    .style(if p.lag > 0 {
                        theme::text::danger
                    } else {
                        theme::text::success
                    }),
                widget::hint(tr.t_args(
                    "plans-year",
                    &[
                        ("hours", format_hours(p.plan_hours).into()),
                        ("lessons", p.year_lessons.into())
                    ],
                )),
            ]
            .spacing(4),
        ));
        match self.tab {
            Tab::Lessons => page.push(self.lessons_view(d, ctx)).into(),
            Tab::Plan => page.push(self.plan_view(d, tr)).into(),
        }
    }

    /// The course's lessons around today; an open lesson form takes the list's place.
    fn lessons_view<'a>(&'a self, d: &'a CourseData, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        if let Some(f) = &self.form {
            return column![
                button(text(tr.t("plans-back")).size(theme::SMALL))
                    .style(theme::button::secondary)
                    .on_press(Message::CloseForm),
                container(f.view(ctx).map(Message::Form))
                    .padding(12)
                    .width(Fill)
                    .style(theme::container::notice),
            ]
            .spacing(10)
            .into();
        }
        let mut list = column![widget::subheading(tr.t("plans-lessons"))].spacing(6);
        if d.lessons.is_empty() {
            list = list.push(widget::hint(tr.t("plans-no-lessons")));
        }
        for l in &d.lessons {
            let topic = if l.cancelled {
                tr.t("lf-cancelled")
            } else if l.topic.is_empty() {
                "—".to_string()
            } else {
                l.topic.clone()
            };
            list = list.push(
                row![
                    text(format!("{}, {}", format_date(l.date), l.lesson_no))
                        .size(theme::TEXT)
                        .width(120),
                    text(topic).size(theme::TEXT).width(Fill),
                    text(l.homework.clone()).size(theme::SMALL).width(220),
                    button(
                        text(tr.t_args(
                            "plans-open",
                            &[
                                ("date", format_date(l.date).into()),
                                ("no", l.lesson_no.into())
                            ]
                        ))
                        .size(theme::SMALL)
                    )
                    .style(theme::button::link)
                    .on_press(Message::Open(l.id)),
                ]
                .spacing(10)
                .align_y(iced::Center),
            );
        }
        list.into()
    }

    /// The thematic plan: import from a file with its preview, and the rows to edit.
    fn plan_view<'a>(&'a self, d: &'a CourseData, tr: &'a Tr) -> Element<'a, Message> {
        let mut page = column![
            row![
                widget::subheading(tr.t("plans-plan")),
                space().width(Fill),
                button(text(tr.t("plans-import")).size(theme::TEXT))
                    .style(theme::button::secondary)
                    .on_press(Message::Import),
            ]
            .spacing(12)
            .align_y(iced::Center)
        ]
        .spacing(8);
        if let Some(s) = &self.status {
            page = page.push(widget::notice(text(s.clone()).size(theme::TEXT)));
        }
        if let Some(pr) = &self.preview {
            let mut prev = column![widget::subheading(
                tr.t_args("plans-preview", &[("count", pr.rows.len().into())])
            )]
            .spacing(4);
            for e in &pr.errors {
                prev = prev.push(
                    text(problem_text(tr, e.row, &e.problem))
                        .size(theme::TEXT)
                        .style(theme::text::danger),
                );
            }
            if !pr.errors.is_empty() {
                prev = prev.push(widget::hint(tr.t("plans-import-nothing")));
            }
            prev = prev.push(
                row![
                    button(text(tr.t("plans-import-save")).size(theme::TEXT))
                        .style(theme::button::primary)
                        .on_press_maybe(pr.is_ok().then_some(Message::ImportSave)),
                    button(text(tr.t("plans-import-cancel")).size(theme::TEXT))
                        .style(theme::button::secondary)
                        .on_press(Message::ImportCancel),
                ]
                .spacing(10),
            );
            for (i, (row_no, r)) in pr.rows.iter().enumerate().take(200) {
                prev = prev.push(
                    row![
                        text(format!("{}.", i + 1)).size(theme::SMALL).width(40),
                        text(r.title.clone()).size(theme::SMALL).width(Fill),
                        text(format_hours(r.hours)).size(theme::SMALL).width(60),
                        widget::hint(tr.t_args("plans-from-row", &[("row", (*row_no).into())])),
                    ]
                    .spacing(8),
                );
            }
            page = page.push(
                container(prev)
                    .padding(12)
                    .width(Fill)
                    .style(theme::container::card),
            );
        }
        let used = |i: usize| {
            d.plan
                .get(i)
                .filter(|t| Some(&t.title) == self.rows.get(i).map(|r| &r.0))
                .map(|t| t.used)
                .unwrap_or(0)
        };
        for (i, (title, hours)) in self.rows.iter().enumerate() {
            let mark = if used(i) > 0 { "✓" } else { "" };
            page = page.push(
                row![
                    text(format!("{}.", i + 1)).size(theme::SMALL).width(40),
                    text_input("", title)
                        .on_input(move |s| Message::Title(i, s))
                        .padding(4)
                        .size(theme::SMALL)
                        .style(theme::text_input::field),
                    text_input("", hours)
                        .on_input(move |s| Message::Hours(i, s))
                        .padding(4)
                        .size(theme::SMALL)
                        .width(60)
                        .style(theme::text_input::field),
                    text(mark).size(theme::SMALL).width(20),
                    button(text("×").size(theme::SMALL))
                        .style(theme::button::link)
                        .on_press(Message::Remove(i)),
                ]
                .spacing(6)
                .align_y(iced::Center),
            );
        }
        page = page.push(
            row![
                button(text(tr.t("plans-add")).size(theme::TEXT))
                    .style(theme::button::secondary)
                    .on_press(Message::Add),
                button(text(tr.t("plans-save")).size(theme::TEXT))
                    .style(theme::button::primary)
                    .on_press(Message::SavePlan),
            ]
            .spacing(10),
        );
        page.into()
    }
}

fn format_hours(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{}", h as i64)
    } else {
        format!("{h}").replace('.', ",")
    }
}
