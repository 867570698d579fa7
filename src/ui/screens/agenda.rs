//! The Agenda: meetups grouped by week, two lines each (when and what; where and how many),
//! and one meetup in detail.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::event::monday_of;
use crate::domain::event::{Event, EventStatus, Rsvp};
use crate::text::clean::clean_line;
use crate::text::markdown::{MdLabels, render_comment};
use crate::text::{protect_french, wrap_plain};
use crate::ui::widgets::{self, truncate, width};
use crate::ui::{App, Loading};

/// Widest the list gets.
const MAX_WIDTH: u16 = 110;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    match &app.agenda.detail {
        Some(detail) => draw_detail(app, frame, area, detail),
        None => draw_list(app, frame, area),
    }
}

fn draw_list(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let g = app.lang.g();
    let s = app.lang.s();
    let t = &app.theme;
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2).min(MAX_WIDTH),
        height: area.height.saturating_sub(1),
    };
    let title = if app.agenda.past { g.past_title } else { g.section };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(format!(" {title}"), t.md.heading2))),
        Rect { height: 1, ..inner },
    );
    let body = Rect { y: inner.y + 2, height: inner.height.saturating_sub(2), ..inner };
    let list = match &app.agenda.events {
        Loading::Ready(list) if !list.is_empty() => list,
        other => {
            let text = match other {
                Loading::Loading => s.loading,
                Loading::Failed(fault) => app.lang.fault(*fault),
                Loading::Ready(_) if app.agenda.past => g.past_empty,
                Loading::Ready(_) => g.empty,
            };
            widgets::message(app, frame, body, text, 3);
            return;
        }
    };
    let cols = usize::from(body.width);
    // Rows: week headings, then two lines per meetup; where each meetup starts.
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut starts = Vec::with_capacity(list.len());
    let mut week = None;
    // Times are as long as they read (« 9 h », « 18 h 30 »): the titles start in one column.
    let when_cols = list.iter().map(|e| width(&app.lang.event_when(e))).max().unwrap_or(0);
    for (i, e) in list.iter().enumerate() {
        let monday = monday_of(e.starts_at);
        if week != Some(monday) {
            if week.is_some() {
                rows.push(Line::default());
            }
            rows.push(Line::from(Span::styled(format!(" {}", app.lang.week_of(monday)), t.md.heading3)));
            week = Some(monday);
        }
        starts.push(rows.len());
        let [a, b] = item_lines(app, e, (cols, when_cols), i == app.agenda.selected);
        rows.push(a);
        rows.push(b);
    }
    let height = usize::from(body.height).max(1);
    let sel = starts.get(app.agenda.selected).copied().unwrap_or(0);
    // The selection and its week heading stay on screen.
    let offset = (sel + 2).saturating_sub(height);
    let offset = if app.agenda.selected == 0 { 0 } else { offset };
    let shown: Vec<Line> = rows.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), body);
}

fn item_lines(app: &App, e: &Event, (cols, when_cols): (usize, usize), selected: bool) -> [Line<'static>; 2] {
    let t = &app.theme;
    let g = app.lang.g();
    let pointer = if selected { "▌ " } else { "  " };
    let when = app.lang.event_when(e);
    let when = format!("{when}{}", " ".repeat(when_cols.saturating_sub(width(&when))));
    let mut marks: Vec<(String, ratatui::style::Style)> = Vec::new();
    match e.status {
        EventStatus::Cancelled => marks.push((g.cancelled.to_string(), t.unread)),
        EventStatus::Proposed => marks.push((g.proposed.to_string(), t.accent)),
        EventStatus::Approved => {}
    }
    match e.mine {
        Rsvp::Going => marks.push(("✓".to_string(), t.accent)),
        Rsvp::Waiting(n) => marks.push((format!("⧖ {n}"), t.muted)),
        Rsvp::No if e.is_full() && e.status == EventStatus::Approved => {
            marks.push((g.full.to_string(), t.muted))
        }
        Rsvp::No => {}
    }
    let marks_text: String = marks.iter().map(|(m, _)| format!("  {m}")).collect();
    let room = cols.saturating_sub(width(pointer) + width(&when) + 2 + width(&marks_text));
    let title = truncate(&clean_line(&e.title), room);
    let pad = cols.saturating_sub(width(pointer) + width(&when) + 2 + width(&title) + width(&marks_text));
    let sel = |style: ratatui::style::Style| if selected { style.patch(t.selected) } else { style };
    let mut first = vec![
        Span::styled(pointer, sel(t.accent)),
        Span::styled(when, sel(t.muted)),
        Span::styled("  ", sel(t.base)),
        Span::styled(title, sel(t.title)),
        Span::styled(" ".repeat(pad), sel(t.base)),
    ];
    for (m, style) in marks {
        first.push(Span::styled(format!("  {m}"), sel(style)));
    }
    let place = match (&e.place.space, e.place.commune.is_empty()) {
        (Some(space), false) => format!("{} · {}", clean_line(space), clean_line(&e.place.commune)),
        (Some(space), true) => clean_line(space),
        (None, _) => clean_line(&e.place.commune),
    };
    let mut second = format!("{place} · {}", app.lang.event_places(e));
    if let Some(d) = e.distance_km {
        second.push_str(&format!(" · {d:.0}\u{a0}km"));
    }
    let second = truncate(&second, cols.saturating_sub(4));
    let pad = cols.saturating_sub(4 + width(&second));
    let second = Line::from(vec![
        Span::styled(if selected { "▌   " } else { "    " }, sel(t.accent)),
        Span::styled(second, sel(t.muted)),
        Span::styled(" ".repeat(pad), sel(t.base)),
    ]);
    [Line::from(first), second]
}

