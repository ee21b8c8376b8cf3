//! The class teacher's attendance: the day sheet (the class's students × the day's lessons) where
//! absences go in at the keyboard, a whole day or "from this lesson on" in one action, a note from
//! home that excuses a date range, who is absent right now, and the totals for any dates with the
//! warning list. The same attendance rows as the journal pages; the core checks and audits.

use chrono::{Datelike, Days, NaiveDate};
use iced::widget::{
    button, canvas, column, container, pick_list, row, scrollable, table, text, text_input,
};
use iced::{Fill, Length, Task};

use crate::attendance::{self, DaySheet, Totals};
use crate::error::{Error, Result};
use crate::gui::grid::{Cell, Column, Grid, GridEvent, Model, Pinned, RowHead, Shade, Tone};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::{Tr, format_date};
use crate::model::*;
use crate::ops::{self, Op};
use crate::school::{self, ClassInfo};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Day,
    Totals,
}

pub struct Attendance {
    classes: Vec<ClassInfo>,
    class: Option<ClassId>,
    date: NaiveDate,
    date_text: String,
    sheet: Option<DaySheet>,
    model: Model,
    cursor: (usize, usize),
    tab: Tab,
    from_text: String,
    to_text: String,
    totals: Option<(Vec<Totals>, Totals, f64)>,
    excuse_from: String,
    excuse_to: String,
    status: Option<(bool, String)>,
    current_lesson: Option<u8>,
    /// What undoes each change made on this sheet (Ctrl+Z), the latest last.
    undo: Vec<Vec<Op>>,
    error: Option<Error>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClassChoice(ClassId, String);
impl std::fmt::Display for ClassChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Started(Result<(Vec<ClassInfo>, Option<u8>)>),
    PickClass(ClassChoice),
    DateText(String),
    DateApply,
    Day(i64),
    Today,
    Loaded(Result<DaySheet>),
    Grid(GridEvent),
    /// How many entries changed, what undoes the change (none for an undo), the sheet now.
    Changed(Result<(usize, Option<Vec<Op>>, DaySheet)>),
    FromLessonOn(AttendanceCode),
    ExcuseFrom(String),
    ExcuseTo(String),
    Excuse(AttendanceCode),
    Tab(Tab),
    TotalsFrom(String),
    TotalsTo(String),
    TotalsApply,
    Totals(Result<(Vec<Totals>, Totals, f64)>),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

/// The pinned column where a code marks the whole day.
const PIN_DAY: usize = 0;

impl Attendance {
    pub fn new(ctx: &Ctx<'_>) -> (Attendance, Task<Message>) {
        let session = ctx.session.clone();
        let year = ctx.info.year.as_ref().map(|y| y.id);
        let load = ctx.file.run(move |db| {
            let now = db.clock.now().time();
            let Some(year) = year else {
                return Ok((Vec::new(), None));
            };
            let bells = school::bells(&db.conn, year)?;
            Ok((
                attendance::my_classes(&db.conn, &session, year)?,
                school::lesson_at(&bells, now),
            ))
        });
        let today = ctx.info.today;
        let month_start = today.with_day(1).unwrap_or(today);
        let a = Attendance {
            classes: Vec::new(),
            class: None,
            date: today,
            date_text: format_date(today),
            sheet: None,
            model: Model::default(),
            cursor: (0, 0),
            tab: Tab::Day,
            from_text: format_date(
                ctx.info
                    .year
                    .as_ref()
                    .map(|y| y.start)
                    .unwrap_or(month_start),
            ),
            to_text: format_date(today),
            totals: None,
            excuse_from: format_date(today),
            excuse_to: format_date(today),
            status: None,
            current_lesson: None,
            undo: Vec::new(),
            error: None,
        };
        (a, Task::perform(load, Message::Started))
    }

    fn load(&mut self, ctx: &Ctx<'_>) -> Task<Message> {
        let Some(class) = self.class else {
            return Task::none();
        };
        let session = ctx.session.clone();
        let date = self.date;
        self.date_text = format_date(date);
        Task::perform(
            ctx.file
                .run(move |db| attendance::day_sheet(&db.conn, &session, class, date)),
            Message::Loaded,
        )
    }

