//! A member's public page: their profile's published fields, then their articles and their
//! recent published comments, one of them chosen (Enter opens it).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::member_page::MemberPage;
use crate::text::{clean_line, clean_text, protect_french, wrap_plain};
use crate::ui::{App, Loading, widgets};

/// Width of the label column.
const LABEL: usize = 16;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let page = match &app.member.page {
        Loading::Ready(page) => page,
        Loading::Loading => return widgets::message(app, frame, area, app.lang.s().loading, 2),
        Loading::Failed(crate::domain::Fault::NotFound) => {
            return widgets::message(app, frame, area, app.lang.u().not_found, 2);
        }
        Loading::Failed(fault) => return widgets::message(app, frame, area, app.lang.fault(*fault), 2),
    };
    let inner = widgets::column(area);
    let cols = usize::from(inner.width);
    let (lines, selected_row) = page_lines(app, page, cols);
    // The chosen item stays in view.
    let rows = usize::from(inner.height);
    let scroll = selected_row.map_or(0, |row| (row + 2).saturating_sub(rows));
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The page's lines, and the row of the chosen item.
fn page_lines(app: &App, page: &MemberPage, cols: usize) -> (Vec<Line<'static>>, Option<usize>) {
    let (u, t) = (app.lang.u(), &app.theme);
    let mut lines = vec![Line::from(Span::styled(clean_line(&page.handle), t.md.heading1)), Line::default()];
    let wrapped = |text: &str, style: Style, lines: &mut Vec<Line<'static>>| {
        for part in wrap_plain(&protect_french(text), cols) {
            lines.push(Line::from(Span::styled(part, style)));
        }
    };
    if page.published {
        profile_fields(app, page, cols, &mut lines);
    } else {
        wrapped(u.unpublished, t.muted, &mut lines);
    }
    let mut selected_row = None;
    let mut item = 0;
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(u.articles, t.md.heading3)));
    if page.articles.is_empty() {
        wrapped(u.no_articles, t.muted, &mut lines);
    }
    for a in &page.articles {
        let date = app.lang.short_date(a.published_at);
        let chosen = item == app.member.selected;
        if chosen {
            selected_row = Some(lines.len());
        }
        lines.push(item_line(app, &clean_line(&a.title), &date, cols, chosen));
        item += 1;
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(u.comments, t.md.heading3)));
    if page.comments.is_empty() {
        wrapped(u.no_comments, t.muted, &mut lines);
    }
    for c in &page.comments {
        let date = app.lang.short_date(c.created_at);
        let chosen = item == app.member.selected;
        if chosen {
            selected_row = Some(lines.len() + 1);
        }
        lines.push(item_line(app, &clean_line(&c.article_title), &date, cols, chosen));
        let excerpt = widgets::truncate(&format!("« {} »", clean_line(&c.excerpt)), cols.saturating_sub(4));
        lines.push(Line::from(vec![Span::raw("    "), Span::styled(excerpt, t.muted)]));
        item += 1;
    }
    (lines, selected_row)
}

/// What the member published of their profile.
fn profile_fields(app: &App, page: &MemberPage, cols: usize, lines: &mut Vec<Line<'static>>) {
    let (u, t) = (app.lang.u(), &app.theme);
    let mut field = |label: &str, value: String| {
        if value.is_empty() {
            return;
        }
        for (i, part) in
            wrap_plain(&protect_french(&value), cols.saturating_sub(LABEL).max(10)).into_iter().enumerate()
        {
            let label = if i == 0 { label } else { "" };
            lines.push(Line::from(vec![Span::styled(format!("{label:<LABEL$}"), t.accent), Span::raw(part)]));
        }
    };
    field(u.commune, page.commune.as_deref().map(clean_line).unwrap_or_default());
    field(u.status, page.status.map(|s| app.lang.work_status(s).to_string()).unwrap_or_default());
    field(u.skills, page.skills.iter().map(|s| clean_line(s)).collect::<Vec<_>>().join(", "));
    field(u.open_to, page.open_to.iter().map(|o| app.lang.open_to(*o)).collect::<Vec<_>>().join(", "));
    if let Some(presentation) = &page.presentation {
        lines.push(Line::default());
        for para in clean_text(presentation).split('\n') {
            lines.extend(wrap_plain(&protect_french(para), cols).into_iter().map(Line::from));
        }
    }
}

/// One article or comment line: the pointer when chosen, the title, the date on the right.
fn item_line(app: &App, title: &str, date: &str, cols: usize, chosen: bool) -> Line<'static> {
    let t = &app.theme;
    let sel = |style: Style| if chosen { style.patch(t.selected) } else { style };
    let pointer = if chosen { "▌ " } else { "  " };
    let title = widgets::truncate(title, cols.saturating_sub(4 + widgets::width(date)));
    let pad = cols.saturating_sub(2 + widgets::width(&title) + widgets::width(date));
    Line::from(vec![
        Span::styled(pointer, sel(t.accent)),
        Span::styled(title, sel(t.title)),
        Span::styled(" ".repeat(pad), sel(t.base)),
        Span::styled(date.to_string(), sel(t.muted)),
    ])
}
