//! The bottom line, as in nano or htop: the keys that work here, and where you are.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::width;
use crate::ui::{App, Loading, View};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let keys = if app.help {
        s.keys_help
    } else {
        match app.view {
            View::List => s.keys_list,
            View::Reader => s.keys_reader,
        }
    };
    let right = match (app.view, &app.articles) {
        (View::Reader, _) => app.lang.position(app.reader.scroll, app.reader.lines.len(), app.body_rows()),
        (View::List, Loading::Ready(list)) if !list.is_empty() => {
            format!("{}/{}", app.selected + 1, list.len())
        }
        _ => String::new(),
    };
    let right = format!(" {right} ");
    let room = usize::from(area.width).saturating_sub(width(&right));
    let mut spans = vec![Span::styled(" ", app.theme.bar)];
    let mut used = 1;
    for (key, label) in keys {
        let piece = width(key) + 1 + width(label) + 2;
        if used + piece > room {
            break;
        }
        used += piece;
        spans.push(Span::styled(*key, app.theme.bar_key));
        spans.push(Span::styled(format!(" {label}  "), app.theme.bar));
    }
    spans.push(Span::styled(" ".repeat(room.saturating_sub(used)), app.theme.bar));
    spans.push(Span::styled(right, app.theme.bar_key));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(app.theme.bar), area);
}