    fn load_totals(&mut self, ctx: &Ctx<'_>) -> Task<Message> {
        let Some(class) = self.class else {
            return Task::none();
        };
        let (Ok(from), Ok(to)) = (parse_date(&self.from_text), parse_date(&self.to_text)) else {
            self.status = Some((
                false,
                ctx.tr
                    .error(&Error::Invalid(crate::error::Invalid::Date(format!(
                        "{} – {}",
                        self.from_text, self.to_text
                    )))),
            ));
            return Task::none();
        };
        let session = ctx.session.clone();
        Task::perform(
            ctx.file.run(move |db| {
                let (list, sum) = attendance::class_totals(&db.conn, &session, class, from, to)?;
                Ok((list, sum, attendance::warning_percent(&db.conn)?))
            }),
            Message::Totals,
        )
    }

    fn set_sheet(&mut self, sheet: DaySheet, tr: &Tr) {
        self.model = sheet_model(&sheet, tr);
        self.sheet = Some(sheet);
        let (rows, cols) = (self.model.rows.len(), self.model.width());
        self.cursor = (
            self.cursor.0.min(rows.saturating_sub(1)),
            self.cursor.1.min(cols.saturating_sub(1)),
        );
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        match message {
            Message::Started(Ok((classes, lesson))) => {
                self.current_lesson = lesson;
                // A class teacher's own class first.
                self.class = classes
                    .iter()
                    .find(|c| c.class_teacher == Some(ctx.session.staff))
                    .or(classes.first())
                    .map(|c| c.id);
                self.classes = classes;
                return Action::Run(self.load(ctx));
            }
            Message::Started(Err(e)) | Message::Loaded(Err(e)) => self.error = Some(e),
            Message::PickClass(ClassChoice(c, _)) => {
                self.class = Some(c);
                self.totals = None;
                return Action::Run(if self.tab == Tab::Day {
                    self.load(ctx)
                } else {
                    self.load_totals(ctx)
                });
            }
            Message::DateText(t) => self.date_text = t,
            Message::DateApply => match parse_date(&self.date_text) {
                Ok(d) => {
                    self.date = d;
                    return Action::Run(self.load(ctx));
                }
                Err(e) => self.status = Some((false, tr.error(&Error::Invalid(e)))),
            },
            Message::Day(delta) => {
                let mut d = self.date;
                // Step over weekends.
                loop {
                    d = if delta < 0 {
                        d - Days::new(1)
                    } else {
                        d + Days::new(1)
                    };
                    if d.weekday().num_days_from_monday() < 5 {
                        break;
                    }
                }
                self.date = d;
                return Action::Run(self.load(ctx));
            }
            Message::Today => {
                self.date = ctx.info.today;
                return Action::Run(self.load(ctx));
            }
            Message::Loaded(Ok(sheet)) => {
                // Another class or day: Ctrl+Z undoes only what was done on the sheet shown.
                self.undo.clear();
                self.error = None;
                self.set_sheet(sheet, tr);
            }
            Message::Grid(ev) => return self.grid(ev, ctx),
            Message::Changed(Ok((n, undo, sheet))) => {
                self.set_sheet(sheet, tr);
                self.status = Some(match &undo {
                    Some(_) => (
                        true,
                        tr.t_args("attendance-changed", &[("n", (n as i64).into())]),
                    ),
                    None => (true, tr.t("journal-undone")),
                });
                if let Some(inverse) = undo.filter(|i| !i.is_empty()) {
                    self.undo.push(inverse);
                }
            }
            Message::Changed(Err(e)) => self.status = Some((false, tr.error(&e))),
            Message::FromLessonOn(code) => {
                let Some(sheet) = &self.sheet else {
                    return Action::None;
                };
                let (row, col) = self.cursor;
                let (Some(r), Some(l)) = (sheet.rows.get(row), sheet.lessons.get(col)) else {
                    return Action::None;
                };
                let (class, student, date, from) =
                    (sheet.class, r.student, sheet.date, l.lesson_no);
                return self.change(
                    ctx,
                    vec![Op::MarkDay {
                        class,
                        student,
                        date,
                        from_lesson: from,
                        code,
                    }],
                    false,
                );
            }
            Message::ExcuseFrom(t) => self.excuse_from = t,
            Message::ExcuseTo(t) => self.excuse_to = t,
            Message::Excuse(code) => {
                let Some(sheet) = &self.sheet else {
                    return Action::None;
                };
                let Some(r) = sheet.rows.get(self.cursor.0) else {
                    return Action::None;
                };
                let (from, to) = match (parse_date(&self.excuse_from), parse_date(&self.excuse_to))
                {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(e), _) | (_, Err(e)) => {
                        self.status = Some((false, tr.error(&Error::Invalid(e))));
                        return Action::None;
                    }
                };
                let (class, student) = (sheet.class, r.student);
                return self.change(
                    ctx,
                    vec![Op::Excuse {
                        class,
                        student,
                        from,
                        to,
                        code,
                    }],
                    false,
                );
            }
            Message::Tab(t) => {
                self.tab = t;
                if t == Tab::Totals && self.totals.is_none() {
                    return Action::Run(self.load_totals(ctx));
                }
            }
            Message::TotalsFrom(t) => self.from_text = t,
            Message::TotalsTo(t) => self.to_text = t,
            Message::TotalsApply => return Action::Run(self.load_totals(ctx)),
            Message::Totals(Ok(t)) => self.totals = Some(t),
            Message::Totals(Err(e)) => self.status = Some((false, tr.error(&e))),
        }
        Action::None
    }

