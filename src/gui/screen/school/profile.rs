//! The school's profile (name, address, director) and the journal's settings: the edit window, the
//! proposed-mark rounding, the idle lock, the absence warning and the login lockout.

use iced::widget::{column, pick_list, row};

use super::{Choice, Data, Outcome, card, change, input, label};
use crate::gui::widget::{self, Element};
use crate::i18n::Tr;
use crate::model::*;
use crate::ops;
use crate::school::School as Profile;
use crate::setup::year;

#[derive(Debug, Default)]
pub struct Form {
    name: String,
    address: String,
    director: String,
    settings: Option<year::SchoolSettings>,
    idle: String,
    absence: String,
    max_failed: String,
    lockout: String,
}

#[derive(Debug, Clone)]
pub enum Message {
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

impl Form {
    pub fn loaded(&mut self, d: &Data) {
        self.name = d.profile.name.clone();
        self.address = d.profile.address.clone();
        self.director = d.profile.director.clone();
        self.settings = Some(d.settings);
        self.idle = d.settings.idle_lock_minutes.to_string();
        self.absence = d.settings.absence_warning_percent.to_string();
        self.max_failed = d.settings.max_failed_logins.to_string();
        self.lockout = d.settings.lockout_minutes.to_string();
    }

    pub fn update(&mut self, message: Message, tr: &Tr) -> Outcome {
        let saved = tr.t("school-saved");
        match message {
            Message::Name(v) => self.name = v,
            Message::Address(v) => self.address = v,
            Message::Director(v) => self.director = v,
            Message::SaveProfile => {
                let p = Profile {
                    name: self.name.clone(),
                    address: self.address.clone(),
                    director: self.director.clone(),
                };
                return change(saved, move |db, s| ops::update_profile(db, s, &p));
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
                    return Outcome::None;
                };
                let (Ok(idle), Some(abs), Ok(maxf), Ok(lock)) = (
                    self.idle.trim().parse(),
                    super::number(&self.absence),
                    self.max_failed.trim().parse(),
                    self.lockout.trim().parse(),
                ) else {
                    return Outcome::Refuse(tr.t("school-bad-number"));
                };
                s.idle_lock_minutes = idle;
                s.absence_warning_percent = abs;
                s.max_failed_logins = maxf;
                s.lockout_minutes = lock;
                return change(saved, move |db, ses| ops::save_settings(db, ses, &s));
            }
        }
        Outcome::None
    }

    pub fn view<'a>(&'a self, _d: &'a Data, tr: &'a Tr, idle: bool) -> Element<'a, Message> {
        let btn = |key: &str, m: Message| super::action(tr.t(key), idle.then_some(m));
        let mut page = column![card(
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
        )]
        .spacing(14);
        if let Some(s) = &self.settings {
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
            let small = |v: &str, id: &'static str, m: fn(String) -> Message| {
                input(v, id, m, Some(Message::SaveSettings)).width(60)
            };
            page = page.push(card(
                column![
                    widget::subheading(tr.t("school-settings")),
                    row![
                        label(tr, "school-edit-window"),
                        pick_list(
                            windows,
                            Some(Choice {
                                value: s.edit_window,
                                label: tr.t(window_key(s.edit_window))
                            }),
                            Message::EditWindow
                        ),
                        label(tr, "school-rounding"),
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
                    // Each label stays with its field; the pairs wrap in a narrow window.
                    row![
                        pair(
                            label(tr, "school-idle"),
                            small(&self.idle, "school-idle", Message::Idle)
                        ),
                        pair(
                            label(tr, "school-absence"),
                            small(&self.absence, "school-absence", Message::Absence)
                        ),
                        pair(
                            label(tr, "school-max-failed"),
                            small(&self.max_failed, "school-max-failed", Message::MaxFailed)
                        ),
                        pair(
                            label(tr, "school-lockout"),
                            small(&self.lockout, "school-lockout", Message::Lockout)
                        ),
                    ]
                    .spacing(16)
                    .wrap()
                    .vertical_spacing(8),
                    btn("school-save", Message::SaveSettings),
                ]
                .spacing(8),
            ));
        }
        page.into()
    }
}

/// A label and its field, side by side.
fn pair<'a>(
    label: Element<'a, Message>,
    field: impl Into<Element<'a, Message>>,
) -> Element<'a, Message> {
    row![label, field.into()]
        .spacing(8)
        .align_y(iced::Center)
        .into()
}
