//! The `?` screen: every key, by where it works, in a box over the current screen; the
//! arrows scroll it when the window is too small to show it whole.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::text::{protect_french, wrap_plain};
use crate::ui::App;

/// Width of the keys column.
const KEY_COL: usize = 19;

/// The box for a body `area`: centred, at most 76 columns, as tall as the text allows.
fn frame_for(app: &App, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let width = area.width.saturating_sub(4).min(76);
    let lines = lines(app, usize::from(width).saturating_sub(4));
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect =
        Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    (rect, lines)
}

fn lines(app: &App, text_cols: usize) -> Vec<Line<'static>> {
    let s = app.lang.s();
    let mut lines = vec![Line::default()];
    for (key, what) in s.help_body {
        if *key == "#" {
            if lines.len() > 1 {
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(format!(" {what}"), app.theme.title)));
            continue;
        }
        for (i, part) in
            wrap_plain(&protect_french(what), text_cols.saturating_sub(KEY_COL)).into_iter().enumerate()
        {
            let key = if i == 0 { *key } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {key:<KEY_COL$}"), app.theme.accent),
                Span::raw(part),
            ]));
        }
    }
    lines.push(Line::default());
    for part in wrap_plain(&protect_french(s.help_footer), text_cols) {
        lines.push(Line::from(Span::styled(format!(" {part}"), app.theme.muted)));
    }
    lines
}

/// How far the help can scroll in the body `area`: zero when it fits.
pub fn max_scroll(app: &App, area: Rect) -> usize {
    let (rect, lines) = frame_for(app, area);
    lines.len().saturating_sub(usize::from(rect.height.saturating_sub(2)))
}

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let (rect, lines) = frame_for(app, area);
    let scroll = app.help_scroll.min(max_scroll(app, area));
    let more = scroll < max_scroll(app, area);
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
