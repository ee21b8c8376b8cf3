//! The printouts' typeface: Zhurnal Sans (PT Sans cut down to Latin + Cyrillic, `assets/fonts/`),
//! regular and bold, embedded in every PDF. Parsed once per process; text is measured from the
//! font's own advance widths, the same widths the PDF viewer uses, so right-aligned and centred
//! text lands where the layout expects it. No shaping or kerning: printpdf writes plain glyph
//! runs, and measuring the same way keeps the two in agreement.

use std::sync::OnceLock;

use printpdf::ParsedFont;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/ZhurnalSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/ZhurnalSans-Bold.ttf");

/// Codepoints below this are looked up in a flat table (Latin, Cyrillic, punctuation, №).
const TABLE: usize = 0x2200;

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// One face of the font with its metrics in em.
#[derive(Debug)]
pub struct Face {
    pub(crate) parsed: ParsedFont,
    /// Advance of each codepoint below `TABLE` in em; negative when the font lacks the glyph.
    advances: Vec<f32>,
    /// Height of capitals above the baseline, in em.
    pub cap_height: f32,
    /// Depth of descenders below the baseline, in em (positive).
    pub descent: f32,
}

impl Face {
    fn load(bytes: &[u8]) -> Face {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .expect("the embedded Zhurnal Sans font parses (it is part of the program)");
        let upm = f32::from(parsed.units_per_em.max(1));
        let mut advances = vec![-1.0f32; TABLE];
        for (cp, slot) in advances.iter_mut().enumerate() {
            if let Some(gid) = parsed.lookup_glyph_index(cp as u32) {
                *slot = f32::from(parsed.get_glyph_width(gid).unwrap_or(0)) / upm;
            }
        }
        // PT Sans: capitals are 0.7 em tall; descenders reach 0.2 em below the baseline.
        let descent = (-f32::from(parsed.font_metrics.descent) / upm).clamp(0.1, 0.35);
        Face {
            parsed,
            advances,
            cap_height: 0.7,
            descent,
        }
    }

    /// Whether the font can draw `c`.
    pub fn has(&self, c: char) -> bool {
        let cp = c as usize;
        if cp < TABLE {
            self.advances[cp] >= 0.0
        } else {
            self.parsed.lookup_glyph_index(c as u32).is_some()
        }
    }

    /// Advance width of `c` in em (0.5 em for a glyph the font lacks; see [`Face::clean`]).
    pub fn advance(&self, c: char) -> f32 {
        let cp = c as usize;
        if cp < TABLE {
            let a = self.advances[cp];
            if a >= 0.0 { a } else { 0.5 }
        } else {
            let upm = f32::from(self.parsed.units_per_em.max(1));
            self.parsed
                .lookup_glyph_index(c as u32)
                .and_then(|g| self.parsed.get_glyph_width(g))
                .map(|w| f32::from(w) / upm)
                .unwrap_or(0.5)
        }
    }

    /// Width of `text` at `size` points, in millimetres.
    pub fn width_mm(&self, text: &str, size: f32) -> f32 {
        let em: f32 = text.chars().map(|c| self.advance(c)).sum();
        em * size * crate::pdf::MM_PER_PT
    }

    /// The text as the font can draw it: tabs and line breaks become spaces, typographic
    /// characters the subset lacks get their plain equivalents, anything else a '?'.
    pub fn clean(&self, text: &str) -> String {
        if text.chars().all(|c| self.has(c) && c != '\t') {
            return text.to_string();
        }
        text.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if self.has(c) => c,
                '\u{2212}' | '\u{2012}' => '-',
                '\u{00D7}' => 'x',
                _ => '?',
            })
            .collect()
    }
}

/// The two faces, parsed on first use.
pub fn face(weight: Weight) -> &'static Face {
    static FACES: OnceLock<(Face, Face)> = OnceLock::new();
    let (regular, bold) = FACES.get_or_init(|| (Face::load(REGULAR_TTF), Face::load(BOLD_TTF)));
    match weight {
        Weight::Regular => regular,
        Weight::Bold => bold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_draws_russian_and_school_symbols() {
        let f = face(Weight::Regular);
        for c in "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя№«»—–…".chars()
        {
            assert!(f.has(c), "{c} missing");
        }
        assert!(!f.has('\u{1F600}'));
        assert_eq!(f.clean("a\tb\u{1F600}"), "a b?");
    }

    #[test]
    fn bold_is_wider_and_width_scales_with_size() {
        let r = face(Weight::Regular).width_mm("Журнал", 10.0);
        let b = face(Weight::Bold).width_mm("Журнал", 10.0);
        assert!(r > 5.0 && r < 20.0, "{r}");
        assert!(b > r);
        let r20 = face(Weight::Regular).width_mm("Журнал", 20.0);
        assert!((r20 - 2.0 * r).abs() < 1e-3);
    }
}
