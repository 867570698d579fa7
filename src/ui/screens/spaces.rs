//! The spaces directory: the search line, what filters apply, and the results — with the
//! map beside them when the window is wide enough.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{map, space_detail};

use crate::domain::spaces_query::{OpenAt, SpaceHit, SpaceSort};
use crate::text::clean_line;
use crate::ui::app::{SIDE_BY_SIDE, SpacesMode};
use crate::ui::{App, Loading, widgets};

/// Rows per space in the list: name, details, blank.
use crate::ui::layout::SPACE_ROWS as ITEM_ROWS;
use crate::ui::layout::space::open_badge;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let [search, filters, _, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    draw_search(app, frame, search);
    draw_filters(app, frame, filters);
    match app.spaces.mode {
        SpacesMode::Detail => space_detail::draw(app, frame, rest),
        SpacesMode::Map => map::draw(app, frame, rest),
        SpacesMode::List if area.width >= SIDE_BY_SIDE => {
            let [list, gap, side] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Length(1), Constraint::Fill(1)])
                    .areas(rest);
            let _ = gap;
            draw_list(app, frame, list);
            map::draw(app, frame, side);
        }
        SpacesMode::List => draw_list(app, frame, rest),
    }
}

fn draw_search(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let d = app.lang.d();
    let area = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    let words = app.spaces.search.lines().join(" ");
    if app.spaces.searching {
        let [label, field] = Layout::horizontal([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        frame.render_widget(Paragraph::new(Span::styled("/", app.theme.accent)), label);
        crate::ui::widgets::input::draw(frame, field, &app.spaces.search, true, &app.theme);
    } else if words.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(d.search_placeholder, app.theme.muted)), area);
    } else {
        let line =
            Line::from(vec![Span::styled("/ ", app.theme.accent), Span::styled(words, app.theme.title)]);
        frame.render_widget(Paragraph::new(line), area);
    }
}

/// One line saying what is applied: nothing hidden, so the member knows why a list is short.
fn filter_summary(app: &App) -> String {
    let d = app.lang.d();
    let q = &app.spaces.query;
    let mut parts: Vec<String> = Vec::new();
    match q.open {
        Some(OpenAt::Now) => parts.push(d.open_now.to_string()),
        Some(OpenAt::At(at)) => {
            parts.push(format!("{} {}", d.when_title.trim_end_matches('…'), app.lang.short_moment(at)));
        }
        None => {}
    }
    parts.extend(q.amenities.iter().map(|a| a.label(app.lang).to_string()));
    parts.extend(q.kind.map(|k| k.label(app.lang).to_string()));
    parts.extend(q.status.map(|s| s.label(app.lang).to_string()));
    parts.extend(q.departement.as_deref().map(|code| format!("{code} {}", app.lang.departement_name(code))));
    if let Some(near) = &q.near {
        parts.push(app.lang.near(&clean_line(&near.name)));
        parts.extend(q.within_km.map(|km| app.lang.within(km)));
    }
    let sort = match q.sort {
        SpaceSort::Relevance => d.sort_relevance,
        SpaceSort::Name => d.sort_name,
        SpaceSort::Distance => d.sort_distance,
    };
    let filters = if parts.is_empty() { d.no_filter.to_string() } else { parts.join(" · ") };
    match app.lang {
        crate::i18n::Lang::Fr => format!("{filters}  │ {}\u{a0}: {sort}", d.sort),
        crate::i18n::Lang::En => format!("{filters}  │ {}: {sort}", d.sort),
    }
}

fn draw_filters(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let area = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    let count = match &app.spaces.results {
        Loading::Ready(_) => app.lang.results(app.spaces.total),
        _ => String::new(),
    };
    let room = usize::from(area.width).saturating_sub(widgets::width(&count) + 2);
    let summary = widgets::truncate(&filter_summary(app), room);
    let pad = usize::from(area.width).saturating_sub(widgets::width(&summary) + widgets::width(&count));
    let line = Line::from(vec![
        Span::styled(summary, app.theme.muted),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, app.theme.accent),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_list(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let s = app.lang.s();
    let list = match &app.spaces.results {
        Loading::Ready(list) if !list.is_empty() => list,
        other => {
            let message = match other {
                Loading::Loading => s.loading,
                Loading::Failed(fault) => app.lang.fault(*fault),
                Loading::Ready(_) => app.lang.d().none_found,
            };
            widgets::message(app, frame, area, message, 3);
            return;
        }
    };
    let inner = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    let visible = (usize::from(inner.height) / ITEM_ROWS).max(1);
    let offset = app.spaces.selected.saturating_sub(visible - 1);
    let mut lines = Vec::new();
    for (i, hit) in list.iter().enumerate().skip(offset).take(visible) {
        lines.extend(item_lines(app, hit, usize::from(inner.width), i == app.spaces.selected));
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn item_lines(app: &App, hit: &SpaceHit, cols: usize, selected: bool) -> [Line<'static>; 2] {
    let t = &app.theme;
    let sp = &hit.space;
    let pointer = if selected { "▌ " } else { "  " };
    let badge = open_badge(&app.look(), hit);
    let name_room = cols.saturating_sub(2 + widgets::width(&badge.content) + 2);
    let name = widgets::truncate(&clean_line(&sp.fields.name), name_room);
    let pad = cols.saturating_sub(2 + widgets::width(&name) + widgets::width(&badge.content));
    let mut details = vec![sp.fields.kind.label(app.lang).to_string(), clean_line(&sp.commune)];
    if let Some(km) = hit.distance_km {
        details.push(app.lang.distance(km));
    }
    let amenities: Vec<&str> = sp.fields.amenities.iter().map(|a| a.label(app.lang)).collect();
    if !amenities.is_empty() {
        details.push(amenities.join(", "));
    }
    let details = widgets::truncate(&details.join(" · "), cols.saturating_sub(2));
    let pad2 = cols.saturating_sub(2 + widgets::width(&details));
    let sel = |style: ratatui::style::Style| if selected { style.patch(t.selected) } else { style };
    [
        Line::from(vec![
            Span::styled(pointer, sel(t.accent)),
            Span::styled(name, sel(t.title)),
            Span::styled(" ".repeat(pad), sel(t.base)),
            Span::styled(badge.content, sel(badge.style)),
        ]),
        Line::from(vec![
            Span::styled(pointer, sel(t.accent)),
            Span::styled(details, sel(t.muted)),
            Span::styled(" ".repeat(pad2), sel(t.base)),
        ]),
    ]
}
