//! The reader: one article, laid out at a comfortable measure and scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::ui::{App, Loading, widgets};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let message = match &app.reader.article {
        Loading::Ready(_) => None,
        Loading::Loading => Some(s.loading),
        Loading::Failed(fault) => Some(app.lang.fault(*fault)),
    };
    if let Some(message) = message {
        widgets::message(app, frame, area, message, 2);
        return;
    }
    let text_area = widgets::column(area);
    let rows = usize::from(text_area.height);
    let visible: Vec<Line<'static>> =
        app.reader.lines.iter().skip(app.reader.scroll).take(rows).cloned().collect();
    frame.render_widget(Paragraph::new(visible), text_area);
    let total = app.reader.lines.len();
    if total > rows {
        let mut state = ScrollbarState::new(total.saturating_sub(rows)).position(app.reader.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(app.theme.muted);
        frame.render_stateful_widget(bar, area, &mut state);
    }
}
