//! The lesson form, embedded by the Today screen, the Lessons and plans screen and the journal
//! page's lesson panel: topic (typed, or taken from the thematic plan — the next unused topic is
//! offered), kinds of work, homework (which a future lesson takes ahead), a comment, and "everyone
//! present" when nobody was absent. What may be changed is the core's `lessons::form_rights`;
//! the form only greys out what the core would refuse.

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Fill, Task};

use crate::error::{Error, Result};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, focus, theme};
use crate::i18n::format_date;
use crate::lessons::{self, LessonForm, PlanTopicId};
use crate::model::*;
use crate::ops::{self, Op};

pub struct Form {
    pub lesson: LessonId,
    form: Option<LessonForm>,
    topic: String,
    plan_topic: Option<PlanTopicId>,
    homework: String,
    comment: String,
    work: Vec<WorkTypeId>,
    saved: bool,
    /// Something typed or chosen here is not saved yet: no action but saving may replace it.
    dirty: bool,
    /// "Everyone present" went through (the typed fields were kept, not saved with it).
    present_done: bool,
    error: Option<Error>,
    /// Show the lesson's title (class, subject, date, bell); a panel that has its own leaves it out.
    titled: bool,
    /// The field before the button last pressed (see `tab_after`).
    tab_after: Option<&'static str>,
}

/// The form as a whole, to bring into view when it opens.
const FORM_ID: &str = "lesson-form";
const TOPIC_ID: &str = "lesson-topic";

#[derive(Debug, Clone, PartialEq)]
pub struct TopicPick(PlanTopicId, String);
impl std::fmt::Display for TopicPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<LessonForm>>),
    Topic(String),
    PickTopic(TopicPick),
    TakeSuggested,
    Homework(String),
    Comment(String),
    Work(WorkTypeId),
    /// The kind of work that marks typed in the journal's cells take (moved first).
    DefaultWork(WorkPick),
    Save,
    Present,
    Done(Result<Box<LessonForm>>),
    PresentDone(Result<Box<LessonForm>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkPick(WorkTypeId, String);
impl std::fmt::Display for WorkPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The lesson was saved: lists showing it may reload.
    Saved,
}

fn load(ctx: &Ctx<'_>, lesson: LessonId) -> Task<Message> {
    let session = ctx.session.clone();
    Task::perform(
        ctx.file.run(move |db| {
            let today = db.clock.today();
            lessons::lesson_form(&db.conn, &session, lesson, today).map(Box::new)
        }),
        Message::Loaded,
    )
}

impl Form {
    pub fn new(lesson: LessonId, ctx: &Ctx<'_>) -> (Form, Task<Message>) {
        let f = Form {
            lesson,
            form: None,
            topic: String::new(),
            plan_topic: None,
            homework: String::new(),
            comment: String::new(),
            work: Vec::new(),
            saved: false,
            dirty: false,
            present_done: false,
            error: None,
            titled: true,
            tab_after: None,
        };
        (f, load(ctx, lesson))
    }

    /// The form without its own title, for a panel that names the lesson already.
    pub fn untitled(mut self) -> Form {
        self.titled = false;
        self
    }

