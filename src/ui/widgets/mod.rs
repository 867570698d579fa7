//! Pieces drawn on every screen, and small helpers for fitting text into columns.

pub mod input;
pub mod status;
pub mod topbar;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;

use crate::text;
use crate::ui::App;

/// One muted line across `area`, `from_top` of the way down: « Chargement… », « rien
/// trouvé », a failure — what a screen says instead of its content.
pub fn message(app: &App, frame: &mut Frame<'_>, area: Rect, text: &str, from_top: u16) {
    let p = Paragraph::new(text.to_string()).alignment(Alignment::Center).style(app.theme.muted);
    frame.render_widget(p, Rect { y: area.y + area.height / from_top.max(1), height: 1, ..area });
}

/// The reading column of a body `area`: the measure of the text, centred, one blank row on top.
pub fn column(area: Rect) -> Rect {
    let width = crate::ui::layout::article::measure(area.width);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + 1, width, height: area.height.saturating_sub(1) }
}

/// Cuts `s` to at most `width` display columns, ending with `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    crate::text::width::truncate(s, width)
}

/// Display width of a string, as the screen lays it out.
pub fn width(s: &str) -> usize {
    crate::text::width::width(s)
}

/// Lays out again, in each row of `area`, the graphemes a span boundary cut in two: the
/// text area puts its cursor in a span of one char, so a cursor on a flag draws its halves
/// as two cells (and pairs the next flags' halves wrongly), which terminals draw at
/// different widths. Each grapheme goes whole in one cell, in the style of its first char
/// (the cursor's); the columns left over at the end of the row are blank.
pub fn join_glyphs(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let mut drawn: Vec<(String, Style)> = Vec::new();
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            drawn.push((cell.symbol().to_string(), cell.style()));
            x += cell_columns(cell.symbol());
        }
        let row: String = drawn.iter().map(|(symbol, _)| symbol.as_str()).collect();
        if text::width::graphemes(&row).count() == drawn.len() {
            continue;
        }
        let mut styles = drawn.iter().flat_map(|(symbol, style)| symbol.chars().map(move |_| *style));
        let mut x = area.left();
        let rest = drawn.last().map(|(_, style)| style.remove_modifier(Modifier::REVERSED));
        for g in text::width::graphemes(&row) {
            let style = styles.next().unwrap_or_default();
            styles.by_ref().take(g.chars().count().saturating_sub(1)).for_each(drop);
            let columns = cell_columns(g);
            if x + columns > area.right() {
                break;
            }
            buf[(x, y)].set_symbol(g).set_style(style);
            for covered in x + 1..x + columns {
                buf[(covered, y)].reset();
            }
            x += columns;
        }
        for blank in x..area.right() {
            buf[(blank, y)].reset();
            buf[(blank, y)].set_style(rest.unwrap_or_default());
        }
    }
}

fn cell_columns(symbol: &str) -> u16 {
    u16::try_from(text::width::width(symbol)).unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("Drôme", 10), "Drôme");
        assert_eq!(truncate("Montélimar", 6), "Monté…");
        assert_eq!(width(&truncate("日本語のテキスト", 7)), 7);
        assert_eq!(truncate("abc", 0), "");
    }
}
