//! Pages and the cursor: A4 portrait or landscape, positions in millimetres from the page's top
//! left corner, text placed absolutely (`Tm`), wrapped or shrunk to fit, ruled lines, shaded
//! boxes, the running head and foot of an official copy ("стр. N из M" filled in once the page
//! count is known), sections (a batch where each student's summary is numbered on its own) and
//! bookmarks. `finish` turns the pages into PDF bytes with the font embedded.
//!
//! It knows nothing of schools: forms give it their words. It does not lay out tables itself —
//! `table` does that on top of these primitives.

use chrono::{Datelike, NaiveDateTime, Timelike};
use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use super::font::{Face, Weight, face};

/// Millimetres in a typographic point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// A4 in millimetres, portrait.
pub const A4_WIDTH: f32 = 210.0;
pub const A4_HEIGHT: f32 = 297.0;

/// Outer margins. The left one leaves room for binding (ledgers and journals are filed).
pub const MARGIN_LEFT: f32 = 20.0;
pub const MARGIN_RIGHT: f32 = 10.0;
pub const MARGIN_TOP: f32 = 10.0;
pub const MARGIN_BOTTOM: f32 = 10.0;
/// Space the running head and foot take inside the margins.
const HEAD: f32 = 7.0;
const FOOT: f32 = 7.0;

/// Font resource names in the PDF (fixed, so the same report gives the same bytes).
const REGULAR_ID: &str = "ZSR";
const BOLD_ID: &str = "ZSB";

/// A size and a weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f32,
    pub weight: Weight,
}

impl Font {
    pub const fn regular(size: f32) -> Font {
        Font {
            size,
            weight: Weight::Regular,
        }
    }
    pub const fn bold(size: f32) -> Font {
        Font {
            size,
            weight: Weight::Bold,
        }
    }
    pub fn face(self) -> &'static Face {
        face(self.weight)
    }
    /// Distance between baselines, in millimetres.
    pub fn line_height(self) -> f32 {
        self.size * 1.18 * MM_PER_PT
    }
    /// Height of capitals, in millimetres.
    pub fn cap_height(self) -> f32 {
        self.size * self.face().cap_height * MM_PER_PT
    }
    pub fn width(self, text: &str) -> f32 {
        self.face().width_mm(text, self.size)
    }
    pub fn with_size(self, size: f32) -> Font {
        Font { size, ..self }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    fn size(self) -> (f32, f32) {
        match self {
            Orientation::Portrait => (A4_WIDTH, A4_HEIGHT),
            Orientation::Landscape => (A4_HEIGHT, A4_WIDTH),
        }
    }
}

/// The running head and foot of an official copy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frame {
    /// Left of the head: the school.
    pub school: String,
    /// Right of the head: the form's title (and class, period).
    pub title: String,
    /// Left of the foot: when and by whom it was printed.
    pub printed: String,
    /// Right of the foot, with `<n>` and `<m>` for the page and the page count: "стр. <n> из <m>".
    pub page_label: String,
}

/// How "стр. N из M" counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Over the whole document (a bound volume).
    Document,
    /// Afresh in each section (a batch of summaries, each handed to a different family).
    Section,
}

/// One page's drawing, kept as two streams: the shapes (shading and rules) and the text drawn over
/// them. The page is written shapes first, then all its text in one text object: fewer operators
/// than switching between the two for every table row, and the same picture.
struct PageBuf {
    width: f32,
    height: f32,
    shapes: Vec<Op>,
    texts: Vec<Op>,
    frame: Option<Frame>,
    section: usize,
    font: Option<(Weight, f32)>,
    fill: f32,
    stroke: f32,
}

impl PageBuf {
    fn new(o: Orientation, frame: Option<Frame>, section: usize) -> PageBuf {
        let (width, height) = o.size();
        PageBuf {
            width,
            height,
            shapes: Vec::with_capacity(256),
            texts: Vec::with_capacity(256),
            frame,
            section,
            font: None,
            fill: 0.0,
            stroke: -1.0,
        }
    }

