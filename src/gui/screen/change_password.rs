//! Changing one's own password. Forced after logging in with a temporary password (the one just
//! typed is the old one, so it is not asked again, and the only way out is logging out); asked
//! for from the settings (the current password is asked, and cancelling returns to work). The
//! rules — length, not the login, not the old one — are the core's.

use iced::widget::{button, column, container, operation, row, text};
use iced::{Fill, Task};

use super::Workspace;
use crate::auth::{MIN_PASSWORD_LEN, Session};
use crate::error::Error;
use crate::gui::theme;
use crate::gui::widget::{self, Element};
use crate::gui::work::{Info, JournalFile};
use crate::i18n::Tr;

pub struct ChangePassword {
    pub session: Session,
    pub info: Info,
    /// The temporary password the user logged in with; `None` when the change was asked for.
    forced_old: Option<String>,
    old: String,
    new: String,
    repeat: String,
    error: Option<Problem>,
    busy: bool,
    /// The workspace to return to after a change asked for from the settings.
    return_to: Option<Box<Workspace>>,
}

enum Problem {
    Core(Error),
    Mismatch,
}

#[derive(Debug, Clone)]
pub enum Message {
    Old(String),
    New(String),
    Repeat(String),
    Submit,
    Done(Result<Session, Error>),
    Cancel,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The password was changed; the session no longer needs a change.
    Changed(Session),
    /// Forced: log out. Asked for: back to work unchanged.
    Cancel,
}

pub const OLD_ID: &str = "old-password";
pub const NEW_ID: &str = "new-password";
pub const REPEAT_ID: &str = "repeat-password";

impl ChangePassword {
    /// After a login with a temporary password.
    pub fn forced(
        session: Session,
        info: Info,
        password: String,
    ) -> (ChangePassword, Task<Message>) {
        (
            Self::build(session, info, Some(password), None),
            operation::focus(NEW_ID),
        )
    }

    /// Asked for from the settings of `workspace`.
    pub fn asked(workspace: Workspace) -> (ChangePassword, Task<Message>) {
        let (session, info) = (workspace.session.clone(), workspace.info.clone());
        (
            Self::build(session, info, None, Some(Box::new(workspace))),
            operation::focus(OLD_ID),
        )
    }

    fn build(
        session: Session,
        info: Info,
        forced_old: Option<String>,
        return_to: Option<Box<Workspace>>,
    ) -> Self {
        ChangePassword {
            session,
            info,
            forced_old,
            old: String::new(),
            new: String::new(),
            repeat: String::new(),
            error: None,
            busy: false,
            return_to,
        }
    }

    pub fn is_forced(&self) -> bool {
        self.forced_old.is_some()
    }

    /// The workspace this change will return to.
    pub fn into_workspace(self) -> Option<Workspace> {
        self.return_to.map(|w| *w)
    }

    pub fn update(&mut self, message: Message, file: &JournalFile) -> Action {
        match message {
            Message::Old(s) => self.old = s,
            Message::New(s) => self.new = s,
            Message::Repeat(s) => self.repeat = s,
            Message::Submit => {
                if self.busy {
                    return Action::None;
                }
                // Enter in a field that is not the last moves on to the next empty one.
                if !self.is_forced() && self.old.is_empty() {
                    return Action::Run(operation::focus(OLD_ID));
                }
                if self.new.is_empty() {
                    return Action::Run(operation::focus(NEW_ID));
                }
                if self.repeat.is_empty() {
                    return Action::Run(operation::focus(REPEAT_ID));
                }
                if self.new != self.repeat {
                    self.error = Some(Problem::Mismatch);
                    self.repeat.clear();
                    return Action::Run(operation::focus(REPEAT_ID));
                }
                self.busy = true;
                self.error = None;
                let old = self.forced_old.clone().unwrap_or_else(|| self.old.clone());
                let (session, new) = (self.session.clone(), self.new.clone());
                let work =
                    file.run(move |db| crate::ops::change_password(db, &session, &old, &new));
                return Action::Run(Task::perform(work, Message::Done));
            }
            Message::Done(Ok(session)) => {
                self.busy = false;
                return Action::Changed(session);
            }
            Message::Done(Err(e)) => {
                self.busy = false;
                self.error = Some(Problem::Core(e));
                return Action::Run(operation::focus(if self.is_forced() {
                    NEW_ID
                } else {
                    OLD_ID
                }));
            }
            Message::Cancel => return Action::Cancel,
        }
        Action::None
    }

    pub fn view<'a>(&'a self, tr: &Tr) -> Element<'a, Message> {
        let submit = (!self.busy).then_some(Message::Submit);
        let mut form = column![widget::heading(tr.t("change-password-title"))].spacing(14);
        form = form.push(
            text(format!(
                "{} ({})",
                self.session.name.full(),
                self.session.login
            ))
            .size(theme::SUBHEADING),
        );
        if self.is_forced() {
            form = form.push(widget::notice(
                text(tr.t("change-password-forced")).size(theme::TEXT),
            ));
        } else {
            form = form.push(widget::field(
                tr.t("field-old-password"),
                OLD_ID,
                &self.old,
                true,
                Message::Old,
                submit.clone(),
            ));
        }
        form =
            form.push(widget::field(
                tr.t("field-new-password"),
                NEW_ID,
                &self.new,
                true,
                Message::New,
                submit.clone(),
            ))
            .push(widget::field(
                tr.t("field-password-repeat"),
                REPEAT_ID,
                &self.repeat,
                true,
                Message::Repeat,
                submit.clone(),
            ))
            .push(widget::hint(
                tr.t_args("password-rules", &[("min", MIN_PASSWORD_LEN.into())]),
            ));
        match &self.error {
            Some(Problem::Core(e)) => form = form.push(widget::error_box(tr.error(e))),
            Some(Problem::Mismatch) => {
                form = form.push(widget::error_box(tr.t("passwords-differ")))
            }
            None => {}
        }
        let cancel = if self.is_forced() {
            tr.t("change-password-logout")
        } else {
            tr.t("cancel")
        };
        form = form.push(
            row![
                button(text(if self.busy {
                    tr.t("working")
                } else {
                    tr.t("change-password-submit")
                }))
                .padding([10, 20])
                .style(theme::button::primary)
                .on_press_maybe(submit),
                button(text(cancel))
                    .padding([10, 20])
                    .style(theme::button::secondary)
                    .on_press(Message::Cancel),
            ]
            .spacing(12),
        );
        container(
            container(form)
                .padding(32)
                .max_width(560)
                .style(theme::container::card),
        )
        .center(Fill)
        .into()
    }
}
