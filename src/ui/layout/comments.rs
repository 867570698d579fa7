//! The comments under an article: threads indented by depth, each with its author, its
//! date (relative, and absolute on the selected one) and its marks (édité, en attente).

use chrono::{DateTime, Utc};
use ratatui::text::{Line, Span};

use super::article::measure;
use crate::domain::{Comment, CommentStatus};
use crate::i18n::Lang;
use crate::text::markdown::{MdLabels, render_comment};
use crate::text::{clean_line, protect_french, wrap_plain};
use crate::ui::Loading;
use crate::ui::theme::Theme;

/// Columns each level of reply is indented by.
const INDENT: usize = 3;

pub struct Context<'a> {
    pub cols: u16,
    pub lang: Lang,
    pub theme: &'a Theme,
    pub now: DateTime<Utc>,
    /// The selected comment, when the comments have the focus.
    pub selected: Option<usize>,
    pub viewer: Option<i64>,
}

pub struct Laid {
    pub lines: Vec<Line<'static>>,
    /// For each comment, its first line and one past its last, in `lines`.
    pub rows: Vec<(usize, usize)>,
}

pub fn layout(comments: &Loading<Vec<Comment>>, cx: &Context<'_>) -> Laid {
    let width = usize::from(measure(cx.cols));
    let t = cx.theme;
    let s = cx.lang.c();
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    let list = match comments {
        Loading::Ready(list) => list,
        Loading::Loading => {
            lines.push(Line::from(Span::styled(cx.lang.s().loading, t.muted)));
            return Laid { lines, rows };
        }
        Loading::Failed(fault) => {
            lines.push(Line::from(Span::styled(cx.lang.fault(*fault), t.muted)));
            return Laid { lines, rows };
        }
    };
    let heading =
        cx.lang.comments_heading(list.iter().filter(|c| c.status != CommentStatus::Deleted).count());
    lines.push(Line::from(Span::styled(heading, t.md.heading2)));
    lines.push(Line::from(Span::styled("─".repeat(width.min(40)), t.md.rule)));
    if list.is_empty() {
        lines.push(Line::default());
        for part in wrap_plain(&protect_french(s.none_yet), width) {
            lines.push(Line::from(Span::styled(part, t.muted)));
        }
        return Laid { lines, rows };
    }
    for (i, c) in list.iter().enumerate() {
        lines.push(Line::default());
        let start = lines.len();
        let selected = cx.selected == Some(i);
        let indent = INDENT * usize::from(c.depth.min(2));
        let inner = width.saturating_sub(indent + 2).max(10);
        let bar = if selected {
            "▌ "
        } else if c.depth > 0 {
            "│ "
        } else {
            "  "
        };
        let bar_style = if selected { t.accent } else { t.muted };
        let lead = |content: Vec<Span<'static>>| {
            let mut spans = vec![Span::raw(" ".repeat(indent)), Span::styled(bar, bar_style)];
            spans.extend(content);
            Line::from(spans)
        };
        let header = header(c, cx, selected);
        if c.status == CommentStatus::Deleted {
            lines.push(lead(vec![Span::styled(s.deleted, t.muted)]));
        } else {
            lines.push(lead(fit(header, inner)));
            let body = render_comment(
                &c.body,
                inner,
                &t.md,
                &MdLabels { links: cx.lang.s().links, notes: cx.lang.s().notes },
            );
            for line in body {
                lines.push(lead(line.spans));
            }
        }
        rows.push((start, lines.len()));
    }
    Laid { lines, rows }
}

/// A comment's header: author, then the marks in the order they matter, so that a narrow
/// window cuts the least useful (the full date) first.
fn header(c: &Comment, cx: &Context<'_>, selected: bool) -> Vec<Span<'static>> {
    let t = cx.theme;
    let s = cx.lang.c();
    let author = if c.author.is_empty() { "?".to_string() } else { clean_line(&c.author) };
    let mut header = vec![Span::styled(author, t.title)];
    match c.status {
        CommentStatus::Pending => header.push(Span::styled(format!(" · {}", s.pending), t.unread)),
        CommentStatus::Hidden => header.push(Span::styled(format!(" · {}", s.hidden), t.unread)),
        _ => {}
    }
    header.push(Span::styled(format!(" · {}", cx.lang.relative(c.created_at, cx.now)), t.muted));
    if c.edited_at.is_some() && c.status != CommentStatus::Deleted {
        header.push(Span::styled(format!(" · {}", s.edited), t.muted));
    }
    if Some(c.author_id) == cx.viewer && c.status != CommentStatus::Deleted {
        header.push(Span::styled(if cx.lang == Lang::Fr { " · vous" } else { " · you" }, t.muted));
    }
    if selected {
        header.push(Span::styled(format!(" · {}", cx.lang.at_time(c.created_at)), t.muted));
    }
    header
}

/// Cuts a header to `width` columns, dropping what does not fit from the right.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = crate::ui::widgets::width(&span.content);
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let rest = crate::ui::widgets::truncate(&span.content, width - used);
            out.push(Span::styled(rest, span.style));
            break;
        }
    }
    out
}
