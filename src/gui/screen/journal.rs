//! The journal page, the screen teachers live in: one class or group, one subject, one period (or
//! the whole year's period, year, exam and final marks). Marks and absences go in at the keyboard
//! and are saved at once, each change in its own transaction with its audit entry; Ctrl+Z undoes
//! the last change. Locked cells look locked and say why when tried. Every rule is the core's:
//! this screen only shows what `journal::rights` says and what the core answers.

use chrono::{Datelike, NaiveDate};
use iced::widget::{
    button, canvas, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Fill, Length, Task};

use crate::auth::Session;
use crate::error::{Denied, Error, Result};
use crate::gui::grid::{Cell, Column, Grid, GridEvent, Model, Pinned, RowHead, Shade, Tone};
use crate::gui::screen::lesson_form::{self, Form};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::{Tr, format_date};
use crate::journal::{self, HistoryEntry, Page, Rights, YearView};
use crate::model::*;
use crate::ops::{self, Op};
use crate::school::{self, CourseInfo, Period};

/// Which page of the course is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Period(PeriodId),
    Year,
}

/// The result of a batch of edits: the inverses of those that went through, the first error, and
/// the page as it is now.
#[derive(Debug, Clone)]
pub struct Applied {
    inverses: Vec<Op>,
    error: Option<Error>,
    loaded: Loaded,
    undo: bool,
}

#[derive(Debug, Clone)]
pub enum Loaded {
    Page(Box<Page>, Box<Rights>),
    Year(Box<YearView>, Option<Denied>),
}

/// The side panel.
#[derive(Debug, Clone)]
enum Panel {
    Cell {
        row: usize,
        col: usize,
        history: Option<Vec<HistoryEntry>>,
        new_value: String,
        new_work: Option<WorkTypeId>,
        minutes: String,
        comments: Vec<String>,
    },
    Lesson(usize),
}

pub struct Journal {
    courses: Vec<CourseInfo>,
    course: Option<CourseId>,
    periods: Vec<Period>,
    view: Option<View>,
    loaded: Option<Loaded>,
    model: Model,
    work_types: Vec<(WorkTypeId, String, String, f64)>,
    cursor: (usize, usize),
    active: bool,
    append_next: bool,
    /// The cell a mark was just typed into, the cursor having moved down from it: a "/" typed
    /// next goes back to it ("5 / 4" gives that student the double mark 5/4).
    just_typed: Option<(usize, usize)>,
    /// The cursor moved down from here ahead of the core's answer: back here if it refuses.
    moved_from: Option<(usize, usize)>,
    panel: Option<Panel>,
    /// The cell panel's field just before the list or button last pressed: Tab goes on from it
    /// (`focus::tab`), not from the top of the window.
    panel_after: Option<iced::widget::Id>,
    /// The lesson form of the lesson panel (issue 5), open while `panel` is `Panel::Lesson`.
    lesson_form: Option<Form>,
    /// What undoes each batch of changes, the latest last (the core's inverse operations).
    undo: Vec<Vec<Op>>,
    status: Option<(bool, String)>,
    /// Edits waiting for the administrator's reason (a correction past a lock).
    pending: Option<(Vec<Op>, String)>,
    reason: Option<String>,
    confirm_close: bool,
    busy: bool,
    error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Started(Result<Start>),
    PickCourse(CourseChoice),
    PickView(ViewChoice),
    Opened(Result<Opened>),
    LessonForm(lesson_form::Message),
    Reloaded(Result<Box<Loaded>>),
    Grid(GridEvent),
    Applied(Box<Applied>),
    History(Result<Vec<HistoryEntry>>),
    ClosePanel,
    PanelValue(String),
    PanelWork(WorkChoice),
    PanelAdd,
    PanelMarkWork(MarkId, WorkChoice),
    PanelComment(usize, String),
    PanelCommentSave(MarkId),
    PanelDelete(MarkId),
    PanelAttendance(Option<AttendanceCode>),
    PanelMinutes(String),
    ReasonInput(String),
    ReasonApply,
    ReasonCancel,
    ClosePeriod,
    Undo,
}

#[derive(Debug, Clone)]
pub struct Opened {
    periods: Vec<Period>,
    view: View,
    loaded: Loaded,
}

