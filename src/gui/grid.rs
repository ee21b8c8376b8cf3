//! The journal grid: a canvas that draws a table of students × columns the way a paper journal
//! looks, with the headers (months, dates, kinds of work) and the students' names pinned while
//! the lessons scroll, and the totals pinned on the right. It knows nothing of marks or rules: the
//! journal screen hands it a [`Model`] of texts and shades and gets back what the user did —
//! moved the cursor, typed, pressed a key, clicked a header. Drawing a page is cheap (only the
//! visible cells are drawn), so a year of lessons scrolls without stutter.

use iced::alignment::Vertical;
use iced::keyboard::{self, Key, key::Named};
use iced::mouse;
use iced::widget::canvas::{self, Event, Frame, Geometry, Path, Stroke, Text};
use iced::widget::text::Alignment;
use iced::{Color, Pixels, Point, Rectangle, Renderer, Size, Theme};

use super::theme;

pub const NAME_W: f32 = 250.0;
pub const CELL_W: f32 = 38.0;
pub const ROW_H: f32 = 28.0;
pub const HEAD_H: f32 = 60.0;
const TEXT_SIZE: f32 = 14.0;
const SMALL_SIZE: f32 = 11.0;

/// How a cell or column is shaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shade {
    #[default]
    Normal,
    /// The user may not change it (edit window, closed period, not their course…).
    Locked,
    /// The student was not on the list that day.
    Off,
    /// A cancelled lesson.
    Cancelled,
}

/// What a cell's text means, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Excellent,
    Good,
    Fair,
    Poor,
    Absence,
    Muted,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
    pub shade: Shade,
    /// A small red corner: an absence or a comment besides the marks.
    pub flag: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Column {
    /// The month above a run of columns ("ноябрь"); drawn where it changes.
    pub group: String,
    /// "05", or "I ч." in the year view.
    pub label: String,
    /// Kinds of work: "к/р".
    pub sub: String,
    pub shade: Shade,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowHead {
    pub label: String,
    /// Joined or left during the period: shown in a lighter ink with a mark.
    pub note: bool,
}

/// A column pinned on the right (number of marks, averages, period mark).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pinned {
    pub title: String,
    pub width: f32,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub columns: Vec<Column>,
    pub rows: Vec<RowHead>,
    /// rows × columns.
    pub cells: Vec<Vec<Cell>>,
    pub pinned: Vec<Pinned>,
}

impl Model {
    /// Columns the cursor can stand in: the scrolling ones, then the pinned ones.
    pub fn width(&self) -> usize {
        self.columns.len() + self.pinned.len()
    }

    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        if col < self.columns.len() {
            self.cells.get(row)?.get(col)
        } else {
            self.pinned.get(col - self.columns.len())?.cells.get(row)
        }
    }

    fn pinned_width(&self) -> f32 {
        self.pinned.iter().map(|p| p.width).sum()
    }
}

/// What the user did in the grid.
#[derive(Debug, Clone, PartialEq)]
pub enum GridEvent {
    /// The cursor moved to (row, column).
    Select(usize, usize),
    /// Text typed at the cursor.
    Type(String),
    /// Delete or Backspace at the cursor.
    Clear,
    /// Enter at the cursor (or a double click).
    Open,
    /// A column header was clicked.
    Header(usize),
    /// Ctrl+Z.
    Undo,
    /// Escape.
    Escape,
}

/// The grid as the screen draws it this frame.
pub struct Grid<'a> {
    pub model: &'a Model,
    pub cursor: (usize, usize),
    /// Keyboard input goes to the grid (it was clicked last, no form is open).
    pub active: bool,
}

#[derive(Debug, Default)]
pub struct State {
    /// The first row and lesson column shown. The grid scrolls by whole cells, as a spreadsheet
    /// does, so no cell is ever half under the pinned names, headers or totals.
    row0: usize,
    col0: usize,
    last_cursor: Option<(usize, usize)>,
    last_click: Option<(std::time::Instant, (usize, usize))>,
}

