//! The timetable for the deputy director and the administrator: a class's week by bell number as
//! it stands on a date; changing a course's weekly slots from a date (pick the course, click the
//! cells it should take, apply) with clashes refused in plain words naming both bookings; the
//! class's lessons of the day with a substitute to assign or the lesson to cancel; and the list
//! of cancellations and substitutions for a date range. The rules are `lessons` and
//! `lessons::timetable`.

use chrono::{Days, NaiveDate};
use iced::widget::{button, column, container, pick_list, row, text, text_input};
use iced::{Fill, Task};

use crate::error::{Error, Invalid, Result};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::{Tr, format_date};
use crate::lessons::timetable::{self, Changed, Slot, Week};
use crate::lessons::{self, Conflict, ConflictKind, LessonRow, Outcome};
use crate::model::*;
use crate::school::{self, ClassInfo, CourseInfo};

#[derive(Debug, Clone, PartialEq)]
pub struct Choice<T>(pub T, pub String);
impl<T> std::fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// The class's day: its lessons with the teachers free to take each.
type DayList = Vec<(LessonRow, Vec<(StaffId, PersonName)>)>;

#[derive(Debug, Clone)]
pub struct Loaded {
    week: Week,
    courses: Vec<CourseInfo>,
    day: DayList,
    changes: Vec<LessonRow>,
    lessons_per_day: u8,
}

pub struct Timetable {
    classes: Vec<ClassInfo>,
    class: Option<ClassId>,
    date_text: String,
    date: NaiveDate,
    to_text: String,
    data: Option<Loaded>,
    course: Option<CourseId>,
    pending: Vec<Slot>,
    conflicts: Vec<Conflict>,
    done: Option<String>,
    error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Classes(Result<Vec<ClassInfo>>),
    PickClass(Choice<ClassId>),
    DateText(String),
    ToText(String),
    Show,
    Loaded(Result<Loaded>),
    PickCourse(Choice<CourseId>),
    Toggle(u8, u8),
    Apply,
    Applied(Result<Outcome<Changed>>),
    Substitute(LessonId, Choice<StaffId>),
    Unsubstitute(LessonId),
    Cancel(LessonId, bool),
    Changed(Result<Outcome<()>>),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

const WEEKDAYS: [&str; 6] = ["tt-mon", "tt-tue", "tt-wed", "tt-thu", "tt-fri", "tt-sat"];

/// A clash in plain words.
pub fn conflict_text(tr: &Tr, k: &Conflict) -> String {
    let key = match k.kind {
        ConflictKind::Teacher => "tt-conflict-teacher",
        ConflictKind::Room => "tt-conflict-room",
        ConflictKind::Class => "tt-conflict-class",
    };
    let day = WEEKDAYS
        .get(k.wanted.weekday as usize - 1)
        .map(|d| tr.t(d))
        .unwrap_or_default();
    let existing = match k.existing.to {
        Some(to) if to == k.existing.from => format!("{} ({})", k.existing.title, format_date(to)),
        Some(to) => format!(
            "{} ({} – {})",
            k.existing.title,
            format_date(k.existing.from),
            format_date(to)
        ),
        None => format!(
            "{} ({} {})",
            k.existing.title,
            tr.t("tt-since"),
            format_date(k.existing.from)
        ),
    };
    tr.t_args(
        key,
        &[
            ("teacher", k.existing.teacher.clone().into()),
            ("room", k.existing.room.clone().unwrap_or_default().into()),
            ("day", day.into()),
            ("no", k.wanted.lesson_no.into()),
            ("wanted", k.wanted.title.clone().into()),
            ("existing", existing.into()),
        ],
    )
}

impl Timetable {
    pub fn new(ctx: &Ctx<'_>) -> (Timetable, Task<Message>) {
        let year = ctx.info.year.as_ref().map(|y| y.id);
        let today = ctx.info.today;
        let t = Timetable {
            classes: Vec::new(),
            class: None,
            date_text: format_date(today),
            date: today,
            to_text: format_date(today + Days::new(6)),
            data: None,
            course: None,
            pending: Vec::new(),
            conflicts: Vec::new(),
            done: None,
            error: None,
        };
        let task = ctx.file.run(move |db| match year {
            Some(y) => school::classes(&db.conn, y),
            None => Ok(Vec::new()),
        });
        (t, Task::perform(task, Message::Classes))
    }