#[derive(Debug, Clone)]
pub struct Start {
    courses: Vec<CourseInfo>,
    work_types: Vec<(WorkTypeId, String, String, f64)>,
    last: Option<(CourseId, Option<PeriodId>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourseChoice(CourseId, String);
impl std::fmt::Display for CourseChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ViewChoice(View, String);
impl std::fmt::Display for ViewChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkChoice(WorkTypeId, String);
impl std::fmt::Display for WorkChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

pub enum Action {
    None,
    Run(Task<Message>),
}

/// The width of the cell and lesson panels beside the grid.
const PANEL_W: f32 = 360.0;

/// The pinned columns of a period page.
const PIN_COUNT: usize = 0;
const PIN_AVG: usize = 1;
const PIN_WEIGHTED: usize = 2;
const PIN_PROPOSED: usize = 3;
const PIN_PERIOD: usize = 4;

impl Journal {
    pub fn new(ctx: &Ctx<'_>) -> (Journal, Task<Message>) {
        let session = ctx.session.clone();
        let year = ctx.info.year.as_ref().map(|y| y.id);
        let load = ctx.file.run(move |db| {
            let courses = match year {
                Some(y) => school::visible_courses(&db.conn, &session, y)?,
                None => Vec::new(),
            };
            Ok(Start {
                courses,
                work_types: journal::work_types(&db.conn)?,
                last: journal::last_page(&db.conn, session.staff)?,
            })
        });
        let j = Journal {
            courses: Vec::new(),
            course: None,
            periods: Vec::new(),
            view: None,
            loaded: None,
            model: Model::default(),
            work_types: Vec::new(),
            cursor: (0, 0),
            active: true,
            append_next: false,
            just_typed: None,
            moved_from: None,
            panel: None,
            panel_after: None,
            lesson_form: None,
            undo: Vec::new(),
            status: None,
            pending: None,
            reason: None,
            confirm_close: false,
            busy: true,
            error: None,
        };
        (j, Task::perform(load, Message::Started))
    }

    fn page(&self) -> Option<(&Page, &Rights)> {
        match &self.loaded {
            Some(Loaded::Page(p, r)) => Some((p, r)),
            _ => None,
        }
    }

    fn open(&mut self, course: CourseId, view: Option<View>, ctx: &Ctx<'_>) -> Task<Message> {
        let Some(info) = self.courses.iter().find(|c| c.id == course).cloned() else {
            return Task::none();
        };
        let today = ctx.info.today;
        self.course = Some(course);
        self.panel = None;
        self.pending = None;
        self.confirm_close = false;
        self.busy = true;
        let session = ctx.session.clone();
        let load = ctx.file.run(move |db| {
            let periods = school::periods_for_grade(&db.conn, info.year, info.grade)?;
            let view = view
                .filter(|v| match v {
                    View::Period(p) => periods.iter().any(|x| x.id == *p),
                    View::Year => true,
                })
                .unwrap_or_else(|| {
                    periods
                        .iter()
                        .find(|p| p.contains(today))
                        .or_else(|| periods.iter().rev().find(|p| p.start <= today))
                        .or(periods.first())
                        .map(|p| View::Period(p.id))
                        .unwrap_or(View::Year)
                });
            let period = match view {
                View::Period(p) => Some(p),
                View::Year => None,
            };
            journal::remember_page(&db.conn, session.staff, course, period)?;
            let loaded = load_view(&db.conn, &session, course, view, today)?;
            Ok(Opened {
                periods,
                view,
                loaded,
            })
        });
        Task::perform(load, Message::Opened)
    }

    fn set_loaded(&mut self, loaded: Loaded, tr: &Tr) {
        self.model = match &loaded {
            Loaded::Page(p, r) => page_model(p, r, tr),
            Loaded::Year(y, _) => year_model(y, tr),
        };
        self.loaded = Some(loaded);
        let (rows, cols) = (self.model.rows.len(), self.model.width());
        self.cursor = (
            self.cursor.0.min(rows.saturating_sub(1)),
            self.cursor.1.min(cols.saturating_sub(1)),
        );
        let refreshed = match (&self.panel, &self.loaded) {
            (Some(Panel::Cell { row, col, .. }), Some(Loaded::Page(p, _))) => {
                Some((*row < p.rows.len() && *col < p.lessons.len()).then(|| {
                    p.rows[*row].cells[*col]
                        .marks
                        .iter()
                        .map(|m| m.comment.clone())
                        .collect::<Vec<_>>()
                }))
            }
            _ => None,
        };
        match refreshed {
            Some(Some(c)) => {
                if let Some(Panel::Cell { comments, .. }) = &mut self.panel {
                    *comments = c;
                }
            }
            Some(None) => self.panel = None,
            None => {}
        }
    }

    /// Moves the cursor to today's lesson (or the last one held) in the first row.
    fn cursor_to_today(&mut self, today: NaiveDate) {
        if let Some((p, _)) = self.page() {
            let col = p.lessons.iter().rposition(|l| l.date <= today).unwrap_or(0);
            self.cursor = (0, col);
        } else {
            self.cursor = (0, 0);
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        match &message {
            // The kind of work and the attendance buttons stand after the new mark's field.
            Message::PanelWork(_) | Message::PanelAttendance(_) => {
                self.panel_after = Some(NEW_MARK_ID.into());
            }
            // A mark's kind of work stands after the comment of the mark above it.
            Message::PanelMarkWork(id, _) => {
                let place = match (&self.panel, self.page()) {
                    (Some(Panel::Cell { row, col, .. }), Some((p, _))) => p.rows[*row].cells[*col]
                        .marks
                        .iter()
                        .position(|m| m.id == *id),
                    _ => None,
                };
                self.panel_after = place
                    .and_then(|i| i.checked_sub(1))
                    .map(|i| comment_id(i).into());
            }
            Message::Applied(_) | Message::History(_) | Message::Reloaded(_) => {}
            _ => self.panel_after = None,
        }
        match message {
            Message::Started(Ok(start)) => {
                self.courses = start.courses;
                self.work_types = start.work_types;
                self.busy = false;
                let (course, view) = match start.last {
                    Some((c, p)) if self.courses.iter().any(|x| x.id == c) => {
                        (Some(c), Some(p.map(View::Period).unwrap_or(View::Year)))
                    }
                    // A teacher's own course first; others (a class teacher's class) after.
                    _ => (
                        self.courses
                            .iter()
                            .find(|c| c.teacher == ctx.session.staff)
                            .or(self.courses.first())
                            .map(|c| c.id),
                        None,
                    ),
                };
                if let Some(c) = course {
                    return Action::Run(self.open(c, view, ctx));
                }
            }
            Message::Started(Err(e)) | Message::Opened(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
            }
            Message::PickCourse(CourseChoice(c, _)) => {
                self.cursor = (0, 0);
                return Action::Run(self.open(c, None, ctx));
            }
            Message::PickView(ViewChoice(v, _)) => {
                if let Some(c) = self.course {
                    self.cursor = (0, 0);
                    return Action::Run(self.open(c, Some(v), ctx));
                }
            }
            Message::Opened(Ok(o)) => {
                self.busy = false;
                self.error = None;
                self.periods = o.periods;
                self.view = Some(o.view);
                self.undo.clear();
                self.status = None;
                self.set_loaded(o.loaded, tr);
                self.cursor_to_today(ctx.info.today);
                self.active = true;
            }
            Message::Grid(ev) => return self.grid_event(ev, ctx),
            Message::Applied(a) => {
                self.busy = false;
                let Applied {
                    inverses,
                    error,
                    loaded,
                    undo,
                } = *a;
                if !inverses.is_empty() && !undo {
                    self.undo.push(inverses);
                }
                // A refused mark keeps the cursor on its cell, to be typed again.
                if let Some(cell) = self.moved_from.take()
                    && error.is_some()
                {
                    self.cursor = cell;
                    self.just_typed = None;
                }
                self.set_loaded(loaded, tr);
                self.status = Some(match error {
                    Some(e) => (false, tr.error(&e)),
                    None if undo => (true, tr.t("journal-undone")),
                    None => (true, tr.t("journal-saved")),
                });
                if let Some(Panel::Cell { row, col, .. }) = &self.panel {
                    return Action::Run(self.load_history(*row, *col, ctx));
                }
            }
            Message::History(Ok(h)) => {
                if let Some(Panel::Cell { history, .. }) = &mut self.panel {
                    *history = Some(h);
                }
            }
            Message::History(Err(e)) => self.status = Some((false, tr.error(&e))),
            Message::LessonForm(m) => {
                let Some(form) = &mut self.lesson_form else {
                    return Action::None;
                };
                match form.update(m, ctx) {
                    lesson_form::Action::None => {}
                    lesson_form::Action::Run(t) => return Action::Run(t.map(Message::LessonForm)),
                    lesson_form::Action::Saved => {
                        let (Some(course), Some(view)) = (self.course, self.view) else {
                            return Action::None;
                        };
                        let session = ctx.session.clone();
                        let task = ctx.file.run(move |db| {
                            let today = db.clock.today();
                            load_view(&db.conn, &session, course, view, today).map(Box::new)
                        });
                        return Action::Run(Task::perform(task, Message::Reloaded));
                    }
                }
            }
            Message::Reloaded(Ok(l)) => self.set_loaded(*l, tr),
            Message::Reloaded(Err(e)) => self.error = Some(e),
            Message::ClosePanel => {
                self.panel = None;
                self.lesson_form = None;
                self.active = true;
            }
            Message::PanelValue(v) => {
                if let Some(Panel::Cell { new_value, .. }) = &mut self.panel {
                    *new_value = v;
                }
            }
            Message::PanelWork(WorkChoice(w, _)) => {
                if let Some(Panel::Cell { new_work, .. }) = &mut self.panel {
                    *new_work = Some(w);
                }
            }
            Message::PanelAdd => {
                let edit = match (&self.panel, self.page()) {
                    (
                        Some(Panel::Cell {
                            row,
                            col,
                            new_value,
                            new_work,
                            ..
                        }),
                        Some((p, _)),
                    ) => Some(Op::AddMark {
                        id: None,
                        lesson: p.lessons[*col].id,
                        student: p.rows[*row].member.student,
                        value: new_value.trim().to_string(),
                        work_type: *new_work,
                        comment: String::new(),
                    }),
                    _ => None,
                };
                if let Some(edit) = edit {
                    if let Some(Panel::Cell { new_value, .. }) = &mut self.panel {
                        new_value.clear();
                    }
                    return self.apply(vec![edit], ctx);
                }
            }
            Message::PanelMarkWork(id, WorkChoice(w, _)) => {
                if let Some(m) = self.mark(id) {
                    let edit = Op::ChangeMark {
                        mark: id,
                        value: m.value.code(),
                        work_type: w,
                        comment: m.comment.clone(),
                    };
                    return self.apply(vec![edit], ctx);
                }
            }
            Message::PanelComment(i, c) => {
                if let Some(Panel::Cell { comments, .. }) = &mut self.panel
                    && let Some(slot) = comments.get_mut(i)
                {
                    *slot = c;
                }
            }
            Message::PanelCommentSave(id) => {
                let comment = match (&self.panel, self.page()) {
                    (
                        Some(Panel::Cell {
                            row, col, comments, ..
                        }),
                        Some((p, _)),
                    ) => p.rows[*row].cells[*col]
                        .marks
                        .iter()
                        .position(|m| m.id == id)
                        .and_then(|i| comments.get(i).cloned()),
                    _ => None,
                };
                if let (Some(comment), Some(m)) = (comment, self.mark(id)) {
                    let edit = Op::ChangeMark {
                        mark: id,
                        value: m.value.code(),
                        work_type: m.work_type,
                        comment,
                    };
                    return self.apply(vec![edit], ctx);
                }
            }
            Message::PanelDelete(id) => return self.apply(vec![Op::RemoveMark { mark: id }], ctx),
            Message::PanelAttendance(code) => {
                if let (
                    Some(Panel::Cell {
                        row, col, minutes, ..
                    }),
                    Some((p, _)),
                ) = (&self.panel, self.page())
                {
                    let minutes = minutes.trim().parse::<u16>().ok();
                    let edit = Op::SetAttendance {
                        lesson: p.lessons[*col].id,
                        student: p.rows[*row].member.student,
                        code,
                        late_minutes: minutes.filter(|_| code == Some(AttendanceCode::Late)),
                    };
                    return self.apply(vec![edit], ctx);
                }
            }
            Message::PanelMinutes(m) => {
                if let Some(Panel::Cell { minutes, .. }) = &mut self.panel {
                    *minutes = m.chars().filter(char::is_ascii_digit).take(3).collect();
                }
            }
            Message::ReasonInput(r) => {
                if let Some((_, reason)) = &mut self.pending {
                    *reason = r;
                }
            }
            Message::ReasonApply => {
                if let Some((edits, reason)) = self.pending.take() {
                    if reason.trim().is_empty() {
                        self.pending = Some((edits, reason));
                        return Action::None;
                    }
                    self.reason = Some(reason);
                    return self.apply(edits, ctx);
                }
            }
            Message::ReasonCancel => {
                self.pending = None;
                self.active = true;
            }
            Message::ClosePeriod => {
                if !self.confirm_close {
                    self.confirm_close = true;
                    return Action::None;
                }
                self.confirm_close = false;
                if let (Some(course), Some(View::Period(period))) = (self.course, self.view) {
                    let session = ctx.session.clone();
                    let today = ctx.info.today;
                    self.busy = true;
                    let task = ctx.file.run(move |db| {
                        let error =
                            ops::apply(db, &session, &[Op::ClosePeriod { course, period }], None)
                                .err()
                                .map(Error::from);
                        let loaded =
                            load_view(&db.conn, &session, course, View::Period(period), today)?;
                        Ok(Applied {
                            inverses: Vec::new(),
                            error,
                            loaded,
                            undo: false,
                        })
                    });
                    return Action::Run(Task::perform(task, |r| match r {
                        Ok(a) => Message::Applied(Box::new(a)),
                        Err(e) => Message::Opened(Err(e)),
                    }));
                }
            }
            Message::Undo => return self.undo(ctx),
        }
        Action::None
    }

    /// Where Tab goes on from when no field has the focus (see `focus::tab`).
    pub fn tab_after(&self) -> Option<iced::widget::Id> {
        match self.panel {
            Some(Panel::Lesson(_)) => self.lesson_form.as_ref().and_then(Form::tab_after),
            Some(Panel::Cell { .. }) => self.panel_after.clone(),
            None => None,
        }
    }

    fn mark(&self, id: MarkId) -> Option<&journal::CellMark> {
        self.page()?
            .0
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .flat_map(|c| c.marks.iter())
            .find(|m| m.id == id)
    }

    fn undo(&mut self, ctx: &Ctx<'_>) -> Action {
        match self.undo.pop() {
            Some(edits) => self.run_edits(edits, true, ctx),
            None => {
                self.status = Some((false, ctx.tr.t("journal-undo-empty")));
                Action::None
            }
        }
    }

    fn load_history(&self, row: usize, col: usize, ctx: &Ctx<'_>) -> Task<Message> {
        let Some((p, _)) = self.page() else {
            return Task::none();
        };
        let (lesson, student) = (p.lessons[col].id, p.rows[row].member.student);
        Task::perform(
            ctx.file
                .run(move |db| journal::cell_history(&db.conn, lesson, student)),
            Message::History,
        )
    }

    fn grid_event(&mut self, ev: GridEvent, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        match ev {
            GridEvent::Select(r, c) => {
                self.cursor = (r, c);
                self.active = true;
                self.append_next = false;
                self.just_typed = None;
                self.moved_from = None;
                if let Some(Panel::Cell { .. }) = self.panel {
                    return self.open_cell(ctx);
                }
                self.status = self.explain_lock(tr);
            }
            GridEvent::Header(c) => {
                let lesson = self
                    .page()
                    .and_then(|(p, _)| p.lessons.get(c))
                    .map(|l| l.id);
                if let Some(lesson) = lesson {
                    self.panel = Some(Panel::Lesson(c));
                    let (form, task) = Form::new(lesson, ctx);
                    self.lesson_form = Some(form.untitled());
                    return Action::Run(task.map(Message::LessonForm));
                }
            }
            GridEvent::Open => return self.open_cell(ctx),
            GridEvent::Escape => {
                self.panel = None;
                self.append_next = false;
            }
            GridEvent::Undo => return self.undo(ctx),
            GridEvent::Clear => {
                let edits = self.clear_edits();
                return self.apply(edits, ctx);
            }
            GridEvent::Type(t) => return self.typed(&t, ctx),
        }
        Action::None
    }

    /// Why the cell under the cursor cannot be changed, if it cannot.
    fn explain_lock(&self, tr: &Tr) -> Option<(bool, String)> {
        let (row, col) = self.cursor;
        match &self.loaded {
            Some(Loaded::Page(p, r)) => {
                if col < p.lessons.len() {
                    if !p.rows.get(row)?.cells[col].on_list {
                        return Some((false, tr.t("journal-cell-off")));
                    }
                    let d = r.marks[col]
                        .clone()
                        .filter(|d| *d != Denied::ReasonRequired)?;
                    Some((false, tr.error(&Error::Denied(d))))
                } else {
                    r.period_marks
                        .clone()
                        .map(|d| (false, tr.error(&Error::Denied(d))))
                }
            }
            Some(Loaded::Year(_, d)) => d.clone().map(|d| (false, tr.error(&Error::Denied(d)))),
            None => None,
        }
    }

    fn open_cell(&mut self, ctx: &Ctx<'_>) -> Action {
        let (row, col) = self.cursor;
        if let Some((p, _)) = self.page() {
            if col < p.lessons.len() && row < p.rows.len() {
                let cell = &p.rows[row].cells[col];
                let minutes = cell
                    .attendance
                    .and_then(|a| a.1)
                    .map(|m| m.to_string())
                    .unwrap_or_default();
                let comments = cell.marks.iter().map(|m| m.comment.clone()).collect();
                self.panel = Some(Panel::Cell {
                    row,
                    col,
                    history: None,
                    new_value: String::new(),
                    new_work: p.lessons[col].default_work_type(),
                    minutes,
                    comments,
                });
                self.active = false;
                return Action::Run(self.load_history(row, col, ctx));
            }
            if col == p.lessons.len() + PIN_PROPOSED || col == p.lessons.len() + PIN_PERIOD {
                // Enter on the proposed mark confirms it as the period mark.
                if let Some(proposed) = p.rows.get(row).and_then(|r| r.proposed) {
                    let edit = Op::SetPeriodMark {
                        course: p.course.id,
                        student: p.rows[row].member.student,
                        kind: PeriodMarkKind::Period,
                        period: Some(p.period.id),
                        value: Some(proposed.max(2).to_string()),
                    };
                    return self.apply(vec![edit], ctx);
                }
            }
        }
        Action::None
    }

    fn clear_edits(&self) -> Vec<Op> {
        let (row, col) = self.cursor;
        match &self.loaded {
            Some(Loaded::Page(p, _)) => {
                let Some(r) = p.rows.get(row) else {
                    return Vec::new();
                };
                if col < p.lessons.len() {
                    let cell = &r.cells[col];
                    let mut edits: Vec<Op> = cell
                        .marks
                        .iter()
                        .map(|m| Op::RemoveMark { mark: m.id })
                        .collect();
                    if cell.attendance.is_some() {
                        edits.push(Op::SetAttendance {
                            lesson: p.lessons[col].id,
                            student: r.member.student,
                            code: None,
                            late_minutes: None,
                        });
                    }
                    edits
                } else if col == p.lessons.len() + PIN_PERIOD && r.period_mark.is_some() {
                    vec![Op::SetPeriodMark {
                        course: p.course.id,
                        student: r.member.student,
                        kind: PeriodMarkKind::Period,
                        period: Some(p.period.id),
                        value: None,
                    }]
                } else {
                    Vec::new()
                }
            }
            Some(Loaded::Year(y, _)) => match (y.rows.get(row), year_column(y, col)) {
                (Some(r), Some((kind, period))) => {
                    vec![Op::SetPeriodMark {
                        course: y.course.id,
                        student: r.member.student,
                        kind,
                        period,
                        value: None,
                    }]
                }
                _ => Vec::new(),
            },
            None => Vec::new(),
        }
    }

    fn typed(&mut self, t: &str, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        let (row, col) = self.cursor;
        let lower = t.to_lowercase();
        if lower == "/" {
            if let Some(cell) = self.just_typed.take() {
                self.cursor = cell;
            }
            self.append_next = true;
            self.status = Some((true, tr.t("journal-append")));
            return Action::None;
        }
        let edits = match &self.loaded {
            Some(Loaded::Page(p, _)) => {
                let Some(r) = p.rows.get(row) else {
                    return Action::None;
                };
                let scale = p.course.scale;
                if col < p.lessons.len() {
                    let lesson = p.lessons[col].id;
                    let student = r.member.student;
                    if let Some(value) = typed_mark(scale, &lower) {
                        let cell = &r.cells[col];
                        match cell.marks.last() {
                            Some(m) if !self.append_next => {
                                vec![Op::ChangeMark {
                                    mark: m.id,
                                    value,
                                    work_type: m.work_type,
                                    comment: m.comment.clone(),
                                }]
                            }
                            // The kind of work the column header shows, named explicitly.
                            _ => vec![Op::AddMark {
                                id: None,
                                lesson,
                                student,
                                value,
                                work_type: p.lessons[col].default_work_type(),
                                comment: String::new(),
                            }],
                        }
                    } else if let Ok(code) = AttendanceCode::parse(&lower) {
                        vec![Op::SetAttendance {
                            lesson,
                            student,
                            code: Some(code),
                            late_minutes: None,
                        }]
                    } else {
                        return self.not_a_mark(t, scale, tr);
                    }
                } else if col == p.lessons.len() + PIN_PERIOD {
                    match typed_period_mark(scale, &lower) {
                        Some(v) => vec![Op::SetPeriodMark {
                            course: p.course.id,
                            student: r.member.student,
                            kind: PeriodMarkKind::Period,
                            period: Some(p.period.id),
                            value: Some(v),
                        }],
                        None => return self.not_a_mark(t, scale, tr),
                    }
                } else {
                    return Action::None;
                }
            }
            Some(Loaded::Year(y, _)) => {
                let (Some(r), Some((kind, period))) = (y.rows.get(row), year_column(y, col)) else {
                    return Action::None;
                };
                match typed_period_mark(y.course.scale, &lower) {
                    Some(v) => vec![Op::SetPeriodMark {
                        course: y.course.id,
                        student: r.member.student,
                        kind,
                        period,
                        value: Some(v),
                    }],
                    None => return self.not_a_mark(t, y.course.scale, tr),
                }
            }
            None => return Action::None,
        };
        self.append_next = false;
        let action = self.apply(edits, ctx);
        // Down to the next student, as a teacher goes down a column of the paper journal.
        self.just_typed = None;
        if self.pending.is_none() && self.cursor.0 + 1 < self.model.rows.len() {
            self.just_typed = Some(self.cursor);
            self.moved_from = Some(self.cursor);
            self.cursor.0 += 1;
        }
        action
    }

    fn not_a_mark(&mut self, t: &str, scale: Scale, tr: &Tr) -> Action {
        let marks = match scale {
            Scale::Five => "1–5",
            Scale::Ten => "1–9, 0 = 10",
            Scale::PassFail => "+ (зач), − (н/з)",
        };
        self.status = Some((
            false,
            tr.t_args(
                "journal-not-a-mark",
                &[("text", t.to_string().into()), ("marks", marks.into())],
            ),
        ));
        Action::None
    }

    /// Applies edits made by the user; a correction past a lock first asks the administrator why.
    fn apply(&mut self, edits: Vec<Op>, ctx: &Ctx<'_>) -> Action {
        if edits.is_empty() {
            return Action::None;
        }
        let needs_reason = match (&self.loaded, self.cursor) {
            (Some(Loaded::Page(p, r)), (_, col)) if col < p.lessons.len() => {
                r.marks[col] == Some(Denied::ReasonRequired)
                    || r.attendance[col] == Some(Denied::ReasonRequired)
            }
            (Some(Loaded::Page(_, r)), _) => r.period_marks == Some(Denied::ReasonRequired),
            _ => false,
        } || self.panel_needs_reason();
        if needs_reason && self.reason.is_none() {
            self.pending = Some((edits, String::new()));
            self.active = false;
            return Action::None;
        }
        self.run_edits(edits, false, ctx)
    }

    fn panel_needs_reason(&self) -> bool {
        match (&self.panel, self.page()) {
            (Some(Panel::Cell { col, .. }), Some((_, r))) => {
                r.marks[*col] == Some(Denied::ReasonRequired)
            }
            _ => false,
        }
    }

    fn run_edits(&mut self, edits: Vec<Op>, undo: bool, ctx: &Ctx<'_>) -> Action {
        let (Some(course), Some(view)) = (self.course, self.view) else {
            return Action::None;
        };
        let session = ctx.session.clone();
        let today = ctx.info.today;
        let reason = self.reason.clone();
        self.busy = true;
        let task = ctx.file.run(move |db| {
            // All of the batch or, when the core refuses one, none of it; what undoes it is
            // worked out by the core from the journal as it was, not from this screen's copy.
            let (inverses, error) = match ops::apply(db, &session, &edits, reason.as_deref()) {
                Ok(done) => (ops::inverse_of(&done), None),
                Err(refused) => (Vec::new(), Some(refused.error)),
            };
            let loaded = load_view(&db.conn, &session, course, view, today)?;
            Ok(Applied {
                inverses,
                error,
                loaded,
                undo,
            })
        });
        Action::Run(Task::perform(task, |r| match r {
            Ok(a) => Message::Applied(Box::new(a)),
            Err(e) => Message::Opened(Err(e)),
        }))
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        if let Some(e) = &self.error {
            return widget::error_box(tr.error(e));
        }
        if self.courses.is_empty() {
            return if self.busy {
                widget::hint(tr.t("journal-loading"))
            } else {
                widget::hint(tr.t("journal-no-courses"))
            };
        }
        let choices: Vec<CourseChoice> = self
            .courses
            .iter()
            .map(|c| CourseChoice(c.id, course_label(c)))
            .collect();
        let selected = self
            .course
            .and_then(|id| choices.iter().find(|c| c.0 == id).cloned());
        let mut views: Vec<ViewChoice> = self
            .periods
            .iter()
            .map(|p| ViewChoice(View::Period(p.id), period_name(tr, p)))
            .collect();
        views.push(ViewChoice(View::Year, tr.t("journal-year-view")));
        let selected_view = self
            .view
            .and_then(|v| views.iter().find(|c| c.0 == v).cloned());

        let mut top = row![
            pick_list(choices, selected, Message::PickCourse)
                .text_size(theme::TEXT)
                .width(Length::FillPortion(3)),
            pick_list(views, selected_view, Message::PickView)
                .text_size(theme::TEXT)
                .width(Length::FillPortion(1)),
        ]
        .spacing(8);
        if let Some((p, r)) = self.page() {
            if p.closed {
                top = top.push(
                    text(tr.t("journal-closed"))
                        .size(theme::SMALL)
                        .style(theme::text::muted),
                );
            } else if r.period_marks.is_none() {
                let label = if self.confirm_close {
                    tr.t("journal-close-confirm")
                } else {
                    tr.t("journal-close-period")
                };
                top = top.push(
                    button(text(label).size(theme::SMALL))
                        .padding([6, 10])
                        .style(theme::button::secondary)
                        .on_press(Message::ClosePeriod),
                );
            }
        }
        top = top.push(
            button(text(tr.t("journal-undo")).size(theme::SMALL))
                .padding([6, 10])
                .style(theme::button::secondary)
                .on_press_maybe((!self.undo.is_empty()).then_some(Message::Undo)),
        );

        let grid = move || -> Element<'a, Message> {
            let grid = canvas(Grid {
                model: &self.model,
                cursor: self.cursor,
                active: self.active && self.pending.is_none(),
            })
            .width(Fill)
            .height(Fill);
            let grid: Element<'a, Message> = Element::from(grid).map(Message::Grid);
            // The id lets tests find where the grid is drawn, to click its headers and cells.
            container(grid)
                .id("journal-grid")
                .width(Fill)
                .height(Fill)
                .style(theme::container::card)
                .into()
        };

        let body: Element<'a, Message> = match &self.panel {
            Some(panel) => {
                // Beside the grid where both fit (names, a few lessons, the averages); below it
                // in a narrow window, so that nothing is drawn over anything.
                let ctx: Ctx<'a> = *ctx;
                let least = crate::gui::grid::NAME_W
                    + crate::gui::grid::CELL_W * 4.0
                    + self.model.pinned.iter().map(|p| p.width).sum::<f32>();
                iced::widget::responsive(move |size| {
                    let side =
                        container(scrollable(self.panel_view(panel, &ctx))).id("journal-panel");
                    if size.width >= least + PANEL_W + 8.0 {
                        row![grid(), side.width(PANEL_W).height(Fill)]
                            .spacing(8)
                            .into()
                    } else {
                        column![
                            grid(),
                            side.width(Fill)
                                .height(Length::Fixed((size.height * 0.45).max(200.0)))
                        ]
                        .spacing(8)
                        .into()
                    }
                })
                .into()
            }
            None => grid(),
        };

        let mut page = column![top].spacing(8);
        if let Some((edits, reason)) = &self.pending {
            let _ = edits;
            page = page.push(widget::notice(
                column![
                    text(tr.t("journal-reason-title")).size(theme::TEXT),
                    row![
                        text_input("", reason)
                            .id("journal-reason")
                            .on_input(Message::ReasonInput)
                            .on_submit(Message::ReasonApply)
                            .padding(6)
                            .size(theme::TEXT),
                        button(text(tr.t("journal-reason-apply")).size(theme::TEXT))
                            .style(theme::button::primary)
                            .on_press(Message::ReasonApply),
                        button(text(tr.t("journal-cancel")).size(theme::TEXT))
                            .style(theme::button::secondary)
                            .on_press(Message::ReasonCancel),
                    ]
                    .spacing(8)
                ]
                .spacing(6),
            ));
        }
        page = page.push(body);
        let status: Element<'a, Message> = match &self.status {
            Some((true, s)) => text(s.clone())
                .size(theme::SMALL)
                .style(theme::text::success)
                .into(),
            Some((false, s)) => text(s.clone())
                .size(theme::SMALL)
                .style(theme::text::danger)
                .into(),
            None => widget::hint(tr.t("journal-help")),
        };
        page.push(status).height(Fill).into()
    }