    fn fill(&mut self, f: Box<LessonForm>) {
        self.topic = f.topic.clone();
        self.plan_topic = f.plan_topic;
        self.homework = f.homework.clone();
        self.comment = f.comment.clone();
        self.work = f.work.clone();
        self.dirty = false;
        // The next plan topic goes in by itself; the teacher may pick another or type their own.
        if let Some(s) = f.suggested.as_ref().filter(|_| f.rights.lesson) {
            self.topic = s.title.clone();
            self.plan_topic = Some(s.id);
        }
        self.form = Some(*f);
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        // The topic's plan list and buttons and the kinds of work stand between the topic and
        // the homework: after one of them, Tab goes on to the homework. Typing in a field, or
        // saving, starts again from wherever the focus is.
        self.tab_after = match &message {
            Message::PickTopic(_)
            | Message::TakeSuggested
            | Message::Work(_)
            | Message::DefaultWork(_) => Some(TOPIC_ID),
            Message::Loaded(_) | Message::Done(_) | Message::PresentDone(_) => self.tab_after,
            _ => None,
        };
        match message {
            Message::Loaded(Ok(f)) => {
                self.error = None;
                let editable = f.rights.lesson;
                self.fill(f);
                // In view where it opened (under its line, at the foot of a list), and straight
                // to the topic, at the keyboard.
                let shown = focus::reveal(FORM_ID);
                return Action::Run(if editable {
                    Task::batch([shown, iced::widget::operation::focus(TOPIC_ID)])
                } else {
                    shown
                });
            }
            Message::Loaded(Err(e)) => self.error = Some(e),
            Message::Done(Ok(f)) => {
                self.error = None;
                self.saved = true;
                self.fill(f);
                return Action::Saved;
            }
            Message::Done(Err(e)) | Message::PresentDone(Err(e)) => self.error = Some(e),
            Message::PresentDone(Ok(f)) => {
                // Attendance was confirmed; what the teacher typed stays as typed (and unsaved).
                self.error = None;
                self.present_done = true;
                if self.dirty {
                    self.form = Some(*f);
                } else {
                    self.fill(f);
                }
                return Action::Saved;
            }
            Message::Topic(t) => {
                self.saved = false;
                self.dirty = true;
                // A typed topic no longer is the plan's, unless it still reads the same.
                if let Some(f) = &self.form
                    && !f
                        .plan
                        .iter()
                        .any(|p| Some(p.id) == self.plan_topic && p.title == t)
                {
                    self.plan_topic = None;
                }
                self.topic = t;
            }
            Message::PickTopic(TopicPick(id, _)) => {
                self.saved = false;
                self.dirty = true;
                if let Some(t) = self
                    .form
                    .as_ref()
                    .and_then(|f| f.plan.iter().find(|p| p.id == id))
                {
                    self.topic = t.title.clone();
                    self.plan_topic = Some(id);
                }
            }
            Message::TakeSuggested => {
                self.saved = false;
                self.dirty = true;
                if let Some(s) = self.form.as_ref().and_then(|f| f.suggested.clone()) {
                    self.topic = s.title;
                    self.plan_topic = Some(s.id);
                }
            }
            Message::Homework(h) => {
                self.saved = false;
                self.dirty = true;
                self.homework = h;
            }
            Message::Comment(c) => {
                self.saved = false;
                self.dirty = true;
                self.comment = c;
            }
            Message::Work(w) => {
                self.saved = false;
                self.dirty = true;
                if let Some(i) = self.work.iter().position(|x| *x == w) {
                    self.work.remove(i);
                } else {
                    self.work.push(w);
                }
            }
            Message::DefaultWork(WorkPick(w, _)) => {
                if let Some(i) = self.work.iter().position(|x| *x == w) {
                    self.saved = false;
                    self.dirty = true;
                    let w = self.work.remove(i);
                    self.work.insert(0, w);
                }
            }
            Message::Save => {
                let session = ctx.session.clone();
                let lesson = self.lesson;
                let op = Op::SaveLesson {
                    lesson,
                    topic: self.topic.clone(),
                    plan_topic: self.plan_topic,
                    homework: self.homework.clone(),
                    comment: self.comment.clone(),
                    work: self.work.clone(),
                };
                return Action::Run(Task::perform(
                    ctx.file.run(move |db| {
                        ops::apply(db, &session, &[op], None)?;
                        let today = db.clock.today();
                        lessons::lesson_form(&db.conn, &session, lesson, today).map(Box::new)
                    }),
                    Message::Done,
                ));
            }
            Message::Present => {
                let session = ctx.session.clone();
                let lesson = self.lesson;
                return Action::Run(Task::perform(
                    ctx.file.run(move |db| {
                        ops::apply(db, &session, &[Op::ConfirmAttendance { lesson }], None)?;
                        let today = db.clock.today();
                        lessons::lesson_form(&db.conn, &session, lesson, today).map(Box::new)
                    }),
                    Message::PresentDone,
                ));
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let Some(f) = &self.form else {
            return match &self.error {
                Some(e) => widget::error_box(tr.error(e)),
                None => widget::hint(tr.t("loading")),
            };
        };
        let l = &f.lesson;
        let mut head = column![].spacing(4);
        if self.titled {
            head = head.push(widget::subheading(format!(
                "{} — {}, {}",
                l.title,
                format_date(l.date),
                tr.t_args("lf-lesson-no", &[("no", l.lesson_no.into())])
            )));
        }
        if let Some(s) = &l.substitute_name {
            head = head.push(widget::hint(
                tr.t_args("lf-substitute", &[("name", s.short().into())]),
            ));
        }
        if l.cancelled {
            head = head.push(widget::hint(tr.t("lf-cancelled")));
        }
        if let Some(d) = &f.denied {
            head = head.push(widget::hint(tr.error(&Error::Denied(d.clone()))));
        }
        let edit_all = f.rights.lesson;
        let topic_input = text_input("", &self.topic)
            .id(TOPIC_ID)
            .on_input_maybe(edit_all.then_some(Message::Topic as fn(String) -> Message))
            .padding(8)
            .size(theme::TEXT)
            .style(theme::text_input::field);
        let picks: Vec<TopicPick> = f
            .plan
            .iter()
            .map(|p| {
                let used = if p.used > 0 {
                    format!(" ✓{}", p.used)
                } else {
                    String::new()
                };
                TopicPick(p.id, format!("{}. {}{used}", p.position, p.title))
            })
            .collect();
        let selected = picks.iter().find(|p| Some(p.0) == self.plan_topic).cloned();
        let mut topic_row = row![].spacing(8).align_y(iced::Center);
        if !picks.is_empty() {
            topic_row = topic_row.push(
                pick_list(picks, selected, Message::PickTopic)
                    .placeholder(tr.t("lf-pick-topic"))
                    .width(Fill)
                    .text_size(theme::TEXT),
            );
        }
        if let Some(s) = f
            .suggested
            .as_ref()
            .filter(|_| edit_all && self.plan_topic != f.suggested.as_ref().map(|s| s.id))
        {
            topic_row = topic_row.push(
                button(
                    text(tr.t_args("lf-next-topic", &[("no", s.position.into())]))
                        .size(theme::SMALL),
                )
                .style(theme::button::secondary)
                .on_press(Message::TakeSuggested),
            );
        }
        let mut works = row![].spacing(6);
        for (id, name, _) in &f.work_types {
            let on = self.work.contains(id);
            works = works.push(
                button(text(name.clone()).size(theme::SMALL))
                    .style(theme::button::segment(on))
                    .on_press_maybe(edit_all.then_some(Message::Work(*id))),
            );
        }
        // Marks typed into the journal's cells take the first kind of work: the teacher sees
        // which, and picks another of the chosen ones.
        let default_work = (self.work.len() > 1).then(|| {
            let picks: Vec<WorkPick> = self
                .work
                .iter()
                .filter_map(|w| {
                    f.work_types
                        .iter()
                        .find(|t| t.0 == *w)
                        .map(|t| WorkPick(*w, t.1.clone()))
                })
                .collect();
            let selected = picks.first().cloned();
            row![
                text(tr.t("lf-default-work")).size(theme::SMALL),
                pick_list(
                    picks,
                    selected,
                    Message::DefaultWork as fn(WorkPick) -> Message
                )
                .text_size(theme::SMALL),
            ]
            .spacing(8)
            .align_y(iced::Center)
        });
        let homework = text_input("", &self.homework)
            .id("lesson-homework")
            .on_input_maybe(
                f.rights
                    .homework
                    .then_some(Message::Homework as fn(String) -> Message),
            )
            .on_submit_maybe(f.rights.homework.then_some(Message::Save))
            .padding(8)
            .size(theme::TEXT)
            .style(theme::text_input::field);
        let comment = text_input("", &self.comment)
            .id("lesson-comment")
            .on_input_maybe(edit_all.then_some(Message::Comment as fn(String) -> Message))
            .padding(8)
            .size(theme::TEXT)
            .style(theme::text_input::field);
        let mut actions = row![
            button(text(tr.t("lf-save")).size(theme::TEXT))
                .style(theme::button::primary)
                .padding([8, 16])
                .on_press_maybe((edit_all || f.rights.homework).then_some(Message::Save)),
        ]
        .spacing(12)
        .align_y(iced::Center);
        if f.attendance_taken {
            actions = actions.push(widget::hint(tr.t("lf-attendance-taken")));
        } else if edit_all {
            actions = actions.push(
                button(text(tr.t("lf-all-present")).size(theme::TEXT))
                    .style(theme::button::secondary)
                    .padding([8, 16])
                    .on_press(Message::Present),
            );
        }
        if self.saved && !self.dirty {
            actions = actions.push(
                text(tr.t("lf-saved"))
                    .size(theme::TEXT)
                    .style(theme::text::success),
            );
        } else if self.present_done && self.dirty {
            actions = actions.push(
                text(tr.t("lf-present-unsaved"))
                    .size(theme::TEXT)
                    .style(theme::text::danger),
            );
        }
        let mut col = column![
            head,
            text(tr.t("lf-topic")).size(theme::SMALL),
            topic_input,
            topic_row,
            text(tr.t("lf-work")).size(theme::SMALL),
            iced::widget::container(works.wrap().vertical_spacing(6)).width(Fill),
        ]
        .spacing(6);
        if let Some(d) = default_work {
            col = col.push(d);
        }
        col = col
            .push(text(tr.t("lf-homework")).size(theme::SMALL))
            .push(homework)
            .push(text(tr.t("lf-comment")).size(theme::SMALL))
            .push(comment)
            .push(actions);
        if let Some(e) = &self.error {
            col = col.push(widget::error_box(tr.error(e)));
        }
        iced::widget::container(col).id(FORM_ID).into()
    }

    /// The field just before the button or list last pressed here, while no field was typed in
    /// since: Tab goes on from it (`focus::tab`).
    pub fn tab_after(&self) -> Option<iced::widget::Id> {
        self.tab_after.map(iced::widget::Id::from)
    }
}
