//! The bulletin: the list of articles, newest first, with unread markers for members.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::ArticleSummary;
use crate::text::clean::clean_line;
use crate::ui::widgets::{truncate, width};
use crate::ui::{App, Loading, widgets};

use super::bulletin_search;

/// Rows per article: title, details, a blank line.
use crate::ui::layout::ARTICLE_ROWS as ITEM_ROWS;

/// Widest the list gets; beyond it the eye loses the line between title and details.
const MAX_WIDTH: u16 = 120;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    if app.search.open {
        bulletin_search::draw(app, frame, area, MAX_WIDTH);
        return;
    }
    draw_list(app, frame, area);
    bulletin_search::draw_chooser(app, frame, area);
}

fn draw_list(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let list = match &app.articles {
        Loading::Ready(list) if !list.items().is_empty() => list,
        other => {
            let message = match other {
                Loading::Loading => s.loading,
                Loading::Failed(fault) => app.lang.fault(*fault),
                Loading::Ready(_) => s.empty_list,
            };
            widgets::message(app, frame, area, message, 2);
            return;
        }
    };
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2).min(MAX_WIDTH),
        height: area.height.saturating_sub(1),
    };
    bulletin_search::draw_filter_header(app, frame, Rect { y: area.y, height: 1, ..inner });
    let visible = (usize::from(inner.height) / ITEM_ROWS).max(1);
    let offset = app.selected.saturating_sub(visible - 1);
    let mut lines = Vec::new();
    for (i, article) in app.shown_articles().into_iter().enumerate().skip(offset).take(visible) {
        let unread = list.unread(article.id);
        let marks = Marks { unread, fresh: list.new_comments(article.id) };
        let [first, second] = item_lines(app, article, marks, usize::from(inner.width), i == app.selected);
        lines.push(first);
        lines.push(second);
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What is new to the member in one article: the article itself, comments in its thread.
struct Marks {
    unread: Option<bool>,
    fresh: Option<i64>,
}

fn item_lines(
    app: &App,
    a: &ArticleSummary,
    marks: Marks,
    cols: usize,
    selected: bool,
) -> [Line<'static>; 2] {
    let Marks { unread, fresh } = marks;
    let t = &app.theme;
    let s = app.lang.s();
    let (marker, marker_style) = match unread {
        Some(true) => ("● ", t.unread),
        _ => ("  ", t.base),
    };
    let new_label = if unread == Some(true) { format!("  {}", s.new_marker) } else { String::new() };
    let pointer = if selected { "▌" } else { " " };
    let title_room = cols.saturating_sub(3 + width(&new_label));
    let title = truncate(&clean_line(&a.title), title_room);
    let pad1 = cols.saturating_sub(3 + width(&title) + width(&new_label));
    let rubrique = clean_line(&a.rubrique);
    let mut details = vec![app.lang.short_date(a.published_at)];
    if !a.author.is_empty() {
        details.push(app.lang.by(&clean_line(&a.author)));
    }
    details.push(app.lang.comments(a.comments));
    // « 6 commentaires · 2 nouveaux »: in words, read the same without colour.
    if let Some(n) = fresh {
        details.push(app.lang.new_comments(n));
    }
    let details = format!(" · {}", details.join(" · "));
    let rubrique = truncate(&rubrique, cols.saturating_sub(3));
    let details = truncate(&details, cols.saturating_sub(3 + width(&rubrique)));
    let pad2 = cols.saturating_sub(3 + width(&rubrique) + width(&details));
    let sel = |style: ratatui::style::Style| if selected { style.patch(t.selected) } else { style };
    let first = Line::from(vec![
        Span::styled(pointer, sel(t.accent)),
        Span::styled(marker, sel(marker_style)),
        Span::styled(title, sel(t.title)),
        Span::styled(new_label, sel(t.unread)),
        Span::styled(" ".repeat(pad1), sel(t.base)),
    ]);
    let second = Line::from(vec![
        Span::styled(pointer, sel(t.accent)),
        Span::styled("  ", sel(t.base)),
        Span::styled(rubrique, sel(t.accent)),
        Span::styled(details, sel(t.muted)),
        Span::styled(" ".repeat(pad2), sel(t.base)),
    ]);
    [first, second]
}
