//! The administrator's staff accounts: the list (name, login, roles, state), creating an account
//! with several roles and a temporary password, and for a chosen account — correct its name and
//! roles, reset its password, switch it off (a leaver keeps their history, which the card counts)
//! or on, and the compromised account of seed 004 §3.4: lock it "compromised since" a moment, see
//! every change it made since then, revert them in one audited action (all or nothing: what stops
//! it is named), and give the account back with a new temporary password.
//!
//! The login slip to hand over (seed 004 А.3) is printed right here: for a new account, or from an
//! account's card, a PDF with a fresh temporary password is saved where the administrator says and
//! can be opened at once.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use iced::widget::{
    button, checkbox, column, container, operation, row, scrollable, table, text, text_input,
};
use iced::{Fill, Task};

use crate::auth::{self, NewStaff, StaffRow};
use crate::error::Error;
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::format_datetime;
use crate::model::{PersonName, Role, StaffId, collate_key, format_date};
use crate::report::{self, Form, Progress, ReportError, Request};
use crate::setup::staff::{self as accounts, AccountProblem, Change, Footprint, RevertReport};

/// The page's scrollable, snapped to the top when a card opens or closes.
const PAGE: &str = "staff-page";

pub struct Staff {
    rows: Option<Result<Vec<StaffRow>, Error>>,
    filter: String,
    form: NewForm,
    chosen: Option<Detail>,
    /// The chosen account's name and roles as being corrected.
    edit: NewForm,
    /// The changes a revert could not undo (by audit entry), with why: nothing was reverted.
    blocked: Vec<(i64, String)>,
    /// The name and roles are being saved: on success the form shows them as stored.
    saving_account: bool,
    since: String,
    reason: String,
    status: Option<Result<String, String>>,
    /// The login slip offered with the status shown: for the account just created, or the slip
    /// just saved (to be opened).
    offer: Option<SlipOffer>,
    /// The last slip went where the program chose: no file dialog could open.
    slip_fallback: bool,
    busy: bool,
}

/// An account whose login slip can be printed, and where it was saved.
#[derive(Debug, Clone)]
struct SlipOffer {
    staff: StaffId,
    login: String,
    saved: Option<PathBuf>,
}

#[derive(Debug, Clone, Default)]
struct NewForm {
    login: String,
    surname: String,
    name: String,
    patronymic: String,
    roles: Vec<Role>,
}

