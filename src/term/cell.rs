//! One cell of a client's screen in 16 bytes, where ratatui's `Cell` takes
//! `size_of::<ratatui::buffer::Cell>()` (48 with underline colours): the server keeps one
//! screen per session, thousands of sessions at once.
//!
//! The common symbol, one code point (a letter, « é », « 日 »), is stored as that `char`;
//! anything longer (an emoji ZWJ sequence, a letter with combining marks, the empty symbol)
//! as an index into the screen's own [`Symbols`], where each text appears once. Two packed
//! cells of the same screen are therefore equal exactly when ratatui's cells are.

use ratatui::buffer::{Cell, CellDiffOption, CellWidth};
use ratatui::style::{Color, Modifier};

/// Bits 0..75: foreground, background, underline colour (25 bits each); 75..84: modifier;
/// 84..86: diff option; 86: ratatui's deprecated `skip`; 87..97: forced width; 97..128:
/// symbol (a `char` below `0x11_0000`, else `0x11_0000` + an index into [`Symbols`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packed(u128);

const COLOR_BITS: u32 = 25;
const MODIFIER_AT: u32 = 3 * COLOR_BITS;
const OPTION_AT: u32 = MODIFIER_AT + 9;
const RAW_SKIP_AT: u32 = OPTION_AT + 2;
const WIDTH_AT: u32 = RAW_SKIP_AT + 1;
const WIDTH_BITS: u32 = 10;
const SYMBOL_AT: u32 = WIDTH_AT + WIDTH_BITS;
/// First symbol code that names an entry of [`Symbols`]: every `char` is below it.
const TABLE: u32 = 0x11_0000;

/// What ratatui's own diff calls "visible on blank": a cell so styled shows even as a space.
pub const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

impl Packed {
    /// A blank cell, as a cleared terminal shows it (`Cell::EMPTY`).
    pub const BLANK: Packed = Packed((b' ' as u128) << SYMBOL_AT);

    fn symbol_code(self) -> u32 {
        (self.0 >> SYMBOL_AT) as u32
    }

    fn background(self) -> u32 {
        ((self.0 >> COLOR_BITS) as u32) & ((1 << COLOR_BITS) - 1)
    }

    fn modifier(self) -> Modifier {
        Modifier::from_bits_truncate(((self.0 >> MODIFIER_AT) & 0x1ff) as u16)
    }

    fn forced_width(self) -> u16 {
        let option = (self.0 >> OPTION_AT) & 0b11;
        if option == 3 { ((self.0 >> WIDTH_AT) as u16) & ((1 << WIDTH_BITS) - 1) } else { 0 }
    }

    /// Whether this cell shows something a narrower character written over its first
    /// column would leave behind (ratatui then rewrites the trailing columns).
    pub fn visible_on_blank(self) -> bool {
        self.background() != color_code(Color::Reset) || self.modifier().intersects(VISIBLE_ON_BLANK)
    }

    /// Whether the two cells show the same text, whatever their colours.
    pub fn same_symbol(self, other: Packed) -> bool {
        self.symbol_code() == other.symbol_code()
    }
}

/// 25 bits: 0 for the terminal's default, 1..=16 the named colours, 256 + n the indexed
/// ones, and bit 24 with the 24 bits of a true colour.
fn color_code(c: Color) -> u32 {
    match c {
        Color::Reset => 0,
        Color::Black => 1,
        Color::Red => 2,
        Color::Green => 3,
        Color::Yellow => 4,
        Color::Blue => 5,
        Color::Magenta => 6,
        Color::Cyan => 7,
        Color::Gray => 8,
        Color::DarkGray => 9,
        Color::LightRed => 10,
        Color::LightGreen => 11,
        Color::LightYellow => 12,
        Color::LightBlue => 13,
        Color::LightMagenta => 14,
        Color::LightCyan => 15,
        Color::White => 16,
        Color::Indexed(n) => 256 + u32::from(n),
        Color::Rgb(r, g, b) => 1 << 24 | u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b),
    }
}

/// The diff option in 2 bits and a forced width in 10 (wider than any screen we draw:
/// widths above 1023 compare as 1023).
fn option_bits(option: CellDiffOption) -> u128 {
    let (kind, width) = match option {
        CellDiffOption::None => (0u128, 0u128),
        CellDiffOption::Skip => (1, 0),
        CellDiffOption::AlwaysUpdate => (2, 0),
        CellDiffOption::ForcedWidth(w) => (3, u128::from(w.get().min((1 << WIDTH_BITS) - 1))),
    };
    kind << OPTION_AT | width << WIDTH_AT
}

/// The one `char` of a symbol made of exactly one.
fn single_char(symbol: &str) -> Option<char> {
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Whether ratatui's diff passes over `cell` (something else draws there).
#[allow(deprecated)]
pub fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && cell.diff_option == CellDiffOption::None)
}

/// The columns `cell` covers, as ratatui's diff counts them.
pub fn cell_width(cell: &Cell) -> usize {
    usize::from(cell.cell_width())
}

/// A screen's symbols longer than one `char`, each once. Entries no cell uses any more are
/// dropped by [`Symbols::compact`], so the table stays as small as what the screen shows.
#[derive(Debug, Default)]
pub struct Symbols {
    texts: Vec<Box<str>>,
    /// How many entries were in use at the last compaction: the table may double past it.
    live: usize,
}

