//! Emoji sequences terminals draw at different widths, sent in a form they all draw alike.
//!
//! ratatui lays out a grapheme at the width `unicode-width` gives it; the client's terminal
//! moves its cursor by its own count, and when the two disagree every cell after it on the
//! row lands elsewhere (ghost letters, a row shifted by a column). Measured on tmux 3.3 and
//! the `vt100` crate, and as xterm, VTE, kitty, WezTerm and the Linux console are known to
//! draw them:
//!
//! - a narrow character with the emoji selector VS16 (❤️, ☀️, 1️⃣): 2 columns for ratatui,
//!   kitty, WezTerm, `vt100`; 1 for tmux, xterm, the Linux console. Sent without the
//!   selector, as the 1-column character it is, and a blank after it.
//! - an emoji with a skin tone (👍🏽): 2 for ratatui and kitty, 4 for tmux, `vt100` and
//!   xterm (the tone drawn as its own square). Sent without the tone.
//! - a ZWJ sequence (👩‍💻, 👨‍👩‍👧): 2 for ratatui, tmux and kitty, 4 or more for `vt100`,
//!   xterm and VTE. Sent as its first emoji.
//! - a flag (🇫🇷, two regional indicators): 2 columns everywhere, but tmux, xterm and `vt100`
//!   keep two 1-column cells, each erased on its own, where kitty and WezTerm draw one glyph.
//!   Sent as it is: the screen already writes again every column of a wide character that
//!   a write cuts in two (`Screen::cut_halves`), which leaves no half flag on either kind.

use ratatui::buffer::{Buffer, Cell, CellWidth};

const VS16: char = '\u{FE0F}';
const ZWJ: char = '\u{200D}';

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// `symbol` in the form every terminal draws at the width ratatui gave it, or `None` when
/// it is already.
fn settled(symbol: &str) -> Option<String> {
    if !symbol.contains([VS16, ZWJ]) && !symbol.chars().any(is_skin_tone) {
        return None;
    }
    let first = symbol.split(ZWJ).next().unwrap_or(symbol);
    let kept: String = first.chars().filter(|&c| c != VS16 && !is_skin_tone(c)).collect();
    Some(if kept.is_empty() { " ".to_string() } else { kept })
}

/// Every cell of `buffer` in the form its terminal draws at the width laid out.
pub fn settle(buffer: &mut Buffer) {
    let width = usize::from(buffer.area.width);
    if width == 0 {
        return;
    }
    for row in buffer.content.chunks_mut(width) {
        settle_row(row);
    }
}

fn settle_row(row: &mut [Cell]) {
    let mut i = 0;
    while i < row.len() {
        let symbol = row[i].symbol();
        // Most cells are one character: nothing to settle.
        if symbol.len() <= 4 || symbol.chars().nth(1).is_none() {
            i += 1;
            continue;
        }
        let width = usize::from(row[i].cell_width()).clamp(1, row.len() - i);
        if let Some(text) = settled(symbol) {
            row[i].set_symbol(&text);
            let now = usize::from(text.as_str().cell_width()).max(1);
            let style = row[i].style();
            for cell in row.iter_mut().take(i + width).skip(i + now) {
                // A column the sequence covered and the character sent no longer does.
                cell.reset();
                cell.set_style(style);
            }
        }
        i += width;
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    use super::*;

    fn settled_row(text: &str) -> (String, Vec<u16>) {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        buffer.set_string(0, 0, text, Style::new().bg(Color::Blue));
        settle(&mut buffer);
        let symbols = buffer.content.iter().map(Cell::symbol).collect::<String>().trim_end().to_string();
        (symbols, buffer.content.iter().map(|c| c.cell_width()).collect())
    }

    #[test]
    fn sequences_terminals_draw_apart_are_sent_alike() {
        assert_eq!(settled_row("❤️a").0, "❤ a");
        assert_eq!(settled_row("👍🏽a").0, "👍 a");
        assert_eq!(settled_row("👩‍💻a").0, "👩 a");
        assert_eq!(settled_row("😀🇫🇷日e\u{301}").0, "😀 🇫🇷 日 e\u{301}");
        // Each row keeps its columns: the blank after a narrowed character keeps its colour.
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
        buffer.set_string(0, 0, "❤️a", Style::new().bg(Color::Blue));
        settle(&mut buffer);
        assert_eq!(buffer.content[1].bg, Color::Blue);
        assert_eq!(buffer.content[2].symbol(), "a");
    }
}
