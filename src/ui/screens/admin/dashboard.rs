//! The dashboard: the figures, who is connected now, the last admin actions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::message;
use crate::text::clean::clean_line;
use crate::ui::app::AdminState;
use crate::ui::widgets::truncate;
use crate::ui::{App, Loading};

pub fn draw(app: &App, admin: &AdminState, frame: &mut Frame<'_>, area: Rect) {
    let a = app.lang.a();
    let s = app.lang.s();
    let (figures, connected, audit) = match &admin.dashboard {
        Loading::Ready((f, c, l)) => (f, c, l),
        Loading::Loading => return message(app, frame, area, s.loading),
        Loading::Failed(fault) => return message(app, frame, area, app.lang.fault(*fault)),
    };
    let t = &app.theme;
    let inner = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(1),
    };
    let wide = inner.width >= 100;
    let (left, right) = if wide {
        let [l, r] =
            Layout::horizontal([Constraint::Length(36), Constraint::Fill(1)]).spacing(3).areas(inner);
        (l, r)
    } else {
        let [l, r] = Layout::vertical([Constraint::Length(8), Constraint::Fill(1)]).areas(inner);
        (l, r)
    };
    let cols = usize::from(left.width);
    let fr = app.lang == crate::i18n::Lang::Fr;
    let row = |label: &str, n: i64, extra: String| {
        Line::from(vec![
            Span::styled(format!("{n:>6}  "), t.title),
            Span::styled(label.to_string(), t.base),
            Span::styled(extra, t.muted),
        ])
    };
    let pending_style = if figures.pending > 0 { t.unread } else { t.muted };
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
    lines.push(Line::from(vec![
        Span::styled(format!("{:>6}  ", figures.pending), pending_style.patch(t.title)),
        Span::styled(format!("{} ", a.waiting.to_lowercase()), pending_style),
        Span::styled(if figures.pending > 0 { "(m)".to_string() } else { String::new() }, t.muted),
    ]));
    let events_style = if figures.events_pending > 0 { t.unread } else { t.muted };
    lines.push(Line::from(vec![
        Span::styled(format!("{:>6}  ", figures.events_pending), events_style.patch(t.title)),
        Span::styled(if fr { "rencontres à valider " } else { "meetups to approve " }, events_style),
        Span::styled(if figures.events_pending > 0 { "(6)" } else { "" }, t.muted),
    ]));
    lines.push(row(if fr { "espaces" } else { "spaces" }, figures.spaces, String::new()));
    lines.push(row(if fr { "sessions ouvertes" } else { "open sessions" }, figures.sessions, String::new()));
    let lines: Vec<Line> = lines.into_iter().map(|l| cut(l, cols)).collect();
    frame.render_widget(Paragraph::new(lines), left);

    let cols = usize::from(right.width);
    let mut lines = vec![Line::from(Span::styled(a.connected_now.to_string(), t.md.heading3))];
    if connected.is_empty() {
        lines.push(Line::from(Span::styled(a.nobody_connected.to_string(), t.muted)));
    }
    let room = (usize::from(right.height) / 2).max(3);
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
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(a.last_actions.to_string(), t.md.heading3)));
    if audit.is_empty() {
        lines.push(Line::from(Span::styled(a.no_action.to_string(), t.muted)));
    }
    for e in audit {
        let at = e.at.with_timezone(&chrono_tz::Europe::Paris).format("%d/%m %H:%M");
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
    frame.render_widget(Paragraph::new(lines), right);
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