    fn panel_view<'a>(&'a self, panel: &'a Panel, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let Some((p, rights)) = self.page() else {
            return column![].into();
        };
        let close = button(text(tr.t("journal-close")).size(theme::SMALL))
            .padding([4, 10])
            .style(theme::button::secondary)
            .on_press(Message::ClosePanel);
        match panel {
            Panel::Lesson(col) => {
                let l = &p.lessons[*col];
                let title = widget::subheading(tr.t_args(
                    "journal-lesson-title",
                    &[
                        ("date", format_date(l.date).into()),
                        ("no", (l.lesson_no as i64).into()),
                    ],
                ));
                let mut c = column![
                    row![container(title).width(Fill), close]
                        .spacing(8)
                        .align_y(iced::Alignment::Start)
                ]
                .spacing(6);
                // The lesson form (issue 5): topic, kinds of work, homework, comment.
                if let Some(form) = &self.lesson_form {
                    c = c.push(form.view(ctx).map(Message::LessonForm));
                }
                container(c)
                    .padding(12)
                    .style(theme::container::card)
                    .into()
            }
            Panel::Cell {
                row,
                col,
                history,
                new_value,
                new_work,
                minutes,
                comments,
            } => {
                let r = &p.rows[*row];
                let l = &p.lessons[*col];
                let cell = &r.cells[*col];
                let locked = rights.marks[*col]
                    .clone()
                    .filter(|d| *d != Denied::ReasonRequired);
                let works: Vec<WorkChoice> = self
                    .work_types
                    .iter()
                    .map(|(id, name, _, w)| WorkChoice(*id, format!("{name} (×{w})")))
                    .collect();
                let mut c = column![
                    row![widget::subheading(r.member.name.short()), close].spacing(8),
                    text(format!(
                        "{}, {}",
                        format_date(l.date),
                        if l.topic.is_empty() {
                            tr.t("journal-no-topic")
                        } else {
                            l.topic.clone()
                        }
                    ))
                    .size(theme::SMALL),
                ]
                .spacing(8);
                if let Some(d) = &locked {
                    c = c.push(
                        text(tr.error(&Error::Denied(d.clone())))
                            .size(theme::SMALL)
                            .style(theme::text::danger),
                    );
                }
                c = c.push(
                    text(tr.t("journal-marks"))
                        .size(theme::SMALL)
                        .font(theme::BOLD),
                );
                for (i, m) in cell.marks.iter().enumerate() {
                    let wsel = works.iter().find(|w| w.0 == m.work_type).cloned();
                    let id = m.id;
                    let mut line = row![text(m.value.code()).size(theme::HEADING).width(40)]
                        .spacing(6)
                        .align_y(iced::Alignment::Center);
                    line = line.push(
                        pick_list(works.clone(), wsel, move |w| Message::PanelMarkWork(id, w))
                            .text_size(theme::SMALL)
                            .width(Fill),
                    );
                    if locked.is_none() {
                        line = line.push(
                            button(text(tr.t("journal-delete")).size(theme::SMALL))
                                .padding([4, 8])
                                .style(theme::button::secondary)
                                .on_press(Message::PanelDelete(id)),
                        );
                    }
                    c = c.push(line);
                    c = c.push(
                        text_input(
                            &tr.t("journal-comment"),
                            comments.get(i).map(String::as_str).unwrap_or(""),
                        )
                        .id(comment_id(i))
                        .on_input(move |s| Message::PanelComment(i, s))
                        .on_submit(Message::PanelCommentSave(id))
                        .size(theme::SMALL)
                        .padding(4),
                    );
                }
                if cell.on_list && locked.is_none() {
                    let wsel = new_work.and_then(|w| works.iter().find(|x| x.0 == w).cloned());
                    c = c.push(
                        row![
                            text_input("5", new_value)
                                .id(NEW_MARK_ID)
                                .on_input(Message::PanelValue)
                                .on_submit(Message::PanelAdd)
                                .width(50)
                                .padding(4)
                                .size(theme::TEXT),
                            pick_list(works.clone(), wsel, Message::PanelWork)
                                .text_size(theme::SMALL)
                                .width(Fill),
                            button(text(tr.t("journal-add-mark")).size(theme::SMALL))
                                .padding([4, 8])
                                .style(theme::button::primary)
                                .on_press(Message::PanelAdd),
                        ]
                        .spacing(6),
                    );
                    c = c.push(
                        text(tr.t("journal-attendance"))
                            .size(theme::SMALL)
                            .font(theme::BOLD),
                    );
                    let current = cell.attendance.map(|a| a.0);
                    let mut codes = row![
                        button(text(tr.t("journal-present")).size(theme::SMALL))
                            .padding([4, 8])
                            .style(theme::button::segment(current.is_none()))
                            .on_press(Message::PanelAttendance(None))
                    ]
                    .spacing(4);
                    for code in AttendanceCode::ALL {
                        codes = codes.push(
                            button(text(code.symbol()).size(theme::SMALL))
                                .padding([4, 8])
                                .style(theme::button::segment(current == Some(*code)))
                                .on_press(Message::PanelAttendance(Some(*code))),
                        );
                    }
                    c = c.push(codes);
                    c = c.push(
                        row![
                            text(tr.t("journal-late-minutes")).size(theme::SMALL),
                            text_input("", minutes)
                                .id(MINUTES_ID)
                                .on_input(Message::PanelMinutes)
                                .on_submit(Message::PanelAttendance(Some(AttendanceCode::Late)))
                                .width(60)
                                .padding(4)
                                .size(theme::SMALL),
                        ]
                        .spacing(6)
                        .align_y(iced::Alignment::Center),
                    );
                } else if !cell.on_list {
                    c = c.push(
                        text(tr.t("journal-cell-off"))
                            .size(theme::SMALL)
                            .style(theme::text::muted),
                    );
                }
                c = c.push(
                    text(tr.t("journal-history"))
                        .size(theme::SMALL)
                        .font(theme::BOLD),
                );
                match history {
                    None => c = c.push(widget::hint(tr.t("journal-loading"))),
                    Some(h) if h.is_empty() => {
                        c = c.push(widget::hint(tr.t("journal-history-empty")))
                    }
                    Some(h) => {
                        for e in h.iter().rev() {
                            let what = format!(
                                "{} → {}",
                                e.old
                                    .as_deref()
                                    .map(|v| history_value(&e.entity, v))
                                    .unwrap_or_else(|| "—".into()),
                                e.new
                                    .as_deref()
                                    .map(|v| history_value(&e.entity, v))
                                    .unwrap_or_else(|| "—".into())
                            );
                            let when =
                                chrono::NaiveDateTime::parse_from_str(&e.at, "%Y-%m-%dT%H:%M:%S")
                                    .map(crate::i18n::format_datetime)
                                    .unwrap_or_else(|_| e.at.clone());
                            let mut line = column![
                                text(format!("{when} · {}", e.who))
                                    .size(theme::SMALL)
                                    .style(theme::text::muted),
                                text(what).size(theme::TEXT)
                            ];
                            if let Some(reason) = &e.reason {
                                line = line.push(
                                    text(tr.t_args(
                                        "journal-history-reason",
                                        &[("reason", reason.clone().into())],
                                    ))
                                    .size(theme::SMALL),
                                );
                            }
                            c = c.push(line);
                        }
                    }
                }
                container(c)
                    .padding(12)
                    .style(theme::container::card)
                    .into()
            }
        }
    }
}

