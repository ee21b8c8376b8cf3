//! The year's calendar: which reporting scheme each grade follows (quarters, trimesters,
//! half-years), the periods' dates, the holidays, and the bell schedule. The screen checks dates,
//! times and overlaps first so that the usual slips are told in plain words; the core checks the
//! same again and refuses a scheme change once a grade has period marks.

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, text};
use iced::{Fill, FillPortion, Length};

use super::{Data, Outcome, action, card_in, change, date, frozen, head, hhmm, input, label, time};
use crate::gui::theme;
use crate::gui::widget::{self, Element};
use crate::i18n::Tr;
use crate::model::*;
use crate::ops;
use crate::school::Holiday;
use crate::setup::year;

#[derive(Debug, Default)]
pub struct Form {
    /// Period id → start and end as typed.
    periods: Vec<(PeriodId, String, String)>,
    holiday: HolidayDraft,
    /// Lesson number → start and end as typed.
    bells: Vec<(u8, String, String)>,
    bell: (String, String, String),
}

#[derive(Debug, Default)]
struct HolidayDraft {
    name: String,
    start: String,
    end: String,
    from: String,
    to: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Scheme(u8, Scheme),
    PeriodStart(PeriodId, String),
    PeriodEnd(PeriodId, String),
    SavePeriod(PeriodId),
    HolidayName(String),
    HolidayStart(String),
    HolidayEnd(String),
    HolidayFrom(String),
    HolidayTo(String),
    AddHoliday,
    DeleteHoliday(i64),
    BellStart(u8, String),
    BellEnd(u8, String),
    SaveBell(u8),
    DeleteBell(u8),
    NewBellNo(String),
    NewBellStart(String),
    NewBellEnd(String),
    AddBell,
}

fn scheme_key(s: Scheme) -> String {
    format!("school-schemes-{}", s.code())
}

/// "1–11 кл.", "1 кл."
fn grades_text(tr: &Tr, min: u8, max: u8) -> String {
    if min == max {
        tr.t_args("school-grade-one", &[("grade", min.into())])
    } else {
        tr.t_args(
            "school-grade-range",
            &[("from", min.into()), ("to", max.into())],
        )
    }
}

/// A period as the school writes it and the printed forms name it: "II четверть", "1 полугодие".
fn period_name(tr: &Tr, scheme: Scheme, number: u32) -> String {
    tr.period(scheme, number, false)
}

/// Grades in runs: "1–4, 6–9 кл.".
fn grades_list(tr: &Tr, grades: &[u8]) -> String {
    let mut sorted = grades.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(u8, u8)> = Vec::new();
    for g in sorted {
        match runs.last_mut() {
            Some((_, to)) if *to + 1 == g => *to = g,
            _ => runs.push((g, g)),
        }
    }
    let list = runs
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    tr.t_args("school-grades", &[("grades", list.into())])
}

impl Form {
    pub fn loaded(&mut self, d: &Data) {
        self.periods = d
            .periods
            .iter()
            .map(|p| (p.id, format_date(p.start), format_date(p.end)))
            .collect();
        self.bells = d
            .bells
            .iter()
            .map(|(n, a, b)| (*n, hhmm(*a), hhmm(*b)))
            .collect();
        self.bell = Default::default();
        self.holiday = HolidayDraft {
            from: "1".into(),
            to: "11".into(),
            ..Default::default()
        };
    }

    pub fn update(&mut self, message: Message, d: &Data, tr: &Tr) -> Outcome {
        self.try_update(message, d, tr)
            .unwrap_or_else(Outcome::Refuse)
    }

