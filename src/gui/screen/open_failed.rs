//! A journal file that would not open: which file, what is wrong with it in plain words, and the
//! ways out that fit the problem — try again (a busy file), open a backup copy (a damaged one),
//! another file, create a new school (a file that is not there), or go back to the start.

use std::path::PathBuf;

use iced::widget::{button, column, container, row, text};
use iced::{Fill, Task};

use crate::error::Error;
use crate::gui::widget::{self, Element};
use crate::gui::{Env, lang_switch, theme};
use crate::i18n::{Lang, Tr};

pub struct OpenFailed {
    path: PathBuf,
    error: Error,
}

#[derive(Debug, Clone)]
pub enum Message {
    Retry,
    PickOther,
    Picked(Option<PathBuf>),
    NewSchool,
    Start,
    Lang(Lang),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Open(PathBuf),
    /// Create a new school in the file that was not found.
    NewSchoolAt(PathBuf),
    Start,
    SetLang(Lang),
}

impl OpenFailed {
    pub fn new(path: PathBuf, error: Error) -> OpenFailed {
        OpenFailed { path, error }
    }

    pub fn error(&self) -> &Error {
        &self.error
    }

    pub fn update(&mut self, message: Message, env: &Env, tr: &Tr) -> Action {
        match message {
            Message::Retry => Action::Open(self.path.clone()),
            Message::PickOther => {
                let title = if matches!(self.error, Error::Corrupt(_)) {
                    "open-backup"
                } else {
                    "open-title"
                };
                Action::Run(Task::perform(
                    env.picker.open_journal(tr.t(title)),
                    Message::Picked,
                ))
            }
            Message::Picked(Some(path)) => Action::Open(path),
            Message::Picked(None) => Action::None,
            Message::NewSchool => Action::NewSchoolAt(self.path.clone()),
            Message::Start => Action::Start,
            Message::Lang(l) => Action::SetLang(l),
        }
    }

    pub fn view<'a>(&'a self, tr: &Tr) -> Element<'a, Message> {
        let primary = |label: String, m: Message| {
            button(text(label).size(theme::TEXT))
                .padding([10, 20])
                .style(theme::button::primary)
                .on_press(m)
        };
        let secondary = |label: String, m: Message| {
            button(text(label).size(theme::TEXT))
                .padding([10, 20])
                .style(theme::button::secondary)
                .on_press(m)
        };
        let actions = match &self.error {
            Error::Missing(_) => row![
                primary(tr.t("open-other"), Message::PickOther),
                secondary(tr.t("open-new-school-here"), Message::NewSchool),
                secondary(tr.t("open-retry"), Message::Retry),
            ],
            Error::Corrupt(_) => row![
                primary(tr.t("open-backup"), Message::PickOther),
                secondary(tr.t("open-retry"), Message::Retry),
            ],
            Error::Busy
            | Error::ReadOnly(_)
            | Error::NoAccess(_)
            | Error::DiskFull
            | Error::Io(_)
            | Error::Db(_) => {
                row![
                    primary(tr.t("open-retry"), Message::Retry),
                    secondary(tr.t("open-other"), Message::PickOther),
                ]
            }
            _ => row![primary(tr.t("open-other"), Message::PickOther)],
        }
        .spacing(12)
        .push(secondary(tr.t("open-start"), Message::Start));

        let card = container(
            column![
                widget::heading(tr.t("open-failed-title")),
                column![
                    text(tr.t("open-failed-file"))
                        .size(theme::SMALL)
                        .style(theme::text::muted),
                    text(self.path.display().to_string())
                        .size(theme::TEXT)
                        .font(theme::BOLD),
                ]
                .spacing(2),
                widget::error_box(tr.error(&self.error)),
                actions.wrap(),
            ]
            .spacing(16),
        )
        .padding(32)
        .max_width(820)
        .style(theme::container::card);
        column![
            row![
                iced::widget::space().width(Fill),
                lang_switch(tr.lang(), Message::Lang)
            ],
            container(card).center(Fill),
        ]
        .padding(16)
        .into()
    }
}
