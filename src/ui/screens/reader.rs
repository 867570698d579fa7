//! The reader: one article, laid out at a comfortable measure and scrolled.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::domain::Article;
use crate::i18n::Lang;
use crate::text::clean::clean_line;
use crate::text::markdown::{MdLabels, render_markdown};
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_spans;
use crate::ui::theme::Theme;
use crate::ui::{App, Loading, widgets};

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

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let message = match &app.reader.article {
        Loading::Ready(_) => None,
        Loading::Loading => Some(s.loading),
        Loading::Failed(fault) => Some(app.lang.fault(*fault)),
    };
    if let Some(message) = message {
        widgets::message(app, frame, area, message, 2);
        return;
    }
    let text_area = widgets::column(area);
    let rows = usize::from(text_area.height);
    let visible: Vec<Line<'static>> =
        app.reader.lines.iter().skip(app.reader.scroll).take(rows).cloned().collect();
    frame.render_widget(Paragraph::new(visible), text_area);
    let total = app.reader.lines.len();
    if total > rows {
        let mut state = ScrollbarState::new(total.saturating_sub(rows)).position(app.reader.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(app.theme.muted);
        frame.render_stateful_widget(bar, area, &mut state);
    }
}
