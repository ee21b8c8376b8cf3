//! The look: the embedded font, the light and dark palettes, and one named style function per
//! kind of widget the screens use (`theme::button::nav`, `theme::container::status_bar`…), so a
//! screen says what a thing is and this module decides how it looks. Keyboard focus is drawn
//! here too: a focused field gets a thick accent border that cannot be missed.

use iced::font::{Family, Weight};
use iced::theme::Palette;
use iced::{Color, Font, Theme, color};

/// PT Sans cut down to Latin + Cyrillic, renamed as its licence requires (see `assets/fonts`).
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/ZhurnalSans-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/ZhurnalSans-Bold.ttf");

/// The family name inside the embedded files.
pub const FAMILY: &str = "Zhurnal Sans";

/// The default font of every text.
pub const FONT: Font = Font {
    family: Family::Name(FAMILY),
    ..Font::DEFAULT
};
pub const BOLD: Font = Font {
    family: Family::Name(FAMILY),
    weight: Weight::Bold,
    ..Font::DEFAULT
};

/// Text sizes: body text is large enough to read at arm's length on a staff-room monitor.
pub const TEXT: f32 = 16.0;
pub const SMALL: f32 = 14.0;
pub const HEADING: f32 = 26.0;
pub const SUBHEADING: f32 = 19.0;

/// The two looks a user can choose; remembered in the preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Look {
    #[default]
    Light,
    Dark,
}

impl Look {
    pub const ALL: [Look; 2] = [Look::Light, Look::Dark];

    pub fn code(self) -> &'static str {
        match self {
            Look::Light => "light",
            Look::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Look> {
        match code {
            "light" => Some(Look::Light),
            "dark" => Some(Look::Dark),
            _ => None,
        }
    }

    /// The i18n key of the look's name.
    pub fn key(self) -> &'static str {
        match self {
            Look::Light => "theme-light",
            Look::Dark => "theme-dark",
        }
    }

    pub fn theme(self) -> Theme {
        match self {
            // Dark blue ink on paper white: the colours of a paper journal.
            Look::Light => Theme::custom(
                "Zhurnal light",
                Palette {
                    background: color!(0xf7f7f4),
                    text: color!(0x1d1f24),
                    primary: color!(0x1f5fa8),
                    success: color!(0x1b7a3d),
                    warning: color!(0xa86a00),
                    danger: color!(0xb3261e),
                },
            ),
            Look::Dark => Theme::custom(
                "Zhurnal dark",
                Palette {
                    background: color!(0x1e2126),
                    text: color!(0xe6e6e3),
                    // Deep enough for light text on buttons (4.9:1); lines and links use a lighter tint.
                    primary: color!(0x2a5fb0),
                    success: color!(0x5cc98a),
                    warning: color!(0xf0b85a),
                    danger: color!(0xff8a80),
                },
            ),
        }
    }
}

/// The accent for thin things drawn on the page (focus rings, links): on the dark page the fill
/// colour is too deep to see, so it is lightened towards the text colour.
fn accent_line(p: &iced::theme::palette::Extended) -> Color {
    if p.is_dark {
        mix(p.primary.base.color, p.background.base.text, 0.4)
    } else {
        p.primary.base.color
    }
}

fn mix(a: Color, b: Color, t: f32) -> Color {
    Color {
        r: a.r + (b.r - a.r) * t,
        g: a.g + (b.g - a.g) * t,
        b: a.b + (b.b - a.b) * t,
        a: 1.0,
    }
}

pub mod text {
    use iced::Theme;
    use iced::widget::text::Style;

    /// Secondary information: hints, file paths.
    pub fn muted(theme: &Theme) -> Style {
        let p = theme.palette();
        Style {
            color: Some(super::mix(p.text, p.background, 0.35)),
        }
    }

    pub fn danger(theme: &Theme) -> Style {
        Style {
            color: Some(theme.palette().danger),
        }
    }

    pub fn success(theme: &Theme) -> Style {
        Style {
            color: Some(theme.palette().success),
        }
    }
}

pub mod container {
    use iced::widget::container::Style;
    use iced::{Background, Border, Theme};