    fn try_update(&mut self, message: Message, d: &Data, tr: &Tr) -> Result<Outcome, String> {
        let saved = tr.t("school-saved");
        let Some(y) = d.year.clone().filter(|_| d.open()) else {
            return Ok(Outcome::None);
        };
        // Dates inside the year, the first not after the second.
        let span = |a: &str, b: &str| -> Result<(NaiveDate, NaiveDate), String> {
            let (a, b) = (date(tr, a)?, date(tr, b)?);
            if a > b {
                return Err(tr.t("school-dates-order"));
            }
            if a < y.start || b > y.end {
                return Err(tr.t_args(
                    "school-outside-year",
                    &[
                        ("start", format_date(y.start).into()),
                        ("end", format_date(y.end).into()),
                    ],
                ));
            }
            Ok((a, b))
        };
        match message {
            Message::Scheme(grade, scheme) => {
                if d.settled.contains(&grade) {
                    return Err(tr.t_args("school-scheme-settled", &[("grade", grade.into())]));
                }
                if d.schemes.contains(&(grade, scheme)) {
                    return Ok(Outcome::None);
                }
                let said = tr.t_args(
                    "school-scheme-changed",
                    &[
                        ("grade", grade.into()),
                        ("scheme", tr.t(&scheme_key(scheme)).into()),
                    ],
                );
                return Ok(change(said, move |db, s| {
                    ops::set_grade_scheme(db, s, y.id, grade, grade, scheme)
                }));
            }
            Message::PeriodStart(id, v) => {
                if let Some(p) = self.periods.iter_mut().find(|p| p.0 == id) {
                    p.1 = v;
                }
            }
            Message::PeriodEnd(id, v) => {
                if let Some(p) = self.periods.iter_mut().find(|p| p.0 == id) {
                    p.2 = v;
                }
            }
            Message::SavePeriod(id) => {
                let (Some((_, a, b)), Some(p)) = (
                    self.periods.iter().find(|p| p.0 == id),
                    d.periods.iter().find(|p| p.id == id),
                ) else {
                    return Ok(Outcome::None);
                };
                let (a, b) = span(a, b)?;
                if let Some(o) = d
                    .periods
                    .iter()
                    .find(|o| o.id != id && o.scheme == p.scheme && o.start <= b && a <= o.end)
                {
                    return Err(tr.t_args(
                        "school-period-overlap",
                        &[("period", period_name(tr, o.scheme, o.number).into())],
                    ));
                }
                return Ok(change(saved, move |db, s| {
                    ops::set_period_dates(db, s, id, a, b)
                }));
            }
            Message::HolidayName(v) => self.holiday.name = v,
            Message::HolidayStart(v) => self.holiday.start = v,
            Message::HolidayEnd(v) => self.holiday.end = v,
            Message::HolidayFrom(v) => self.holiday.from = v,
            Message::HolidayTo(v) => self.holiday.to = v,
            Message::AddHoliday => {
                let h = &self.holiday;
                if h.name.trim().is_empty() {
                    return Err(tr.t("school-holiday-name-needed"));
                }
                let (start, end) = span(&h.start, &h.end)?;
                let (Ok(min), Ok(max)) = (h.from.trim().parse::<u8>(), h.to.trim().parse::<u8>())
                else {
                    return Err(tr.t("school-bad-grades"));
                };
                if !(1..=11).contains(&min) || !(min..=11).contains(&max) {
                    return Err(tr.t("school-bad-grades"));
                }
                let holiday = Holiday {
                    name: h.name.trim().to_string(),
                    start,
                    end,
                    min_grade: min,
                    max_grade: max,
                };
                let said = tr.t_args(
                    "school-holiday-added",
                    &[("name", holiday.name.clone().into())],
                );
                return Ok(change(said, move |db, s| {
                    ops::add_holiday(db, s, y.id, &holiday).map(|_| ())
                })
                .then_focus("school-holiday-name"));
            }
            Message::DeleteHoliday(id) => {
                let name = d
                    .holidays
                    .iter()
                    .find(|h| h.0 == id)
                    .map(|h| h.1.name.clone())
                    .unwrap_or_default();
                let said = tr.t_args("school-holiday-deleted", &[("name", name.into())]);
                return Ok(change(said, move |db, s| ops::delete_holiday(db, s, id)));
            }
            Message::BellStart(n, v) => {
                if let Some(b) = self.bells.iter_mut().find(|b| b.0 == n) {
                    b.1 = v;
                }
            }
            Message::BellEnd(n, v) => {
                if let Some(b) = self.bells.iter_mut().find(|b| b.0 == n) {
                    b.2 = v;
                }
            }
            Message::SaveBell(n) => {
                let Some((_, a, b)) = self.bells.iter().find(|b| b.0 == n) else {
                    return Ok(Outcome::None);
                };
                let (a, b) = bell_times(tr, d, n, a, b)?;
                let said = tr.t_args("school-bell-saved", &[("number", n.into())]);
                return Ok(
                    change(said, move |db, s| ops::set_bell(db, s, y.id, n, a, b))
                        .then_focus("school-bell-no"),
                );
            }
            Message::DeleteBell(n) => {
                let said = tr.t_args("school-bell-deleted", &[("number", n.into())]);
                return Ok(change(said, move |db, s| ops::delete_bell(db, s, y.id, n)));
            }
            Message::NewBellNo(v) => self.bell.0 = v,
            Message::NewBellStart(v) => self.bell.1 = v,
            Message::NewBellEnd(v) => self.bell.2 = v,
            Message::AddBell => {
                let Some(n) = self.bell.0.trim().parse::<u8>().ok().filter(|n| *n <= 12) else {
                    return Err(tr.t("school-bad-lesson-number"));
                };
                if d.bells.iter().any(|b| b.0 == n) {
                    return Err(tr.t_args("school-bell-exists", &[("number", n.into())]));
                }
                let (a, b) = bell_times(tr, d, n, &self.bell.1, &self.bell.2)?;
                let said = tr.t_args("school-bell-saved", &[("number", n.into())]);
                return Ok(
                    change(said, move |db, s| ops::set_bell(db, s, y.id, n, a, b))
                        .then_focus("school-bell-no"),
                );
            }
        }
        Ok(Outcome::None)
    }

