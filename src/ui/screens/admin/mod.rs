//! The admin console's screens. The bulletin and the directory are the members' own.

mod articles;
mod dashboard;
mod members;
mod moderation;
mod reports;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::app::Section;
use crate::ui::widgets::{self, truncate, width};
use crate::ui::{App, Loading};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, section: Section) {
    let Some(admin) = &app.admin else { return };
    match section {
        Section::Dashboard => dashboard::draw(app, admin, frame, area),
        Section::Articles => articles::draw(app, admin, frame, area),
        Section::Moderation => moderation::draw(app, admin, frame, area),
        Section::Members => members::draw(app, admin, frame, area),
    }
}

/// The message for a list that is not ready or empty; `None` when there is something to show.
fn not_ready<T>(app: &App, list: &Loading<Vec<T>>, empty: &str) -> Option<String> {
    let s = app.lang.s();
    match list {
        Loading::Loading => Some(s.loading.to_string()),
        Loading::Failed(fault) => Some(app.lang.fault(*fault).to_string()),
        Loading::Ready(l) if l.is_empty() => Some(empty.to_string()),
        Loading::Ready(_) => None,
    }
}

/// Items of two lines and a blank, the selected one marked as in the bulletin, scrolled so
/// that the selection stays on screen.
fn draw_items(app: &App, frame: &mut Frame<'_>, area: Rect, items: Vec<[Line<'static>; 2]>, selected: usize) {
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(1),
    };
    let visible = (usize::from(inner.height) / 3).max(1);
    let offset = selected.saturating_sub(visible - 1);
    let mut lines = Vec::new();
    for (i, [first, second]) in items.into_iter().enumerate().skip(offset).take(visible) {
        let mark = if i == selected { "▌" } else { " " };
        let sel = |l: Line<'static>| {
            let mut spans = vec![Span::styled(mark, app.theme.accent)];
            spans.extend(l.spans);
            let line = Line::from(spans);
            if i == selected { line.patch_style(app.theme.selected) } else { line }
        };
        lines.push(sel(first));
        lines.push(sel(second));
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One line cut to `cols`, padded so that a selected line is marked across its width.
fn fill(spans: Vec<Span<'static>>, cols: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for s in spans {
        let room = cols.saturating_sub(used);
        if room == 0 {
            break;
        }
        let text = truncate(&s.content, room);
        used += width(&text);
        out.push(Span::styled(text, s.style));
    }
    out.push(Span::raw(" ".repeat(cols.saturating_sub(used))));
    Line::from(out)
}

fn message(app: &App, frame: &mut Frame<'_>, area: Rect, text: &str) {
    widgets::message(app, frame, area, text, 2);
}
