//! Members with their keys, visits and comments.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{draw_items, fill, message, not_ready};
use crate::text::clean::clean_line;
use crate::ui::App;
use crate::ui::app::AdminState;

pub fn draw(app: &App, admin: &AdminState, frame: &mut Frame<'_>, area: Rect) {
    let a = app.lang.a();
    if let Some(text) = not_ready(app, &admin.members, a.no_member) {
        return message(app, frame, area, &text);
    }
    let crate::ui::Loading::Ready(list) = &admin.members else { return };
    let t = &app.theme;
    let cols = usize::from(area.width.saturating_sub(3));
    let fr = app.lang == crate::i18n::Lang::Fr;
    let items = list
        .iter()
        .map(|m| {
            let mut flags = Vec::new();
            if m.role != "member" {
                flags.push(Span::styled(format!("  {}", app.lang.role_label(&m.role)), t.accent));
            }
            if m.banned {
                flags.push(Span::styled(format!("  {}", a.banned), t.unread));
            }
            if m.approved {
                flags.push(Span::styled(format!("  {}", a.approved), t.muted));
            }
            let mut first = vec![Span::styled(clean_line(&m.name()), t.title)];
            first.extend(flags);
            let last =
                m.last_seen.map(|d| app.lang.relative(d, app.now)).unwrap_or_else(|| a.never.to_string());
            let key = m.keys.first().map(|k| k.chars().take(19).collect::<String>()).unwrap_or_default();
            let second = if fr {
                format!(
                    "  {} clé{} ({key}…) · arrivé·e le {} · vu·e {last} · {} · {} masqué{}",
                    m.keys.len(),
                    if m.keys.len() > 1 { "s" } else { "" },
                    m.first_seen.with_timezone(&chrono_tz::Europe::Paris).format("%d/%m/%Y"),
                    app.lang.comments(m.comments),
                    m.hidden_comments,
                    if m.hidden_comments > 1 { "s" } else { "" },
                )
            } else {
                format!(
                    "  {} key{} ({key}…) · joined {} · seen {last} · {} · {} hidden",
                    m.keys.len(),
                    if m.keys.len() > 1 { "s" } else { "" },
                    m.first_seen.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d"),
                    app.lang.comments(m.comments),
                    m.hidden_comments,
                )
            };
            [fill(first, cols), fill(vec![Span::styled(second, t.muted)], cols)]
        })
        .collect();
    draw_items(app, frame, area, items, admin.member_sel);
}
