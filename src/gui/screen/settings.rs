//! Settings and "about", open to everyone: the interface language and look (remembered on this
//! computer), the user's own password, the keyboard shortcuts, and what this school, year and file
//! are. School-wide settings (the idle lock, the edit window) are the administrator's, elsewhere.

use iced::Fill;
use iced::widget::{button, column, container, row, text};

use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, lang_switch, theme};
use crate::i18n::{Lang, format_date};

pub struct Settings;

#[derive(Debug, Clone)]
pub enum Message {
    Lang(Lang),
    Look(theme::Look),
    ChangePassword,
}

pub enum Action {
    None,
    SetLang(Lang),
    SetLook(theme::Look),
    ChangePassword,
}

impl Settings {
    pub fn new() -> Settings {
        Settings
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Lang(l) => Action::SetLang(l),
            Message::Look(l) => Action::SetLook(l),
            Message::ChangePassword => Action::ChangePassword,
        }
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let langs = lang_switch(tr.lang(), Message::Lang);
        let looks = theme::Look::ALL.iter().fold(row![].spacing(4), |r, l| {
            r.push(
                button(text(tr.t(l.key())).size(theme::SMALL))
                    .padding([4, 10])
                    .style(theme::button::segment(*l == ctx.look))
                    .on_press(Message::Look(*l)),
            )
        });

        let appearance = card(
            column![
                widget::subheading(tr.t("settings-appearance")),
                text(tr.t("settings-language")).size(theme::SMALL),
                langs,
                text(tr.t("settings-theme")).size(theme::SMALL),
                looks,
                widget::hint(tr.t("settings-remembered")),
            ]
            .spacing(10),
        );

        let account = card(
            column![
                widget::subheading(tr.t("settings-account")),
                text(format!(
                    "{} ({})",
                    ctx.session.name.full(),
                    ctx.session.login
                ))
                .size(theme::TEXT),
                text(tr.roles(&ctx.session.roles)).size(theme::TEXT),
                button(text(tr.t("settings-change-password")).size(theme::TEXT))
                    .padding([8, 16])
                    .style(theme::button::secondary)
                    .on_press(Message::ChangePassword),
            ]
            .spacing(10),
        );

        let keys = [
            ("F1 … F12\nCtrl+1 … Ctrl+9", "keys-sections"),
            ("Ctrl+L", "keys-lock"),
            ("Tab / Shift+Tab", "keys-tab"),
            ("Enter", "keys-enter"),
        ];
        let keys = keys.iter().fold(
            column![widget::subheading(tr.t("settings-keys"))].spacing(6),
            |c, (k, key)| {
                c.push(row![text(*k).font(theme::BOLD).width(170), text(tr.t(key))].spacing(12))
            },
        );

        let mut about = column![widget::subheading(tr.t("about-title"))].spacing(6);
        if let Some(s) = &ctx.info.school {
            about = about.push(line(tr.t("about-school"), s.name.clone()));
            if !s.address.is_empty() {
                about = about.push(line(tr.t("about-address"), s.address.clone()));
            }
            if !s.director.is_empty() {
                about = about.push(line(tr.t("about-director"), s.director.clone()));
            }
        }
        if let Some(y) = &ctx.info.year {
            let dates = tr.t_args(
                "about-year-dates",
                &[
                    ("year", y.name.clone().into()),
                    ("from", format_date(y.start).into()),
                    ("to", format_date(y.end).into()),
                ],
            );
            about = about.push(line(tr.t("about-year"), dates));
        }
        let idle = match ctx.info.idle_minutes {
            0 => tr.t("about-idle-off"),
            m => tr.t_args("about-idle", &[("minutes", m.into())]),
        };
        about = about
            .push(line(tr.t("about-idle-title"), idle))
            .push(line(
                tr.t("about-file"),
                ctx.file.path().display().to_string(),
            ))
            .push(line(
                tr.t("about-version"),
                env!("CARGO_PKG_VERSION").to_string(),
            ))
            .push(widget::hint(tr.t("about-font")));

        column![
            widget::heading(tr.t("settings-title")),
            row![appearance, account].spacing(16),
            card(keys),
            card(about),
        ]
        .spacing(16)
        .max_width(980)
        .into()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::new()
    }
}

fn card<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content)
        .padding(16)
        .width(Fill)
        .style(theme::container::card)
        .into()
}

fn line<'a, M: 'a>(label: String, value: String) -> Element<'a, M> {
    row![
        text(label).style(theme::text::muted).width(170),
        text(value).width(Fill)
    ]
    .spacing(12)
    .into()
}
