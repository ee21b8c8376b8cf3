//! The timetable for the deputy director and the administrator: a class's week by bell number as
//! it stands on a date, each lesson with its teacher and room (Saturday too, for a six-day week);
//! changing a course's weekly slots from a date (pick the course, click the cells it should take,
//! choose each one's room, apply) with clashes refused in plain words naming both bookings; the
//! class's lessons of that week, where a single lesson gets a substitute, is moved to another date
//! or bell, is cancelled or restored, and an extra lesson is added; and the list of cancellations
//! and substitutions for a date range. The rules are `lessons` and `lessons::timetable`: this
//! screen shows what they answer and hides only what they would refuse anyway.

use chrono::{Days, NaiveDate, NaiveTime};
use iced::widget::{
    Stack, button, checkbox, column, container, pick_list, row, space, text, text_input,
};
use iced::{Fill, Task, Theme};

use crate::error::{Error, Invalid, Result};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::{Tr, format_date};
use crate::lessons::timetable::{self, Changed, Slot, Week};
use crate::lessons::{self, Block, Conflict, LessonRow, Outcome};
use crate::model::*;
use crate::ops;
use crate::school::{self, ClassInfo, CourseInfo};
pub use crate::words::{block_text, conflict_text, weekday_name};

#[derive(Debug, Clone, PartialEq)]
pub struct Choice<T>(pub T, pub String);
impl<T> std::fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// One of the class's lessons of the week, with what the deputy may do with it.
#[derive(Debug, Clone)]
pub struct WeekLesson {
    lesson: LessonRow,
    /// Teachers free to take it.
    free: Vec<(StaffId, PersonName)>,
    /// It has begun: a substitute can no longer be assigned.
    begun: bool,
}

#[derive(Debug, Clone)]
pub struct Loaded {
    week: Week,
    courses: Vec<CourseInfo>,
    /// Each course's own room, for "the course's room" in the room choice.
    course_rooms: Vec<(CourseId, Option<String>)>,
    rooms: Vec<(RoomId, String)>,
    bells: Vec<(u8, NaiveTime, NaiveTime)>,
    /// The Monday of the week shown.
    monday: NaiveDate,
    lessons: Vec<WeekLesson>,
    changes: Vec<LessonRow>,
    /// Bell numbers the grid shows.
    rows: u8,
    /// The school has Saturday lessons in its timetable (a six-day week).
    saturday: bool,
}

/// Where the answer to a change of a single lesson is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Under the form that adds a lesson.
    Add,
    /// Under the lesson's own line.
    Lesson(LessonId),
}

/// The answer to a change.
#[derive(Debug, Clone)]
enum Note {
    Done(String),
    Conflicts(Vec<Conflict>),
    Blocked(Block),
    Error(Error),
}

impl<T> From<Result<Outcome<T>>> for Note {
    fn from(r: Result<Outcome<T>>) -> Note {
        match r {
            Ok(Outcome::Done(_)) => Note::Done(String::new()),
            Ok(Outcome::Refused(k)) => Note::Conflicts(k),
            Ok(Outcome::Blocked(b)) => Note::Blocked(b),
            Err(e) => Note::Error(e),
        }
    }
}

/// The screen's three parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The week's grid and changing it from a date.
    Grid,
    /// The class's lessons day by day: substitutes, moves, cancellations, extra lessons.
    Lessons,
    /// Cancellations and substitutions over a date range, all classes.
    Changes,
}

/// Moving a lesson: to which date and bell.
struct Moving {
    lesson: LessonId,
    date: String,
    bell: Option<u8>,
    /// For the date typed: which bells are free (no clash), read from the core.
    free: Option<(NaiveDate, Vec<(u8, bool)>)>,
}

