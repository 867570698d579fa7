//! Every article with its state: drafts, scheduled, published.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{draw_items, fill, message, not_ready};
use crate::domain::article::ArticleState;
use crate::text::clean::clean_line;
use crate::ui::App;
use crate::ui::app::AdminState;

pub fn draw(app: &App, admin: &AdminState, frame: &mut Frame<'_>, area: Rect) {
    if let Some(text) = not_ready(app, &admin.articles, app.lang.a().no_article) {
        return message(app, frame, area, &text);
    }
    let crate::ui::Loading::Ready(list) = &admin.articles else { return };
    let t = &app.theme;
    let cols = usize::from(area.width.saturating_sub(3));
    let items = list
        .iter()
        .map(|a| {
            let state_style = match a.state {
                ArticleState::Draft => t.muted,
                ArticleState::Scheduled => t.accent,
                ArticleState::Published => t.base,
            };
            let date =
                format!("{}, {}", app.lang.short_date(a.published_at), app.lang.time_at(a.published_at));
            let mut details = format!(" · {date} · {}", app.lang.comments(a.comments));
            if !a.rubrique.is_empty() {
                details = format!(" · {}{details}", clean_line(&a.rubrique));
            }
            [
                fill(
                    vec![
                        Span::styled(format!("{:>4} ", a.id), t.muted),
                        Span::styled(clean_line(&a.title), t.title),
                    ],
                    cols,
                ),
                fill(
                    vec![
                        Span::raw("     "),
                        Span::styled(app.lang.state_label(a.state).to_string(), state_style),
                        Span::styled(details, t.muted),
                        Span::styled(format!(" · {}", a.slug), t.muted),
                    ],
                    cols,
                ),
            ]
        })
        .collect();
    draw_items(app, frame, area, items, admin.article_sel);
}
