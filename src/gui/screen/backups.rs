//! Keeping the data safe, on screen: the backup folder (another disk or a USB stick), "back up
//! now", the list of backups with what each holds and a restore that first saves the journal as it
//! is; the year archives with their last check and a check on demand; closing a finished year into
//! its archive; and a health check of the journal file. The work is the core's (`backup`,
//! `archive`, `check`); this page runs it off the UI thread and says what came of it.

use std::path::PathBuf;

use iced::widget::{button, column, container, pick_list, row, text, text_input};
use iced::{Fill, Task};

use crate::archive::{self, ArchiveRow, VerifyReport};
use crate::backup::{self, BackupFile, BackupKind, BackupSummary};
use crate::check::{self, CheckReport};
use crate::db::settings;
use crate::error::{Error, Result};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::i18n::{Tr, format_datetime};
use crate::model::Role;
use crate::school::{self, Year};

pub struct Backups {
    dir: String,
    backups: Vec<BackupFile>,
    archives: Vec<ArchiveRow>,
    years: Vec<Year>,
    /// The backup chosen for a restore, with what it holds.
    chosen: Option<(PathBuf, Option<Result<BackupSummary>>)>,
    archive_year: Option<YearChoice>,
    archive_dir: String,
    report: Option<CheckReport>,
    verified: Option<(String, VerifyReport)>,
    status: Option<(bool, String)>,
    busy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearChoice(crate::model::YearId, String);
impl std::fmt::Display for YearChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Clone, Debug)]
pub struct Listing {
    dir: PathBuf,
    backups: Vec<BackupFile>,
    archives: Vec<ArchiveRow>,
    years: Vec<Year>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Listed(Result<Listing>),
    Dir(String),
    SaveDir,
    BackUpNow,
    BackedUp(Result<BackupFile>),
    Choose(PathBuf),
    Inspected(Result<BackupSummary>),
    Restore,
    Restored(Result<PathBuf>),
    CancelRestore,
    Verify(String),
    Verified(String, Result<VerifyReport>),
    Check,
    Checked(Result<CheckReport>),
    PickYear(YearChoice),
    ArchiveDir(String),
    Archive,
    Archived(Result<PathBuf>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The journal was replaced by a backup: everyone logs in again.
    Restored,
}

impl Backups {
    pub fn new(ctx: &Ctx<'_>) -> (Backups, Task<Message>) {
        let b = Backups {
            dir: String::new(),
            backups: Vec::new(),
            archives: Vec::new(),
            years: Vec::new(),
            chosen: None,
            archive_year: None,
            archive_dir: String::new(),
            report: None,
            verified: None,
            status: None,
            busy: true,
        };
        (b, Task::perform(list(ctx), Message::Listed))
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        match message {
            Message::Listed(Ok(l)) => {
                self.busy = false;
                self.dir = l.dir.display().to_string();
                if self.archive_dir.is_empty() {
                    self.archive_dir = l.dir.join("archive").display().to_string();
                }
                self.backups = l.backups;
                self.archives = l.archives;
                let today = ctx.info.today;
                self.archive_year = l
                    .years
                    .iter()
                    .rev()
                    .find(|y| y.end < today && !y.closed)
                    .map(|y| YearChoice(y.id, y.name.clone()));
                self.years = l.years;
            }
            Message::Listed(Err(e)) => self.fail(tr, e),
            Message::Dir(d) => self.dir = d,
            Message::SaveDir => {
                let dir = self.dir.trim().to_string();
                let session = ctx.session.clone();
                let task = ctx.file.run(move |db| {
                    if !crate::auth::refresh(&db.conn, &session)?.has(Role::Admin) {
                        return Err(crate::error::Denied::Role.into());
                    }
                    std::fs::create_dir_all(&dir)?;
                    settings::set(&db.conn, settings::BACKUP_DIR, &dir)?;
                    Ok(())
                });
                self.busy = true;
                let reload = list(ctx);
                return Action::Run(Task::perform(
                    async move {
                        task.await?;
                        reload.await
                    },
                    Message::Listed,
                ));
            }
            Message::BackUpNow => {
                self.busy = true;
                return Action::Run(Task::perform(
                    ctx.file.run(|db| {
                        let dir = backup::backup_dir(db)?;
                        backup::backup(db, &dir, BackupKind::Manual)
                    }),
                    Message::BackedUp,
                ));
            }
            Message::BackedUp(Ok(b)) => {
                self.status = Some((
                    true,
                    tr.t_args(
                        "backups-done",
                        &[("path", b.path.display().to_string().into())],
                    ),
                ));
                return Action::Run(Task::perform(list(ctx), Message::Listed));
            }
            Message::BackedUp(Err(e))
            | Message::Restored(Err(e))
            | Message::Archived(Err(e))
            | Message::Checked(Err(e)) => self.fail(tr, e),
            Message::Choose(path) => {
                self.chosen = Some((path.clone(), None));
                return Action::Run(Task::perform(
                    crate::gui::work::blocking(move || backup::inspect(&path)),
                    Message::Inspected,
                ));
            }
            Message::Inspected(r) => {
                if let Some((_, summary)) = &mut self.chosen {
                    *summary = Some(r);
                }
            }
            Message::CancelRestore => self.chosen = None,
            Message::Restore => {
                let Some((path, Some(Ok(_)))) = &self.chosen else {
                    return Action::None;
                };
                let path = path.clone();
                let session = ctx.session.clone();
                self.busy = true;
                return Action::Run(Task::perform(
                    ctx.file.run(move |db| {
                        if !crate::auth::refresh(&db.conn, &session)?.has(Role::Admin) {
                            return Err(crate::error::Denied::Role.into());
                        }
                        backup::restore_into(db, &path)
                    }),
                    Message::Restored,
                ));
            }
            Message::Restored(Ok(_)) => return Action::Restored,
            Message::Verify(path) => {
                let p = path.clone();
                return Action::Run(Task::perform(
                    ctx.file
                        .run(move |db| archive::verify(std::path::Path::new(&p), Some(db))),
                    move |r| Message::Verified(path.clone(), r),
                ));
            }
            Message::Verified(path, Ok(r)) => {
                self.verified = Some((path, r));
                return Action::Run(Task::perform(list(ctx), Message::Listed));
            }
            Message::Verified(_, Err(e)) => self.fail(tr, e),
            Message::Check => {
                self.busy = true;
                return Action::Run(Task::perform(
                    ctx.file.run(|db| check::check(db)),
                    Message::Checked,
                ));
            }
            Message::Checked(Ok(r)) => {
                self.busy = false;
                self.report = Some(r);
            }
            Message::PickYear(y) => self.archive_year = Some(y),
            Message::ArchiveDir(d) => self.archive_dir = d,
            Message::Archive => {
                let Some(YearChoice(year, _)) = self.archive_year.clone() else {
                    return Action::None;
                };
                let to = PathBuf::from(self.archive_dir.trim());
                let session = ctx.session.clone();
                self.busy = true;
                return Action::Run(Task::perform(
                    ctx.file.run(move |db| {
                        let documents = crate::report::archive_documents(&db.conn, &session, year)?;
                        archive::archive_year(db, &session, year, &to, documents)
                    }),
                    Message::Archived,
                ));
            }
            Message::Archived(Ok(folder)) => {
                self.status = Some((
                    true,
                    tr.t_args(
                        "archive-done",
                        &[("path", folder.display().to_string().into())],
                    ),
                ));
                return Action::Run(Task::perform(list(ctx), Message::Listed));
            }
        }
        Action::None
    }