/// The cell panel's fields.
const NEW_MARK_ID: &str = "journal-new-mark";
const MINUTES_ID: &str = "journal-late-minutes";

fn comment_id(i: usize) -> String {
    format!("journal-comment-{i}")
}

/// "5А, Русский язык" or "5А, Английский язык (1 группа)".
fn course_label(c: &CourseInfo) -> String {
    c.title()
}

/// "II четверть", as the School screen and the printed forms name it.
pub fn period_name(tr: &Tr, p: &Period) -> String {
    tr.period(p.scheme, p.number, false)
}

fn period_short(tr: &Tr, p: &Period) -> String {
    tr.period(p.scheme, p.number, true)
}

/// The audit's stored forms, as a teacher reads them.
fn history_value(entity: &str, v: &str) -> String {
    if entity == "attendance" {
        let (code, minutes) = v
            .split_once(':')
            .map(|(c, m)| (c, Some(m)))
            .unwrap_or((v, None));
        let sym = AttendanceCode::from_code(code)
            .map(|c| c.symbol())
            .unwrap_or(code);
        match minutes {
            Some(m) => format!("{sym} {m}′"),
            None => sym.to_string(),
        }
    } else {
        v.to_string()
    }
}

/// A key typed in a lesson cell that is a mark on the scale: 2–5 (1 too), 0 for 10 on the
/// 10-point scale, + or з for зачёт and − for незачёт.
fn typed_mark(scale: Scale, t: &str) -> Option<String> {
    match scale {
        Scale::Five => matches!(t, "1" | "2" | "3" | "4" | "5").then(|| t.to_string()),
        Scale::Ten => match t {
            "0" => Some("10".into()),
            d if d.len() == 1 && d.chars().all(|c| c.is_ascii_digit()) => Some(d.to_string()),
            _ => None,
        },
        Scale::PassFail => match t {
            "+" | "з" | "p" => Some("зач".into()),
            "-" | "−" => Some("н/з".into()),
            _ => None,
        },
    }
}

