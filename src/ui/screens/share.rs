//! The reader's `s` box: labels, and under each the command to type, kept whole on its line
//! (wrapped only when the window is narrower than the command) so that it can be copied.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::modal::{box_width, boxed};
use crate::text::{protect_french, wrap_plain};
use crate::ui::App;
use crate::ui::app::Share;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, share: &Share) {
    let width = box_width(area, 76);
    let inner = usize::from(width).saturating_sub(4).max(10);
    let mut lines = Vec::new();
    for (i, (label, command)) in share.lines.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        lines.extend(wrap_plain(&protect_french(label), inner).into_iter().map(Line::from));
        if let Some(command) = command {
            for part in wrap_plain(command, inner.saturating_sub(2)) {
                lines.push(Line::from(Span::styled(format!("  {part}"), app.theme.accent)));
            }
        }
    }
    boxed(app, frame, area, app.lang.k().share_title, lines, width);
}