    fn load(&mut self, ctx: &Ctx<'_>) -> Task<Message> {
        let Some(class) = self.class else {
            return Task::none();
        };
        let (Ok(date), Ok(to)) = (parse_date(&self.date_text), parse_date(&self.to_text)) else {
            self.error = Some(Error::Invalid(Invalid::Date(format!(
                "{} – {}",
                self.date_text, self.to_text
            ))));
            return Task::none();
        };
        self.date = date;
        let year = ctx.info.year.as_ref().map(|y| y.id);
        Task::perform(
            ctx.file.run(move |db| {
                let conn = &db.conn;
                let week = timetable::week(conn, class, date)?;
                let courses: Vec<CourseInfo> = match year {
                    Some(y) => school::courses(conn, y)?
                        .into_iter()
                        .filter(|c| c.class == class)
                        .collect(),
                    None => Vec::new(),
                };
                let mut day = Vec::new();
                for l in lessons::class_day(conn, class, date)? {
                    let free = lessons::free_teachers(conn, l.id)?;
                    day.push((l, free));
                }
                let changes = match year {
                    Some(y) => lessons::changes(conn, y, date, to.max(date))?,
                    None => Vec::new(),
                };
                let most = week.cells.iter().map(|c| c.1).max().unwrap_or(6).max(6);
                Ok(Loaded {
                    week,
                    courses,
                    day,
                    changes,
                    lessons_per_day: most,
                })
            }),
            Message::Loaded,
        )
    }