fn draw_detail(app: &App, frame: &mut Frame<'_>, area: Rect, detail: &Loading<crate::domain::event::Event>) {
    let e = match detail {
        Loading::Ready(e) => e,
        Loading::Loading => return widgets::message(app, frame, area, app.lang.s().loading, 2),
        Loading::Failed(crate::domain::Fault::NotFound) => {
            return widgets::message(
                app,
                frame,
                area,
                &app.lang.event_error(&crate::domain::event::EventError::NotFound),
                2,
            );
        }
        Loading::Failed(fault) => return widgets::message(app, frame, area, app.lang.fault(*fault), 2),
    };
    let lines = detail_lines(app, e, widgets::column(area).width);
    let column = widgets::column(area);
    let height = usize::from(column.height);
    let max = lines.len().saturating_sub(height);
    let scroll = app.agenda.detail_scroll.min(max);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), column);
}

/// The meetup as lines for a column `cols` wide.
pub fn detail_lines(app: &App, e: &Event, cols: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let g = app.lang.g();
    let w = usize::from(cols).max(10);
    let mut lines = Vec::new();
    let wrap = |text: &str, style: ratatui::style::Style, lines: &mut Vec<Line<'static>>| {
        for l in wrap_plain(&protect_french(text), w) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    };
    match e.status {
        EventStatus::Cancelled => wrap(&g.cancelled.to_uppercase(), t.unread, &mut lines),
        EventStatus::Proposed => wrap(g.proposed, t.accent, &mut lines),
        EventStatus::Approved => {}
    }
    wrap(&clean_line(&e.title), t.md.heading1, &mut lines);
    lines.push(Line::from(Span::styled("─".repeat(w.min(40)), t.muted)));
    wrap(&format!("{}, {}", app.lang.long_date(e.starts_at), app.lang.event_hours(e)), t.base, &mut lines);
    wrap(&clean_line(&e.place.line()), t.base, &mut lines);
    wrap(&app.lang.organised_by(e.organiser.as_deref().map(clean_line).as_deref()), t.muted, &mut lines);
    let mut places = app.lang.event_places(e);
    if let Some(mine) = app.lang.rsvp_label(e.mine) {
        places.push_str(&format!(" · {mine}"));
    }
    wrap(&places, t.accent, &mut lines);
    lines.push(Line::default());
    let s = app.lang.s();
    lines.extend(render_comment(&e.description, w, &t.md, &MdLabels { links: s.links, notes: s.notes }));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(g.attendees.to_string(), t.md.heading3)));
    if e.attendees.is_empty() {
        wrap(g.nobody_yet, t.muted, &mut lines);
    } else {
        let names: Vec<String> = e.attendees.iter().map(|h| clean_line(h)).collect();
        wrap(&names.join(", "), t.base, &mut lines);
    }
    if e.waiting > 0 {
        let text = match app.lang {
            crate::i18n::Lang::Fr => format!("{} en liste d'attente", e.waiting),
            crate::i18n::Lang::En => format!("{} on the waiting list", e.waiting),
        };
        wrap(&text, t.muted, &mut lines);
    }
    lines
}
