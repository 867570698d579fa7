//! Private messages: the conversations, newest first with what is unread, and one
//! conversation, oldest message at the top and the newest just above the status line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{clean_line, clean_text, protect_french, wrap_plain};
use crate::ui::{App, Loading, widgets};

pub fn draw_inbox(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let n = app.lang.n();
    let t = &app.theme;
    let inner = widgets::column(area);
    let cols = usize::from(inner.width);
    let list = match &app.network.conversations {
        Loading::Ready(list) => list,
        Loading::Loading => return widgets::message(app, frame, area, app.lang.s().loading, 3),
        Loading::Failed(fault) => return widgets::message(app, frame, area, app.lang.fault(*fault), 3),
    };
    let mut lines = vec![Line::from(Span::styled(n.conversations, t.md.heading1)), Line::default()];
    if list.is_empty() {
        lines.extend(
            wrap_plain(&protect_french(n.no_conversation), cols)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, t.muted))),
        );
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let visible = (usize::from(inner.height).saturating_sub(2) / 3).max(1);
    let offset = app.network.conv_sel.saturating_sub(visible - 1);
    for (i, c) in list.iter().enumerate().skip(offset).take(visible) {
        let selected = i == app.network.conv_sel;
        let pointer = if selected { "▌ " } else { "  " };
        let sel = |style: ratatui::style::Style| if selected { style.patch(t.selected) } else { style };
        let unread = if c.unread > 0 { format!("● {}", app.lang.unread(c.unread)) } else { String::new() };
        let when = app.lang.relative(c.last_at, app.now);
        let head = widgets::truncate(
            &clean_line(&c.other),
            cols.saturating_sub(6 + widgets::width(&unread) + widgets::width(&when)),
        );
        let pad = cols
            .saturating_sub(2 + widgets::width(&head) + 3 + widgets::width(&when) + widgets::width(&unread));
        lines.push(Line::from(vec![
            Span::styled(pointer, sel(t.accent)),
            Span::styled(head, sel(t.title)),
            Span::styled(format!(" · {when}"), sel(t.muted)),
            Span::styled(" ".repeat(pad), sel(t.base)),
            Span::styled(unread, sel(t.unread)),
        ]));
        let who = if c.last_mine { format!("{}\u{a0}: ", n.you) } else { String::new() };
        let last = widgets::truncate(&format!("{who}{}", clean_line(&c.last_body)), cols.saturating_sub(2));
        let pad = cols.saturating_sub(2 + widgets::width(&last));
        lines.push(Line::from(vec![
            Span::styled(pointer, sel(t.accent)),
            Span::styled(last, sel(t.base)),
            Span::styled(" ".repeat(pad), sel(t.base)),
        ]));
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_thread(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let n = app.lang.n();
    let t = &app.theme;
    let inner = widgets::column(area);
    let cols = usize::from(inner.width);
    let thread = match &app.network.thread {
        Loading::Ready(thread) => thread,
        Loading::Loading => return widgets::message(app, frame, area, app.lang.s().loading, 3),
        Loading::Failed(fault) => return widgets::message(app, frame, area, app.lang.fault(*fault), 3),
    };
    let mut head =
        vec![Line::from(Span::styled(app.lang.conversation_with(&clean_line(&thread.other)), t.md.heading1))];
    if thread.blocked {
        head.extend(
            wrap_plain(&protect_french(n.blocked_banner), cols)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, t.unread))),
        );
    }
    head.push(Line::default());
    if thread.messages.is_empty() {
        head.push(Line::from(Span::styled(n.empty_thread, t.muted)));
        frame.render_widget(Paragraph::new(head), inner);
        return;
    }
    let me = app.identity.user_id();
    // Each message: who and when, its text, a blank line; the selected one marked.
    let mut body: Vec<Line<'static>> = Vec::new();
    let mut selected_start = 0;
    for (i, m) in thread.messages.iter().enumerate() {
        let selected = i == app.network.msg_sel;
        if selected {
            selected_start = body.len();
        }
        let bar = if selected { "▌ " } else { "  " };
        let who = if Some(m.sender_id) == me { n.you.to_string() } else { clean_line(&m.sender) };
        body.push(Line::from(vec![
            Span::styled(bar, t.accent),
            Span::styled(who, if Some(m.sender_id) == me { t.muted } else { t.title }),
            Span::styled(format!(" · {}", app.lang.relative(m.created_at, app.now)), t.muted),
        ]));
        for para in clean_text(&m.body).split('\n') {
            for l in wrap_plain(para, cols.saturating_sub(2).max(10)) {
                body.push(Line::from(vec![Span::styled(bar, t.accent), Span::styled(l, t.base)]));
            }
        }
        body.push(Line::default());
    }
    let room = usize::from(inner.height).saturating_sub(head.len());
    // The newest at the bottom, unless the selected message is above: then it starts the page.
    let start = body.len().saturating_sub(room).min(selected_start);
    let mut lines = head;
    lines.extend(body.into_iter().skip(start).take(room));
    frame.render_widget(Paragraph::new(lines), inner);
}
