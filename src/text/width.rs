//! Display widths counted the way the screen lays text out: by grapheme, each at the width
//! ratatui's buffer gives it.
//!
//! Counting character by character disagrees with the buffer on every emoji sequence
//! (👩‍💻 is 4 columns char by char, 2 laid out; ❤️ is 1 char by char, 2 laid out), so a
//! row padded by its characters' widths ends a column or two from its border. Cutting
//! between characters splits what terminals draw as one glyph: half a flag (a lone « 🇷 »)
//! is 1 column for some terminals and 2 for others. Everything that measures, cuts or
//! wraps text for a screen goes through here, so that layout, the buffer and what
//! `term::emoji` sends (each sequence at the width it was laid out) agree.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// The graphemes of `s`: what a cut or a cursor never splits.
pub fn graphemes(s: &str) -> impl Iterator<Item = &str> {
    s.graphemes(true)
}

/// The columns one grapheme takes once laid out; a control character is not drawn.
pub fn grapheme_width(g: &str) -> usize {
    if g.is_empty() || g.contains(char::is_control) { 0 } else { usize::from(g.cell_width()) }
}

/// The columns `s` takes once laid out.
pub fn width(s: &str) -> usize {
    graphemes(s).map(grapheme_width).sum()
}

/// The longest start of `s` that fits in `width` columns, never cut inside a grapheme.
pub fn cut(s: &str, width: usize) -> &str {
    let mut used = 0;
    let mut end = 0;
    for (at, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > width {
            break;
        }
        used += w;
        end = at + g.len();
    }
    s.get(..end).unwrap_or_default()
}

/// Cuts `s` to at most `width` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if self::width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    format!("{}…", cut(s, width - 1))
}

/// How many chars the grapheme ending at char `at` of `s` holds (0 at the start): what a
/// move left or a backspace from there must pass over so as not to leave half of it.
pub fn chars_before(s: &str, at: usize) -> usize {
    let mut start = 0;
    for g in graphemes(s) {
        let end = start + g.chars().count();
        if end >= at {
            return at - start;
        }
        start = end;
    }
    0
}

/// How many chars the grapheme starting at char `at` of `s` holds (0 at the end), or what
/// is left of the one `at` falls inside.
pub fn chars_after(s: &str, at: usize) -> usize {
    let mut start = 0;
    for g in graphemes(s) {
        let end = start + g.chars().count();
        if end > at {
            return end - at;
        }
        start = end;
    }
    0
}

/// How far char `at` of `s` falls inside a grapheme: 0 on a boundary.
pub fn inside(s: &str, at: usize) -> usize {
    let mut start = 0;
    for g in graphemes(s) {
        let end = start + g.chars().count();
        if end > at {
            return at - start;
        }
        start = end;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_count_as_laid_out() {
        assert_eq!(width("🇫🇷"), 2);
        assert_eq!(width("👩\u{200d}💻"), 2);
        assert_eq!(width("❤\u{fe0f}"), 2);
        assert_eq!(width("👍🏽"), 2);
        assert_eq!(width("e\u{301}t日"), 4);
    }

    #[test]
    fn cuts_never_split_a_grapheme() {
        assert_eq!(cut("a🇫🇷b", 2), "a");
        assert_eq!(cut("a🇫🇷b", 3), "a🇫🇷");
        assert_eq!(truncate("🇫🇷🇮🇹🇪🇸", 4), "🇫🇷…");
        assert_eq!(truncate("🇫🇷🇮🇹🇪🇸", 3), "🇫🇷…");
        assert_eq!(truncate("Montélimar", 6), "Monté…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn moves_pass_over_whole_graphemes() {
        let s = "a🇫🇷👩\u{200d}💻";
        assert_eq!(chars_before(s, 3), 2);
        assert_eq!(chars_before(s, 6), 3);
        assert_eq!(chars_before(s, 0), 0);
        assert_eq!(chars_after(s, 1), 2);
        assert_eq!(chars_after(s, 2), 1);
        assert_eq!(chars_after(s, 6), 0);
        assert_eq!(inside(s, 2), 1);
        assert_eq!(inside(s, 5), 2);
        assert_eq!(inside(s, 3), 0);
    }
}
