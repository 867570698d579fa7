//! Pieces drawn on every screen, and small helpers for fitting text into columns.

pub mod input;
pub mod status;
pub mod topbar;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

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
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
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
