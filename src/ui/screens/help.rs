//! The `?` screen: every key, by where it works, in a box over the current screen; the
//! arrows scroll it when the window is too small to show it whole.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::ui::App;
use crate::ui::layout::help::{frame_for, max_scroll};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let (rect, lines) = frame_for(app.lang, &app.theme, area);
    let scroll = app.help_scroll.min(max_scroll(app.lang, &app.theme, area));
    let more = scroll < max_scroll(app.lang, &app.theme, area);
    let lines: Vec<Line<'_>> = lines.into_iter().skip(scroll).collect();
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", s.help_title), app.theme.title));
    if more {
        block = block.title_bottom(Line::from(Span::styled(" ↓ ", app.theme.accent)).right_aligned());
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
