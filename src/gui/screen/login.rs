//! Logging in on a shared staff-room PC, and the lock screen. Pick a recent login or type one,
//! enter the password; the core counts wrong passwords and locks the account for a while, and
//! this screen says so in plain words. Locked, the screen keeps the locked user's workspace
//! underneath: that user's password brings it back as it was; "another user" lets someone else
//! log in, and their login starts fresh.

use std::mem;

use iced::widget::{button, column, container, operation, row, text};
use iced::{Center, Fill, Task};

use super::Workspace;
use crate::auth::{self, Session};
use crate::error::{AuthError, Error};
use crate::gui::widget::{self, Element};
use crate::gui::work::{Info, JournalFile};
use crate::gui::{lang_switch, theme};
use crate::i18n::{Lang, Tr};

/// Why the workspace was locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    /// No input for this many minutes.
    Idle(u32),
    /// The user locked it (Ctrl+L, the sidebar button).
    Manual,
}

/// A workspace hidden behind the lock.
pub struct Suspended {
    pub workspace: Box<Workspace>,
    pub reason: LockReason,
}

pub struct Login {
    school: Option<String>,
    recent: Vec<String>,
    login: String,
    password: String,
    error: Option<Error>,
    busy: bool,
    suspended: Option<Suspended>,
    /// On the lock screen: someone else is logging in.
    other_user: bool,
    /// Wrong passwords typed on the lock screen (not counted against the account; after
    /// [`UNLOCK_TRIES`] the lock screen gives way to a full login, which counts).
    unlock_tries: u32,
}

/// How many wrong passwords the lock screen takes before it asks for a full login.
pub const UNLOCK_TRIES: u32 = 3;

/// What a successful login gives: the session and the file's school, year and settings as they
/// are now.
#[derive(Debug, Clone)]
pub struct Granted {
    pub session: Session,
    pub info: Info,
}

#[derive(Debug, Clone)]
pub enum Message {
    Login(String),
    Password(String),
    Pick(String),
    Submit,
    Done(Result<Box<Granted>, Error>),
    OtherUser,
    /// Back from "another user" to unlocking for the locked user.
    BackToLock,
    OtherFile,
    Lang(Lang),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The core accepted the password. `password` is passed on for a forced change, which needs
    /// the old one and should not ask for it twice.
    LoggedIn {
        granted: Box<Granted>,
        password: String,
    },
    OtherFile,
    SetLang(Lang),
}

pub const LOGIN_ID: &str = "login";
pub const PASSWORD_ID: &str = "password";

impl Login {
    /// The login screen of a file. `login` fills the login field (the administrator just created).
    pub fn new(info: &Info, recent: Vec<String>, login: Option<String>) -> (Login, Task<Message>) {
        let focus = if login.is_some() {
            PASSWORD_ID
        } else {
            LOGIN_ID
        };
        let screen = Login {
            school: info.school.as_ref().map(|s| s.name.clone()),
            recent,
            login: login.unwrap_or_default(),
            password: String::new(),
            error: None,
            busy: false,
            suspended: None,
            other_user: false,
            unlock_tries: 0,
        };
        (screen, operation::focus(focus))
    }

    /// The lock screen over `workspace`.
    pub fn locked(
        workspace: Workspace,
        reason: LockReason,
        recent: Vec<String>,
    ) -> (Login, Task<Message>) {
        let screen = Login {
            school: workspace.info.school.as_ref().map(|s| s.name.clone()),
            recent,
            login: workspace.session.login.clone(),
            password: String::new(),
            error: None,
            busy: false,
            suspended: Some(Suspended {
                workspace: Box::new(workspace),
                reason,
            }),
            other_user: false,
            unlock_tries: 0,
        };
        (screen, operation::focus(PASSWORD_ID))
    }

    pub fn is_locked(&self) -> bool {
        self.suspended.is_some()
    }

    /// Takes the workspace out from under the lock.
    pub fn into_suspended(self) -> Option<Suspended> {
        self.suspended
    }

    pub fn update(&mut self, message: Message, file: &JournalFile) -> Action {
        match message {
            Message::Login(l) => self.login = l,
            Message::Password(p) => self.password = p,
            Message::Pick(l) => {
                self.login = l;
                self.password.clear();
                self.error = None;
                return Action::Run(operation::focus(PASSWORD_ID));
            }
            Message::Submit => {
                if self.busy {
                    return Action::None;
                }
                // Enter in an empty field moves on; it does not spend an attempt on nothing.
                if self.login.trim().is_empty() {
                    return Action::Run(operation::focus(LOGIN_ID));
                }
                if self.password.is_empty() {
                    return Action::Run(operation::focus(PASSWORD_ID));
                }
                self.busy = true;
                self.error = None;
                let (login, password) = (self.login.trim().to_string(), self.password.clone());
                // The lock screen checks the locked user's password without counting a miss
                // against them: at a shared PC it is often the next person typing their own.
                let locked = self
                    .suspended
                    .as_ref()
                    .filter(|_| !self.other_user)
                    .map(|s| s.workspace.session.clone());
                let work = file.run(move |db| {
                    let session = match &locked {
                        Some(s) => auth::unlock(db, s, &password)?,
                        None => auth::login(db, &login, &password)?,
                    };
                    Ok(Box::new(Granted {
                        session,
                        info: Info::read(db)?,
                    }))
                });
                return Action::Run(Task::perform(work, Message::Done));
            }
            Message::Done(Ok(granted)) => {
                self.busy = false;
                return Action::LoggedIn {
                    granted,
                    password: mem::take(&mut self.password),
                };
            }
            Message::Done(Err(e)) => {
                self.busy = false;
                self.password.clear();
                if matches!(e, Error::Auth(AuthError::NotTheLockedUser)) {
                    self.unlock_tries += 1;
                    if self.unlock_tries >= UNLOCK_TRIES {
                        // Enough guesses at the locked account: a full login from here on.
                        self.other_user = true;
                        self.login.clear();
                        self.error = Some(Error::said("said-lock-tries-spent", &[]));
                        return Action::Run(operation::focus(LOGIN_ID));
                    }
                }
                self.error = Some(e);
                return Action::Run(operation::focus(PASSWORD_ID));
            }
            Message::OtherUser => {
                self.other_user = true;
                self.login.clear();
                self.password.clear();
                self.error = None;
                return Action::Run(operation::focus(LOGIN_ID));
            }
            Message::BackToLock => {
                if let Some(s) = self
                    .suspended
                    .as_ref()
                    .filter(|_| self.unlock_tries < UNLOCK_TRIES)
                {
                    self.other_user = false;
                    self.login = s.workspace.session.login.clone();
                    self.password.clear();
                    self.error = None;
                    return Action::Run(operation::focus(PASSWORD_ID));
                }
            }
            Message::OtherFile => return Action::OtherFile,
            Message::Lang(l) => return Action::SetLang(l),
        }
        Action::None
    }

