//! Ruled tables: fixed column widths, a header of one or more rows (cells may span columns, and
//! rows in the header), body rows whose height follows their wrapped text, shaded cells, and page
//! breaks that repeat the header on the next page. A row is never split across pages.

use super::layout::{Align, Font, Layout, fit, wrap};

/// Grey of the header's background and of shaded cells.
pub const HEADER_GREY: f32 = 0.9;
pub const SHADE_GREY: f32 = 0.82;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub width: f32,
    pub align: Align,
    /// Wrap long text onto more lines (otherwise it shrinks to fit one line).
    pub wrap: bool,
}

impl Column {
    pub fn new(width: f32, align: Align) -> Column {
        Column {
            width,
            align,
            wrap: false,
        }
    }
    pub fn wrapped(width: f32) -> Column {
        Column {
            width,
            align: Align::Left,
            wrap: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    pub span: usize,
    /// Header cells only: how many header rows the cell covers.
    pub rows: usize,
    pub bold: bool,
    pub shade: Option<f32>,
    pub align: Option<Align>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
            rows: 1,
            ..Default::default()
        }
    }
    pub fn empty() -> Cell {
        Cell::new("")
    }
    pub fn span(mut self, n: usize) -> Cell {
        self.span = n.max(1);
        self
    }
    pub fn rows(mut self, n: usize) -> Cell {
        self.rows = n.max(1);
        self
    }
    pub fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }
    pub fn shaded(mut self, grey: f32) -> Cell {
        self.shade = Some(grey);
        self
    }
    pub fn align(mut self, a: Align) -> Cell {
        self.align = Some(a);
        self
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::new(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::new(s)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub bold: bool,
    pub shade: Option<f32>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            bold: false,
            shade: None,
        }
    }
    pub fn bold(mut self) -> Row {
        self.bold = true;
        self
    }
    pub fn shaded(mut self, grey: f32) -> Row {
        self.shade = Some(grey);
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Left edge, mm.
    pub x: f32,
    pub columns: Vec<Column>,
    pub header: Vec<Vec<Cell>>,
    pub header_font: Font,
    pub body_font: Font,
    /// Inner padding of a cell, mm.
    pub pad: f32,
    /// The smallest size text may shrink to.
    pub min_size: f32,
}

/// Single lines of a row that share a font and a baseline: `(font, baseline, [(x, text)])`.
type TextRun = (Font, f32, Vec<(f32, String)>);

/// A header cell placed on the grid.
struct Placed<'a> {
    cell: &'a Cell,
    row: usize,
    col: usize,
}

impl Table {
    pub fn new(x: f32, columns: Vec<Column>, header_font: Font, body_font: Font) -> Table {
        Table {
            x,
            columns,
            header: Vec::new(),
            header_font,
            body_font,
            pad: 0.8,
            min_size: 4.5,
        }
    }

