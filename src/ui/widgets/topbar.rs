//! The top line: where you are, and who you are connected as.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{truncate, width};
use crate::domain::Identity;
use crate::ui::text::clean::clean_line;
use crate::ui::{App, View};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let who = match &app.identity {
        Identity::Guest => s.guest.to_string(),
        Identity::Member { handle: Some(h), .. } => clean_line(h),
        Identity::Member { fingerprint, .. } => {
            let short: String = fingerprint.trim_start_matches("SHA256:").chars().take(10).collect();
            format!("{} · SHA256:{short}…", s.member)
        }
    };
    // Where you are, and the other section one Tab away.
    let (here, other) = match app.view {
        View::Spaces => (app.lang.d().section, s.bulletin),
        _ => (s.bulletin, app.lang.d().section),
    };
    let left = format!(" Cédille · {here}");
    let hint = format!("   Tab → {other}");
    let right = format!("{who} ");
    let room = usize::from(area.width).saturating_sub(width(&left) + width(&hint) + 1);
    let right = truncate(&right, room);
    let pad = usize::from(area.width).saturating_sub(width(&left) + width(&hint) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, app.theme.bar.add_modifier(Modifier::BOLD)),
        Span::styled(hint, app.theme.bar),
        Span::styled(" ".repeat(pad), app.theme.bar),
        Span::styled(right, app.theme.bar),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.bar), area);
}