pub struct Timetable {
    classes: Vec<ClassInfo>,
    class: Option<ClassId>,
    date_text: String,
    date: NaiveDate,
    to_text: String,
    data: Option<Box<Loaded>>,
    tab: Tab,
    /// The day of the week whose lessons the Lessons tab lists.
    day: NaiveDate,
    /// Saturday shown although the timetable has none yet: the school starts a six-day week.
    saturday: bool,
    course: Option<CourseId>,
    pending: Vec<Slot>,
    change_note: Option<Note>,
    add_course: Option<CourseId>,
    add_date: String,
    add_bell: Option<u8>,
    moving: Option<Moving>,
    lesson_note: Option<(Target, Note)>,
    error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Classes(Result<Vec<ClassInfo>>),
    PickClass(Choice<ClassId>),
    DateText(String),
    ToText(String),
    Show,
    Loaded(Result<Box<Loaded>>),
    Tab(Tab),
    Day(NaiveDate),
    Saturday(bool),
    PickCourse(Choice<CourseId>),
    Toggle(u8, u8),
    SlotRoom(u8, u8, Choice<Option<RoomId>>),
    Apply,
    Applied(Result<Outcome<Changed>>),
    Substitute(LessonId, Choice<StaffId>),
    Unsubstitute(LessonId),
    Cancel(LessonId, bool),
    AddCourse(Choice<CourseId>),
    AddDate(String),
    AddBell(Choice<u8>),
    Add,
    MoveOpen(LessonId),
    MoveDate(String),
    MoveBell(Choice<u8>),
    /// Which bells are free on a date, for the lesson being moved.
    MoveFree(LessonId, NaiveDate, Result<Vec<(u8, bool)>>),
    Move,
    MoveClose,
    /// A single lesson was changed (or not): where to say so, the words for "done", the answer.
    Changed(Target, &'static str, Result<Outcome<()>>),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

/// The grid's narrow first column: the bell number.
const NO_W: f32 = 32.0;
/// The least height of a grid row, so that an empty bell still reads as a row of cells.
const ROW_MIN_H: f32 = 40.0;

/// A room as a timetable shows it: "каб. 101" for a numbered room, a named room as it is.
fn room_label(tr: &Tr, room: &str) -> String {
    if room.starts_with(|c: char| c.is_ascii_digit()) {
        tr.t_args("tt-room-no", &[("room", room.into())])
    } else {
        room.to_string()
    }
}

/// The background of a grid cell: a plain card, or highlighted when the course being changed
/// takes it.
fn cell_style(chosen: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let (background, border) = if chosen {
            (p.primary.weak.color, p.primary.base.color)
        } else if matches!(status, button::Status::Hovered | button::Status::Pressed) {
            (p.background.weak.color, p.background.strong.color)
        } else {
            (p.background.base.color, p.background.strong.color)
        };
        button::Style {
            background: Some(background.into()),
            text_color: p.background.base.text,
            border: iced::Border {
                color: border,
                width: if chosen { 2.0 } else { 1.0 },
                radius: 4.0.into(),
            },
            ..button::Style::default()
        }
    }
}

/// The text colour over a cell: readable over the highlight too.
fn cell_text(chosen: bool, muted: bool) -> impl Fn(&Theme) -> text::Style {
    move |theme| {
        let p = theme.extended_palette();
        if chosen {
            text::Style {
                color: Some(p.primary.weak.text),
            }
        } else if muted {
            theme::text::muted(theme)
        } else {
            text::Style::default()
        }
    }
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
            tab: Tab::Grid,
            day: today,
            saturday: false,
            course: None,
            pending: Vec::new(),
            change_note: None,
            add_course: None,
            add_date: format_date(today),
            add_bell: None,
            moving: None,
            lesson_note: None,
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
        if date != self.date {
            self.day = date;
        }
        self.date = date;
        let year = ctx.info.year.as_ref().map(|y| y.id);
        Task::perform(
            ctx.file.run(move |db| {
                let now = db.clock.now();
                let conn = &db.conn;
                let week = timetable::week(conn, class, date)?;
                let courses: Vec<CourseInfo> = match year {
                    Some(y) => school::courses(conn, y)?
                        .into_iter()
                        .filter(|c| c.class == class)
                        .collect(),
                    None => Vec::new(),
                };
                let mut course_rooms = Vec::new();
                for c in &courses {
                    course_rooms.push((c.id, timetable::course_room(conn, c.id)?));
                }
                let monday = date - Days::new(u64::from(lessons::weekday_no(date)) - 1);
                let saturday = monday + Days::new(5);
                let mut week_lessons = Vec::new();
                for l in lessons::class_lessons(conn, class, monday, saturday)? {
                    let begun = match year {
                        Some(y) => lessons::lesson_start(conn, y, l.date, l.lesson_no)? <= now,
                        None => true,
                    };
                    let free = if begun || l.cancelled {
                        Vec::new()
                    } else {
                        lessons::free_teachers(conn, l.id)?
                    };
                    week_lessons.push(WeekLesson {
                        lesson: l,
                        free,
                        begun,
                    });
                }
                let (changes, bells, six_days) = match year {
                    Some(y) => (
                        lessons::changes(conn, y, date, to.max(date))?,
                        school::bells(conn, y)?,
                        timetable::uses_saturday(conn, y, date)?,
                    ),
                    None => (Vec::new(), Vec::new(), false),
                };
                let used = week.cells.iter().map(|c| c.1).max().unwrap_or(0);
                let rung = bells.iter().map(|b| b.0).max().unwrap_or(6);
                Ok(Box::new(Loaded {
                    week,
                    courses,
                    course_rooms,
                    rooms: timetable::rooms(conn)?,
                    bells,
                    monday,
                    lessons: week_lessons,
                    changes,
                    rows: used.max(rung),
                    saturday: six_days,
                }))
            }),
            Message::Loaded,
        )
    }

