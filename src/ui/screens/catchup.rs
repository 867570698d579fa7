//! « Depuis votre dernière visite »: a box over the screen, one item a line with its excerpt
//! below, the chosen one marked by a bar as well as by colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::text::clean_line;
use crate::ui::app::CatchUpView;
use crate::ui::{App, widgets};

/// Rows per item: its line and its excerpt.
const ITEM_ROWS: usize = 2;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, view: &CatchUpView) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).clamp(20, 96);
    let inner = usize::from(width).saturating_sub(4);
    let items = &view.news.items;
    let room = usize::from(area.height.saturating_sub(2)) / ITEM_ROWS;
    let shown = items.len().min(room.max(1));
    // The chosen item always in view.
    let offset = view.selected.saturating_sub(shown.saturating_sub(1));
    let mut lines = Vec::with_capacity(shown * ITEM_ROWS);
    for (i, item) in items.iter().enumerate().skip(offset).take(shown) {
        let chosen = i == view.selected;
        let (bar, style) = if chosen { ("▌ ", t.selected) } else { ("  ", t.base) };
        let line = widgets::truncate(&app.lang.news_line(item), inner.saturating_sub(2));
        lines.push(Line::from(vec![Span::styled(bar, t.accent), Span::styled(line, style.patch(t.title))]));
        let said = widgets::truncate(&clean_line(&item.excerpt), inner.saturating_sub(4));
        lines.push(Line::from(vec![Span::raw("    "), Span::styled(said, t.muted)]));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width: width.min(area.width),
        height,
    };
    let count =
        if items.len() > shown { format!(" {}/{} ", view.selected + 1, items.len()) } else { String::new() };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", app.lang.c().catch_up_title), t.title))
        .title_bottom(Line::from(Span::styled(count, t.muted)).right_aligned());
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block.padding(ratatui::widgets::Padding::horizontal(1))),
        rect,
    );
}