    /// Makes a change through the core's operations and reloads the day sheet; what undoes it
    /// (worked out by the core) goes on the undo stack unless this is an undo.
    fn change(&mut self, ctx: &Ctx<'_>, ops: Vec<Op>, undo: bool) -> Action {
        let Some(sheet) = &self.sheet else {
            return Action::None;
        };
        let (class, date) = (sheet.class, sheet.date);
        let session = ctx.session.clone();
        let task = ctx.file.run(move |db| {
            let done = ops::apply(db, &session, &ops, None)?;
            let inverse = ops::inverse_of(&done);
            let n = inverse.len().max(usize::from(!done.is_empty()));
            let sheet = attendance::day_sheet(&db.conn, &session, class, date)?;
            Ok((n, (!undo).then_some(inverse), sheet))
        });
        Action::Run(Task::perform(task, Message::Changed))
    }

    fn grid(&mut self, ev: GridEvent, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        match ev {
            GridEvent::Select(r, c) => {
                self.cursor = (r, c);
                self.status = None;
            }
            GridEvent::Type(t) => {
                let Ok(code) = AttendanceCode::parse(&t) else {
                    self.status = Some((
                        false,
                        tr.t_args("attendance-not-a-code", &[("text", t.into())]),
                    ));
                    return Action::None;
                };
                let Some(sheet) = &self.sheet else {
                    return Action::None;
                };
                let (row, col) = self.cursor;
                let Some(r) = sheet.rows.get(row) else {
                    return Action::None;
                };
                let (class, student, date) = (sheet.class, r.student, sheet.date);
                if col == sheet.lessons.len() + PIN_DAY {
                    return self.change(
                        ctx,
                        vec![Op::MarkDay {
                            class,
                            student,
                            date,
                            from_lesson: 1,
                            code,
                        }],
                        false,
                    );
                }
                let Some(l) = sheet.lessons.get(col) else {
                    return Action::None;
                };
                if !r.theirs[col] {
                    self.status = Some((false, tr.t("attendance-not-theirs")));
                    return Action::None;
                }
                let lesson = l.lesson;
                if self.cursor.0 + 1 < self.model.rows.len() {
                    self.cursor.0 += 1;
                }
                return self.change(
                    ctx,
                    vec![Op::SetAttendance {
                        lesson,
                        student,
                        code: Some(code),
                        late_minutes: None,
                    }],
                    false,
                );
            }
            GridEvent::Clear => {
                let Some(sheet) = &self.sheet else {
                    return Action::None;
                };
                let (row, col) = self.cursor;
                let (Some(r), Some(l)) = (sheet.rows.get(row), sheet.lessons.get(col)) else {
                    return Action::None;
                };
                if r.entries[col].is_none() {
                    return Action::None;
                }
                let (lesson, student) = (l.lesson, r.student);
                return self.change(
                    ctx,
                    vec![Op::SetAttendance {
                        lesson,
                        student,
                        code: None,
                        late_minutes: None,
                    }],
                    false,
                );
            }
            GridEvent::Undo => {
                return match self.undo.pop() {
                    Some(inverse) => self.change(ctx, inverse, true),
                    None => {
                        self.status = Some((false, tr.t("journal-undo-empty")));
                        Action::None
                    }
                };
            }
            GridEvent::Open | GridEvent::Header(_) | GridEvent::Escape => {}
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        if let Some(e) = &self.error {
            return widget::error_box(tr.error(e));
        }
        if self.classes.is_empty() {
            return widget::hint(tr.t("attendance-no-classes"));
        }
        let choices: Vec<ClassChoice> = self
            .classes
            .iter()
            .map(|c| ClassChoice(c.id, c.name()))
            .collect();
        let selected = self
            .class
            .and_then(|id| choices.iter().find(|c| c.0 == id).cloned());
        let tabs = row![
            button(text(tr.t("attendance-tab-day")).size(theme::SMALL))
                .padding([6, 12])
                .style(theme::button::segment(self.tab == Tab::Day))
                .on_press(Message::Tab(Tab::Day)),
            button(text(tr.t("attendance-tab-totals")).size(theme::SMALL))
                .padding([6, 12])
                .style(theme::button::segment(self.tab == Tab::Totals))
                .on_press(Message::Tab(Tab::Totals)),
        ]
        .spacing(4);
        let top = row![
            pick_list(choices, selected, Message::PickClass)
                .text_size(theme::TEXT)
                .width(120),
            tabs
        ]
        .spacing(12)
        .align_y(iced::Alignment::Center);
        let body = match self.tab {
            Tab::Day => self.day_view(ctx),
            Tab::Totals => self.totals_view(ctx),
        };
        let status: Element<'a, Message> = match &self.status {
            Some((true, s)) => text(s.clone())
                .size(theme::SMALL)
                .style(theme::text::success)
                .into(),
            Some((false, s)) => text(s.clone())
                .size(theme::SMALL)
                .style(theme::text::danger)
                .into(),
            None => widget::hint(tr.t("attendance-help")),
        };
        column![top, body, status].spacing(8).height(Fill).into()
    }