    /// The course's weekly slots as the grid shows them, with their own rooms.
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
                room: c.2.own_room,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
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
                self.change_note = None;
                self.add_course = None;
                self.moving = None;
                self.lesson_note = None;
                return Action::Run(self.load(ctx));
            }
            Message::DateText(t) => self.date_text = t,
            Message::ToText(t) => self.to_text = t,
            Message::Show => {
                self.error = None;
                self.change_note = None;
                self.lesson_note = None;
                self.moving = None;
                self.add_date = self.date_text.clone();
                return Action::Run(self.load(ctx));
            }
            Message::Loaded(Ok(d)) => {
                self.error = None;
                self.data = Some(d);
                if let Some(c) = self.course {
                    self.pending = self.pending_of(c);
                }
            }
            Message::Tab(t) => self.tab = t,
            Message::Day(d) => {
                self.day = d;
                self.moving = None;
            }
            Message::Saturday(on) => self.saturday = on,
            Message::PickCourse(Choice(c, _)) => {
                self.course = Some(c);
                self.pending = self.pending_of(c);
                self.change_note = None;
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
            Message::SlotRoom(wd, no, Choice(room, _)) => {
                if let Some(s) = self
                    .pending
                    .iter_mut()
                    .find(|s| s.weekday == wd && s.lesson_no == no)
                {
                    s.room = room;
                }
            }
            Message::Apply => {
                let Some(course) = self.course else {
                    return Action::None;
                };
                let Ok(from) = parse_date(&self.date_text) else {
                    self.change_note = Some(Note::Error(Error::Invalid(Invalid::Date(
                        self.date_text.clone(),
                    ))));
                    return Action::None;
                };
                let session = ctx.session.clone();
                let slots = self.pending.clone();
                return Action::Run(Task::perform(
                    ctx.file
                        .run(move |db| ops::change_timetable(db, &session, course, from, &slots)),
                    Message::Applied,
                ));
            }
            Message::Applied(Ok(Outcome::Done(c))) => {
                self.change_note = Some(Note::Done(tr.t_args(
                    "tt-applied",
                    &[
                        ("added", c.lessons.added.into()),
                        ("moved", c.lessons.moved.into()),
                        ("removed", c.lessons.removed.into()),
                        ("kept", c.lessons.kept.len().into()),
                    ],
                )));
                return Action::Run(self.load(ctx));
            }
            Message::Applied(r) => self.change_note = Some(r.into()),
            Message::Substitute(l, Choice(t, _)) => {
                return self.change(ctx, Target::Lesson(l), "tt-substituted", move |db, s| {
                    crate::ops::assign_substitute(db, s, l, Some(t))
                });
            }
            Message::Unsubstitute(l) => {
                return self.change(ctx, Target::Lesson(l), "tt-unsubstituted", move |db, s| {
                    crate::ops::assign_substitute(db, s, l, None)
                });
            }
            Message::Cancel(l, on) => {
                let done = if on { "tt-cancelled" } else { "tt-restored" };
                return self.change(ctx, Target::Lesson(l), done, move |db, s| {
                    crate::ops::set_cancelled(db, s, l, on, "")
                });
            }
            Message::AddCourse(Choice(c, _)) => self.add_course = Some(c),
            Message::AddDate(t) => self.add_date = t,
            Message::AddBell(Choice(n, _)) => self.add_bell = Some(n),
            Message::Add => {
                let problem = match (self.add_course, parse_date(&self.add_date), self.add_bell) {
                    (None, _, _) => Some(Error::invalid(tr.t("tt-pick-course"))),
                    (_, Err(e), _) => Some(Error::Invalid(e)),
                    (_, _, None) => Some(Error::invalid(tr.t("tt-pick-bell"))),
                    (Some(course), Ok(date), Some(no)) => {
                        return self.change(ctx, Target::Add, "tt-added", move |db, s| {
                            Ok(crate::ops::add_lesson(db, s, course, date, no)?.map(|_| ()))
                        });
                    }
                };
                self.lesson_note = problem.map(|e| (Target::Add, Note::Error(e)));
            }
            Message::MoveOpen(l) => {
                let at = self
                    .data
                    .as_ref()
                    .and_then(|d| d.lessons.iter().find(|w| w.lesson.id == l))
                    .map(|w| (w.lesson.date, w.lesson.lesson_no));
                if let Some((date, no)) = at {
                    self.moving = Some(Moving {
                        lesson: l,
                        date: format_date(date),
                        bell: Some(no),
                        free: None,
                    });
                    self.lesson_note = None;
                    return Action::Run(free_bells(ctx, l, date));
                }
            }
            Message::MoveDate(t) => {
                if let Some(m) = &mut self.moving {
                    m.date = t;
                    if let Ok(date) = parse_date(&m.date)
                        && m.free.as_ref().is_none_or(|f| f.0 != date)
                    {
                        return Action::Run(free_bells(ctx, m.lesson, date));
                    }
                }
            }
            Message::MoveFree(l, date, r) => {
                if let Some(m) = self.moving.as_mut().filter(|m| m.lesson == l) {
                    // A failure to look leaves the bells unmarked; moving still says why.
                    m.free = r.ok().map(|f| (date, f));
                }
            }
            Message::MoveBell(Choice(n, _)) => {
                if let Some(m) = &mut self.moving {
                    m.bell = Some(n);
                }
            }
            Message::Move => {
                let Some(m) = &self.moving else {
                    return Action::None;
                };
                let l = m.lesson;
                match (parse_date(&m.date), m.bell) {
                    (Ok(date), Some(no)) => {
                        return self.change(ctx, Target::Lesson(l), "tt-moved", move |db, s| {
                            crate::ops::move_lesson(db, s, l, date, no)
                        });
                    }
                    (Err(e), _) => {
                        self.lesson_note = Some((Target::Lesson(l), Note::Error(Error::Invalid(e))))
                    }
                    (_, None) => {
                        self.lesson_note = Some((
                            Target::Lesson(l),
                            Note::Error(Error::invalid(tr.t("tt-pick-bell"))),
                        ))
                    }
                }
            }
            Message::MoveClose => self.moving = None,
            Message::Changed(target, done, r) => {
                let ok = matches!(r, Ok(Outcome::Done(())));
                let note = match Note::from(r) {
                    Note::Done(_) => Note::Done(tr.t(done)),
                    other => other,
                };
                self.lesson_note = Some((target, note));
                if ok {
                    if matches!(target, Target::Lesson(l) if self.moving.as_ref().is_some_and(|m| m.lesson == l))
                    {
                        self.moving = None;
                    }
                    return Action::Run(self.load(ctx));
                }
            }
        }
        Action::None
    }

    fn change(
        &mut self,
        ctx: &Ctx<'_>,
        target: Target,
        done: &'static str,
        f: impl FnOnce(&mut crate::db::Db, &crate::auth::Session) -> Result<Outcome<()>>
        + Send
        + 'static,
    ) -> Action {
        let session = ctx.session.clone();
        Action::Run(Task::perform(
            ctx.file.run(move |db| f(db, &session)),
            move |r| Message::Changed(target, done, r),
        ))
    }

    fn days(&self, d: &Loaded) -> u8 {
        if self.saturday || d.saturday || d.week.cells.iter().any(|c| c.0 == 6) {
            6
        } else {
            5
        }
    }

    /// What one cell of the grid shows: each course at that time with its teacher and room.
    fn cell<'a>(
        &self,
        d: &'a Loaded,
        tr: &Tr,
        wd: u8,
        no: u8,
        chosen: bool,
    ) -> Element<'a, Message> {
        let mut c = column![].spacing(1);
        for g in d.week.at(wd, no) {
            let name = match &g.group {
                Some(gr) => format!("{} ({gr})", g.subject),
                None => g.subject.clone(),
            };
            c = c.push(
                text(name)
                    .size(theme::SMALL)
                    .font(theme::BOLD)
                    .style(cell_text(chosen, false)),
            );
            c = c.push(
                text(g.teacher.clone())
                    .size(theme::SMALL)
                    .style(cell_text(chosen, true)),
            );
            if let Some(r) = &g.room {
                c = c.push(
                    text(room_label(tr, r))
                        .size(theme::SMALL)
                        .style(cell_text(chosen, true)),
                );
            }
        }
        container(c)
            .id(format!("tt-cell-{wd}-{no}"))
            .width(Fill)
            .padding([6, 8])
            .into()
    }

    /// The week by bell number. Each row is two layers: the cells' words on top decide the row's
    /// height, the clickable cell frames underneath stretch to it, so a row's cells are even.
    fn grid<'a>(&'a self, d: &'a Loaded, tr: &'a Tr) -> Element<'a, Message> {
        let days = self.days(d);
        let editing = self.course.is_some();
        let mut head = row![space().width(NO_W)].spacing(4);
        for wd in 1..=days {
            head = head.push(
                container(
                    text(weekday_name(tr, wd))
                        .size(theme::SMALL)
                        .font(theme::BOLD),
                )
                .width(Fill)
                .padding([0, 8]),
            );
        }
        let mut grid = column![head].spacing(4);
        for no in 1..=d.rows {
            let mut words = row![
                container(text(no.to_string()).size(theme::TEXT).font(theme::BOLD))
                    .width(NO_W)
                    .height(ROW_MIN_H)
                    .padding([6, 0])
            ]
            .spacing(4)
            .width(Fill);
            let mut frames = row![space().width(NO_W)].spacing(4).width(Fill);
            for wd in 1..=days {
                let chosen = editing
                    && self
                        .pending
                        .iter()
                        .any(|s| s.weekday == wd && s.lesson_no == no);
                words = words.push(self.cell(d, tr, wd, no, chosen));
                frames = frames.push(
                    button(space())
                        .width(Fill)
                        .height(Fill)
                        .style(cell_style(chosen))
                        .on_press_maybe(editing.then_some(Message::Toggle(wd, no))),
                );
            }
            grid = grid.push(Stack::new().push(words).push_under(frames).width(Fill));
        }
        grid.into()
    }

    fn bell_choices(&self, d: &Loaded, tr: &Tr) -> Vec<Choice<u8>> {
        if d.bells.is_empty() {
            return (1..=d.rows.max(8))
                .map(|n| Choice(n, tr.t_args("tt-bell-no", &[("no", n.into())])))
                .collect();
        }
        d.bells
            .iter()
            .map(|(n, starts, _)| {
                Choice(
                    *n,
                    tr.t_args(
                        "tt-bell",
                        &[
                            ("no", (*n).into()),
                            ("time", starts.format("%H:%M").to_string().into()),
                        ],
                    ),
                )
            })
            .collect()
    }

    fn note<'a>(&self, tr: &Tr, note: &Note) -> Element<'a, Message> {
        match note {
            Note::Done(s) => widget::notice(text(s.clone()).size(theme::TEXT)),
            Note::Conflicts(k) => {
                let mut c = column![].spacing(6);
                for x in k {
                    c = c.push(widget::error_box(conflict_text(tr, x)));
                }
                c.into()
            }
            Note::Blocked(b) => widget::error_box(block_text(tr, b)),
            Note::Error(e) => widget::error_box(tr.error(e)),
        }
    }

    /// Changing a course's weekly slots from the date: the course, its slots with their rooms,
    /// and the answer. Above the grid, so that the answer is in sight when the button is pressed.
    fn change_section<'a>(&'a self, d: &'a Loaded, tr: &'a Tr) -> Element<'a, Message> {
        let courses: Vec<Choice<CourseId>> = d
            .courses
            .iter()
            .map(|c| Choice(c.id, format!("{} — {}", c.title(), c.teacher_name.short())))
            .collect();
        let sel = courses.iter().find(|c| Some(c.0) == self.course).cloned();
        let mut c = column![
            row![
                text(tr.t("tt-change")).size(theme::TEXT).font(theme::BOLD),
                pick_list(courses, sel, Message::PickCourse)
                    .placeholder(tr.t("tt-course"))
                    .text_size(theme::TEXT)
                    .width(Fill),
                button(
                    text(tr.t_args("tt-apply", &[("date", self.date_text.clone().into())]))
                        .size(theme::TEXT)
                )
                .style(theme::button::primary)
                .on_press_maybe(self.course.is_some().then_some(Message::Apply)),
            ]
            .spacing(10)
            .align_y(iced::Center),
        ]
        .spacing(8);
        let Some(course) = self.course else {
            c = c.push(widget::hint(tr.t("tt-change-hint")));
            if let Some(n) = &self.change_note {
                c = c.push(self.note(tr, n));
            }
            return c.into();
        };
        let own = d
            .course_rooms
            .iter()
            .find(|r| r.0 == course)
            .and_then(|r| r.1.clone());
        let mut rooms = vec![Choice(
            None,
            match &own {
                Some(r) => tr.t_args("tt-room-course", &[("room", r.clone().into())]),
                None => tr.t("tt-room-course-none"),
            },
        )];
        rooms.extend(d.rooms.iter().map(|(id, n)| Choice(Some(*id), n.clone())));
        let mut slots = row![
            text(tr.t_args("tt-slots", &[("date", self.date_text.clone().into())]))
                .size(theme::SMALL)
        ]
        .spacing(8)
        .align_y(iced::Center);
        if self.pending.is_empty() {
            slots = slots.push(widget::hint(tr.t("tt-no-slots")));
        }
        for s in &self.pending {
            let (wd, no) = (s.weekday, s.lesson_no);
            let picked = rooms.iter().find(|r| r.0 == s.room).cloned();
            slots = slots.push(
                container(
                    row![
                        text(tr.t_args(
                            "tt-slot",
                            &[
                                ("day", tr.t(&format!("tt-day-{wd}")).into()),
                                ("no", no.into())
                            ]
                        ))
                        .size(theme::SMALL)
                        .font(theme::BOLD),
                        text(tr.t("tt-room")).size(theme::SMALL),
                        pick_list(rooms.clone(), picked, move |r| Message::SlotRoom(wd, no, r))
                            .text_size(theme::SMALL)
                            .width(200),
                        button(text("×").size(theme::SMALL))
                            .style(theme::button::link)
                            .on_press(Message::Toggle(wd, no)),
                    ]
                    .spacing(6)
                    .align_y(iced::Center),
                )
                .padding([2, 8])
                .style(theme::container::card),
            );
        }
        c = c.push(slots.wrap().vertical_spacing(6));
        if let Some(n) = &self.change_note {
            c = c.push(self.note(tr, n));
        }
        c.into()
    }

    /// One lesson of the week with what may be done to it.
    fn lesson_line<'a>(
        &'a self,
        d: &'a Loaded,
        w: &'a WeekLesson,
        tr: &'a Tr,
    ) -> Element<'a, Message> {
        let l = &w.lesson;
        let subject = l
            .title
            .strip_prefix(&format!("{}, ", l.class_name))
            .unwrap_or(&l.title)
            .to_string();
        let mut title = row![
            text(format!("{}. {subject}", l.lesson_no))
                .size(theme::TEXT)
                .font(theme::BOLD)
        ]
        .spacing(8)
        .align_y(iced::Center);
        if l.cancelled {
            title = title.push(
                text(tr.t("lf-cancelled"))
                    .size(theme::SMALL)
                    .style(theme::text::danger),
            );
        }
        if l.extra {
            title = title.push(widget::hint(tr.t("tt-extra")));
        }
        if let Some((date, no)) = l.moved_from {
            title = title.push(widget::hint(tr.t_args(
                "tt-moved-from",
                &[("date", format_date(date).into()), ("no", no.into())],
            )));
        }
        let mut who = match &l.substitute_name {
            Some(s) => tr.t_args(
                "tt-substitute-for",
                &[
                    ("sub", s.short().into()),
                    ("teacher", l.teacher_name.short().into()),
                ],
            ),
            None => l.teacher_name.short(),
        };
        if let Some(r) = &l.room {
            who = format!("{who} · {}", room_label(tr, r));
        }
        let info = column![title, widget::hint(who)].spacing(2).width(Fill);
        let lid = l.id;
        let mut line = row![info].spacing(8).align_y(iced::Center);
        if !l.cancelled && !w.begun {
            let choices: Vec<Choice<StaffId>> = w
                .free
                .iter()
                .map(|(id, n)| Choice(*id, n.short()))
                .collect();
            line = line.push(
                pick_list(choices, None::<Choice<StaffId>>, move |c| {
                    Message::Substitute(lid, c)
                })
                .placeholder(tr.t("tt-pick-substitute"))
                .text_size(theme::SMALL),
            );
            if l.substitute.is_some() {
                line = line.push(
                    button(text(tr.t("tt-unsubstitute")).size(theme::SMALL))
                        .style(theme::button::secondary)
                        .on_press(Message::Unsubstitute(lid)),
                );
            }
        }
        let moving_this = self.moving.as_ref().is_some_and(|m| m.lesson == lid);
        line = line.push(
            container(
                button(text(tr.t("tt-move")).size(theme::SMALL))
                    .style(theme::button::secondary)
                    .on_press_maybe((!moving_this).then_some(Message::MoveOpen(lid))),
            )
            .id(format!("tt-move-{lid}")),
        );
        line = line.push(
            container(
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
            )
            .id(format!("tt-cancel-{lid}")),
        );
        let mut c = column![line].spacing(8);
        if let Some(m) = self.moving.as_ref().filter(|_| moving_this) {
            let free = m
                .free
                .as_ref()
                .filter(|f| parse_date(&m.date).is_ok_and(|d| d == f.0))
                .map(|f| &f.1);
            // Each bell says whether the lesson could go there, before anyone tries.
            let bells: Vec<Choice<u8>> = self
                .bell_choices(d, tr)
                .into_iter()
                .map(
                    |Choice(n, label)| match free.and_then(|f| f.iter().find(|b| b.0 == n)) {
                        Some((_, true)) => {
                            Choice(n, tr.t_args("tt-bell-free", &[("bell", label.into())]))
                        }
                        Some((_, false)) => {
                            Choice(n, tr.t_args("tt-bell-busy", &[("bell", label.into())]))
                        }
                        None => Choice(n, label),
                    },
                )
                .collect();
            let picked = bells.iter().find(|b| Some(b.0) == m.bell).cloned();
            c = c.push(
                row![
                    text(tr.t("tt-move-to")).size(theme::SMALL),
                    text_input("", &m.date)
                        .id("tt-move-date")
                        .on_input(Message::MoveDate)
                        .on_submit(Message::Move)
                        .width(130)
                        .padding(6)
                        .size(theme::TEXT)
                        .style(theme::text_input::field),
                    pick_list(bells, picked, Message::MoveBell)
                        .placeholder(tr.t("tt-bell-pick"))
                        .text_size(theme::SMALL),
                    button(text(tr.t("tt-move-apply")).size(theme::SMALL))
                        .style(theme::button::primary)
                        .on_press(Message::Move),
                    button(text(tr.t("tt-move-cancel")).size(theme::SMALL))
                        .style(theme::button::secondary)
                        .on_press(Message::MoveClose),
                ]
                .spacing(10)
                .align_y(iced::Center),
            );
            if let Some(f) = free {
                let list: Vec<String> = f.iter().filter(|b| b.1).map(|b| b.0.to_string()).collect();
                c = c.push(widget::hint(if list.is_empty() {
                    tr.t("tt-no-free-bells")
                } else {
                    tr.t_args("tt-free-bells", &[("list", list.join(", ").into())])
                }));
            }
        }
        if let Some((_, n)) = self
            .lesson_note
            .as_ref()
            .filter(|(t, _)| *t == Target::Lesson(lid))
        {
            c = c.push(self.note(tr, n));
        }
        container(c).padding([8, 10]).width(Fill).into()
    }

    /// The class's lessons of the week, one day at a time, and the form that adds one.
    fn week_section<'a>(&'a self, d: &'a Loaded, tr: &'a Tr) -> Element<'a, Message> {
        let last = d.monday + Days::new(5);
        let mut c = column![widget::subheading(tr.t_args(
            "tt-week-lessons",
            &[
                ("from", format_date(d.monday).into()),
                ("to", format_date(last).into())
            ],
        ))]
        .spacing(10);
        // Adding a lesson outside the timetable.
        let courses: Vec<Choice<CourseId>> = d
            .courses
            .iter()
            .map(|c| Choice(c.id, format!("{} — {}", c.title(), c.teacher_name.short())))
            .collect();
        let sel = courses
            .iter()
            .find(|c| Some(c.0) == self.add_course)
            .cloned();
        let bells = self.bell_choices(d, tr);
        let bell = bells.iter().find(|b| Some(b.0) == self.add_bell).cloned();
        let mut add = column![
            text(tr.t("tt-add-title"))
                .size(theme::SMALL)
                .font(theme::BOLD),
            row![
                pick_list(courses, sel, Message::AddCourse)
                    .placeholder(tr.t("tt-course"))
                    .text_size(theme::SMALL)
                    .width(Fill),
                text_input("", &self.add_date)
                    .id("tt-add-date")
                    .on_input(Message::AddDate)
                    .on_submit(Message::Add)
                    .width(130)
                    .padding(6)
                    .size(theme::TEXT)
                    .style(theme::text_input::field),
                pick_list(bells, bell, Message::AddBell)
                    .placeholder(tr.t("tt-bell-pick"))
                    .text_size(theme::SMALL),
                button(text(tr.t("tt-add")).size(theme::SMALL))
                    .style(theme::button::primary)
                    .on_press(Message::Add),
            ]
            .spacing(10)
            .align_y(iced::Center),
        ]
        .spacing(8);
        let day_lessons: Vec<&WeekLesson> = d
            .lessons
            .iter()
            .filter(|w| w.lesson.date == self.day)
            .collect();
        // The answer about a lesson no longer on the day shown goes under the form.
        let inline = |t: Target| match t {
            Target::Add => true,
            Target::Lesson(l) => !day_lessons.iter().any(|w| w.lesson.id == l),
        };
        if let Some((_, n)) = self.lesson_note.as_ref().filter(|(t, _)| inline(*t)) {
            add = add.push(self.note(tr, n));
        }
        c = c.push(
            container(add)
                .padding(10)
                .width(Fill)
                .style(theme::container::card),
        );
        // The days of the week, each with its number of lessons; Saturday for a six-day week.
        let mut days = row![].spacing(6);
        let mut day = d.monday;
        let last_day = if self.days(d) == 6 || d.lessons.iter().any(|w| w.lesson.date == last) {
            last
        } else {
            last - Days::new(1)
        };
        while day <= last_day {
            let n = d.lessons.iter().filter(|w| w.lesson.date == day).count();
            let label = tr.t_args(
                "tt-day-chip",
                &[
                    (
                        "day",
                        tr.t(&format!("tt-day-{}", lessons::weekday_no(day))).into(),
                    ),
                    ("date", day.format("%d.%m").to_string().into()),
                    ("count", n.into()),
                ],
            );
            days = days.push(
                button(text(label).size(theme::SMALL))
                    .padding([6, 12])
                    .style(theme::button::segment(day == self.day))
                    .on_press(Message::Day(day)),
            );
            day = day + Days::new(1);
        }
        c = c.push(days.wrap());
        c = c.push(
            text(format!(
                "{}, {}",
                weekday_name(tr, lessons::weekday_no(self.day)),
                format_date(self.day)
            ))
            .size(theme::TEXT)
            .font(theme::BOLD),
        );
        if day_lessons.is_empty() {
            c = c.push(widget::hint(tr.t("tt-no-lessons")));
        } else {
            let mut list = column![].spacing(0);
            for w in day_lessons {
                list = list.push(self.lesson_line(d, w, tr));
            }
            c = c.push(container(list).width(Fill).style(theme::container::card));
        }
        c.into()
    }

    /// Cancellations and substitutions over a date range, all classes.
    fn changes_section<'a>(&'a self, d: &'a Loaded, tr: &'a Tr) -> Element<'a, Message> {
        let mut c = column![
            row![
                widget::subheading(tr.t_args(
                    "tt-changes-from",
                    &[("date", format_date(self.date).into())]
                )),
                text_input("", &self.to_text)
                    .id("tt-to")
                    .on_input(Message::ToText)
                    .on_submit(Message::Show)
                    .width(130)
                    .padding(6)
                    .style(theme::text_input::field),
                button(text(tr.t("tt-show")).size(theme::TEXT))
                    .style(theme::button::secondary)
                    .on_press(Message::Show),
            ]
            .spacing(10)
            .align_y(iced::Center)
        ]
        .spacing(8);
        if d.changes.is_empty() {
            c = c.push(widget::hint(tr.t("tt-no-changes")));
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
            c = c.push(
                row![
                    text(tr.t_args(
                        "tt-change-when",
                        &[
                            ("date", format_date(l.date).into()),
                            ("no", l.lesson_no.into())
                        ]
                    ))
                    .size(theme::TEXT)
                    .width(190),
                    text(l.title.clone()).size(theme::TEXT).width(Fill),
                    text(what).size(theme::TEXT).width(Fill),
                ]
                .spacing(10),
            );
        }
        c.into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let classes: Vec<Choice<ClassId>> = self
            .classes
            .iter()
            .map(|c| Choice(c.id, c.name()))
            .collect();
        let selected = classes.iter().find(|c| Some(c.0) == self.class).cloned();
        let tab = |t: Tab, key: &str| {
            button(text(tr.t(key)).size(theme::TEXT))
                .padding([6, 14])
                .style(theme::button::segment(self.tab == t))
                .on_press(Message::Tab(t))
        };
        let mut page = column![
            // The tabs on a line of their own: beside the class and date they ran off a narrow
            // window.
            row![
                widget::heading(tr.t("tt-title")),
                space().width(Fill),
                row![
                    tab(Tab::Grid, "tt-tab-grid"),
                    tab(Tab::Lessons, "tt-tab-lessons"),
                    tab(Tab::Changes, "tt-changes"),
                ]
                .spacing(4)
                .wrap()
                .vertical_spacing(4),
            ]
            .spacing(10)
            .align_y(iced::Center),
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
        match self.tab {
            Tab::Grid => {
                let mut heading = row![
                    container(widget::subheading(
                        tr.t_args("tt-week", &[("date", format_date(d.week.date).into())])
                    ))
                    .width(Fill)
                ]
                .align_y(iced::Center);
                // A school that already teaches on Saturdays always shows them.
                if !d.saturday {
                    heading = heading.push(
                        checkbox(self.saturday)
                            .label(tr.t("tt-six-day"))
                            .on_toggle(Message::Saturday)
                            .text_size(theme::SMALL),
                    );
                }
                page = page.push(heading);
                page = page.push(self.change_section(d, tr));
                page = page.push(self.grid(d, tr));
            }
            Tab::Lessons => page = page.push(self.week_section(d, tr)),
            Tab::Changes => page = page.push(self.changes_section(d, tr)),
        }
        page.into()
    }
}

/// Reads which bells are free on `date` for a lesson being moved.
fn free_bells(ctx: &Ctx<'_>, lesson: LessonId, date: NaiveDate) -> Task<Message> {
    Task::perform(
        ctx.file.run(move |db| {
            Ok(lessons::bells_for_move(&db.conn, lesson, date)?
                .into_iter()
                .map(|(n, clashes)| (n, clashes.is_empty()))
                .collect::<Vec<_>>())
        }),
        move |r| Message::MoveFree(lesson, date, r),
    )
}