    /// The sidebar: a band slightly darker than the page.
    pub fn sidebar(theme: &Theme) -> Style {
        let p = theme.extended_palette();
        Style {
            background: Some(Background::Color(p.background.weak.color)),
            text_color: Some(p.background.weak.text),
            ..Style::default()
        }
    }

    /// The status bar at the bottom.
    pub fn status_bar(theme: &Theme) -> Style {
        let p = theme.extended_palette();
        Style {
            background: Some(Background::Color(p.background.strong.color)),
            text_color: Some(p.background.strong.text),
            ..Style::default()
        }
    }

    /// A framed panel on the page: forms, lists.
    pub fn card(theme: &Theme) -> Style {
        let p = theme.extended_palette();
        Style {
            background: Some(Background::Color(p.background.base.color)),
            border: Border {
                color: p.background.strong.color,
                width: 1.0,
                radius: 6.0.into(),
            },
            ..Style::default()
        }
    }

    /// A message that something went wrong, with what to do.
    pub fn error(theme: &Theme) -> Style {
        let p = theme.palette();
        Style {
            background: Some(Background::Color(super::mix(p.background, p.danger, 0.12))),
            border: Border {
                color: p.danger,
                width: 1.0,
                radius: 6.0.into(),
            },
            text_color: Some(p.text),
            ..Style::default()
        }
    }

    /// A neutral notice: hints, the demo accounts.
    pub fn notice(theme: &Theme) -> Style {
        let p = theme.palette();
        Style {
            background: Some(Background::Color(super::mix(p.background, p.primary, 0.10))),
            border: Border {
                color: super::mix(p.background, p.primary, 0.45),
                width: 1.0,
                radius: 6.0.into(),
            },
            text_color: Some(p.text),
            ..Style::default()
        }
    }

    /// The header row of a table.
    pub fn table_header(theme: &Theme) -> Style {
        let p = theme.extended_palette();
        Style {
            background: Some(Background::Color(p.background.weak.color)),
            ..Style::default()
        }
    }
}

pub mod button {
    use iced::widget::button::{Status, Style};
    use iced::{Background, Border, Theme};

    /// The main action of a form.
    pub fn primary(theme: &Theme, status: Status) -> Style {
        let mut s = iced::widget::button::primary(theme, status);
        s.border.radius = 4.0.into();
        s
    }

    /// A secondary action: framed, not filled.
    pub fn secondary(theme: &Theme, status: Status) -> Style {
        let p = theme.extended_palette();
        let base = Style {
            background: Some(Background::Color(p.background.base.color)),
            text_color: p.background.base.text,
            border: Border {
                color: p.background.strong.color,
                width: 1.0,
                radius: 4.0.into(),
            },
            ..Style::default()
        };
        match status {
            Status::Active => base,
            Status::Hovered => Style {
                background: Some(Background::Color(p.background.weak.color)),
                ..base
            },
            Status::Pressed => Style {
                background: Some(Background::Color(p.background.strong.color)),
                ..base
            },
            Status::Disabled => Style {
                text_color: p.background.strong.color,
                ..base
            },
        }
    }

    /// A big choice on the welcome screen: a card that is a button.
    pub fn choice(theme: &Theme, status: Status) -> Style {
        let p = theme.extended_palette();
        framed(p.background.base, p, status, 8.0, 2.0)
    }

    /// A framed button on `pair`'s colours whose frame turns to the accent colour (and
    /// `hover_width` wide) under the pointer.
    fn framed(
        pair: iced::theme::palette::Pair,
        p: &iced::theme::palette::Extended,
        status: Status,
        radius: f32,
        hover_width: f32,
    ) -> Style {
        let base = Style {
            background: Some(Background::Color(pair.color)),
            text_color: pair.text,
            border: Border {
                color: p.background.strong.color,
                width: 1.0,
                radius: radius.into(),
            },
            ..Style::default()
        };
        match status {
            Status::Hovered | Status::Pressed => Style {
                border: Border {
                    color: p.primary.base.color,
                    width: hover_width,
                    ..base.border
                },
                ..base
            },
            Status::Active | Status::Disabled => base,
        }
    }

