//! The administrator's list of staff accounts: name, login, roles and the account's state
//! (active, switched off, waiting for its temporary password to be replaced). Read-only here;
//! creating accounts and resetting passwords belong to the staff-management issue.

use iced::widget::{column, container, row, table, text, text_input};
use iced::{Fill, Task};

use crate::auth::{self, StaffRow};
use crate::error::Error;
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::model::collate_key;

pub struct Staff {
    rows: Option<Result<Vec<StaffRow>, Error>>,
    filter: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<StaffRow>, Error>),
    Filter(String),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl Staff {
    pub fn new(ctx: &Ctx<'_>) -> (Staff, Task<Message>) {
        let load = ctx.file.run(|db| auth::list_staff(&db.conn));
        (
            Staff {
                rows: None,
                filter: String::new(),
            },
            Task::perform(load, Message::Loaded),
        )
    }

    pub fn update(&mut self, message: Message, _ctx: &Ctx<'_>) -> Action {
        match message {
            Message::Loaded(rows) => self.rows = Some(rows),
            Message::Filter(f) => self.filter = f,
        }
        Action::None
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
                    table::column(header("staff-col-name"), |r: StaffRow| text(r.name.full()))
                        .width(Fill),
                    table::column(header("staff-col-login"), |r: StaffRow| text(r.login)),
                    table::column(header("staff-col-roles"), move |r: StaffRow| {
                        text(tr.roles(&r.roles))
                    })
                    .width(Fill),
                    table::column(header("staff-col-state"), move |r: StaffRow| {
                        let (key, style): (&str, fn(&iced::Theme) -> text::Style) = if !r.active {
                            ("staff-state-inactive", theme::text::danger)
                        } else if r.must_change_password {
                            ("staff-state-temporary", theme::text::muted)
                        } else {
                            ("staff-state-active", theme::text::success)
                        };
                        text(tr.t(key)).style(style)
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
                column![
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
                    container(list)
                        .style(theme::container::card)
                        .padding(4)
                        .width(Fill),
                    widget::hint(tr.t("staff-read-only")),
                ]
                .spacing(12)
                .into()
            }
        };
        column![widget::heading(tr.t("staff-title")), body]
            .spacing(16)
            .into()
    }
}