impl Grid<'_> {
    fn lessons_width(&self, bounds: Size) -> f32 {
        (bounds.width - NAME_W - self.model.pinned_width()).max(CELL_W)
    }

    /// How many whole rows and lesson columns fit.
    fn fits(&self, bounds: Size) -> (usize, usize) {
        (
            (((bounds.height - HEAD_H) / ROW_H).floor() as usize).max(1),
            ((self.lessons_width(bounds) / CELL_W).floor() as usize).max(1),
        )
    }

    fn clamp(&self, state: &mut State, bounds: Size) {
        let (rows, cols) = self.fits(bounds);
        state.row0 = state.row0.min(self.model.rows.len().saturating_sub(rows));
        state.col0 = state
            .col0
            .min(self.model.columns.len().saturating_sub(cols));
    }

    /// Scrolls just enough to show the cursor.
    fn reveal(&self, state: &mut State, bounds: Size, (row, col): (usize, usize)) {
        let (rows, cols) = self.fits(bounds);
        if row < state.row0 {
            state.row0 = row;
        } else if row >= state.row0 + rows {
            state.row0 = row + 1 - rows;
        }
        if col < self.model.columns.len() {
            if col < state.col0 {
                state.col0 = col;
            } else if col >= state.col0 + cols {
                state.col0 = col + 1 - cols;
            }
        }
        self.clamp(state, bounds);
    }

    /// The cell (or header column) under a point of the canvas.
    fn hit(&self, state: &State, bounds: Size, p: Point) -> Option<(Option<usize>, usize)> {
        let (_, cols) = self.fits(bounds);
        let shown = cols.min(self.model.columns.len().saturating_sub(state.col0));
        let lessons_w = self.lessons_width(bounds);
        let col = if p.x < NAME_W {
            return None;
        } else if p.x < NAME_W + shown as f32 * CELL_W {
            state.col0 + ((p.x - NAME_W) / CELL_W) as usize
        } else if p.x >= NAME_W + lessons_w {
            let mut x = NAME_W + lessons_w;
            let mut found = None;
            for (i, pc) in self.model.pinned.iter().enumerate() {
                if p.x >= x && p.x < x + pc.width {
                    found = Some(self.model.columns.len() + i);
                }
                x += pc.width;
            }
            found?
        } else {
            return None;
        };
        if p.y < HEAD_H {
            return Some((None, col));
        }
        let row = state.row0 + ((p.y - HEAD_H) / ROW_H) as usize;
        (row < self.model.rows.len()).then_some((Some(row), col))
    }

    fn moved(&self, (r, c): (usize, usize), dr: isize, dc: isize) -> (usize, usize) {
        let rows = self.model.rows.len().max(1) as isize;
        let cols = self.model.width().max(1) as isize;
        (
            (r as isize + dr).clamp(0, rows - 1) as usize,
            (c as isize + dc).clamp(0, cols - 1) as usize,
        )
    }
}

