//! A small layout layer over printpdf for the journal's paper forms: A4 pages with the running
//! head and foot of an official copy, text measured from the embedded Cyrillic font, wrapping and
//! shrink-to-fit, and ruled tables that break across pages. Everything is in millimetres from the
//! page's top left corner. It draws; it does not know what a journal is (that is `report`).

pub mod font;
pub mod layout;
pub mod table;

pub use font::Weight;
pub use layout::{Align, Font, Frame, Layout, MM_PER_PT, Numbering, Orientation, fit, wrap};
pub use table::{Cell, Column, Row, Table};