/// A key typed in a period-mark cell: a mark, н for н/а, о for осв.
fn typed_period_mark(scale: Scale, t: &str) -> Option<String> {
    match t {
        "н" | "n" => Some("н/а".into()),
        "о" | "o" => Some("осв".into()),
        _ => typed_mark(scale, t),
    }
}

/// The period-mark kind and period of a year-view column.
fn year_column(y: &YearView, col: usize) -> Option<(PeriodMarkKind, Option<PeriodId>)> {
    let n = y.periods.len();
    match col {
        c if c < n => Some((PeriodMarkKind::Period, Some(y.periods[c].id))),
        c if c == n => Some((PeriodMarkKind::Year, None)),
        c if c == n + 1 => Some((PeriodMarkKind::Exam, None)),
        c if c == n + 2 => Some((PeriodMarkKind::Final, None)),
        _ => None,
    }
}

fn load_view(
    conn: &rusqlite::Connection,
    session: &Session,
    course: CourseId,
    view: View,
    today: NaiveDate,
) -> Result<Loaded> {
    match view {
        View::Period(p) => {
            let page = journal::page(conn, session, course, p)?;
            let rights = journal::rights(conn, session, &page, today)?;
            Ok(Loaded::Page(Box::new(page), Box::new(rights)))
        }
        View::Year => {
            let y = journal::year_view(conn, session, course)?;
            let denied =
                match crate::access::check_period_marks(conn, session, &y.course, None, None) {
                    Ok(()) => None,
                    Err(Error::Denied(d)) => Some(d),
                    Err(e) => return Err(e),
                };
            Ok(Loaded::Year(Box::new(y), denied))
        }
    }
}

