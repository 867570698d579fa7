//! The member's profile page.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::member::format_code;
use crate::text::{clean_line, protect_french, wrap_plain};
use crate::ui::{App, Loading, widgets};

/// Width of the label column.
const LABEL: usize = 16;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.p();
    let profile = match &app.profile {
        Loading::Ready(p) => p,
        other => {
            let text = if matches!(other, Loading::Loading) {
                app.lang.s().loading
            } else {
                app.lang.s().load_failed
            };
            widgets::message(app, frame, area, text, 2);
            return;
        }
    };
    let inner = widgets::column(area);
    let width = inner.width;
    let cols = usize::from(width);
    let t = &app.theme;
    let mut lines = vec![Line::from(Span::styled(s.title, t.md.heading1)), Line::default()];
    let row = |label: &str, value: String, lines: &mut Vec<Line<'static>>| {
        let parts = wrap_plain(&value, cols.saturating_sub(LABEL).max(10));
        for (i, part) in parts.into_iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            lines.push(Line::from(vec![Span::styled(format!("{label:<LABEL$}"), t.accent), Span::raw(part)]));
        }
    };
    let opt = |v: &Option<String>, empty: &str| {
        v.as_deref().map(clean_line).filter(|v| !v.is_empty()).unwrap_or_else(|| empty.to_string())
    };
    row(s.handle, opt(&profile.handle, s.none), &mut lines);
    lines.extend(super::profile_keys::lines(app, &profile.keys, cols, s.keys));
    row(s.language, app.lang.s().lang_name.to_string(), &mut lines);
    let l = app.lang.l();
    let line_mode = if profile.line_mode { l.yes } else { l.no };
    row(l.profile_row, format!("{line_mode} ({})", l.profile_row_key), &mut lines);
    let cs = app.lang.cs();
    row(cs.label, format!("{} ({})", app.lang.charset_name(profile.charset), cs.key), &mut lines);
    row(s.town, opt(&profile.commune, s.unset), &mut lines);
    row(s.bio, opt(&Some(profile.presentation.clone()), s.unset), &mut lines);
    row(s.since, app.lang.long_date(profile.created_at), &mut lines);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(s.link_title, t.md.heading3)));
    for help in s.link_help {
        lines.extend(wrap_plain(&protect_french(help), cols).into_iter().map(Line::from));
    }
    if let Some(code) = &app.link_code {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(format_code(code), t.accent.add_modifier(ratatui::style::Modifier::BOLD)),
            Span::styled(format!("  {}", widgets::truncate(s.code_valid, cols.saturating_sub(12))), t.muted),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
