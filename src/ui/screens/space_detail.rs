//! One space, every field: the week's hours as a table, prices, contacts, when it was checked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::ui::App;
use crate::ui::layout::article::measure;
use crate::ui::layout::space::layout;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let width = measure(area.width);
    let inner = Rect { x: area.x + (area.width - width) / 2, width, ..area };
    let lines = match app.spaces.selected_hit() {
        Some(hit) => layout(&app.look(), hit, app.spaces.query.near.as_ref(), usize::from(width)),
        None => Vec::new(),
    };
    let scroll = app.spaces.detail_scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    frame.render_widget(Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()), inner);
}