fn tone_of(v: &MarkValue) -> Tone {
    match v {
        MarkValue::Num(5) => Tone::Excellent,
        MarkValue::Num(4) => Tone::Good,
        MarkValue::Num(3) => Tone::Fair,
        MarkValue::Num(n) if *n <= 2 => Tone::Poor,
        MarkValue::Num(_) | MarkValue::Pass => Tone::Plain,
        MarkValue::Fail => Tone::Poor,
    }
}

fn period_tone(v: &PeriodMarkValue) -> Tone {
    match v {
        PeriodMarkValue::Mark(m) => tone_of(m),
        PeriodMarkValue::NotAttested => Tone::Poor,
        PeriodMarkValue::Exempt => Tone::Muted,
    }
}

fn month_name(tr: &Tr, d: NaiveDate) -> String {
    tr.t(&format!("month-{}", d.month()))
}

fn avg_text(v: Option<f64>) -> String {
    v.map(|a| format!("{a:.2}").replace('.', ","))
        .unwrap_or_default()
}

/// The grid of a period page: lessons × students, then marks count, averages, proposed and period mark.
pub fn page_model(p: &Page, r: &Rights, tr: &Tr) -> Model {
    let columns = p
        .lessons
        .iter()
        .enumerate()
        .map(|(i, l)| Column {
            group: month_name(tr, l.date),
            label: format!("{:02}", l.date.day()),
            // The kind of work a mark typed into this column is saved for: the lesson's
            // default, the one the core takes too.
            sub: l.work.first().map(|w| w.1.clone()).unwrap_or_default(),
            shade: if l.cancelled {
                Shade::Cancelled
            } else if r.marks[i].is_some()
                && r.attendance[i].is_some()
                && r.marks[i] != Some(Denied::ReasonRequired)
            {
                Shade::Locked
            } else {
                Shade::Normal
            },
        })
        .collect();
    let mut cells = Vec::with_capacity(p.rows.len());
    let mut pinned = vec![
        Pinned {
            title: tr.t("journal-col-count"),
            width: 40.0,
            cells: Vec::new(),
        },
        Pinned {
            title: tr.t("journal-col-avg"),
            width: 48.0,
            cells: Vec::new(),
        },
        Pinned {
            title: tr.t("journal-col-weighted"),
            width: 52.0,
            cells: Vec::new(),
        },
        Pinned {
            title: tr.t("journal-col-proposed"),
            width: 52.0,
            cells: Vec::new(),
        },
        Pinned {
            title: period_short(tr, &p.period),
            width: 56.0,
            cells: Vec::new(),
        },
    ];
    let mut rows = Vec::with_capacity(p.rows.len());
    for row in &p.rows {
        rows.push(RowHead {
            label: row.member.name.short(),
            note: !row.member.on(p.period.start) || !row.member.on(p.period.end),
        });
        let line = row
            .cells
            .iter()
            .map(|c| {
                let marks: Vec<String> = c.marks.iter().map(|m| m.value.code()).collect();
                let absence = c.attendance.map(|a| a.0);
                let (text, tone) = if !marks.is_empty() {
                    (
                        marks.join("/"),
                        c.marks
                            .last()
                            .map(|m| tone_of(&m.value))
                            .unwrap_or_default(),
                    )
                } else if let Some(a) = absence {
                    (a.symbol().to_string(), Tone::Absence)
                } else {
                    (String::new(), Tone::Plain)
                };
                Cell {
                    text,
                    tone,
                    shade: if c.on_list { Shade::Normal } else { Shade::Off },
                    flag: (!marks.is_empty() && absence.is_some())
                        || c.marks.iter().any(|m| !m.comment.is_empty()),
                }
            })
            .collect();
        cells.push(line);
        pinned[PIN_COUNT].cells.push(Cell {
            text: if row.averages.count > 0 {
                row.averages.count.to_string()
            } else {
                String::new()
            },
            tone: Tone::Muted,
            ..Cell::default()
        });
        pinned[PIN_AVG].cells.push(Cell {
            text: avg_text(row.averages.average),
            ..Cell::default()
        });
        pinned[PIN_WEIGHTED].cells.push(Cell {
            text: avg_text(row.averages.weighted),
            ..Cell::default()
        });
        pinned[PIN_PROPOSED].cells.push(Cell {
            text: row
                .proposed
                .map(|v| v.max(2).to_string())
                .unwrap_or_default(),
            tone: Tone::Muted,
            ..Cell::default()
        });
        pinned[PIN_PERIOD].cells.push(Cell {
            text: row.period_mark.map(|v| v.code()).unwrap_or_default(),
            tone: row
                .period_mark
                .as_ref()
                .map(period_tone)
                .unwrap_or_default(),
            shade: if r.period_marks.is_some() && r.period_marks != Some(Denied::ReasonRequired) {
                Shade::Locked
            } else {
                Shade::Normal
            },
            flag: false,
        });
    }
    Model {
        columns,
        rows,
        cells,
        pinned,
    }
}

/// The year view: period marks by period, then year, exam and final marks.
pub fn year_model(y: &YearView, tr: &Tr) -> Model {
    let mut columns: Vec<Column> = y
        .periods
        .iter()
        .map(|p| Column {
            group: String::new(),
            label: period_short(tr, p),
            sub: String::new(),
            shade: Shade::Normal,
        })
        .collect();
    for key in ["journal-col-year", "journal-col-exam", "journal-col-final"] {
        columns.push(Column {
            group: String::new(),
            label: tr.t(key),
            sub: String::new(),
            shade: Shade::Normal,
        });
    }
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    for r in &y.rows {
        rows.push(RowHead {
            label: r.member.name.short(),
            note: false,
        });
        let cell = |v: &Option<PeriodMarkValue>| Cell {
            text: v.map(|v| v.code()).unwrap_or_default(),
            tone: v.as_ref().map(period_tone).unwrap_or_default(),
            ..Cell::default()
        };
        let mut line: Vec<Cell> = r.periods.iter().map(cell).collect();
        line.push(cell(&r.year));
        line.push(cell(&r.exam));
        line.push(cell(&r.final_mark));
        cells.push(line);
    }
    Model {
        columns,
        rows,
        cells,
        pinned: Vec::new(),
    }
}
