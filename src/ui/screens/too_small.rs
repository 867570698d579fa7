//! Below 60×20 the screens cannot be laid out: say so plainly, in the middle.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::App;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let text = app.lang.too_small(area.width, area.height);
    let lines: Vec<Line<'_>> = text.lines().map(|l| Line::from(l.to_string())).collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let top = area.height.saturating_sub(height) / 2;
    let rect = Rect { x: area.x, y: area.y + top, width: area.width, height: area.height - top };
    let p =
        Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true }).style(app.theme.title);
    frame.render_widget(p, rect);
}
