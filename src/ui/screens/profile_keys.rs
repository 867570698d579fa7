//! The profile's list of SSH keys: each key's fingerprint on a line of its own (whole: it
//! is compared with `ssh-keygen -l`), under it its type, when it was added and last used,
//! and which one this session came in with; the chosen one marked. The list takes the
//! whole width under its label: a fingerprint is 50 columns.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::domain::member::KeyInfo;
use crate::text::{clean_line, protect_french, wrap_plain};
use crate::ui::App;

/// Columns before a key's fingerprint: two for the indent, two for the marker.
const INDENT: usize = 4;

/// The lines of the list, under the label `label`.
pub fn lines(app: &App, keys: &[KeyInfo], cols: usize, label: &str) -> Vec<Line<'static>> {
    let t = &app.theme;
    let k = app.lang.k();
    let current = app.identity.fingerprint().unwrap_or("");
    let room = cols.saturating_sub(INDENT).max(10);
    let chosen = app.key_cursor.min(keys.len().saturating_sub(1));
    let mut lines = vec![Line::from(Span::styled(label.to_string(), t.accent))];
    let mut push = |marker: &str, text: String, style| {
        lines.push(Line::from(vec![
            Span::styled(format!("  {marker:<2}"), t.accent),
            Span::styled(text, style),
        ]));
    };
    for (i, key) in keys.iter().enumerate() {
        let selected = i == chosen && keys.len() > 1;
        let style = if selected { t.base.add_modifier(Modifier::BOLD) } else { t.base };
        for (j, part) in wrap_plain(&clean_line(&key.fingerprint), room).into_iter().enumerate() {
            push(if selected && j == 0 { "›" } else { "" }, part, style);
        }
        let mut about = format!(
            "{} · {}",
            clean_line(&key.algorithm),
            app.lang.key_dates(key.added_at, key.last_used_at)
        );
        if key.fingerprint == current {
            about.push_str(&format!(" · {}", k.this_key));
        }
        for part in wrap_plain(&protect_french(&about), room) {
            push("", part, t.muted);
        }
    }
    if keys.len() > 1 {
        for part in wrap_plain(&protect_french(k.keys_hint), room) {
            push("", part, t.muted);
        }
    }
    lines
}
