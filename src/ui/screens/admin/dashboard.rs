//! The dashboard: the figures, who is connected now, the last admin actions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::message;
use crate::domain::admin::{AuditEntry, Connected, Figures};
use crate::text::clean::clean_line;
use crate::ui::app::AdminState;
use crate::ui::widgets::truncate;
use crate::ui::{App, Loading};

pub fn draw(app: &App, admin: &AdminState, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let (figures, connected, audit) = match &admin.dashboard {
        Loading::Ready((f, c, l)) => (f, c, l),
        Loading::Loading => return message(app, frame, area, s.loading),
        Loading::Failed(fault) => return message(app, frame, area, app.lang.fault(*fault)),
    };
    let inner = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(1),
    };
    let wide = inner.width >= 100;
    let (left, right) = columns(inner, wide);
    frame.render_widget(Paragraph::new(figure_lines(app, figures, wide, usize::from(left.width))), left);
    let cols = usize::from(right.width);
    let mut lines = connected_lines(app, connected, (usize::from(right.height) / 2).max(3), cols);
    lines.push(Line::default());
    lines.extend(audit_lines(app, audit, cols));
    frame.render_widget(Paragraph::new(lines), right);
}

/// Side by side when there is room for both, else the figures above the rest.
fn columns(inner: Rect, wide: bool) -> (Rect, Rect) {
    if wide {
        let [l, r] =
            Layout::horizontal([Constraint::Length(36), Constraint::Fill(1)]).spacing(3).areas(inner);
        (l, r)
    } else {
        let [l, r] = Layout::vertical([Constraint::Length(8), Constraint::Fill(1)]).areas(inner);
        (l, r)
    }
}

/// The wide layout can spare a blank line under the heading; the narrow one has eight rows.
fn figure_lines(app: &App, figures: &Figures, wide: bool, cols: usize) -> Vec<Line<'static>> {
    let a = app.lang.a();
    let t = &app.theme;
    let fr = app.lang == crate::i18n::Lang::Fr;
    let row = |label: &str, n: i64, extra: String| {
        Line::from(vec![
            Span::styled(format!("{n:>6}  "), t.title),
            Span::styled(label.to_string(), t.base),
            Span::styled(extra, t.muted),
        ])
    };
    let mut lines = vec![Line::from(Span::styled(a.figures.to_string(), t.md.heading3))];
    if wide {
        lines.push(Line::default());
    }
    lines.push(row(
        if fr { "membres" } else { "members" },
        figures.members,
        if figures.banned > 0 { format!(" ({} {})", figures.banned, a.banned) } else { String::new() },
    ));
    lines.push(row(
        "articles",
        figures.articles,
        if figures.drafts > 0 {
            format!(" ({} {}{})", figures.drafts, a.draft, if figures.drafts > 1 { "s" } else { "" })
        } else {
            String::new()
        },
    ));
    let plural = |n: i64, one: &'static str, many: &'static str| if n > 1 { many } else { one };
    lines.push(row(
        if fr {
            plural(figures.comments, "commentaire", "commentaires")
        } else {
            plural(figures.comments, "comment", "comments")
        },
        figures.comments,
        String::new(),
    ));
    lines.extend(waiting_lines(app, figures));
    lines.push(row(if fr { "espaces" } else { "spaces" }, figures.spaces, String::new()));
    lines.push(row(if fr { "sessions ouvertes" } else { "open sessions" }, figures.sessions, String::new()));
    lines.into_iter().map(|l| cut(l, cols)).collect()
}

/// What waits for a decision stands out, with the key that leads to it, only while some does.
fn waiting_lines(app: &App, figures: &Figures) -> [Line<'static>; 2] {
    let a = app.lang.a();
    let t = &app.theme;
    let fr = app.lang == crate::i18n::Lang::Fr;
    let pending_style = if figures.pending > 0 { t.unread } else { t.muted };
    let events_style = if figures.events_pending > 0 { t.unread } else { t.muted };
    [
        Line::from(vec![
            Span::styled(format!("{:>6}  ", figures.pending), pending_style.patch(t.title)),
            Span::styled(format!("{} ", a.waiting.to_lowercase()), pending_style),
            Span::styled(if figures.pending > 0 { "(m)".to_string() } else { String::new() }, t.muted),
        ]),
        Line::from(vec![
            Span::styled(format!("{:>6}  ", figures.events_pending), events_style.patch(t.title)),
            Span::styled(if fr { "rencontres à valider " } else { "meetups to approve " }, events_style),
            Span::styled(if figures.events_pending > 0 { "(6)" } else { "" }, t.muted),
        ]),
    ]
}

/// At most `room` sessions, so that the last actions keep their share of the column.
fn connected_lines(app: &App, connected: &[Connected], room: usize, cols: usize) -> Vec<Line<'static>> {
    let a = app.lang.a();
    let t = &app.theme;
    let mut lines = vec![Line::from(Span::styled(a.connected_now.to_string(), t.md.heading3))];
    if connected.is_empty() {
        lines.push(Line::from(Span::styled(a.nobody_connected.to_string(), t.muted)));
    }
    for c in connected.iter().take(room) {
        let who = c.who.as_deref().map(clean_line).unwrap_or_else(|| a.guest.to_string());
        let since = app.lang.relative(c.since, app.now);
        lines.push(cut(
            Line::from(vec![
                Span::styled(format!("{who:<20} "), t.title),
                Span::styled(format!("{since} · {}", clean_line(&c.peer)), t.muted),
            ]),
            cols,
        ));
    }
    if connected.len() > room {
        lines.push(Line::from(Span::styled(format!("… +{}", connected.len() - room), t.muted)));
    }
    lines
}

/// Times in Paris: the service and its operators are there, whatever the server's clock says.
fn audit_lines(app: &App, audit: &[AuditEntry], cols: usize) -> Vec<Line<'static>> {
    let a = app.lang.a();
    let t = &app.theme;
    let mut lines = vec![Line::from(Span::styled(a.last_actions.to_string(), t.md.heading3))];
    if audit.is_empty() {
        lines.push(Line::from(Span::styled(a.no_action.to_string(), t.muted)));
    }
    for e in audit {
        let at = format!("{}, {}", app.lang.short_date(e.at), app.lang.time_at(e.at));
        let detail =
            if e.detail.is_empty() { String::new() } else { format!(" · {}", clean_line(&e.detail)) };
        lines.push(cut(
            Line::from(vec![
                Span::styled(format!("{at}  "), t.muted),
                Span::styled(format!("{} ", clean_line(&e.actor)), t.accent),
                Span::styled(format!("{} {}", e.action, clean_line(&e.target)), t.base),
                Span::styled(detail, t.muted),
            ]),
            cols,
        ));
    }
    lines
}

fn cut(line: Line<'static>, cols: usize) -> Line<'static> {
    let mut used = 0;
    let spans = line
        .spans
        .into_iter()
        .map(|s| {
            let text = truncate(&s.content, cols.saturating_sub(used));
            used += crate::ui::widgets::width(&text);
            ratatui::text::Span::styled(text, s.style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}
