//! The `?` screen: every key, in a box over the current screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::ui::App;
use crate::ui::text::{protect_french, wrap_plain};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let key_col = 19;
    let width = area.width.saturating_sub(4).min(76);
    // Inside the borders, one column of margin each side.
    let text_cols = usize::from(width).saturating_sub(4);
    let mut lines = vec![Line::default()];
    for (key, what) in s.help_body {
        for (i, part) in
            wrap_plain(&protect_french(what), text_cols.saturating_sub(key_col)).into_iter().enumerate()
        {
            let key = if i == 0 { *key } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {key:<key_col$}"), app.theme.accent),
                Span::raw(part),
            ]));
        }
    }
    lines.push(Line::default());
    for part in wrap_plain(&protect_french(s.help_footer), text_cols) {
        lines.push(Line::from(Span::styled(format!(" {part}"), app.theme.muted)));
    }
    let height = (lines.len() as u16 + 4).min(area.height);
    let rect =
        Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", s.help_title), app.theme.title));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
