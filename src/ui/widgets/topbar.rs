//! The top line: where you are, and who you are connected as.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{truncate, width};
use crate::domain::Identity;
use crate::ui::App;
use crate::ui::text::clean::clean_line;

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
    let left = format!(" Cédille · {}", s.bulletin);
    let right = format!("{who} ");
    let room = usize::from(area.width).saturating_sub(width(&left) + 1);
    let right = truncate(&right, room);
    let pad = usize::from(area.width).saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::styled(left, app.theme.bar.add_modifier(Modifier::BOLD)),
        Span::styled(" ".repeat(pad), app.theme.bar),
        Span::styled(right, app.theme.bar),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.bar), area);
}
