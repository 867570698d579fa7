//! Reported private messages: the list above, the selected message below with both members
//! and the messages just before it. The only messages a moderator ever reads.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{draw_items, fill, message, not_ready};
use crate::domain::admin::ReportItem;
use crate::domain::network::Message;
use crate::text::clean::{clean_line, clean_text};
use crate::text::wrap_plain;
use crate::ui::App;
use crate::ui::app::AdminState;

pub fn draw(app: &App, admin: &AdminState, frame: &mut Frame<'_>, area: Rect) {
    let n = app.lang.n();
    if let Some(text) = not_ready(app, &admin.reports, n.reports_empty) {
        return message(app, frame, area, &text);
    }
    let crate::ui::Loading::Ready(list) = &admin.reports else { return };
    let [top, bottom] = Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(area);
    let cols = usize::from(top.width.saturating_sub(3));
    let items = list.iter().map(|r| item_rows(app, r, cols)).collect();
    draw_items(app, frame, top, items, admin.report_sel);
    if let Some(item) = list.get(admin.report_sel) {
        draw_report(app, item, frame, bottom);
    }
}

/// A report's two rows in the list: who, to whom, when; then the reason and the message.
fn item_rows(app: &App, r: &ReportItem, cols: usize) -> [Line<'static>; 2] {
    let t = &app.theme;
    let head = vec![
        Span::styled(format!("#{} ", r.id), t.muted),
        Span::styled(clean_line(&r.message.sender), t.title),
        Span::styled(format!(" → {} · ", clean_line(&r.reporter)), t.muted),
        Span::styled(app.lang.relative(r.reported_at, app.now), t.muted),
    ];
    // The reporter's reason first: what the moderator decides on.
    let mut said = vec![Span::raw("  ")];
    if !r.reason.is_empty() {
        said.push(Span::styled(format!("«\u{a0}{}\u{a0}» · ", clean_line(&r.reason)), t.unread));
    }
    said.push(Span::styled(clean_line(r.message.body.lines().next().unwrap_or("")), t.base));
    [fill(head, cols), fill(said, cols)]
}

/// The selected report below the list: both members, the reason, the messages before and
/// the one reported.
fn draw_report(app: &App, item: &ReportItem, frame: &mut Frame<'_>, bottom: Rect) {
    let n = app.lang.n();
    let t = &app.theme;
    let block = Block::default().borders(Borders::TOP).border_style(t.muted);
    let inner = block.inner(bottom);
    frame.render_widget(block, bottom);
    let inner = Rect { x: inner.x + 2, width: inner.width.saturating_sub(4), ..inner };
    let width = usize::from(inner.width).max(10);
    let suspended = if item.sender_banned { format!(" ({})", app.lang.a().banned) } else { String::new() };
    let mut head = vec![Line::from(vec![
        Span::styled(clean_line(&item.message.sender), t.md.heading3),
        Span::styled(suspended, t.unread),
        Span::styled(
            format!(" → {} · {} {}", clean_line(&item.reporter), n.reported_by, clean_line(&item.reporter)),
            t.muted,
        ),
    ])];
    // The reason in full, however long: it is what the moderator decides on.
    match item.reason.as_str() {
        "" => head.push(Line::from(Span::styled(format!("{}\u{a0}: {}", n.reason, n.no_reason), t.muted))),
        reason => {
            let said = format!("{}\u{a0}: «\u{a0}{}\u{a0}»", n.reason, clean_line(reason));
            head.extend(wrap_plain(&said, width).into_iter().map(|l| Line::from(Span::styled(l, t.base))));
        }
    }
    let mut lines = Vec::new();
    let says = |m: &Message, style, lines: &mut Vec<Line<'static>>| {
        lines.push(Line::from(Span::styled(
            format!("{} · {}", clean_line(&m.sender), app.lang.relative(m.created_at, app.now)),
            t.muted,
        )));
        for para in clean_text(&m.body).split('\n') {
            for l in wrap_plain(para, width) {
                lines.push(Line::from(Span::styled(l, style)));
            }
        }
    };
    for m in &item.context {
        says(m, t.muted, &mut lines);
    }
    lines.push(Line::default());
    says(&item.message, t.base, &mut lines);
    // The members and the reason on top, the reported message last, and always in view:
    // the context gives way first.
    let room = usize::from(inner.height).saturating_sub(head.len());
    let skip = lines.len().saturating_sub(room).min(lines.len().saturating_sub(1));
    let mut shown = head;
    shown.extend(lines.into_iter().skip(skip));
    frame.render_widget(Paragraph::new(shown), inner);
}
