//! The frame a logged-in user works in: the sidebar with only the sections their roles open, the
//! open page, and the status bar (who, in which roles, which school year, which file). Locking
//! and logging out are asked of the app; this screen keeps the page state, so a lock that hides
//! it and an unlock by the same user bring the user back exactly where they were.

use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Fill, Task};

use super::{Page, PageAction, PageMessage, Section, settings};
use crate::auth::Session;
use crate::gui::widget::{self, Element};
use crate::gui::work::Info;
use crate::gui::{Ctx, Shared, theme};
use crate::i18n::Lang;

pub struct Workspace {
    pub session: Session,
    pub info: Info,
    page: Page,
    /// A one-line confirmation above the page ("the password was changed"); an i18n key.
    flash: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Open(Section),
    Page(PageMessage),
    Lock,
    Logout,
    /// The school and year read again after the school's setup changed.
    Info(Result<Info, crate::error::Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Lock,
    Logout,
    SetLang(Lang),
    SetLook(theme::Look),
    ChangePassword,
}

impl Workspace {
    /// The workspace of a user who has just logged in, on their first section.
    pub fn new(session: Session, info: Info, shared: &Shared<'_>) -> (Workspace, Task<Message>) {
        let first = Section::visible(&session)
            .first()
            .copied()
            .unwrap_or(Section::Settings);
        let ctx = shared.ctx(&session, &info);
        let (page, task) = Page::open(first, &ctx);
        (
            Workspace {
                session,
                info,
                page,
                flash: None,
            },
            task.map(Message::Page),
        )
    }

    /// The same user is back after a lock or a password change: keep everything, but take the
    /// account as it is now (roles may have changed meanwhile).
    pub fn resume(&mut self, session: Session, info: Info, shared: &Shared<'_>) -> Task<Message> {
        self.session = session;
        self.info = info;
        if self.page.section().visible_to(&self.session) {
            Task::none()
        } else {
            let first = Section::visible(&self.session)
                .first()
                .copied()
                .unwrap_or(Section::Settings);
            self.open(first, shared)
        }
    }

    pub fn section(&self) -> Section {
        self.page.section()
    }

    /// The open page's field Tab goes on from when none has the focus.
    pub fn tab_after(&self) -> Option<iced::widget::Id> {
        self.page.tab_after()
    }

    pub fn sections(&self) -> Vec<Section> {
        Section::visible(&self.session)
    }

    pub fn set_flash(&mut self, key: &'static str) {
        self.flash = Some(key);
    }

    /// Opens the `n`-th visible section (a keyboard shortcut).
    pub fn open_nth(&mut self, n: usize, shared: &Shared<'_>) -> Task<Message> {
        match self.sections().get(n) {
            Some(s) => self.open(*s, shared),
            None => Task::none(),
        }
    }

    fn open(&mut self, section: Section, shared: &Shared<'_>) -> Task<Message> {
        if !section.visible_to(&self.session) {
            return Task::none();
        }
        self.flash = None;
        if self.page.section() == section {
            return Task::none();
        }
        let ctx = shared.ctx(&self.session, &self.info);
        let (page, task) = Page::open(section, &ctx);
        self.page = page;
        task.map(Message::Page)
    }

    pub fn update(&mut self, message: Message, shared: &Shared<'_>) -> Action {
        match message {
            Message::Open(section) => Action::Run(self.open(section, shared)),
            Message::Lock => Action::Lock,
            Message::Logout => Action::Logout,
            Message::Info(Ok(info)) => {
                self.info = info;
                Action::None
            }
            // A failed read leaves the bar as it was; the next login reads it again.
            Message::Info(Err(_)) => Action::None,
            Message::Page(m) => {
                // A rollover or another setup change: the status bar, the sidebar and the pages
                // opened next follow at once, not after a restart.
                let changed = matches!(&m, PageMessage::School(s) if s.changed_school());
                let ctx = shared.ctx(&self.session, &self.info);
                let action = match self.page.update(m, &ctx) {
                    PageAction::None => Action::None,
                    PageAction::Run(task) => Action::Run(task.map(Message::Page)),
                    PageAction::Restored => Action::Logout,
                    PageAction::Open(s) => Action::Run(self.open(s, shared)),
                    PageAction::Settings(a) => match a {
                        settings::Action::None => Action::None,
                        settings::Action::SetLang(l) => Action::SetLang(l),
                        settings::Action::SetLook(l) => Action::SetLook(l),
                        settings::Action::ChangePassword => Action::ChangePassword,
                    },
                };
                if !changed {
                    return action;
                }
                let reread = Task::perform(shared.file.run(|db| Info::read(db)), Message::Info);
                match action {
                    Action::Run(task) => Action::Run(Task::batch([task, reread])),
                    Action::None => Action::Run(reread),
                    other => other,
                }
            }
        }
    }