/// The chosen account with its compromised state and the changes made since then.
#[derive(Debug, Clone)]
pub struct Detail {
    row: StaffRow,
    since: Option<NaiveDateTime>,
    changes: Vec<Change>,
    footprint: Footprint,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<StaffRow>, Error>),
    Filter(String),
    Login(String),
    Surname(String),
    Name(String),
    Patronymic(String),
    Role(Role, bool),
    Create,
    /// The account was made: its id, login and temporary password.
    Created(Result<(StaffId, String, String), Error>),
    Edit(EditField, String),
    EditRole(Role, bool),
    SaveAccount,
    /// The name and roles were not saved: why, in the school's words.
    AccountRefused(AccountProblem),
    Choose(StaffId),
    Chosen(Result<Detail, Error>),
    /// Back from an account's card to the list.
    Close,
    ResetPassword,
    /// «Снять блокировку»: the account locked after wrong passwords may log in again now.
    LiftLockout,
    SetActive(bool),
    Since(String),
    Lock,
    Reason(String),
    Revert,
    Release,
    /// Prints the login slip of an account (its id and login): a new temporary password.
    PrintSlip(StaffId, String),
    /// Where the slip is to be saved (`None`: the dialog was closed, nothing changes).
    SlipTo(StaffId, String, Option<crate::gui::PdfTarget>),
    SlipOpened(std::result::Result<(), Error>),
    SlipSaved(StaffId, String, Result<PathBuf, Error>),
    OpenSlip(PathBuf),
    /// An action finished: the text to show (a temporary password, a count) or the error.
    Done(Result<String, Error>),
    Reverted(Result<RevertReport, Error>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditField {
    Surname,
    Name,
    Patronymic,
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl Staff {
    pub fn new(ctx: &Ctx<'_>) -> (Staff, Task<Message>) {
        (
            Staff {
                rows: None,
                filter: String::new(),
                form: NewForm::default(),
                chosen: None,
                edit: NewForm::default(),
                blocked: Vec::new(),
                saving_account: false,
                since: format!("{} 08:00", crate::model::format_date(ctx.info.today)),
                reason: String::new(),
                status: None,
                offer: None,
                slip_fallback: false,
                busy: false,
            },
            Self::load(ctx),
        )
    }

    fn load(ctx: &Ctx<'_>) -> Task<Message> {
        let load = ctx
            .file
            .run(|db| Ok(current(auth::list_staff(&db.conn)?, db.clock.now())));
        Task::perform(load, Message::Loaded)
    }

    fn load_detail(ctx: &Ctx<'_>, id: StaffId) -> Task<Message> {
        let load = ctx.file.run(move |db| {
            let row = current(auth::list_staff(&db.conn)?, db.clock.now())
                .into_iter()
                .find(|r| r.id == id)
                .ok_or_else(|| Error::NotFound(format!("staff #{id}")))?;
            let since = accounts::compromised_since(&db.conn, id)?;
            let changes = match since {
                Some(s) => accounts::changes_since(&db.conn, id, s)?,
                None => Vec::new(),
            };
            Ok(Detail {
                row,
                since,
                changes,
                footprint: accounts::footprint(&db.conn, id)?,
            })
        });
        Task::perform(load, Message::Chosen)
    }

    fn refresh(&self, ctx: &Ctx<'_>) -> Task<Message> {
        let mut t = vec![Self::load(ctx)];
        if let Some(d) = &self.chosen {
            t.push(Self::load_detail(ctx, d.row.id));
        }
        Task::batch(t)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        // A slip is offered with the status it came with: another status takes it away.
        let slip = matches!(
            message,
            Message::Created(_)
                | Message::PrintSlip(..)
                | Message::SlipTo(..)
                | Message::SlipSaved(..)
                | Message::OpenSlip(_)
                | Message::SlipOpened(Ok(_))
        );
        let before = self.status.clone();
        let action = self.act(message, ctx);
        if !slip && self.status != before {
            self.offer = None;
        }
        action
    }

    fn act(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        let session = ctx.session.clone();
        let chosen = self.chosen.as_ref().map(|d| d.row.id);
        match message {
            Message::Loaded(rows) => self.rows = Some(rows),
            Message::Filter(f) => self.filter = f,
            Message::Login(v) => self.form.login = v,
            Message::Surname(v) => self.form.surname = v,
            Message::Name(v) => self.form.name = v,
            Message::Patronymic(v) => self.form.patronymic = v,
            Message::Role(r, on) => {
                self.form.roles.retain(|x| *x != r);
                if on {
                    self.form.roles.push(r);
                }
            }
            Message::Create => {
                let password = auth::temporary_password();
                let new = NewStaff {
                    login: self.form.login.trim().to_string(),
                    name: PersonName {
                        surname: self.form.surname.trim().to_string(),
                        name: self.form.name.trim().to_string(),
                        patronymic: self.form.patronymic.trim().to_string(),
                    },
                    roles: self.form.roles.clone(),
                    password: password.clone(),
                    temporary: true,
                };
                if new.roles.is_empty() {
                    self.status = Some(Err(tr.t("staff-need-role")));
                    return Action::None;
                }
                let login = new.login.clone();
                let work = ctx.file.run(move |db| {
                    let id = crate::ops::create_staff(db, &session, &new)?;
                    Ok((id, login, password))
                });
                self.busy = true;
                return Action::Run(Task::perform(work, Message::Created));
            }
            Message::Created(r) => {
                self.busy = false;
                match r {
                    Ok((id, login, password)) => {
                        self.form = NewForm::default();
                        self.status = Some(Ok(format!(
                            "{} {login} / {password}",
                            tr.t("staff-created")
                        )));
                        self.offer = Some(SlipOffer {
                            staff: id,
                            login,
                            saved: None,
                        });
                    }
                    Err(e) => {
                        self.status = Some(Err(tr.error(&e)));
                        self.offer = None;
                    }
                }
                return Action::Run(self.refresh(ctx));
            }
            Message::PrintSlip(id, login) => {
                let file = tr.t_args(
                    "staff-slip-file",
                    &[
                        ("login", login.clone().into()),
                        ("date", format_date(ctx.info.today).into()),
                    ],
                );
                let ask = ctx.picker.save_pdf(tr.t("staff-slip-save-title"), file);
                return Action::Run(Task::perform(ask, move |path| {
                    Message::SlipTo(id, login.clone(), path)
                }));
            }
            Message::SlipTo(_, _, None) => {}
            Message::SlipTo(id, login, Some(target)) => {
                self.busy = true;
                self.slip_fallback = target.fallback;
                let path = target.path;
                let work = ctx.file.run(move |db| print_slip(db, &session, id, path));
                return Action::Run(Task::perform(work, move |r| {
                    Message::SlipSaved(id, login.clone(), r)
                }));
            }
            Message::SlipSaved(id, login, r) => {
                self.busy = false;
                match r {
                    Ok(path) => {
                        self.status = Some(Ok(tr.t_args(
                            if self.slip_fallback {
                                "staff-slip-saved-no-dialog"
                            } else {
                                "staff-slip-saved"
                            },
                            &[
                                ("login", login.clone().into()),
                                ("path", path.display().to_string().into()),
                            ],
                        )));
                        self.offer = Some(SlipOffer {
                            staff: id,
                            login,
                            saved: Some(path),
                        });
                    }
                    // Nothing was saved (and, if the core refused, nothing changed).
                    Err(e) => self.status = Some(Err(tr.error(&e))),
                }
                return Action::Run(self.refresh(ctx));
            }
            Message::OpenSlip(path) => {
                return Action::Run(Task::perform(
                    super::reports::open_in_viewer(path),
                    Message::SlipOpened,
                ));
            }
            Message::SlipOpened(Ok(())) => {}
            Message::SlipOpened(Err(e)) => self.status = Some(Err(tr.error(&e))),
            Message::Choose(id) => {
                self.status = None;
                self.blocked.clear();
                return Action::Run(Task::batch([
                    Self::load_detail(ctx, id),
                    operation::snap_to(PAGE, operation::RelativeOffset::START),
                ]));
            }
            Message::Chosen(Ok(d)) => {
                // A newly chosen account (or one just saved) shows its data in the form.
                if chosen != Some(d.row.id) || self.edit.login != d.row.login {
                    self.edit = NewForm {
                        login: d.row.login.clone(),
                        surname: d.row.name.surname.clone(),
                        name: d.row.name.name.clone(),
                        patronymic: d.row.name.patronymic.clone(),
                        roles: d.row.roles.clone(),
                    };
                }
                self.chosen = Some(d);
            }
            Message::Edit(f, v) => match f {
                EditField::Surname => self.edit.surname = v,
                EditField::Name => self.edit.name = v,
                EditField::Patronymic => self.edit.patronymic = v,
            },
            Message::EditRole(r, on) => {
                self.edit.roles.retain(|x| *x != r);
                if on {
                    self.edit.roles.push(r);
                }
            }
            Message::SaveAccount => {
                let Some(id) = chosen else {
                    return Action::None;
                };
                if self.edit.roles.is_empty() {
                    self.status = Some(Err(tr.t("staff-need-role")));
                    return Action::None;
                }
                let name = PersonName {
                    surname: self.edit.surname.trim().to_string(),
                    name: self.edit.name.trim().to_string(),
                    patronymic: self.edit.patronymic.trim().to_string(),
                };
                if name.surname.is_empty() || name.name.is_empty() {
                    self.status = Some(Err(tr.t("staff-need-name")));
                    return Action::None;
                }
                let roles = self.edit.roles.clone();
                self.saving_account = true;
                let said = tr.t("staff-saved");
                let work = ctx.file.run(move |db| {
                    if let Some(p) = accounts::check_account(&db.conn, &session, id, &roles)? {
                        return Ok(Err(p));
                    }
                    crate::ops::update_account(db, &session, id, &name, &roles).map(Ok)
                });
                self.busy = true;
                return Action::Run(Task::perform(work, move |r| match r {
                    Ok(Err(p)) => Message::AccountRefused(p),
                    Ok(Ok(())) => Message::Done(Ok(said.clone())),
                    Err(e) => Message::Done(Err(e)),
                }));
            }
            Message::AccountRefused(p) => {
                self.busy = false;
                self.saving_account = false;
                let (key, args) = p.key();
                let args: Vec<(&str, crate::i18n::FluentValue<'_>)> =
                    args.into_iter().map(|(k, v)| (k, v.into())).collect();
                self.status = Some(Err(tr.t_args(key, &args)));
            }
            Message::Chosen(Err(e)) => self.status = Some(Err(tr.error(&e))),
            Message::Close => {
                self.chosen = None;
                self.status = None;
                self.blocked.clear();
                self.reason.clear();
                return Action::Run(operation::snap_to(PAGE, operation::RelativeOffset::START));
            }
            Message::ResetPassword => {
                let Some(id) = chosen else {
                    return Action::None;
                };
                let said = tr.t("staff-password-reset");
                let work = ctx
                    .file
                    .run(move |db| crate::ops::reset_password(db, &session, id));
                self.busy = true;
                return Action::Run(Task::perform(work, move |r| {
                    Message::Done(r.map(|p| format!("{said} {p}")))
                }));
            }
            Message::LiftLockout => {
                let Some(id) = chosen else {
                    return Action::None;
                };
                let said = tr.t("staff-lockout-lifted");
                let work = ctx
                    .file
                    .run(move |db| crate::ops::lift_lockout(db, &session, id));
                self.busy = true;
                return Action::Run(Task::perform(work, move |r| {
                    Message::Done(r.map(|_| said.clone()))
                }));
            }
            Message::SetActive(on) => {
                let Some(id) = chosen else {
                    return Action::None;
                };
                let said = tr.t(if on {
                    "staff-activated"
                } else {
                    "staff-deactivated"
                });
                let work = ctx
                    .file
                    .run(move |db| crate::ops::set_active(db, &session, id, on));
                self.busy = true;
                return Action::Run(Task::perform(work, move |r| {
                    Message::Done(r.map(|_| said.clone()))
                }));
            }
            Message::Since(v) => self.since = v,
            Message::Lock => {
                let Some(id) = chosen else {
                    return Action::None;
                };
                let Ok(since) = NaiveDateTime::parse_from_str(self.since.trim(), "%d.%m.%Y %H:%M")
                else {
                    self.status = Some(Err(tr.t("staff-bad-moment")));
                    return Action::None;
                };
                let said = tr.t("staff-locked");
                let work = ctx
                    .file
                    .run(move |db| crate::ops::mark_compromised(db, &session, id, since));
                self.busy = true;
                return Action::Run(Task::perform(work, move |r| {
                    Message::Done(r.map(|_| said.clone()))
                }));
            }
            Message::Reason(v) => self.reason = v,
            Message::Revert => {
                let Some(id) = chosen else {
                    return Action::None;
                };
                let reason = self.reason.clone();
                let work = ctx
                    .file
                    .run(move |db| accounts::revert_compromised(db, &session, id, &reason));
                self.busy = true;
                return Action::Run(Task::perform(work, Message::Reverted));
            }
            Message::Release => {
                let Some(id) = chosen else {
                    return Action::None;
                };
                let said = tr.t("staff-password-reset");
                let work = ctx
                    .file
                    .run(move |db| crate::ops::release_compromised(db, &session, id));
                self.busy = true;
                return Action::Run(Task::perform(work, move |r| {
                    Message::Done(r.map(|p| format!("{said} {p}")))
                }));
            }
            Message::Done(r) => {
                self.busy = false;
                if std::mem::take(&mut self.saving_account) && r.is_ok() {
                    // The next detail load refills the form from what was stored.
                    self.edit.login.clear();
                }
                match r {
                    Ok(s) => self.status = Some(Ok(s)),
                    Err(e) => self.status = Some(Err(tr.error(&e))),
                }
                return Action::Run(self.refresh(ctx));
            }
            Message::Reverted(r) => {
                self.busy = false;
                self.blocked.clear();
                self.status = Some(match r {
                    Ok(rep) if rep.failed.is_empty() => Ok(tr.t_args(
                        "staff-reverted-all",
                        &[
                            ("reverted", rep.reverted.into()),
                            ("unchanged", rep.unchanged.into()),
                        ],
                    )),
                    Ok(rep) => {
                        let mut lines = vec![tr.t_args(
                            "staff-revert-blocked",
                            &[("count", rep.failed.len().into())],
                        )];
                        for f in &rep.failed {
                            let why = tr.error(&f.error);
                            lines.push(format!("• {} — {why}", describe_change(tr, &f.change)));
                            self.blocked.push((f.change.audit_id, why));
                        }
                        Err(lines.join("\n"))
                    }
                    Err(e) => Err(tr.error(&e)),
                });
                return Action::Run(self.refresh(ctx));
            }
        }
        Action::None
    }

    /// What the last action said; with a login slip to print, or the slip saved to open.
    fn status_view<'a>(&'a self, ctx: &Ctx<'a>) -> Option<Element<'a, Message>> {
        let tr = ctx.tr;
        let said = match self.status.as_ref()? {
            Err(e) => return Some(widget::error_box(e.clone())),
            Ok(s) => s,
        };
        let mut col = column![text(said.clone()).size(theme::TEXT)].spacing(8);
        match &self.offer {
            None => {}
            Some(SlipOffer {
                saved: Some(path), ..
            }) => {
                col = col.push(
                    button(text(tr.t("staff-slip-open")).size(theme::SMALL))
                        .padding([6, 10])
                        .style(theme::button::secondary)
                        .on_press(Message::OpenSlip(path.clone())),
                );
            }
            Some(o) => {
                col = col.push(
                    row![
                        button(text(tr.t("staff-slip-print")).size(theme::SMALL))
                            .padding([6, 10])
                            .style(theme::button::primary)
                            .on_press_maybe(
                                (!self.busy).then(|| Message::PrintSlip(o.staff, o.login.clone())),
                            ),
                        widget::hint(tr.t("staff-slip-hint")),
                    ]
                    .spacing(12)
                    .align_y(iced::Center),
                );
            }
        }
        Some(widget::notice(col))
    }

    /// The rows the filter lets through: a part of the name or the login, ё = е, any case.
    fn shown(&self) -> Vec<StaffRow> {
        let Some(Ok(rows)) = &self.rows else {
            return Vec::new();
        };
        let needle = collate_key(self.filter.trim());
        rows.iter()
            .filter(|r| {
                needle.is_empty()
                    || collate_key(&r.name.full()).contains(&needle)
                    || collate_key(&r.login).contains(&needle)
            })
            .cloned()
            .collect()
    }

    fn create_form<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let f = &self.form;
        let field = |label: &str, id: &'static str, v: &str, m: fn(String) -> Message| {
            widget::field(tr.t(label), id, v, false, m, None)
        };
        let mut roles = row![].spacing(12);
        for r in Role::ALL {
            roles = roles.push(
                checkbox(f.roles.contains(r))
                    .label(tr.role(*r))
                    .on_toggle(move |on| Message::Role(*r, on))
                    .size(16)
                    .text_size(theme::SMALL),
            );
        }
        column![
            widget::subheading(tr.t("staff-new")),
            row![
                field(
                    "staff-col-login",
                    "staff-new-login",
                    &f.login,
                    Message::Login
                ),
                field(
                    "staff-surname",
                    "staff-new-surname",
                    &f.surname,
                    Message::Surname
                ),
                field("staff-name", "staff-new-name", &f.name, Message::Name),
                field(
                    "staff-patronymic",
                    "staff-new-patronymic",
                    &f.patronymic,
                    Message::Patronymic
                ),
            ]
            .spacing(8),
            roles.wrap().vertical_spacing(6),
            row![
                button(text(tr.t("staff-create")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::primary)
                    .on_press_maybe((!self.busy).then_some(Message::Create)),
                widget::hint(tr.t("staff-create-hint")),
            ]
            .spacing(12)
            .align_y(iced::Center),
        ]
        .spacing(8)
        .into()
    }

    /// The chosen account's name and roles, corrected in place (the login stays).
    fn edit_form<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let f = &self.edit;
        let field = |label: &str, id: &'static str, v: &str, which: EditField| {
            widget::field(
                tr.t(label),
                id,
                v,
                false,
                move |s| Message::Edit(which, s),
                Some(Message::SaveAccount),
            )
        };
        let mut roles = row![].spacing(12);
        for r in Role::ALL {
            roles = roles.push(
                checkbox(f.roles.contains(r))
                    .label(tr.role(*r))
                    .on_toggle(move |on| Message::EditRole(*r, on))
                    .size(16)
                    .text_size(theme::SMALL),
            );
        }
        column![
            row![
                field(
                    "staff-surname",
                    "staff-edit-surname",
                    &f.surname,
                    EditField::Surname
                ),
                field("staff-name", "staff-edit-name", &f.name, EditField::Name),
                field(
                    "staff-patronymic",
                    "staff-edit-patronymic",
                    &f.patronymic,
                    EditField::Patronymic
                ),
            ]
            .spacing(8),
            roles.wrap().vertical_spacing(6),
        ]
        .spacing(8)
        .into()
    }

    fn detail<'a>(&'a self, ctx: &Ctx<'a>, d: &'a Detail) -> Element<'a, Message> {
        let tr = ctx.tr;
        let idle = !self.busy;
        let mut col = column![widget::subheading(format!(
            "{} ({})",
            d.row.name.full(),
            d.row.login
        ))]
        .spacing(8);
        let own = d.row.id == ctx.session.staff;
        let fp = d.footprint;
        col = col.push(widget::hint(tr.t_args(
            if d.row.active {
                "staff-footprint"
            } else {
                "staff-footprint-inactive"
            },
            &[
                ("marks", fp.marks.into()),
                ("courses", fp.courses.into()),
                ("changes", fp.changes.into()),
            ],
        )));
        col = col.push(self.edit_form(ctx));
        let mut actions = row![
            button(text(tr.t("staff-save")).size(theme::SMALL))
                .padding([6, 10])
                .style(theme::button::primary)
                .on_press_maybe(idle.then_some(Message::SaveAccount)),
            button(text(tr.t("staff-reset-password")).size(theme::SMALL))
                .padding([6, 10])
                .style(theme::button::secondary)
                .on_press_maybe(idle.then_some(Message::ResetPassword)),
        ]
        .spacing(8);
        if d.row.locked_until.is_some() {
            actions = actions.push(
                button(text(tr.t("staff-lift-lockout")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::primary)
                    .on_press_maybe(idle.then_some(Message::LiftLockout)),
            );
        }
        // A compromised account signs in again only once given back (with its own new password).
        if d.row.active && d.since.is_none() {
            actions = actions.push(
                button(text(tr.t("staff-slip-print")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe(
                        idle.then(|| Message::PrintSlip(d.row.id, d.row.login.clone())),
                    ),
            );
        }
        if !own {
            actions = actions.push(if d.row.active {
                button(text(tr.t("staff-deactivate")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe(idle.then_some(Message::SetActive(false)))
            } else {
                button(text(tr.t("staff-activate")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe(idle.then_some(Message::SetActive(true)))
            });
        }
        col = col.push(actions);
        match d.since {
            None if !own => {
                col = col.push(widget::hint(tr.t("staff-compromised-about")));
                col = col.push(
                    row![
                        text(tr.t("staff-compromised-since")).size(theme::SMALL),
                        text_input("дд.мм.гггг чч:мм", &self.since)
                            .id("staff-since")
                            .on_input(Message::Since)
                            .padding(6)
                            .width(180)
                            .style(theme::text_input::field),
                        button(text(tr.t("staff-lock")).size(theme::SMALL))
                            .padding([6, 10])
                            .style(theme::button::primary)
                            .on_press_maybe(idle.then_some(Message::Lock)),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
            None => {}
            Some(since) => {
                col = col.push(
                    text(tr.t_args(
                        "staff-compromised-state",
                        &[
                            ("since", format_datetime(since).into()),
                            ("count", d.changes.len().into()),
                        ],
                    ))
                    .style(theme::text::danger),
                );
                let header = |key: &str| text(tr.t(key)).font(theme::BOLD).size(theme::SMALL);
                let columns = [
                    table::column(header("staff-change-at"), |c: Change| {
                        text(format_datetime(c.at)).size(theme::SMALL)
                    }),
                    table::column(header("staff-change-what"), move |c: Change| {
                        text(crate::words::change_what(tr, &c.entity, &c.action)).size(theme::SMALL)
                    }),
                    table::column(header("staff-change-where"), |c: Change| {
                        text(format!(
                            "{} {}",
                            c.course_title.unwrap_or_default(),
                            c.student_name.unwrap_or_default()
                        ))
                        .size(theme::SMALL)
                    })
                    .width(Fill),
                    table::column(header("staff-change-values"), move |c: Change| {
                        text(format!(
                            "{} → {}",
                            crate::words::change_value(tr, &c.entity, c.old.as_deref()),
                            crate::words::change_value(tr, &c.entity, c.new.as_deref())
                        ))
                        .size(theme::SMALL)
                    }),
                    table::column(header("staff-change-state"), move |c: Change| {
                        if self.blocked.iter().any(|(id, _)| *id == c.audit_id) {
                            return text(tr.t("staff-change-blocked"))
                                .size(theme::SMALL)
                                .style(theme::text::danger);
                        }
                        let key = if c.reverted {
                            "staff-change-reverted"
                        } else if c.revertible {
                            "staff-change-pending"
                        } else {
                            "staff-change-manual"
                        };
                        text(tr.t(key)).size(theme::SMALL)
                    }),
                ];
                if d.changes.is_empty() {
                    col = col.push(widget::hint(tr.t("staff-no-changes")));
                } else {
                    col = col.push(
                        container(table(columns, d.changes.clone()).padding_x(8).padding_y(4))
                            .style(theme::container::card)
                            .width(Fill),
                    );
                }
                col = col.push(
                    row![
                        text_input(&tr.t("staff-revert-reason"), &self.reason)
                            .id("staff-reason")
                            .on_input(Message::Reason)
                            .padding(6)
                            .width(Fill)
                            .style(theme::text_input::field),
                        button(text(tr.t("staff-revert")).size(theme::SMALL))
                            .padding([6, 10])
                            .style(theme::button::primary)
                            .on_press_maybe(
                                (idle && !self.reason.trim().is_empty()).then_some(Message::Revert)
                            ),
                        button(text(tr.t("staff-release")).size(theme::SMALL))
                            .padding([6, 10])
                            .style(theme::button::secondary)
                            .on_press_maybe(idle.then_some(Message::Release)),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                );
            }
        }
        container(col)
            .style(theme::container::card)
            .padding(12)
            .width(Fill)
            .into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let body: Element<'a, Message> = match &self.rows {
            None => text(tr.t("loading")).into(),
            Some(Err(e)) => widget::error_box(tr.error(e)),
            Some(Ok(all)) => {
                let rows = self.shown();
                let count = tr.t_args("staff-count", &[("count", all.len().into())]);
                let header = |key: &str| text(tr.t(key)).font(theme::BOLD).size(theme::TEXT);
                let columns = [
                    table::column(header("staff-col-name"), |r: StaffRow| {
                        button(text(r.name.full()))
                            .padding(0)
                            .style(theme::button::link)
                            .on_press(Message::Choose(r.id))
                    })
                    .width(Fill),
                    table::column(header("staff-col-login"), |r: StaffRow| text(r.login)),
                    table::column(header("staff-col-roles"), move |r: StaffRow| {
                        text(tr.roles(&r.roles))
                    })
                    .width(Fill),
                    table::column(header("staff-col-state"), move |r: StaffRow| {
                        let (said, style): (String, fn(&iced::Theme) -> text::Style) = if !r.active
                        {
                            (tr.t("staff-state-inactive"), theme::text::danger)
                        } else if let Some(since) = r.compromised_since {
                            (
                                tr.t_args(
                                    "staff-state-compromised",
                                    &[("since", format_datetime(since).into())],
                                ),
                                theme::text::danger,
                            )
                        } else if let Some(until) = r.locked_until {
                            (
                                tr.t_args(
                                    "staff-state-locked-out",
                                    &[("until", format_datetime(until).into())],
                                ),
                                theme::text::danger,
                            )
                        } else if r.must_change_password {
                            (tr.t("staff-state-temporary"), theme::text::muted)
                        } else {
                            (tr.t("staff-state-active"), theme::text::success)
                        };
                        text(said).style(style)
                    }),
                ];
                let list: Element<'a, Message> = if rows.is_empty() {
                    text(tr.t("staff-none-match")).into()
                } else {
                    table(columns, rows)
                        .padding_x(10)
                        .padding_y(6)
                        .width(Fill)
                        .into()
                };
                let mut page = column![].spacing(12);
                if let Some(s) = self.status_view(ctx) {
                    page = page.push(s);
                }
                // An account's card stands alone; the list and the new-account form return
                // when it is closed.
                if let Some(d) = &self.chosen {
                    return scrollable(
                        column![
                            widget::heading(tr.t("staff-title")),
                            button(text(tr.t("staff-back")).size(theme::SMALL))
                                .padding(0)
                                .style(theme::button::link)
                                .on_press(Message::Close),
                            page.push(self.detail(ctx, d)),
                        ]
                        .spacing(16),
                    )
                    .id(PAGE)
                    .into();
                }
                page = page.push(
                    container(self.create_form(ctx))
                        .style(theme::container::card)
                        .padding(12)
                        .width(Fill),
                );
                page.push(
                    row![
                        text(count).width(Fill),
                        text_input(&tr.t("staff-filter"), &self.filter)
                            .id("staff-filter")
                            .on_input(Message::Filter)
                            .padding(8)
                            .width(320)
                            .style(theme::text_input::field),
                    ]
                    .spacing(12)
                    .align_y(iced::Center),
                )
                .push(
                    container(list)
                        .style(theme::container::card)
                        .padding(4)
                        .width(Fill),
                )
                .push(widget::hint(tr.t("staff-choose-hint")))
                .into()
            }
        };
        scrollable(column![widget::heading(tr.t("staff-title")), body].spacing(16))
            .id(PAGE)
            .into()
    }
}

/// Issues the login slip of account `id` — a new temporary password, audited — and writes its
/// PDF to `path` (through a temporary file, so a half-written slip is never left under its name).
fn print_slip(
    db: &mut crate::db::Db,
    session: &auth::Session,
    id: StaffId,
    path: PathBuf,
) -> crate::error::Result<PathBuf> {
    let core = |e: ReportError| match e {
        ReportError::Core(e) => e,
        ReportError::Cancelled => Error::said("said-printing-cancelled", &[]),
    };
    let mut req = Request::new(Form::Slips);
    req.staff = vec![id];
    let slip = report::gather(db, session, &req, &mut Progress::none()).map_err(core)?;
    let pdf = slip.render(&mut Progress::none()).map_err(core)?;
    let tmp = path.with_extension("pdf.partial");
    std::fs::write(&tmp, &pdf)?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// The accounts with a lockout that has run out shown as not locked.
fn current(mut rows: Vec<StaffRow>, now: chrono::NaiveDateTime) -> Vec<StaffRow> {
    for r in &mut rows {
        r.locked_until = r.locked_until.filter(|u| *u > now);
    }
    rows
}

/// A change as the list shows it: "отметка поставлена, 5А, Русский язык Малышева В. О., 20.11.2025 15:00".
fn describe_change(tr: &crate::i18n::Tr, c: &Change) -> String {
    let mut parts = vec![crate::words::change_what(tr, &c.entity, &c.action)];
    let place = format!(
        "{} {}",
        c.course_title.clone().unwrap_or_default(),
        c.student_name.clone().unwrap_or_default()
    );
    if !place.trim().is_empty() {
        parts.push(place.trim().to_string());
    }
    parts.push(format_datetime(c.at));
    parts.join(", ")
}