    fn pending_of(&self, course: CourseId) -> Vec<Slot> {
        let Some(d) = &self.data else {
            return Vec::new();
        };
        let mut v: Vec<Slot> = d
            .week
            .cells
            .iter()
            .filter(|c| c.2.course == course)
            .map(|c| Slot {
                weekday: c.0,
                lesson_no: c.1,
                room: None,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        match message {
            Message::Classes(Ok(c)) => {
                self.class = c.first().map(|c| c.id);
                self.classes = c;
                return Action::Run(self.load(ctx));
            }
            Message::Classes(Err(e)) | Message::Loaded(Err(e)) => self.error = Some(e),
            Message::PickClass(Choice(c, _)) => {
                self.class = Some(c);
                self.course = None;
                self.pending.clear();
                self.conflicts.clear();
                return Action::Run(self.load(ctx));
            }
            Message::DateText(t) => self.date_text = t,
            Message::ToText(t) => self.to_text = t,
            Message::Show => {
                self.error = None;
                return Action::Run(self.load(ctx));
            }
            Message::Loaded(Ok(d)) => {
                self.data = Some(d);
                if let Some(c) = self.course {
                    self.pending = self.pending_of(c);
                }
            }
            Message::PickCourse(Choice(c, _)) => {
                self.course = Some(c);
                self.pending = self.pending_of(c);
                self.conflicts.clear();
                self.done = None;
            }
            Message::Toggle(wd, no) => {
                if self.course.is_some() {
                    match self
                        .pending
                        .iter()
                        .position(|s| s.weekday == wd && s.lesson_no == no)
                    {
                        Some(i) => {
                            self.pending.remove(i);
                        }
                        None => self.pending.push(Slot {
                            weekday: wd,
                            lesson_no: no,
                            room: None,
                        }),
                    }
                    self.pending.sort();
                }
            }
            Message::Apply => {
                let Some(course) = self.course else {
                    return Action::None;
                };
                let Ok(from) = parse_date(&self.date_text) else {
                    self.error = Some(Error::Invalid(Invalid::Date(self.date_text.clone())));
                    return Action::None;
                };
                let session = ctx.session.clone();
                let slots = self.pending.clone();
                return Action::Run(Task::perform(
                    ctx.file
                        .run(move |db| timetable::change_from(db, &session, course, from, &slots)),
                    Message::Applied,
                ));
            }
            Message::Applied(Ok(Outcome::Refused(k))) => {
                self.done = None;
                self.conflicts = k;
            }
            Message::Applied(Ok(Outcome::Done(c))) => {
                self.conflicts.clear();
                self.error = None;
                self.done = Some(ctx.tr.t_args(
                    "tt-applied",
                    &[
                        ("added", c.lessons.added.into()),
                        ("moved", c.lessons.moved.into()),
                        ("removed", c.lessons.removed.into()),
                        ("kept", c.lessons.kept.len().into()),
                    ],
                ));
                return Action::Run(self.load(ctx));
            }
            Message::Applied(Err(e)) | Message::Changed(Err(e)) => self.error = Some(e),
            Message::Substitute(l, Choice(t, _)) => {
                return self.change(ctx, move |db, s| {
                    lessons::assign_substitute(db, s, l, Some(t))
                });
            }
            Message::Unsubstitute(l) => {
                return self.change(ctx, move |db, s| lessons::assign_substitute(db, s, l, None));
            }
            Message::Cancel(l, on) => {
                return self.change(ctx, move |db, s| {
                    lessons::set_cancelled(db, s, l, on, "").map(Outcome::Done)
                });
            }
            Message::Changed(Ok(Outcome::Refused(k))) => self.conflicts = k,
            Message::Changed(Ok(Outcome::Done(()))) => {
                self.conflicts.clear();
                self.error = None;
                return Action::Run(self.load(ctx));
            }
        }
        Action::None
    }

    fn change(
        &mut self,
        ctx: &Ctx<'_>,
        f: impl FnOnce(&mut crate::db::Db, &crate::auth::Session) -> Result<Outcome<()>>
        + Send
        + 'static,
    ) -> Action {
        let session = ctx.session.clone();
        Action::Run(Task::perform(
            ctx.file.run(move |db| f(db, &session)),
            Message::Changed,
        ))
    }

    fn grid<'a>(&'a self, d: &'a Loaded, tr: &'a Tr) -> Element<'a, Message> {
        let cell_w = 170;
        let mut head = row![container(text("")).width(40)].spacing(4);
        for key in WEEKDAYS.iter().take(5) {
            head = head.push(
                container(text(tr.t(key)).size(theme::SMALL).font(theme::BOLD)).width(cell_w),
            );
        }
        let mut grid = column![head].spacing(4);
        for no in 1..=d.lessons_per_day {
            let mut line =
                row![container(text(no.to_string()).size(theme::TEXT).font(theme::BOLD)).width(40)]
                    .spacing(4);
            for wd in 1..=5u8 {
                let mut cell = column![].spacing(2);
                for g in d.week.at(wd, no) {
                    let name = match &g.group {
                        Some(gr) => format!("{} ({gr})", g.subject),
                        None => g.subject.clone(),
                    };
                    cell = cell.push(text(name).size(theme::SMALL).font(theme::BOLD));
                    let room = g.room.clone().map(|r| format!(", {r}")).unwrap_or_default();
                    cell = cell.push(
                        text(format!("{}{room}", g.teacher))
                            .size(theme::SMALL)
                            .style(theme::text::muted),
                    );
                }
                let chosen = self
                    .pending
                    .iter()
                    .any(|s| s.weekday == wd && s.lesson_no == no)
                    && self.course.is_some();
                let b = button(cell.width(Fill))
                    .width(cell_w)
                    .padding(4)
                    .style(theme::button::segment(chosen))
                    .on_press_maybe(self.course.is_some().then_some(Message::Toggle(wd, no)));
                line = line.push(b);
            }
            grid = grid.push(line);
        }
        grid.into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let classes: Vec<Choice<ClassId>> = self
            .classes
            .iter()
            .map(|c| Choice(c.id, c.name()))
            .collect();
        let selected = classes.iter().find(|c| Some(c.0) == self.class).cloned();
        let mut page = column![
            widget::heading(tr.t("tt-title")),
            row![
                pick_list(classes, selected, Message::PickClass)
                    .placeholder(tr.t("tt-class"))
                    .text_size(theme::TEXT),
                text(tr.t("tt-date")).size(theme::TEXT),
                text_input("", &self.date_text)
                    .id("tt-date")
                    .on_input(Message::DateText)
                    .on_submit(Message::Show)
                    .width(130)
                    .padding(6)
                    .style(theme::text_input::field),
                button(text(tr.t("tt-show")).size(theme::TEXT))
                    .style(theme::button::secondary)
                    .on_press(Message::Show),
            ]
            .spacing(10)
            .align_y(iced::Center),
        ]
        .spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::error_box(tr.error(e)));
        }
        let Some(d) = &self.data else {
            return page.push(widget::hint(tr.t("loading"))).into();
        };
        page = page.push(widget::subheading(
            tr.t_args("tt-week", &[("date", format_date(d.week.date).into())]),
        ));
        page = page.push(self.grid(d, tr));
        // Changing from a date.
        let courses: Vec<Choice<CourseId>> = d
            .courses
            .iter()
            .map(|c| Choice(c.id, format!("{} — {}", c.title(), c.teacher_name.short())))
            .collect();
        let sel = courses.iter().find(|c| Some(c.0) == self.course).cloned();
        page = page.push(widget::subheading(tr.t("tt-change")));
        page = page.push(widget::hint(tr.t("tt-change-hint")));
        page = page.push(
            row![
                pick_list(courses, sel, Message::PickCourse)
                    .placeholder(tr.t("tt-course"))
                    .text_size(theme::TEXT),
                button(
                    text(tr.t_args("tt-apply", &[("date", self.date_text.clone().into())]))
                        .size(theme::TEXT)
                )
                .style(theme::button::primary)
                .on_press_maybe(self.course.is_some().then_some(Message::Apply)),
            ]
            .spacing(10)
            .align_y(iced::Center),
        );
        for k in &self.conflicts {
            page = page.push(widget::error_box(conflict_text(tr, k)));
        }
        if let Some(done) = &self.done {
            page = page.push(widget::notice(text(done.clone()).size(theme::TEXT)));
        }
        // The class's lessons of the day: substitutes and cancellations.
        page = page.push(widget::subheading(
            tr.t_args("tt-day", &[("date", format_date(self.date).into())]),
        ));
        if d.day.is_empty() {
            page = page.push(widget::hint(tr.t("tt-no-lessons")));
        }
        for (l, free) in &d.day {
            let mut info = column![
                text(format!("{}. {}", l.lesson_no, l.title))
                    .size(theme::TEXT)
                    .font(theme::BOLD)
            ]
            .spacing(2);
            let teacher = match &l.substitute_name {
                Some(s) => tr.t_args(
                    "tt-substitute-for",
                    &[
                        ("sub", s.short().into()),
                        ("teacher", l.teacher_name.short().into()),
                    ],
                ),
                None => l.teacher_name.short(),
            };
            info = info.push(widget::hint(teacher));
            if l.cancelled {
                info = info.push(
                    text(tr.t("lf-cancelled"))
                        .size(theme::SMALL)
                        .style(theme::text::danger),
                );
            }
            let choices: Vec<Choice<StaffId>> =
                free.iter().map(|(id, n)| Choice(*id, n.short())).collect();
            let lid = l.id;
            let mut line = row![info.width(Fill)].spacing(10).align_y(iced::Center);
            if !l.cancelled {
                line = line.push(
                    pick_list(choices, None::<Choice<StaffId>>, move |c| {
                        Message::Substitute(lid, c)
                    })
                    .placeholder(tr.t("tt-pick-substitute"))
                    .text_size(theme::SMALL),
                );
            }
            if l.substitute.is_some() {
                line = line.push(
                    button(text(tr.t("tt-unsubstitute")).size(theme::SMALL))
                        .style(theme::button::secondary)
                        .on_press(Message::Unsubstitute(lid)),
                );
            }
            line = line.push(
                button(
                    text(tr.t(if l.cancelled {
                        "tt-restore"
                    } else {
                        "tt-cancel"
                    }))
                    .size(theme::SMALL),
                )
                .style(theme::button::secondary)
                .on_press(Message::Cancel(lid, !l.cancelled)),
            );
            page = page.push(
                container(line)
                    .padding(8)
                    .width(Fill)
                    .style(theme::container::card),
            );
        }
        // Cancellations and substitutions over a range.
        page = page.push(
            row![
                widget::subheading(tr.t("tt-changes")),
                text(tr.t("tt-until")).size(theme::TEXT),
                text_input("", &self.to_text)
                    .id("tt-to")
                    .on_input(Message::ToText)
                    .on_submit(Message::Show)
                    .width(130)
                    .padding(6)
                    .style(theme::text_input::field),
            ]
            .spacing(10)
            .align_y(iced::Center),
        );
        if d.changes.is_empty() {
            page = page.push(widget::hint(tr.t("tt-no-changes")));
        }
        for l in &d.changes {
            let what = if l.cancelled {
                tr.t("lf-cancelled")
            } else {
                tr.t_args(
                    "tt-substitute-for",
                    &[
                        (
                            "sub",
                            l.substitute_name
                                .as_ref()
                                .map(|n| n.short())
                                .unwrap_or_default()
                                .into(),
                        ),
                        ("teacher", l.teacher_name.short().into()),
                    ],
                )
            };
            page = page.push(
                row![
                    text(format!("{}, {}", format_date(l.date), l.lesson_no))
                        .size(theme::TEXT)
                        .width(130),
                    text(l.title.clone()).size(theme::TEXT).width(Fill),
                    text(what).size(theme::TEXT).width(Fill),
                ]
                .spacing(10),
            );
        }
        page.into()
    }
}
