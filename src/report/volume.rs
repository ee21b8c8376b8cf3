//! Binding several parts into one volume: a cover, a table of contents with the page each part
//! starts on, then the parts, pages numbered through the whole volume. The contents' page numbers
//! need the contents' own length, so it is laid out twice (its length depends only on the number of
//! entries).

use super::Imprint;
use super::text::t;
use crate::pdf::{Align, Cell, Column, Font, Layout, Numbering, Orientation, Row, Table};

/// A part of the volume: its title, a line about it, and its first page within the body (0-based).
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub title: String,
    pub detail: String,
    pub page: usize,
}

/// Cover + contents + `body`. `first_page` is the number the cover gets (1 for a volume on its
/// own; more when volumes follow one another in one file).
pub(crate) fn bind(
    imprint: &Imprint,
    doc_title: &str,
    orientation: Orientation,
    cover: &dyn Fn(&mut Layout),
    entries: &[Entry],
    body: Layout,
    first_page: usize,
) -> Layout {
    let front = |offset: usize| {
        let mut l = Layout::new(doc_title, orientation, Numbering::Document);
        l.set_info(&imprint.printed_by.full(), imprint.printed_at);
        l.set_frame(None);
        l.new_page();
        cover(&mut l);
        l.set_frame(Some(imprint.frame(doc_title)));
        l.new_page();
        l.paragraph(&t("contents"), Font::bold(12.0), Align::Center);
        l.advance(3.0);
        let w = l.width();
        let table = Table::new(
            l.left(),
            vec![
                Column::wrapped(w * 0.35),
                Column::wrapped(w * 0.5),
                Column::new(w * 0.15, Align::Right),
            ],
            Font::bold(9.0),
            Font::regular(9.5),
        )
        .with_header(vec![vec![
            Cell::new(t("contents-part")),
            Cell::new(t("contents-detail")),
            Cell::new(t("contents-page")),
        ]]);
        table.start(&mut l);
        for e in entries {
            table.row(
                &mut l,
                &Row::new(vec![
                    Cell::new(e.title.clone()),
                    Cell::new(e.detail.clone()),
                    Cell::new((e.page + offset).to_string()),
                ]),
            );
        }
        l
    };
    let front_pages = front(0).page_count();
    let mut l = front(first_page + front_pages);
    l.append(body);
    l
}

/// A cover: the school, the title in large letters, what it covers, who printed it.
pub(crate) fn cover(l: &mut Layout, imprint: &Imprint, title: &str, lines: &[String]) {
    let h = l.content_bottom() - l.content_top();
    l.paragraph(&imprint.school, Font::bold(14.0), Align::Center);
    if !imprint.address.is_empty() {
        l.paragraph(&imprint.address, Font::regular(10.0), Align::Center);
    }
    l.set_y(l.content_top() + h * 0.3);
    l.paragraph(&title.to_uppercase(), Font::bold(20.0), Align::Center);
    l.advance(4.0);
    for line in lines {
        l.paragraph(line, Font::regular(13.0), Align::Center);
    }
    l.set_y(l.content_bottom() - 12.0);
    l.paragraph(&imprint.printed_line(), Font::regular(9.0), Align::Center);
}