    /// A sidebar entry; the open one is filled with the accent colour.
    pub fn nav(active: bool) -> impl Fn(&Theme, Status) -> Style {
        move |theme, status| {
            let p = theme.extended_palette();
            if active {
                return Style {
                    background: Some(Background::Color(p.primary.base.color)),
                    text_color: p.primary.base.text,
                    border: Border {
                        radius: 4.0.into(),
                        ..Border::default()
                    },
                    ..Style::default()
                };
            }
            let base = Style {
                background: None,
                text_color: p.background.weak.text,
                border: Border {
                    radius: 4.0.into(),
                    ..Border::default()
                },
                ..Style::default()
            };
            match status {
                Status::Hovered | Status::Pressed => Style {
                    background: Some(Background::Color(p.background.strong.color)),
                    ..base
                },
                Status::Active | Status::Disabled => base,
            }
        }
    }

    /// One choice of a small set shown side by side (language, look); the chosen one is filled.
    pub fn segment(active: bool) -> impl Fn(&Theme, Status) -> Style {
        move |theme, status| {
            let p = theme.extended_palette();
            let border = Border {
                color: p.background.strong.color,
                width: 1.0,
                radius: 4.0.into(),
            };
            if active {
                return Style {
                    background: Some(Background::Color(p.primary.base.color)),
                    text_color: p.primary.base.text,
                    border: Border {
                        color: p.primary.base.color,
                        ..border
                    },
                    ..Style::default()
                };
            }
            let base = Style {
                background: Some(Background::Color(p.background.base.color)),
                text_color: p.background.base.text,
                border,
                ..Style::default()
            };
            match status {
                Status::Hovered | Status::Pressed => Style {
                    background: Some(Background::Color(p.background.weak.color)),
                    ..base
                },
                Status::Active | Status::Disabled => base,
            }
        }
    }

    /// A quiet action that reads as a link: accent-coloured text, no frame.
    pub fn link(theme: &Theme, status: Status) -> Style {
        let p = theme.extended_palette();
        let base = super::accent_line(p);
        let color = match status {
            Status::Hovered | Status::Pressed => super::mix(base, p.background.base.text, 0.3),
            Status::Active | Status::Disabled => base,
        };
        Style {
            text_color: color,
            ..Style::default()
        }
    }

    /// A login from the recent list: a chip.
    pub fn chip(theme: &Theme, status: Status) -> Style {
        let p = theme.extended_palette();
        framed(p.background.weak, p, status, 14.0, 1.0)
    }
}

pub mod pick_list {
    use iced::widget::pick_list::{Status, Style, default};
    use iced::{Background, Theme};

    /// A list whose choices are still being read: the page's own background and muted words.
    pub fn waiting(theme: &Theme, status: Status) -> Style {
        let p = theme.extended_palette();
        Style {
            background: Background::Color(p.background.base.color),
            text_color: super::mix(p.background.base.text, p.background.base.color, 0.5),
            ..default(theme, status)
        }
    }
}

pub mod text_input {
    use iced::widget::text_input::{Status, Style};
    use iced::{Background, Border, Theme};

    /// A field whose keyboard focus is impossible to miss: a 2-pixel accent border and a tinted
    /// background while focused.
    pub fn field(theme: &Theme, status: Status) -> Style {
        let p = theme.extended_palette();
        let active = Style {
            background: Background::Color(p.background.base.color),
            border: Border {
                radius: 4.0.into(),
                width: 1.0,
                color: p.background.strong.color,
            },
            icon: p.background.weak.text,
            placeholder: super::mix(p.background.base.text, p.background.base.color, 0.5),
            value: p.background.base.text,
            selection: p.primary.weak.color,
        };
        match status {
            Status::Active => active,
            Status::Hovered => Style {
                border: Border {
                    color: p.background.base.text,
                    ..active.border
                },
                ..active
            },
            Status::Focused { .. } => Style {
                border: Border {
                    color: super::accent_line(p),
                    width: 2.5,
                    ..active.border
                },
                background: Background::Color(super::mix(
                    p.background.base.color,
                    p.primary.base.color,
                    0.06,
                )),
                ..active
            },
            Status::Disabled => Style {
                background: Background::Color(p.background.weak.color),
                value: active.placeholder,
                ..active
            },
        }
    }
}
