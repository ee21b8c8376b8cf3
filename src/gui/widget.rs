//! Type aliases and the few composite widgets every screen builds the same way: a labelled
//! field, a heading, an error box. Styling comes from `theme`; words come from the caller.

use iced::widget::{column, container, text, text_input};

use super::theme;

pub type Element<'a, Message> = iced::Element<'a, Message>;

/// A page or form heading.
pub fn heading<'a, M: 'a>(label: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(label).size(theme::HEADING).font(theme::BOLD).into()
}

/// A section heading inside a page.
pub fn subheading<'a, M: 'a>(label: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(label).size(theme::SUBHEADING).font(theme::BOLD).into()
}

/// Secondary text: hints, paths.
pub fn hint<'a, M: 'a>(label: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(label)
        .size(theme::SMALL)
        .style(theme::text::muted)
        .into()
}

/// A text field with its label above it. `id` lets the app move keyboard focus to it and tests
/// find it; `secure` hides a password.
pub fn field<'a, M: Clone + 'a>(
    label: String,
    id: &'static str,
    value: &str,
    secure: bool,
    on_input: impl Fn(String) -> M + 'a,
    on_submit: Option<M>,
) -> Element<'a, M> {
    let input = text_input("", value)
        .id(id)
        .secure(secure)
        .on_input(on_input)
        .on_submit_maybe(on_submit)
        .padding(8)
        .size(theme::TEXT)
        .style(theme::text_input::field);
    column![text(label).size(theme::SMALL), input]
        .spacing(4)
        .into()
}

/// What went wrong, in a red frame.
pub fn error_box<'a, M: 'a>(message: String) -> Element<'a, M> {
    container(text(message).size(theme::TEXT))
        .padding(12)
        .width(iced::Fill)
        .style(theme::container::error)
        .into()
}

/// A neutral notice in a tinted frame.
pub fn notice<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content)
        .padding(12)
        .width(iced::Fill)
        .style(theme::container::notice)
        .into()
}