impl canvas::Program<GridEvent> for Grid<'_> {
    type State = State;

    fn update(
        &self,
        state: &mut State,
        event: &Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<GridEvent>> {
        if state.last_cursor != Some(self.cursor) {
            state.last_cursor = Some(self.cursor);
            self.reveal(state, bounds.size(), self.cursor);
        }
        match event {
            Event::Mouse(mouse::Event::WheelScrolled { delta }) => {
                cursor.position_in(bounds)?;
                let (dx, dy) = match *delta {
                    mouse::ScrollDelta::Lines { x, y } => (x * 2.0, y * 3.0),
                    mouse::ScrollDelta::Pixels { x, y } => (x / CELL_W, y / ROW_H),
                };
                let step = |v: usize, d: f32| (v as f32 - d).round().max(0.0) as usize;
                state.row0 = step(state.row0, dy);
                state.col0 = step(state.col0, dx);
                self.clamp(state, bounds.size());
                Some(canvas::Action::request_redraw().and_capture())
            }
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                let p = cursor.position_in(bounds)?;
                match self.hit(state, bounds.size(), p)? {
                    (None, col) => {
                        Some(canvas::Action::publish(GridEvent::Header(col)).and_capture())
                    }
                    (Some(row), col) => {
                        let now = std::time::Instant::now();
                        let double = state.last_click.is_some_and(|(t, at)| {
                            at == (row, col) && now.duration_since(t).as_millis() < 450
                        });
                        state.last_click = Some((now, (row, col)));
                        let ev = if double {
                            GridEvent::Open
                        } else {
                            GridEvent::Select(row, col)
                        };
                        Some(canvas::Action::publish(ev).and_capture())
                    }
                }
            }
            Event::Keyboard(keyboard::Event::KeyPressed {
                key,
                modifiers,
                text,
                ..
            }) if self.active => {
                let step = |dr: isize, dc: isize| {
                    let (r, c) = self.moved(self.cursor, dr, dc);
                    canvas::Action::publish(GridEvent::Select(r, c)).and_capture()
                };
                let page = self.fits(bounds.size()).0 as isize;
                let action = match key.as_ref() {
                    Key::Named(Named::ArrowUp) => step(-1, 0),
                    Key::Named(Named::ArrowDown) => step(1, 0),
                    Key::Named(Named::ArrowLeft) => step(0, -1),
                    Key::Named(Named::ArrowRight) => step(0, 1),
                    Key::Named(Named::Tab) => step(0, if modifiers.shift() { -1 } else { 1 }),
                    Key::Named(Named::PageUp) => step(-page, 0),
                    Key::Named(Named::PageDown) => step(page, 0),
                    Key::Named(Named::Home) => step(0, -(self.cursor.1 as isize)),
                    Key::Named(Named::End) => step(0, self.model.width() as isize),
                    Key::Named(Named::Enter) => {
                        canvas::Action::publish(GridEvent::Open).and_capture()
                    }
                    Key::Named(Named::Delete | Named::Backspace) => {
                        canvas::Action::publish(GridEvent::Clear).and_capture()
                    }
                    Key::Named(Named::Escape) => {
                        canvas::Action::publish(GridEvent::Escape).and_capture()
                    }
                    Key::Character(c) if modifiers.command() && (c == "z" || c == "я") => {
                        canvas::Action::publish(GridEvent::Undo).and_capture()
                    }
                    _ if modifiers.command() || modifiers.alt() => return None,
                    _ => {
                        let t = text
                            .as_ref()
                            .map(|t| t.to_string())
                            .filter(|t| !t.trim().is_empty() && !t.chars().any(char::is_control))?;
                        canvas::Action::publish(GridEvent::Type(t)).and_capture()
                    }
                };
                Some(action)
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        state: &State,
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let pal = Palette::of(theme);
        let size = bounds.size();
        let m = self.model;
        // Where the view would be if the cursor moved since the last event (drawing must not lag
        // one frame behind the keyboard).
        let mut view = State {
            row0: state.row0,
            col0: state.col0,
            ..State::default()
        };
        if state.last_cursor != Some(self.cursor) {
            self.reveal(&mut view, size, self.cursor);
        }
        let (fit_rows, fit_cols) = self.fits(size);
        let rows = view.row0..(view.row0 + fit_rows).min(m.rows.len());
        let cols = view.col0..(view.col0 + fit_cols).min(m.columns.len());
        let lessons_w = self.lessons_width(size);
        let x_of = |c: usize| NAME_W + (c - view.col0) as f32 * CELL_W;
        let y_of = |r: usize| HEAD_H + (r - view.row0) as f32 * ROW_H;
        let line = |f: &mut Frame, a: Point, b: Point, color: Color, w: f32| {
            f.stroke(
                &Path::line(a, b),
                Stroke::default().with_color(color).with_width(w),
            );
        };

        frame.fill_rectangle(Point::ORIGIN, size, pal.paper);
        // Headers: names corner, lessons, pinned.
        frame.fill_rectangle(Point::ORIGIN, Size::new(size.width, HEAD_H), pal.header);
        frame.fill_rectangle(
            Point::new(0.0, HEAD_H),
            Size::new(NAME_W, size.height - HEAD_H),
            pal.header,
        );

        let mut last_group: Option<&str> = None;
        for c in cols.clone() {
            let x = x_of(c);
            let col = &m.columns[c];
            if last_group != Some(col.group.as_str()) {
                line(
                    &mut frame,
                    Point::new(x, 0.0),
                    Point::new(x, 20.0),
                    pal.rule_strong,
                    1.0,
                );
                // Past the "◀" that says more lessons are hidden to the left.
                let indent = if c == cols.start && view.col0 > 0 {
                    18.0
                } else {
                    4.0
                };
                frame.fill_text(text(
                    &col.group,
                    Point::new(x + indent, 10.0),
                    pal.ink,
                    SMALL_SIZE,
                    Alignment::Left,
                ));
                last_group = Some(col.group.as_str());
            }
            if col.shade != Shade::Normal {
                frame.fill_rectangle(
                    Point::new(x, 20.0),
                    Size::new(CELL_W, HEAD_H - 20.0),
                    shade_color(&pal, col.shade),
                );
            }
            frame.fill_text(
                text(
                    &col.label,
                    Point::new(x + CELL_W / 2.0, 31.0),
                    pal.ink,
                    TEXT_SIZE,
                    Alignment::Center,
                )
                .bold(),
            );
            frame.fill_text(text(
                &col.sub,
                Point::new(x + CELL_W / 2.0, 49.0),
                pal.muted,
                SMALL_SIZE,
                Alignment::Center,
            ));
            line(
                &mut frame,
                Point::new(x, 20.0),
                Point::new(x, HEAD_H),
                pal.rule,
                1.0,
            );
        }
        line(
            &mut frame,
            Point::new(NAME_W, 20.0),
            Point::new(NAME_W + lessons_w, 20.0),
            pal.rule,
            1.0,
        );

        // Cells and names.
        for r in rows.clone() {
            let y = y_of(r);
            for c in cols.clone() {
                draw_cell(
                    &mut frame,
                    &pal,
                    Rectangle::new(Point::new(x_of(c), y), Size::new(CELL_W, ROW_H)),
                    &m.cells[r][c],
                    m.columns[c].shade,
                );
            }
            let head = &m.rows[r];
            let color = if head.note { pal.muted } else { pal.ink };
            frame.fill_text(text(
                &format!("{}", r + 1),
                Point::new(24.0, y + ROW_H / 2.0),
                pal.muted,
                SMALL_SIZE,
                Alignment::Right,
            ));
            let label = if head.note {
                format!("{} *", head.label)
            } else {
                head.label.clone()
            };
            frame.fill_text(Text {
                max_width: NAME_W - 36.0,
                ..text(
                    &label,
                    Point::new(32.0, y + ROW_H / 2.0),
                    color,
                    TEXT_SIZE,
                    Alignment::Left,
                )
            });
            line(
                &mut frame,
                Point::new(0.0, y + ROW_H),
                Point::new(NAME_W, y + ROW_H),
                pal.rule,
                1.0,
            );
            if r == self.cursor.0 {
                frame.fill_rectangle(Point::new(0.0, y), Size::new(4.0, ROW_H), pal.accent);
            }
        }

        // Pinned columns on the right.
        let mut x = NAME_W + lessons_w;
        for (i, p) in m.pinned.iter().enumerate() {
            frame.fill_text(Text {
                max_width: p.width - 4.0,
                ..text(
                    &p.title,
                    Point::new(x + p.width / 2.0, HEAD_H / 2.0),
                    pal.ink,
                    SMALL_SIZE,
                    Alignment::Center,
                )
            });
            for r in rows.clone() {
                draw_cell(
                    &mut frame,
                    &pal,
                    Rectangle::new(Point::new(x, y_of(r)), Size::new(p.width, ROW_H)),
                    &p.cells[r],
                    Shade::Normal,
                );
            }
            line(
                &mut frame,
                Point::new(x, 0.0),
                Point::new(x, size.height),
                if i == 0 { pal.rule_strong } else { pal.rule },
                if i == 0 { 2.0 } else { 1.0 },
            );
            x += p.width;
        }
        line(
            &mut frame,
            Point::new(NAME_W, 0.0),
            Point::new(NAME_W, size.height),
            pal.rule_strong,
            2.0,
        );
        line(
            &mut frame,
            Point::new(0.0, HEAD_H),
            Point::new(size.width, HEAD_H),
            pal.rule_strong,
            2.0,
        );

        // Where more lessons are hidden to the left or right: a hint in the corner.
        if view.col0 > 0 {
            frame.fill_text(text(
                "◀",
                Point::new(NAME_W + 4.0, 10.0),
                pal.accent,
                SMALL_SIZE,
                Alignment::Left,
            ));
        }
        if cols.end < m.columns.len() {
            frame.fill_text(text(
                "▶",
                Point::new(NAME_W + lessons_w - 4.0, 10.0),
                pal.accent,
                SMALL_SIZE,
                Alignment::Right,
            ));
        }

        // The cursor: a thick frame, accent when the grid has the keyboard.
        let (r, c) = self.cursor;
        if rows.contains(&r) && (cols.contains(&c) || (c >= m.columns.len() && c < m.width())) {
            let (x, w) = if c < m.columns.len() {
                (x_of(c), CELL_W)
            } else {
                let i = c - m.columns.len();
                (
                    NAME_W + lessons_w + m.pinned[..i].iter().map(|p| p.width).sum::<f32>(),
                    m.pinned[i].width,
                )
            };
            let color = if self.active { pal.accent } else { pal.muted };
            frame.stroke(
                &Path::rectangle(
                    Point::new(x + 1.5, y_of(r) + 1.5),
                    Size::new(w - 3.0, ROW_H - 3.0),
                ),
                Stroke::default().with_color(color).with_width(3.0),
            );
        }
        vec![frame.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        _state: &State,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        if cursor.is_over(bounds) {
            mouse::Interaction::Pointer
        } else {
            mouse::Interaction::default()
        }
    }
}

fn draw_cell(f: &mut Frame, pal: &Palette, r: Rectangle, cell: &Cell, column: Shade) {
    let shade = if cell.shade != Shade::Normal {
        cell.shade
    } else {
        column
    };
    if shade != Shade::Normal {
        f.fill_rectangle(r.position(), r.size(), shade_color(pal, shade));
    }
    if shade == Shade::Off && cell.text.is_empty() {
        f.stroke(
            &Path::line(
                Point::new(r.x + 10.0, r.y + r.height / 2.0),
                Point::new(r.x + r.width - 10.0, r.y + r.height / 2.0),
            ),
            Stroke::default()
                .with_color(pal.rule_strong)
                .with_width(1.0),
        );
    }
    let color = match cell.tone {
        Tone::Plain => pal.ink,
        Tone::Excellent => pal.excellent,
        Tone::Good => pal.good,
        Tone::Fair => pal.fair,
        Tone::Poor | Tone::Absence => pal.poor,
        Tone::Muted => pal.muted,
    };
    if !cell.text.is_empty() {
        let size = if cell.text.chars().count() > 3 {
            SMALL_SIZE
        } else {
            TEXT_SIZE
        };
        let mut t = text(
            &cell.text,
            Point::new(r.x + r.width / 2.0, r.y + r.height / 2.0),
            color,
            size,
            Alignment::Center,
        );
        if matches!(
            cell.tone,
            Tone::Excellent | Tone::Good | Tone::Fair | Tone::Poor | Tone::Absence
        ) {
            t = t.bold();
        }
        f.fill_text(t);
    }
    if cell.flag {
        let p = Path::new(|b| {
            b.move_to(Point::new(r.x + r.width - 7.0, r.y));
            b.line_to(Point::new(r.x + r.width, r.y));
            b.line_to(Point::new(r.x + r.width, r.y + 7.0));
            b.close();
        });
        f.fill(&p, pal.poor);
    }
    f.stroke(
        &Path::rectangle(r.position(), r.size()),
        Stroke::default().with_color(pal.rule).with_width(1.0),
    );
}

fn shade_color(pal: &Palette, s: Shade) -> Color {
    match s {
        Shade::Normal => pal.paper,
        Shade::Locked => pal.locked,
        Shade::Off => pal.off,
        Shade::Cancelled => pal.off,
    }
}

trait Bold {
    fn bold(self) -> Self;
}

impl Bold for Text {
    fn bold(mut self) -> Self {
        self.font = theme::BOLD;
        self
    }
}

fn text(content: &str, position: Point, color: Color, size: f32, align_x: Alignment) -> Text {
    Text {
        content: content.to_string(),
        position,
        color,
        size: Pixels(size),
        font: theme::FONT,
        align_x,
        align_y: Vertical::Center,
        max_width: f32::INFINITY,
        ..Text::default()
    }
}

/// The grid's colours, from the theme so both looks read well.
struct Palette {
    paper: Color,
    header: Color,
    ink: Color,
    muted: Color,
    rule: Color,
    rule_strong: Color,
    accent: Color,
    locked: Color,
    off: Color,
    excellent: Color,
    good: Color,
    fair: Color,
    poor: Color,
}

impl Palette {
    fn of(theme: &Theme) -> Palette {
        let p = theme.palette();
        let mix = |a: Color, b: Color, t: f32| Color {
            r: a.r + (b.r - a.r) * t,
            g: a.g + (b.g - a.g) * t,
            b: a.b + (b.b - a.b) * t,
            a: 1.0,
        };
        Palette {
            paper: p.background,
            header: mix(p.background, p.text, 0.06),
            ink: p.text,
            muted: mix(p.text, p.background, 0.45),
            rule: mix(p.background, p.text, 0.15),
            rule_strong: mix(p.background, p.text, 0.35),
            accent: p.primary,
            locked: mix(p.background, p.text, 0.08),
            off: mix(p.background, p.text, 0.16),
            excellent: p.success,
            good: p.primary,
            fair: p.warning,
            poor: p.danger,
        }
    }
}
