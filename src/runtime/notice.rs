//! A one-line notice over the middle of the screen, the application still visible around:
//! what the runtime itself has to say (the idle warning), above whatever the App drew.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn draw(f: &mut ratatui::Frame, text: &str) {
    let area = f.area();
    let width = area.width.min(u16::try_from(text.chars().count() + 4).unwrap_or(u16::MAX)).max(1);
    let inner = width.saturating_sub(2).max(1);
    let lines = u16::try_from(text.chars().count().div_ceil(usize::from(inner))).unwrap_or(1).max(1);
    let height = (lines + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    let notice = Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .style(Style::default().add_modifier(Modifier::BOLD))
        .block(Block::default().borders(Borders::ALL));
    f.render_widget(Clear, rect);
    f.render_widget(notice, rect);
}
