//! The bulletin list's search line and its results, the header of a list filtered by
//! rubrique, and the rubrique chooser. Everything shown here was written by someone: the
//! store cleaned it, and it is cleaned again on the way out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::domain::search::{HitKind, SEARCH_PAGE, SearchHit};
use crate::text::clean::clean_line;
use crate::ui::app::HIT_ROWS;
use crate::ui::widgets::{truncate, width};
use crate::ui::{App, Loading, widgets};

/// The search line on top, then the hits.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, max_width: u16) {
    let area = Rect { x: area.x + 1, width: area.width.saturating_sub(2).min(max_width), ..area };
    let [line, _, rest] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    draw_line(app, frame, line);
    let q = app.lang.q();
    let hits = match &app.search.results {
        Loading::Ready(hits) if !hits.is_empty() => hits,
        other => {
            let message = match other {
                Loading::Loading => q.searching,
                Loading::Failed(fault) => app.lang.fault(*fault),
                Loading::Ready(_) if app.search.words().trim().chars().count() < 2 => q.too_short,
                Loading::Ready(_) => q.none_found,
            };
            widgets::message(app, frame, rest, message, 3);
            return;
        }
    };
    let visible = (usize::from(rest.height) / HIT_ROWS).max(1);
    let offset = app.search.selected.saturating_sub(visible - 1);
    let mut lines = Vec::new();
    for (i, hit) in hits.iter().enumerate().skip(offset).take(visible) {
        lines.extend(hit_lines(app, hit, usize::from(rest.width), i == app.search.selected));
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), rest);
}

/// « / words▏ » with how many were found, or what may be searched while it is empty.
fn draw_line(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let q = app.lang.q();
    let count = match &app.search.results {
        Loading::Ready(hits) if !hits.is_empty() => app.lang.hits(hits.len(), hits.len() >= SEARCH_PAGE),
        _ => String::new(),
    };
    let filter = app.search.rubrique.as_deref().map(|r| app.lang.rubrique_only(&clean_line(r)));
    let right: Vec<String> = filter.into_iter().chain(Some(count).filter(|c| !c.is_empty())).collect();
    let right = right.join(" · ");
    let right_cols = u16::try_from(width(&right)).unwrap_or(0).min(area.width / 2);
    let [label, field, side] = Layout::horizontal([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(right_cols + u16::from(right_cols > 0)),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(Span::styled("/", app.theme.accent)), label);
    frame.render_widget(Paragraph::new("").style(app.theme.selected), field);
    if app.search.words().is_empty() {
        let hint = truncate(q.placeholder, usize::from(field.width).saturating_sub(1));
        let line =
            Line::from(vec![Span::styled(" ", app.theme.selected), Span::styled(hint, app.theme.muted)]);
        frame.render_widget(Paragraph::new(line), field);
    } else {
        crate::ui::widgets::input::draw(frame, field, &app.search.input, true, &app.theme);
    }
    let right = truncate(&right, usize::from(right_cols));
    frame.render_widget(Paragraph::new(Span::styled(format!(" {right}"), app.theme.muted)), side);
}

/// A hit: its article's title; the rubrique, the date and what it is; the excerpt with the
/// matched words marked (underlined and bold: readable without colour).
fn hit_lines(app: &App, hit: &SearchHit, cols: usize, selected: bool) -> [Line<'static>; 3] {
    let t = &app.theme;
    let sel = |style: Style| if selected { style.patch(t.selected) } else { style };
    let pointer = Span::styled(if selected { "▌ " } else { "  " }, sel(t.accent));
    let room = cols.saturating_sub(2);
    let pad = |used: usize| Span::styled(" ".repeat(room.saturating_sub(used)), sel(t.base));
    let title = truncate(&clean_line(&hit.title), room);
    let first =
        Line::from(vec![pointer.clone(), Span::styled(title.clone(), sel(t.title)), pad(width(&title))]);
    let what = match hit.kind {
        HitKind::Article => app.lang.q().article.to_string(),
        HitKind::Comment => app.lang.comment_by(&clean_line(&hit.author)),
    };
    let rubrique = truncate(&clean_line(&hit.rubrique), room);
    let details = [app.lang.short_date(hit.published_at), what];
    let details = truncate(
        &format!("{}{}", if rubrique.is_empty() { "" } else { " · " }, details.join(" · ")),
        room.saturating_sub(width(&rubrique)),
    );
    let used = width(&rubrique) + width(&details);
    let second = Line::from(vec![
        pointer.clone(),
        Span::styled(rubrique, sel(t.accent)),
        Span::styled(details, sel(t.muted)),
        pad(used),
    ]);
    let mark = sel(t.base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let mut spans = vec![pointer];
    let mut left = room;
    for (text, marked) in hit.pieces() {
        if left == 0 {
            break;
        }
        let piece = truncate(&clean_line_keep_edges(text), left);
        left = left.saturating_sub(width(&piece));
        spans.push(Span::styled(piece, if marked { mark } else { sel(t.base) }));
    }
    spans.push(pad(room - left));
    [first, second, Line::from(spans)]
}

/// A piece of an excerpt cleaned again, the spaces that join it to its neighbours kept.
fn clean_line_keep_edges(s: &str) -> String {
    let inner = clean_line(s);
    let lead = if s.starts_with(' ') && !inner.is_empty() { " " } else { "" };
    let trail = if s.ends_with(' ') { " " } else { "" };
    format!("{lead}{inner}{trail}")
}

/// The list's header while it shows one rubrique; nothing otherwise.
pub fn draw_filter_header(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some(rubrique) = app.search.rubrique.as_deref() else {
        return;
    };
    let line = Line::from(vec![
        Span::styled(app.lang.rubrique_only(&clean_line(rubrique)), app.theme.title),
        Span::styled(format!(" · {}", app.lang.q().clear_filter), app.theme.muted),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The rubriques to choose from, « toutes » first, over the list.
pub fn draw_chooser(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some(row) = app.search.choosing else {
        return;
    };
    let q = app.lang.q();
    let names: Vec<String> = std::iter::once(q.all_rubriques.to_string())
        .chain(app.rubriques().iter().map(|r| clean_line(r)))
        .collect();
    let widest = names.iter().map(|n| width(n)).max().unwrap_or(0);
    let w = u16::try_from(widest + 8).unwrap_or(40).clamp(24, area.width.saturating_sub(4).max(24));
    let h = u16::try_from(names.len() + 2).unwrap_or(u16::MAX).min(area.height);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(w) / 2,
        y: area.y + area.height.saturating_sub(h) / 2,
        width: w.min(area.width),
        height: h,
    };
    let visible = usize::from(h.saturating_sub(2)).max(1);
    let offset = row.saturating_sub(visible - 1);
    let current = app.search.rubrique.as_deref().map(clean_line);
    let lines: Vec<Line<'static>> = names
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, name)| {
            let on = if i == 0 { current.is_none() } else { current.as_deref() == Some(name.as_str()) };
            let text = format!("{} {name}", if on { "●" } else { "○" });
            let style = if i == row { app.theme.selected } else { app.theme.base };
            Line::from(Span::styled(truncate(&text, usize::from(w).saturating_sub(4)), style))
        })
        .collect();
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", q.chooser_title), app.theme.title));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block.padding(ratatui::widgets::Padding::horizontal(1))),
        rect,
    );
}