    pub fn view<'a>(&'a self, d: &'a Data, tr: &'a Tr, idle: bool) -> Element<'a, Message> {
        let Some(y) = &d.year else {
            return column![].into();
        };
        let open = d.open();
        let edit = idle && open;
        let on = |m: Message| edit.then_some(m);
        let small = |s: String| text(s).size(theme::SMALL);

        // Which scheme each grade follows: a row of grade buttons per scheme.
        let mut schemes = column![
            widget::subheading(tr.t("school-schemes-title")),
            widget::hint(tr.t("school-schemes-hint")),
        ]
        .spacing(8);
        for scheme in Scheme::ALL.iter().copied() {
            let mut grades = row![small(tr.t(&scheme_key(scheme))).width(110)]
                .spacing(4)
                .align_y(iced::Center);
            for g in 1..=11u8 {
                let active = d.schemes.contains(&(g, scheme));
                let settled = d.settled.contains(&g);
                grades = grades.push(
                    container(
                        button(
                            text(g.to_string())
                                .size(theme::SMALL)
                                .width(Fill)
                                .align_x(iced::Center),
                        )
                        .width(38)
                        .padding([4, 0])
                        .style(theme::button::segment(active))
                        .on_press_maybe(
                            on(Message::Scheme(g, scheme)).filter(|_| !active && !settled),
                        ),
                    )
                    .id(format!("school-scheme-{}-{g}", scheme.code())),
                );
            }
            schemes = schemes.push(grades);
        }
        if !d.settled.is_empty() {
            let list = d
                .settled
                .iter()
                .map(|g| g.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            schemes = schemes.push(widget::hint(
                tr.t_args("school-schemes-settled", &[("grades", list.into())]),
            ));
        }

        // Periods of the schemes in use.
        let mut periods = column![widget::subheading(
            tr.t_args("school-periods", &[("year", y.name.clone().into())])
        )]
        .spacing(6);
        periods = periods.push(
            row![
                head(tr, "school-col-period").width(Fill),
                head(tr, "school-col-start").width(105),
                head(tr, "school-col-end").width(105),
                text("").width(90),
            ]
            .spacing(8),
        );
        let mut shown: Vec<&year::PeriodRow> =
            d.periods.iter().filter(|p| !p.grades.is_empty()).collect();
        shown.sort_by_key(|p| (Scheme::ALL.iter().position(|s| *s == p.scheme), p.number));
        for p in shown {
            let Some((_, a, b)) = self.periods.iter().find(|x| x.0 == p.id) else {
                continue;
            };
            let id = p.id;
            periods = periods.push(
                row![
                    small(format!(
                        "{} ({})",
                        period_name(tr, p.scheme, p.number),
                        grades_list(tr, &p.grades)
                    ))
                    .width(Fill),
                    field(
                        open,
                        a,
                        format!("school-period-start-{id}"),
                        move |v| Message::PeriodStart(id, v),
                        on(Message::SavePeriod(id))
                    )
                    .width(105),
                    field(
                        open,
                        b,
                        format!("school-period-end-{id}"),
                        move |v| Message::PeriodEnd(id, v),
                        on(Message::SavePeriod(id))
                    )
                    .width(105),
                    container(action(tr.t("school-save"), on(Message::SavePeriod(id)))).width(90),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }

        // The bell schedule.
        let mut bells = column![
            widget::subheading(tr.t("school-bells")),
            row![
                head(tr, "school-col-lesson").width(44),
                head(tr, "school-col-start").width(64),
                head(tr, "school-col-end").width(64),
            ]
            .spacing(8),
        ]
        .spacing(6);
        for (n, a, b) in &self.bells {
            let n = *n;
            bells = bells.push(
                row![
                    small(n.to_string()).width(44),
                    field(
                        open,
                        a,
                        format!("school-bell-start-{n}"),
                        move |v| Message::BellStart(n, v),
                        on(Message::SaveBell(n))
                    )
                    .width(64),
                    field(
                        open,
                        b,
                        format!("school-bell-end-{n}"),
                        move |v| Message::BellEnd(n, v),
                        on(Message::SaveBell(n))
                    )
                    .width(64),
                    container(action(tr.t("school-save"), on(Message::SaveBell(n))))
                        .id(format!("school-bell-save-{n}")),
                    container(action(tr.t("school-delete"), on(Message::DeleteBell(n))))
                        .id(format!("school-bell-delete-{n}")),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        bells = bells.push(
            row![
                field(
                    open,
                    &self.bell.0,
                    "school-bell-no",
                    Message::NewBellNo,
                    on(Message::AddBell)
                )
                .width(44),
                field(
                    open,
                    &self.bell.1,
                    "school-bell-start",
                    Message::NewBellStart,
                    on(Message::AddBell)
                )
                .width(64),
                field(
                    open,
                    &self.bell.2,
                    "school-bell-end",
                    Message::NewBellEnd,
                    on(Message::AddBell)
                )
                .width(64),
                action(tr.t("school-add-bell"), on(Message::AddBell)),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
        bells = bells.push(widget::hint(tr.t("school-bells-hint")));

        // Holidays.
        let mut holidays = column![widget::subheading(tr.t("school-holidays"))].spacing(6);
        if d.holidays.is_empty() {
            holidays = holidays.push(widget::hint(tr.t("school-no-holidays")));
        }
        for (id, h) in &d.holidays {
            let id = *id;
            holidays = holidays.push(
                row![
                    small(h.name.clone()).width(Fill),
                    small(format!("{} – {}", format_date(h.start), format_date(h.end))).width(200),
                    small(grades_text(tr, h.min_grade, h.max_grade)).width(110),
                    container(action(
                        tr.t("school-delete"),
                        on(Message::DeleteHoliday(id))
                    ))
                    .id(format!("school-holiday-delete-{id}")),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        let h = &self.holiday;
        let labelled = |key: &str, field: Element<'a, Message>, width: Length| {
            column![label(tr, key), field].spacing(2).width(width)
        };
        holidays = holidays.push(
            row![
                labelled(
                    "school-holiday-name",
                    field(
                        open,
                        &h.name,
                        "school-holiday-name",
                        Message::HolidayName,
                        on(Message::AddHoliday)
                    )
                    .into(),
                    Fill
                ),
                labelled(
                    "school-col-start",
                    field(
                        open,
                        &h.start,
                        "school-holiday-start",
                        Message::HolidayStart,
                        on(Message::AddHoliday)
                    )
                    .into(),
                    Length::Fixed(105.0)
                ),
                labelled(
                    "school-col-end",
                    field(
                        open,
                        &h.end,
                        "school-holiday-end",
                        Message::HolidayEnd,
                        on(Message::AddHoliday)
                    )
                    .into(),
                    Length::Fixed(105.0)
                ),
                labelled(
                    "school-holiday-from",
                    field(
                        open,
                        &h.from,
                        "school-holiday-from",
                        Message::HolidayFrom,
                        on(Message::AddHoliday)
                    )
                    .into(),
                    Length::Fixed(60.0)
                ),
                labelled(
                    "school-holiday-to",
                    field(
                        open,
                        &h.to,
                        "school-holiday-to",
                        Message::HolidayTo,
                        on(Message::AddHoliday)
                    )
                    .into(),
                    Length::Fixed(60.0)
                ),
                action(tr.t("school-add-holiday"), on(Message::AddHoliday)),
            ]
            .spacing(8)
            .align_y(iced::Bottom),
        );

        column![
            card_in(schemes, Fill),
            row![
                card_in(periods, FillPortion(3)),
                card_in(bells, FillPortion(2))
            ]
            .spacing(14),
            card_in(holidays, Fill),
        ]
        .spacing(14)
        .into()
    }
}

/// A field of the calendar: read-only while the year shown is closed.
fn field<'a>(
    open: bool,
    value: &str,
    id: impl Into<iced::widget::Id>,
    on: impl Fn(String) -> Message + 'a,
    submit: Option<Message>,
) -> iced::widget::TextInput<'a, Message> {
    frozen(input(value, id, on, submit), open)
}

/// A lesson's times as typed, checked: a start before the end, not overlapping another lesson.
fn bell_times(
    tr: &Tr,
    d: &Data,
    n: u8,
    a: &str,
    b: &str,
) -> Result<(chrono::NaiveTime, chrono::NaiveTime), String> {
    let (a, b) = (time(tr, a)?, time(tr, b)?);
    if a >= b {
        return Err(tr.t("school-bell-order"));
    }
    if let Some((o, _, _)) = d.bells.iter().find(|(o, s, e)| *o != n && *s < b && a < *e) {
        return Err(tr.t_args("school-bell-overlap", &[("number", (*o).into())]));
    }
    Ok((a, b))
}