    pub fn with_header(mut self, rows: Vec<Vec<Cell>>) -> Table {
        self.header = rows;
        self
    }

    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width).sum()
    }

    fn col_x(&self, col: usize) -> f32 {
        self.x + self.columns[..col].iter().map(|c| c.width).sum::<f32>()
    }

    fn span_width(&self, col: usize, span: usize) -> f32 {
        self.columns[col..(col + span).min(self.columns.len())]
            .iter()
            .map(|c| c.width)
            .sum()
    }

    /// Puts the header cells on the grid, skipping columns covered by cells from rows above.
    fn place_header(&self) -> Vec<Placed<'_>> {
        let n = self.columns.len();
        let mut taken = vec![0usize; n]; // header rows still covered in each column
        let mut out = Vec::new();
        for (r, row) in self.header.iter().enumerate() {
            let mut col = 0;
            for cell in row {
                while col < n && taken[col] > 0 {
                    col += 1;
                }
                if col >= n {
                    break;
                }
                let span = cell.span.max(1).min(n - col);
                for t in taken.iter_mut().skip(col).take(span) {
                    *t = cell.rows.max(1);
                }
                out.push(Placed { cell, row: r, col });
                col += span;
            }
            for t in taken.iter_mut() {
                *t = t.saturating_sub(1);
            }
        }
        out
    }

    fn header_lines(&self, cell: &Cell, width: f32) -> Vec<(String, Font)> {
        let font = if cell.bold {
            Font::bold(self.header_font.size)
        } else {
            self.header_font
        };
        // Headings shrink rather than break a word: "Посещаемость" in a narrow column.
        let inner = width - 2.0 * self.pad;
        let longest = cell
            .text
            .split_whitespace()
            .map(|w| font.width(w))
            .fold(0.0f32, f32::max);
        let font = if longest > inner {
            font.with_size((font.size * inner / longest * 0.999).max(self.min_size))
        } else {
            font
        };
        wrap(&cell.text, font, width - 2.0 * self.pad)
            .into_iter()
            .map(|l| fit(&l, font, width - 2.0 * self.pad, self.min_size))
            .collect()
    }

    /// Heights of the header rows.
    fn header_rows(&self) -> Vec<f32> {
        let placed = self.place_header();
        let lh = self.header_font.line_height();
        let mut heights = vec![lh + 2.0 * self.pad; self.header.len()];
        let need = |p: &Placed| {
            self.header_lines(p.cell, self.span_width(p.col, p.cell.span))
                .len() as f32
                * lh
                + 2.0 * self.pad
        };
        for p in placed.iter().filter(|p| p.cell.rows <= 1) {
            heights[p.row] = heights[p.row].max(need(p));
        }
        for p in placed.iter().filter(|p| p.cell.rows > 1) {
            let last = (p.row + p.cell.rows).min(heights.len());
            let have: f32 = heights[p.row..last].iter().sum();
            let want = need(p);
            if want > have {
                heights[last - 1] += want - have;
            }
        }
        heights
    }

    pub fn header_height(&self) -> f32 {
        self.header_rows().iter().sum()
    }

    /// Draws the header at the cursor and moves below it.
    pub fn draw_header(&self, l: &mut Layout) {
        if self.header.is_empty() {
            let y = l.y();
            l.line(self.x, y, self.x + self.width(), y, 0.6);
            return;
        }
        let heights = self.header_rows();
        let top = l.y();
        let total: f32 = heights.iter().sum();
        l.shade(self.x, top, self.width(), total, HEADER_GREY);
        let lh = self.header_font.line_height();
        for p in self.place_header() {
            let x = self.col_x(p.col);
            let w = self.span_width(p.col, p.cell.span);
            let y = top + heights[..p.row].iter().sum::<f32>();
            let h: f32 = heights[p.row..(p.row + p.cell.rows.max(1)).min(heights.len())]
                .iter()
                .sum();
            if let Some(g) = p.cell.shade {
                l.shade(x, y, w, h, g);
            }
            let lines = self.header_lines(p.cell, w);
            let block = lines.len() as f32 * lh;
            let mut line_top = y + (h - block) / 2.0;
            for (text, font) in lines {
                let baseline = line_top + font.cap_height() + (lh - font.cap_height()) * 0.4;
                let tw = font.width(&text);
                let tx = match p.cell.align.unwrap_or(Align::Center) {
                    Align::Left => x + self.pad,
                    Align::Center => x + (w - tw) / 2.0,
                    Align::Right => x + w - self.pad - tw,
                };
                l.text(tx, baseline, &text, font);
                line_top += lh;
            }
            l.line(x, y, x + w, y, 0.6);
            l.line(x, y + h, x + w, y + h, 0.6);
            l.line(x, y, x, y + h, 0.6);
            l.line(x + w, y, x + w, y + h, 0.6);
        }
        l.set_y(top + total);
    }

    /// Starts the table at the cursor: a new page first if the header and a row do not fit.
    pub fn start(&self, l: &mut Layout) {
        let need = self.header_height() + self.body_font.line_height() + 2.0 * self.pad;
        l.ensure_room(need);
        self.draw_header(l);
    }

    /// Makes sure `height` of rows fits below the cursor; otherwise continues the table on a new
    /// page under a repeated header.
    pub fn keep(&self, l: &mut Layout, height: f32) {
        if l.room() < height {
            l.new_page();
            self.draw_header(l);
        }
    }

    fn cell_font(&self, row: &Row, cell: &Cell) -> Font {
        if row.bold || cell.bold {
            Font::bold(self.body_font.size)
        } else {
            self.body_font
        }
    }

    fn cell_lines(&self, row: &Row, cell: &Cell, col: usize) -> Vec<(String, Font)> {
        let w = self.span_width(col, cell.span) - 2.0 * self.pad;
        let font = self.cell_font(row, cell);
        if cell.text.is_empty() {
            return Vec::new();
        }
        if self.columns[col].wrap {
            wrap(&cell.text, font, w)
                .into_iter()
                .map(|t| (t, font))
                .collect()
        } else {
            vec![fit(&cell.text, font, w, self.min_size)]
        }
    }

    /// Height of a body row.
    pub fn row_height(&self, row: &Row) -> f32 {
        let lh = self.body_font.line_height();
        let mut col = 0;
        let mut lines = 1usize;
        for cell in &row.cells {
            if col >= self.columns.len() {
                break;
            }
            if self.columns[col].wrap {
                lines = lines.max(self.cell_lines(row, cell, col).len());
            }
            col += cell.span.max(1);
        }
        lines as f32 * lh + 2.0 * self.pad
    }

    /// Draws a body row at the cursor, continuing on a new page (with the header) if it does not fit.
    pub fn row(&self, l: &mut Layout, row: &Row) {
        self.rows(l, std::slice::from_ref(row));
    }

    /// Draws body rows, breaking pages as needed. Rows whose cells follow the columns one to one
    /// share their vertical rules: one line per column boundary for each page's run of them.
    pub fn rows(&self, l: &mut Layout, rows: &[Row]) {
        let mut run: Option<(f32, f32)> = None;
        let header_h = self.header_height();
        for row in rows {
            let mut h = self.row_height(row);
            let page_room = l.content_bottom() - l.content_top() - header_h;
            if h > page_room {
                h = page_room; // a monster row is cut rather than running off the page
            }
            if l.room() < h {
                self.rules(l, run.take());
                l.new_page();
                self.draw_header(l);
            }
            let top = l.y();
            let simple =
                row.cells.len() == self.columns.len() && row.cells.iter().all(|c| c.span <= 1);
            if !simple {
                self.rules(l, run.take());
            }
            self.draw_row(l, row, top, h, !simple);
            if simple {
                run = Some((run.map_or(top, |r| r.0), top + h));
            }
            l.set_y(top + h);
        }
        self.rules(l, run);
    }

    /// The vertical rules of a run of simple rows.
    fn rules(&self, l: &mut Layout, run: Option<(f32, f32)>) {
        let Some((top, bottom)) = run else { return };
        let mut x = self.x;
        l.line(x, top, x, bottom, 0.6);
        for c in &self.columns {
            x += c.width;
            l.line(x, top, x, bottom, 0.6);
        }
    }

    fn draw_row(&self, l: &mut Layout, row: &Row, top: f32, h: f32, own_rules: bool) {
        let lh = self.body_font.line_height();
        if let Some(g) = row.shade {
            l.shade(self.x, top, self.width(), h, g);
        }
        let max_lines = ((h - 2.0 * self.pad) / lh + 0.01).floor().max(1.0) as usize;
        // Single lines on a common baseline in a common font go out as one run.
        let mut runs: Vec<TextRun> = Vec::new();
        let mut col = 0;
        if own_rules {
            l.line(self.x, top, self.x, top + h, 0.6);
        }
        for cell in &row.cells {
            if col >= self.columns.len() {
                break;
            }
            let span = cell.span.max(1).min(self.columns.len() - col);
            let x = self.col_x(col);
            let w = self.span_width(col, span);
            if let Some(g) = cell.shade {
                l.shade(x, top, w, h, g);
            }
            let mut lines = self.cell_lines(row, cell, col);
            if lines.len() > max_lines {
                lines.truncate(max_lines);
                if let Some((t, f)) = lines.last_mut() {
                    t.push('…');
                    *f = fit(t, *f, w - 2.0 * self.pad, self.min_size).1;
                }
            }
            let align = cell.align.unwrap_or(self.columns[col].align);
            let block = lines.len() as f32 * lh;
            let mut line_top = top + (h - block) / 2.0;
            let single = lines.len() == 1;
            for (text, font) in lines {
                let baseline = line_top + font.cap_height() + (lh - font.cap_height()) * 0.4;
                let tw = font.width(&text);
                let tx = match align {
                    Align::Left => x + self.pad,
                    Align::Center => x + (w - tw) / 2.0,
                    Align::Right => x + w - self.pad - tw,
                };
                if single {
                    match runs.iter_mut().find(|r| r.0 == font && r.1 == baseline) {
                        Some(r) => r.2.push((tx, text)),
                        None => runs.push((font, baseline, vec![(tx, text)])),
                    }
                } else {
                    l.text(tx, baseline, &text, font);
                }
                line_top += lh;
            }
            if own_rules {
                l.line(x + w, top, x + w, top + h, 0.6);
            }
            col += span;
        }
        for (font, baseline, pieces) in &runs {
            l.text_run(*baseline, *font, pieces);
        }
        l.line(self.x, top + h, self.x + self.width(), top + h, 0.6);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::{Numbering, Orientation};

    #[test]
    fn a_long_table_breaks_pages_and_repeats_its_header() {
        let mut l = Layout::new("t", Orientation::Portrait, Numbering::Document);
        l.new_page();
        let t = Table::new(
            l.left(),
            vec![Column::new(10.0, Align::Right), Column::wrapped(60.0)],
            Font::bold(8.0),
            Font::regular(8.0),
        )
        .with_header(vec![vec![Cell::new("№"), Cell::new("Тема")]]);
        t.start(&mut l);
        for i in 0..200 {
            t.row(
                &mut l,
                &Row::new(vec![
                    Cell::new(i.to_string()),
                    Cell::new("Слово ".repeat(i % 7 + 1)),
                ]),
            );
            assert!(l.y() <= l.content_bottom() + 0.01);
        }
        assert!(l.page_count() > 3);
    }

    #[test]
    fn header_cells_span_rows_and_columns() {
        let t = Table::new(
            0.0,
            vec![Column::new(10.0, Align::Left); 4],
            Font::bold(8.0),
            Font::regular(8.0),
        )
        .with_header(vec![
            vec![Cell::new("ФИО").rows(2), Cell::new("Математика").span(3)],
            vec![Cell::new("I"), Cell::new("II"), Cell::new("год")],
        ]);
        let placed: Vec<(usize, usize)> = t.place_header().iter().map(|p| (p.row, p.col)).collect();
        assert_eq!(placed, vec![(0, 0), (0, 1), (1, 1), (1, 2), (1, 3)]);
    }
}
