//! Today: the teacher's lessons of the day by bell time — their own and those they substitute —
//! each with what is still missing (topic, attendance, homework, marks) and one click to fill it
//! in the lesson form below; the gaps of the last seven days against seed 004's deadlines; and
//! for a class teacher, today's absences in the class. The data is `lessons::today`.

use iced::widget::{button, column, container, row, text};
use iced::{Fill, Task};

use super::lesson_form::{self, Form};
use crate::error::{Error, Result};
use crate::gui::screen::Section;
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::{Tr, format_date};
use crate::lessons::today::{self, DayLesson, Missing, Today as Day};
use crate::model::*;
use crate::setup::checklist::{self, Step};

pub struct Today {
    day: Option<Box<Day>>,
    /// For the administrator: the set-up steps of the school, done or not.
    setup: Vec<(Step, bool)>,
    form: Option<Form>,
    error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Day>>),
    Fill(LessonId),
    Setup(Result<Vec<(Step, bool)>>),
    /// Open the section where a set-up step is done.
    Go(Section),
    /// A digit typed on the page: today's lesson with that number opens.
    OpenNo(u8),
    Close,
    Form(lesson_form::Message),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Open(Section),
}

/// Where a set-up step is done.
fn section_of(step: Step) -> Section {
    match step {
        Step::School
        | Step::Periods
        | Step::Bells
        | Step::Subjects
        | Step::Classes
        | Step::Courses => Section::School,
        Step::Staff => Section::Staff,
        Step::Timetable => Section::Timetable,
        Step::Students => Section::Students,
    }
}

fn load(ctx: &Ctx<'_>) -> Task<Message> {
    let session = ctx.session.clone();
    Task::perform(
        ctx.file.run(move |db| {
            let now = db.clock.now();
            today::today(&db.conn, &session, now).map(Box::new)
        }),
        Message::Loaded,
    )
}

/// The school's set-up steps, for an administrator (others get none).
fn load_setup(ctx: &Ctx<'_>) -> Task<Message> {
    if !ctx.session.has(Role::Admin) {
        return Task::none();
    }
    let year = ctx.info.year.as_ref().map(|y| y.id);
    Task::perform(
        ctx.file.run(move |db| checklist::checklist(&db.conn, year)),
        Message::Setup,
    )
}

/// The i18n key of a missing item.
pub fn missing_key(m: Missing) -> &'static str {
    match m {
        Missing::Topic => "today-missing-topic",
        Missing::Attendance => "today-missing-attendance",
        Missing::Homework => "today-missing-homework",
        Missing::Marks => "today-missing-marks",
    }
}

impl Today {
    pub fn new(ctx: &Ctx<'_>) -> (Today, Task<Message>) {
        (
            Today {
                day: None,
                setup: Vec::new(),
                form: None,
                error: None,
            },
            Task::batch([load(ctx), load_setup(ctx)]),
        )
    }

    /// Where Tab goes on from when no field has the focus: the open lesson form's.
    pub fn tab_after(&self) -> Option<iced::widget::Id> {
        self.form.as_ref().and_then(Form::tab_after)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        match message {
            Message::Loaded(Ok(d)) => {
                self.error = None;
                self.day = Some(d);
            }
            Message::Loaded(Err(e)) => self.error = Some(e),
            Message::Setup(Ok(steps)) => self.setup = steps,
            Message::Setup(Err(e)) => self.error = Some(e),
            Message::Go(s) => return Action::Open(s),
            Message::Fill(l) => {
                let (form, task) = Form::new(l, ctx);
                self.form = Some(form);
                return Action::Run(task.map(Message::Form));
            }
            Message::OpenNo(no) => {
                let lesson = self.day.as_ref().and_then(|d| {
                    d.lessons
                        .iter()
                        .find(|l| {
                            l.lesson.lesson_no == no && !l.lesson.cancelled && !l.taken_by_other
                        })
                        .map(|l| l.lesson.id)
                });
                if let Some(l) = lesson {
                    return self.update(Message::Fill(l), ctx);
                }
            }
            Message::Close => self.form = None,
            Message::Form(m) => {
                let Some(form) = &mut self.form else {
                    return Action::None;
                };
                return match form.update(m, ctx) {
                    lesson_form::Action::None => Action::None,
                    lesson_form::Action::Run(t) => Action::Run(t.map(Message::Form)),
                    lesson_form::Action::Saved => Action::Run(load(ctx)),
                };
            }
        }
        Action::None
    }