    fn day_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let date_bar = row![
            button(text("←").size(theme::TEXT))
                .padding([4, 10])
                .style(theme::button::secondary)
                .on_press(Message::Day(-1)),
            text_input("", &self.date_text)
                .id("attendance-date")
                .on_input(Message::DateText)
                .on_submit(Message::DateApply)
                .width(120)
                .padding(6)
                .size(theme::TEXT),
            button(text("→").size(theme::TEXT))
                .padding([4, 10])
                .style(theme::button::secondary)
                .on_press(Message::Day(1)),
            button(text(tr.t("attendance-today")).size(theme::SMALL))
                .padding([6, 10])
                .style(theme::button::secondary)
                .on_press(Message::Today),
            text(weekday(tr, self.date)).size(theme::TEXT),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        let Some(sheet) = &self.sheet else {
            return column![date_bar, widget::hint(tr.t("journal-loading"))]
                .spacing(8)
                .into();
        };
        if sheet.lessons.is_empty() {
            return column![date_bar, widget::hint(tr.t("attendance-no-lessons"))]
                .spacing(8)
                .into();
        }
        // The side panel beside the grid where both fit (names, a few lessons, the day's
        // totals); below it in a narrow window, so that nothing is drawn over anything.
        let ctx: Ctx<'a> = *ctx;
        let least = crate::gui::grid::NAME_W
            + crate::gui::grid::CELL_W * 4.0
            + self.model.pinned.iter().map(|p| p.width).sum::<f32>();
        let body = iced::widget::responsive(move |size| -> Element<'a, Message> {
            let grid: Element<'a, GridEvent> = canvas(Grid {
                model: &self.model,
                cursor: self.cursor,
                active: true,
            })
            .width(Fill)
            .height(Fill)
            .into();
            let grid = container(grid.map(Message::Grid))
                .id("attendance-grid")
                .width(Fill)
                .height(Fill)
                .style(theme::container::card);
            let side = container(self.day_side(sheet, &ctx))
                .id("attendance-side")
                .padding(12)
                .style(theme::container::card);
            if size.width >= least + 308.0 {
                row![grid, side.width(300).height(Fill)].spacing(8).into()
            } else {
                column![
                    grid,
                    scrollable(side.width(Fill))
                        .height(Length::Fixed((size.height * 0.4).max(160.0)))
                ]
                .spacing(8)
                .into()
            }
        });
        column![date_bar, body].spacing(8).height(Fill).into()
    }

    /// The day sheet's side panel: who is absent right now, the student under the cursor.
    fn day_side<'a>(&'a self, sheet: &'a DaySheet, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        // Who is absent right now, on today's sheet.
        let mut side = column![].spacing(8);
        if sheet.date == ctx.info.today
            && let Some(n) = self.current_lesson
        {
            let cols: Vec<usize> = sheet
                .lessons
                .iter()
                .enumerate()
                .filter(|(_, l)| l.lesson_no == n)
                .map(|(i, _)| i)
                .collect();
            let names: Vec<String> = sheet
                .rows
                .iter()
                .filter(|r| {
                    cols.iter()
                        .any(|&i| r.entries[i].is_some_and(|c| c.is_missed()))
                })
                .map(|r| r.name.short())
                .collect();
            side = side.push(
                text(tr.t_args("attendance-now", &[("n", (n as i64).into())]))
                    .size(theme::SMALL)
                    .font(theme::BOLD),
            );
            side = side.push(
                text(if names.is_empty() {
                    tr.t("attendance-now-none")
                } else {
                    names.join(", ")
                })
                .size(theme::SMALL),
            );
        }
        if let Some(r) = sheet.rows.get(self.cursor.0) {
            side = side.push(widget::subheading(r.name.short()));
            if let Some(l) = sheet.lessons.get(self.cursor.1) {
                side = side.push(
                    text(tr.t_args(
                        "attendance-from-lesson",
                        &[("n", (l.lesson_no as i64).into())],
                    ))
                    .size(theme::SMALL),
                );
                let mut codes = row![].spacing(4);
                for code in [
                    AttendanceCode::Absent,
                    AttendanceCode::Ill,
                    AttendanceCode::Excused,
                ] {
                    codes = codes.push(
                        button(text(code.symbol()).size(theme::SMALL))
                            .padding([4, 10])
                            .style(theme::button::secondary)
                            .on_press(Message::FromLessonOn(code)),
                    );
                }
                side = side.push(codes);
            }
            side = side.push(
                text(tr.t("attendance-note"))
                    .size(theme::SMALL)
                    .font(theme::BOLD),
            );
            side = side.push(
                row![
                    text_input("", &self.excuse_from)
                        .on_input(Message::ExcuseFrom)
                        .width(110)
                        .padding(4)
                        .size(theme::SMALL),
                    text("—").size(theme::SMALL),
                    text_input("", &self.excuse_to)
                        .on_input(Message::ExcuseTo)
                        .width(110)
                        .padding(4)
                        .size(theme::SMALL),
                ]
                .spacing(4)
                .align_y(iced::Alignment::Center),
            );
            side = side.push(
                row![
                    button(text(tr.t("attendance-excuse-up")).size(theme::SMALL))
                        .padding([4, 10])
                        .style(theme::button::primary)
                        .on_press(Message::Excuse(AttendanceCode::Excused)),
                    button(text(tr.t("attendance-excuse-ill")).size(theme::SMALL))
                        .padding([4, 10])
                        .style(theme::button::secondary)
                        .on_press(Message::Excuse(AttendanceCode::Ill)),
                ]
                .spacing(4),
            );
        }
        side.into()
    }

    fn totals_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let bar = row![
            text(tr.t("attendance-range")).size(theme::SMALL),
            text_input("", &self.from_text)
                .on_input(Message::TotalsFrom)
                .on_submit(Message::TotalsApply)
                .width(120)
                .padding(6)
                .size(theme::TEXT),
            text("—").size(theme::TEXT),
            text_input("", &self.to_text)
                .on_input(Message::TotalsTo)
                .on_submit(Message::TotalsApply)
                .width(120)
                .padding(6)
                .size(theme::TEXT),
            button(text(tr.t("attendance-show")).size(theme::SMALL))
                .padding([6, 12])
                .style(theme::button::primary)
                .on_press(Message::TotalsApply),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        let Some((list, sum, limit)) = &self.totals else {
            return column![bar, widget::hint(tr.t("journal-loading"))]
                .spacing(8)
                .into();
        };
        let h = |k: &str| text(tr.t(k)).size(theme::SMALL).font(theme::BOLD);
        let num = |n: u32| text(n.to_string()).size(theme::TEXT);
        let rows: Vec<&Totals> = list.iter().chain(std::iter::once(sum)).collect();
        let name = |t: &Totals| {
            t.name
                .as_ref()
                .map(|n| n.short())
                .unwrap_or_else(|| tr.t("attendance-class-total"))
        };
        let columns = vec![
            table::column(h("attendance-col-student"), move |t: &Totals| {
                let warn = t.student.is_some() && t.missed_percent() > *limit;
                let mut s = text(name(t)).size(theme::TEXT);
                if warn {
                    s = s.style(theme::text::danger);
                }
                s
            }),
            table::column(
                h("attendance-col-lessons"),
                move |t: &Totals| num(t.lessons),
            ),
            table::column(h("attendance-col-missed"), move |t: &Totals| {
                text(format!("{} ({:.0}%)", t.missed(), t.missed_percent())).size(theme::TEXT)
            }),
            table::column(h("attendance-col-absent"), move |t: &Totals| num(t.absent)),
            table::column(h("attendance-col-ill"), move |t: &Totals| num(t.ill)),
            table::column(
                h("attendance-col-excused"),
                move |t: &Totals| num(t.excused),
            ),
            table::column(
                h("attendance-col-days"),
                move |t: &Totals| num(t.whole_days),
            ),
            table::column(h("attendance-col-late"), move |t: &Totals| num(t.late)),
        ];
        let warned: Vec<String> = list
            .iter()
            .filter(|t| t.missed_percent() > *limit)
            .map(name)
            .collect();
        let warning = if warned.is_empty() {
            widget::hint(tr.t_args(
                "attendance-no-warnings",
                &[("limit", format!("{limit:.0}").into())],
            ))
        } else {
            text(tr.t_args(
                "attendance-warnings",
                &[
                    ("limit", format!("{limit:.0}").into()),
                    ("names", warned.join(", ").into()),
                ],
            ))
            .size(theme::SMALL)
            .style(theme::text::danger)
            .into()
        };
        column![
            bar,
            warning,
            iced::widget::scrollable(table(columns, rows).padding(6)).height(Fill)
        ]
        .spacing(8)
        .height(Fill)
        .into()
    }
}