    fn fail(&mut self, tr: &Tr, e: Error) {
        self.busy = false;
        self.status = Some((false, tr.error(&e)));
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let admin = ctx.session.has(Role::Admin);
        let mut page = column![widget::heading(tr.t("nav-backups"))].spacing(16);
        if let Some((ok, s)) = &self.status {
            page = page.push(if *ok {
                widget::notice(text(s.clone()).size(theme::TEXT))
            } else {
                widget::error_box(s.clone())
            });
        }
        if admin {
            let mut b = column![
                widget::subheading(tr.t("backups-title")),
                widget::hint(tr.t("backups-about")),
                row![
                    text_input("", &self.dir)
                        .id("backup-dir")
                        .on_input(Message::Dir)
                        .on_submit(Message::SaveDir)
                        .padding(6)
                        .size(theme::TEXT),
                    button(text(tr.t("backups-save-dir")).size(theme::SMALL))
                        .padding([6, 10])
                        .style(theme::button::secondary)
                        .on_press(Message::SaveDir),
                    button(text(tr.t("backups-now")).size(theme::SMALL))
                        .padding([6, 10])
                        .style(theme::button::primary)
                        .on_press_maybe((!self.busy).then_some(Message::BackUpNow)),
                ]
                .spacing(8),
            ]
            .spacing(8);
            if self.backups.is_empty() {
                b = b.push(widget::hint(tr.t("backups-none")));
            }
            for f in self.backups.iter().take(30) {
                let kind = match f.kind {
                    BackupKind::Auto => tr.t("backups-kind-auto"),
                    BackupKind::Manual => tr.t("backups-kind-manual"),
                    BackupKind::PeriodEnd => tr.t("backups-kind-period"),
                };
                b = b.push(
                    row![
                        text(format_datetime(f.taken_at))
                            .size(theme::TEXT)
                            .width(180),
                        text(kind).size(theme::SMALL).width(160),
                        text(tr.t_args(
                            "backups-size",
                            &[("mb", format!("{:.1}", f.bytes as f64 / 1_048_576.0).into())]
                        ))
                        .size(theme::SMALL)
                        .width(90),
                        button(text(tr.t("backups-restore")).size(theme::SMALL))
                            .padding([4, 10])
                            .style(theme::button::secondary)
                            .on_press(Message::Choose(f.path.clone())),
                    ]
                    .spacing(8)
                    .align_y(iced::Alignment::Center),
                );
            }
            if let Some((path, summary)) = &self.chosen {
                let mut c = column![
                    text(tr.t_args(
                        "backups-chosen",
                        &[("path", path.display().to_string().into())]
                    ))
                    .size(theme::TEXT)
                ]
                .spacing(6);
                match summary {
                    None => c = c.push(widget::hint(tr.t("journal-loading"))),
                    Some(Err(e)) => c = c.push(widget::error_box(tr.error(e))),
                    Some(Ok(s)) => {
                        let count =
                            |k: &str| s.counts.iter().find(|c| c.0 == k).map(|c| c.1).unwrap_or(0);
                        c = c.push(
                            text(s.school.clone().unwrap_or_default())
                                .size(theme::TEXT)
                                .font(theme::BOLD),
                        );
                        c = c.push(
                            text(tr.t_args(
                                "backups-holds",
                                &[
                                    ("years", s.years.join(", ").into()),
                                    ("students", count("student").into()),
                                    ("lessons", count("lesson").into()),
                                    ("marks", count("mark").into()),
                                ],
                            ))
                            .size(theme::SMALL),
                        );
                        c = c.push(
                            text(tr.t("backups-restore-warning"))
                                .size(theme::SMALL)
                                .style(theme::text::danger),
                        );
                        c = c.push(
                            row![
                                button(text(tr.t("backups-restore-confirm")).size(theme::SMALL))
                                    .padding([6, 12])
                                    .style(theme::button::primary)
                                    .on_press_maybe((!self.busy).then_some(Message::Restore)),
                                button(text(tr.t("journal-cancel")).size(theme::SMALL))
                                    .padding([6, 12])
                                    .style(theme::button::secondary)
                                    .on_press(Message::CancelRestore),
                            ]
                            .spacing(8),
                        );
                    }
                }
                b = b.push(widget::notice(c));
            }
            page = page.push(card(b));
        }

        // The year archive.
        let mut a = column![
            widget::subheading(tr.t("archive-title")),
            widget::hint(tr.t("archive-about"))
        ]
        .spacing(8);
        if self.archives.is_empty() {
            a = a.push(widget::hint(tr.t("archive-none")));
        }
        for r in &self.archives {
            let check = match (r.last_check_ok, &r.last_checked_at) {
                (Some(true), Some(at)) => {
                    tr.t_args("archive-checked-ok", &[("at", at.replace('T', " ").into())])
                }
                (Some(false), Some(at)) => tr.t_args(
                    "archive-checked-bad",
                    &[("at", at.replace('T', " ").into())],
                ),
                _ => tr.t("archive-not-checked"),
            };
            a = a.push(
                row![
                    text(r.year.clone())
                        .size(theme::TEXT)
                        .font(theme::BOLD)
                        .width(110),
                    column![
                        text(r.path.clone()).size(theme::SMALL),
                        text(check)
                            .size(theme::SMALL)
                            .style(if r.last_check_ok == Some(false) {
                                theme::text::danger
                            } else {
                                theme::text::muted
                            })
                    ]
                    .width(Fill),
                    button(text(tr.t("archive-verify")).size(theme::SMALL))
                        .padding([4, 10])
                        .style(theme::button::secondary)
                        .on_press(Message::Verify(r.path.clone())),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
        if let Some((path, r)) = &self.verified {
            let mut lines = column![
                text(tr.t_args(
                    if r.ok() {
                        "archive-verify-ok"
                    } else {
                        "archive-verify-bad"
                    },
                    &[("path", path.clone().into())]
                ))
                .size(theme::TEXT)
            ]
            .spacing(2);
            for f in &r.changed {
                lines = lines.push(
                    text(tr.t_args("archive-changed", &[("file", f.clone().into())]))
                        .size(theme::SMALL)
                        .style(theme::text::danger),
                );
            }
            for f in &r.missing {
                lines = lines.push(
                    text(tr.t_args("archive-missing", &[("file", f.clone().into())]))
                        .size(theme::SMALL)
                        .style(theme::text::danger),
                );
            }
            for f in &r.unexpected {
                lines = lines.push(
                    text(tr.t_args("archive-extra", &[("file", f.clone().into())]))
                        .size(theme::SMALL)
                        .style(theme::text::danger),
                );
            }
            if r.manifest_replaced {
                lines = lines.push(
                    text(tr.t("archive-manifest-replaced"))
                        .size(theme::SMALL)
                        .style(theme::text::danger),
                );
            }
            a = a.push(if r.ok() {
                widget::notice(lines)
            } else {
                container(lines)
                    .padding(12)
                    .width(Fill)
                    .style(theme::container::error)
                    .into()
            });
        }
        if admin || ctx.session.has(Role::Archivist) {
            let years: Vec<YearChoice> = self
                .years
                .iter()
                .filter(|y| !y.closed)
                .map(|y| YearChoice(y.id, y.name.clone()))
                .collect();
            a = a.push(
                text(tr.t("archive-make"))
                    .size(theme::SMALL)
                    .font(theme::BOLD),
            );
            a = a.push(
                row![
                    pick_list(years, self.archive_year.clone(), Message::PickYear)
                        .text_size(theme::TEXT)
                        .width(140),
                    text_input("", &self.archive_dir)
                        .on_input(Message::ArchiveDir)
                        .padding(6)
                        .size(theme::TEXT),
                    button(text(tr.t("archive-run")).size(theme::SMALL))
                        .padding([6, 10])
                        .style(theme::button::primary)
                        .on_press_maybe(
                            (!self.busy && self.archive_year.is_some()).then_some(Message::Archive)
                        ),
                ]
                .spacing(8),
            );
        }
        page = page.push(card(a));

        // The journal file's health.
        let mut h = column![
            widget::subheading(tr.t("check-title")),
            row![
                widget::hint(tr.t("check-about")),
                button(text(tr.t("check-run")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::Check)),
            ]
            .spacing(8),
        ]
        .spacing(8);
        if let Some(r) = &self.report {
            if r.healthy() {
                h = h.push(widget::notice(
                    text(tr.t("check-healthy")).size(theme::TEXT),
                ));
            } else {
                let mut lines = column![text(tr.t("check-problems")).size(theme::TEXT)].spacing(2);
                for p in r
                    .integrity
                    .iter()
                    .chain(&r.foreign_keys)
                    .chain(&r.mismatches)
                    .take(15)
                {
                    lines = lines.push(text(p.clone()).size(theme::SMALL));
                }
                let breaks = r
                    .chain_breaks
                    .iter()
                    .take(5)
                    .map(|b| ("cli-check-chain-break", b))
                    .chain(
                        r.op_chain_breaks
                            .iter()
                            .take(5)
                            .map(|b| ("cli-check-op-chain-break", b)),
                    );
                for (key, b) in breaks {
                    lines = lines.push(
                        text(tr.t_args(
                            key,
                            &[("id", b.audit_id.into()), ("what", b.what.clone().into())],
                        ))
                        .size(theme::SMALL),
                    );
                }
                h = h.push(
                    container(lines)
                        .padding(12)
                        .width(Fill)
                        .style(theme::container::error),
                );
            }
        }
        page = page.push(card(h));
        page.into()
    }
}

fn card<'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(content)
        .padding(16)
        .width(Fill)
        .style(theme::container::card)
        .into()
}

fn list(ctx: &Ctx<'_>) -> impl Future<Output = Result<Listing>> + Send + 'static {
    ctx.file.run(|db| {
        let dir = backup::backup_dir(db)?;
        Ok(Listing {
            backups: backup::list(&dir)?,
            archives: archive::list(db)?,
            years: school::years(&db.conn)?,
            dir,
        })
    })
}