    fn lesson_line<'a>(
        &'a self,
        l: &'a DayLesson,
        tr: &'a Tr,
        with_date: bool,
    ) -> Element<'a, Message> {
        let time = match (l.starts, l.ends) {
            (Some(a), Some(b)) => format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")),
            _ => String::new(),
        };
        let when = if with_date {
            format!(
                "{}, {}",
                format_date(l.lesson.date),
                tr.t_args("lf-lesson-no", &[("no", l.lesson.lesson_no.into())])
            )
        } else {
            tr.t_args("lf-lesson-no", &[("no", l.lesson.lesson_no.into())])
        };
        let mut what = column![
            text(l.lesson.title.clone())
                .size(theme::TEXT)
                .font(theme::BOLD)
        ]
        .spacing(2);
        if l.substituting {
            what = what.push(widget::hint(tr.t_args(
                "today-substituting",
                &[("name", l.lesson.teacher_name.short().into())],
            )));
        }
        if l.taken_by_other {
            let name = l
                .lesson
                .substitute_name
                .as_ref()
                .map(|n| n.short())
                .unwrap_or_default();
            what = what.push(widget::hint(
                tr.t_args("today-taken-by", &[("name", name.into())]),
            ));
        }
        if l.lesson.cancelled {
            what = what.push(widget::hint(tr.t("lf-cancelled")));
        }
        let mut chips = row![].spacing(6);
        if l.missing.is_empty() && !l.lesson.cancelled && !l.taken_by_other {
            chips = chips.push(
                text(tr.t("today-all-done"))
                    .size(theme::SMALL)
                    .style(theme::text::success),
            );
        }
        for m in &l.missing {
            let label = if m.overdue {
                tr.t_args(
                    "today-overdue",
                    &[("what", tr.t(missing_key(m.what)).into())],
                )
            } else if m.what == Missing::Marks || m.what == Missing::Homework {
                tr.t_args(
                    "today-due",
                    &[
                        ("what", tr.t(missing_key(m.what)).into()),
                        ("by", m.by.format("%d.%m %H:%M").to_string().into()),
                    ],
                )
            } else {
                tr.t(missing_key(m.what))
            };
            let style = if m.overdue {
                theme::text::danger
            } else {
                theme::text::muted
            };
            chips = chips.push(
                container(text(label).size(theme::SMALL).style(style))
                    .padding([2, 6])
                    .style(theme::container::card),
            );
        }
        let fill = (!l.lesson.cancelled && !l.taken_by_other).then(|| {
            let label = if with_date {
                tr.t_args(
                    "today-fill-date",
                    &[
                        ("date", format_date(l.lesson.date).into()),
                        ("no", l.lesson.lesson_no.into()),
                    ],
                )
            } else {
                tr.t_args("today-fill", &[("no", l.lesson.lesson_no.into())])
            };
            button(text(label).size(theme::SMALL))
                .style(theme::button::secondary)
                .on_press(Message::Fill(l.lesson.id))
        });
        let mut line = row![
            column![text(when).size(theme::TEXT), widget::hint(time)].width(150),
            column![what, chips.wrap().vertical_spacing(4)]
                .spacing(4)
                .width(Fill),
        ]
        .spacing(16)
        .align_y(iced::Center);
        if let Some(b) = fill {
            line = line.push(b);
        }
        container(line)
            .padding(10)
            .width(Fill)
            .style(theme::container::card)
            .into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let mut page = column![].spacing(12);
        let Some(day) = &self.day else {
            page = page.push(widget::heading(tr.t("today-title")));
            page = page.push(match &self.error {
                Some(e) => widget::error_box(tr.error(e)),
                None => widget::hint(tr.t("loading")),
            });
            return page.into();
        };
        page = page.push(widget::heading(tr.t_args(
            "today-heading",
            &[("date", format_date(day.now.date()).into())],
        )));
        if let Some(e) = &self.error {
            page = page.push(widget::error_box(tr.error(e)));
        }
        // A school still being set up: what is left, in order, each with where it is done.
        if self.setup.iter().any(|(_, done)| !done) {
            let mut list = column![
                widget::subheading(tr.t("setup-checklist")),
                widget::hint(tr.t("setup-checklist-hint")),
            ]
            .spacing(6);
            for (step, done) in &self.setup {
                let mark = text(if *done { "✓" } else { "○" })
                    .size(theme::TEXT)
                    .width(20)
                    .style(if *done {
                        theme::text::success
                    } else {
                        theme::text::muted
                    });
                let mut line = row![mark, text(tr.t(step.key())).size(theme::TEXT).width(Fill)]
                    .spacing(8)
                    .align_y(iced::Center);
                if !done {
                    line = line.push(
                        button(text(tr.t("setup-step-go")).size(theme::SMALL))
                            .style(theme::button::secondary)
                            .on_press(Message::Go(section_of(*step))),
                    );
                }
                list = list.push(line);
            }
            page = page.push(
                container(list)
                    .padding(12)
                    .width(Fill)
                    .style(theme::container::notice),
            );
        }
        if day.lessons.is_empty() {
            page = page.push(widget::hint(tr.t("today-no-lessons")));
        } else {
            page = page.push(widget::hint(tr.t("today-keys")));
        }
        // The lesson form opens right under its lesson, where the teacher looked.
        let form_of = |l: &DayLesson| {
            self.form.as_ref().filter(|f| f.lesson == l.lesson.id).map(
                |form| -> Element<'a, Message> {
                    container(
                        column![
                            form.view(ctx).map(Message::Form),
                            button(text(tr.t("today-close-form")).size(theme::SMALL))
                                .style(theme::button::link)
                                .on_press(Message::Close),
                        ]
                        .spacing(8),
                    )
                    .padding(12)
                    .width(Fill)
                    .style(theme::container::notice)
                    .into()
                },
            )
        };
        let mut shown = false;
        for l in &day.lessons {
            page = page.push(self.lesson_line(l, tr, false));
            if let Some(f) = form_of(l).filter(|_| !shown) {
                page = page.push(f);
                shown = true;
            }
        }
        page = page.push(widget::subheading(tr.t("today-gaps")));
        if day.gaps.is_empty() {
            page = page.push(widget::hint(tr.t("today-no-gaps")));
        }
        for l in &day.gaps {
            page = page.push(self.lesson_line(l, tr, true));
            if let Some(f) = form_of(l).filter(|_| !shown) {
                page = page.push(f);
                shown = true;
            }
        }
        for c in &day.classes {
            page = page.push(widget::subheading(tr.t_args(
                "today-class-absent",
                &[("class", c.class_name.clone().into())],
            )));
            if c.lessons == 0 {
                page = page.push(widget::hint(tr.t("today-class-no-lessons")));
            } else if c.absent.is_empty() {
                page = page.push(widget::hint(tr.t("today-no-absent")));
            }
            for a in &c.absent {
                let lessons = a
                    .lessons
                    .iter()
                    .map(|(no, code)| format!("{no}: {}", code.symbol()))
                    .collect::<Vec<_>>()
                    .join(", ");
                page = page.push(
                    row![
                        text(a.name.short()).size(theme::TEXT).width(260),
                        text(lessons).size(theme::TEXT)
                    ]
                    .spacing(12),
                );
            }
        }
        page.into()
    }
}
