//! The article as lines: rubrique, title, byline, body, at a comfortable measure.

use chrono::{DateTime, Utc};
use ratatui::text::{Line, Span};

use crate::domain::Article;
use crate::i18n::Lang;
use crate::text::clean::clean_line;
use crate::text::markdown::{MdLabels, render_markdown};
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_spans;
use crate::ui::theme::Theme;

/// Longest line of text, in columns: beyond this, eyes lose the next line.
pub const MEASURE: u16 = 100;

/// The columns of text for a window `cols` wide: a margin each side, capped at [`MEASURE`].
pub fn measure(cols: u16) -> u16 {
    cols.saturating_sub(4).clamp(1, MEASURE)
}

/// The whole article as lines for a window `cols` wide: rubrique, title, byline, body.
pub fn layout(
    article: &Article,
    cols: u16,
    lang: Lang,
    theme: &Theme,
    now: DateTime<Utc>,
) -> Vec<Line<'static>> {
    let width = usize::from(measure(cols));
    let a = &article.summary;
    let mut lines = Vec::new();
    if !a.rubrique.is_empty() {
        lines
            .extend(wrap_spans(&[Span::styled(clean_line(&a.rubrique).to_uppercase(), theme.accent)], width));
    }
    let title = protect_french(&clean_line(&a.title));
    lines.extend(wrap_spans(&[Span::styled(title, theme.md.heading1)], width));
    let mut byline = Vec::new();
    if !a.author.is_empty() {
        byline.push(lang.by(&clean_line(&a.author)));
    }
    byline.push(lang.long_date(a.published_at));
    // « il y a 3 h » helps only while it is recent; after a week the date says it all.
    if (now - a.published_at).num_days() < 7 {
        byline.push(format!("({})", lang.relative(a.published_at, now)));
    }
    byline.push(lang.comments(a.comments));
    let byline = protect_french(&byline.join(" · ").replace(" (", "\u{a0}("));
    lines.extend(wrap_spans(&[Span::styled(byline, theme.muted)], width));
    lines.push(Line::from(Span::styled("─".repeat(width.min(40)), theme.md.rule)));
    lines.push(Line::default());
    let s = lang.s();
    lines.extend(render_markdown(
        &article.body,
        width,
        &theme.md,
        &MdLabels { links: s.links, notes: s.notes },
    ));
    lines
}