fn weekday(tr: &Tr, d: NaiveDate) -> String {
    tr.t(&format!("weekday-{}", d.weekday().number_from_monday()))
}

fn sheet_model(sheet: &DaySheet, tr: &Tr) -> Model {
    let columns = sheet
        .lessons
        .iter()
        .map(|l| Column {
            group: String::new(),
            label: l.lesson_no.to_string(),
            sub: short_subject(&l.subject, l.group_name.as_deref()),
            shade: if l.cancelled {
                Shade::Cancelled
            } else {
                Shade::Normal
            },
        })
        .collect();
    let mut day = Pinned {
        title: tr.t("attendance-col-day"),
        width: 64.0,
        cells: Vec::new(),
    };
    let mut missed = Pinned {
        title: tr.t("attendance-col-missed-short"),
        width: 64.0,
        cells: Vec::new(),
    };
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    for r in &sheet.rows {
        rows.push(RowHead {
            label: r.name.short(),
            note: false,
        });
        let line: Vec<Cell> = r
            .entries
            .iter()
            .zip(&r.theirs)
            .zip(&r.late_minutes)
            .map(|((e, theirs), m)| Cell {
                text: match (e, m) {
                    (Some(AttendanceCode::Late), Some(m)) => format!("оп{m}"),
                    (Some(c), _) => c.symbol().to_string(),
                    (None, _) => String::new(),
                },
                tone: if e.is_some_and(|c| c.is_missed()) {
                    Tone::Absence
                } else {
                    Tone::Muted
                },
                shade: if *theirs { Shade::Normal } else { Shade::Off },
                flag: false,
            })
            .collect();
        let theirs = r.theirs.iter().filter(|t| **t).count();
        let n = r
            .entries
            .iter()
            .filter(|e| e.is_some_and(|c| c.is_missed()))
            .count();
        day.cells.push(Cell {
            text: if theirs > 0 && n == theirs {
                tr.t("attendance-whole-day")
            } else {
                String::new()
            },
            tone: Tone::Absence,
            ..Cell::default()
        });
        missed.cells.push(Cell {
            text: if n > 0 { n.to_string() } else { String::new() },
            tone: Tone::Muted,
            ..Cell::default()
        });
        cells.push(line);
    }
    Model {
        columns,
        rows,
        cells,
        pinned: vec![day, missed],
    }
}

/// A subject's short name for a narrow column: "Рус", "Англ¹".
fn short_subject(name: &str, group: Option<&str>) -> String {
    let base: String = name
        .split_whitespace()
        .next()
        .unwrap_or(name)
        .chars()
        .take(4)
        .collect();
    match group.and_then(|g| g.chars().next()) {
        Some(n) => format!("{base}{n}"),
        None => base,
    }
}
