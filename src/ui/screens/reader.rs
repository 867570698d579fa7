//! The reader: one article, laid out at a comfortable measure and scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::ui::layout::comments;
use crate::ui::{App, Focus, Loading, widgets};

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
    frame.render_widget(Paragraph::new(visible(app, rows)), text_area);
    let total = app.reader.total_rows();
    if total > rows {
        let mut state = ScrollbarState::new(total.saturating_sub(rows)).position(app.reader.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(app.theme.muted);
        frame.render_stateful_widget(bar, area, &mut state);
    }
}

/// The rows in view: the article's as laid out, the comments' drawn now (their relative
/// dates and the selection bar change without laying anything out again).
fn visible(app: &App, rows: usize) -> Vec<Line<'static>> {
    let r = &app.reader;
    let top = r.comments_top();
    let list = r.comments.as_ref_ready().map(|l| l.as_slice()).unwrap_or(&[]);
    let cx = comments::Context {
        cols: app.size.0,
        lang: app.lang,
        theme: &app.theme,
        now: app.now,
        selected: (r.focus == Focus::Comments).then_some(r.selected),
        viewer: app.identity.user_id(),
        mark: r.mark,
        blocked: &r.blocked,
    };
    let end = (r.scroll + rows).min(top + r.laid.rows());
    (r.scroll..end)
        .map(|row| match r.lines.get(row) {
            Some(line) => line.clone(),
            None => r.laid.line(list, row - top, &cx),
        })
        .collect()
}