    /// The page's operators: shapes, then the text in black.
    fn into_ops(self) -> Vec<Op> {
        let mut ops = self.shapes;
        if !self.texts.is_empty() {
            ops.reserve(self.texts.len() + 3);
            ops.push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(0.0, None)),
            });
            ops.push(Op::StartTextSection);
            ops.extend(self.texts);
            ops.push(Op::EndTextSection);
        }
        ops
    }

    fn fill(&mut self, grey: f32) {
        if self.fill != grey {
            self.shapes.push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            });
            self.fill = grey;
        }
    }

    fn begin_text(&mut self, font: Font) {
        if self.font != Some((font.weight, font.size)) {
            let id = match font.weight {
                Weight::Regular => REGULAR_ID,
                Weight::Bold => BOLD_ID,
            };
            self.texts.push(Op::SetFont {
                font: PdfFontHandle::External(printpdf::FontId(id.into())),
                size: Pt(font.size),
            });
            self.font = Some((font.weight, font.size));
        }
    }

    fn text(&mut self, x: f32, baseline: f32, text: &str, font: Font) {
        if text.is_empty() {
            return;
        }
        self.begin_text(font);
        self.texts.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(pt(x), pt(self.height - baseline)),
        });
        self.texts.push(Op::ShowText {
            items: vec![TextItem::Text(font.face().clean(text))],
        });
    }

    /// Pieces of text on one baseline in one font, left to right, as one text-showing operation
    /// whose gaps are TJ offsets: a table row of marks costs two operations, not two per cell.
    fn text_run(&mut self, baseline: f32, font: Font, pieces: &[(f32, String)]) {
        let mut pieces = pieces.iter().filter(|p| !p.1.is_empty()).peekable();
        let Some(&&(x0, _)) = pieces.peek() else {
            return;
        };
        self.begin_text(font);
        self.texts.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(pt(x0), pt(self.height - baseline)),
        });
        let mut items = Vec::new();
        let mut pen = x0;
        for &(x, ref text) in pieces {
            let text = font.face().clean(text);
            if (x - pen).abs() > 0.001 {
                // A TJ number moves the pen left by n/1000 of the font size.
                items.push(TextItem::Offset(
                    -(x - pen) / MM_PER_PT / font.size * 1000.0,
                ));
            }
            pen = x + font.width(&text);
            items.push(TextItem::Text(text));
        }
        self.texts.push(Op::ShowText { items });
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32) {
        if self.stroke != width_pt {
            self.shapes
                .push(Op::SetOutlineThickness { pt: Pt(width_pt) });
            self.stroke = width_pt;
        }
        let p = |x: f32, y: f32| LinePoint {
            p: Point {
                x: pt(x),
                y: pt(self.height - y),
            },
            bezier: false,
        };
        self.shapes.push(Op::DrawLine {
            line: Line {
                points: vec![p(x1, y1), p(x2, y2)],
                is_closed: false,
            },
        });
    }

    fn dashed(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.shapes.push(Op::SetLineDashPattern {
            dash: printpdf::LineDashPattern::new(0.0, &[4.0, 3.0]),
        });
        self.line(x1, y1, x2, y2, 0.5);
        self.shapes.push(Op::SetLineDashPattern {
            dash: printpdf::LineDashPattern::solid(),
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.fill(grey);
        let mut r = Rect::from_xywh(pt(x), pt(self.height - y - h), pt(w), pt(h));
        r.mode = Some(PaintMode::Fill);
        self.shapes.push(Op::DrawRectangle { rectangle: r });
    }
}

fn pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

/// A document being laid out.
pub struct Layout {
    title: String,
    author: String,
    created: Option<NaiveDateTime>,
    pages: Vec<PageBuf>,
    frame: Option<Frame>,
    orientation: Orientation,
    numbering: Numbering,
    section: usize,
    y: f32,
    bookmarks: Vec<(String, usize)>,
}

impl Layout {
    /// A new document; nothing is on it until the first `new_page`.
    pub fn new(title: &str, orientation: Orientation, numbering: Numbering) -> Layout {
        Layout {
            title: title.to_string(),
            author: String::new(),
            created: None,
            pages: Vec::new(),
            frame: None,
            orientation,
            numbering,
            section: 0,
            y: 0.0,
            bookmarks: Vec::new(),
        }
    }

    /// Who printed it and when, for the PDF's properties.
    pub fn set_info(&mut self, author: &str, created: NaiveDateTime) {
        self.author = author.to_string();
        self.created = Some(created);
    }

    /// The running head and foot of the pages started from now on (`None`: a bare page, a cover).
    pub fn set_frame(&mut self, frame: Option<Frame>) {
        self.frame = frame;
    }

    /// The orientation of the pages started from now on.
    pub fn set_orientation(&mut self, o: Orientation) {
        self.orientation = o;
    }

    pub fn orientation(&self) -> Orientation {
        self.orientation
    }

    /// Starts a new section on a new page: with `Numbering::Section` its pages count from 1.
    pub fn new_section(&mut self) {
        if !self.pages.is_empty() {
            self.section += 1;
        }
        self.new_page();
    }

    /// Starts a new page; the cursor goes to the top of its content area.
    pub fn new_page(&mut self) {
        self.pages.push(PageBuf::new(
            self.orientation,
            self.frame.clone(),
            self.section,
        ));
        self.y = self.content_top();
    }

    /// A bookmark (the PDF outline a viewer shows beside the pages) to the current page.
    pub fn bookmark(&mut self, name: &str) {
        let page = self.pages.len().saturating_sub(1);
        self.bookmarks.push((name.to_string(), page));
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The current page's index, 0-based (the first page is 0).
    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    fn page(&mut self) -> &mut PageBuf {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages.last_mut().expect("a page exists")
    }

    fn framed(&self) -> bool {
        self.pages
            .last()
            .map(|p| p.frame.is_some())
            .unwrap_or(self.frame.is_some())
    }

    pub fn page_width(&self) -> f32 {
        self.pages
            .last()
            .map(|p| p.width)
            .unwrap_or_else(|| self.orientation.size().0)
    }
    pub fn page_height(&self) -> f32 {
        self.pages
            .last()
            .map(|p| p.height)
            .unwrap_or_else(|| self.orientation.size().1)
    }
    pub fn left(&self) -> f32 {
        MARGIN_LEFT
    }
    pub fn right(&self) -> f32 {
        self.page_width() - MARGIN_RIGHT
    }
    /// Width of the content area.
    pub fn width(&self) -> f32 {
        self.right() - self.left()
    }
    pub fn content_top(&self) -> f32 {
        MARGIN_TOP + if self.framed() { HEAD } else { 0.0 }
    }
    pub fn content_bottom(&self) -> f32 {
        self.page_height() - MARGIN_BOTTOM - if self.framed() { FOOT } else { 0.0 }
    }

    /// The cursor: the top of the next thing, in mm from the page's top edge.
    pub fn y(&self) -> f32 {
        self.y
    }
    pub fn set_y(&mut self, y: f32) {
        self.y = y;
    }
    pub fn advance(&mut self, dy: f32) {
        self.y += dy;
    }
    /// Room left on the page below the cursor.
    pub fn room(&self) -> f32 {
        self.content_bottom() - self.y
    }
    /// Starts a new page unless `height` fits below the cursor; true when it started one.
    pub fn ensure_room(&mut self, height: f32) -> bool {
        if self.pages.is_empty() || self.room() < height {
            self.new_page();
            true
        } else {
            false
        }
    }

    // ---- drawing at absolute positions -------------------------------------------------------

    /// Text with its baseline at `baseline`, starting at `x`.
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, font: Font) {
        self.page().text(x, baseline, text, font);
    }

    /// Pieces of text `(x, text)` on one baseline in one font, left to right, drawn as one run.
    pub fn text_run(&mut self, baseline: f32, font: Font, pieces: &[(f32, String)]) {
        self.page().text_run(baseline, font, pieces);
    }

    /// Text aligned within `x .. x + width`, shrunk (down to `min_size`) to fit, and cut with "…"
    /// if even that is too wide.
    #[allow(clippy::too_many_arguments)]
    pub fn text_fit(
        &mut self,
        x: f32,
        width: f32,
        baseline: f32,
        text: &str,
        font: Font,
        align: Align,
        min_size: f32,
    ) {
        let (text, font) = fit(text, font, width, min_size);
        let w = font.width(&text);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.page().text(x, baseline, &text, font);
    }

    /// A straight line, `width_pt` thick.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32) {
        self.page().line(x1, y1, x2, y2, width_pt);
    }

    /// A dashed line (where to cut).
    pub fn dashed_line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.page().dashed(x1, y1, x2, y2);
    }

    /// A filled box; `grey` 0 is black, 1 white.
    pub fn shade(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        self.page().rect(x, y, w, h, grey);
    }

    // ---- flowing text ------------------------------------------------------------------------

    /// A paragraph across the content width, wrapped, breaking pages between lines.
    pub fn paragraph(&mut self, text: &str, font: Font, align: Align) {
        let (x, w) = (self.left(), self.width());
        self.paragraph_at(x, w, text, font, align);
    }

    /// A paragraph within `x .. x + width`.
    pub fn paragraph_at(&mut self, x: f32, width: f32, text: &str, font: Font, align: Align) {
        let lh = font.line_height();
        for line in wrap(text, font, width) {
            self.ensure_room(lh);
            let baseline = self.y + font.cap_height() + (lh - font.cap_height()) * 0.35;
            self.text_fit(x, width, baseline, &line, font, align, font.size);
            self.y += lh;
        }
    }

    /// Two texts on one line: one on the left, one on the right.
    pub fn split_line(&mut self, left: &str, right: &str, font: Font) {
        let lh = font.line_height();
        self.ensure_room(lh);
        let baseline = self.y + font.cap_height() + (lh - font.cap_height()) * 0.35;
        let (x, w) = (self.left(), self.width());
        let right_w = font.width(right).min(w / 2.0);
        self.text_fit(
            x,
            w - right_w - 3.0,
            baseline,
            left,
            font,
            Align::Left,
            font.size * 0.7,
        );
        self.text_fit(
            x + w - right_w,
            right_w,
            baseline,
            right,
            font,
            Align::Right,
            font.size * 0.7,
        );
        self.y += lh;
    }

    /// A signature line: "label ________________ / name /" at the cursor.
    pub fn signature(&mut self, label: &str, name: &str, font: Font) {
        let lh = font.line_height() * 1.9;
        self.ensure_room(lh);
        let baseline = self.y + lh - font.line_height() * 0.3;
        let x = self.left();
        self.text(x, baseline, label, font);
        let start = x + font.width(label) + 2.0;
        let line_w = 45.0;
        self.line(start, baseline + 0.8, start + line_w, baseline + 0.8, 0.5);
        if !name.is_empty() {
            self.text(start + line_w + 2.0, baseline, &format!("/ {name} /"), font);
        }
        self.y += lh;
    }

    // ---- the document ------------------------------------------------------------------------

    /// Appends another document's pages (a volume's sections laid out separately).
    pub fn append(&mut self, other: Layout) {
        let offset = self.pages.len();
        let section_offset = self.section + usize::from(!self.pages.is_empty());
        for mut p in other.pages {
            p.section += section_offset;
            self.pages.push(p);
        }
        self.section = section_offset + other.section;
        self.bookmarks
            .extend(other.bookmarks.into_iter().map(|(n, i)| (n, i + offset)));
        self.y = other.y;
    }

    /// Puts the running heads and feet on, embeds the font and writes the PDF.
    pub fn finish(mut self) -> Vec<u8> {
        self.decorate();
        let mut doc = PdfDocument::new(&self.title);
        doc.metadata.info.author = self.author.clone();
        doc.metadata.info.creator = "Журнал".into();
        doc.metadata.info.producer = "Журнал (printpdf)".into();
        if let Some(t) = self.created {
            let dt = pdf_date(t);
            doc.metadata.info.creation_date = dt;
            doc.metadata.info.modification_date = dt;
            doc.metadata.info.metadata_date = dt;
        }
        for (id, w) in [(REGULAR_ID, Weight::Regular), (BOLD_ID, Weight::Bold)] {
            doc.resources.fonts.map.insert(
                printpdf::FontId(id.into()),
                printpdf::PdfFont::new(face(w).parsed.clone()),
            );
        }
        let pages: Vec<PdfPage> = self
            .pages
            .into_iter()
            .map(|p| {
                let (w, h) = (p.width, p.height);
                PdfPage::new(Mm(w), Mm(h), p.into_ops())
            })
            .collect();
        doc.with_pages(pages);
        for (name, page) in &self.bookmarks {
            // printpdf's bookmark pages are 1-based.
            doc.add_bookmark(name, page + 1);
        }
        // printpdf builds the document; its streams are compressed here at a fast level, since
        // lopdf's own `compress` takes the slowest one.
        let opts = PdfSaveOptions {
            optimize: false,
            subset_fonts: false,
            secure: true,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        let mut pdf = doc.to_lopdf_document(&opts, &mut warnings);
        drop(doc); // the operators are in `pdf` now; a big volume should not hold them twice
        for object in pdf.objects.values_mut() {
            if let lopdf::Object::Stream(stream) = object {
                compress(stream);
            }
        }
        let mut bytes = Vec::new();
        pdf.save_to(&mut bytes)
            .expect("writing a PDF into memory cannot fail");
        bytes
    }

    fn decorate(&mut self) {
        let total = self.pages.len();
        // Page numbers within each section, and each section's length.
        let mut section_len = std::collections::HashMap::<usize, usize>::new();
        for p in &self.pages {
            *section_len.entry(p.section).or_default() += 1;
        }
        let mut seen = std::collections::HashMap::<usize, usize>::new();
        let head = Font::regular(7.0);
        let foot = Font::regular(7.5);
        for i in 0..total {
            let sec = self.pages[i].section;
            let n_in_section = {
                let e = seen.entry(sec).or_default();
                *e += 1;
                *e
            };
            let Some(frame) = self.pages[i].frame.clone() else {
                continue;
            };
            let (n, m) = match self.numbering {
                Numbering::Document => (i + 1, total),
                Numbering::Section => (n_in_section, section_len[&sec]),
            };
            let p = &mut self.pages[i];
            let (w, h) = (p.width, p.height);
            let (l, r) = (MARGIN_LEFT, w - MARGIN_RIGHT);
            let head_base = MARGIN_TOP + 3.0;
            let title_w = head.width(&frame.title).min((r - l) * 0.6);
            let (school, hf) = fit(&frame.school, head, r - l - title_w - 5.0, 5.0);
            p.text(l, head_base, &school, hf);
            let (title, tf) = fit(&frame.title, head, title_w, 5.0);
            p.text(r - tf.width(&title), head_base, &title, tf);
            p.line(l, MARGIN_TOP + 4.5, r, MARGIN_TOP + 4.5, 0.4);
            let foot_line = h - MARGIN_BOTTOM - FOOT + 2.0;
            p.line(l, foot_line, r, foot_line, 0.4);
            let foot_base = foot_line + 3.5;
            let label = frame
                .page_label
                .replace("<n>", &n.to_string())
                .replace("<m>", &m.to_string());
            let label_w = foot.width(&label);
            p.text(r - label_w, foot_base, &label, foot);
            let (printed, pf) = fit(&frame.printed, foot, r - l - label_w - 5.0, 5.0);
            p.text(l, foot_base, &printed, pf);
        }
    }
}