    pub fn view<'a>(&'a self, shared: &Shared<'a>) -> Element<'a, Message> {
        let ctx = shared.ctx(&self.session, &self.info);
        let tr = ctx.tr;
        let current = self.page.section();

        let school = self
            .info
            .school
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let mut nav = column![
            text(school).size(theme::SMALL).font(theme::BOLD),
            space().height(8)
        ]
        .spacing(4);
        for (i, section) in self.sections().into_iter().enumerate() {
            let shortcut = text(format!("F{}", i + 1)).size(theme::SMALL);
            // On the filled entry the hint takes the entry's own colour; elsewhere it is muted.
            let shortcut = if section == current {
                shortcut
            } else {
                shortcut.style(theme::text::muted)
            };
            let label = row![
                text(tr.t(section.key())).size(theme::TEXT).width(Fill),
                shortcut
            ]
            .spacing(6)
            .align_y(iced::Center);
            nav = nav.push(
                button(label)
                    .width(Fill)
                    .padding([8, 10])
                    .style(theme::button::nav(section == current))
                    .on_press(Message::Open(section)),
            );
        }
        let who = column![
            text(self.session.name.short())
                .size(theme::TEXT)
                .font(theme::BOLD),
            text(self.session.login.clone())
                .size(theme::SMALL)
                .style(theme::text::muted),
        ];
        // The entries scroll when the window is too low for all of them (an administrator has
        // eleven); who is logged in and the lock and logout buttons stay in view.
        let nav = scrollable(nav)
            .height(Fill)
            .direction(scrollable::Direction::Vertical(
                scrollable::Scrollbar::new().width(4).scroller_width(4),
            ));
        let sidebar = container(
            column![
                nav,
                who,
                button(text(tr.t("nav-lock")).size(theme::TEXT))
                    .width(Fill)
                    .padding([8, 10])
                    .style(theme::button::secondary)
                    .on_press(Message::Lock),
                button(text(tr.t("nav-logout")).size(theme::TEXT))
                    .width(Fill)
                    .padding([8, 10])
                    .style(theme::button::secondary)
                    .on_press(Message::Logout),
            ]
            .spacing(6),
        )
        .padding(12)
        .width(240)
        .height(Fill)
        .style(theme::container::sidebar);

        let mut page = column![].spacing(12);
        if let Some(key) = self.flash {
            page = page.push(widget::notice(text(tr.t(key)).size(theme::TEXT)));
        }
        page = page.push(self.page.view(&ctx).map(Message::Page));
        let page: Element<'a, Message> = if current.fills() {
            container(page.height(Fill))
                .padding(16)
                .width(Fill)
                .height(Fill)
                .into()
        } else {
            container(scrollable(container(page).padding(24).width(Fill)))
                .width(Fill)
                .height(Fill)
                .into()
        };

        column![row![sidebar, page].height(Fill), self.status_bar(&ctx)].into()
    }

    fn status_bar<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let year = match &self.info.year {
            Some(y) => tr.t_args("status-year", &[("year", y.name.clone().into())]),
            None => tr.t("status-no-year"),
        };
        let mut bar = row![
            text(self.session.name.full())
                .size(theme::SMALL)
                .font(theme::BOLD),
            text(tr.roles(&self.session.roles)).size(theme::SMALL),
            text(year).size(theme::SMALL),
            text(tr.t_args(
                "status-file",
                &[("path", ctx.file.path().display().to_string().into())]
            ))
            .size(theme::SMALL)
            .wrapping(text::Wrapping::None),
        ]
        .spacing(28);
        // Another program is writing to the same file: say that we wait, not that it failed.
        if crate::db::waiting_for_other_program() {
            bar = bar.push(
                text(tr.t("status-busy-retrying"))
                    .size(theme::SMALL)
                    .style(theme::text::danger),
            );
        }
        container(bar)
            .padding([6, 12])
            .width(Fill)
            .style(theme::container::status_bar)
            .into()
    }
}