    pub fn view<'a>(&'a self, tr: &Tr, file: &JournalFile) -> Element<'a, Message> {
        let submit = (!self.busy).then_some(Message::Submit);
        let password = widget::field(
            tr.t("field-password"),
            PASSWORD_ID,
            &self.password,
            true,
            Message::Password,
            submit.clone(),
        );
        let button_label = if self.busy {
            tr.t("login-checking")
        } else {
            tr.t("login-submit")
        };

        let mut form = column![].spacing(14);
        let locked_to = self.suspended.as_ref().filter(|_| !self.other_user);

        if let Some(s) = locked_to {
            let session = &s.workspace.session;
            let why = match s.reason {
                LockReason::Idle(m) => tr.t_args("lock-idle", &[("minutes", m.into())]),
                LockReason::Manual => tr.t("lock-manual"),
            };
            form = form
                .push(widget::heading(tr.t("lock-title")))
                .push(text(why).size(theme::TEXT))
                .push(widget::notice(
                    column![
                        text(session.name.full())
                            .size(theme::SUBHEADING)
                            .font(theme::BOLD),
                        text(format!("{} · {}", session.login, tr.roles(&session.roles)))
                            .size(theme::SMALL),
                    ]
                    .spacing(4),
                ))
                .push(password);
            if let Some(e) = &self.error {
                form = form.push(widget::error_box(tr.error(e)));
            }
            form = form.push(
                row![
                    button(text(if self.busy {
                        tr.t("login-checking")
                    } else {
                        tr.t("lock-unlock")
                    }))
                    .padding([10, 20])
                    .style(theme::button::primary)
                    .on_press_maybe(submit),
                    button(text(tr.t("lock-other-user")))
                        .padding([10, 20])
                        .style(theme::button::secondary)
                        .on_press(Message::OtherUser),
                ]
                .spacing(12),
            );
        } else {
            form = form.push(widget::heading(tr.t("login-title")));
            if let Some(school) = &self.school {
                form = form.push(text(school.clone()).size(theme::SUBHEADING));
            }
            if self.suspended.is_some() {
                form = form.push(widget::hint(tr.t("lock-other-user-note")));
            }
            if !self.recent.is_empty() {
                let chips = self.recent.iter().fold(row![].spacing(8), |r, l| {
                    r.push(
                        button(text(l.clone()).size(theme::TEXT))
                            .padding([5, 14])
                            .style(theme::button::chip)
                            .on_press(Message::Pick(l.clone())),
                    )
                });
                form = form.push(
                    column![text(tr.t("login-recent")).size(theme::SMALL), chips.wrap()].spacing(6),
                );
            }
            form = form
                .push(widget::field(
                    tr.t("field-login"),
                    LOGIN_ID,
                    &self.login,
                    false,
                    Message::Login,
                    submit.clone(),
                ))
                .push(password);
            if let Some(e) = &self.error {
                form = form.push(widget::error_box(tr.error(e)));
            }
            let mut actions = row![
                button(text(button_label).size(theme::TEXT))
                    .padding([10, 24])
                    .style(theme::button::primary)
                    .on_press_maybe(submit),
            ]
            .spacing(12);
            if self.suspended.is_some() && self.unlock_tries < UNLOCK_TRIES {
                actions = actions.push(
                    button(text(tr.t("back")).size(theme::TEXT))
                        .padding([10, 24])
                        .style(theme::button::secondary)
                        .on_press(Message::BackToLock),
                );
            }
            form = form.push(actions);
        }

        let mut footer = column![widget::hint(tr.t_args(
            "login-file",
            &[("path", file.path().display().to_string().into())]
        ))]
        .spacing(4);
        // Behind the lock is someone's work: no leaving for another file from here.
        if self.suspended.is_none() {
            footer = footer.push(
                button(text(tr.t("login-other-file")).size(theme::SMALL))
                    .padding(0)
                    .style(theme::button::link)
                    .on_press(Message::OtherFile),
            );
        }

        let card = container(column![form, footer].spacing(24))
            .padding(32)
            .max_width(560)
            .style(theme::container::card);
        column![
            row![
                iced::widget::space().width(Fill),
                lang_switch(tr.lang(), Message::Lang)
            ],
            container(card).center(Fill),
        ]
        .padding(16)
        .align_x(Center)
        .into()
    }
}
