//! Scrolling a band of the client's screen instead of rewriting it.
//!
//! When a new frame is mostly the old one moved up or down (scrolling an article), the
//! terminal is asked to scroll that band itself (a scroll region, then `SU`/`SD`, or delete
//! and insert lines where the terminal type has no `SU`/`SD`) and only
//! the cells that still differ are sent: a plain diff would rewrite every moved line, most
//! of a frame for one line of scroll.

use super::caps::Scroll;
use super::cell::Packed;

/// The largest move looked for, in rows: a page of scroll at most on common terminals.
const MAX_SHIFT: usize = 12;
/// Fewer rows than this moving together are cheaper to rewrite than to scroll.
const MIN_RUN: usize = 3;

/// A band of rows to scroll: rows `top..bottom` (0-based, end excluded), by `by` rows,
/// up (content moves up, as when reading on) or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    pub top: usize,
    pub bottom: usize,
    pub by: usize,
    pub up: bool,
}

impl Shift {
    /// The bytes that make the terminal do it the way `how` says it can, `None` when it
    /// cannot (the rows are then written again). Colours are reset first: the lines the
    /// terminal opens take the current background. DECSTBM also sends the cursor home.
    pub fn sequence(self, how: Scroll) -> Option<String> {
        let region = format!("\x1b[0m\x1b[{};{}r", self.top + 1, self.bottom);
        let act = match how {
            Scroll::Region => format!("\x1b[{}{}", self.by, if self.up { 'S' } else { 'T' }),
            // Lines deleted at the top of the region pull the rest up and open blank lines
            // at its bottom; lines inserted there push the rest down, past its bottom.
            Scroll::Lines => {
                format!("\x1b[{};1H\x1b[{}{}", self.top + 1, self.by, if self.up { 'M' } else { 'L' })
            }
            Scroll::Redraw => return None,
        };
        Some(format!("{region}{act}\x1b[r"))
    }
}

fn row(cells: &[Packed], width: usize, r: usize) -> &[Packed] {
    cells.get(r * width..(r + 1) * width).unwrap_or(&[])
}

/// The move that turns the most rows of `old` into rows of `new` (both `width` cells a
/// row, the same size), if it is worth it.
pub fn find_shift(old: &[Packed], new: &[Packed], width: usize) -> Option<Shift> {
    if old.len() != new.len() || width == 0 {
        return None;
    }
    let rows = new.len() / width;
    // Only rows that changed can have moved: a selection that moved changes two or three.
    let changed: Vec<bool> = (0..rows).map(|r| row(new, width, r) != row(old, width, r)).collect();
    if changed.iter().filter(|c| **c).count() < MIN_RUN {
        return None;
    }
    let mut best: Option<(usize, Shift)> = None;
    for by in 1..=MAX_SHIFT.min(rows.saturating_sub(1)) {
        for up in [true, false] {
            // The longest run of rows `r` of `new` equal to the old row `by` below (up) or
            // above (down), and not already equal to the old row at the same place.
            let from = |r: usize| if up { r + by } else { r.wrapping_sub(by) };
            let matches =
                |r: usize| changed[r] && from(r) < rows && row(new, width, r) == row(old, width, from(r));
            let mut r = 0;
            while r < rows {
                if !matches(r) {
                    r += 1;
                    continue;
                }
                let start = r;
                while r < rows && matches(r) {
                    r += 1;
                }
                let run = r - start;
                let shift = if up {
                    Shift { top: start, bottom: r + by, by, up }
                } else {
                    Shift { top: start - by, bottom: r, by, up }
                };
                if run >= MIN_RUN && best.is_none_or(|(n, _)| run > n) {
                    best = Some((run, shift));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

/// `cells` as the terminal shows them after scrolling `s`: rows moved, new rows blank.
pub fn apply_shift(cells: &mut [Packed], width: usize, s: Shift) {
    let Some(band) = cells.get_mut(s.top * width..s.bottom * width) else { return };
    let moved = s.by * width;
    if moved > band.len() {
        return;
    }
    if s.up {
        band.rotate_left(moved);
        let len = band.len();
        band[len - moved..].fill(Packed::BLANK);
    } else {
        band.rotate_right(moved);
        band[..moved].fill(Packed::BLANK);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Cell;

    use super::*;
    use crate::term::cell::Symbols;

    fn rows(symbols: &mut Symbols, lines: &[&str]) -> Vec<Packed> {
        lines
            .iter()
            .flat_map(|l| l.chars().map(Cell::from).collect::<Vec<_>>())
            .map(|c| symbols.pack(&c))
            .collect()
    }

    #[test]
    fn a_band_moved_up_is_found_and_applied() {
        let mut s = Symbols::default();
        let old = rows(&mut s, &["t", "a", "b", "c", "d", "e", "z"]);
        let new = rows(&mut s, &["t", "b", "c", "d", "e", "f", "z"]);
        let shift = find_shift(&old, &new, 1);
        assert_eq!(shift, Some(Shift { top: 1, bottom: 6, by: 1, up: true }));
        let mut shown = old.clone();
        apply_shift(&mut shown, 1, shift.unwrap_or(Shift { top: 0, bottom: 0, by: 0, up: true }));
        assert_eq!(shown, rows(&mut s, &["t", "b", "c", "d", "e", " ", "z"]));
        assert_eq!(find_shift(&old, &old, 1), None);
    }

    #[test]
    fn a_band_moved_down_is_found() {
        let mut s = Symbols::default();
        let old = rows(&mut s, &["t", "b", "c", "d", "e", "f", "z"]);
        let new = rows(&mut s, &["t", "a", "b", "c", "d", "e", "z"]);
        assert_eq!(find_shift(&old, &new, 1), Some(Shift { top: 1, bottom: 6, by: 1, up: false }));
    }
}