impl Symbols {
    /// `cell`, packed; its symbol entered in the table if it is longer than one `char`.
    #[allow(deprecated)]
    pub fn pack(&mut self, cell: &Cell) -> Packed {
        let symbol = cell.symbol();
        let code = match single_char(symbol) {
            Some(c) => u32::from(c),
            None => TABLE + self.intern(symbol),
        };
        let bits = u128::from(color_code(cell.fg))
            | u128::from(color_code(cell.bg)) << COLOR_BITS
            | u128::from(color_code(cell.underline_color)) << (2 * COLOR_BITS)
            | u128::from(cell.modifier.bits() & 0x1ff) << MODIFIER_AT
            | option_bits(cell.diff_option)
            | u128::from(cell.skip) << RAW_SKIP_AT
            | u128::from(code) << SYMBOL_AT;
        Packed(bits)
    }

    fn intern(&mut self, symbol: &str) -> u32 {
        let index = match self.texts.iter().position(|t| &**t == symbol) {
            Some(i) => i,
            None => {
                self.texts.push(symbol.into());
                self.texts.len() - 1
            }
        };
        u32::try_from(index).unwrap_or(u32::MAX - TABLE)
    }

    /// The columns a packed cell covers, as ratatui counts them for the same cell.
    pub fn width(&self, cell: Packed) -> usize {
        let forced = cell.forced_width();
        if forced > 0 {
            return usize::from(forced);
        }
        let code = cell.symbol_code();
        let mut buf = [0; 4];
        let text = match char::from_u32(code) {
            Some(c) if code < TABLE => &*c.encode_utf8(&mut buf),
            _ => self.texts.get((code - TABLE) as usize).map_or(" ", |t| &**t),
        };
        usize::from(text.cell_width())
    }

    /// Drops the entries `cells` no longer use once the table has grown to twice what was
    /// in use, and renumbers the cells' symbols.
    pub fn compact(&mut self, cells: &mut [Packed]) {
        if self.texts.len() <= 2 * self.live + 8 {
            return;
        }
        let mut renumber: Vec<Option<u32>> = vec![None; self.texts.len()];
        let mut kept: Vec<Box<str>> = Vec::new();
        for cell in cells.iter_mut() {
            let code = cell.symbol_code();
            if code < TABLE {
                continue;
            }
            let old = (code - TABLE) as usize;
            let Some(slot) = renumber.get_mut(old) else { continue };
            let new = match slot {
                Some(n) => *n,
                None => {
                    kept.push(std::mem::take(&mut self.texts[old]));
                    let n = u32::try_from(kept.len() - 1).unwrap_or(0);
                    *slot = Some(n);
                    n
                }
            };
            let mask = !(u128::MAX << SYMBOL_AT);
            cell.0 = (cell.0 & mask) | u128::from(TABLE + new) << SYMBOL_AT;
        }
        self.texts = kept;
        self.live = self.texts.len();
    }

    /// Bytes held beside the cells.
    pub fn heap_bytes(&self) -> usize {
        self.texts.capacity() * std::mem::size_of::<Box<str>>()
            + self.texts.iter().map(|t| t.len()).sum::<usize>()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.texts.len()
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU16;

    use ratatui::style::Style;

    use super::*;

    #[test]
    fn a_packed_cell_is_16_bytes() {
        assert_eq!(std::mem::size_of::<Packed>(), 16);
        assert!(std::mem::size_of::<Cell>() >= 40, "{}", std::mem::size_of::<Cell>());
    }

    #[test]
    fn packed_cells_are_equal_exactly_when_ratatui_cells_are() {
        let mut symbols = Symbols::default();
        let cells: Vec<Cell> = {
            let mut v = vec![Cell::EMPTY, Cell::new(" "), Cell::new("a"), Cell::new("é"), Cell::new("日")];
            v.push(Cell::new("👩‍💻"));
            v.push(Cell::new("e\u{301}"));
            v.push(Cell::new(""));
            let mut c = Cell::new("a");
            c.set_style(Style::new().fg(Color::Rgb(1, 2, 3)).bg(Color::Indexed(7)));
            v.push(c.clone());
            c.set_style(Style::new().underline_color(Color::Red).add_modifier(Modifier::BOLD));
            v.push(c.clone());
            c.set_diff_option(CellDiffOption::ForcedWidth(NonZeroU16::MIN));
            v.push(c.clone());
            c.set_diff_option(CellDiffOption::Skip);
            v.push(c.clone());
            c.set_diff_option(CellDiffOption::AlwaysUpdate);
            v.push(c);
            v.push(Cell::new("a").set_fg(Color::White).clone());
            v.push(Cell::new("a").set_bg(Color::Black).clone());
            v
        };
        for a in &cells {
            for b in &cells {
                assert_eq!(symbols.pack(a) == symbols.pack(b), a == b, "{a:?} / {b:?}");
            }
            let packed = symbols.pack(a);
            assert_eq!(symbols.width(packed), cell_width(a), "{a:?}");
        }
        assert_eq!(symbols.pack(&Cell::EMPTY), Packed::BLANK);
        assert_eq!(symbols.len(), 3, "each long symbol once");
    }

    #[test]
    fn the_table_keeps_only_what_the_screen_shows() {
        let mut symbols = Symbols::default();
        let mut cells = vec![Packed::BLANK; 4];
        for n in 0..100 {
            let text = format!("e{}", char::from_u32(0x300 + n).unwrap_or('\u{301}'));
            cells[0] = symbols.pack(&Cell::new("👩‍💻"));
            cells[1] = symbols.pack(Cell::EMPTY.clone().set_symbol(&text));
            symbols.compact(&mut cells);
            assert!(symbols.len() <= 12, "{} entries", symbols.len());
            assert_eq!(cells[0], symbols.pack(&Cell::new("👩‍💻")));
            assert_eq!(cells[1], symbols.pack(Cell::EMPTY.clone().set_symbol(&text)));
        }
    }
}
