//! The author's box that ends an article signed by a member: their name, commune and
//! presentation when their profile is published, and a few of their other articles.

use ratatui::text::{Line, Span};

use super::Look;
use super::article::measure;
use crate::domain::ArticleSummary;
use crate::domain::member_page::MemberPage;
use crate::text::clean::{clean_line, clean_text};
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_plain;

/// The box as lines, for a window `cols` wide, under `article`.
pub fn layout(page: &MemberPage, article: &ArticleSummary, cols: u16, look: &Look<'_>) -> Vec<Line<'static>> {
    let width = usize::from(measure(cols));
    let (lang, t) = (look.lang, look.theme);
    let u = lang.u();
    let plain = |text: &str, style: ratatui::style::Style| -> Vec<Line<'static>> {
        wrap_plain(&protect_french(text), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect()
    };
    let mut lines = vec![Line::default(), Line::from(Span::styled("─".repeat(width.min(40)), t.md.rule))];
    let name = lang.author_name(&clean_line(&article.author), &clean_line(&page.handle));
    lines.extend(plain(&name, t.md.heading3));
    if let Some(commune) = &page.commune {
        lines.extend(plain(&clean_line(commune), t.muted));
    }
    if let Some(presentation) = &page.presentation {
        for para in clean_text(presentation).split('\n').filter(|p| !p.trim().is_empty()) {
            lines.extend(plain(para, t.base));
        }
    }
    let others: Vec<_> = page.other_articles(article.id).collect();
    if !others.is_empty() {
        lines.push(Line::default());
        lines.extend(plain(u.same_author, t.muted));
        for a in others {
            let text = format!("· {} — {}", clean_line(&a.title), lang.short_date(a.published_at));
            lines.extend(plain(&text, t.base));
        }
    }
    lines.extend(plain(u.box_hint, t.muted));
    lines
}