fn pdf_date(t: NaiveDateTime) -> printpdf::OffsetDateTime {
    use chrono::TimeZone;
    let offset = chrono::Local
        .offset_from_local_datetime(&t)
        .single()
        .map(|o| o.local_minus_utc())
        .unwrap_or(0);
    printpdf::DateTime::new_in_offset(
        printpdf::Date {
            year: t.year(),
            month: t.month() as u8,
            day: t.day() as u8,
        },
        printpdf::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: t.second() as u8,
            millisecond: 0,
        },
        printpdf::Offset {
            hours: (offset / 3600) as i8,
            minutes: ((offset.abs() % 3600) / 60) as i8,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

/// Deflates a stream unless it is filtered already or would not get smaller.
fn compress(stream: &mut lopdf::Stream) {
    use std::io::Write;
    if stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 3),
        flate2::Compression::fast(),
    );
    if z.write_all(&stream.content).is_err() {
        return;
    }
    if let Ok(packed) = z.finish()
        && packed.len() + 19 < stream.content.len()
    {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(packed);
    }
}

/// The text and font to draw `text` within `width`: the size shrinks (not below `min_size`), then
/// the text is cut with "…".
pub fn fit(text: &str, font: Font, width: f32, min_size: f32) -> (String, Font) {
    let text = font.face().clean(text);
    let w = font.width(&text);
    if w <= width || width <= 0.0 {
        return (text, font);
    }
    let size = (font.size * width / w * 0.999).max(min_size.min(font.size));
    let font = font.with_size(size);
    if font.width(&text) <= width {
        return (text, font);
    }
    let ell = font.width("…");
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let cw = font.face().advance(c) * font.size * MM_PER_PT;
        if used + cw + ell > width {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    (out, font)
}

/// Breaks `text` into lines no wider than `width`: at spaces, after hyphens and slashes where
/// needed, and inside a word only when the word alone is too wide. Line breaks in the text are kept.
pub fn wrap(text: &str, font: Font, width: f32) -> Vec<String> {
    let text = text.replace('\t', " ");
    let face = font.face();
    let em = |s: &str| face.width_mm(s, font.size);
    let space = em(" ");
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0f32;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let ww = em(word);
            let need = if line.is_empty() {
                ww
            } else {
                line_w + space + ww
            };
            if need <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w = need;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if ww <= width {
                line.push_str(word);
                line_w = ww;
                continue;
            }
            // A word wider than the column: break it, preferring after '-' or '/'.
            for piece in split_long(word, font, width) {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line_w = em(&piece);
                line = piece;
            }
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn split_long(word: &str, font: Font, width: f32) -> Vec<String> {
    let face = font.face();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut w = 0.0;
    for c in word.chars() {
        let cw = face.advance(c) * font.size * MM_PER_PT;
        if w + cw > width && !cur.is_empty() {
            // Break after the last '-' or '/' in the piece if there is one.
            if let Some(i) = cur.rfind(['-', '/']).filter(|&i| i + 1 < cur.len()) {
                let rest = cur.split_off(i + 1);
                out.push(std::mem::replace(&mut cur, rest));
                w = face.width_mm(&cur, font.size);
            } else {
                out.push(std::mem::take(&mut cur));
                w = 0.0;
            }
        }
        cur.push(c);
        w += cw;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let f = Font::regular(9.0);
        let text = "Контрольная работа № 2 по теме «Правописание приставок» и сверхдлинноесловобезпробелов-через-дефисы";
        let lines = wrap(text, f, 30.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(f.width(l) <= 30.0 + 0.01, "{l}");
        }
        let joined: String = lines
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let orig: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, orig);
    }

    #[test]
    fn fitting_shrinks_then_cuts() {
        let f = Font::regular(10.0);
        let (t, g) = fit("Обществознание", f, f.width("Обществознание") * 0.8, 6.0);
        assert_eq!(t, "Обществознание");
        assert!(g.size < 10.0 && g.size >= 6.0);
        let (t, g) = fit("Обществознание", f, 5.0, 6.0);
        assert!(t.ends_with('…'));
        assert!(g.width(&t) <= 5.0 + 0.01);
    }

    #[test]
    fn pages_number_per_section_or_per_document() {
        let frame = Frame {
            school: "Школа".into(),
            title: "Форма".into(),
            printed: "p".into(),
            page_label: "стр. <n> из <m>".into(),
        };
        let mut l = Layout::new("t", Orientation::Portrait, Numbering::Section);
        l.set_frame(Some(frame));
        l.new_section();
        l.new_page();
        l.new_section();
        assert_eq!(l.page_count(), 3);
        assert_eq!(
            l.pages.iter().map(|p| p.section).collect::<Vec<_>>(),
            vec![0, 0, 1]
        );
        let bytes = l.finish();
        assert!(bytes.starts_with(b"%PDF"));
    }
}
